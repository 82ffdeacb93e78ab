"""Batch at scale, fuzzed inputs, and the properties the whole library keeps (issue: batch, fuzz, benchmark)."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accountability import assess
from accountability.batch import assess_line
from accountability.catalog import Catalog, shipped_tables
from accountability.codec import result_to_dict
from helpers import EXAMPLES, ROOT, json_paths

sys.path.insert(0, str(ROOT / "bench"))
from synth import lines

CATALOG = Catalog()


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "accountability_cli", *args], input=stdin, capture_output=True, check=False
    )


# ------------------------------------------------------------------ batch


def test_batch_accounts_for_every_line_in_order(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    records = list(lines(600, seed=7, broken=0.1))
    records.insert(5, "")  # a blank line is an error, not a skip
    records.insert(9, "[1, 2]")
    source.write_text("\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = cli("assess-batch", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["line"] for r in rows] == list(range(1, len(records) + 1))
    errors = [r for r in rows if "error" in r]
    assessed = len(rows) - len(errors)
    summary = result.stderr.decode().strip().splitlines()[-1]
    assert summary == f"accountability assess-batch: {len(records)} in = {assessed} assessed + {len(errors)} errors"
    assert rows[5]["problems"][0]["message"].startswith("empty line")
    assert rows[9]["problems"] == [{"path": "$", "message": "expected an object {...}, found [1, 2]"}]
    assert all(e["problems"] and e["problems"][0]["path"].startswith("$") for e in errors)
    assert 40 <= len(errors) <= 110


def test_batch_workers_give_the_same_bytes_and_stdin_works(tmp_path: Path) -> None:
    data = ("\n".join(lines(300, seed=3, broken=0.05)) + "\n").encode("utf-8")
    one = cli("assess-batch", "-", stdin=data)
    two = cli("assess-batch", "-", "--workers", "2", stdin=data)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout.count(b"\n") == 300


def test_batch_non_utf8_line_is_an_error_record() -> None:
    good = next(lines(1)).encode("utf-8")
    result = cli("assess-batch", "-", stdin=good + b"\n" + "é".encode("latin-1") + b"\n" + good + b"\n")
    rows = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert [("error" in r) for r in rows] == [False, True, False]
    assert "not UTF-8" in rows[1]["problems"][0]["message"]


def test_batch_bad_regime_option_exit_2(tmp_path: Path) -> None:
    result = cli("assess-batch", "-", "--regime", "mars", stdin=b"")
    assert result.returncode == 2 and b'unknown regime "mars"' in result.stderr


@pytest.mark.slow
def test_100k_lines_with_10_percent_broken_are_fully_accounted_for(tmp_path: Path) -> None:
    """The real command over 100,000 lines, a tenth of them broken, two workers: every line is accounted for."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for text in lines(100_000, seed=11, broken=0.1):
            handle.write(text + "\n")
    result = cli("assess-batch", str(source), "-o", str(out), "--workers", "2")
    assert result.returncode == 0, result.stderr.decode()[-500:]
    count = errors = 0
    with out.open(encoding="utf-8") as handle:
        for count, text in enumerate(handle, start=1):
            record = json.loads(text)
            assert record["line"] == count
            errors += "error" in record
    assert count == 100_000
    assert 9_000 <= errors <= 11_000
    summary = result.stderr.decode().strip().splitlines()[-1]
    assert summary == f"accountability assess-batch: 100000 in = {100_000 - errors} assessed + {errors} errors"


# ------------------------------------------------------------------ fuzz: mutated docs examples


def _examples() -> list[dict[str, Any]]:
    found = []
    for path in sorted(EXAMPLES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if "incident" in data and not path.name.startswith("bad-"):
            found.append(data)
    return found


def _mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    data = copy.deepcopy(data)
    path = rng.choice(json_paths(data)[1:])
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    key = path[-1]
    choice = rng.randrange(8)
    replacements: list[Any] = [None, "", "x" * 300, -1, 10**40, 1.5, True, [], {}, {"a": [[[[]]]]}, "2024-13-40"]
    if choice == 0 and isinstance(parent, dict):
        del parent[key]
    elif choice == 1 and isinstance(parent, dict):
        parent[f"{key}_typo"] = parent.pop(key)
    elif choice == 2:
        nested: Any = 1
        for _ in range(rng.choice([30, 250])):
            nested = [nested]
        parent[key] = nested
    else:
        parent[key] = rng.choice(replacements)
    return data


def test_fuzz_mutated_examples_never_crash() -> None:
    """Every mutation ends in a result (exit 0) or a bad-input message (exit 2): never an exception."""
    rng = random.Random(20261123)
    examples = _examples()
    names = CATALOG.names()
    outcomes = {True: 0, False: 0}
    for number in range(600):
        mutated = _mutate(rng.choice(examples), rng)
        text = json.dumps(mutated, ensure_ascii=False)
        ok, out = assess_line(text, number, CATALOG.load, names)
        record = json.loads(out)
        if not ok:
            assert record["problems"] and all(p["path"].startswith("$") for p in record["problems"])
        outcomes[ok] += 1
    assert outcomes[True] > 20 and outcomes[False] > 100


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        (b'{"incident": ' * 100_000, "nested too deeply"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b'{"incident": {"occurred_at": "2024-05-12", "deaths": 1e400}}', "$.incident.deaths"),
        (b'{"incident": {"occurred_at": "2024-05-12", "deaths": 99999999999999999999999}}', "$.incident.deaths"),
        (
            b'{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "officials": ['
            + b",".join([b'{"id": "x", "post": "unit_head"}'] * 1001)
            + b"]}",
            "at most 1000",
        ),
    ],
    ids=["deep nesting", "non-UTF-8", "huge float", "huge integer", "too many officials"],
)
def test_cli_hostile_files_exit_2(tmp_path: Path, payload: bytes, where: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(payload)
    result = cli("assess", str(path))
    assert result.returncode == 2, result.stderr
    assert b"Traceback" not in result.stderr and where.encode() in result.stderr


def test_cli_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.write(b'{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "id": "')
        handle.write(b"x" * 50_000_000)
        handle.write(b'"}}')
    result = cli("assess", str(path))
    assert result.returncode == 2 and b"larger than 10000000 bytes" in result.stderr


# ------------------------------------------------------------------ properties

from hypothesis_strategies import cases  # noqa: E402

ROWS = {
    (rule.id, c.article, c.quote)
    for table in shipped_tables().values()
    for rule in table.rules
    for c in rule.citations.values()
}
QUOTES = {quote for _, _, quote in ROWS} | {
    c.quote for t in shipped_tables().values() for s in t.sanctions.values() for c in s.citations
}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sampled_from(sorted(CATALOG.names())))
def test_properties_of_any_valid_case(data: dict[str, Any], regime: str) -> None:
    data = {**data, "regime": regime}
    first = result_to_dict(assess(data))
    second = result_to_dict(assess(copy.deepcopy(data)))
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)  # deterministic
    assert json.loads(json.dumps(first, ensure_ascii=False)) == first  # JSON round trip
    consequences: list[dict[str, Any]] = first["consequences"]  # type: ignore[assignment]
    for c in consequences:
        assert c["citation"]["quote"] in QUOTES, c["rule"]  # every consequence cites a real table row
        assert c["rule"].split(".")[0] in {t.name for t in CATALOG.load(regime).tables}
