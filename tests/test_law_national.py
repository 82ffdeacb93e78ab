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
    return [c for c in result.consequences if c.rule == rule and c.kind == kind]


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
    delay = ev("delay.hours", hours=1, minutes=0)
    assert ev("note.report_clock", report=ev("report.in_time", delay=delay)) in result.notes


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
    assert [(c.kind, c.to) for c in of(result, "xpcc.top_penalty", "referral")] == [("referral", ("司法机关",))]


# ------------------------------------------------------------------ round 2: report failures in every era


def _rates(result: Result, rule: str) -> set[tuple[str, str, str | None, str | None]]:
    return {
        (
            c.target.id or c.target.name or "",
            c.kind,
            None if c.rate_min is None else str(c.rate_min),
            None if c.rate_max is None else str(c.rate_max),
        )
        for c in result.consequences
        if c.rule == rule
    }


BOSS = {"id": "p", "post": "unit_head"}
DEPUTY_WHO_LIED = {"id": "d", "post": "unit_deputy", "conduct": {"report_failure": True}}


@pytest.mark.parametrize(
    ("day", "failure", "r35", "r36", "rescue"),
    [
        # 493号 第三十五条: 迟报、漏报 → 40%–80%; 第三十六条: 谎报、瞒报 → 60%–100% (principal)
        ("2014-11-30", "late", True, False, False),
        ("2014-11-30", "omitted", True, False, False),
        ("2014-11-30", "false", False, True, False),
        ("2014-11-30", "concealed", False, True, False),
        # from 2014-12-01: 2014 第一百零六条 takes the principal's 迟报、谎报、瞒报; not 漏报
        ("2014-12-01", "late", False, False, True),
        ("2014-12-01", "omitted", True, False, False),
        ("2014-12-01", "false", False, False, True),
        ("2021-09-01", "concealed", False, False, True),  # 2021 第一百一十条
        ("2021-09-01", "omitted", True, False, False),
    ],
)
def test_principal_report_failure_by_era(day: str, failure: str, r35: bool, r36: bool, rescue: bool) -> None:
    result = run(1, occurred_at=day, officials=[BOSS], report_failure=failure)
    assert bool(of(result, "national.report_failure")) is r35
    assert bool([c for c in of(result, "national.false_report") if c.target.id == "p"]) is r36
    assert bool(of(result, "national.rescue_or_report")) is rescue
    if r35:
        assert _rates(result, "national.report_failure") == {("p", "fine", "0.40", "0.80")}
        assert one(result, "national.report_failure").by == "安全生产监督管理部门"  # 493号 第四十三条
    if rescue:
        assert ("p", "fine", "0.60", "1.00") in _rates(result, "national.rescue_or_report")
        by = "应急管理部门" if day >= "2021-09-01" else "安全生产监督管理部门"
        assert one(result, "national.rescue_or_report").by == by


def test_before_2007_no_report_failure_rule() -> None:
    result = run(1, occurred_at="2007-05-31", officials=[BOSS], report_failure="concealed")
    assert not [c for c in result.consequences if c.rule.startswith("national.")]
    assert {"national.report_failure", "national.false_report"} <= {n.rule for n in result.not_applied}


def test_derived_late_report_is_late_in_every_era() -> None:
    late = {"occurred_at": "2010-05-12T09:30:00+08:00", "reported_at": "2010-05-12T10:31:00+08:00"}
    result = run(1, officials=[BOSS], **late)
    assert _rates(result, "national.report_failure") == {("p", "fine", "0.40", "0.80")}
    in_time = {"occurred_at": "2010-05-12T09:30:00+08:00", "reported_at": "2010-05-12T10:30:00+08:00"}
    assert not of(run(1, officials=[BOSS], **in_time), "national.report_failure")


def test_false_report_fines_the_unit_and_the_directly_responsible_in_every_era() -> None:
    """493号 第三十六条: the unit 100万–500万 and the directly responsible persons 60%–100%, also after 2014."""
    for day in ("2010-05-12", "2016-05-12", "2024-05-12"):
        result = run(1, occurred_at=day, officials=[BOSS, DEPUTY_WHO_LIED], report_failure="false")
        unit = [c for c in of(result, "national.false_report") if c.target.name == "某公司"]
        assert [(c.amount_min_cny, c.amount_max_cny) for c in unit] == [(Decimal(1_000_000), Decimal(5_000_000))]
        assert ("d", "fine", "0.60", "1.00") in _rates(result, "national.false_report")
    late_only = run(1, officials=[BOSS, DEPUTY_WHO_LIED], report_failure="late")
    assert not of(late_only, "national.false_report")


def test_absconding_principal_before_2014_and_after() -> None:
    fled = {"id": "p", "post": "unit_head", "conduct": {"absconded": True}}
    before = run(1, occurred_at="2012-05-12", officials=[fled])
    assert ("p", "fine", "0.60", "1.00") in _rates(before, "national.false_report")
    after = run(1, occurred_at="2016-05-12", officials=[fled])
    assert not [c for c in of(after, "national.false_report") if c.target.id == "p"]
    assert ("p", "fine", "0.60", "1.00") in _rates(after, "national.rescue_or_report")


