"""RULES §3: the XPCC ladder, each rule on both sides of its boundary."""

from __future__ import annotations

from typing import Any

import pytest

from accountability.events import ev
from helpers import case, hits, not_applied, not_evaluable, rules_applied, run

DEPUTIES = {"ds", "dc"}  # deputy for safety, and the deputy in charge of coal mines
PRINCIPALS = {"ps", "gh"}


def targets(result: Any, rule: str, kind: str) -> set[str]:
    return {t for k, t in hits(result, rule) if k == kind}


# ------------------------------------------------------------------ general accidents


def test_general_interview_one_death() -> None:
    result = run(case(1, sector="coal_mine"))
    assert targets(result, "xpcc.general.interview", "interview") == {"uh", "dh"}
    by = {c.by for c in result.consequences if c.rule == "xpcc.general.interview"}
    assert by == {"事故所在师"}  # no jurisdiction given: the text's own words


def test_general_interview_names_the_division() -> None:
    data = case(1, sector="coal_mine", jurisdiction={"system": "xpcc", "level": "division", "name": "第十师"})
    assert {c.by for c in run(data).consequences if c.rule == "xpcc.general.interview"} == {"第十师"}


def test_regiment_accident_is_its_divisions() -> None:
    j = {"system": "xpcc", "level": "regiment", "name": "一八八团", "division": "第十师"}
    assert {c.by for c in run(case(1, jurisdiction=j)).consequences} == {"第十师"}


def test_non_fatal_general_accident_counts() -> None:
    """一般事故 by the national grade: injuries alone make a general accident."""
    result = run(case(0, serious_injuries=2, sector="coal_mine"))
    assert result.grade.national.value == "general"
    assert targets(result, "xpcc.general.interview", "interview") == {"uh", "dh"}


def test_nothing_happened_no_rule() -> None:
    result = run(case(0, sector="coal_mine"))
    assert result.grade.national.value == "none"
    assert result.consequences == ()
    assert ev("note.no_accident") in result.notes


def test_one_death_larger_by_injuries_is_not_general_and_meets_no_band() -> None:
    result = run(case(1, serious_injuries=10, sector="coal_mine"))
    assert result.grade.national.value == "larger"
    assert "xpcc.general.interview" in not_applied(result)
    assert not {"xpcc.larger_3_5", "xpcc.larger_6_9"} & rules_applied(result)
    assert any(n.code == "note.rule_why" and n.param("rule") == "xpcc.band_gap" for n in result.notes)


def test_department_head_of_another_sector_is_not_interviewed() -> None:
    result = run(case(1, sector="construction"))
    # nobody in the input heads the construction department: the role itself is named
    assert targets(result, "xpcc.general.interview", "interview") == {"uh", "相应的行业管理部门主要领导"}
    reasons = {n.rule: n.why for o in result.officials if o.id == "dh" for n in o.not_applied}
    assert ev("portfolio.out", sectors=("construction",)) in reasons["xpcc.general.interview"].walk()


def test_unit_head_of_another_unit_is_not_the_responsible_head() -> None:
    officials = [
        {"id": "a", "post": "unit_head", "unit": "甲公司"},
        {"id": "b", "post": "unit_head", "unit": "乙公司"},
    ]
    data = case(1, officials=officials, unit={"name": "甲公司"}, responsible_unit={"name": "乙公司"})
    assert targets(run(data), "xpcc.general.interview", "interview") == {"b", "相应的行业管理部门主要领导"}


# ------------------------------------------------------------------ the 30-day rule


def _repeat(history_at: str, history_deaths: int = 1, **kw: Any) -> Any:
    history = [{"id": "H", "occurred_at": history_at, "deaths": history_deaths, **kw}]
    return run(case(2, sector="coal_mine", history=history))


def test_repeat_day_30_is_inside() -> None:
    result = _repeat("2024-04-12")  # 2024-05-12 − 30 days
    assert targets(result, "xpcc.general.repeat_30d", "interview") == DEPUTIES
    assert {c.by for c in result.consequences if c.rule == "xpcc.general.repeat_30d"} == {"兵团安委会办公室"}


def test_repeat_day_31_is_outside() -> None:
    result = _repeat("2024-04-11")
    assert "xpcc.general.repeat_30d" not in rules_applied(result)
    assert "0 earlier incident(s) within 30 days" in not_applied(result)["xpcc.general.repeat_30d"]


def test_repeat_utc_timestamp_read_as_shanghai_date() -> None:
    # 2024-04-11T16:30Z is 2024-04-12 00:30 in Shanghai: day 30, inside
    assert "xpcc.general.repeat_30d" in rules_applied(_repeat("2024-04-11T16:30:00Z"))
    # 2024-04-11T15:59Z is 2024-04-11 23:59 in Shanghai: day 31, outside
    assert "xpcc.general.repeat_30d" not in rules_applied(_repeat("2024-04-11T15:59:00Z"))


