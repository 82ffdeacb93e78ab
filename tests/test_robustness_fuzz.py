"""Issue 12: fuzz in the normal test run (seeded, bounded): mutated docs examples and hostile strings through the
library (assess, review, ledger, the people renderers) and through the batch (assess_line and the command in
process). Every line is accounted for and no input reaches an internal error."""

from __future__ import annotations

import copy
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from accountability.batch import ASSESSED, BAD_INPUT, INTERNAL, assess_line_status
from accountability.catalog import Catalog
from accountability.codec import InputError, parse_json, parse_ledger_case, parse_review
from accountability.duties import check_ledger
from accountability.engine import review_case
from accountability_cli import cli
from accountability_cli.render import escaped, markdown_text, render_html, render_markdown, render_table, terminal_text
from helpers import EXAMPLES, json_paths

CATALOG = Catalog()
NAMES = CATALOG.names()

HOSTILE_STRINGS: list[Any] = [
    "\ud800",
    "a\udfffb",
    "\x1b[31m\x1b]0;t\x07",
    "<script>alert(1)</script>",
    "| a | b |\n```\n`x`",
    "\u202e\u2066",
    "",
    " ",
    "x" * 10_000,
    "9999-12-31",
    "0001-01-01",
    "2024-W20-1",
    "2024-133",
    "2024-02-30",
    "2024-05-12T25:00:00+08:00",
    "2024-05-12T09:30:00+24:00",
    "2100-12-31T23:59:59-12:00",
    "１２",
    "١٢٣",
    "1_000_000",
    "-0",
    "-0.00",
    "1e999999",
    "NaN",
    "Infinity",
    "0x1F",
    "\x00",
    "null",
    "true",
]
HOSTILE_VALUES: list[Any] = [
    *HOSTILE_STRINGS,
    None,
    True,
    -1,
    0,
    10**40,
    2**63,
    -(2**63),
    1.5,
    float("1e308"),
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": {}}}},
    ["interview", "removal"],
    ["removal", "interview"],
]


def runner() -> CliRunner:
    """stderr apart from stdout with click 8.1 (mix_stderr=False) and 8.2+ (always apart)."""
    options: dict[str, Any] = {"mix_stderr": False}
    try:
        return CliRunner(**options)
    except TypeError:
        return CliRunner()


def _load(pattern: str, key: str) -> list[dict[str, Any]]:
    found = []
    for path in sorted(EXAMPLES.glob(pattern)):
        data = json.loads(path.read_text("utf-8"))
        if isinstance(data, dict) and key in data and not path.name.startswith("bad-"):
            found.append(data)
    return found


def mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One to three mutations: a hostile value, a removed or renamed key, a duplicated list item, a swap."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        paths = json_paths(data)[1:]
        if not paths:
            break
        path = rng.choice(paths)
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        choice = rng.randrange(10)
        if choice == 0 and isinstance(parent, dict):
            del parent[key]
        elif choice == 1 and isinstance(parent, dict):
            parent[rng.choice(HOSTILE_STRINGS[:6]) + str(key)] = parent.pop(key)
        elif choice == 2 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))  # e.g. a duplicated official: same id twice
        elif choice == 3 and isinstance(parent[key], str):
            text = parent[key]
            cut = rng.randrange(len(text) + 1)
            parent[key] = text[:cut] + rng.choice(HOSTILE_STRINGS) + text[cut:]
        else:
            parent[key] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    return data


def _text(data: object, rng: random.Random) -> str:
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5)  # ASCII escapes carry the lone surrogates
    if rng.random() < 0.05:
        text = text[: rng.randrange(len(text) + 1)]  # truncated JSON
    return text


def test_fuzz_batch_lines_never_reach_an_internal_error() -> None:
    """1,500 mutated incidents through assess_line: each a result or a bad-input record, with its path."""
    rng = random.Random(1212)
    examples = _load("*.json", "incident")
    statuses: Counter[str] = Counter()
    for number in range(1, 1_501):
        text = _text(mutate(rng.choice(examples), rng), rng)
        status, out = assess_line_status(text, number, CATALOG.load, NAMES)
        record = json.loads(out)
        assert record["line"] == number
        assert status != INTERNAL, (text[:500], record)
        if status == BAD_INPUT:
            assert record["error"] == "bad input" and record["problems"][0]["path"].startswith(("$", "--"))
        statuses[status] += 1
    assert statuses[ASSESSED] > 100 and statuses[BAD_INPUT] > 300
    print(f"\nfuzz assess_line: {sum(statuses.values())} lines, {dict(statuses)}")


