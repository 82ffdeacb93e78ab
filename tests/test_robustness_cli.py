"""Issue 12 at the command line: output escaped for its medium, YAML cases read strictly, `test` exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import accountability.selection
import accountability_cli.cases
from accountability_cli import EXIT_TEST_FAILED, EXIT_TEST_INTERNAL, cli
from accountability_cli.render import fence, markdown_text, terminal_safe, terminal_text

HOSTILE_ID = "X\x1b[31mRED\x1b[0m|`<script>alert(1)</script>`\nfake\u202eline"
EVIL: dict[str, Any] = {
    "regime": "xpcc",
    "incident": {
        "id": HOSTILE_ID,
        "occurred_at": "2024-05-12",
        "deaths": 4,
        "jurisdiction": {"system": "xpcc", "level": "division", "name": "第十师<img src=x onerror=alert(1)>|x\n# h"},
        "unit": {"name": "```\n<script>x</script>"},
    },
    "officials": [
        {
            "id": "o1\x1b]0;pwned\x07",
            "name": "王|某<b>\n```",
            "post": "deputy_safety",
            "portfolio": ["coal_mine"],
            "conduct": {"leadership_responsibility": True},
        }
    ],
}


def runner() -> CliRunner:
    """stderr apart from stdout with click 8.1 (mix_stderr=False) and 8.2+ (always apart)."""
    options: dict[str, Any] = {"mix_stderr": False}
    try:
        return CliRunner(**options)
    except TypeError:
        return CliRunner()


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(EVIL, ensure_ascii=False), encoding="utf-8")
    return path


def invoke(*args: str) -> Any:
    return runner().invoke(cli, list(args))


def _no_controls(text: str) -> None:
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)
    assert "\u202e" not in text


@pytest.mark.parametrize(
    "command",
    [
        ["assess", "--format", "table"],
        ["assess", "--format", "table", "--lang", "en"],
        ["compare", "--format", "table"],
        ["explain", "--official", "o1\x1b]0;pwned\x07"],
    ],
    ids=["assess table (issue: ESC passed through)", "assess table en", "compare table", "explain"],
)
def test_terminal_output_shows_control_characters_as_escapes(evil: Path, command: list[str]) -> None:
    result = invoke(*command[:1], str(evil), *command[1:])
    assert result.exit_code == 0, result.output
    _no_controls(result.stdout)
    assert "\\x1b" in result.stdout
    assert "fake" in result.stdout and "\nfake" not in result.stdout  # the input's newline does not make a line


def test_bad_input_messages_escape_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "\\u001b[2Jx": 1}}', encoding="utf-8")
    result = invoke("assess", str(path))
    assert result.exit_code == 2
    _no_controls(result.stderr)
    assert "$.incident." in result.stderr


def test_markdown_output_escapes_html_tables_and_fences(evil: Path) -> None:
    """The issue: markdown passed <script> and broke its tables and code fences."""
    result = invoke("assess", str(evil), "--format", "markdown")
    assert result.exit_code == 0
    out = result.stdout
    _no_controls(out)
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "```" not in out
    for line in out.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            assert line.count("|") - line.count("\\|") == 3, line  # two cells, never more
    assert not any(line.startswith("# h") for line in out.splitlines())
    assert "fake" in out and not any(line.startswith("fake") for line in out.splitlines())


def test_markdown_wrapped_reports_keep_one_fence(evil: Path) -> None:
    result = invoke("compare", str(evil), "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    fences = [line for line in lines if line.startswith("```")]
    assert len(fences) == 2 and fences[1] == fences[0][: len(fences[1])]
    assert "<script>" not in lines[0]


def test_html_output_escapes_as_before(evil: Path) -> None:
    result = invoke("assess", str(evil), "--format", "html")
    assert result.exit_code == 0 and "<script>alert" not in result.stdout and "&lt;script&gt;" in result.stdout


def test_escape_helpers() -> None:
    assert terminal_text("a\x1bb\nc\u202e") == "a\\x1bb\\x0ac\\u202e"
    assert terminal_safe("a\x1bb\nc\x9b") == "a\\x1bb\nc\\x9b"
    assert markdown_text("<a>|`x`\n[y](z)&") == "&lt;a&gt;&#124;&#96;x&#96; &#91;y&#93;(z)&amp;"
    block = fence("a ```` b\n")
    assert block.startswith("`````text\n") and block.endswith("\n`````\n")


# ------------------------------------------------------------------ YAML cases


def _cases(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_dates_and_decimals_stay_strings(tmp_path: Path) -> None:
    """The issue: 2024-05-12 became a date and 1.10 a float, then were rejected."""
    path = _cases(
        tmp_path,
        "- name: dates stay strings\n"
        "  input: {incident: {occurred_at: 2024-05-12, deaths: 1, direct_loss_cny: 1.10}, decided_on: 2024-08-01}\n"
        "  expect: {grade: general}\n",
    )
    result = invoke("test", str(path))
    assert result.exit_code == 0, result.output
    data = accountability_cli.cases.load_yaml("a: 2024-05-12\nb: 1.10\nc: yes\nd: true\ne: 012\nf: 12\ng: 1:20\n")
    assert data == {"a": "2024-05-12", "b": "1.10", "c": "yes", "d": True, "e": "012", "f": 12, "g": "1:20"}


def test_yaml_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    """The issue: a 529-byte file of nested aliases took 2.5 GB."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    result = invoke("test", str(_cases(tmp_path, "\n".join(rows) + "\n")))
    assert result.exit_code == 2 and "alias" in result.stderr


