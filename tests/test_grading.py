"""493号 第三条: grades by deaths, serious injuries and loss; 以上 includes, 以下 excludes."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountability.catalog import load_regime
from accountability.grading import DeathBand, Grade, death_band, grade_incident, national_grade
from accountability.model import Incident, Moment


@pytest.mark.parametrize(
    ("deaths", "grade"),
    [
        (0, Grade.none),
        (1, Grade.general),
        (2, Grade.general),
        (3, Grade.larger),
        (9, Grade.larger),
        (10, Grade.major),
        (29, Grade.major),
        (30, Grade.extraordinary),
        (300, Grade.extraordinary),
    ],
)
def test_grade_by_deaths(deaths: int, grade: Grade) -> None:
    assert national_grade(deaths)[0] is grade
    assert national_grade(deaths)[1] is grade


@pytest.mark.parametrize(
    ("injuries", "grade"),
    [
        (0, Grade.none),
        (1, Grade.general),
        (9, Grade.general),
        (10, Grade.larger),
        (49, Grade.larger),
        (50, Grade.major),
        (99, Grade.major),
        (100, Grade.extraordinary),
    ],
)
def test_grade_by_serious_injuries(injuries: int, grade: Grade) -> None:
    overall, by_deaths, by_injuries, _ = national_grade(0, injuries)
    assert (overall, by_deaths, by_injuries) == (grade, Grade.none, grade)


@pytest.mark.parametrize(
    ("loss", "grade"),
    [
        ("0", Grade.none),
        ("0.01", Grade.general),
        ("9999999.99", Grade.general),
        ("10000000", Grade.larger),
        ("49999999.99", Grade.larger),
        ("50000000", Grade.major),
        ("99999999.99", Grade.major),
        ("100000000", Grade.extraordinary),
    ],
)
def test_grade_by_direct_loss(loss: str, grade: Grade) -> None:
    overall, _, _, by_loss = national_grade(0, 0, Decimal(loss))
    assert overall is grade and by_loss is grade


def test_highest_criterion_wins() -> None:
    assert national_grade(1, 10, Decimal(0))[0] is Grade.larger
    assert national_grade(1, 0, Decimal(50_000_000))[0] is Grade.major
    assert national_grade(2, 9, Decimal("9999999.99"))[0] is Grade.general


@pytest.mark.parametrize(
    ("deaths", "band"),
    [
        (0, DeathBand.none),
        (1, DeathBand.one_two),
        (2, DeathBand.one_two),
        (3, DeathBand.three_five),
        (5, DeathBand.three_five),
        (6, DeathBand.six_nine),
        (9, DeathBand.six_nine),
        (10, DeathBand.ten_plus),
    ],
)
def test_death_band(deaths: int, band: DeathBand) -> None:
    assert death_band(deaths) is band


def test_negative_counts_are_errors() -> None:
    with pytest.raises(ValueError):
        death_band(-1)
    with pytest.raises(ValueError):
        national_grade(0, -1)
    with pytest.raises(ValueError):
        national_grade(0, 0, Decimal("-0.01"))


def _incident(**kw: object) -> Incident:
    return Incident(occurred_at=Moment(pendulum.Date(2024, 1, 31)), deaths=1, **kw)  # type: ignore[arg-type]


SCHEME = load_regime("national").grading


def test_grading_is_table_data_from_its_date_of_effect() -> None:
    """493号 in force 2007-06-01: an accident the day before gets no grade of this library."""
    assert SCHEME is not None and str(SCHEME.effective_from) == "2007-06-01"
    before = Incident(occurred_at=Moment(pendulum.Date(2007, 5, 31)), deaths=40)
    on = Incident(occurred_at=Moment(pendulum.Date(2007, 6, 1)), deaths=40)
    assert grade_incident(before, SCHEME).national is Grade.none
    assert grade_incident(on, SCHEME).national is Grade.extraordinary
    assert grade_incident(on, None).national is Grade.none  # a regime without grading


def test_death_band_only_where_the_regime_defines_it() -> None:
    xpcc, national = load_regime("xpcc"), load_regime("national")
    four = Incident(occurred_at=Moment(pendulum.Date(2024, 1, 31)), deaths=4)
    assert grade_incident(four, xpcc.grading, xpcc.death_bands).death_band == "3-5"
    assert grade_incident(four, national.grading, national.death_bands).death_band is None


def test_casualties_provisional_30_days_7_for_traffic_and_fire() -> None:
    """493号 第十三条: 30 days, 7 for road traffic and fire; the start day is not counted."""
    assert grade_incident(_incident(), SCHEME).provisional_until == pendulum.Date(2024, 3, 1)
    assert grade_incident(_incident(accident_type="traffic"), SCHEME).provisional_until == pendulum.Date(2024, 2, 7)
    assert grade_incident(_incident(accident_type="fire"), SCHEME).provisional_until == pendulum.Date(2024, 2, 7)
    # a road-transport unit's accident that is not a traffic accident keeps 30 days
    mech = _incident(sector="road_transport", accident_type="mechanical_injury")
    assert grade_incident(mech, SCHEME).provisional_until == pendulum.Date(2024, 3, 1)
    # with no type, the sector stands for it
    assert grade_incident(_incident(sector="road_transport"), SCHEME).provisional_until == pendulum.Date(2024, 2, 7)


counts = st.integers(min_value=0, max_value=200)
losses = st.decimals(min_value=0, max_value=Decimal(200_000_000), places=2)


@given(counts, counts, losses, st.integers(min_value=0, max_value=50))
def test_grade_is_monotone_in_each_criterion(d: int, i: int, loss: Decimal, more: int) -> None:
    base = national_grade(d, i, loss)[0].rank
    assert national_grade(d + more, i, loss)[0].rank >= base
    assert national_grade(d, i + more, loss)[0].rank >= base
    assert national_grade(d, i, loss + more)[0].rank >= base


@given(counts, counts, losses)
def test_overall_is_the_highest_criterion(d: int, i: int, loss: Decimal) -> None:
    overall, a, b, c = national_grade(d, i, loss)
    assert overall.rank == max(a.rank, b.rank, c.rank)