def test_fuzz_the_batch_command_accounts_for_every_line(tmp_path: Path) -> None:
    """The command in process over 600 mutated lines plus garbage: in = assessed + errors, no internal error."""
    rng = random.Random(1213)
    examples = _load("*.json", "incident")
    source = tmp_path / "in.jsonl"
    count = 0
    with source.open("wb") as handle:
        for _ in range(600):
            roll = rng.random()
            if roll < 0.03:
                line = b"\xff\xfe\x00garbage"
            elif roll < 0.06:
                line = b""
            elif roll < 0.08:
                line = b"[" * 5_000
            else:
                line = _text(mutate(rng.choice(examples), rng), rng).encode("utf-8", "surrogatepass")
            handle.write(line.replace(b"\n", b" ") + b"\n")
            count += 1
    out = tmp_path / "out.jsonl"
    result = runner().invoke(cli, ["assess-batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["line"] for r in rows] == list(range(1, count + 1))
    assert not [r for r in rows if r.get("error") == "internal"]
    errors = sum(1 for r in rows if "error" in r)
    last = result.stderr.strip().splitlines()[-1]
    assert last == f"accountability assess-batch: {count} in = {count - errors} assessed + {errors} errors"
    print(f"\nfuzz assess-batch: {count} in = {count - errors} assessed + {errors} errors, 0 internal")


def test_fuzz_people_renderers_with_hostile_valid_cases() -> None:
    """Valid cases carrying hostile strings (ids, names, places) render as table, markdown and HTML."""
    from accountability import assess_case
    from accountability.codec import parse_case

    rng = random.Random(1214)
    examples = _load("*.json", "incident")
    rendered = 0
    for _ in range(60):
        data = copy.deepcopy(rng.choice(examples))
        data["incident"]["id"] = rng.choice(HOSTILE_STRINGS[2:6]) + "id"
        for official in data.get("officials", []):
            official["name"] = rng.choice(HOSTILE_STRINGS[2:6])
        try:
            case = parse_case(parse_json(json.dumps(data)))
        except InputError:
            continue
        result = assess_case(case, CATALOG.load(case.regime if case.regime in NAMES else "card"))
        table = render_table(escaped(case, terminal_text), escaped(result, terminal_text))
        markdown = render_markdown(escaped(case, markdown_text), escaped(result, markdown_text))
        page = render_html(case, result)
        assert "\x1b" not in table and "\x1b" not in markdown and "<script>" not in markdown + page
        rendered += 1
    assert rendered > 30


def test_fuzz_review_and_ledger_inputs() -> None:
    """Mutated review and ledger examples: typed or refused with a path, never an exception."""
    rng = random.Random(1215)
    reviews = _load("review-*.json", "assessment")
    ledgers = _load("ledger-*.json", "official")
    outcomes: Counter[str] = Counter()
    for _ in range(300):
        data = mutate(rng.choice(reviews), rng)
        try:
            review = parse_review(parse_json(_text(data, rng)))
        except InputError as exc:
            assert exc.problems and all(p.path.startswith("$") for p in exc.problems)
            outcomes["review refused"] += 1
            continue
        name = review.regime if review.regime in NAMES else "card"
        review_case(review, CATALOG.load(name))
        outcomes["review assessed"] += 1
    for _ in range(300):
        data = mutate(rng.choice(ledgers), rng)
        try:
            case = parse_ledger_case(parse_json(_text(data, rng)))
        except InputError as exc:
            assert exc.problems and all(p.path.startswith("$") for p in exc.problems)
            outcomes["ledger refused"] += 1
            continue
        assert case.official.ledger is not None
        name = case.regime if case.regime in NAMES else "card"
        check_ledger(CATALOG.load(name).duties, case.official.post, case.official.ledger)
        outcomes["ledger checked"] += 1
    assert outcomes["review assessed"] > 10 and outcomes["ledger checked"] > 10
    print(f"\nfuzz review/ledger: {dict(outcomes)}")