@pytest.mark.parametrize(
    ("day", "conduct", "cites"),
    [
        ("2010-05-12", "report_failure", {"第三十九条", "第三十九条（二）"}),
        ("2010-05-12", "failed_rescue", {"第三十九条", "第三十九条（一）", "第三十九条（三）"}),
        ("2022-05-12", "report_failure", {"第一百一十一条", "第三十九条", "第三十九条（二）"}),
        ("2022-05-12", "obstructed_enforcement", {"第三十九条", "第三十九条（一）", "第三十九条（三）"}),
    ],
)
def test_government_officials_discipline(day: str, conduct: str, cites: set[str]) -> None:
    official = {"id": "g", "post": "deputy_safety", "conduct": {conduct: True}}
    c = one(run(1, occurred_at=day, officials=[official]), "national.government_report", "discipline")
    assert (c.modality, c.effects) == ("must", ("依法给予处分",))
    assert {c.citation.article, *(x.article for x in c.also_cites)} == cites


def test_government_discipline_not_for_a_party_secretary_or_without_the_conduct() -> None:
    secretary = {"id": "s", "post": "party_secretary", "conduct": {"report_failure": True}}
    assert not of(run(1, officials=[secretary]), "national.government_report", "discipline")
    quiet = {"id": "g", "post": "government_head"}
    assert not of(run(1, officials=[quiet]), "national.government_report", "discipline")


# ------------------------------------------------------------------ round 2: licences, qualifications, the bar


def test_licences_of_the_responsible_unit_from_2007() -> None:
    for day in ("2007-06-01", "2024-05-12"):
        result = run(1, occurred_at=day)
        got = {
            (c.kind, c.target.name, c.modality.value, c.by)
            for c in result.consequences
            if c.rule == "national.licences" and c.target.name
        }
        assert got == {
            ("licence_suspension", "某公司", "may", "有关部门"),
            ("licence_revocation", "某公司", "may", "有关部门"),
        }
    assert not of(run(1, occurred_at="2007-05-31"), "national.licences", "licence_suspension")
    assert not of(run(1, responsibility_accident=False), "national.licences", "licence_suspension")


def test_qualifications_493_then_2021_article_96() -> None:
    manager = {"id": "m", "post": "safety_manager", "conduct": {"duties_not_performed": True}}
    before = run(1, occurred_at="2020-05-12", officials=[PRINCIPAL, manager])
    assert {(c.target.id, c.modality.value) for c in of(before, "national.licences", "qualification_suspension")} == {
        ("p", "may"),
        ("m", "may"),
    }
    after = run(1, occurred_at="2021-09-01", officials=[PRINCIPAL, manager])
    assert {c.target.id for c in of(after, "national.licences", "qualification_suspension")} == {"p"}
    q96 = one(after, "national.other_manager_fine", "qualification_suspension")
    assert (q96.target.id, q96.modality, q96.citation.article) == ("m", "must", "第九十六条")


def test_five_year_bar_after_dismissal_under_493() -> None:
    dismissed = {"id": "p", "post": "unit_head", "proposed_discipline": ["gov_dismissal"]}
    result = run(1, occurred_at="2016-05-12", officials=[dismissed], decided_on="2016-11-30")
    ban = one(result, "national.principal_ban", "reappointment_ban")
    assert (ban.target.id, str(ban.starts_on), str(ban.ends_on)) == ("p", "2016-11-30", "2021-11-30")
    warned = {"id": "p", "post": "unit_head", "proposed_discipline": ["gov_warning"]}
    assert not of(run(1, occurred_at="2016-05-12", officials=[warned]), "national.principal_ban", "reappointment_ban")
    assert not of(run(1, occurred_at="2016-05-12", officials=[]), "national.principal_ban", "reappointment_ban")


# ------------------------------------------------------------------ round 2: several responsible units


def test_several_responsible_units_each_fined_and_each_principal() -> None:
    officials = [
        {"id": "a", "post": "unit_head", "unit": "总包公司", "conduct": {"duties_not_performed": True}},
        {"id": "b", "post": "unit_head", "unit": "分包公司", "conduct": {"duties_not_performed": True}},
        {"id": "c", "post": "unit_head", "unit": "业主公司", "conduct": {"duties_not_performed": True}},
    ]
    units = [{"name": "总包公司"}, {"name": "分包公司", "share": "0.3"}]
    result = run(3, officials=officials, responsible_units=units)
    assert {c.target.name for c in of(result, "national.unit_fine")} == {"总包公司", "分包公司"}
    assert {c.target.id for c in of(result, "national.principal_fine")} == {"a", "b"}
    one_item = run(3, officials=officials, responsible_unit={"name": "分包公司"})
    assert {c.target.name for c in of(one_item, "national.unit_fine")} == {"分包公司"}


def test_a_contractor_and_the_accident_unit_in_one_case() -> None:
    units = [{"name": "某公司"}, {"name": "承包商"}]
    result = run(1, unit={"name": "某公司"}, responsible_units=units)
    assert [c.target.name for c in of(result, "national.unit_fine")] == ["承包商", "某公司"]