def test_present_accident_utc_timestamp_is_another_day_in_shanghai() -> None:
    # present: 2024-05-11T16:30Z = 2024-05-12 00:30 Shanghai; history on 2024-04-12 is day 30
    history = [{"id": "H", "occurred_at": "2024-04-12", "deaths": 1}]
    inside = run(case(1, occurred_at="2024-05-11T16:30:00Z", history=history))
    assert inside.grade.provisional_until is not None
    assert str(inside.grade.provisional_until) == "2024-06-11"
    assert "xpcc.general.repeat_30d" in rules_applied(inside)
    # the same instant read in UTC would be 2024-05-11: must not shift the window
    history = [{"id": "H", "occurred_at": "2024-04-11", "deaths": 1}]
    assert "xpcc.general.repeat_30d" not in rules_applied(
        run(case(1, occurred_at="2024-05-11T16:30:00Z", history=history))
    )


def test_repeat_the_incident_itself_listed_again_is_not_a_second_accident() -> None:
    """办法 第十四条 "30天内连续发生两起": the present incident in the history is not a second one."""
    same_id = [{"id": "T-1", "occurred_at": "2024-05-12T09:30:00+08:00", "deaths": 2}]
    assert "xpcc.general.repeat_30d" not in rules_applied(run(case(2, history=same_id)))
    same_moment = [{"occurred_at": "2024-05-12T09:30:00+08:00", "deaths": 2}]
    no_id = case(2, history=same_moment)
    del no_id["incident"]["id"]
    assert "xpcc.general.repeat_30d" not in rules_applied(run(no_id))
    other_counts = [{"occurred_at": "2024-05-12T09:30:00+08:00", "deaths": 1}]
    assert "xpcc.general.repeat_30d" in rules_applied(run(case(2, history=other_counts)))
    another_id = [{"id": "T-0", "occurred_at": "2024-05-12T09:30:00+08:00", "deaths": 2}]
    assert "xpcc.general.repeat_30d" in rules_applied(run(case(2, history=another_id)))


TENTH = {"system": "xpcc", "level": "division", "name": "第十师"}


@pytest.mark.parametrize(
    ("entry", "counts"),
    [
        ({"system": "xpcc", "level": "division", "name": "第十师"}, True),
        ({"system": "xpcc", "level": "regiment", "name": "某团", "division": "第十师"}, True),
        ({"system": "xpcc", "level": "division", "name": "第八师"}, False),
        ({"system": "xpcc", "level": "regiment", "name": "某团", "division": "第八师"}, False),
        (None, True),  # no jurisdiction: the same division, as the caller gives the history
    ],
)
def test_repeat_counts_the_same_division_only(entry: dict[str, Any] | None, counts: bool) -> None:
    history: list[dict[str, Any]] = [{"id": "H", "occurred_at": "2024-05-01", "deaths": 1}]
    if entry is not None:
        history[0]["jurisdiction"] = entry
    result = run(case(1, jurisdiction=TENTH, history=history))
    assert ("xpcc.general.repeat_30d" in rules_applied(result)) is counts


def test_repeat_division_unknown_is_not_evaluable() -> None:
    history = [{"id": "H", "occurred_at": "2024-05-01", "deaths": 1, "jurisdiction": {"level": "regiment"}}]
    result = run(case(1, jurisdiction=TENTH, history=history))
    assert "xpcc.general.repeat_30d" in {n.rule for n in result.not_evaluable}


def test_repeat_needs_deaths_in_both() -> None:
    assert "xpcc.general.repeat_30d" not in rules_applied(_repeat("2024-05-01", history_deaths=0, serious_injuries=3))
    assert "xpcc.general.repeat_30d" not in rules_applied(_repeat("2024-05-01", history_deaths=3))
    history = [{"id": "H", "occurred_at": "2024-05-01", "deaths": 1}]
    assert "xpcc.general.repeat_30d" not in rules_applied(run(case(0, serious_injuries=1, history=history)))


def test_repeat_later_history_does_not_count() -> None:
    assert "xpcc.general.repeat_30d" not in rules_applied(_repeat("2024-05-13"))


def test_repeat_reaches_deputy_of_the_earlier_accidents_sector() -> None:
    result = _repeat("2024-05-01", sector="construction")
    assert targets(result, "xpcc.general.repeat_30d", "interview") == {"ds", "dc", "dx"}


# ------------------------------------------------------------------ death bands