def test_yaml_deep_nesting_is_bad_input(tmp_path: Path) -> None:
    result = invoke("test", str(_cases(tmp_path, "[" * 100_000)))
    assert result.exit_code == 2 and "Traceback" not in result.stderr


# ------------------------------------------------------------------ `test` exit codes


def test_failed_case_and_internal_error_have_distinct_exit_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue: `test` exited 1 for a failed case and for an internal error alike."""
    case = "- name: n\n  input: {incident: {occurred_at: 2024-05-12, deaths: 1}}\n  expect: {grade: %s}\n"
    assert invoke("test", str(_cases(tmp_path, case % "general"))).exit_code == 0
    assert invoke("test", str(_cases(tmp_path, case % "major"))).exit_code == EXIT_TEST_FAILED == 1
    assert invoke("test", str(_cases(tmp_path, "- {name: n}\n"))).exit_code == 2

    def broken(*args: Any, **options: Any) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr(accountability_cli.cases, "assess_case", broken)
    monkeypatch.setattr(accountability.selection, "assess_case", broken)  # a case without a regime: chosen by place
    result = invoke("test", str(_cases(tmp_path, case % "general")))
    assert result.exit_code == EXIT_TEST_INTERNAL == 3
    assert "internal error" in result.stdout


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({"decided_on": "9999-12-31"}, "$.decided_on"),
        ({"assessment": {"year": 0}}, "$.assessment.year"),
        ({"assessment": {"year": 10**9}}, "$.assessment.year"),
        ({"incident": {"occurred_at": "9999-12-31", "deaths": 1}}, "$.incident.occurred_at"),
    ],
    ids=["decided_on 9999-12-31 (issue)", "assessment year 0 (issue)", "assessment year 10^9 (issue)", "year 9999"],
)
def test_out_of_range_dates_exit_2_with_their_path(tmp_path: Path, extra: dict[str, Any], path: str) -> None:
    """The issue: valid JSON with out-of-range dates exited 1 (an internal error) instead of 2."""
    data = {"incident": {"occurred_at": "2024-05-12", "deaths": 1}, **extra}
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("assess", str(source))
    assert result.exit_code == 2 and f"{source}: {path}:" in result.stderr


def test_duplicate_official_ids_exit_2_naming_both_paths(tmp_path: Path) -> None:
    data = {
        "incident": {"occurred_at": "2024-05-12", "deaths": 1},
        "officials": [{"id": "o1", "post": "unit_head"}, {"id": "o1", "post": "unit_deputy"}],
    }
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    for fmt in ("json", "table"):
        result = invoke("assess", str(source), "--format", fmt)
        assert result.exit_code == 2 and "$.officials[1].id" in result.stderr and "$.officials[0].id" in result.stderr
