"""RULES §7: national fines by era, bans, the report clock, and 顶格上限处罚 (RULES §3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from accountability import Consequence, Result, assess
from accountability.events import ev

PRINCIPAL = {"id": "p", "post": "unit_head", "conduct": {"duties_not_performed": True}}


def run(
    deaths: int = 1,
    *,
    regime: str = "national",
    occurred_at: str = "2024-05-12T09:30:00+08:00",
    officials: list[dict[str, Any]] | None = None,
    decided_on: str | None = "2024-08-01",
    **incident: Any,
) -> Result:
    data: dict[str, Any] = {
        "regime": regime,
        "incident": {
            "occurred_at": occurred_at,
            "deaths": deaths,
            "responsibility_accident": True,
            "unit": {"name": "某公司"},
            **incident,
        },
        "officials": officials if officials is not None else [PRINCIPAL],
    }
    if decided_on:
        data["decided_on"] = decided_on
    return assess(data)


def of(result: Result, rule: str, kind: str = "fine") -> list[Consequence]:
    return [c for c in result.consequences if c.rule == rule and c.kind.value == kind]


def one(result: Result, rule: str, kind: str = "fine") -> Consequence:
    found = of(result, rule, kind)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ the principal's fine by era


@pytest.mark.parametrize(
    ("day", "deaths", "rate", "article"),
    [
        ("2014-11-30", 1, "0.30", "第三十八条（一）"),
        ("2014-12-01", 1, "0.30", "第九十二条（一）"),
        ("2021-08-31", 3, "0.40", "第九十二条（二）"),
        ("2021-09-01", 3, "0.60", "第九十五条（二）"),
        ("2021-09-01", 10, "0.80", "第九十五条（三）"),
        ("2021-09-01", 30, "1.00", "第九十五条（四）"),
        ("2007-06-01", 30, "0.80", "第三十八条（四）"),
    ],
)
def test_principal_fine_rate_by_era_and_grade(day: str, deaths: int, rate: str, article: str) -> None:
    fine = one(run(deaths, occurred_at=day), "national.principal_fine")
    assert fine.rate == Decimal(rate)
    assert fine.citation.article == article
    assert fine.amount_cny is None  # no income given: a rate


def test_principal_fine_with_income_is_an_amount() -> None:
    officials = [{**PRINCIPAL, "previous_year_income_cny": "453356.15"}]
    fine = one(run(3, occurred_at="2020-06-01", officials=officials), "national.principal_fine")
    assert (fine.rate, fine.amount_cny) == (Decimal("0.40"), Decimal("181342.4600"))


def test_before_2007_nothing_is_encoded() -> None:
    result = run(3, occurred_at="2007-05-31")
    assert not [c for c in result.consequences if c.rule.startswith("national.")]
    why = {n.rule: n.why for n in result.not_applied}
    assert why["national.principal_fine"] == ev("rule.before_encoded", start="2007-06-01", day="2007-05-31")
    assert why["national.unit_fine"].code == "rule.before_encoded"
    assert why["national.unit_fine"].param("start") == "2007-06-01"


def test_principal_without_failure_is_not_fined() -> None:
    result = run(3, officials=[{"id": "p", "post": "unit_head"}])
    assert of(result, "national.principal_fine") == []


# ------------------------------------------------------------------ the unit's fine by era


@pytest.mark.parametrize(
    ("day", "deaths", "low", "high"),
    [
        ("2014-11-30", 1, 100_000, 200_000),
        ("2014-12-01", 1, 200_000, 500_000),
        ("2015-04-30", 3, 500_000, 1_000_000),  # the 2014 law's band, before the 2015 规定
        ("2015-05-01", 1, 200_000, 500_000),  # 2015 规定 第十四条
        ("2020-06-01", 3, 500_000, 700_000),  # 第十五条（一）: 3–5 deaths
        ("2020-06-01", 5, 500_000, 700_000),
        ("2020-06-01", 6, 700_000, 1_000_000),  # 第十五条（二）: 6–9 deaths
        ("2021-08-31", 10, 1_000_000, 3_000_000),  # 第十六条（一）: 10–14 deaths
        ("2021-08-31", 14, 1_000_000, 3_000_000),
        ("2021-08-31", 15, 3_000_000, 5_000_000),  # 第十六条（二）: 15–29 deaths
        ("2021-08-31", 30, 5_000_000, 10_000_000),  # 第十七条 not available: the law's band
        ("2021-09-01", 1, 300_000, 1_000_000),
        ("2021-09-01", 3, 1_000_000, 2_000_000),
        ("2021-09-01", 10, 2_000_000, 10_000_000),
        ("2021-09-01", 30, 10_000_000, 20_000_000),
    ],
)
def test_unit_fine_range_by_era_and_grade(day: str, deaths: int, low: int, high: int) -> None:
    fine = one(run(deaths, occurred_at=day), "national.unit_fine")
    assert (fine.amount_min_cny, fine.amount_max_cny) == (Decimal(low), Decimal(high))
    assert fine.amount_cny is None  # a range, not fixed
    assert fine.target.name == "某公司"


def test_unit_fine_needs_a_responsibility_accident() -> None:
    assert of(run(3, responsibility_accident=False), "national.unit_fine") == []


def test_2014_especially_serious_extraordinary() -> None:
    fines = of(run(30, occurred_at="2020-01-01", especially_serious=True), "national.unit_fine")
    assert [(f.amount_min_cny, f.amount_max_cny, f.modality.value) for f in fines] == [
        (Decimal(10_000_000), Decimal(20_000_000), "must")
    ]


def test_2021_especially_serious_two_to_five_times_may() -> None:
    fines = of(run(3, especially_serious=True), "national.unit_fine")
    got = sorted((f.amount_min_cny, f.amount_max_cny, f.modality.value) for f in fines)
    assert got == [
        (Decimal(1_000_000), Decimal(2_000_000), "must"),
        (Decimal(2_000_000), Decimal(10_000_000), "may"),
    ]


# ------------------------------------------------------------------ 2021: removal, bans, other managers


def test_principal_removal_and_five_year_ban() -> None:
    result = run(3, decided_on="2024-02-29", occurred_at="2024-01-10T09:30:00+08:00")
    assert one(result, "national.principal_removal", "discipline").sanction is not None
    bans = of(result, "national.principal_removal", "reappointment_ban")
    assert [(b.scope, str(b.starts_on), str(b.ends_on)) for b in bans] == [
        ("任何生产经营单位的主要负责人", "2024-02-29", "2029-02-28")
    ]


def test_major_accident_adds_the_lifelong_industry_ban() -> None:
    bans = of(run(10), "national.principal_removal", "reappointment_ban")
    lifelong = [b for b in bans if b.scope == "本行业生产经营单位的主要负责人"]
    assert len(bans) == 2 and lifelong and lifelong[0].ends_on is None
    assert ev("note.lifelong") in lifelong[0].notes


def test_removal_not_before_2021_09_01() -> None:
    assert of(run(3, occurred_at="2021-08-31"), "national.principal_removal", "discipline") == []


@pytest.mark.parametrize("post", ["unit_deputy", "safety_manager"])
def test_other_managers_20_to_50_percent(post: str) -> None:
    officials = [
        {"id": "m", "post": post, "conduct": {"duties_not_performed": True}, "previous_year_income_cny": 100000}
    ]
    fine = one(run(1, officials=officials), "national.other_manager_fine")
    assert (fine.rate_min, fine.rate_max) == (Decimal("0.20"), Decimal("0.50"))
    assert (fine.amount_min_cny, fine.amount_max_cny) == (Decimal("20000.00"), Decimal("50000.00"))


# ------------------------------------------------------------------ the report clock (493号 第九条)


def _reported(reported_at: str, **kw: Any) -> Result:
    return run(
        1,
        officials=[{"id": "p", "post": "unit_head"}],
        occurred_at="2024-05-12T09:00:00+08:00",
        learned_at="2024-05-12T09:10:00+08:00",
        reported_at=reported_at,
        **kw,
    )


def test_report_one_hour_after_learning_is_on_time() -> None:
    result = _reported("2024-05-12T10:10:00+08:00")
    assert of(result, "national.rescue_or_report") == []
    assert ev("note.report_clock", report=ev("report.in_time", delay="1 h 0 min")) in result.notes


def test_report_one_hour_one_minute_after_is_late() -> None:
    result = _reported("2024-05-12T10:11:00+08:00")
    fine = one(result, "national.rescue_or_report")
    assert (fine.rate_min, fine.rate_max) == (Decimal("0.60"), Decimal("1.00"))
    assert one(result, "national.rescue_or_report", "discipline").effects == ("降级或者撤职",)


def test_report_clock_reads_offsets() -> None:
    # 10:11+08:00 is 02:11Z: the same instant, late
    assert of(_reported("2024-05-12T02:11:00Z"), "national.rescue_or_report")


def test_report_clock_unknown_without_report_time() -> None:
    result = run(1, officials=[{"id": "p", "post": "unit_head"}])
    assert any(
        n.rule == "national.rescue_or_report" and n.needs.param("fields") == ("incident.reported_at",)
        for n in result.not_evaluable
    )


def test_rescue_failure_without_clock() -> None:
    officials = [{"id": "p", "post": "unit_head", "conduct": {"absconded": True}}]
    assert of(run(1, officials=officials), "national.rescue_or_report")


# ------------------------------------------------------------------ 顶格上限处罚 (xpcc, card)


def test_top_penalty_fixes_ranges_at_the_upper_bound_in_xpcc() -> None:
    officials = [{"id": "m", "post": "safety_manager", "conduct": {"duties_not_performed": True}}]
    result = run(3, regime="xpcc", officials=officials)
    unit = one(result, "national.unit_fine")
    assert unit.amount_cny == Decimal(2_000_000)
    assert any(c.article == "三（六）" for c in unit.also_cites)
    assert any(n.code == "note.upper_limit" and n.param("rule") == "xpcc.top_penalty" for n in unit.notes)
    manager = one(result, "national.other_manager_fine")
    assert manager.rate == Decimal("0.50")


def test_top_penalty_needs_a_responsibility_accident_and_is_not_national() -> None:
    assert one(run(3), "national.unit_fine").amount_cny is None  # regime national: no 顶格
    assert one(run(3, regime="card"), "national.unit_fine").amount_cny == Decimal(2_000_000)


def test_top_penalty_refers_a_crime() -> None:
    officials = [{"id": "p", "post": "unit_head", "conduct": {"crime": True}}]
    result = run(3, regime="xpcc", officials=officials)
    assert [(c.kind.value, c.to) for c in of(result, "xpcc.top_penalty", "referral")] == [("referral", ("司法机关",))]
