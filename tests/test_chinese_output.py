"""--lang zh: every docs example, in every format, holds no English sentence.

Identifiers stay as they are (rule ids, codes such as ``coal_mine``, field paths); what is
refused is prose: three or more English words in a row.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from accountability_cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
CASES = sorted(
    p.name
    for p in EXAMPLES.glob("*.json")
    if "incident" in json.loads(p.read_text("utf-8")) and p.name != "bad-misspelled-key.json"
)
# three words of letters in a row, outside identifiers (which hold _ . - or digits) and HTML/CSS/SVG
ENGLISH = re.compile(r"(?<![\w.\-/#])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w.\-])")


def _visible(text: str) -> str:
    """Text as a reader sees it: without HTML tags, styles and scripts."""
    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_no_english_sentence_in_chinese_output(name: str, fmt: str) -> None:
    extra = ["--tables", str(EXAMPLES / "tables")] if name == "example-province.json" else []
    text = _visible(run("assess", str(EXAMPLES / name), "--format", fmt, "--lang", "zh", *extra))
    assert ENGLISH.findall(text) == []


@pytest.mark.parametrize("name", CASES)
def test_no_english_sentence_in_chinese_explain(name: str) -> None:
    data = json.loads((EXAMPLES / name).read_text("utf-8"))
    extra = ["--tables", str(EXAMPLES / "tables")] if name == "example-province.json" else []
    for official in data.get("officials", []):
        text = run("explain", str(EXAMPLES / name), "--official", official["id"], "--lang", "zh", *extra)
        assert ENGLISH.findall(text) == [], official["id"]


def test_the_check_finds_english() -> None:
    assert ENGLISH.findall("注: the form is for the deciding authority") != []
    assert ENGLISH.findall("依据: guiyang.accountability · coal_mine · incident.reported_at") == []
