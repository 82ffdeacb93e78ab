"""RULES §5: Zhejiang, Yunnan, Shanxi, Bazhong, Kunming, Tongzhou — each rule on both sides — and compare."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from accountability import Result, assess
from helpers import EXAMPLES

J = {"system": "local", "level": "township", "name": "某镇", "city": "温州市", "county": "某县"}


def run(
    regime: str,
    deaths: int = 1,
    *,
    officials: list[dict[str, Any]] | None = None,
    history: list[dict[str, Any]] | None = None,
    assessment: dict[str, Any] | None = None,
    occurred_at: str = "2024-05-12T09:30:00+08:00",
    **incident: Any,
) -> Result:
    data: dict[str, Any] = {
        "regime": regime,
        "incident": {"id": "T", "occurred_at": occurred_at, "deaths": deaths, "jurisdiction": J, **incident},
        "officials": officials or [],
        "history": history or [],
        "decided_on": "2024-08-01",
    }
    if assessment is not None:
        data["assessment"] = assessment
    return assess(data)


def hits(result: Result, prefix: str) -> set[tuple[str, str, str]]:
    return {
        (c.rule, c.kind, c.target.id or c.target.name or "") for c in result.consequences if c.rule.startswith(prefix)
    }


def applied(result: Result) -> set[str]:
    return {c.rule for c in result.consequences}


# ------------------------------------------------------------------ Zhejiang


def test_zhejiang_major_responsibility_veto_city_county_township() -> None:
    result = run("zhejiang", 10, responsibility_accident=True)
    assert {t for r, k, t in hits(result, "zhejiang.veto.major")} == {"温州市", "某县", "某镇"}
    c = next(c for c in result.consequences if c.rule == "zhejiang.veto.major")
    assert (str(c.starts_on), str(c.ends_on), c.effects) == ("2024-01-01", "2024-12-31", ("当年不得参加各类先进评比",))


def test_zhejiang_major_needs_responsibility_and_major() -> None:
    assert "zhejiang.veto.major" not in applied(run("zhejiang", 10))
    assert "zhejiang.veto.major" not in applied(run("zhejiang", 9, responsibility_accident=True))


def test_zhejiang_larger_egregious() -> None:
    result = run("zhejiang", 3, responsibility_accident=True, egregious=True)
    assert {t for r, k, t in hits(result, "zhejiang.veto.larger_egregious")} == {"某县", "某镇"}
    assert "zhejiang.veto.larger_egregious" not in applied(run("zhejiang", 3, responsibility_accident=True))
    assert "zhejiang.veto.larger_egregious" not in applied(
        run("zhejiang", 2, responsibility_accident=True, egregious=True)
    )


def _larger(day: str) -> dict[str, Any]:
    return {"id": day, "occurred_at": day, "deaths": 3, "responsibility_accident": True}


def test_zhejiang_third_larger_within_one_month() -> None:
    officials = [{"id": "s", "post": "party_secretary", "level": "city"}]
    inside = run(
        "zhejiang",
        3,
        responsibility_accident=True,
        officials=officials,
        history=[_larger("2024-04-12"), _larger("2024-05-01")],
    )
    assert hits(inside, "zhejiang.warning") == {
        ("zhejiang.warning", "warning_notice", "温州市"),
        ("zhejiang.warning", "warning_notice", "事故责任单位"),
        ("zhejiang.warning", "interview", "s"),
    }
    # 2024-04-11 is one month and a day before 2024-05-12: only two in the month
    outside = run("zhejiang", 3, responsibility_accident=True, history=[_larger("2024-04-11"), _larger("2024-05-01")])
    assert "zhejiang.warning" not in applied(outside)


def test_zhejiang_soe() -> None:
    officials = [{"id": "h", "post": "unit_head"}, {"id": "l", "post": "soe_leader"}]
    soe = run(
        "zhejiang", 3, responsibility_accident=True, unit={"name": "国企", "state_owned": True}, officials=officials
    )
    assert hits(soe, "zhejiang.soe") == {
        ("zhejiang.soe", "salary_deduction", "h"),
        ("zhejiang.soe", "salary_deduction", "l"),
        ("zhejiang.soe", "awards_ineligible", "h"),
    }
    ban = next(c for c in soe.consequences if c.kind == "awards_ineligible")
    assert (str(ban.starts_on), str(ban.ends_on)) == ("2024-08-01", "2025-08-01")
    private = run("zhejiang", 3, responsibility_accident=True, unit={"name": "民企", "state_owned": False})
    assert "zhejiang.soe" not in applied(private)
    unknown = run("zhejiang", 3, responsibility_accident=True, unit={"name": "某企"})
    assert any(n.rule == "zhejiang.soe" for n in unknown.not_evaluable)


def test_zhejiang_soe_consecutive_fatal_accidents() -> None:
    unit = {"name": "国企", "state_owned": True}
    follows = run(
        "zhejiang",
        1,
        unit=unit,
        officials=[{"id": "l", "post": "soe_leader"}],
        history=[{"occurred_at": "2023-05-12", "deaths": 1, "unit": {"name": "国企"}}],
    )
    assert "zhejiang.soe" in applied(follows)
    alone = run(
        "zhejiang", 1, unit=unit, history=[{"occurred_at": "2023-05-11", "deaths": 1, "unit": {"name": "国企"}}]
    )
    assert "zhejiang.soe" not in applied(alone)


def test_zhejiang_soe_consecutive_counts_the_same_enterprise_only() -> None:
    """连续发生…的国有、国有控股企业: the same enterprise's fatal accidents; an entry without a unit is unknown."""
    unit = {"name": "国企", "state_owned": True}
    other = run(
        "zhejiang", 1, unit=unit, history=[{"occurred_at": "2024-01-01", "deaths": 1, "unit": {"name": "他企"}}]
    )
    assert "zhejiang.soe" not in applied(other)
    assert "zhejiang.soe" in {n.rule for n in other.not_applied}
    unknown = run("zhejiang", 1, unit=unit, history=[{"occurred_at": "2024-01-01", "deaths": 1}])
    assert "zhejiang.soe" not in applied(unknown)
    assert "zhejiang.soe" in {n.rule for n in unknown.not_evaluable}


