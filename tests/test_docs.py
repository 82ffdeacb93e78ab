"""The docs' worked examples run: every ```console block's command gives exactly its output,
and each example gives the consequences docs/rules.md §3 names."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from accountability import assess
from accountability.codec import parse_json
from helpers import EXAMPLES, ROOT

# ```console blocks: "$ command" then its exact output; "```console exit=2" expects that exit
# code, and the output is then what the command wrote to standard error.
BLOCK = re.compile(r"```console(?: exit=(?P<code>\d+))?\n\$ (?P<cmd>[^\n]+)\n(?P<out>.*?)```", re.S)
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
BLOCKS = [
    (doc, m.group("cmd"), m.group("out"), int(m.group("code") or 0))
    for doc in DOCS
    for m in BLOCK.finditer(doc.read_text("utf-8"))
]


def test_docs_have_worked_examples() -> None:
    assert len([b for b in BLOCKS if "assess docs/examples/" in b[1]]) >= 3


@pytest.mark.parametrize(("doc", "cmd", "expected", "code"), BLOCKS, ids=[f"{b[0].name}:{b[1][:60]}" for b in BLOCKS])
def test_console_block_output(doc: Path, cmd: str, expected: str, code: int) -> None:
    argv = shlex.split(cmd)
    assert argv[0] == "accountability"
    proc = subprocess.run(
        [sys.executable, "-m", "accountability_cli", *argv[1:]], cwd=ROOT, capture_output=True, check=False
    )
    assert proc.returncode == code, proc.stderr.decode()
    if code == 0:
        assert proc.stdout.decode("utf-8") == expected
    else:
        assert proc.stdout == b""
        assert proc.stderr.decode("utf-8") == expected


def _load(name: str) -> dict[str, object]:
    data = parse_json((EXAMPLES / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _got(name: str) -> set[tuple[str, str, str]]:
    result = assess(_load(name))
    return {(c.rule, c.kind, c.target.id or c.target.name or "") for c in result.consequences}


def test_example_one_death() -> None:
    assert _got("xpcc-1-death.json") == {
        ("xpcc.general.interview", "interview", "u1"),
        ("xpcc.general.interview", "interview", "d1"),
        ("xpcc.general.repeat_30d", "interview", "s1"),
        ("xpcc.general.repeat_30d", "interview", "s2"),
        ("national.unit_fine", "fine", "某建筑公司"),
        ("national.licences", "licence_suspension", "某建筑公司"),  # 493号 第四十条, may
        ("national.licences", "licence_revocation", "某建筑公司"),
    }


def test_example_four_deaths() -> None:
    ladder = {
        ("xpcc.larger_3_5", kind, who)
        for kind in ("self_criticism", "interview", "circulated_criticism")
        for who in ("o1", "o3")
    }
    assert _got("xpcc-4-deaths.json") == ladder | {
        ("xpcc.coal.duty_interview", "interview", "o2"),
        ("national.principal_fine", "fine", "o2"),
        ("national.principal_removal", "discipline", "o2"),
        ("national.principal_removal", "reappointment_ban", "o2"),
        ("national.unit_fine", "fine", "某煤矿"),
        ("national.licences", "licence_suspension", "某煤矿"),
        ("national.licences", "licence_revocation", "某煤矿"),
        ("national.licences", "qualification_suspension", "o2"),
    }
    fine = next(c for c in assess(_load("xpcc-4-deaths.json")).consequences if c.rule == "national.unit_fine")
    assert (fine.amount_min_cny, fine.amount_max_cny, fine.amount_cny) == (
        Decimal(1_000_000),
        Decimal(2_000_000),
        Decimal(2_000_000),
    )


def test_example_ten_deaths() -> None:
    ladder = {
        ("xpcc.larger_6_9", kind, who)
        for kind in ("self_criticism", "interview", "circulated_criticism")
        for who in ("p1", "p2")
    }
    assert _got("xpcc-10-deaths.json") == ladder | {
        ("xpcc.coal.major_interview", "interview", "p1"),
        ("xpcc.coal.major_interview", "interview", "p2"),
        ("xpcc.major_veto", "veto", "第六师"),
        ("xpcc.major_veto", "accountability", "有关责任人"),
        ("xpcc.coal.duty_interview", "interview", "m1"),
        ("xpcc.coal.closure", "closure", "某小煤矿"),
        ("xpcc.on_site", "on_site", "兵团主要负责人或分管负责人"),
        ("national.principal_fine", "fine", "m1"),
        ("national.principal_removal", "discipline", "m1"),
        ("national.principal_removal", "reappointment_ban", "m1"),
        ("national.unit_fine", "fine", "某小煤矿"),
        ("national.licences", "licence_suspension", "某小煤矿"),
        ("national.licences", "licence_revocation", "某小煤矿"),
        ("national.licences", "qualification_suspension", "m1"),
    }


def _officials(name: str) -> dict[str, tuple[object, ...]]:
    result = assess(_load(name))
    return {
        o.id: (
            o.accountable,
            o.exempt,
            o.form_range and tuple(o.form_range),
            o.modality and o.modality.value,
        )
        for o in result.officials
    }


def test_example_guiyang_four_outcomes() -> None:
    assert _officials("guiyang-three-officials.json") == {
        "a": (True, False, ("suspension", "suspension"), "must"),
        "b": (True, False, ("interview", "admonishment"), "must"),  # interview discretionary
        "c": (False, True, None, None),
        "e": (True, False, ("notice", "notice"), "must"),
        "d": (None, None, None, None),
    }
    b = next(o for o in assess(_load("guiyang-three-officials.json")).officials if o.id == "b")
    assert list(b.discretionary_forms or ()) == ["interview"]


def test_example_card_exemption() -> None:
    result = assess(_load("card-exemption.json"))
    assert {(r.rule, r.kind, r.target.id) for r in result.removed} == {
        ("xpcc.larger_3_5", k, "s") for k in ("self_criticism", "interview", "circulated_criticism")
    }
    assert not [c for c in result.consequences if c.target.id == "s"]
    h = {(c.rule, c.kind) for c in result.consequences if c.target.id == "h"}
    assert ("xpcc.larger_3_5", "interview") in h and ("guiyang.accountability", "accountability") in h


def test_example_sanctions_dated() -> None:
    result = assess(_load("sanctions-dated.json"))
    dated = {(c.kind, c.sanction and c.sanction, str(c.starts_on), str(c.ends_on)) for c in result.consequences}
    assert dated == {
        ("accountability", None, "None", "None"),
        ("awards_ineligible", None, "2024-02-29", "2025-08-29"),
        ("promotion_ban", None, "2024-02-29", "2025-08-29"),
        ("reappointment_ban", None, "2024-02-29", "2025-02-28"),
        ("discipline", "party_serious_warning", "2024-02-29", "2025-08-29"),
        ("discipline", "gov_major_demerit", "2024-02-29", "2025-08-29"),
        ("referral", None, "None", "None"),
        ("fine", None, "None", "None"),  # national.unit_fine on the responsible unit
        ("licence_suspension", None, "None", "None"),  # 493号 第四十条 on the responsible unit
        ("licence_revocation", None, "None", "None"),
        ("discipline", None, "None", "None"),  # 2021 第一百一十一条: the deputy who misreported
    }


def _amounts(name: str) -> set[tuple[str, str, str, object, object, object]]:
    result = assess(_load(name))
    return {
        (c.rule, c.kind, c.target.id or c.target.name or "", c.amount_cny, c.amount_min_cny, c.amount_max_cny)
        for c in result.consequences
        if c.kind == "fine"
    }


def test_example_national_late_report() -> None:
    d = Decimal
    assert _amounts("national-late-report.json") == {
        ("national.principal_fine", "fine", "boss", d("231600.00"), None, None),
        ("national.rescue_or_report", "fine", "boss", None, d("231600.00"), d("386000")),
        ("national.other_manager_fine", "fine", "safety", None, d("30400.00"), d("76000.00")),
        ("national.unit_fine", "fine", "某化工有限公司", None, d(1_000_000), d(2_000_000)),
    }


def test_example_2020_under_the_2014_law() -> None:
    d = Decimal
    assert _amounts("national-2020.json") == {
        ("national.principal_fine", "fine", "boss", d("181342.4600"), None, None),
        ("national.unit_fine", "fine", "某矿业公司", None, d(500_000), d(700_000)),  # 2015 规定 第十五条（一）
    }


def test_example_review_unqualified() -> None:
    from accountability.catalog import load_regime
    from accountability.codec import parse_review
    from accountability.engine import review_case

    result = review_case(parse_review(_load("review-unqualified.json")), load_regime("xpcc"))
    got = {(c.kind, c.target.id or c.target.name, c.amount_cny, str(c.due_on)) for c in result.consequences}
    assert got == {
        ("fine", "第五师", Decimal(20000), "2026-02-24"),
        ("fine_share", "z", Decimal("1333.34"), "2026-02-24"),
        ("fine_share", "s", Decimal("1333.33"), "2026-02-24"),
        ("fine_share", "h", Decimal("1333.33"), "2026-02-24"),
    }


def test_example_zhejiang_third_larger() -> None:
    got = {r for r in _got("zhejiang-third-larger.json") if r[0].startswith("zhejiang.")}
    assert got == {
        ("zhejiang.warning", "warning_notice", "温州市"),
        ("zhejiang.warning", "warning_notice", "某化工集团（国有控股）"),
        ("zhejiang.warning", "interview", "ms"),  # the city's (level city), not the county's xs
        ("zhejiang.warning", "interview", "mz"),
        ("zhejiang.soe", "salary_deduction", "ceo"),
        ("zhejiang.soe", "salary_deduction", "vp"),
        ("zhejiang.soe", "awards_ineligible", "ceo"),
    }
    unit_fine = next(
        c for c in assess(_load("zhejiang-third-larger.json")).consequences if c.rule == "national.unit_fine"
    )
    assert unit_fine.amount_cny == Decimal(2_000_000)


def test_glossary_matches_the_terms() -> None:
    from accountability import terms
    from accountability.vocabulary import shared

    text = (ROOT / "docs" / "glossary.md").read_text("utf-8")
    for group in ("kind", "post", "form", "sanction"):  # the shared vocabulary (a test may have added terms)
        for t in shared().terms(group):
            assert f"| `{t.code}` | {t.zh} | {t.en} |" in text, t.code
    for table in (terms.GRADE, terms.BAND):
        for code, (zh, en) in table.items():
            assert f"| `{code}` | {zh} | {en} |" in text, code


def test_the_package_docstring_example_runs() -> None:
    import doctest

    import accountability

    failures, tried = doctest.testmod(accountability, verbose=False)
    assert tried >= 2 and failures == 0


def test_every_regime_has_a_current_reference_page() -> None:
    from accountability.catalog import load_regime, regime_names
    from accountability.pages import regime_page

    for name in regime_names():
        page = ROOT / "docs" / "regimes" / f"{name}.md"
        assert page.read_text("utf-8") == regime_page(load_regime(name)), f"run scripts/regime-pages ({name})"


def test_contract_example_gives_the_contracts_illustrated_outcome() -> None:
    """docs/contract.md's own input: o1 (leadership responsibility, every lenient behaviour) → [notice, suspension]
    must, notice discretionary (第十八条 应当问责; 第二十五条 可以从轻、减轻).

    The input block of docs/contract.md is docs/examples/contract-example.json, and every JSON block there parses."""
    blocks = re.findall(r"```json\n(.*?)```", (ROOT / "docs" / "contract.md").read_text("utf-8"), re.S)
    assert len(blocks) >= 2 and all(isinstance(parse_json(b), dict) for b in blocks)
    assert parse_json(blocks[0]) == _load("contract-example.json")
    result = assess(_load("contract-example.json"))
    o1 = next(o for o in result.officials if o.id == "o1")
    assert (o1.accountable, o1.exempt, list(o1.form_range or ()), str(o1.modality)) == (
        True,
        False,
        ["notice", "suspension"],
        "must",
    )
    assert list(o1.discretionary_forms or ()) == ["notice"]
    assert "guiyang.trigger.leadership_responsibility" in o1.applied and "guiyang.lenient" in o1.applied
    assert result.grade.national.value == "larger" and str(result.grade.provisional_until) == "2024-06-11"
    assert any(
        c.rule == "xpcc.larger_3_5" and c.kind == "self_criticism" and c.target.id == "o1" for c in result.consequences
    )
