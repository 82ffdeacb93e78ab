"""Dates in Asia/Shanghai and the counting of periods (民法典 第二百零一、二百零二条)."""

from __future__ import annotations

import datetime as dt

import pendulum

SHANGHAI = pendulum.timezone("Asia/Shanghai")


def shanghai_day(instant: dt.datetime) -> pendulum.Date:
    """The calendar date in Shanghai of an aware timestamp."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("a naive timestamp has no date in Shanghai")
    local = pendulum.instance(instant).in_timezone(SHANGHAI)
    return pendulum.Date(local.year, local.month, local.day)


def add_days(start: pendulum.Date, days: int) -> pendulum.Date:
    """Last day of a period of ``days`` days counted from the day after ``start``."""
    return start.add(days=days)


def add_months(start: pendulum.Date, months: int) -> pendulum.Date:
    """Last day of a period of months: the corresponding day, or the month's last day."""
    return start.add(months=months)


def add_years(start: pendulum.Date, years: int) -> pendulum.Date:
    """Last day of a period of years (2024-02-29 + 1 year → 2025-02-28)."""
    return start.add(years=years)


def within_days_before(day: pendulum.Date, anchor: pendulum.Date, days: int) -> bool:
    """ "N天内" before ``anchor``: anchor − N days ≤ day ≤ anchor."""
    return anchor.subtract(days=days) <= day <= anchor


def within_months_before(day: pendulum.Date, anchor: pendulum.Date, months: int) -> bool:
    """ "N月内" before ``anchor``: anchor − N months ≤ day ≤ anchor."""
    return anchor.subtract(months=months) <= day <= anchor


def within_years_before(day: pendulum.Date, anchor: pendulum.Date, years: int) -> bool:
    """ "一年内" before ``anchor`` (贵阳 第二十一条(四)): anchor − N years ≤ day < anchor."""
    return anchor.subtract(years=years) <= day < anchor
