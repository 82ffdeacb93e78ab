"""The death band of the card and the national grade (493号 第三条)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import attrs
import pendulum

from .calendar import add_days
from .model import AccidentType, Incident, Sector


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

# 第三条: lower bounds of larger, major, extraordinary. "以上" includes the number,
# "以下" excludes it (第三条第二款), so each grade starts at its bound.
DEATH_BOUNDS = (Decimal(3), Decimal(10), Decimal(30))
INJURY_BOUNDS = (Decimal(10), Decimal(50), Decimal(100))
LOSS_BOUNDS = (Decimal(10_000_000), Decimal(50_000_000), Decimal(100_000_000))


def death_band(deaths: int) -> DeathBand:
    if deaths < 0:
        raise ValueError("deaths cannot be negative")
    if deaths == 0:
        return DeathBand.none
    if deaths <= 2:
        return DeathBand.one_two
    if deaths <= 5:
        return DeathBand.three_five
    if deaths <= 9:
        return DeathBand.six_nine
    return DeathBand.ten_plus


def _by_bounds(value: Decimal, bounds: tuple[Decimal, ...]) -> Grade:
    if value < 0:
        raise ValueError("a count or loss cannot be negative")
    if value == 0:
        return Grade.none
    grade = Grade.general
    for bound, upper in zip(bounds, (Grade.larger, Grade.major, Grade.extraordinary), strict=True):
        if value >= bound:
            grade = upper
    return grade


@attrs.frozen
class GradeResult:
    death_band: DeathBand
    national: Grade
    deaths: Grade
    serious_injuries: Grade
    direct_loss: Grade
    provisional_until: pendulum.Date | None


def national_grade(
    deaths: int, serious_injuries: int = 0, direct_loss_cny: Decimal = Decimal(0)
) -> tuple[Grade, Grade, Grade, Grade]:
    """The grade by each criterion, and the highest of them (第三条)."""
    by_deaths = _by_bounds(Decimal(deaths), DEATH_BOUNDS)
    by_injuries = _by_bounds(Decimal(serious_injuries), INJURY_BOUNDS)
    by_loss = _by_bounds(direct_loss_cny, LOSS_BOUNDS)
    overall = max((by_deaths, by_injuries, by_loss), key=lambda g: g.rank)
    return overall, by_deaths, by_injuries, by_loss


SHORT_UPDATE_SECTORS = frozenset({Sector.road_transport, Sector.fire_crowded_places})
SHORT_UPDATE_TYPES = frozenset({AccidentType.traffic, AccidentType.fire})


def update_window_days(incident: Incident) -> int:
    """493号 第十三条: casualties may change for 30 days (7 for road traffic and fire)."""
    if incident.accident_type is None:
        # Reading: with no accident type, the sector stands for it.
        return 7 if incident.sector in SHORT_UPDATE_SECTORS else 30
    return 7 if incident.accident_type in SHORT_UPDATE_TYPES else 30


def grade_incident(incident: Incident) -> GradeResult:
    overall, by_deaths, by_injuries, by_loss = national_grade(
        incident.deaths, incident.serious_injuries, incident.direct_loss_cny
    )
    provisional = None if overall is Grade.none else add_days(incident.day, update_window_days(incident))
    return GradeResult(
        death_band=death_band(incident.deaths),
        national=overall,
        deaths=by_deaths,
        serious_injuries=by_injuries,
        direct_loss=by_loss,
        provisional_until=provisional,
    )
