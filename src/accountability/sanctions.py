"""Sanctions (党纪处分, 政务处分) as table rows: their names, periods and what they bar.

A table's ``[[sanction]]`` rows declare them; a consequence with ``for_each =
"proposed_discipline"`` emits one discipline per proposed sanction, dated by
``period = "sanction"``, and ``period = "longest_sanction"`` dates the effects
that last as long as the longest of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from .calendar import add_months, add_years
from .model import Sanction
from .outcome import Citation
from .tableformat import SanctionRow, keys_of
from .vocabulary import Vocabulary

Fail = Callable[[str], Exception]
Cite = Callable[[str, object], dict[str, Citation]]

SANCTION_KEYS = set(keys_of(SanctionRow))
MAX_MONTHS = 1200  # a hundred years: a period beyond it is a table error, not a date


@attrs.frozen
class SanctionRule:
    code: Sanction
    name: str
    months: int | None
    readmission_years: int | None
    bars_promotion: bool
    removes_from_post: bool
    effect: str
    citations: tuple[Citation, ...]

    def ends(self, decided_on: pendulum.Date | None) -> pendulum.Date | None:
        """The end of its period counted from the decision (None: no decision date, or no period)."""
        if decided_on is None:
            return None
        if self.months is not None:
            return add_months(decided_on, self.months)
        if self.readmission_years is not None:
            return add_years(decided_on, self.readmission_years)
        return None


def longest_bar(
    sanctions: Mapping[Sanction, SanctionRule], proposed: Sequence[Sanction], decided_on: pendulum.Date | None
) -> tuple[pendulum.Date | None, str]:
    """(end, why) of "在相关规定时限内": the longest promotion bar of the proposed sanctions.

    The why is one of ``dated``, ``no_bar`` (no proposed sanction bars promotion), ``undated``
    (a sanction without a fixed term) and ``no_sanction``.
    """
    if not proposed:
        return None, "no_sanction"
    rows = [sanctions[code] for code in proposed]
    if any(r.bars_promotion and r.months is None for r in rows):
        return None, "undated"
    ends = [end for r in rows if r.bars_promotion and (end := r.ends(decided_on)) is not None]
    if not any(r.bars_promotion for r in rows):
        return None, "no_bar"
    return (max(ends) if ends else None), "dated"


def _int(fail: Fail, where: str, row: Mapping[str, Any], key: str, most: int) -> int:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise fail(f"{where}: '{key}' must be a whole number from 0 to {most}")
    return value


def parse_sanctions(raw: object, cite: Cite, fail: Fail, vocabulary: Vocabulary) -> dict[Sanction, SanctionRule]:
    """Check and type a table's ``[[sanction]]`` rows."""
    if not isinstance(raw, list):
        raise fail("'sanction' must be an array of tables ([[sanction]])")
    out: dict[Sanction, SanctionRule] = {}
    for index, row in enumerate(raw):
        if not isinstance(row, dict):
            raise fail(f"sanction #{index + 1} must be a table")
        where = f"sanction {row.get('code')!r}"
        extra = set(row) - SANCTION_KEYS
        if extra:
            raise fail(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        code = row.get("code")
        if not isinstance(code, str) or not vocabulary.has("sanction", code):
            raise fail(f"{where}: unknown sanction code")
        sanction = code
        if sanction in out:
            raise fail(f"{where}: duplicate sanction")
        flags = []
        for key in ("bars_promotion", "removes_from_post"):
            if not isinstance(row.get(key), bool):
                raise fail(f"{where}: '{key}' must be true or false")
            flags.append(bool(row[key]))
        texts = []
        for key in ("name", "effect"):
            value = row.get(key)
            if not isinstance(value, str) or not value:
                raise fail(f"{where}: '{key}' must be non-empty text")
            texts.append(value)
        out[sanction] = SanctionRule(
            code=sanction,
            name=texts[0],
            months=_int(fail, where, row, "months", MAX_MONTHS) if "months" in row else None,
            readmission_years=_int(fail, where, row, "readmission_years", 100) if "readmission_years" in row else None,
            bars_promotion=flags[0],
            removes_from_post=flags[1],
            effect=texts[1],
            citations=tuple(cite(where, row.get("cite")).values()),
        )
    return out