# ------------------------------------------------------------------ round 2: the 2015 规定's sub-bands


@pytest.mark.parametrize(
    ("facts", "low", "high"),
    [
        ({"deaths": 3}, 500_000, 700_000),
        ({"deaths": 0, "serious_injuries": 29}, 500_000, 700_000),
        ({"deaths": 0, "serious_injuries": 30}, 700_000, 1_000_000),
        ({"deaths": 0, "direct_loss_cny": "29999999.99"}, 500_000, 700_000),
        ({"deaths": 0, "direct_loss_cny": "30000000"}, 700_000, 1_000_000),
        ({"deaths": 4, "serious_injuries": 35}, 700_000, 1_000_000),  # the highest sub-band reached
        ({"deaths": 0, "serious_injuries": 69}, 1_000_000, 3_000_000),
        ({"deaths": 0, "serious_injuries": 70}, 3_000_000, 5_000_000),
        ({"deaths": 0, "direct_loss_cny": "70000000"}, 3_000_000, 5_000_000),
    ],
)
def test_2015_sub_band_by_deaths_injuries_or_loss(facts: dict[str, Any], low: int, high: int) -> None:
    deaths = facts.pop("deaths")
    fine = one(run(deaths, occurred_at="2018-05-12", **facts), "national.unit_fine")
    assert (fine.amount_min_cny, fine.amount_max_cny) == (Decimal(low), Decimal(high))
    assert fine.citation.document == "生产安全事故罚款处罚规定（试行）"


@pytest.mark.parametrize(("deaths", "amount"), [(1, 500_000), (3, 1_000_000), (10, 5_000_000)])
def test_2015_false_or_concealed_report_fixes_the_fine(deaths: int, amount: int) -> None:
    for failure in ("false", "concealed"):
        fine = one(run(deaths, occurred_at="2018-05-12", report_failure=failure), "national.unit_fine")
        assert (fine.amount_cny, fine.amount_min_cny) == (Decimal(amount), None)
    late = one(run(deaths, occurred_at="2018-05-12", report_failure="late"), "national.unit_fine")
    assert late.amount_cny is None


def test_sub_band_note_from_2024() -> None:
    before = one(run(3, occurred_at="2024-02-29"), "national.unit_fine")
    assert not [n for n in before.notes if n.code == "note.table"]
    after = one(run(3, occurred_at="2024-03-01"), "national.unit_fine")
    assert (after.amount_min_cny, after.amount_max_cny) == (Decimal(1_000_000), Decimal(2_000_000))
    assert [n for n in after.notes if n.code == "note.table" and "第14号" in n.text("zh")]
    assert "生产安全事故罚款处罚规定" in {x.document for x in after.also_cites}


def test_2007_fines_decided_by_the_safety_supervision_department() -> None:
    """493号 第四十三条: 罚款的行政处罚，由安全生产监督管理部门决定."""
    result = run(1, occurred_at="2010-05-12", officials=[PRINCIPAL])
    for rule in ("national.unit_fine", "national.principal_fine"):
        fine = one(result, rule)
        assert fine.by == "安全生产监督管理部门"
        assert "第四十三条" in {x.article for x in fine.also_cites}


# ------------------------------------------------------------------ round 2: dates the rules do not reach


def test_before_2007_no_national_consequence_and_a_note() -> None:
    result = run(30, occurred_at="2007-05-31", officials=[PRINCIPAL])
    assert not [c for c in result.consequences if c.rule.startswith("national.")]
    assert any(n.code == "note.not_graded" and n.param("start") == "2007-06-01" for n in result.notes)
    assert not any(n.code == "note.not_graded" for n in run(1, occurred_at="2007-06-01").notes)


@pytest.mark.parametrize(
    ("incident", "extra", "path", "other"),
    [
        ({"learned_at": "2024-05-12T09:29:00+08:00"}, {}, "$.incident.learned_at", "$.incident.occurred_at"),
        ({"reported_at": "2024-05-12T09:29:00+08:00"}, {}, "$.incident.reported_at", "$.incident.occurred_at"),
        (
            {"learned_at": "2024-05-12T10:00:00+08:00", "reported_at": "2024-05-12T09:45:00+08:00"},
            {},
            "$.incident.reported_at",
            "$.incident.learned_at",
        ),
        ({}, {"decided_on": "2024-05-11"}, "$.decided_on", "$.incident.occurred_at"),
    ],
)
def test_contradictory_times_are_bad_input(
    tmp_path: Any, incident: dict[str, Any], extra: dict[str, Any], path: str, other: str
) -> None:
    import json
    import subprocess
    import sys

    data = {"incident": {"occurred_at": "2024-05-12T09:30:00+08:00", "deaths": 1, **incident}, **extra}
    file = tmp_path / "case.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "assess", str(file)], capture_output=True, check=False
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and proc.stdout == b""
    assert f"{path}: is before {other}" in err


def test_equal_times_are_not_contradictory() -> None:
    same = "2024-05-12T09:30:00+08:00"
    result = run(1, occurred_at=same, learned_at=same, reported_at=same, decided_on="2024-05-12")
    assert result.grade.national.value == "general"
