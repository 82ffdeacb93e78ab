"""Parsed table text, kept between runs: a cold start reads a table's TOML back as JSON.

A front end's choice, not the library's (which writes no file): the command installs it
(:func:`install`) before it reads a table, in its own process and in the batch's workers.

Parsing the TOML of the tables a command needs is about a tenth of a cold ``accountability assess``,
and the parse of a given text never changes. So :func:`parse` keeps it, as JSON, in a file named by the
SHA-256 of the text, in the user's cache folder: ``$ACCOUNTABILITY_CACHE``, else
``$XDG_CACHE_HOME/accountability``, else ``~/.cache/accountability`` (``ACCOUNTABILITY_CACHE=""``: no
cache). Reading it back is about twenty times faster than parsing.

Safe by construction:

- JSON only: nothing read is executed; a decimal and a date are tagged (``{"$decimal": "…"}``,
  ``{"$date": "…"}``), and a parse holding anything else (a time, a date-time, a table whose one key is a
  tag) is not kept;
- a parse is kept only if it reads back equal to itself, and read back only from a file that names the
  same text hash and format; the file is written whole (a temporary file renamed onto it);
- a text that is not valid TOML is never kept (it raises, as :func:`tomllib.loads` does);
- anything that goes wrong with the folder or a file (missing, unreadable, read-only, damaged) costs only
  the parse;
- the folder holds at most MAX_FILES parses: writing one removes the oldest beyond.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

FORMAT = 1  # the layout of a cache file; a file of another format is not read
MAX_FILES = 256  # past this many kept parses, the least recently written go (tests and --tables add texts)
ENV = "ACCOUNTABILITY_CACHE"
_DECIMAL, _DATE = "$decimal", "$date"


def install() -> None:
    """Have the library parse tables through this cache (accountability.rules.use_toml_reader)."""
    from accountability.rules import use_toml_reader

    use_toml_reader(parse)


def parse(text: str) -> dict[str, Any]:
    """``tomllib.loads(text, parse_float=Decimal)``, read from the cache when it holds this text's parse."""
    folder = cache_folder()
    if folder is None:
        return tomllib.loads(text, parse_float=Decimal)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = folder / f"{digest}.json"
    kept = _read(path, digest)
    if kept is not None:
        return kept
    data = tomllib.loads(text, parse_float=Decimal)
    _write(folder, path, digest, data)
    return data


def cache_folder() -> Path | None:
    """Where parses are kept (see the module's text); None when the cache is turned off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured) / "tables" if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "accountability" / "tables"


def _read(path: Path, digest: str) -> dict[str, Any] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)
    except (OSError, ValueError, ArithmeticError, RecursionError):  # missing, unreadable or damaged
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("sha256") != digest:
        return None
    data = record.get("data")
    return data if isinstance(data, dict) else None


def _write(folder: Path, path: Path, digest: str, data: dict[str, Any]) -> None:
    try:
        text = json.dumps({"format": FORMAT, "sha256": digest, "data": data}, default=_encode, ensure_ascii=False)
        if json.loads(text, object_hook=_decode)["data"] != data:
            return
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{digest}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
        _prune(folder)
    except (OSError, TypeError, ValueError):
        return


def _prune(folder: Path) -> None:
    """Keep the MAX_FILES most recently written parses."""
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[MAX_FILES:]:
        old.unlink(missing_ok=True)


def _encode(value: object) -> dict[str, str]:
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {_DATE: value.isoformat()}
    raise TypeError(f"not kept: {type(value).__name__}")


def _decode(value: dict[str, Any]) -> object:
    if len(value) == 1:
        if _DECIMAL in value:
            return Decimal(value[_DECIMAL])
        if _DATE in value:
            return dt.date.fromisoformat(value[_DATE])
    return value
