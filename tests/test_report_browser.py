"""The printable report in a real headless browser: it renders, prints, and the key text is on the page.

Needs Debian's chromium and poppler-utils (scripts/check installs them). Outside CI
the test is skipped when they are missing; in CI (CI=true) their absence fails it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not (CHROMIUM and PDFTOTEXT):
    if os.environ.get("CI") == "true":
        pytest.fail("chromium and pdftotext are needed in CI (scripts/check installs them)", pytrace=False)
    pytest.skip("chromium or pdftotext not installed", allow_module_level=True)


def _report(example: str, lang: str, tmp_path: Path) -> Path:
    page = tmp_path / f"{example}.{lang}.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "accountability_cli",
            "assess",
            str(EXAMPLES / example),
            "--format",
            "html",
            "--lang",
            lang,
            "--produced-on",
            "2025-03-01",
            "-o",
            str(page),
        ],
        capture_output=True,
        check=True,
    )
    return page


def _browser(tmp_path: Path, *args: str) -> None:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        check=True,
        timeout=120,
    )


def _printed_text(page: Path, tmp_path: Path) -> str:
    pdf = tmp_path / (page.name + ".pdf")
    _browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    if PDFINFO:  # printed on A4 (595 x 842 pt), not US Letter
        info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, check=True).stdout.decode()
        assert "(A4)" in info, info
    assert PDFTOTEXT is not None
    # in reading order, block by block (-layout would interleave the two columns of a table line by line)
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    return "".join(text.split())


def test_report_prints_with_its_key_text(tmp_path: Path) -> None:
    page = _report("guiyang-three-officials.json", "zh", tmp_path)
    html = page.read_text("utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")  # self-contained: no network
    # in print, the articles column may wrap a citation and pdftotext interleaves the columns' lines:
    # the whole citations are read from the page, their parts from the print
    assert "第十八条（一）" in html
    assert "《中华人民共和国安全生产法（2021年修正）》第一百一十四条（二）" in html
    assert "大写：壹佰万元整至贰佰万元整" in html
    text = _printed_text(page, tmp_path)
    for key in (
        "安全生产责任追究计算报告",
        "较大事故",
        "个人问责",
        "问责方式阶梯",
        "停职检查",
        "免责",
        "第十八条",
        "时间线",
        "guiyang.lenient",
        # the document cited as a document: title, 文号, issuer, date of effect
        "《中华人民共和国安全生产法（2021年修正）》",
        "中华人民共和国主席令第八十八号",
        "全国人民代表大会常务委员会",
        "2021-09-01起施行",
        # amounts grouped and in 大写
        "1,000,000.00–2,000,000.00元",
        "大写：",
        # the labels in Chinese
        "建筑施工",
        "坍塌",
        # an official with no consequence, listed as such
        "丙某(c)·党委主要负责人无后果（免责）",
        # its date, what it is, and what it was computed with
        "生成日期:2025-03-01",
        "供参考的计算结果，不是处理决定",
        "节假日日历chinesecalendar",
    ):
        assert key in text, key
    assert re.search(r"1/\d+", text)  # page numbers
    assert "construction" not in text


def test_report_in_english(tmp_path: Path) -> None:
    text = _printed_text(_report("sanctions-dated.json", "en", tmp_path), tmp_path)
    for key in (
        "Safetyaccountabilityreport",
        "Individualaccountability",
        "removal",
        "2025-08-29",
        "Timeline",
        "Producedon:2025-03-01",
        "forreference;itisnotadecision",
        "1,000,000.00–2,000,000.00CNY",
    ):
        assert key in text, key


def test_screenshot_renders(tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _browser(
        tmp_path,
        "--window-size=1200,1600",
        f"--screenshot={shot}",
        _report("card-exemption.json", "zh", tmp_path).as_uri(),
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
