"""--lang zh: every docs example, in every format, holds no English sentence.

Identifiers stay as they are (rule ids, regime names, field paths such as ``incident.reported_at``);
what is refused is prose (three or more English words in a row) and a raw code of the vocabulary
(``coal_mine``, ``in_office``, ``county``, ``interview`` …) where a Chinese term belongs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from accountability import terms
from accountability.catalog import Catalog
from accountability_cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
CASES = sorted(
    p.name
    for p in EXAMPLES.glob("*.json")
    if "incident" in json.loads(p.read_text("utf-8")) and not p.name.startswith("bad-")
)
# three words of letters in a row, outside identifiers (which hold _ . - or digits) and HTML/CSS/SVG
ENGLISH = re.compile(r"(?<![\w.\-/#])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w.\-])")


# the codes of the vocabulary's values, each shown by its term in Chinese; regime names are identifiers
CODES = set().union(
    *(
        getattr(terms, table)
        for table in (
            "SECTOR",
            "ACCIDENT_TYPE",
            "LEVEL",
            "UNIT_KIND",
            "STATUS",
            "SYSTEM",
            "KIND",
            "POST",
            "FORM",
            "SANCTION",
            "TARGET",
            "GRADE",
            "BAND",
            "MODALITY",
        )
    )
) - set(Catalog().names())
# a word standing alone: not part of a dotted rule id, a field path or a file name
WORD = re.compile(r"(?<![\w.\-/#`])[A-Za-z][A-Za-z_]*(?![\w.\-])")


def raw_codes(text: str) -> list[str]:
    return [word for word in WORD.findall(text) if word in CODES]


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
    assert raw_codes(text) == []


@pytest.mark.parametrize("name", CASES)
def test_no_english_sentence_in_chinese_explain(name: str) -> None:
    data = json.loads((EXAMPLES / name).read_text("utf-8"))
    extra = ["--tables", str(EXAMPLES / "tables")] if name == "example-province.json" else []
    for official in data.get("officials", []):
        text = run("explain", str(EXAMPLES / name), "--official", official["id"], "--lang", "zh", *extra)
        assert ENGLISH.findall(text) == [], official["id"]
        assert raw_codes(text) == [], official["id"]


@pytest.mark.parametrize("name", CASES)
def test_no_raw_code_in_chinese_compare(name: str) -> None:
    extra = ["--tables", str(EXAMPLES / "tables")] if name == "example-province.json" else []
    text = run("compare", str(EXAMPLES / name), "--lang", "zh", *extra)
    assert ENGLISH.findall(text) == []
    assert raw_codes(text) == []


def test_the_check_finds_raw_codes() -> None:
    assert raw_codes("事故 XJ-1 · 2024-05-12 · coal_mine · 第十师 · 状态 in_office · system=local, county=某县") == [
        "coal_mine",
        "in_office",
        "local",
        "county",
    ]
    assert raw_codes("规则: guiyang.trigger.duties_not_performed · 需要 incident.reported_at · 规则体系: xpcc") == []


def test_the_check_finds_english() -> None:
    assert ENGLISH.findall("注: the form is for the deciding authority") != []
    assert ENGLISH.findall("依据: guiyang.accountability · coal_mine · incident.reported_at") == []
