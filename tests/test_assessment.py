"""RULES §3, annual assessment (办法 第八至十六条): bands, fine, rewards, shares, veto, review."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from accountability import Result, assess
from accountability.catalog import load_regime
from accountability.codec import parse_review
from accountability.engine import review_case
from accountability.events import ev
from helpers import EXAMPLES


def year(
    score: str | int | None,
    *,
    unit_kind: str = "division",
    officials: list[dict[str, Any]] | None = None,
    incidents: list[dict[str, Any]] | None = None,
    **assessment: Any,
) -> Result:
    data: dict[str, Any] = {
        "regime": "xpcc",
        "assessment": {"year": 2025, "name": "第九师", "unit_kind": unit_kind, **assessment},
        "officials": officials
        if officials is not None
        else [{"id": "ps", "post": "party_secretary"}, {"id": "gh", "post": "government_head"}],
        "incidents": incidents or [],
    }
    if score is not None:
        data["assessment"]["score"] = score
    return review_case(parse_review(data), load_regime("xpcc"))


def got(result: Result) -> set[tuple[str, str, str, str, str]]:
    return {
        (c.rule, c.kind, c.target.id or c.target.name or "", str(c.amount_cny), c.modality.value)
        for c in result.consequences
    }


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("100", "advanced"),
        ("90", "advanced"),
        ("89.99", "good"),
        ("80", "good"),
        ("79.99", "qualified"),
        ("60", "qualified"),
        ("59.99", "unqualified"),
        ("0", "unqualified"),
    ],
)
def test_bands_include_their_lower_bound(score: str, band: str) -> None:
    result = year(score)
    assert result.assessment is not None and result.assessment.band == band
    assert result.assessment.eligible is (band in ("advanced", "good"))


@pytest.mark.parametrize("score", ["-0.01", "100.01", "abc"])
def test_score_outside_0_to_100_is_an_input_error(score: str) -> None:
    from accountability import InputError

    with pytest.raises(InputError) as err:
        year(score)
    assert err.value.problems[0].path == "$.assessment.score"


def test_unqualified_division_fine_and_share() -> None:
    result = year("59.99", published_on="2026-02-05")
    assert got(result) == {
        ("xpcc.assessment.fine", "fine", "第九师", "20000", "must"),
        ("xpcc.assessment.fine", "fine_share", "ps", "2000.00", "must"),
        ("xpcc.assessment.fine", "fine_share", "gh", "2000.00", "must"),
    }
    due = {str(c.due_on) for c in result.consequences}
    assert due == {"2026-02-24"}  # 2026-02-20 falls in the Spring Festival holiday
    assert next(c for c in result.consequences if c.kind == "fine").to == ("兵团财务局",)


def test_sixty_is_not_fined() -> None:
    assert got(year("60")) == set()


def test_fine_only_for_division_and_direct_units() -> None:
    assert got(year("10", unit_kind="bingtuan_direct"))
    assert got(year("10", unit_kind="committee_member")) == set()
    assert got(year("10", unit_kind="regiment")) == set()


def test_three_signatories_split_the_4000_share() -> None:
    officials = [{"id": i, "post": "deputy_sector", "signatory": True} for i in ("a", "b", "c")]
    officials.append({"id": "ps", "post": "party_secretary"})  # not a signatory: flags win over the fallback
    shares = {c.target.id: c.amount_cny for c in year("50", officials=officials).consequences if c.kind == "fine_share"}
    assert shares == {"a": Decimal("1333.34"), "b": Decimal("1333.33"), "c": Decimal("1333.33")}
    assert sum(v for v in shares.values() if v is not None) == Decimal(4000)


def test_no_signatory_for_a_committee_member_fallback_department_head() -> None:
    officials = [{"id": "d", "post": "department_head"}]
    result = year("95", unit_kind="committee_member", designated=True, officials=officials)
    assert ("xpcc.assessment.reward", "reward_share", "d", "2000.00", "must") in got(result)


def test_regiment_share_is_unassigned_without_signatories() -> None:
    result = year("95", unit_kind="regiment", designated=True)
    shares = [c for c in result.consequences if c.kind == "reward_share"]
    assert [(c.target.type.value, c.target.name, c.amount_cny) for c in shares] == [
        ("role", "责任书签订人", Decimal(2000))
    ]
    assert shares[0].notes[-1] == ev("note.unassigned_signatory", label="责任书签订人")
    reward = next(c for c in result.consequences if c.kind == "reward")
    assert reward.by == "所在师或兵团直属单位"


@pytest.mark.parametrize(
    ("streak", "amount", "share"), [(0, "30000", "3000.00"), (1, "30000", "3000.00"), (2, "50000", "5000.00")]
)
def test_division_reward_and_the_third_year(streak: int, amount: str, share: str) -> None:
    result = year("92", designated=True, consecutive_advanced_years=streak)
    assert ("xpcc.assessment.reward", "reward", "第九师", amount, "must") in got(result)
    assert ("xpcc.assessment.reward", "reward_share", "ps", share, "must") in got(result)


def test_committee_member_three_year_amount() -> None:
    officials = [{"id": "d", "post": "department_head", "signatory": True}]
    result = year(
        "90", unit_kind="committee_member", designated=True, consecutive_advanced_years=2, officials=officials
    )
    assert ("xpcc.assessment.reward", "reward", "第九师", "20000", "must") in got(result)
    assert ("xpcc.assessment.reward", "reward_share", "d", "4000.00", "must") in got(result)


def test_reward_may_while_designation_unknown_none_when_refused() -> None:
    assert {m for *_, m in got(year("92"))} == {"may"}
    assert got(year("92", designated=False)) == set()
    assert got(year("85", designated=True)) == set()  # 良好: eligible, no reward in the text


def test_veto_year_no_reward_band_stands() -> None:
    incidents = [{"id": "X", "occurred_at": "2025-07-01", "deaths": 10, "sector": "construction"}]
    result = year("95", designated=True, incidents=incidents)
    assert result.assessment is not None
    assert (result.assessment.band, result.assessment.vetoed, result.assessment.eligible) == ("advanced", True, False)
    assert result.assessment.vetoed_by == ("X (xpcc.major_veto)",)
    assert got(result) == set()


def test_veto_in_another_year_does_not_count() -> None:
    incidents = [{"id": "X", "occurred_at": "2024-12-31T23:30:00+08:00", "deaths": 10}]
    result = year("95", designated=True, incidents=incidents)
    assert result.assessment is not None and result.assessment.vetoed is False
    # 2024-12-31T16:30Z is 2025-01-01 00:30 in Shanghai: the assessment year
    incidents = [{"id": "Y", "occurred_at": "2024-12-31T16:30:00Z", "deaths": 10}]
    assert year("95", designated=True, incidents=incidents).assessment.vetoed is True  # type: ignore[union-attr]


def test_publication_assumed_at_the_end_of_february() -> None:
    result = year("50")
    assert result.assessment is not None
    assert (str(result.assessment.published_on), result.assessment.published_on_assumed) == ("2026-02-28", True)
    assert ev("note.publication_default", day="2026-02-28", year=2026) in result.notes
    assert {str(c.due_on) for c in result.consequences} == {"2026-03-16"}  # 03-15 is a Sunday
    leap = year("50", year=2027)
    assert leap.assessment is not None and str(leap.assessment.published_on) == "2028-02-29"


def test_individual_reward() -> None:
    officials = [{"id": "x", "post": "deputy_safety", "conduct": {"designated_advanced_individual": True}}]
    assert ("xpcc.assessment.individual", "reward", "x", "2000", "must") in got(year("70", officials=officials))


def test_assessment_inside_assess_with_the_incident_veto() -> None:
    data = {
        "regime": "xpcc",
        "incident": {"id": "I", "occurred_at": "2025-05-01", "deaths": 12, "sector": "construction"},
        "assessment": {"year": 2025, "unit_kind": "division", "score": 93, "designated": True},
    }
    result = assess(data)
    assert result.assessment is not None and result.assessment.vetoed_by == ("I (xpcc.major_veto)",)
    assert not [c for c in result.consequences if c.rule == "xpcc.assessment.reward"]


def test_review_cli_json_and_table() -> None:
    path = str(EXAMPLES / "review-advanced.json")
    out = subprocess.run([sys.executable, "-m", "accountability_cli", "review", path], capture_output=True, check=False)
    assert out.returncode == 0, out.stderr.decode()
    data = json.loads(out.stdout)
    assert data["assessment"]["band"] == "advanced"
    assert sorted(c["amount_cny"] for c in data["consequences"]) == ["2000.00", "5000.00", "5000.00", "50000.00"]
    table = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "review", path, "--format", "table"],
        capture_output=True,
        check=False,
    ).stdout.decode()
    assert "档次 先进" in table


def test_review_bad_input_exit_2(tmp_path: Any) -> None:
    bad = tmp_path / "y.json"
    bad.write_text('{"assessment": {"year": 2025, "score": 101}}', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "review", str(bad)], capture_output=True, check=False
    )
    assert out.returncode == 2
    assert f"{bad}: $.assessment.score: expected a score from 0 to 100, found 101" in out.stderr.decode()