CITY = {"system": "local", "level": "city", "name": "温州市", "city": "温州市"}
COUNTY = {"system": "local", "level": "county", "name": "某县", "city": "温州市", "county": "某县"}
PRINCIPALS = [{"id": "ps", "post": "party_secretary"}, {"id": "gh", "post": "government_head"}]


def test_zhejiang_interview_reaches_the_city_principals() -> None:
    """约谈所在市党委、政府主要负责同志: at a city accident, its principals (level default: the incident's)."""
    city = run("zhejiang", 10, responsibility_accident=True, jurisdiction=CITY, officials=PRINCIPALS)
    assert {t for r, k, t in hits(city, "zhejiang.warning") if k == "interview"} == {"ps", "gh"}


def test_zhejiang_interview_not_the_county_principals() -> None:
    county = run("zhejiang", 10, responsibility_accident=True, jurisdiction=COUNTY, officials=PRINCIPALS)
    interviews = [c for c in county.consequences if c.rule == "zhejiang.warning" and c.kind == "interview"]
    assert [(c.target.type.value, c.target.name) for c in interviews] == [("role", "温州市党委、政府主要负责同志")]
    own_level = [{"id": "cps", "post": "party_secretary", "level": "city"}, *PRINCIPALS]
    mixed = run("zhejiang", 10, responsibility_accident=True, jurisdiction=COUNTY, officials=own_level)
    assert {t for r, k, t in hits(mixed, "zhejiang.warning") if k == "interview"} == {"cps"}
    unnamed = run("zhejiang", 10, responsibility_accident=True, jurisdiction={"level": "county"}, officials=[])
    assert ("zhejiang.warning", "interview", "所在市党委、政府主要负责同志") in hits(unnamed, "zhejiang.warning")


def test_zhejiang_upper_limit() -> None:
    fine = next(
        c
        for c in run("zhejiang", 3, responsibility_accident=True, caused_by_poor_work=True).consequences
        if c.rule == "national.unit_fine"
    )
    assert fine.amount_cny == 2_000_000
    plain = next(
        c for c in run("zhejiang", 3, responsibility_accident=True).consequences if c.rule == "national.unit_fine"
    )
    assert plain.amount_cny is None


def test_zhejiang_assessment_failed() -> None:
    result = run("zhejiang", 0, assessment={"year": 2024, "name": "某县", "failed": True})
    assert hits(result, "zhejiang.veto.assessment") == {("zhejiang.veto.assessment", "veto", "某县")}
    assert "zhejiang.veto.assessment" not in applied(run("zhejiang", 0, assessment={"year": 2024, "failed": False}))
    unknown = run("zhejiang", 0, assessment={"year": 2024})
    assert any(n.rule == "zhejiang.veto.assessment" for n in unknown.not_evaluable)


