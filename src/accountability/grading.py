"""The national grade (493号 第三条) and the death band of the card, as table data.

The figures are rows of the tables, not code: ``[grading]`` of ``tables/national.toml``
(the grade bounds with their date of effect, the 1-hour report clock, the casualty
update windows) and ``[death_bands]`` of ``tables/xpcc.toml``. This module holds
their typed form and the arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from .calendar import add_days
from .model import AccidentType, Incident, Sector

if TYPE_CHECKING:
    from .outcome import Citation


class DeathBand(StrEnum):
    none = "none"
    one_two = "1-2"
    three_five = "3-5"
    six_nine = "6-9"
    ten_plus = "10+"


class Grade(StrEnum):
    """National grade; ``none`` is an incident with no death, injury or loss."""

    none = "none"
    general = "general"
    larger = "larger"
    major = "major"
    extraordinary = "extraordinary"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def zh(self) -> str:
        return _ZH[self]


_RANK = {g: i for i, g in enumerate(Grade)}
_ZH = {
    Grade.none: "无",
    Grade.general: "一般事故",
    Grade.larger: "较大事故",
    Grade.major: "重大事故",
    Grade.extraordinary: "特别重大事故",
}
CRITERIA = ("deaths", "serious_injuries", "direct_loss_cny")
UPPER = (Grade.larger, Grade.major, Grade.extraordinary)


@attrs.frozen
class GradingScheme:
    """``[grading]``: the lower bound of larger, major and extraordinary per criterion ("以上" includes
    the number, "以下" excludes it, so each grade starts at its bound), from its date of effect."""

    effective_from: pendulum.Date
    bounds: Mapping[str, tuple[Decimal, Decimal, Decimal]]
    report_within_minutes: int
    update_days: int
    short_update_days: int
    short_update_types: frozenset[AccidentType]
    short_update_sectors: frozenset[Sector]
    citations: Mapping[str, Citation]

    def grade(self, criterion: str, value: Decimal) -> Grade:
        if value < 0:
            raise ValueError("a count or loss cannot be negative")
        if value == 0:
            return Grade.none
        grade = Grade.general
        for bound, upper in zip(self.bounds[criterion], UPPER, strict=True):
            if value >= bound:
                grade = upper
        return grade

    def update_window_days(self, incident: Incident) -> int:
        """第十三条: casualties may change for 30 days (7 for road traffic and fire)."""
        if incident.accident_type is None:
            # Reading: with no accident type, the sector stands for it.
            short = incident.sector in self.short_update_sectors
        else:
            short = incident.accident_type in self.short_update_types
        return self.short_update_days if short else self.update_days


@attrs.frozen
class DeathBands:
    """``[death_bands]``: named bands of deaths, each ``{band, min, max}`` (the last open-ended)."""

    bands: tuple[tuple[str, int, int | None], ...]
    citations: Mapping[str, Citation]

    def band(self, deaths: int) -> str:
        for name, low, high in self.bands:
            if deaths >= low and (high is None or deaths <= high):
                return name
        return "none"


@attrs.frozen
class GradeResult:
    death_band: DeathBand | None
    national: Grade
    deaths: Grade
    serious_injuries: Grade
    direct_loss: Grade
    provisional_until: pendulum.Date | None


def _shipped() -> tuple[GradingScheme, DeathBands]:
    """The shipped grading (national law) and death bands (the card's), for callers without a regime."""
    from .catalog import load_regime

    regime = load_regime("card")
    assert regime.grading is not None and regime.death_bands is not None
    return regime.grading, regime.death_bands


def death_band(deaths: int) -> DeathBand:
    """The card's death band (``[death_bands]`` of the shipped XPCC table)."""
    if deaths < 0:
        raise ValueError("deaths cannot be negative")
    return DeathBand(_shipped()[1].band(deaths))


def national_grade(
    deaths: int,
    serious_injuries: int = 0,
    direct_loss_cny: Decimal = Decimal(0),
    scheme: GradingScheme | None = None,
) -> tuple[Grade, Grade, Grade, Grade]:
    """The grade by each criterion, and the highest of them (第三条); the shipped scheme by default."""
    scheme = scheme or _shipped()[0]
    by_deaths = scheme.grade("deaths", Decimal(deaths))
    by_injuries = scheme.grade("serious_injuries", Decimal(serious_injuries))
    by_loss = scheme.grade("direct_loss_cny", direct_loss_cny)
    overall = max((by_deaths, by_injuries, by_loss), key=lambda g: g.rank)
    return overall, by_deaths, by_injuries, by_loss


def grade_incident(incident: Incident, scheme: GradingScheme | None, bands: DeathBands | None = None) -> GradeResult:
    """The incident's grade under ``scheme`` (none before its date of effect, or without one), and its
    death band where the regime defines bands."""
    band = None if bands is None else DeathBand(bands.band(incident.deaths))
    if scheme is None or incident.day < scheme.effective_from:
        return GradeResult(band, Grade.none, Grade.none, Grade.none, Grade.none, None)
    overall, by_deaths, by_injuries, by_loss = national_grade(
        incident.deaths, incident.serious_injuries, incident.direct_loss_cny, scheme
    )
    provisional = None if overall is Grade.none else add_days(incident.day, scheme.update_window_days(incident))
    return GradeResult(
        death_band=band,
        national=overall,
        deaths=by_deaths,
        serious_injuries=by_injuries,
        direct_loss=by_loss,
        provisional_until=provisional,
    )


GRADING_KEYS = {
    "summary",
    "effective_from",
    *CRITERIA,
    "report_within_minutes",
    "update_days",
    "short_update_days",
    "short_update_types",
    "short_update_sectors",
    "reading",
    "cite",
}


def parse_grading(c: Any, raw: object, citations: Mapping[str, Citation]) -> GradingScheme:
    """Check and type ``[grading]`` (``c`` is the table's compiler: its ``fail`` names the file)."""
    if not isinstance(raw, dict) or set(raw) - GRADING_KEYS or not GRADING_KEYS - {"reading"} <= set(raw):
        raise c.fail(f"[grading] has {', '.join(sorted(GRADING_KEYS))} (reading optional)")
    bounds = {}
    for criterion in CRITERIA:
        row = raw[criterion]
        if not isinstance(row, dict) or set(row) != {"larger", "major", "extraordinary"}:
            raise c.fail(f"[grading] {criterion}: {{ larger, major, extraordinary }} lower bounds")
        low, mid, high = (c.number(f"{criterion}.{g.value}", row[g.value], 1, 10**12) for g in UPPER)
        if not low < mid < high:
            raise c.fail(f"[grading] {criterion}: the bounds must rise from larger to extraordinary")
        bounds[criterion] = (low, mid, high)
    effective = raw["effective_from"]
    if not isinstance(effective, dt.date) or isinstance(effective, dt.datetime):
        raise c.fail("[grading] effective_from must be a TOML date")
    types = c.codes("short_update_types", raw["short_update_types"], "accident_type")
    sectors = c.codes("short_update_sectors", raw["short_update_sectors"], "sector")
    return GradingScheme(
        effective_from=pendulum.Date(effective.year, effective.month, effective.day),
        bounds=bounds,
        report_within_minutes=int(c.number("report_within_minutes", raw["report_within_minutes"], 1, 100_000)),
        update_days=int(c.number("update_days", raw["update_days"], 1, 3660)),
        short_update_days=int(c.number("short_update_days", raw["short_update_days"], 1, 3660)),
        short_update_types=frozenset(AccidentType(t) for t in types),
        short_update_sectors=frozenset(Sector(x) for x in sectors),
        citations=citations,
    )


def parse_death_bands(c: Any, raw: object, citations: Mapping[str, Citation]) -> DeathBands:
    if not isinstance(raw, dict) or set(raw) != {"bands", "cite"} or not isinstance(raw["bands"], list):
        raise c.fail("[death_bands] has 'bands' (a list of { band, min, max }) and [[death_bands.cite]]")
    bands: list[tuple[str, int, int | None]] = []
    for row in raw["bands"]:
        if not isinstance(row, dict) or not {"band", "min"} <= set(row) <= {"band", "min", "max"}:
            raise c.fail("[death_bands]: each band is { band = name, min = deaths, max = deaths }")
        if row["band"] not in {b.value for b in DeathBand}:
            raise c.fail(f"[death_bands]: unknown band {row['band']!r}")
        low = int(c.number("min", row["min"], 1, 10**6))
        high = None if "max" not in row else int(c.number("max", row["max"], low, 10**6))
        if bands and (bands[-1][2] is None or low != bands[-1][2] + 1):
            raise c.fail(f"[death_bands]: band {row['band']} leaves a gap or overlaps the band before it")
        bands.append((str(row["band"]), low, high))
    if not bands or bands[0][1] != 1 or bands[-1][2] is not None:
        raise c.fail("[death_bands]: the bands start at 1 death and the last is open-ended")
    return DeathBands(tuple(bands), citations)
