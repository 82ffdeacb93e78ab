"""The cache of parsed table text (accountability_cli.tomlcache): the same parse, whatever is in the folder."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from accountability_cli import tomlcache

ROOT = Path(__file__).resolve().parent.parent
TEXT = 'a = 1.50\nb = 2024-05-01\n[t]\nlist = [1, "x", 2.0]\n'


def strict(a: object, b: object) -> bool:
    """Equal, with the same types and key order (Decimal("1.50") is not Decimal("1.5") here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(strict(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(strict(x, y) for x, y in zip(a, b, strict=True))
    return str(a) == str(b) if isinstance(a, Decimal) else a == b


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(tomlcache.ENV, str(tmp_path))
    return tmp_path / "tables"


def test_every_shipped_table_reads_back_as_parsed(folder: Path) -> None:
    for path in sorted((ROOT / "tables").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        parsed = tomllib.loads(text, parse_float=Decimal)
        assert strict(tomlcache.parse(text), parsed)  # parsed, and kept
        assert strict(tomlcache.parse(text), parsed)  # read back
    assert len(list(folder.glob("*.json"))) == len(list((ROOT / "tables").glob("*.toml")))


def test_a_damaged_or_foreign_file_is_parsed_again(folder: Path) -> None:
    tomlcache.parse(TEXT)
    (kept,) = folder.glob("*.json")
    for damage in ["{", '{"format": 1, "sha256": "other", "data": {}}', '{"$decimal": "x"}', ""]:
        kept.write_text(damage, encoding="utf-8")
        assert strict(tomlcache.parse(TEXT), tomllib.loads(TEXT, parse_float=Decimal))


def test_what_json_cannot_say_exactly_is_not_kept(folder: Path) -> None:
    for text in ["t = 07:32:00\n", "d = 1979-05-27T07:32:00Z\n", 'x = { "$date" = "2024-01-01" }\n', "n = nan\n"]:
        tomlcache.parse(text)
    assert not folder.exists() or not list(folder.glob("*.json"))


def test_bad_toml_raises_and_is_not_kept(folder: Path) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        tomlcache.parse("a = \n")
    assert not folder.exists() or not list(folder.glob("*.json"))


def test_turned_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tomlcache.ENV, "")
    assert tomlcache.cache_folder() is None
    assert strict(tomlcache.parse(TEXT), tomllib.loads(TEXT, parse_float=Decimal))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(tomlcache.ENV, str(blocker))
    assert strict(tomlcache.parse(TEXT), tomllib.loads(TEXT, parse_float=Decimal))


def test_the_folder_keeps_the_latest_parses_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tomlcache, "MAX_FILES", 3)
    for n in range(6):
        tomlcache.parse(f"n = {n}\n")
    assert len(list(folder.glob("*.json"))) == 3
    assert strict(tomlcache.parse("n = 5\n"), {"n": 5})


def test_the_library_writes_no_cache_unless_a_front_end_installs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accountability import rules

    monkeypatch.setenv(tomlcache.ENV, str(tmp_path))
    rules.use_toml_reader(None)  # the library's own reader
    try:
        rules.parse_table("national", (ROOT / "tables" / "national.toml").read_text("utf-8"))
        assert not any(tmp_path.rglob("*.json"))
        tomlcache.install()
        rules.parse_table("national", (ROOT / "tables" / "national.toml").read_text("utf-8"))
        assert any(tmp_path.rglob("*.json"))
    finally:
        rules.use_toml_reader(None)
