"""One JSONL line in, one JSONL line out: an assessment or an error record — never an exception.

The batch command streams lines through :func:`assess_line` (in one process
or several); every line gives exactly one output line, in input order, so
``in = assessed + errors`` always holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from .codec import InputError, Problem, parse_case, parse_json, result_to_dict
from .rules import Regime

if TYPE_CHECKING:
    from .catalog import Catalog

MAX_LINE_BYTES = 5_000_000


def error_record(line: int, problems: list[Problem], incident_id: object = None) -> dict[str, object]:
    return {
        "line": line,
        "incident_id": incident_id if isinstance(incident_id, str) else None,
        "error": "bad input",
        "problems": [{"path": p.path, "message": p.message} for p in problems],
    }


def _incident_id(data: object) -> object:
    if isinstance(data, dict) and isinstance(data.get("incident"), dict):
        return data["incident"].get("id")
    return None


def assess_line(
    text: str,
    line: int,
    load: Callable[[str], Regime],
    names: tuple[str, ...],
    regime: str | None = None,
    catalog: Catalog | None = None,
) -> tuple[bool, str]:
    """Assess one JSONL line; returns (assessed?, the output line without its newline).

    Without a regime (the line's or ``regime``), the regimes that govern the incident's place on its
    date are chosen from ``catalog`` (default: the shipped tables)."""
    from .catalog import Catalog
    from .selection import AUTO
    from .selection import assess as assess_chosen

    data: object = None
    try:
        if not text.strip():
            raise InputError([Problem("$", "empty line: expected one incident as a JSON object")])
        if len(text) > MAX_LINE_BYTES:
            raise InputError([Problem("$", f"line longer than {MAX_LINE_BYTES} characters")])
        data = parse_json(text)
        case = parse_case(data)
        name = regime or case.regime or AUTO
        if name != AUTO and name not in names:
            where = "--regime" if regime else "$.regime"
            raise InputError([Problem(where, f'unknown regime "{name}" (expected one of: {", ".join(names)})')])
        out = result_to_dict(assess_chosen(case, catalog or Catalog(), name))
        out = {"line": line, **out}
        return True, json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    except InputError as exc:
        record = error_record(line, exc.problems, _incident_id(data))
    except RecursionError:
        record = error_record(line, [Problem("$", "nested too deeply")], None)
    return False, json.dumps(record, ensure_ascii=False, separators=(",", ":"))