# ------------------------------------------------------------------ Yunnan


def test_yunnan_major_accident() -> None:
    officials = [{"id": "g", "post": "government_head"}]
    result = run("yunnan", 10, officials=officials, assessment={"year": 2024, "published_on": "2025-02-10"})
    got = hits(result, "yunnan.")
    assert ("yunnan.press", "press_conference", "某镇") in got
    assert ("yunnan.interview", "interview", "g") in got
    assert ("yunnan.veto_indicator", "veto", "某镇") in got
    ban = next(c for c in result.consequences if c.rule == "yunnan.veto_indicator" and c.kind == "promotion_ban")
    assert (str(ban.starts_on), str(ban.ends_on)) == ("2025-02-10", "2026-02-10")


def test_yunnan_below_major_is_not_evaluable_for_quotas_and_thresholds() -> None:
    result = run("yunnan", 9)
    assert not hits(result, "yunnan.")
    needs = {n.rule for n in result.not_evaluable}
    assert {"yunnan.veto_indicator", "yunnan.interview"} <= needs
    assert "yunnan.press" in {n.rule for n in result.not_applied}


def test_yunnan_assessment_unqualified() -> None:
    officials = [{"id": "p", "post": "party_secretary"}]
    failed = {"year": 2024, "name": "某县", "failed": True, "unit_kind": "government"}
    result = run("yunnan", 0, officials=officials, assessment=failed)
    assert hits(result, "yunnan.assessment") == {
        ("yunnan.assessment", "veto", "某县"),
        ("yunnan.assessment", "promotion_ban", "p"),
    }
    ban = next(c for c in result.consequences if c.kind == "promotion_ban")
    # only XPCC's 办法 第九条 sets a publication deadline: elsewhere, without published_on, no dates
    assert (ban.starts_on, ban.ends_on) == (None, None)
    assert ("yunnan.assessment", "needs.publication") in {(n.rule, n.needs.code) for n in result.not_evaluable}
    published = run(
        "yunnan", 0, officials=officials, assessment={"year": 2024, "failed": True, "published_on": "2025-02-10"}
    )
    ban = next(c for c in published.consequences if c.kind == "promotion_ban")
    assert (str(ban.starts_on), str(ban.ends_on)) == ("2025-02-10", "2026-02-10")
    assert result.assessment is not None and result.assessment.vetoed is True
    assert result.assessment.vetoed_by == ("yunnan.assessment (the assessment)",)


YUNNAN_OFFICIALS = [
    {"id": "ps", "post": "party_secretary"},
    {"id": "gh", "post": "government_head"},
    {"id": "dh", "post": "department_head"},
    {"id": "uh", "post": "unit_head"},
]


@pytest.mark.parametrize(
    ("unit_kind", "barred"),
    [
        ("government", {"ps", "gh"}),
        ("department", {"dh"}),
        ("enterprise", {"uh"}),
        ("public_institution", {"uh"}),
    ],
)
def test_yunnan_bar_reaches_the_failed_units_own_principal(unit_kind: str, barred: set[str]) -> None:
    """第二十条 …各级党委、政府和各部门、各企事业单位…其主要负责人1年内不得提拔: the failed unit's own principal."""
    assessment = {"year": 2024, "name": "某单位", "failed": True, "unit_kind": unit_kind, "published_on": "2025-02-10"}
    result = run("yunnan", 0, officials=YUNNAN_OFFICIALS, assessment=assessment)
    got = hits(result, "yunnan.assessment")
    assert {t for r, k, t in got if k == "promotion_ban"} == barred
    assert ("yunnan.assessment", "veto", "某单位") in got
    ban = next(c for c in result.consequences if c.kind == "promotion_ban")
    assert (str(ban.starts_on), str(ban.ends_on)) == ("2025-02-10", "2026-02-10")


def test_yunnan_bar_without_unit_kind_is_not_evaluable_per_official() -> None:
    result = run("yunnan", 0, officials=YUNNAN_OFFICIALS, assessment={"year": 2024, "name": "某单位", "failed": True})
    assert {t for r, k, t in hits(result, "yunnan.assessment") if k == "promotion_ban"} == {
        "考核不合格单位的主要负责人"
    }
    assert any(n.rule == "yunnan.assessment" for n in result.not_evaluable)