@pytest.mark.parametrize("deaths", [3, 4, 5])
def test_three_to_five(deaths: int) -> None:
    result = run(case(deaths, sector="coal_mine"))
    assert hits(result, "xpcc.larger_3_5") == {
        (k, t) for k in ("self_criticism", "interview", "circulated_criticism") for t in DEPUTIES
    }
    self_crit = [c for c in result.consequences if c.kind == "self_criticism"]
    assert {c.to for c in self_crit} == {("师", "兵团")}
    assert "xpcc.larger_6_9" not in rules_applied(result)
    assert "xpcc.general.interview" not in rules_applied(result)


def test_two_deaths_is_not_three_to_five() -> None:
    result = run(case(2, sector="coal_mine"))
    assert "xpcc.larger_3_5" not in rules_applied(result)
    assert not_applied(result)["xpcc.larger_3_5"] == "deaths 2 is not in 3–5"


@pytest.mark.parametrize("deaths", [6, 9])
def test_six_to_nine(deaths: int) -> None:
    result = run(case(deaths, sector="coal_mine"))
    assert hits(result, "xpcc.larger_6_9") == {
        (k, t) for k in ("self_criticism", "interview", "circulated_criticism") for t in PRINCIPALS
    }
    assert "xpcc.larger_3_5" not in rules_applied(result)
    assert "xpcc.major_veto" not in rules_applied(result)


def test_ten_deaths_adds_the_veto_and_keeps_six_to_nine() -> None:
    result = run(case(10, sector="construction", jurisdiction={"name": "第一师", "level": "division"}))
    assert "xpcc.larger_6_9" in rules_applied(result)
    vetoes = [c for c in result.consequences if c.kind == "veto"]
    assert [(c.target.name, c.effects) for c in vetoes] == [("第一师", ("取消各类评先评优资格",))]
    assert (str(vetoes[0].starts_on), str(vetoes[0].ends_on)) == ("2024-01-01", "2024-12-31")
    assert ("accountability", "有关责任人") in hits(result, "xpcc.major_veto")
    assert "xpcc.coal.major_interview" not in rules_applied(result)


def test_nine_deaths_major_by_loss_is_no_veto() -> None:
    """The veto follows deaths (10人以上) or a major impact, not the grade by loss."""
    result = run(case(9, direct_loss_cny="60000000"))
    assert result.grade.national.value == "major"
    assert "xpcc.major_veto" not in rules_applied(result)


def test_major_social_impact_veto_without_ten_deaths() -> None:
    result = run(case(1, major_social_impact=True))
    assert "xpcc.major_veto" in rules_applied(result)


# ------------------------------------------------------------------ coal mines


def test_coal_ten_deaths() -> None:
    result = run(
        case(
            10,
            sector="coal_mine",
            responsibility_accident=True,
            unit={"name": "某煤矿", "capacity_tpy": 300000},
        )
    )
    assert targets(result, "xpcc.coal.major_interview", "interview") == PRINCIPALS
    effects = {c.effects for c in result.consequences if c.kind == "veto"}
    assert effects == {("取消各类评先评优资格",), ("取消争先进位资格",)}
    assert hits(result, "xpcc.on_site") == {("on_site", "兵团主要负责人或分管负责人")}
    assert "xpcc.coal.closure" in not_applied(result)  # 300,000 t/yr > 90,000


def test_coal_nine_deaths_no_major_rules() -> None:
    result = run(case(9, sector="coal_mine"))
    assert not {"xpcc.coal.major_interview", "xpcc.on_site", "xpcc.major_veto"} & rules_applied(result)


def test_on_site_follows_grade_major_by_loss() -> None:
    assert "xpcc.on_site" in rules_applied(run(case(1, sector="coal_mine", direct_loss_cny="50000000")))
    assert "xpcc.on_site" not in rules_applied(run(case(1, sector="coal_mine", direct_loss_cny="49999999.99")))


@pytest.mark.parametrize(("capacity", "closed"), [(90000, True), (90001, False), (0, True)])
def test_closure_capacity_boundary(capacity: int, closed: bool) -> None:
    result = run(
        case(
            3,
            sector="coal_mine",
            responsibility_accident=True,
            unit={"name": "小煤矿", "capacity_tpy": capacity},
        )
    )
    assert (("closure", "小煤矿") in hits(result, "xpcc.coal.closure")) is closed


def test_closure_needs_larger_and_responsibility() -> None:
    unit = {"name": "小煤矿", "capacity_tpy": 60000}
    assert "xpcc.coal.closure" not in rules_applied(
        run(case(2, sector="coal_mine", responsibility_accident=True, unit=unit))
    )
    assert "xpcc.coal.closure" not in rules_applied(run(case(3, sector="coal_mine", unit=unit)))


