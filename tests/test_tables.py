"""The tables: every shipped one loads and quotes its source; bad tables are refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accountability.catalog import load_regime, shipped_tables
from accountability.rules import TableError, compose, parse_table
from helpers import ROOT, SOURCES

MINIMAL = """
[table]
name = "t"
title = "test"

[documents.d]
source = "x.txt"
title = "文件"

[selectors.heads]
label = "主要负责人"
post = ["unit_head"]

[[rule]]
id = "t.one"
summary = "one"
effective_from = 2020-01-01
when = { deaths = { min = 1 } }

[[rule.cite]]
key = "a"
doc = "d"
article = "第一条"
quote = "引文"

[[rule.consequence]]
kind = "interview"
modality = "must"
target = "heads"
"""


def test_minimal_table_loads() -> None:
    table = parse_table("t", MINIMAL)
    assert [r.id for r in table.rules] == ["t.one"]
    assert len(table.sha256) == 64


def test_rule_ids_and_quotes_of_shipped_tables() -> None:
    tables = shipped_tables()
    assert {"xpcc", "card"} <= set(tables)
    ids = [r.id for r in load_regime("xpcc").rules]
    assert ids == sorted(ids)
    ids = [r.id for r in shipped_tables()["xpcc"].rules]
    expected = {
        "xpcc.general.interview",
        "xpcc.general.repeat_30d",
        "xpcc.larger_3_5",
        "xpcc.larger_6_9",
        "xpcc.major_veto",
        "xpcc.coal.major_interview",
        "xpcc.coal.duty_interview",
        "xpcc.coal.closure",
        "xpcc.on_site",
        "xpcc.band_gap",
        "xpcc.top_penalty",
        "xpcc.assessment.fine",
        "xpcc.assessment.reward",
        "xpcc.assessment.individual",
    }
    assert set(ids) == expected
    national = {r.id for r in shipped_tables()["national"].rules}
    assert national == {
        "national.principal_fine",
        "national.unit_fine",
        "national.principal_removal",
        "national.other_manager_fine",
        "national.rescue_or_report",
        "national.report_failure",
        "national.false_report",
        "national.government_report",
        "national.licences",
        "national.principal_ban",
    }


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this checkout")
def test_every_quote_is_in_its_source_verbatim() -> None:
    checked = 0
    for table in shipped_tables().values():
        for rule in table.rules:
            for citation in rule.citations.values():
                text = (SOURCES / citation.source).read_text(encoding="utf-8")
                # quotes of texts not stored whole, wrapped; Guiyang's 办法, whose lines wrap with tabs; and every
                # national text (national/*.md: the 2014 law, the 2015 and 2024 规定, … wrap their items)
                if citation.source.startswith(("national/", "004_")):
                    assert _flat(citation.quote) in _flat(text), f"{rule.id}: quote not in {citation.source}"
                    continue
                assert citation.quote in text, f"{rule.id}: quote not found in {citation.source}"
                if citation.source.endswith(".txt"):
                    assert _flat(citation.document) in _flat(text), f"{rule.id}: title not in {citation.source}"
                checked += 1
    assert checked >= 10


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this checkout")
def test_every_sanction_quote_is_in_its_source() -> None:
    """Quotes of the sanction rows; whitespace is ignored (the sources wrap lines and use tabs)."""
    checked = 0
    for table in shipped_tables().values():
        for c in (c for s in table.sanctions.values() for c in s.citations):
            text = _flat((SOURCES / c.source).read_text(encoding="utf-8"))
            assert _flat(c.quote) in text, f"{c.article}: quote not found in {c.source}"
            checked += 1
    assert checked >= 15


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this checkout")
def test_every_article_cited_is_the_article_quoted() -> None:
    """The quote sits in the article it names (第十四条 quotes come from 第十四条's line)."""
    text = (SOURCES / "003_561a6a12466198ae.txt").read_text(encoding="utf-8")
    for rule in shipped_tables()["xpcc"].rules:
        for c in rule.citations.values():
            if c.article.startswith("第") and c.article.endswith("条"):
                line = next(ln for ln in text.splitlines() if c.quote in ln)
                assert re.match(rf"\s*{c.article}", line), (rule.id, c.article)


BAD = [
    (
        "unknown predicate",
        MINIMAL.replace("deaths = { min = 1 }", "dead = { min = 1 }"),
        "rule 't.one': unknown predicate 'dead'",
    ),
    (
        "missing citation",
        re.sub(r"\[\[rule.cite\]\].*?quote = \"引文\"\n", "", MINIMAL, flags=re.S),
        "rule 't.one': missing citation",
    ),
    ("duplicate id", MINIMAL + MINIMAL[MINIMAL.index("[[rule]]") :], "rule 't.one': duplicate rule id"),
    ("unknown kind", MINIMAL.replace('kind = "interview"', 'kind = "flogging"'), "unknown kind 'flogging'"),
    ("unknown post", MINIMAL.replace('post = ["unit_head"]', 'post = ["boss"]'), "unknown value(s) boss"),
    (
        "unknown selector",
        MINIMAL.replace('target = "heads"', 'target = "nobody"'),
        "unknown selector 'nobody'",
    ),
    ("unknown document", MINIMAL.replace('doc = "d"', 'doc = "z"'), "unknown document 'z'"),
    ("empty quote", MINIMAL.replace('quote = "引文"', 'quote = ""'), "'cite.quote' must be non-empty"),
    (
        "bad date",
        MINIMAL.replace("effective_from = 2020-01-01", 'effective_from = "soon"'),
        "'effective_from' must be a TOML date",
    ),
    (
        "unknown rule key",
        MINIMAL.replace('summary = "one"', 'summary = "one"\nexec = "rm -rf /"'),
        "rule 't.one'.exec: unknown key \"exec\"",
    ),
    ("bad modality", MINIMAL.replace('modality = "must"', 'modality = "should"'), "modality must be"),
    ("not toml", MINIMAL + "\n[[[", "not valid TOML"),
    ("wrong name", MINIMAL.replace('name = "t"', 'name = "u"'), "name must be 't'"),
    ("bad grade", MINIMAL.replace("deaths = { min = 1 }", 'grade_at_least = "huge"'), "national grade"),
    ("bad span", MINIMAL.replace("deaths = { min = 1 }", "deaths = { least = 1 }"), "'min' and/or 'max'"),
    (
        "nested prior",
        MINIMAL.replace("deaths = { min = 1 }", "prior = { within_days = 3, when = { prior = { within_days = 1 } } }"),
        "may not be nested",
    ),
    ("no consequence", MINIMAL[: MINIMAL.index("[[rule.consequence]]")], "at least one"),
]


@pytest.mark.parametrize(("label", "text", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_tables_are_refused(label: str, text: str, message: str) -> None:
    with pytest.raises(TableError) as err:
        parse_table("t", text, filename="tables/t.toml")
    assert str(err.value).startswith("tables/t.toml"), str(err.value)
    assert message in str(err.value)


def test_include_cycle_and_unknown_include_are_refused() -> None:
    a = parse_table("a", '[table]\nname = "a"\ntitle = "A"\nincludes = ["b"]\n')
    b = parse_table("b", '[table]\nname = "b"\ntitle = "B"\nincludes = ["a"]\n')
    with pytest.raises(TableError, match="includes itself"):
        compose("a", {"a": a, "b": b})
    with pytest.raises(TableError, match="includes unknown table 'b'"):
        compose("a", {"a": a})


def test_same_rule_id_in_two_composed_tables_is_refused() -> None:
    one = parse_table("t", MINIMAL)
    two = parse_table(
        "u",
        MINIMAL.replace('name = "t"', 'name = "u"').replace('title = "test"', 'title = "u"\nincludes = ["t"]'),
    )
    with pytest.raises(TableError, match=r"rule .t.one. is also defined in"):
        compose("u", {"t": one, "u": two})


def test_a_new_regime_is_a_table_not_code() -> None:
    """A regime composed from a new table runs through the same engine."""
    from accountability import assess_case, parse_case

    table = parse_table("t", MINIMAL)
    regime = compose("t", {"t": table})
    case = parse_case(
        {
            "incident": {"occurred_at": "2024-01-01", "deaths": 1},
            "officials": [{"id": "u", "post": "unit_head"}],
        }
    )
    result = assess_case(case, regime)
    assert [(c.rule, c.kind, c.target.id) for c in result.consequences] == [("t.one", "interview", "u")]


def test_guiyang_lenient_reading_is_a_condition_in_the_table() -> None:
    """问责条例's reading (remedial + reduced/mitigated, or cooperated + accepted) is another condition of the row."""
    from accountability import assess_case, parse_case

    text = (ROOT / "tables" / "guiyang.toml").read_text("utf-8")
    letter = (
        'when = { conduct = ["remedial_action", "cooperated", "accepted_responsibility"], '
        'conduct_any = ["reduced_loss", "mitigated_impact"] }'
    )
    wenze_reading = (
        'when = { any = [{ conduct = ["remedial_action"], conduct_any = ["reduced_loss", "mitigated_impact"] }, '
        '{ conduct = ["cooperated", "accepted_responsibility"] }] }'
    )
    assert letter in text
    case = parse_case(
        {
            "incident": {"occurred_at": "2024-05-12", "deaths": 1},
            "officials": [
                {
                    "id": "x",
                    "post": "deputy_safety",
                    "proposed_form": "notice",
                    "conduct": {"other": True, "cooperated": True, "accepted_responsibility": True},
                }
            ],
        }
    )
    national = shipped_tables()["national"]
    as_text = compose("guiyang", {"guiyang": parse_table("guiyang", text), "national": national})
    wenze = parse_table("guiyang", text.replace(letter, wenze_reading))
    as_wenze = compose("guiyang", {"guiyang": wenze, "national": national})
    assert str(assess_case(case, as_text).officials[0].modality) == "must"
    assert list(assess_case(case, as_wenze).officials[0].form_range or ()) == ["interview", "notice"]


BAD_ROWS = [
    ("unknown sanction", 'code = "gov_expulsion"', 'code = "gov_fired"', "unknown sanction code"),
    ("duplicate sanction", 'code = "gov_expulsion"', 'code = "gov_warning"', "duplicate sanction"),
    ("unknown flag", 'conduct = ["interceded"]', 'conduct = ["bribed"]', "unknown value(s) bribed"),
    ("form twice", 'accountability = ["interview", "notice"', 'accountability = ["notice", "notice"', "twice"),
    (
        "unknown modify key",
        "drop_lightest = true }",
        "drop_lightest = true, twice = true }",
        "rule 'guiyang.aggravating'.modify.twice: unknown key",
    ),
    ("modify says nothing", 'direction = "heavier", drop_lightest = true', 'direction = "heavier"', "nothing to do"),
    ("bad direction", 'direction = "heavier", drop_lightest', 'direction = "up", drop_lightest', "heavier"),
    ("huge priority", "priority = 100,", "priority = 1000000,", "from -1000 to 1000"),
    ("bad form_range", 'form_range = "proposed"', 'form_range = "any"', "form_range"),
    ("unknown exception key", "exempts = true,", "exempts = true, pardon = true,", "'exception' has"),
]


@pytest.mark.parametrize(("label", "old", "new", "message"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_per_official_rows_are_refused(label: str, old: str, new: str, message: str) -> None:
    text = (ROOT / "tables" / "guiyang.toml").read_text("utf-8")
    assert old in text
    with pytest.raises(TableError) as err:
        parse_table("guiyang", text.replace(old, new, 1), filename="tables/guiyang.toml")
    assert str(err.value).startswith("tables/guiyang.toml") and message in str(err.value), str(err.value)


BAD_REFERENCES = [
    (
        "modifier of a missing rule",
        'rule = "guiyang.accountability", direction = "heavier"',
        'rule = "guiyang.accountabilty", direction = "heavier"',
        "matches no rule",
    ),
    ("exception of a missing rule", 'defeats = ["*"]', 'defeats = ["nowhere.*"]', "matches no rule"),
    (
        "requires a later rule",
        'requires = ["guiyang.scope", "guiyang.scope.analogous"]\nwhen = { status',
        'requires = ["guiyang.exemption"]\nwhen = { status',
        "before it in the table",
    ),
    (
        "reads a range before its modifier",
        'form = "ordered_resignation"',
        'form = "ordered_resignation"',
        "before its modifier",
    ),
    (
        "verdict of a missing rule",
        'decided_by = "guiyang.accountability"',
        'decided_by = "guiyang.nothing"',
        "matches no rule applied per official",
    ),
    ("unknown ladder", 'ladder = "accountability"', 'ladder = "forms"', "names ladder 'forms'"),
]


@pytest.mark.parametrize(("label", "old", "new", "message"), BAD_REFERENCES, ids=[b[0] for b in BAD_REFERENCES])
def test_bad_references_between_rows_are_refused_on_composing(label: str, old: str, new: str, message: str) -> None:
    text = (ROOT / "tables" / "guiyang.toml").read_text("utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if label == "reads a range before its modifier":  # move the effects row above the lenient modifier
        start = text.index('[[rule]]\nid = "guiyang.effects"')
        end = text.index('[[rule]]\nid = "guiyang.referral"')
        block = text[start:end]
        text = text[:start] + text[end:]
        at = text.index('[[rule]]\nid = "guiyang.lenient"')
        text = text[:at] + block + text[at:]
    national = shipped_tables()["national"]
    with pytest.raises(TableError) as err:
        compose("guiyang", {"guiyang": parse_table("guiyang", text), "national": national})
    assert message in str(err.value), str(err.value)


def test_official_predicates_only_in_rules_per_official() -> None:
    with pytest.raises(TableError, match="only in a rule with applies_to"):
        parse_table("t", MINIMAL.replace("deaths = { min = 1 }", 'conduct = ["other"]'))


# ------------------------------------------------------------------ tables are checked like input (issue: engine)


def test_every_problem_of_a_table_is_said_at_once() -> None:
    text = (ROOT / "tables" / "guiyang.toml").read_text("utf-8")
    broken = text.replace('conduct = ["interceded"]', 'conduct = ["bribed"]', 1).replace(
        'conduct = ["report_failure"]', 'conduct = ["lied"]', 1
    )
    with pytest.raises(TableError) as err:
        parse_table("guiyang", broken, filename="tables/guiyang.toml")
    lines = str(err.value).splitlines()
    assert len(lines) == 2
    assert "guiyang.trigger.interceded" in lines[0] and "bribed" in lines[0]
    assert "guiyang.trigger.report_failure" in lines[1] and "lied" in lines[1]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("deaths = { min = 1 }", "deaths = { min = 5, max = 3 }", "min 5 is above max 3"),
        ("deaths = { min = 1 }", "deaths = { min = inf }", "must be from 0 to"),
        ("deaths = { min = 1 }", "deaths = { min = 1e30 }", "must be from 0 to"),
        ("deaths = { min = 1 }", "prior = { within_days = 999999999999 }", "from 1 to 36600"),
    ],
)
def test_extreme_or_impossible_figures_are_table_errors(old: str, new: str, message: str) -> None:
    assert old in MINIMAL
    with pytest.raises(TableError, match=re.escape(message)):
        parse_table("t", MINIMAL.replace(old, new))


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [("amount", "inf", "must be from 0 to"), ("ban_years", "100000", "from 1 to 100"), ("due_days", "0", "from 1")],
)
def test_extreme_consequence_figures_are_table_errors(key: str, value: str, message: str) -> None:
    text = MINIMAL.replace('kind = "interview"', f'kind = "fine"\n{key} = {value}', 1)
    assert text != MINIMAL
    with pytest.raises(TableError, match=re.escape(message)):
        parse_table("t", text)


def test_malformed_shapes_are_table_errors_not_crashes() -> None:
    for text in (MINIMAL + "\n[grading]\nsummary = 1\n", MINIMAL + "\n[answerable]\nregiment = 3\n"):
        with pytest.raises(TableError):
            parse_table("t", text)


def test_a_user_table_replacing_a_shipped_regime_is_announced(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from accountability_cli import cli

    (tmp_path / "guiyang.toml").write_text((ROOT / "tables" / "guiyang.toml").read_text("utf-8"), "utf-8")
    example = ROOT / "docs" / "examples" / "guiyang-three-officials.json"
    result = CliRunner().invoke(cli, ["assess", str(example), "--tables", str(tmp_path)])
    assert result.exit_code == 0
    assert "replaces the shipped regime 'guiyang'" in result.stderr


def test_a_tables_shape_is_read_like_input_every_problem_at_once() -> None:
    """The rows are typed classes (tableformat) read with the input's strict machinery: unknown keys and
    wrong kinds of value anywhere in the table are reported together, each with its row and key."""
    text = (ROOT / "tables" / "guiyang.toml").read_text("utf-8")
    bad = (
        text.replace("drop_lightest = true }", "drop_lightest = 1 }", 1)  # a number where true/false belongs
        .replace('[table]\nname = "guiyang"', '[table]\nname = "guiyang"\nowner = "me"', 1)  # unknown key
        .replace('[[rule.cite]]\nkey = "a"', '[[rule.cite]]\nkey = "a"\npage = 3', 1)  # unknown key in a cite
    )
    with pytest.raises(TableError) as err:
        parse_table("guiyang", bad, filename="tables/guiyang.toml")
    lines = str(err.value).splitlines()
    assert len(lines) == 3, lines
    assert any(line.startswith('tables/guiyang.toml: table.owner: unknown key "owner"') for line in lines)
    assert any(".modify.drop_lightest: expected true or false, found 1" in line for line in lines)
    assert any(".cite[0].page: unknown key" in line and line.split(": ")[1].startswith("rule '") for line in lines)
