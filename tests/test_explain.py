"""``--explain full|summary|none``: what each level keeps, ``full`` byte for byte today's output, the shorter
ones exactly the full output's values with keys left out (nothing renamed), valid against the output schema,
the same through ``assess``, ``assess-batch`` and ``POST /assess``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from accountability import assess
from accountability.batch import assess_line_status
from accountability.catalog import Catalog, regime_names
from accountability.codec import EXPLAIN_LEVELS, dumps, explain_level, result_to_dict
from accountability.schema import schema
from accountability_cli import cli
from helpers import EXAMPLES

TOP = {
    "full": [
        "incident_id",
        "regime",
        "library_version",
        "tables",
        "calendar",
        "grade",
        "consequences",
        "officials",
        "not_evaluable",
        "not_applied",
        "removed",
        "notes",
        "note_codes",
    ],
    "summary": [
        "incident_id",
        "regime",
        "library_version",
        "explain",
        "tables",
        "calendar",
        "grade",
        "consequences",
        "officials",
        "not_evaluable",
        "removed",
    ],
    "none": [
        "incident_id",
        "regime",
        "library_version",
        "explain",
        "tables",
        "calendar",
        "grade",
        "consequences",
        "not_evaluable",
    ],
}
OFFICIAL = {
    "full": [
        "id",
        "accountable",
        "exempt",
        "form",
        "form_range",
        "modality",
        "discretionary_forms",
        "applied",
        "not_applied",
        "not_evaluable",
        "conflicts",
        "conflict_codes",
        "notes",
        "note_codes",
    ],
    "summary": [
        "id",
        "accountable",
        "exempt",
        "form",
        "form_range",
        "modality",
        "discretionary_forms",
        "applied",
        "not_evaluable",
    ],
}


def _assessable(path: Path) -> bool:
    data = json.loads(path.read_text(encoding="utf-8"))
    return "incident" in data and data.get("regime", "auto") in (*regime_names(), "auto") and "bad-" not in path.name


EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.json") if _assessable(p))


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def _tail(level: str, out: dict[str, Any]) -> list[str]:
    """The optional keys at the end: assessment (when the input has one), selection (full and summary)."""
    extra = ["assessment"] if "assessment" in out else []
    if level != "none" and "selection" in out:
        extra.append("selection")
    return extra


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_each_level_keeps_its_keys_and_the_full_values(name: str) -> None:
    result = assess(_data(name))
    full = result_to_dict(result)
    assert dumps(result_to_dict(result, "full")) == dumps(full)
    assert list(full) == TOP["full"] + _tail("full", full)
    for level in ("summary", "none"):
        short = result_to_dict(result, level)
        assert list(short) == TOP[level] + _tail(level, full)
        assert short["explain"] == level
        for key, value in short.items():
            if key not in ("explain", "officials"):
                assert value == full[key], key
    summary = result_to_dict(result, "summary")
    officials: list[dict[str, Any]] = summary["officials"]  # type: ignore[assignment]
    assert [o["id"] for o in officials] == [o["id"] for o in full["officials"]]  # type: ignore[attr-defined]
    for short_o, full_o in zip(officials, full["officials"], strict=True):  # type: ignore[call-overload]
        assert list(full_o) == OFFICIAL["full"]
        assert list(short_o) == OFFICIAL["summary"]
        assert all(short_o[k] == full_o[k] for k in short_o)


@pytest.mark.parametrize("level", EXPLAIN_LEVELS)
def test_every_level_is_valid_against_the_output_schema(level: str) -> None:
    validator = jsonschema.Draft202012Validator(schema("output"))
    for name in EXAMPLE_FILES:
        out = json.loads(dumps(result_to_dict(assess(_data(name)), level)))  # type: ignore[arg-type]
        assert not list(validator.iter_errors(out)), name


def test_the_schema_still_requires_the_trail_of_the_full_output() -> None:
    validator = jsonschema.Draft202012Validator(schema("output"))
    full = json.loads(dumps(result_to_dict(assess(_data("xpcc-4-deaths.json")))))
    del full["officials"][0]["not_applied"]
    assert list(validator.iter_errors(full))
    del full["officials"]
    assert list(validator.iter_errors(full))


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="expected one of: full, summary, none"):
        explain_level("short")
    with pytest.raises(ValueError):
        result_to_dict(assess(_data("xpcc-4-deaths.json")), "short")  # type: ignore[arg-type]


@pytest.mark.parametrize("level", EXPLAIN_LEVELS)
def test_assess_explain_prints_the_level(level: str) -> None:
    path = EXAMPLES / "card-exemption.json"
    runner = CliRunner()
    default = runner.invoke(cli, ["assess", str(path)])
    given = runner.invoke(cli, ["assess", str(path), "--explain", level])
    assert default.exit_code == given.exit_code == 0
    expected = dumps(result_to_dict(assess(_data("card-exemption.json")), level))  # type: ignore[arg-type]
    assert given.stdout == expected
    if level == "full":
        assert given.stdout_bytes == default.stdout_bytes


def test_assess_explain_needs_the_json_format() -> None:
    result = CliRunner().invoke(
        cli, ["assess", str(EXAMPLES / "card-exemption.json"), "--format", "table", "--explain", "none"]
    )
    assert result.exit_code == 2
    assert "--explain none" in result.stderr


@pytest.mark.parametrize("level", EXPLAIN_LEVELS)
def test_assess_batch_explain_writes_the_level(level: str, tmp_path: Path) -> None:
    lines = [json.dumps(_data(n), ensure_ascii=False) for n in EXAMPLE_FILES] + ["{broken"]
    infile = tmp_path / "in.jsonl"
    infile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["assess-batch", str(infile), "-o", str(out), "--explain", level])
    assert result.exit_code == 0, result.output
    catalog = Catalog()
    expected = [
        assess_line_status(text, n, catalog.load, catalog.names(), None, catalog, level)[1]  # type: ignore[arg-type]
        for n, text in enumerate(lines, 1)
    ]
    assert out.read_text(encoding="utf-8").splitlines() == expected
    records = [json.loads(x) for x in expected]
    assert records[-1]["error"] == "bad input"
    for record, name in zip(records, EXAMPLE_FILES, strict=False):
        assert {k: v for k, v in record.items() if k != "line"} == json.loads(
            json.dumps(result_to_dict(assess(_data(name)), level), ensure_ascii=False)  # type: ignore[arg-type]
        )


def test_assess_batch_explain_full_is_the_default(tmp_path: Path) -> None:
    infile = tmp_path / "in.jsonl"
    infile.write_text("\n".join(json.dumps(_data(n), ensure_ascii=False) for n in EXAMPLE_FILES) + "\n", "utf-8")
    runner = CliRunner()
    runner.invoke(cli, ["assess-batch", str(infile), "-o", str(tmp_path / "a.jsonl")])
    runner.invoke(cli, ["assess-batch", str(infile), "-o", str(tmp_path / "b.jsonl"), "--explain", "full"])
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_api_assess_explain() -> None:
    pytest.importorskip("starlette")
    pytest.importorskip("httpx2")
    from starlette.testclient import TestClient

    from accountability_cli.serve import create_app

    client = TestClient(create_app())
    path = EXAMPLES / "guiyang-three-officials.json"
    body = path.read_bytes()
    for level in EXPLAIN_LEVELS:
        answer = client.post(f"/assess?explain={level}", content=body)
        assert answer.status_code == 200
        cli_out = CliRunner().invoke(cli, ["assess", str(path), "--explain", level])
        assert answer.content == cli_out.stdout_bytes
    assert client.post("/assess", content=body).content == client.post("/assess?explain=full", content=body).content
    bad = client.post("/assess?explain=short", content=body)
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["path"] == "explain"
    assert client.post("/assess?explain=none&format=html", content=body).status_code == 422
