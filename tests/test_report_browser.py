"""The printable report in a real headless browser: it renders, prints, and the key text is on the page.

Needs Debian's chromium and poppler-utils (scripts/check installs them). Outside CI
the test is skipped when they are missing; in CI (CI=true) their absence fails it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
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
    out = subprocess.run(
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
        ],
        capture_output=True,
        check=True,
    )
    page = tmp_path / f"{example}.{lang}.html"
    page.write_bytes(out.stdout)
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
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    return "".join(text.split())


def test_report_prints_with_its_key_text(tmp_path: Path) -> None:
    page = _report("guiyang-three-officials.json", "zh", tmp_path)
    html = page.read_text("utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")  # self-contained: no network
    assert "第十八条（一）" in html  # the trigger's article (in print, the articles column may wrap it)
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
    ):
        assert key in text, key


def test_report_in_english(tmp_path: Path) -> None:
    text = _printed_text(_report("sanctions-dated.json", "en", tmp_path), tmp_path)
    for key in ("Safetyaccountabilityreport", "Individualaccountability", "removal", "2025-08-29", "Timeline"):
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
