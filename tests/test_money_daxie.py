"""Amounts for people: grouped digits and capital numerals (大写), exact to the fen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountability.money import DAXIE_LIMIT, daxie, grouped

DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", "零元整"),
        ("0.00", "零元整"),
        ("0.01", "壹分"),
        ("0.10", "壹角"),
        ("0.56", "伍角陆分"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("16", "壹拾陆元整"),
        ("100", "壹佰元整"),
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万零柒仟元伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("10000", "壹万元整"),
        ("20000", "贰万元整"),
        ("100010", "壹拾万零壹拾元整"),
        ("3500000", "叁佰伍拾万元整"),
        ("100000000.05", "壹亿元零伍分"),
        ("100000001", "壹亿零壹元整"),
        ("1000010000", "壹拾亿零壹万元整"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ("1.005", "壹元零壹分"),  # rounded to the fen, half up, as every output amount
    ],
)
def test_daxie(amount: str, expected: str) -> None:
    assert daxie(Decimal(amount)) == expected


@pytest.mark.parametrize("amount", ["-0.01", str(DAXIE_LIMIT)])
def test_daxie_refuses_what_it_cannot_write(amount: str) -> None:
    with pytest.raises(ValueError):
        daxie(Decimal(amount))


def _read_back(text: str) -> Decimal:
    """The amount a 大写 text says (a reader for the property below)."""
    total, group, number, fen = 0, 0, 0, 0
    units = {"拾": 10, "佰": 100, "仟": 1000}
    for char in text:
        if char in DIGIT:
            number = DIGIT[char]
        elif char in units:
            group += number * units[char]
            number = 0
        elif char == "万":
            total += (group + number) * 10_000
            group = number = 0
        elif char == "亿":
            total = (total + group + number) * 100_000_000
            group = number = 0
        elif char == "元":
            total += group + number
            group = number = 0
        elif char == "角":
            fen += number * 10
            number = 0
        elif char == "分":
            fen += number
            number = 0
    return Decimal(total * 100 + fen) / 100


@given(st.integers(min_value=0, max_value=int(DAXIE_LIMIT) * 100 - 1))
def test_daxie_says_the_amount(fen: int) -> None:
    amount = Decimal(fen) / 100
    text = daxie(amount)
    assert _read_back(text) == amount
    assert ("零零" not in text and not text.startswith("零")) or text == "零元整"
    assert text.endswith("整") == (fen % 100 == 0)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("0", "0.00"), ("3500000", "3,500,000.00"), ("999.995", "1,000.00"), ("100000000.05", "100,000,000.05")],
)
def test_grouped(amount: str, expected: str) -> None:
    assert grouped(Decimal(amount)) == expected
