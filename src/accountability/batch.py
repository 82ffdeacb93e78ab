"""One JSONL line in, one JSONL line out: an assessment or an error record — never an exception.

The batch command streams lines through :func:`assess_line` (in one process
or several); every line gives exactly one output line, in input order, so
``in = assessed + errors`` always holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .codec import Explain, InputError, Problem, parse_case, parse_json, result_to_dict
from .rules import Regime

if TYPE_CHECKING:
    from .catalog import Catalog

MAX_LINE_BYTES = 5_000_000

ASSESSED = "assessed"
BAD_INPUT = "bad input"
INTERNAL = "internal"


def dump(record: dict[str, object]) -> str:
    """One output line (no newline): compact JSON, UTF-8 as is; ASCII escapes should any text not encode."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(record, ensure_ascii=True, separators=(",", ":"))
    return text


def error_record(
    line: int, problems: list[Problem], incident_id: object = None, kind: str = BAD_INPUT
) -> dict[str, object]:
    return {
        "line": line,
        "incident_id": incident_id if isinstance(incident_id, str) else None,
        "error": kind,
        "problems": [{"path": p.path, "message": p.message} for p in problems],
    }


def internal_record(line: int, exc: BaseException, incident_id: object = None) -> dict[str, object]:
    """The record of a line whose assessment failed inside the library: ``"error": "internal"``."""
    detail = str(exc)
    if len(detail) > 300:
        detail = detail[:297] + "..."
    message = f"internal error: {type(exc).__name__}: {detail}" if detail else f"internal error: {type(exc).__name__}"
    return error_record(line, [Problem("$", message)], incident_id, kind=INTERNAL)


def _incident_id(data: object) -> object:
    if isinstance(data, dict) and isinstance(data.get("incident"), dict):
        return data["incident"].get("id")
    return None


def assess_line_status(
    text: str,
    line: int,
    load: Callable[[str], Regime],
    names: tuple[str, ...],
    regime: str | None = None,
    catalog: Catalog | None = None,
    explain: Explain = "full",
) -> tuple[str, str]:
    """Assess one JSONL line, whatever it holds; returns (ASSESSED | BAD_INPUT | INTERNAL, the output line).

    Without a regime (the line's or ``regime``), the regimes that govern the incident's place on its
    date are chosen from ``catalog`` (default: the shipped tables). ``explain`` is the output's level of
    explanation (:func:`~accountability.codec.result_to_dict`). Never raises an :class:`Exception`:
    a failure inside the library becomes an error record of kind ``internal`` for this line alone.
    """
    from .catalog import Catalog
    from .selection import AUTO
    from .selection import assess as assess_chosen

    data: object = None
    try:
        if not text.strip():
            raise InputError([Problem("$", "empty line: expected one incident as a JSON object")])
        if len(text) > MAX_LINE_BYTES:
            raise InputError([Problem("$", f"line longer than {MAX_LINE_BYTES} bytes")])
        data = parse_json(text)
        case = parse_case(data, None if catalog is None else catalog.vocabulary())
        name = regime or case.regime or AUTO
        if name != AUTO and name not in names:
            where = "--regime" if regime else "$.regime"
            raise InputError([Problem(where, f'unknown regime "{name}" (expected one of: {", ".join(names)})')])
        # the shorter outputs show no official's not_applied: their reasons are not gathered
        result = assess_chosen(case, catalog or Catalog(), name, official_reasons=explain == "full")
        out = result_to_dict(result, explain)
        return ASSESSED, dump({"line": line, **out})
    except InputError as exc:
        return BAD_INPUT, dump(error_record(line, exc.problems, _incident_id(data)))
    except RecursionError:
        return BAD_INPUT, dump(error_record(line, [Problem("$", "nested too deeply")], None))
    except Exception as exc:  # one line's internal error never stops the batch
        try:
            incident_id = _incident_id(data)
        except Exception:
            incident_id = None
        return INTERNAL, dump(internal_record(line, exc, incident_id))


def assess_line(
    text: str,
    line: int,
    load: Callable[[str], Regime],
    names: tuple[str, ...],
    regime: str | None = None,
    catalog: Catalog | None = None,
    explain: Explain = "full",
) -> tuple[bool, str]:
    """Assess one JSONL line; returns (assessed?, the output line without its newline)."""
    status, out = assess_line_status(text, line, load, names, regime, catalog, explain)
    return status == ASSESSED, out


def assess_numbered(
    numbered: Iterable[tuple[int, str]],
    explain: Explain = "full",
    regime: str | None = None,
    catalog: Catalog | None = None,
) -> Iterator[str]:
    """The batch as a pure map: (line number, JSONL line) in, the output line out (no newline), in order.

    What ``assess-batch`` writes for the same numbered lines, byte for byte (a trailing newline or
    carriage return is stripped, as the command reads them). An engine that splits a JSONL file into
    partitions (Dask bag, Spark ``mapPartitions``) runs this on each; see the README's Performance section.
    """
    from .catalog import Catalog

    catalog = catalog or Catalog()
    names = catalog.names()
    for number, text in numbered:
        yield assess_line_status(text.rstrip("\r\n"), number, catalog.load, names, regime, catalog, explain)[1]


def assess_partition(lines: Iterable[str], explain: Explain = "full", first: int = 1) -> Iterator[str]:
    """:func:`assess_numbered` over lines numbered from ``first``: one file as one partition gives the
    output of ``assess-batch`` on that file."""
    return assess_numbered(enumerate(lines, first), explain)