def test_yunnan_ban_without_published_on_has_no_dates() -> None:
    assessment = {"year": 2024, "name": "某县", "failed": True, "unit_kind": "government"}
    result = run("yunnan", 0, officials=[{"id": "p", "post": "party_secretary"}], assessment=assessment)
    ban = next(c for c in result.consequences if c.kind == "promotion_ban")
    assert (ban.starts_on, ban.ends_on) == (None, None)


# ------------------------------------------------------------------ Shanxi, Bazhong


def test_shanxi_assessment() -> None:
    officials = [{"id": "p", "post": "party_secretary"}]
    result = run("shanxi", 0, officials=officials, assessment={"year": 2024, "failed": True})
    assert {k for r, k, t in hits(result, "shanxi.")} == {"veto", "awards_ineligible"}
    assert any(n.code == "note.date_unknown" for n in result.notes)
    assert not hits(run("shanxi", 0, assessment={"year": 2024, "failed": False}), "shanxi.")


def test_bazhong_veto_major_responsibility() -> None:
    assert hits(run("bazhong", 10, responsibility_accident=True), "bazhong.veto")
    assert not hits(run("bazhong", 9, responsibility_accident=True), "bazhong.veto")
    assert not hits(run("bazhong", 10), "bazhong.veto")


BAZHONG_DEPUTIES: list[dict[str, Any]] = [
    {"id": "ds", "post": "deputy_safety"},
    {"id": "dp", "post": "deputy_sector", "portfolio": ["electric_power"]},
    {"id": "df", "post": "deputy_sector", "portfolio": ["food"]},
    {"id": "ps", "post": "party_secretary"},
]


def test_bazhong_on_site_deputies_of_the_field() -> None:
    """四（三）: 发生安全事故时 / 分管行业领域内发生安全事故时，及时赶赴现场; 附件 电力科: 人员死亡事故."""
    fatal = run("bazhong", 1, sector="electric_power", officials=BAZHONG_DEPUTIES)
    assert hits(fatal, "bazhong.on_site") == {
        ("bazhong.on_site", "on_site", "ds"),
        ("bazhong.on_site", "on_site", "dp"),
        ("bazhong.on_site", "on_site", "电力科"),
    }
    injured = run("bazhong", 0, sector="electric_power", serious_injuries=1, officials=BAZHONG_DEPUTIES)
    assert hits(injured, "bazhong.on_site") == {
        ("bazhong.on_site", "on_site", "ds"),
        ("bazhong.on_site", "on_site", "dp"),
    }
    assert not hits(run("bazhong", 0, sector="electric_power", officials=BAZHONG_DEPUTIES), "bazhong.on_site")
    assert not hits(run("bazhong", 1, sector="construction", officials=BAZHONG_DEPUTIES), "bazhong.on_site")
    assert "bazhong.on_site" in {n.rule for n in run("bazhong", 1, officials=BAZHONG_DEPUTIES).not_evaluable}


def test_bazhong_primary_responsibility_in_industry_and_it() -> None:
    officials = [{"id": "x", "post": "department_head", "conduct": {"primary_responsibility": True}}]
    assert hits(run("bazhong", 1, sector="metallurgy", officials=officials), "bazhong.primary") == {
        ("bazhong.primary_responsibility", "no_transfer", "x")
    }
    assert not hits(run("bazhong", 1, sector="construction", officials=officials), "bazhong.primary")
    assert not hits(run("bazhong", 0, sector="metallurgy", officials=officials), "bazhong.primary")


# ------------------------------------------------------------------ Kunming, Tongzhou


def test_kunming() -> None:
    officials: list[dict[str, Any]] = [
        {"id": "a", "post": "deputy_sector", "conduct": {"duties_not_performed": True}},
        {"id": "b", "post": "unit_head", "conduct": {"report_failure": True, "crime": True}},
        {"id": "c", "post": "deputy_safety"},
    ]
    got = hits(run("kunming", 1, officials=officials), "kunming.")
    assert got == {
        ("kunming.dereliction", "accountability", "a"),
        ("kunming.report_failure", "accountability", "b"),
        ("kunming.report_failure", "referral", "b"),
    }


