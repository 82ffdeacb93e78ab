"""Dates in Asia/Shanghai and the counting of periods (民法典 第二百零一、二百零二条)."""

from __future__ import annotations

import datetime as dt

import pendulum

from .events import Event, ev

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


def is_rest_day(day: pendulum.Date) -> bool | None:
    """法定休假日 per the official calendar: weekends and holidays that are not make-up working days.

    ``None`` when the calendar package has no data for the year.
    """
    import chinese_calendar

    try:
        return not chinese_calendar.is_workday(dt.date(day.year, day.month, day.day))
    except NotImplementedError:
        return None


def due_date(start: pendulum.Date, days: int) -> tuple[pendulum.Date, Event | None]:
    """A deadline of ``days`` days from ``start`` (民法典 第二百零一至二百零三条).

    The start day is not counted; a last day that is a rest day moves to the next
    working day. Returns the date and a note when it moved or could not be checked.
    """
    last = add_days(start, days)
    day = last
    while True:
        rest = is_rest_day(day)
        if rest is None:
            if day == last:
                return last, ev("due.no_calendar", day=str(last), year=last.year)
            return day, ev("due.moved_no_calendar", day=str(last), moved=str(day), year=day.year)
        if not rest:
            break
        day = day.add(days=1)
    if day != last:
        return day, ev("due.moved", day=str(last), moved=str(day))
    return day, None


def calendar_provenance() -> dict[str, object]:
    """The holiday calendar due dates were counted with: the ``chinesecalendar`` package's version and
    the first and last year it has data for (a due date in a later year is left unadjusted, with a note).

    Meant for the output's provenance beside the table hashes, e.g.
    ``{"package": "chinesecalendar", "version": "1.11.0", "years": [2004, 2026]}``.
    """
    import chinese_calendar

    # The version the package states (chinese_calendar.__version__, which its releases keep equal to the
    # distribution's); the distribution's metadata only when it states none: importing importlib.metadata
    # costs a cold `accountability assess` about a tenth of its time.
    installed: str | None = getattr(chinese_calendar, "__version__", None)
    if not isinstance(installed, str):
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("chinesecalendar")
        except PackageNotFoundError:
            installed = None
    days = [*chinese_calendar.holidays, *chinese_calendar.workdays]
    return {
        "package": "chinesecalendar",
        "version": installed,
        "years": [min(d.year for d in days), max(d.year for d in days)],
    }
