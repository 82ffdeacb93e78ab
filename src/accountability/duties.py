"""Duty catalogues (the minimum frequencies the texts set per post and level) and the ledger check.

A duty says: officials of these posts (at these levels) hold at least ``min``
activities of a kind per month, quarter, half-year or year. A ledger is an
official's dated records; the check counts them in each calendar bucket that
lies wholly inside the ledger's period and reports every duty met or short,
by how much. Only buckets wholly inside the period are judged; the others
are listed as not checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pendulum

from .events import Event, ev
from .model import Activity, Ledger, Level, Post
from .outcome import Citation
from .tableformat import DutyRow, keys_of
from .vocabulary import Vocabulary

PERIODS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
PER_ZH = {"month": "每月", "quarter": "每季度", "half_year": "每半年", "year": "每年"}


@attrs.frozen
class Duty:
    id: str
    posts: frozenset[Post]
    levels: frozenset[Level]
    activity: Activity
    min: int
    per: str
    summary: str
    citation: Citation

    def applies(self, post: Post, level: Level | None) -> bool | None:
        if post not in self.posts:
            return False
        if not self.levels:
            return True
        if level is None:
            return None
        return level in self.levels


@attrs.frozen
class Bucket:
    start: pendulum.Date
    end: pendulum.Date
    required: int
    done: int

    @property
    def short(self) -> int:
        return max(self.required - self.done, 0)


@attrs.frozen
class DutyCheck:
    duty: Duty
    buckets: tuple[Bucket, ...]
    unchecked: tuple[tuple[pendulum.Date, pendulum.Date], ...]

    @property
    def short(self) -> int:
        return sum(b.short for b in self.buckets)

    @property
    def met(self) -> bool | None:
        if not self.buckets:
            return None
        return self.short == 0


@attrs.frozen
class LedgerResult:
    checks: tuple[DutyCheck, ...]
    not_applicable: tuple[tuple[str, Event], ...]
    unknown_level: tuple[str, ...]
    notes: tuple[Event, ...]

    @property
    def short(self) -> tuple[DutyCheck, ...]:
        return tuple(c for c in self.checks if c.met is False)

    @property
    def complete(self) -> bool:
        """Every checked duty met, at least one bucket judged, and no duty left open by an unknown level."""
        judged = [c for c in self.checks if c.met is not None]
        return bool(judged) and not self.short and not self.unknown_level


def buckets(start: pendulum.Date, end: pendulum.Date, per: str) -> list[tuple[pendulum.Date, pendulum.Date, bool]]:
    """Calendar buckets (month, quarter, half-year, year) touching [start, end]; True if wholly inside."""
    months = PERIODS[per]
    first_month = ((start.month - 1) // months) * months + 1
    cursor = pendulum.Date(start.year, first_month, 1)
    out = []
    while cursor <= end:
        last = cursor.add(months=months).subtract(days=1)
        out.append((cursor, last, cursor >= start and last <= end))
        cursor = cursor.add(months=months)
    return out


def check_ledger(duties: Sequence[Duty], post: Post, ledger: Ledger) -> LedgerResult:
    checks: list[DutyCheck] = []
    not_applicable: list[tuple[str, Event]] = []
    unknown: list[str] = []
    for duty in duties:
        applies = duty.applies(post, ledger.level)
        if applies is None:
            unknown.append(duty.id)
            continue
        if not applies:
            why = ev("post.out", post=post, posts=tuple(sorted(duty.posts)))
            if post in duty.posts:
                level = ledger.level if ledger.level else "?"
                why = ev("member.out", field="level", value=level, values=tuple(sorted(duty.levels)))
            not_applicable.append((duty.id, why))
            continue
        judged: list[Bucket] = []
        unchecked: list[tuple[pendulum.Date, pendulum.Date]] = []
        for b_start, b_end, whole in buckets(ledger.start, ledger.end, duty.per):
            if not whole:
                unchecked.append((b_start, b_end))
                continue
            done = sum(1 for r in ledger.records if r.activity == duty.activity and b_start <= r.day <= b_end)
            judged.append(Bucket(b_start, b_end, duty.min, done))
        checks.append(DutyCheck(duty, tuple(judged), tuple(unchecked)))
    notes = [ev("ledger.only_countable")]
    if unknown:
        notes.append(ev("ledger.level_unknown", duties=tuple(unknown)))
    return LedgerResult(tuple(checks), tuple(not_applicable), tuple(unknown), tuple(notes))


def parse_duties(rows: object, cite: Any, fail: Any, vocabulary: Vocabulary) -> tuple[Duty, ...]:
    """Check and type a table's ``[[duty]]`` rows."""
    if not isinstance(rows, list):
        raise fail("'duty' must be an array of tables ([[duty]])")
    out: list[Duty] = []
    seen: set[str] = set()
    keys = set(keys_of(DutyRow))
    for index, raw in enumerate(rows):
        if not isinstance(raw, dict):
            raise fail(f"duty #{index + 1} must be a table")
        did = raw.get("id")
        where = f"duty {did!r}"
        if not isinstance(did, str) or not did or did in seen:
            raise fail(f"{where}: every duty needs a unique 'id'")
        seen.add(did)
        extra = set(raw) - keys
        if extra:
            raise fail(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        posts = raw.get("posts")
        if not isinstance(posts, list) or not posts or any(not vocabulary.has("post", p) for p in posts):
            raise fail(f"{where}: 'posts' must list posts")
        levels = raw.get("levels", [])
        if not isinstance(levels, list) or any(not vocabulary.has("level", lv) for lv in levels):
            raise fail(f"{where}: 'levels' must list levels")
        activities = vocabulary.codes("activity")
        if raw.get("activity") not in activities:
            raise fail(f"{where}: 'activity' is one of {', '.join(activities)}")
        if raw.get("per") not in PERIODS:
            raise fail(f"{where}: 'per' is one of {', '.join(PERIODS)}")
        minimum = raw.get("min")
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            raise fail(f"{where}: 'min' must be a whole number ≥ 1")
        summary = raw.get("summary")
        if not isinstance(summary, str) or not summary:
            raise fail(f"{where}: 'summary' must be non-empty text")
        citations: Mapping[str, Citation] = cite(where, raw.get("cite"))
        out.append(
            Duty(
                id=did,
                posts=frozenset(posts),
                levels=frozenset(levels),
                activity=raw["activity"],
                min=minimum,
                per=str(raw["per"]),
                summary=summary,
                citation=next(iter(citations.values())),
            )
        )
    return tuple(out)
