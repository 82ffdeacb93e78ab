"""The command line as a user meets it: exit codes, messages, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "accountability_cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def write(tmp_path: Path, text: str | bytes, name: str = "incident.json") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def test_version_and_help() -> None:
    assert cli("--version").stdout.strip() == "accountability, version 0.1.0"
    for command in ([], ["assess"], ["grade"], ["rules"]):
        result = cli(*command, "--help")
        assert result.returncode == 0, result.stderr
        assert "Usage:" in result.stdout


def test_assess_json_is_byte_identical_on_rerun() -> None:
    path = str(EXAMPLES / "xpcc-10-deaths.json")
    first, second = cli("assess", path), cli("assess", path)
    assert first.returncode == 0 and first.stdout == second.stdout
    out = json.loads(first.stdout)
    assert out["grade"]["national"] == "major"
    assert out["incident_id"] == "XJ-2024-044"


def test_assess_table_is_byte_identical_on_rerun() -> None:
    path = str(EXAMPLES / "xpcc-4-deaths.json")
    first, second = cli("assess", path, "--format", "table"), cli("assess", path, "--format", "table")
    assert first.returncode == 0 and first.stdout == second.stdout
    assert "写出深刻检查 · 应当" in first.stdout


def test_regime_option_overrides_the_file() -> None:
    out = json.loads(cli("assess", str(EXAMPLES / "xpcc-4-deaths.json"), "--regime", "card").stdout)
    assert out["regime"] == "card"


def test_stdin() -> None:
    data = b'{"incident": {"occurred_at": "2024-05-12", "deaths": 4}}'
    result = cli("assess", "-", stdin=data)
    assert result.returncode == 0
    assert json.loads(result.stdout)["regime"] == "national"  # no jurisdiction: national law alone


BAD_INPUTS = [
    (
        "misspelled key",
        '{"incident": {"occurred_at": "2024-05-12", "deaht": 3, "deaths": 1}}',
        '$.incident.deaht: unknown key "deaht"',
    ),
    (
        "missing deaths",
        '{"incident": {"occurred_at": "2024-05-12"}}',
        "$.incident.deaths: required key missing",
    ),
    ("missing incident", '{"officials": []}', "$.incident: required key missing"),
    (
        "string for count",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": "3"}}',
        '$.incident.deaths: expected a whole number, found "3"',
    ),
    (
        "fraction",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 2.5}}',
        "$.incident.deaths: expected a whole number, found 2.5",
    ),
    (
        "negative",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": -1}}',
        "$.incident.deaths: expected a whole number from 0",
    ),
    (
        "negative loss",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "direct_loss_cny": "-5"}}',
        "$.incident.direct_loss_cny: expected an amount from 0",
    ),
    (
        "string bool",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "egregious": "false"}}',
        '$.incident.egregious: expected true or false, found "false"',
    ),
    (
        "naive timestamp",
        '{"incident": {"occurred_at": "2024-05-12T09:30:00", "deaths": 1}}',
        "$.incident.occurred_at: expected a timestamp with its UTC offset",
    ),
    (
        "reported date only",
        '{"incident": {"occurred_at": "2024-05-12", "reported_at": "2024-05-12", "deaths": 1}}',
        "$.incident.reported_at: expected a timestamp with its UTC offset",
    ),
    (
        "bad date",
        '{"incident": {"occurred_at": "2024-02-30", "deaths": 1}}',
        "$.incident.occurred_at: expected a date YYYY-MM-DD",
    ),
    (
        "bad enum",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "sector": "coal"}}',
        "$.incident.sector: expected one of coal_mine",
    ),
    (
        "bad official",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "officials": [{"id": "a"}]}',
        "$.officials[0].post: required key missing",
    ),
    (
        "nested key",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, '
        '"officials": [{"id": "a", "post": "unit_head", "conduct": {"cooperate": true}}]}',
        '$.officials[0].conduct.cooperate: unknown key "cooperate"',
    ),
    (
        "history",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "history": [{"deaths": 1}]}',
        "$.history[0].occurred_at: required key missing",
    ),
    (
        "unknown regime",
        '{"regime": "mars", "incident": {"occurred_at": "2024-05-12", "deaths": 1}}',
        '$.regime: unknown regime "mars"',
    ),
    ("top-level array", "[]", "$: expected an object"),
    ("not json", '{"incident": ', "$: not valid JSON"),
    (
        "duplicate key",
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "deaths": 5}}',
        '$: not valid JSON: duplicate key "deaths"',
    ),
]


@pytest.mark.parametrize(("label", "text", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exit_2_with_path(tmp_path: Path, label: str, text: str, message: str) -> None:
    path = write(tmp_path, text)
    result = cli("assess", path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"{path}: {message}" in result.stderr, result.stderr


def test_every_error_is_reported_not_just_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, '{"incident": {"occurred_at": "x", "deaths": "y", "deaht": 1}, "officials": [{}]}')
    lines = cli("assess", path).stderr.strip().splitlines()
    assert len(lines) == 5, lines  # occurred_at, deaths, deaht, officials[0].id, officials[0].post
    assert all(line.startswith(f"{path}: $.") for line in lines)


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    missing = cli("assess", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "nope.json: cannot read the file" in missing.stderr
    latin = write(tmp_path, '{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "id": "é"}}'.encode("latin-1"))
    result = cli("assess", latin)
    assert result.returncode == 2 and "not UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_unknown_regime_option(tmp_path: Path) -> None:
    result = cli("assess", str(EXAMPLES / "xpcc-4-deaths.json"), "--regime", "mars")
    assert result.returncode == 2 and '--regime: unknown regime "mars"' in result.stderr
    assert cli("rules", "--regime", "mars").returncode == 2


def test_bad_option_is_exit_2() -> None:
    result = cli("assess", str(EXAMPLES / "xpcc-4-deaths.json"), "--format", "pdf")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "grade"),
    [
        (["--deaths", "2"], "general"),
        (["--deaths", "3"], "larger"),
        (["--deaths", "0", "--injuries", "50"], "major"),
        (["--deaths", "0", "--loss", "99999999.99"], "major"),
        (["--deaths", "0", "--loss", "100000000"], "extraordinary"),
    ],
)
def test_grade_command(args: list[str], grade: str) -> None:
    result = cli("grade", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["national"] == grade


def test_grade_command_bad_values() -> None:
    assert cli("grade", "--deaths", "-1").returncode == 2
    bad_loss = cli("grade", "--deaths", "1", "--loss", "lots")
    assert bad_loss.returncode == 2 and "--loss" in bad_loss.stderr


def test_rules_lists_every_rule_with_article() -> None:
    result = cli("rules", "--regime", "xpcc", "--format", "json")
    rows = json.loads(result.stdout)["rules"]
    assert {r["id"] for r in rows} >= {"xpcc.larger_3_5", "xpcc.coal.closure"}
    assert all(r["articles"] and r["summary"] for r in rows)
    text = cli("rules").stdout
    assert "xpcc.larger_3_5" in text and "第十四条" in text


def test_rules_of_card_list_the_clauses_too() -> None:
    rows = json.loads(cli("rules", "--format", "json").stdout)["rules"]
    ids = {r["id"] for r in rows}
    assert {"xpcc.larger_3_5", "guiyang.lenient", "guiyang.exemption", "guiyang.trigger.interceded"} <= ids
    lenient = next(r for r in rows if r["id"] == "guiyang.lenient")
    assert lenient["articles"] == ["贵阳市党政领导干部安全生产责任制实施办法 第二十五条"]


def test_explain_shows_applied_and_not_applied_with_articles() -> None:
    path = str(EXAMPLES / "guiyang-three-officials.json")
    result = cli("explain", path, "--official", "e")
    assert result.returncode == 0, result.stderr
    assert (
        "✓ guiyang.trigger.duties_not_performed — 贵阳市党政领导干部安全生产责任制实施办法 第十八条（一）"
        in result.stdout
    )
    assert "✗ guiyang.lenient (贵阳市党政领导干部安全生产责任制实施办法 第二十五条)" in result.stdout
    exempt = cli("explain", path, "--official", "c").stdout
    assert "免责: 是" in exempt and "✓ guiyang.exemption" in exempt


def test_explain_unknown_official_is_exit_2() -> None:
    result = cli("explain", str(EXAMPLES / "guiyang-three-officials.json"), "--official", "zz")
    assert result.returncode == 2
    assert 'no official "zz" in $.officials (ids: a, b, c, e, d)' in result.stderr


def test_user_cases_pass_and_fail(tmp_path: Path) -> None:
    ok = cli("test", str(EXAMPLES / "cases.yaml"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip().splitlines()[-1] == "6 passed, 0 failed"
    cases = tmp_path / "c.json"
    cases.write_text(
        json.dumps(
            [
                {
                    "name": "wrong grade",
                    "file": str(EXAMPLES / "xpcc-4-deaths.json"),
                    "expect": {"grade": "major", "absent": [{"rule": "xpcc.larger_3_5"}]},
                },
                {
                    "name": "right",
                    "input": {"incident": {"occurred_at": "2024-05-12", "deaths": 0}},
                    "expect": {"grade": "none"},
                },
            ]
        ),
        encoding="utf-8",
    )
    bad = cli("test", str(cases))
    assert bad.returncode == 1
    assert "FAIL wrong grade\n  - grade: expected major, got larger\n  - unexpected consequence" in bad.stdout
    assert bad.stdout.strip().splitlines()[-1] == "1 passed, 1 failed"
    broken = tmp_path / "b.json"
    broken.write_text('[{"name": "x", "expect": {"grade": "none"}}]', encoding="utf-8")
    result = cli("test", str(broken))
    assert result.returncode == 2 and "give exactly one of file and input" in result.stderr


def test_user_tables_add_and_override(tmp_path: Path) -> None:
    source = (EXAMPLES.parent.parent / "tables" / "xpcc.toml").read_text("utf-8")
    (tmp_path / "xpcc.toml").write_text(
        source.replace("deaths = { min = 3, max = 5 }", "deaths = { min = 3, max = 4 }"), encoding="utf-8"
    )
    path = str(EXAMPLES / "xpcc-4-deaths.json")
    shipped = json.loads(cli("assess", path).stdout)
    user = json.loads(cli("assess", path, "--tables", str(tmp_path)).stdout)
    assert user["tables"]["xpcc"] != shipped["tables"]["xpcc"]  # provenance names the table used
    (tmp_path / "mine.toml").write_text(
        '[table]\nname = "mine"\ntitle = "mine"\nincludes = ["xpcc"]\n', encoding="utf-8"
    )
    assert "mine" in cli("rules", "--regime", "mine", "--tables", str(tmp_path)).stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[table]\nname = "h"\ntitle = "t"\n[[rule]]\nid = "h.x"\nsummary = "s"\neffective_from = 2020-01-01\n'
            'when = { __import__ = "os" }\n[[rule.cite]]\nkey = "a"\ndoc = "d"\narticle = "1"\nquote = "q"\n'
            '[documents.d]\nsource = "s"\ntitle = "t"\n',
            "unknown predicate '__import__'",
        ),
        ("[table\n", "not valid TOML"),
        ('[table]\nname = "h"\ntitle = "t"\nincludes = ["nowhere"]\n', "includes unknown table 'nowhere'"),
        ("x = " + "[" * 2000 + "]" * 2000 + "\n", "h.toml"),
    ],
    ids=["code in a predicate", "broken toml", "unknown include", "deep nesting"],
)
def test_hostile_user_tables_are_refused_with_a_message(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "h.toml").write_text(text, encoding="utf-8")
    result = cli("rules", "--tables", str(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_people_formats_in_both_languages(fmt: str) -> None:
    path = str(EXAMPLES / "guiyang-three-officials.json")
    zh = cli("assess", path, "--format", fmt)
    en = cli("assess", path, "--format", fmt, "--lang", "en")
    assert zh.returncode == en.returncode == 0
    assert "停职检查" in zh.stdout and "诫勉" in zh.stdout and "较大事故" in zh.stdout
    assert "suspension" in en.stdout and "admonishment" in en.stdout and "larger accident" in en.stdout
    assert "suspension" not in zh.stdout.replace("guiyang", "")  # codes of forms are translated in zh
    assert cli("assess", path, "--format", fmt).stdout == zh.stdout  # deterministic


def test_review_and_compare_accept_every_people_format() -> None:
    for command, example in (("review", "review-advanced.json"), ("compare", "xpcc-4-deaths.json")):
        for fmt in ("table", "markdown", "html"):
            result = cli(command, str(EXAMPLES / example), "--format", fmt, "--lang", "en")
            assert result.returncode == 0, (command, fmt, result.stderr)
        assert cli(command, str(EXAMPLES / example), "--format", "html").stdout.startswith("<!DOCTYPE html>")


def test_json_keys_stay_english_whatever_the_language() -> None:
    path = str(EXAMPLES / "xpcc-4-deaths.json")
    assert cli("assess", path, "--lang", "en").stdout == cli("assess", path, "--lang", "zh").stdout


def test_cli_version_constant_matches_the_library_and_the_package() -> None:
    from importlib.metadata import version

    import accountability
    import accountability_cli

    assert accountability_cli.VERSION == accountability.__version__ == version("accountability")
