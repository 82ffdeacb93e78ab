"""Exact money (RULES §1) and deadlines with the official holiday calendar (民法典 第二百零一至二百零三条)."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountability.calendar import add_months, add_years, due_date, within_days_before, within_years_before
from accountability.events import ev
from accountability.money import money_text, split, to_fen


def test_three_signatories_split_4000() -> None:
    assert split(Decimal(4000), 3) == [Decimal("1333.34"), Decimal("1333.33"), Decimal("1333.33")]


def test_split_even_and_single() -> None:
    assert split(Decimal(6000), 2) == [Decimal("3000.00"), Decimal("3000.00")]
    assert split(Decimal("0.01"), 3) == [Decimal("0.01"), Decimal("0.00"), Decimal("0.00")]
    with pytest.raises(ValueError):
        split(Decimal(1), 0)


@given(
    st.decimals(min_value=0, max_value=Decimal(10) ** 10, places=2, allow_nan=False, allow_infinity=False),
    st.integers(min_value=1, max_value=50),
)
def test_shares_always_sum_to_the_whole(total: Decimal, parts: int) -> None:
    shares = split(total, parts)
    assert sum(shares) == to_fen(total)
    assert max(shares) - min(shares) <= Decimal("0.01")
    assert shares == sorted(shares, reverse=True)  # leftover fen go to the first in input order


def test_half_up_at_the_one_rounding_point() -> None:
    assert money_text(Decimal("0.005")) == "0.01"  # half-even would give 0.00
    assert money_text(Decimal("181342.455")) == "181342.46"
    assert money_text(Decimal(20000)) == "20000.00"


def test_periods_forward() -> None:
    assert add_years(pendulum.Date(2024, 2, 29), 1) == pendulum.Date(2025, 2, 28)
    assert add_months(pendulum.Date(2024, 4, 23), 18) == pendulum.Date(2025, 10, 23)
    assert add_months(pendulum.Date(2024, 8, 31), 6) == pendulum.Date(2025, 2, 28)


def test_periods_backward() -> None:
    d = pendulum.Date(2024, 5, 12)
    assert within_days_before(pendulum.Date(2024, 4, 12), d, 30)
    assert not within_days_before(pendulum.Date(2024, 4, 11), d, 30)
    assert within_years_before(pendulum.Date(2023, 5, 12), d, 1)
    assert not within_years_before(d, d, 1)


def test_due_date_on_a_working_day_stays() -> None:
    assert due_date(pendulum.Date(2025, 9, 15), 15) == (pendulum.Date(2025, 9, 30), None)


def test_due_date_on_national_day_moves_past_the_holiday() -> None:
    day, note = due_date(pendulum.Date(2025, 9, 16), 15)  # 2025-10-01, holiday to 10-08
    assert day == pendulum.Date(2025, 10, 9)
    assert note == ev("due.moved", day="2025-10-01", moved="2025-10-09")


def test_due_date_on_a_weekend_moves_to_monday() -> None:
    day, _ = due_date(pendulum.Date(2025, 3, 1), 14)  # Saturday 2025-03-15
    assert day == pendulum.Date(2025, 3, 17)


def test_make_up_working_day_counts_as_working() -> None:
    assert due_date(pendulum.Date(2026, 1, 30), 15) == (pendulum.Date(2026, 2, 14), None)  # a Saturday, 补班


def test_year_outside_the_calendar_is_left_unadjusted_and_said() -> None:
    day, note = due_date(pendulum.Date(2027, 1, 1), 15)
    assert day == pendulum.Date(2027, 1, 16)
    assert note == ev("due.no_calendar", day="2027-01-16", year=2027)