def test_closure_capacity_unknown_is_not_evaluable() -> None:
    result = run(case(3, sector="coal_mine", responsibility_accident=True, unit={"name": "小煤矿"}))
    assert not_evaluable(result)["xpcc.coal.closure"] == "incident.unit.capacity_tpy"
    assert "xpcc.coal.closure" not in not_applied(result)


def test_sector_unknown_makes_coal_rules_not_evaluable() -> None:
    result = run(case(10))
    ne = not_evaluable(result)
    assert ne["xpcc.coal.major_interview"] == "incident.sector"
    assert ne["xpcc.on_site"] == "incident.sector"
    assert "xpcc.major_veto" in ne  # its coal-only effect cannot be decided
    assert "xpcc.major_veto" in rules_applied(result)  # the veto itself stands


def test_duty_interview_needs_the_failure() -> None:
    officials: list[dict[str, Any]] = [
        {"id": "m", "post": "unit_head", "conduct": {"duties_not_performed": True}},
        {"id": "g", "post": "group_leader", "conduct": {"duties_not_performed": True}},
        {"id": "ok", "post": "unit_head"},
    ]
    result = run(case(1, sector="coal_mine", officials=officials))
    assert targets(result, "xpcc.coal.duty_interview", "interview") == {"m", "g"}
    assert "xpcc.coal.duty_interview" not in rules_applied(run(case(1, sector="non_coal_mine", officials=officials)))


# ------------------------------------------------------------------ roles, dates, composition


def test_role_without_official_still_stated() -> None:
    result = run(case(4, officials=[]))
    got = hits(result, "xpcc.larger_3_5")
    assert got == {(k, "师分管领导") for k in ("self_criticism", "interview", "circulated_criticism")}
    c = next(c for c in result.consequences if c.rule == "xpcc.larger_3_5")
    assert c.target.type.value == "role"
    assert ev("note.unassigned_role", label="师分管领导") in c.notes


def test_before_the_documents_took_effect() -> None:
    result = run(case(4, occurred_at="2014-07-28T12:00:00+08:00"))
    assert result.consequences == ()
    assert "xpcc.larger_3_5" in not_applied(result)
    assert "2014-07-29" in not_applied(result)["xpcc.larger_3_5"]  # a local table not yet in force: said so
    assert result.selection is not None
    assert [(r.code, dict(r.params).get("regime")) for r in result.selection.reasons] == [
        ("explicit", "xpcc"),
        ("not_in_force_yet", "xpcc"),
    ]
    assert "xpcc.larger_3_5" in rules_applied(run(case(4, occurred_at="2014-07-29T00:00:00+08:00")))


def test_card_runs_the_xpcc_tables_and_no_trigger_adds_nothing() -> None:
    xpcc = run(case(4, sector="coal_mine"))
    card = run(case(4, sector="coal_mine", regime="card"))
    assert [(c.rule, c.kind, c.target) for c in card.consequences] == [
        (c.rule, c.kind, c.target) for c in xpcc.consequences
    ]
    assert dict(card.tables).keys() == {"card", "xpcc", "guiyang", "national"}


def test_every_consequence_cites_its_rule_with_a_quote() -> None:
    result = run(case(10, sector="coal_mine", responsibility_accident=True, unit={"name": "x", "capacity_tpy": 1}))
    assert result.consequences
    for c in result.consequences:
        assert c.citation.quote and c.citation.article and c.citation.source.endswith((".txt", ".md"))


def test_consequences_ordered_by_rule_target_kind() -> None:
    result = run(case(10, sector="coal_mine"))
    keys = [(c.rule, c.target.sort_key(), c.kind) for c in result.consequences]
    assert keys == sorted(keys)


def test_provisional_note_depends_on_decision_date() -> None:
    early = run({**case(4), "decided_on": "2024-06-11"})
    late = run({**case(4), "decided_on": "2024-06-12"})
    assert any(n.code == "note.provisional" for n in early.notes)
    assert not any(n.code == "note.provisional" for n in late.notes)


def test_docs_example_itself_and_another_division_are_not_a_second_accident() -> None:
    """docs/xpcc.md: the incident listed again and 第七师's accident: no 30-day interview."""
    import json
    from pathlib import Path

    from accountability import assess

    path = Path(__file__).resolve().parent.parent / "docs" / "examples" / "xpcc-30-days-not-a-second.json"
    result = assess(json.loads(path.read_text("utf-8")))
    assert "xpcc.general.repeat_30d" not in {c.rule for c in result.consequences}
    why = next(n.why for n in result.not_applied if n.rule == "xpcc.general.repeat_30d")
    assert (why.code, why.param("count"), why.param("need")) == ("prior.short", 0, 1)
