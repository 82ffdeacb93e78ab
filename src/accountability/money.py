"""Exact money: Decimal throughout, one rounding point, shares that sum to their whole."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_fen(amount: Decimal) -> Decimal:
    """The one declared rounding point: to the fen, half up (RULES §1)."""
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
