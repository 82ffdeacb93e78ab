"""RULES §4: Guiyang's individual accountability, clause by clause, on both sides."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountability import OfficialSummary, Result, assess
from accountability.vocabulary import shared

DECIDED = "2024-08-01"


def one(
    conduct: dict[str, bool] | None = None,
    *,
    post: str = "deputy_safety",
    regime: str = "guiyang",
    decided_on: str | None = DECIDED,
    history: list[dict[str, Any]] | None = None,
    incident: dict[str, Any] | None = None,
    **official: Any,
) -> Result:
    data: dict[str, Any] = {
        "regime": regime,
        "incident": {
            "id": "G",
            "occurred_at": "2024-05-12T09:30:00+08:00",
            "deaths": 4,
            "sector": "coal_mine",
            "accident_type": "gas_explosion",
            "responsibility_accident": True,
            **(incident or {}),
        },
        "officials": [{"id": "x", "post": post, "conduct": conduct or {}, **official}],
    }
    if decided_on is not None:
        data["decided_on"] = decided_on
    if history is not None:
        data["history"] = history
    return assess(data)


def summary(result: Result) -> OfficialSummary:
    return result.officials[0]


def kinds(result: Result) -> dict[str, Any]:
    return {c.kind: c for c in result.consequences if c.target.id == "x"}


def why(result: Result, rule: str) -> str:
    """The text of why ``rule`` did not apply to the official (tests look for values in it: ids, flags)."""
    return next(n.why.text() for n in summary(result).not_applied if n.rule == rule)


def not_applied(result: Result) -> set[str]:
    return {n.rule for n in summary(result).not_applied}


TRIGGERS = [
    "duties_not_performed",
    "obstructed_enforcement",
    "interceded",
    "report_failure",
    "leadership_responsibility",
    "failed_rescue",
    "other",
]
LENIENT = {
    "remedial_action": True,
    "reduced_loss": True,
    "mitigated_impact": True,
    "cooperated": True,
    "accepted_responsibility": True,
}


# ------------------------------------------------------------------ triggers and scope


@pytest.mark.parametrize("flag", TRIGGERS)
def test_each_trigger_makes_accountable(flag: str) -> None:
    result = one({flag: True})
    assert summary(result).accountable is True
    assert f"guiyang.trigger.{flag}" in summary(result).applied
    assert kinds(result)["accountability"].modality == "must"


def test_no_trigger_not_accountable() -> None:
    result = one({})
    assert summary(result).accountable is False
    assert [c for c in result.consequences if c.target.id == "x"] == []
    assert "guiyang.trigger" in why(result, "guiyang.accountability")


@pytest.mark.parametrize("post", ["party_secretary", "government_head", "deputy_safety", "deputy_sector"])
def test_scope_leaders(post: str) -> None:
    assert summary(one({"other": True}, post=post)).accountable is True


@pytest.mark.parametrize("post", ["department_head", "department_deputy"])
def test_scope_departments_by_analogy(post: str) -> None:
    s = summary(one({"other": True}, post=post))
    assert s.accountable is True
    assert "guiyang.scope.analogous" in s.applied
    assert any(n.code == "note.rule" and n.param("rule") == "guiyang.scope.analogous" for n in s.notes)


@pytest.mark.parametrize("post", ["unit_head", "unit_deputy", "safety_manager", "group_leader", "soe_leader"])
def test_scope_excludes_enterprise_people(post: str) -> None:
    result = one({"duties_not_performed": True}, post=post)
    assert summary(result).accountable is None
    assert "guiyang.scope" in not_applied(result) and "guiyang.scope.analogous" in not_applied(result)
    assert not [c for c in result.consequences if c.rule.startswith("guiyang.")]


def test_before_the_clauses_took_effect() -> None:
    result = one({"other": True}, incident={"occurred_at": "2018-04-07"})
    assert summary(result).accountable is None
    reason = next(n.why for n in result.not_applied if n.rule == "guiyang.scope")
    # the table is not in force yet (the selection says so; the engine alone: not encoded before that day)
    assert reason.code in ("rule.table_not_in_force", "rule.before_encoded") and reason.param("start") == "2018-04-08"
    assert summary(one({"other": True}, incident={"occurred_at": "2018-04-08"})).accountable is True


# ------------------------------------------------------------------ no escape (第二十二条)


@pytest.mark.parametrize("status", ["transferred", "promoted", "retired"])
def test_no_escape(status: str) -> None:
    both = one({"leadership_responsibility": True, "egregious_dereliction": True}, status=status)
    assert summary(both).accountable is True
    assert "guiyang.no_escape" in summary(both).applied
    partial = one({"leadership_responsibility": True}, status=status)
    assert summary(partial).accountable is None
    assert "egregious_dereliction" in why(partial, "guiyang.no_escape")
    assert "guiyang.no_escape.not_shown" in summary(partial).applied


# ------------------------------------------------------------------ exemption (第二十六条)


def test_exemption_verified() -> None:
    s = summary(one({"duties_fully_performed": True}))
    assert (s.accountable, s.exempt) == (False, True)


@pytest.mark.parametrize("flag", ["duties_not_performed", "leadership_responsibility", "failed_rescue"])
def test_exemption_defeated(flag: str) -> None:
    result = one({"duties_fully_performed": True, flag: True})
    assert (summary(result).accountable, summary(result).exempt) == (True, False)
    assert f"guiyang.trigger.{flag}" in why(result, "guiyang.exemption")


@pytest.mark.parametrize("flag", ["obstructed_enforcement", "interceded", "report_failure", "other"])
def test_exemption_does_not_cover_other_misconduct(flag: str) -> None:
    result = one({"duties_fully_performed": True, flag: True})
    assert (summary(result).accountable, summary(result).exempt) == (True, False)
    assert f"guiyang.trigger.{flag}" in why(result, "guiyang.exemption")
    assert f"guiyang.trigger.{flag}" in summary(result).applied


def test_card_exemption_removes_xpcc_consequences() -> None:
    result = one({"duties_fully_performed": True}, regime="card")
    assert summary(result).exempt is True
    assert not [c for c in result.consequences if c.target.id == "x"]
    removed = {(r.rule, r.kind, r.by_rule) for r in result.removed}
    assert removed == {
        ("xpcc.larger_3_5", k, "guiyang.exemption") for k in ("self_criticism", "interview", "circulated_criticism")
    }


def test_card_triggered_official_keeps_xpcc_and_gains_accountability() -> None:
    result = one({"leadership_responsibility": True}, regime="card")
    got = {(c.rule, c.kind) for c in result.consequences}
    assert ("xpcc.larger_3_5", "self_criticism") in got
    assert ("guiyang.accountability", "accountability") in got
    assert result.removed == ()


def test_card_failed_exemption_removes_nothing() -> None:
    result = one({"duties_fully_performed": True, "duties_not_performed": True}, regime="card")
    assert result.removed == ()
    assert ("xpcc.larger_3_5", "interview") in {(c.rule, c.kind) for c in result.consequences}


# ------------------------------------------------------------------ the range


def test_proposal_alone() -> None:
    s = summary(one({"other": True}, proposed_form=["admonishment", "suspension"]))
    assert (s.form, s.form_range, s.modality) == (None, ("admonishment", "suspension"), "must")


def test_single_form_proposal() -> None:
    s = summary(one({"other": True}, proposed_form="removal"))
    assert (s.form, s.form_range) == ("removal", ("removal", "removal"))


@pytest.mark.parametrize(
    "flags",
    [{"enlarged_harm": True}, {"obstructed_inquiry": True}, {"retaliation": True}],
)
def test_aggravating_drops_lightest(flags: dict[str, bool]) -> None:
    s = summary(one({"other": True, **flags}, proposed_form=["admonishment", "suspension"]))
    assert (s.form, s.modality) == ("suspension", "must")
    assert "guiyang.aggravating" in s.applied


def test_aggravating_keeps_single_form() -> None:
    s = summary(one({"other": True, "retaliation": True}, proposed_form=["notice"]))
    assert s.form_range == ("notice", "notice")


def _repeat(history_day: str, **incident: Any) -> Any:
    history = [{"id": "H", "occurred_at": history_day, "deaths": 1, "accident_type": "gas_explosion"}]
    impact = {"major_social_impact": True, **incident}
    return summary(
        one(
            {"other": True, "prevention_not_implemented": True},
            history=history,
            incident=impact,
            proposed_form=["notice", "admonishment"],
        )
    )


def test_repeat_within_the_year_before_boundaries() -> None:
    assert _repeat("2023-05-12").form == "admonishment"  # D − 1 year: inside
    assert _repeat("2023-05-11").form is None  # a day earlier: outside
    assert _repeat("2024-05-12").form is None  # the same day: "一年内" before D excludes D
    assert _repeat("2024-05-11").form == "admonishment"


def test_repeat_needs_same_type_and_impact() -> None:
    assert _repeat("2024-01-01", accident_type="flooding").form is None
    assert _repeat("2024-01-01", major_social_impact=False).form is None
    assert _repeat("2024-01-01", major_social_impact=False, egregious=True).form == "admonishment"


def test_repeat_from_flag_and_unknown_type() -> None:
    flagged = one(
        {"other": True, "prevention_not_implemented": True, "same_type_within_year": True},
        incident={"egregious": True},
        proposed_form=["notice", "admonishment"],
    )
    assert summary(flagged).form == "admonishment"
    unknown = one(
        {"other": True, "prevention_not_implemented": True},
        incident={"egregious": True},
        history=[{"id": "H", "occurred_at": "2024-01-01", "deaths": 1}],
    )
    assert any(n.rule == "guiyang.aggravating" for n in summary(unknown).not_evaluable)


def test_lenient_widens_one_below_and_keeps_accountability_must() -> None:
    """第十八条 应当问责; 第二十五条 可以从轻、减轻: 问责 stays must, only the widened form is discretionary."""
    result = one({"other": True, **LENIENT}, proposed_form=["admonishment", "suspension"])
    s = summary(result)
    assert (s.form_range, s.modality, s.discretionary_forms) == (("notice", "suspension"), "must", ("notice",))
    main = kinds(result)["accountability"]
    assert (main.modality, main.discretionary_forms) == ("must", ("notice",))


def test_without_lenient_no_discretionary_forms() -> None:
    s = summary(one({"other": True}, proposed_form=["admonishment", "suspension"]))
    assert (s.form_range, s.modality, s.discretionary_forms) == (("admonishment", "suspension"), "must", None)


def test_lenient_never_below_interview() -> None:
    s = summary(one({"other": True, **LENIENT}, proposed_form="interview"))
    assert (s.form, s.modality, s.discretionary_forms) == ("interview", "must", None)


def test_lenient_loss_or_impact_are_alternatives() -> None:
    """RULES §4: 减少事故损失 or 有效避免或者挽回社会不良影响 (after 厅字〔2018〕13号 第二十二条's 或者)."""
    for dropped in ("reduced_loss", "mitigated_impact"):
        result = one({"other": True, **{**LENIENT, dropped: False}}, proposed_form="notice")
        assert summary(result).discretionary_forms == ("interview",)
    neither = one(
        {"other": True, **{**LENIENT, "reduced_loss": False, "mitigated_impact": False}}, proposed_form="notice"
    )
    assert summary(neither).discretionary_forms is None
    assert "reduced_loss" in why(neither, "guiyang.lenient") and "mitigated_impact" in why(neither, "guiyang.lenient")


@pytest.mark.parametrize("missing", ["remedial_action", "cooperated", "accepted_responsibility"])
def test_lenient_partial_is_considered_not_met(missing: str) -> None:
    result = one({"other": True, **{**LENIENT, missing: False}}, proposed_form="notice")
    assert (summary(result).modality, summary(result).discretionary_forms) == ("must", None)
    assert missing in why(result, "guiyang.lenient")


def test_aggravating_and_lenient_conflict() -> None:
    s = summary(one({"other": True, "retaliation": True, **LENIENT}, proposed_form=["notice", "suspension"]))
    assert s.form_range == ("notice", "suspension")
    assert [c.code for c in s.conflicts] == ["note.conflict"]
    assert (s.conflicts[0].param("heavier"), s.conflicts[0].param("lighter")) == ("第二十一条", "第二十五条")


def test_no_proposal_leaves_the_form_to_the_authority() -> None:
    result = one({"other": True})
    s = summary(result)
    assert (s.accountable, s.form, s.form_range) == (True, None, None)
    assert any(n.code == "note.no_proposal" for n in kinds(result)["accountability"].notes)


def test_who_decides() -> None:
    assert (
        kinds(one({"other": True}, proposed_form="notice"))["accountability"].by
        == "上级党委、政府或安全生产综合监管部门"
    )
    assert kinds(one({"other": True}, proposed_form="removal"))["accountability"].by == "组织人事部门（或纪检监察机关）"


# ------------------------------------------------------------------ what follows (第二十条)


@pytest.mark.parametrize(
    ("sanctions", "decided", "end"),
    [
        (["party_warning"], "2024-02-29", "2025-02-28"),  # leap day + 1 year
        (["gov_major_demerit"], "2024-04-23", "2025-10-23"),  # 18 months
        (["gov_warning"], "2024-08-31", "2025-02-28"),  # month end
        (["gov_warning", "party_serious_warning"], "2024-01-31", "2025-07-31"),  # the longest
        (["party_probation_2y"], "2024-03-01", "2028-03-01"),
    ],
)
def test_promotion_ban_ends_with_the_longest_sanction(sanctions: list[str], decided: str, end: str) -> None:
    early = {"occurred_at": "2024-01-10T09:30:00+08:00"}  # decided after the accident (else bad input)
    got = kinds(one({"other": True}, proposed_discipline=sanctions, decided_on=decided, incident=early))
    assert (str(got["promotion_ban"].starts_on), str(got["promotion_ban"].ends_on)) == (decided, end)
    assert str(got["awards_ineligible"].ends_on) == end


def test_each_sanction_is_a_discipline_consequence_with_its_period() -> None:
    result = one({"other": True}, proposed_discipline=["party_warning", "gov_demerit"])
    got = {(str(c.sanction), str(c.ends_on)) for c in result.consequences if c.kind == "discipline"}
    assert got == {("party_warning", "2025-08-01"), ("gov_demerit", "2025-08-01")}
    assert {c.by for c in result.consequences if c.kind == "discipline"} == {"纪检监察机关"}


def test_no_sanction_period_per_applicable_rules() -> None:
    ban = kinds(one({"other": True}))["promotion_ban"]
    assert ban.ends_on is None and ban.notes[0].code == "note.period_no_sanction"


def test_probation_without_term_is_not_evaluable() -> None:
    result = one({"other": True}, proposed_discipline=["party_probation"])
    assert kinds(result)["promotion_ban"].ends_on is None
    assert any(n.needs.code == "needs.probation_term" for n in summary(result).not_evaluable)


def test_expulsion_effects() -> None:
    result = one(
        {"other": True},
        proposed_discipline=["party_expulsion"],
        decided_on="2024-02-29",
        incident={"occurred_at": "2024-01-10"},
    )
    d = kinds(result)["discipline"]
    assert str(d.ends_on) == "2029-02-28"  # no readmission for five years
    assert "reappointment_ban" in kinds(result)


def test_no_decision_date_is_not_evaluable() -> None:
    result = one({"other": True}, proposed_discipline=["gov_warning"], decided_on=None)
    assert kinds(result)["promotion_ban"].ends_on is None
    assert any(n.needs.code == "needs.dates" for n in summary(result).not_evaluable)


@pytest.mark.parametrize("form", ["ordered_resignation", "demotion", "removal"])
def test_reappointment_ban_for_resignation_or_heavier(form: str) -> None:
    ban = kinds(
        one({"other": True}, proposed_form=form, decided_on="2024-02-29", incident={"occurred_at": "2024-01-10"})
    )["reappointment_ban"]
    assert (str(ban.starts_on), str(ban.ends_on), ban.modality) == ("2024-02-29", "2025-02-28", "must")
    assert ban.scope == "与其原任职务相当的领导职务"


def test_reappointment_ban_boundaries() -> None:
    assert "reappointment_ban" not in kinds(one({"other": True}, proposed_form="reassignment"))
    not_resp = one({"other": True}, proposed_form="removal", incident={"responsibility_accident": False})
    assert "reappointment_ban" not in kinds(not_resp)
    assert "responsibility_accident" in why(not_resp, "guiyang.effects")
    straddle = kinds(one({"other": True}, proposed_form=["reassignment", "removal"]))["reappointment_ban"]
    assert straddle.modality == "may"
    assert "reappointment_ban" in kinds(one({"other": True}, proposed_discipline=["gov_dismissal"]))


def test_effects_only_for_an_accident() -> None:
    """第二十条 "因生产安全事故": 0 deaths, 0 injuries, 0 loss is no accident (493号 第二条): no effects."""
    none = one({"duties_not_performed": True}, proposed_discipline=["gov_demerit"], incident={"deaths": 0})
    assert summary(none).accountable is True
    assert not {"awards_ineligible", "promotion_ban", "reappointment_ban"} & set(kinds(none))
    assert "guiyang.effects" in not_applied(none)
    for smallest in ({"deaths": 0, "serious_injuries": 1}, {"deaths": 0, "direct_loss_cny": "0.01"}):
        got = one({"duties_not_performed": True}, proposed_discipline=["gov_demerit"], incident=smallest)
        assert {"awards_ineligible", "promotion_ban"} <= set(kinds(got))


@pytest.mark.parametrize("fact", ["enlarged_harm", "obstructed_inquiry", "retaliation", "prevention_not_implemented"])
def test_exemption_fails_against_an_aggravating_fact(fact: str) -> None:
    result = one({"duties_fully_performed": True, fact: True})
    s = summary(result)
    assert (s.exempt, s.accountable) == (False, False)
    assert fact in why(result, "guiyang.exemption")
    assert one({"duties_fully_performed": True}).officials[0].exempt is True


def test_referral() -> None:
    assert "referral" in kinds(one({"other": True, "suspected_duty_offence": True}))
    assert "referral" not in kinds(one({"other": True}))


# ------------------------------------------------------------------ properties

FORMS = list(shared().codes("form"))
proposals = st.tuples(st.integers(0, 7), st.integers(0, 7)).map(lambda p: [FORMS[min(p)], FORMS[max(p)]])
flag_sets = st.fixed_dictionaries(
    {},
    optional={f: st.booleans() for f in [*TRIGGERS, *LENIENT, "mitigated_impact", "duties_fully_performed"]},
)
agg_flags = st.sampled_from(["enlarged_harm", "obstructed_inquiry", "retaliation"])


def _range(result: Result) -> tuple[int, int] | None:
    r = summary(result).form_range
    return None if r is None else (FORMS.index(r[0]), FORMS.index(r[1]))


@settings(max_examples=60, deadline=None)
@given(flag_sets, proposals, agg_flags)
def test_aggravating_never_lighter(flags: dict[str, bool], proposal: list[str], agg: str) -> None:
    flags = {**flags, "other": True}
    before, after = (
        _range(one(flags, proposed_form=proposal)),
        _range(one({**flags, agg: True}, proposed_form=proposal)),
    )
    assert before is not None and after is not None
    assert after[0] >= before[0] and after[1] == before[1]


@settings(max_examples=60, deadline=None)
@given(flag_sets, proposals)
def test_lenient_never_heavier(flags: dict[str, bool], proposal: list[str]) -> None:
    flags = {**flags, "other": True}
    before, after = (
        _range(one(flags, proposed_form=proposal)),
        _range(one({**flags, **LENIENT}, proposed_form=proposal)),
    )
    assert before is not None and after is not None
    assert after[0] <= before[0] and after[1] == before[1]


@settings(max_examples=60, deadline=None)
@given(flag_sets, st.sampled_from(["guiyang", "card"]))
def test_exemption_never_adds_a_consequence(flags: dict[str, bool], regime: str) -> None:
    def got(claim: bool) -> set[tuple[str, str]]:
        result = one({**flags, "duties_fully_performed": claim}, regime=regime)
        return {(c.rule, c.kind) for c in result.consequences}

    assert got(True) <= got(False)
