"""Exact money: Decimal throughout, one rounding point, shares that sum to their whole."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_fen(amount: Decimal) -> Decimal:
    """The one declared rounding point: to the fen, half up (docs/rules.md §1)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def split(total: Decimal, parts: int) -> list[Decimal]:
    """Split ``total`` (to the fen) into ``parts`` equal shares; leftover fen go one each to the first.

    The shares always sum exactly to ``to_fen(total)``.
    """
    if parts < 1:
        raise ValueError("a split needs at least one part")
    whole = to_fen(total)
    base = (whole / parts).quantize(CENT, rounding=ROUND_DOWN)
    left = int((whole - base * parts) / CENT)
    return [base + CENT if i < left else base for i in range(parts)]


def money_text(amount: Decimal) -> str:
    """An amount as output: a decimal string to the fen ("4000.00")."""
    return str(to_fen(amount))


def grouped(amount: Decimal) -> str:
    """An amount for people: to the fen, thousands grouped ("3,500,000.00")."""
    return f"{to_fen(amount):,.2f}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("仟", "佰", "拾", "")  # within a group of four digits, from the left
_GROUPS = ("", "万", "亿")  # the groups of four digits, from the right
DAXIE_LIMIT = Decimal(10) ** 12  # up to 玖仟玖佰玖拾玖亿…: 万亿 is not written


def daxie(amount: Decimal) -> str:
    """An amount in capital numerals (大写), as a formal document or a voucher writes it, exact to the fen.

    Following 《正确填写票据和结算凭证的基本规定》: 拾 always with its digit (10 → 壹拾元整); one 零
    for a run of zeros inside the number (1,409.50 → 壹仟肆佰零玖元伍角; 100,010 → 壹拾万零壹拾元整);
    整 after 元 when there are no 角 or 分; 零 after 元 when 角 is zero and 分 is not
    (16,409.02 → 壹万陆仟肆佰零玖元零贰分); an amount under one yuan starts at its first digit
    (0.01 → 壹分). Rounded to the fen (half up) first, as every amount of the output is.
    """
    fen_total = int(to_fen(amount) / CENT)
    if fen_total < 0:
        raise ValueError("大写 is written for amounts of zero or more")
    if fen_total >= DAXIE_LIMIT * 100:
        raise ValueError("大写 is written for amounts under 1,000,000,000,000 yuan")
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if fen_total == 0:
        return "零元整"
    out = ""
    if yuan:
        digits = str(yuan)
        digits = "0" * (-len(digits) % 4) + digits
        groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
        zero = False  # a zero is owed before the next digit written
        for index, group in enumerate(groups):
            for place, digit in zip(_PLACES, group, strict=True):
                if digit == "0":
                    zero = zero or bool(out)
                    continue
                if zero:
                    out += "零"
                    zero = False
                out += _DIGITS[int(digit)] + place
            if group != "0000":
                out += _GROUPS[len(groups) - 1 - index]
        out += "元"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif fen and yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    elif not jiao:
        out += "整"
    return out
