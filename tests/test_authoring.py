"""docs/authoring.md: a new province with its own per-official clauses is a table and nothing else.

The example province (docs/examples/tables/example_province.toml) reads its clauses differently
from Guiyang: one lenient behaviour is enough and 问责 stays must (range two forms lower), its
exemption defeats only its own table's consequences, and it has its own ladder of forms.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from accountability import InputError, Result, assess_case, parse_case
from accountability.catalog import Catalog, with_user_tables
from accountability.rules import TableError
from accountability.schema import schema
from accountability.vocabulary import shared

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "docs" / "examples" / "tables"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    texts = {p.stem: (str(p), p.read_text("utf-8")) for p in TABLES.glob("*.toml")}
    return Catalog(with_user_tables(texts))


def run(catalog: Catalog, conduct: dict[str, bool], *, post: str = "deputy_safety", **official: Any) -> Result:
    case = parse_case(
        {
            "regime": "example_province",
            "incident": {"occurred_at": "2024-06-01", "deaths": 3, "unit": {"name": "某公司"}},
            "officials": [{"id": "x", "post": post, "conduct": conduct, **official}],
            "decided_on": "2024-09-01",
        },
        catalog.vocabulary(),
    )
    return assess_case(case, catalog.load("example_province"))


def mine(result: Result) -> list[tuple[str, str]]:
    return [(c.rule, c.kind) for c in result.consequences if c.target.id == "x"]


def test_every_quote_is_in_the_example_source() -> None:
    text = (TABLES / "example_province.txt").read_text("utf-8")
    quotes = re.findall(r'^quote = "(.*)"$', (TABLES / "example_province.toml").read_text("utf-8"), re.M)
    assert len(quotes) == 7
    for quote in quotes:
        assert quote in text


def test_only_its_own_articles_are_cited(catalog: Catalog) -> None:
    result = run(catalog, {"duties_not_performed": True}, proposed_form="suspension")
    c = next(c for c in result.consequences if c.rule == "example_province.accountability")
    articles = [c.citation.article, *(x.article for x in c.also_cites)]
    assert articles == ["第六条", "第五条"]
    assert {x.document for x in (c.citation, *c.also_cites)} == {"示例省党政领导干部安全生产责任追究办法（示例，虚构）"}


@pytest.mark.parametrize("flag", ["remedial_action", "cooperated"])
def test_one_lenient_behaviour_is_enough_and_accountability_stays_must(catalog: Catalog, flag: str) -> None:
    s = run(catalog, {"duties_not_performed": True, flag: True}, proposed_form="removal").officials[0]
    assert (s.accountable, s.modality, s.form_range) == (True, "must", ("admonishment", "removal"))


def test_lenient_stops_at_the_lightest_form(catalog: Catalog) -> None:
    s = run(catalog, {"duties_not_performed": True, "cooperated": True}, proposed_form="admonishment").officials[0]
    assert s.form_range == ("interview", "admonishment")


def test_no_lenient_behaviour_leaves_the_proposal(catalog: Catalog) -> None:
    s = run(catalog, {"duties_not_performed": True}, proposed_form="removal").officials[0]
    assert (s.modality, s.form, s.form_range) == ("must", "removal", ("removal", "removal"))


@pytest.mark.parametrize("flag", ["retaliation", "obstructed_inquiry"])
def test_aggravating_drops_the_lightest_form(catalog: Catalog, flag: str) -> None:
    s = run(catalog, {"leadership_responsibility": True, flag: True}, proposed_form=["interview", "suspension"])
    assert s.officials[0].form_range == ("admonishment", "suspension")


def test_aggravating_and_lenient_conflict(catalog: Catalog) -> None:
    s = run(
        catalog,
        {"leadership_responsibility": True, "retaliation": True, "cooperated": True},
        proposed_form=["admonishment", "suspension"],
    ).officials[0]
    assert s.form_range == ("admonishment", "suspension") and len(s.conflicts) == 1


def test_exemption_defeats_only_its_own_table(catalog: Catalog) -> None:
    """Unlike Guiyang, leadership responsibility does not stand against a verified full performance;
    the national fine of the same official (a unit head is out of the province's scope) is untouched."""
    result = run(catalog, {"leadership_responsibility": True, "duties_fully_performed": True})
    s = result.officials[0]
    assert (s.accountable, s.exempt) == (False, True)
    assert mine(result) == []
    assert [(r.rule, r.kind, r.by_rule) for r in result.removed] == [
        ("example_province.accountability", "accountability", "example_province.exemption")
    ]


def test_exemption_contradicted_by_duties_not_performed(catalog: Catalog) -> None:
    s = run(catalog, {"duties_not_performed": True, "duties_fully_performed": True}).officials[0]
    assert (s.accountable, s.exempt) == (True, False)


def test_out_of_scope_posts_get_no_verdict(catalog: Catalog) -> None:
    result = run(catalog, {"duties_not_performed": True}, post="deputy_sector")
    assert (result.officials[0].accountable, result.officials[0].exempt) == (None, None)
    assert mine(result) == []


def test_national_law_still_applies_beside_it(catalog: Catalog) -> None:
    result = run(catalog, {"duties_not_performed": True}, post="unit_head", previous_year_income_cny="300000")
    assert ("national.principal_fine", "fine") in mine(result)
    assert next(c for c in result.consequences if c.rule == "national.principal_fine").amount_cny == 180000


def test_before_its_date_of_effect_nothing_of_it_applies(catalog: Catalog) -> None:
    case = parse_case(
        {
            "regime": "example_province",
            "incident": {"occurred_at": "2023-12-31", "deaths": 3},
            "officials": [{"id": "x", "post": "deputy_safety", "conduct": {"duties_not_performed": True}}],
        }
    )
    result = assess_case(case, catalog.load("example_province"))
    assert result.officials[0].accountable is None
    assert {n.rule for n in result.not_applied} >= {"example_province.scope", "example_province.accountability"}


def test_a_regime_may_hold_several_per_official_tables() -> None:
    """Two tables with per-official rules in one regime: each official is judged by the first table (in
    composition order) that has them in scope; both tables' consequences stand."""
    from accountability.catalog import shipped_tables
    from accountability.rules import compose, parse_table

    texts = {p.stem: p.read_text("utf-8") for p in TABLES.glob("*.toml")}
    both = (
        texts["example_province"]
        .replace('name = "example_province"', 'name = "both"')
        .replace('includes = ["national"]', 'includes = ["guiyang", "national"]')
    )
    tables = {**shipped_tables(), "both": parse_table("both", both)}
    regime = compose("both", tables)
    case = parse_case(
        {
            "incident": {"occurred_at": "2024-06-01", "deaths": 3},
            "officials": [
                {
                    "id": "s",
                    "post": "deputy_safety",
                    "proposed_form": "removal",
                    "conduct": {"cooperated": True, "duties_not_performed": True},
                },
                {"id": "t", "post": "deputy_sector", "conduct": {"duties_not_performed": True}},
            ],
        }
    )
    result = assess_case(case, regime)
    s, t = result.officials
    assert (s.accountable, s.form_range) == (True, ("admonishment", "removal"))  # the province's ladder
    assert "example_province.accountability" in s.applied and "guiyang.accountability" in s.applied
    assert (t.accountable, t.form_range) == (True, None)  # only Guiyang has a deputy for a sector in scope
    assert "example_province.scope" not in t.applied


# ------------------------------------------------------------------ its own vocabulary (第十条)


def test_a_conduct_fact_and_a_kind_the_table_declares(catalog: Catalog) -> None:
    result = run(catalog, {"hazard_overdue": True})
    assert ("example_province.training", "safety_training") in mine(result)
    assert ("example_province.training", "safety_training") not in mine(run(catalog, {"hazard_overdue": False}))


def test_its_terms_are_refused_where_its_table_is_not_in_force() -> None:
    data = {"incident": {"occurred_at": "2024-06-01", "deaths": 3}, "officials": [{"id": "x", "post": "unit_head"}]}
    data["officials"][0]["conduct"] = {"hazard_overdue": True}  # type: ignore[index]
    with pytest.raises(InputError) as err:
        parse_case(data)  # the shared vocabulary alone
    assert [p.path for p in err.value.problems] == ["$.officials[0].conduct.hazard_overdue"]
    assert "unknown key" in err.value.problems[0].message


def test_its_terms_are_in_the_vocabulary_in_force_and_labelled(catalog: Catalog) -> None:
    vocabulary = catalog.vocabulary()
    assert vocabulary.has("conduct", "hazard_overdue") and vocabulary.has("kind", "safety_training")
    assert vocabulary.label("kind", "safety_training", "zh") == "参加安全生产专题培训"
    assert not shared().has("kind", "safety_training")
    conduct = schema("input", vocabulary)["$defs"]["Conduct"]["properties"]
    assert conduct["hazard_overdue"] == {"type": "boolean"}
    assert "safety_training" in schema("output", vocabulary)["$defs"]["Kind"]["enum"]
    assert "safety_training" not in schema("output")["$defs"]["Kind"]["enum"]


def _table_with(extra: str, rule_when: str = "when = { always = true }") -> str:
    text = (TABLES / "example_province.toml").read_text("utf-8")
    return text.replace("[documents.banfa]", extra + "\n[documents.banfa]").replace(
        'when = { conduct = ["hazard_overdue"] }', rule_when
    )


@pytest.mark.parametrize(
    ("extra", "when", "problem"),
    [
        # a code the shared vocabulary has, declared again
        (
            '[vocabulary.post]\nunit_head = { zh = "x", en = "x" }\n',
            None,
            "post.unit_head: already declared with other labels",
        ),
        # a group that does not exist
        ('[vocabulary.mood]\nhappy = { zh = "x", en = "x" }\n', None, "[mood]: unknown group"),
        # a term without its English label
        ('[vocabulary.sector]\nspace = { zh = "航天" }\n', None, "sector.space: expected"),
        # a code that is not a JSON-friendly identifier
        ('[vocabulary.sector]\n"Space Flight" = { zh = "航天", en = "space" }\n', None, "sector.Space Flight: a code"),
        # a rule naming a conduct fact nobody declared
        ("", 'when = { conduct = ["hazard_ignored"] }', "unknown value(s) hazard_ignored"),
    ],
)
def test_a_bad_vocabulary_is_a_table_error(extra: str, when: str | None, problem: str) -> None:
    text = _table_with(extra, when or 'when = { conduct = ["hazard_overdue"] }')
    with pytest.raises(TableError) as err:
        with_user_tables({"example_province": ("example_province.toml", text)})
    assert problem in str(err.value)


def test_two_tables_may_not_label_one_code_two_ways() -> None:
    mine_ = (TABLES / "example_province.toml").read_text("utf-8")
    other = mine_.replace('name = "example_province"', 'name = "other_province"').replace(
        'safety_training = { zh = "参加安全生产专题培训"', 'safety_training = { zh = "安全培训"'
    )
    with pytest.raises(TableError) as err:
        with_user_tables(
            {
                "example_province": ("a.toml", mine_),
                "other_province": ("b.toml", other.replace("example_province.", "other_province.")),
            }
        )
    assert "kind.safety_training: declared again with other labels" in str(err.value)


def test_a_folder_vocabulary_adds_terms_for_every_table() -> None:
    vocabulary = '[post]\nvillage_head = { zh = "村委会主任", en = "village head" }\n'
    text = (
        (TABLES / "example_province.toml")
        .read_text("utf-8")
        .replace(
            'when = { post = ["party_secretary", "government_head", "deputy_safety"] }',
            'when = { post = ["party_secretary", "government_head", "deputy_safety", "village_head"] }',
        )
    )
    tables = with_user_tables(
        {"vocabulary": ("vocabulary.toml", vocabulary), "example_province": ("example_province.toml", text)}
    )
    catalog = Catalog(tables)
    assert "vocabulary" not in catalog.names()
    case = parse_case(
        {
            "regime": "example_province",
            "incident": {"occurred_at": "2024-06-01", "deaths": 3},
            "officials": [{"id": "x", "post": "village_head", "conduct": {"duties_not_performed": True}}],
        },
        catalog.vocabulary(),
    )
    result = assess_case(case, catalog.load("example_province"))
    assert [(c.rule, c.kind) for c in result.consequences if c.target.id == "x"] == [
        ("example_province.accountability", "accountability")
    ]


def test_a_copy_of_the_shipped_folder_loads_with_its_vocabulary() -> None:
    shipped = ROOT / "tables"
    texts = {p.stem: (str(p), p.read_text("utf-8")) for p in shipped.glob("*.toml")}
    assert "vocabulary" in texts
    catalog = Catalog(with_user_tables(texts))
    assert catalog.vocabulary().codes("post") == shared().codes("post")
    assert "vocabulary" not in catalog.names()
