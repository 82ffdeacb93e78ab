"""JSON Schema (draft 2020-12) generated from the attrs classes validates every example and every output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from accountability import assess
from accountability.catalog import Catalog, load_regime, regime_names, with_user_tables
from accountability.codec import InputError, parse_case, result_to_dict
from accountability.engine import assess_case
from accountability.schema import schema
from accountability.vocabulary import Vocabulary
from helpers import EXAMPLES

VALIDATOR = jsonschema.Draft202012Validator
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def kind_of(data: dict[str, Any]) -> str:
    if "incident" in data:
        return "input"
    if "official" in data:
        return "ledger"
    return "review"


@pytest.mark.parametrize("name", ["input", "output", "review", "ledger"])
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    VALIDATOR.check_schema(schema(name))


def _examples_vocabulary() -> Vocabulary:
    """The vocabulary with the docs' example tables in force (the example province adds terms)."""
    folder = Path(__file__).resolve().parent.parent / "docs" / "examples" / "tables"
    return Catalog(
        with_user_tables({p.stem: (str(p), p.read_text("utf-8")) for p in folder.glob("*.toml")})
    ).vocabulary()


EXAMPLES_VOCABULARY = _examples_vocabulary()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_docs_example_validates(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    errors = list(VALIDATOR(schema(kind_of(data), EXAMPLES_VOCABULARY)).iter_errors(data))
    if path.name.startswith("bad-"):
        if not errors:  # what a schema cannot say (times that contradict each other): the reader refuses it
            with pytest.raises(InputError):
                parse_case(data, EXAMPLES_VOCABULARY)
    else:
        assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize(
    "path",
    [p for p in EXAMPLE_FILES if '"incident"' in p.read_text("utf-8") and not p.name.startswith("bad-")],
    ids=lambda p: p.name,
)
def test_every_output_under_every_regime_validates(path: Path) -> None:
    case = parse_case(json.loads(path.read_text("utf-8")), EXAMPLES_VOCABULARY)
    validator = VALIDATOR(schema("output", EXAMPLES_VOCABULARY))
    for name in regime_names():
        out = result_to_dict(assess_case(case, load_regime(name)))
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(out)]
        assert errors == [], (name, errors[:5])


def test_schema_rejects_what_the_reader_rejects() -> None:
    validator = VALIDATOR(schema("input"))
    good = {"incident": {"occurred_at": "2024-05-12", "deaths": 1}}
    assert not list(validator.iter_errors(good))
    for bad in (
        {"incident": {"occurred_at": "2024-05-12", "deaht": 1, "deaths": 1}},
        {"incident": {"occurred_at": "2024-05-12", "deaths": -1}},
        {"incident": {"occurred_at": "2024-05-12", "deaths": 1, "sector": "coal"}},
        {"incident": {"occurred_at": "2024-05-12"}},
        {"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "officials": [{"id": "a"}]},
    ):
        assert list(validator.iter_errors(bad)), bad


def test_public_api_round_trip() -> None:
    out = result_to_dict(assess({"incident": {"occurred_at": "2024-05-12", "deaths": 4}}))
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out
    assert not list(VALIDATOR(schema("output")).iter_errors(out))


def test_a_consequence_is_defined_once() -> None:
    """The JSON keys and the schema's properties of a consequence both come from its attrs fields."""
    import attrs

    from accountability.outcome import Consequence
    from accountability.schema import output_schema

    names: list[str] = []
    for field in attrs.fields(Consequence):
        names += [field.name, "note_codes"] if field.metadata["out"] == "events" else [field.name]
    result = assess(json.loads((EXAMPLES / "xpcc-4-deaths.json").read_text("utf-8")))
    written = result_to_dict(result)["consequences"]
    assert isinstance(written, list) and written
    assert all(list(c) == names for c in written)
    described = output_schema()["$defs"]["Consequence"]
    assert list(described["properties"]) == names
    assert described["required"] == ["rule", "kind", "target", "modality", "citation"]


def test_every_output_class_is_defined_once() -> None:
    """Each output class's JSON (as written, at every --explain level) has exactly the keys its schema
    definition lists, both made from the same outcome.out fields; every key written is described."""
    from accountability import outcome
    from accountability.codec import to_json

    defs = schema("output")["$defs"]
    classes = {
        "Consequence": outcome.Consequence,
        "Citation": outcome.Citation,
        "Target": outcome.Target,
        "NotApplied": outcome.NotApplied,
        "NotEvaluable": outcome.NotEvaluable,
        "Official": outcome.OfficialSummary,
        "Assessment": outcome.AssessmentResult,
    }
    seen: dict[str, int] = dict.fromkeys(classes, 0)
    cases = [json.loads(p.read_text("utf-8")) for p in EXAMPLE_FILES if '"incident"' in p.read_text("utf-8")]
    cases = [c for c in cases if c.get("regime") != "example_province"]

    def check(name: str, obj: object, explain: Any = "full") -> None:
        written = to_json(obj, explain)
        described = defs[name]
        assert set(written) <= set(described["properties"]), (name, set(written) - set(described["properties"]))
        assert set(described["required"]) <= set(written), (name, set(described["required"]) - set(written))
        seen[name] += 1

    for data in cases:
        try:
            result = assess(data)
        except InputError:
            continue
        for c in result.consequences:
            check("Consequence", c)
            check("Citation", c.citation)
            check("Target", c.target)
        for o in result.officials:
            for level in ("full", "summary"):
                check("Official", o, level)
            for n in o.not_applied:
                check("NotApplied", n)
        for e in result.not_evaluable:
            check("NotEvaluable", e)
    review = json.loads((EXAMPLES / "review-advanced.json").read_text("utf-8"))
    from accountability.codec import parse_review
    from accountability.engine import review_case

    reviewed = review_case(parse_review(review), load_regime("xpcc"))
    assert reviewed.assessment is not None
    check("Assessment", reviewed.assessment)
    assert all(seen.values()), seen
