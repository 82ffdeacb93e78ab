"""The people-facing formats as a document to file: everyone listed, dates and provenance, bytes to a file."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from accountability import assess
from accountability.codec import parse_case
from accountability.money import daxie
from accountability_cli import cli
from accountability_cli.render import SVG_WIDTH, _text_width, produced_today, render_html, render_markdown, render_table
from helpers import EXAMPLES, case

CASES = sorted(
    p.name
    for p in EXAMPLES.glob("*.json")
    if "incident" in json.loads(p.read_text("utf-8")) and not p.name.startswith("bad-")
)


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    assert result.exit_code == 0, result.output
    return result.output


def _extra(name: str) -> list[str]:
    return ["--tables", str(EXAMPLES / "tables")] if name == "example-province.json" else []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_official_with_no_consequence_is_listed_in_every_format(lang: str) -> None:
    data = case(
        4,
        officials=[
            {"id": "ds", "post": "deputy_safety"},
            {"id": "nobody", "name": "无关某", "post": "safety_manager"},
        ],
    )
    c = parse_case(data)
    result = assess(c)
    assert not [x for x in result.consequences if x.target.id == "nobody"]
    none = "无后果" if lang == "zh" else "no consequence"
    for text in (render_table(c, result, lang), render_markdown(c, result, lang), render_html(c, result, lang)):
        after = text[text.index("(nobody)") :]
        assert none in after[:300]


@pytest.mark.parametrize("name", CASES)
def test_every_official_of_the_input_is_in_every_report(name: str) -> None:
    data = json.loads((EXAMPLES / name).read_text("utf-8"))
    for fmt in ("table", "markdown", "html"):
        text = run("assess", str(EXAMPLES / name), "--format", fmt, "--produced-on", "2025-03-01", *_extra(name))
        for official in data.get("officials", []):
            assert f"({official['id']})" in text, (fmt, official["id"])


def test_the_html_report_is_dated_by_its_input() -> None:
    path = str(EXAMPLES / "xpcc-4-deaths.json")
    first = run("assess", path, "--format", "html", "--produced-on", "2025-03-01")
    assert first == run("assess", path, "--format", "html", "--produced-on", "2025-03-01")
    assert "生成日期: 2025-03-01" in first
    # SOURCE_DATE_EPOCH (the reproducible-builds convention) when no --produced-on: its day in Shanghai
    epoch = run("assess", path, "--format", "html", env={"SOURCE_DATE_EPOCH": "1740844799"})  # 2025-03-01 23:59 +08
    assert epoch == first
    assert str(produced_today("1740844799")) == "2025-03-01"
    assert str(produced_today("1740758400")) == "2025-03-01"  # 2025-02-28T16:00Z is already 03-01 in Shanghai


def test_the_html_report_says_what_it_is_and_what_it_was_computed_with() -> None:
    page = run("assess", str(EXAMPLES / "xpcc-4-deaths.json"), "--format", "html", "--produced-on", "2025-03-01")
    out = json.loads(run("assess", str(EXAMPLES / "xpcc-4-deaths.json")))
    assert "供参考的计算结果，不是处理决定" in page
    assert "@page{size:A4" in page and "break-inside:avoid" in page
    assert out["library_version"] in page
    for name, digest in out["tables"].items():
        assert f"{name} {digest[:16]}" in page
    assert f"chinesecalendar {out['calendar']['version']}" in page
    assert "3,500,000.00 元" in page  # grouped
    assert f"2,000,000.00 元（大写：{daxie(Decimal(2000000))}）" in page


def test_the_output_records_the_holiday_calendar() -> None:
    out = json.loads(run("assess", str(EXAMPLES / "xpcc-4-deaths.json")))
    calendar = out["calendar"]
    assert calendar["package"] == "chinesecalendar"
    assert calendar["version"]
    first, last = calendar["years"]
    assert first <= 2024 <= last
    assert list(out)[: list(out).index("calendar") + 1][-2:] == ["tables", "calendar"]  # beside the table hashes
    review = json.loads(run("review", str(EXAMPLES / "review-advanced.json")))
    assert review["calendar"] == calendar


def test_citations_read_as_documents() -> None:
    text = run("assess", str(EXAMPLES / "xpcc-4-deaths.json"), "--format", "table")
    assert (
        "依据: 《中华人民共和国安全生产法（2021年修正）》第一百一十四条（二）、第一百一十四条 · "
        "中华人民共和国主席令第八十八号 · 全国人民代表大会常务委员会 · 2021-09-01 起施行"
    ) in text
    assert "另据: 《关于加快构建安全生产长效机制的意见》三（六） · 新兵办发〔2014〕15号 · 新疆生产建设兵团" in text
    markdown = run("assess", str(EXAMPLES / "xpcc-4-deaths.json"), "--format", "markdown")
    assert "| 《中华人民共和国安全生产法（2021年修正）》第一百一十四条（二）、第一百一十四条 · " in markdown
    assert "2,000,000.00 元" in text and "2,000,000.00 元" in markdown


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "xpcc-4-deaths.json", "--format", "html", "--produced-on", "2025-03-01"],
        ["assess", "xpcc-4-deaths.json"],
        ["assess", "xpcc-4-deaths.json", "--format", "markdown"],
        ["compare", "xpcc-4-deaths.json"],
        ["review", "review-advanced.json", "--format", "table"],
        ["explain", "guiyang-three-officials.json", "--official", "a"],
    ],
)
def test_output_to_a_file_is_the_same_text_as_utf8(args: list[str], tmp_path: Path) -> None:
    argv = [args[0], str(EXAMPLES / args[1]), *args[2:]]
    shown = run(*argv)
    target = tmp_path / "out"
    assert run(*argv, "-o", str(target)) == ""
    assert target.read_bytes() == shown.encode("utf-8")
    assert not list(tmp_path.glob("*.part"))


def test_output_to_an_unwritable_file_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["assess", str(EXAMPLES / "xpcc-4-deaths.json"), "-o", str(tmp_path / "no" / "x")])
    assert result.exit_code == 2
    assert "cannot write" in result.output


def _timeline(page: str) -> str:
    return page[page.index('aria-label="时间线"') :].split("</svg>")[0]


@pytest.mark.parametrize("name", CASES)
def test_timeline_labels_are_whole_and_apart(name: str) -> None:
    page = run("assess", str(EXAMPLES / name), "--format", "html", "--produced-on", "2025-03-01", *_extra(name))
    svg = _timeline(page)
    boxes: dict[float, list[tuple[float, float]]] = {}
    for x, y, size, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)</text>', svg):
        left, width = float(x), _text_width(text.replace("&amp;", "&"), float(size))
        assert left >= 0 and left + width <= SVG_WIDTH, text  # not cut off at either edge
        for other_left, other_right in boxes.get(float(y), []):
            assert left >= other_right or left + width <= other_left, text  # no overlap on a line
        boxes.setdefault(float(y), []).append((left, left + width))
    assert "事故 " in svg


def test_timeline_of_many_dates_close_together() -> None:
    data = case(
        4,
        regime="card",
        officials=[
            {"id": f"o{i}", "post": "deputy_safety", "conduct": {"duties_not_performed": True}} for i in range(6)
        ],
    )
    data["decided_on"] = "2024-05-13"
    c = parse_case(data)
    page = render_html(c, assess(c))
    svg = _timeline(page)
    lines: dict[str, list[tuple[float, float]]] = {}
    for x, y, size, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)</text>', svg):
        left, width = float(x), _text_width(text, float(size))
        assert left >= 0 and left + width <= SVG_WIDTH
        assert all(left >= r or left + width <= lo for lo, r in lines.get(y, [])), text
        lines.setdefault(y, []).append((left, left + width))
    assert "事故 2024-05-12" in svg and "决定 2024-05-13" in svg