def test_tongzhou_negligence_needs_no_accident() -> None:
    officials = [{"id": "a", "post": "department_head", "conduct": {"careless_bad_effect": True}}]
    result = run("tongzhou", 0, officials=officials)
    assert hits(result, "tongzhou.") == {("tongzhou.negligence", "accountability", "a")}
    assert next(c for c in result.consequences if c.rule == "tongzhou.negligence").by == "监察部门"


TONGZHOU = {"system": "local", "level": "county", "name": "通州区"}


@pytest.mark.parametrize(
    ("post", "level", "reached"),
    [
        ("department_head", "county", True),  # 区政府各工作部门
        ("department_deputy", "county", True),
        ("department_head", "township", True),  # 乡镇政府、街道办事处的工作部门
        ("government_head", "township", True),  # 乡镇政府、街道办事处
        ("deputy_safety", "township", True),
        ("government_head", "county", False),  # the district government's own head
        ("deputy_sector", "county", False),
        ("party_secretary", "county", False),  # 第三条: government leaders only
        ("party_secretary", "township", False),
        ("department_head", "city", False),
    ],
)
def test_tongzhou_negligence_reaches_the_leaders_it_lists(post: str, level: str, reached: bool) -> None:
    officials = [{"id": "a", "post": post, "level": level, "conduct": {"careless_bad_effect": True}}]
    got = hits(run("tongzhou", 0, jurisdiction=TONGZHOU, officials=officials), "tongzhou.negligence")
    assert got == ({("tongzhou.negligence", "accountability", "a")} if reached else set())


def test_tongzhou_negligence_level_defaults_to_the_incidents() -> None:
    officials = [{"id": "a", "post": "department_head", "conduct": {"careless_bad_effect": True}}]
    got = hits(run("tongzhou", 0, jurisdiction=TONGZHOU, officials=officials), "tongzhou.negligence")
    assert got == {("tongzhou.negligence", "accountability", "a")}


def test_tongzhou_accident_after_responsibility_review() -> None:
    officials = [{"id": "a", "post": "deputy_safety", "conduct": {"duties_not_performed": True}}]
    assert hits(run("tongzhou", 1, officials=officials), "tongzhou.") == {("tongzhou.accident", "accountability", "a")}
    assert not hits(run("tongzhou", 0, officials=officials), "tongzhou.accident")


# ------------------------------------------------------------------ compare


def test_compare_runs_every_regime() -> None:
    path = str(EXAMPLES / "xpcc-10-deaths.json")
    out = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "compare", path, "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr.decode()
    data = json.loads(out.stdout)
    assert data["regimes"] == sorted(
        ["bazhong", "card", "guiyang", "kunming", "national", "shanxi", "tongzhou", "xpcc", "yunnan", "zhejiang"]
    )
    assert "interview (yunnan.interview)" in data["officials"]["p1"]["yunnan"]["consequences"]
    assert data["officials"]["p1"]["national"]["consequences"] == []
    same = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "assess", path, "--regime", "all", "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert same.stdout == out.stdout


@pytest.mark.parametrize("regime", ["zhejiang", "yunnan", "shanxi", "bazhong", "kunming", "tongzhou"])
def test_every_local_regime_includes_national_law(regime: str) -> None:
    assert "national.unit_fine" in applied(run(regime, 3, responsibility_accident=True))


def test_rules_all_lists_every_id_of_rules_5_with_its_article() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "rules", "--regime", "all", "--format", "json"],
        capture_output=True,
        check=False,
    )
    rows = json.loads(out.stdout)["rules"]
    by_id = {r["id"]: r for r in rows}
    section_5 = {
        "zhejiang.veto.major",
        "zhejiang.veto.larger_egregious",
        "zhejiang.veto.assessment",
        "zhejiang.warning",
        "zhejiang.soe",
        "zhejiang.upper_limit",
        "yunnan.assessment",
        "yunnan.veto_indicator",
        "yunnan.interview",
        "yunnan.press",
        "shanxi.assessment",
        "bazhong.veto",
        "bazhong.primary_responsibility",
        "bazhong.on_site",
        "kunming.dereliction",
        "kunming.report_failure",
        "tongzhou.negligence",
        "tongzhou.accident",
    }
    assert section_5 <= set(by_id)
    assert all(by_id[i]["articles"] and by_id[i]["articles"][0] for i in section_5)
    eras = [r for r in rows if r["id"] == "national.unit_fine"]
    assert [r["effective_from"] for r in eras] == ["2007-06-01", "2014-12-01", "2015-05-01", "2021-09-01", "2024-03-01"]
