"""Shared helpers: build a case from a few facts, run it, pick consequences."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from accountability import Result, assess

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
SOURCES = ROOT.parent / "shared" / "sources"


def case(
    deaths: int = 1,
    *,
    regime: str = "xpcc",
    occurred_at: str = "2024-05-12T09:30:00+08:00",
    officials: list[dict[str, Any]] | None = None,
    history: list[dict[str, Any]] | None = None,
    **incident: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "regime": regime,
        "incident": {"id": "T-1", "occurred_at": occurred_at, "deaths": deaths, **incident},
    }
    data["officials"] = officials if officials is not None else copy.deepcopy(STANDARD_OFFICIALS)
    if history is not None:
        data["history"] = history
    return data


STANDARD_OFFICIALS: list[dict[str, Any]] = [
    {"id": "ps", "post": "party_secretary"},
    {"id": "gh", "post": "government_head"},
    {"id": "ds", "post": "deputy_safety"},
    {"id": "dc", "post": "deputy_sector", "portfolio": ["coal_mine"]},
    {"id": "dx", "post": "deputy_sector", "portfolio": ["construction"]},
    {"id": "dh", "post": "department_head", "portfolio": ["coal_mine"]},
    {"id": "uh", "post": "unit_head"},
]


def run(data: dict[str, Any]) -> Result:
    return assess(data)


def hits(result: Result, rule: str) -> set[tuple[str, str]]:
    """(kind, target id or name) of every consequence of ``rule``."""
    return {(c.kind, c.target.id or c.target.name or "") for c in result.consequences if c.rule == rule}


def rules_applied(result: Result) -> set[str]:
    return {c.rule for c in result.consequences}


def not_applied(result: Result) -> dict[str, str]:
    """Rule id → the text of why it did not apply (tests look for the values in it: ids, flags, dates)."""
    return {n.rule: n.why.text() for n in result.not_applied}


def not_evaluable(result: Result) -> dict[str, str]:
    """Rule id → what it needs (field paths and values)."""
    return {n.rule: n.needs.text() for n in result.not_evaluable}


def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (keys and indexes), the root first: where a fuzz test mutates."""
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += json_paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += json_paths(v, (*prefix, i))
    return out
