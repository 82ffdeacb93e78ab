"""A package that behaves like one: licence, one version, ``python -m accountability``, environment
defaults, shell completion, UTF-8 output on a GBK console, a BOM accepted, the calendar's provenance,
and (slow) the sdist installing and running its own tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT

EXAMPLE = str(EXAMPLES / "xpcc-4-deaths.json")


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    merged = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, *args], capture_output=True, env=merged, cwd=cwd, timeout=120)


def test_licence_and_metadata() -> None:
    from importlib.metadata import metadata

    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["dynamic"] == ["version"] and "version" not in project  # the version lives in one place
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]
    meta = metadata("accountability")
    assert "Natural Language :: Chinese (Simplified)" in meta.get_all("Classifier", [])
    assert {"serve", "excel"} <= set(meta.get_all("Provides-Extra", []))


def test_one_version_everywhere() -> None:
    from importlib.metadata import version

    import accountability
    import accountability_cli

    assert accountability.__version__ == version("accountability") == accountability_cli.VERSION
    out = run("-m", "accountability", "--version")
    assert out.returncode == 0 and out.stdout.decode().strip().endswith(accountability.__version__)


def test_python_m_accountability_is_the_cli_and_the_library_does_not_import_click() -> None:
    via_module = run("-m", "accountability", "assess", EXAMPLE)
    via_cli = run("-m", "accountability_cli", "assess", EXAMPLE)
    assert via_module.returncode == 0 and via_module.stdout == via_cli.stdout
    probe = run("-c", "import sys, accountability; accountability.assess; print('click' in sys.modules)")
    assert probe.stdout.decode().strip() == "False"


def test_environment_defaults_for_lang_and_tables(tmp_path: Path) -> None:
    english = run("-m", "accountability", "assess", EXAMPLE, "--format", "table", "--lang", "en").stdout
    by_env = run("-m", "accountability", "assess", EXAMPLE, "--format", "table", env={"ACCOUNTABILITY_LANG": "en"})
    assert by_env.returncode == 0 and by_env.stdout == english
    wins = run("-m", "accountability", "assess", EXAMPLE, "--format", "table", "--lang", "zh",
               env={"ACCOUNTABILITY_LANG": "en"})  # fmt: skip
    assert wins.stdout != english

    tables = tmp_path / "tables"
    tables.mkdir()
    card = (ROOT / "src/accountability/tables/card.toml").read_text("utf-8")
    (tables / "mine.toml").write_text(card.replace('name = "card"', 'name = "mine"', 1), "utf-8")
    listed = run("-m", "accountability", "rules", "--regime", "mine", env={"ACCOUNTABILITY_TABLES": str(tables)})
    assert listed.returncode == 0, listed.stderr
    refused = run("-m", "accountability", "rules", "--regime", "mine")
    assert refused.returncode == 2


def test_shell_completion_of_regimes() -> None:
    env = {"_ACCOUNTABILITY_COMPLETE": "bash_complete", "COMP_WORDS": "accountability assess x.json --regime xp",
           "COMP_CWORD": "4"}  # fmt: skip
    script = str(Path(sys.executable).parent / "accountability")  # completion is keyed on the command's name

    def complete() -> list[str]:
        out = subprocess.run([script], capture_output=True, env={**os.environ, **env}, timeout=60)
        return out.stdout.decode().splitlines()

    assert "plain,xpcc" in complete()
    env["COMP_WORDS"], env["COMP_CWORD"] = "accountability assess doc", "2"
    assert complete()[0].startswith("file,")


GBK = {"PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0", "LC_ALL": "C"}


def test_output_is_utf8_on_a_gbk_console() -> None:
    case = json.loads(Path(EXAMPLE).read_text("utf-8"))
    official = case["officials"][0]["id"]
    explained = run("-m", "accountability", "explain", EXAMPLE, "--official", official, env=GBK)
    assert explained.returncode == 0, explained.stderr.decode("utf-8", "replace")
    text = explained.stdout.decode("utf-8")  # UTF-8 bytes, not GBK, and ✓/✗ did not crash
    assert "✓" in text or "✗" in text

    out = run("-m", "accountability", "assess", EXAMPLE, env=GBK)
    assert out.returncode == 0
    assert json.loads(out.stdout.decode("utf-8"))["consequences"]
    assert "兵团".encode() in out.stdout
    for fmt in ("html", "markdown", "table"):
        people = run("-m", "accountability", "assess", EXAMPLE, "--format", fmt, env=GBK)
        assert people.returncode == 0
        assert "约谈" in people.stdout.decode("utf-8")
    # a message on standard error never crashes either
    bad = run("-m", "accountability", "explain", EXAMPLE, "--official", "无此人", env=GBK)
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    with_bom = tmp_path / "notepad.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + Path(EXAMPLE).read_bytes())
    out = run("-m", "accountability", "assess", str(with_bom))
    assert out.returncode == 0, out.stderr
    assert out.stdout == run("-m", "accountability", "assess", EXAMPLE).stdout


def test_calendar_provenance() -> None:
    from importlib.metadata import version

    from accountability.calendar import calendar_provenance

    info = calendar_provenance()
    assert info["package"] == "chinesecalendar" and info["version"] == version("chinesecalendar")
    years = info["years"]
    assert isinstance(years, list) and years[0] <= 2024 <= years[1]


@pytest.mark.slow
def test_the_sdist_contains_and_runs_its_own_tests(tmp_path: Path) -> None:
    """Build the sdist, install it (with its dev extra) into a fresh venv, run a smoke subset of its tests."""
    built = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)], capture_output=True
    )
    assert built.returncode == 0, built.stderr.decode()
    (sdist,) = tmp_path.glob("accountability-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path, filter="data")
    top = sdist.name.removesuffix(".tar.gz")
    for needed in ("LICENSE", "conftest.py", "tests/helpers.py", "docs/examples/xpcc-4-deaths.json"):
        assert f"{top}/{needed}" in names, needed
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin/pip"), "install", "-q", f"{sdist}[dev]"], capture_output=True)
    assert pip.returncode == 0, pip.stderr.decode()
    tests = subprocess.run(
        [
            str(venv / "bin/python"),
            "-m",
            "pytest",
            "-q",
            "-m",
            "not slow",
            "tests/test_cli.py",
            "tests/test_grading.py",
        ],
        cwd=tmp_path / top,
        capture_output=True,
    )
    assert tests.returncode == 0, tests.stdout.decode()[-3000:]
