"""The tables shipped with the package (``accountability/tables``), read once and cached."""

from __future__ import annotations

from functools import cache
from importlib import resources

from .rules import Regime, Table, TableError, compose, parse_table


@cache
def shipped_tables() -> dict[str, Table]:
    """Every ``*.toml`` in the package's ``tables`` folder, parsed and checked."""
    folder = resources.files("accountability") / "tables"
    tables: dict[str, Table] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        name = entry.name.removesuffix(".toml")
        tables[name] = parse_table(name, entry.read_text(encoding="utf-8"), filename=f"tables/{entry.name}")
    return tables


def regime_names() -> tuple[str, ...]:
    return tuple(sorted(shipped_tables()))


@cache
def load_regime(name: str) -> Regime:
    tables = shipped_tables()
    if name not in tables:
        raise TableError(f"unknown regime '{name}': known regimes are {', '.join(regime_names())}")
    return compose(name, tables)
