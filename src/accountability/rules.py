"""Rules as data: loading, checking and compiling the TOML tables.

A table is TOML text; nothing in it is code. Conditions and target selectors
come from the small closed vocabulary below; the loader refuses anything else
with a :class:`TableError` naming the file and the rule.

Condition vocabulary (incident level; every key of a ``when`` table must hold):

``deaths`` / ``serious_injuries`` / ``direct_loss_cny``  ``{min, max}``, both inclusive
``grade``            national grade is one of a list
``grade_at_least`` / ``grade_at_most``  a national grade
``sector`` / ``accident_type``  one of a list (unknown in the input → not evaluable)
``flags``            incident flags that must all be true
``capacity_tpy``     ``{min, max}`` of the unit's capacity (unknown → not evaluable)
``prior``            earlier incidents of the history: ``within_days`` | ``within_months`` |
                     ``within_years``, ``count_min`` (default 1), ``when`` (same vocabulary, and
                     ``same_accident_type`` / ``same_division`` / ``same_unit``); the incident
                     itself listed again is skipped
``report_failure``   one of late | omitted | false | concealed was found (the clock's late is late)
``all`` / ``any``    lists of conditions; ``not``: one condition

Official selectors: ``post`` (list), ``portfolio`` (``incident_sector`` or
``incident_or_prior_sector``), ``conduct`` (flags that must all be true), ``conduct_any``
(also the report pseudo flags), ``unit = "responsible"``, ``level``, ``assessed_unit_kind``,
``sanction_any``, ``any`` (list of selectors), ``label`` (the role as the text names it).
"""

from __future__ import annotations

import decimal
import fnmatch
import functools
import hashlib
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import attrs
import pendulum

from .calendar import within_days_before, within_months_before, within_years_before
from .events import Event, ev
from .grading import DeathBands, Grade, GradingScheme, parse_death_bands, parse_grading
from .model import (
    Assessment,
    Form,
    Incident,
    Official,
    Post,
    ReportFailure,
    Sanction,
)
from .outcome import Citation, Kind, Modality, TargetType
from .tableformat import ConsequenceRow, DocumentRow, ModifyRow, RuleRow, keys_of, shape_problems
from .tableformat import Place as PlaceRow
from .vocabulary import Vocabulary, VocabularyError
from .vocabulary import shared as shared_vocabulary

if TYPE_CHECKING:  # imported where a table needs them: a regime without sanctions or duties loads faster
    from .duties import Duty
    from .sanctions import SanctionRule


T = TypeVar("T")


def parse_toml(text: str) -> dict[str, Any]:
    """A table's TOML text as Python values (numbers with a fraction as Decimal)."""
    return tomllib.loads(text, parse_float=Decimal)


# How a table's text is parsed: tomllib, unless a front end installs a reader that gives the same values
# faster (the command line keeps parses between runs: accountability_cli.tomlcache). The library itself
# writes no file.
_TOML_READER: list[Callable[[str], dict[str, Any]]] = [parse_toml]


def use_toml_reader(reader: Callable[[str], dict[str, Any]] | None) -> None:
    """Parse tables with ``reader`` (it must return what :func:`parse_toml` returns); None: tomllib again."""
    _TOML_READER[0] = reader or parse_toml


class TableError(ValueError):
    """A table that cannot be used; the message names the file and the rule."""


# --------------------------------------------------------------------------- verdicts


class Verdict(NamedTuple):
    """Three-valued truth: ``value`` is None when a needed fact is unknown (a NamedTuple: made often)."""

    value: bool | None
    why: Event
    needs: tuple[str, ...] = ()
    matched_priors: tuple[Incident, ...] = ()


NO_REPORT = ev("report.unknown")


@attrs.frozen
class Facts:
    """What a condition looks at: an incident, its grade and (for the present one) its history."""

    incident: Incident
    grade: Grade
    history: tuple[tuple[Incident, Grade], ...] = ()
    report_late: bool | None = None
    signatories_flagged: bool = False
    report_why: Event = NO_REPORT
    assessment: Assessment | None = None
    band: str | None = None
    vetoed: bool = False
    # per official (rules with applies_to = "official"): the official, and the ids of the rules that
    # applied to them so far (a list shared by the official's evaluation, appended to as rules apply)
    official: Official | None = None
    found: tuple[str, ...] = ()
    # inside a ``prior`` window: the present incident, which the earlier one is compared with
    present: Incident | None = None


Condition = Callable[[Facts], Verdict]



def _fmt_range(lo: Decimal | None, hi: Decimal | None) -> str:
    return f"{lo if lo is not None else '0'}–{hi if hi is not None else '∞'}"


def _all(parts: Sequence[Condition]) -> Condition:
    def check(facts: Facts) -> Verdict:
        verdicts = [p(facts) for p in parts]
        false: list[Verdict] = []
        unknown: list[Verdict] = []
        for v in verdicts:
            if v.value is False:
                false.append(v)
            elif v.value is None:
                unknown.append(v)
        if false:
            return Verdict(False, false[0].why if len(false) == 1 else ev("all", parts=tuple(v.why for v in false)))
        priors = tuple(i for v in verdicts for i in v.matched_priors)
        if unknown:
            needs = tuple(sorted({n for v in unknown for n in v.needs}))
            why = unknown[0].why if len(unknown) == 1 else ev("all", parts=tuple(v.why for v in unknown))
            return Verdict(None, why, needs, priors)
        return Verdict(True, ev("all", parts=tuple(v.why for v in verdicts)), (), priors)

    return check


def _any(parts: Sequence[Condition]) -> Condition:
    def check(facts: Facts) -> Verdict:
        verdicts = [p(facts) for p in parts]
        true = [v for v in verdicts if v.value is True]
        if true:
            priors = tuple(i for v in true for i in v.matched_priors)
            return Verdict(
                True, true[0].why if len(true) == 1 else ev("any", parts=tuple(v.why for v in true)), (), priors
            )
        unknown = [v for v in verdicts if v.value is None]
        if unknown:
            needs = tuple(sorted({n for v in unknown for n in v.needs}))
            return Verdict(
                None, unknown[0].why if len(unknown) == 1 else ev("any", parts=tuple(v.why for v in unknown)), needs
            )
        return Verdict(False, ev("none_of", parts=tuple(v.why for v in verdicts)))

    return check


def _not(part: Condition) -> Condition:
    def check(facts: Facts) -> Verdict:
        v = part(facts)
        if v.value is None:
            return v
        return Verdict(not v.value, ev("not", part=v.why))

    return check


def _numeric(field: str, lo: Decimal | None, hi: Decimal | None) -> Condition:
    span = _fmt_range(lo, hi)

    def check(facts: Facts) -> Verdict:
        value = getattr(facts.incident, field)
        inside = (lo is None or value >= lo) and (hi is None or value <= hi)
        return Verdict(inside, ev("range.in" if inside else "range.out", field=field, value=value, range=span))

    return check


def _capacity(lo: Decimal | None, hi: Decimal | None) -> Condition:
    span = _fmt_range(lo, hi)

    def check(facts: Facts) -> Verdict:
        unit = facts.incident.unit
        value = None if unit is None else unit.capacity_tpy
        if value is None:
            return Verdict(None, ev("field.unknown", field="capacity_tpy"), ("incident.unit.capacity_tpy",))
        inside = (lo is None or value >= lo) and (hi is None or value <= hi)
        return Verdict(inside, ev("range.in" if inside else "range.out", field="capacity_tpy", value=value, range=span))

    return check


def _grade_in(grades: frozenset[Grade]) -> Condition:
    names = tuple(g.value for g in sorted(grades, key=lambda g: g.rank))
    verdicts: dict[Grade, Verdict] = {}  # the verdict of each grade, made once (grades are few)

    def check(facts: Facts) -> Verdict:
        verdict = verdicts.get(facts.grade)
        if verdict is None:
            inside = facts.grade in grades
            why = ev("grade.in" if inside else "grade.out", grade=facts.grade.value, grades=names)
            verdict = verdicts[facts.grade] = Verdict(inside, why)
        return verdict

    return check


def _member(field: str, allowed: frozenset[str]) -> Condition:
    names = tuple(sorted(allowed))

    def check(facts: Facts) -> Verdict:
        value = getattr(facts.incident, field)
        if value is None:
            return Verdict(None, ev("field.unknown", field=field), (f"incident.{field}",))
        inside = value in allowed
        return Verdict(
            inside, ev("member.in" if inside else "member.out", field=field, value=value, values=names)
        )

    return check


def _flags(flags: tuple[str, ...]) -> Condition:
    def check(facts: Facts) -> Verdict:
        missing = [f for f in flags if f not in facts.incident.facts]
        if missing:
            return Verdict(False, ev("flags.missing", flags=tuple(missing)))
        return Verdict(True, ev("flags.all", flags=flags))

    return check


def _prior(window: tuple[str, int], count_min: int, inner: Condition) -> Condition:
    unit, n = window
    inside_window = {
        "within_days": within_days_before,
        "within_months": within_months_before,
        "within_years": within_years_before,
    }[unit]
    label = unit.removeprefix("within_")

    def check(facts: Facts) -> Verdict:
        anchor = facts.incident.day
        hits: list[Incident] = []
        unknown: list[Verdict] = []
        for earlier, grade in facts.history:
            if same_incident(earlier, facts.incident) or not inside_window(earlier.day, anchor, n):
                continue
            v = inner(Facts(earlier, grade, present=facts.incident))
            if v.value is True:
                hits.append(earlier)
            elif v.value is None:
                unknown.append(v)
        if len(hits) >= count_min:
            ids = tuple(i.id or str(i.day) for i in hits)
            why = ev("prior.found", count=len(hits), n=n, unit=label, need=count_min, ids=ids)
            return Verdict(True, why, (), tuple(hits))
        short = ev("prior.short", count=len(hits), n=n, unit=label, need=count_min)
        if len(hits) + len(unknown) >= count_min:
            needs = tuple(sorted({f"history: {x}" for v in unknown for x in v.needs}))
            return Verdict(None, short, needs)
        return Verdict(False, short)

    return check


def same_incident(a: Incident, b: Incident) -> bool:
    """A history entry that is the incident itself listed again: the same object, the same id, or
    the same moment with the same counts (docs/rules.md §3, the 30-day rule)."""
    if a is b:
        return True
    if a.id is not None and b.id is not None:
        return a.id == b.id
    return (
        a.occurred_at == b.occurred_at
        and a.deaths == b.deaths
        and a.serious_injuries == b.serious_injuries
        and a.direct_loss_cny == b.direct_loss_cny
    )


def division_of(incident: Incident) -> str | None:
    """The division an incident is answerable to: a regiment's is its division's; otherwise the
    division named, else the jurisdiction's own name."""
    j = incident.jurisdiction
    if j is None:
        return None
    if j.level == "regiment":
        return j.division
    return j.division or j.name


def _same_division(facts: Facts) -> Verdict:
    """Inside a prior window: the earlier incident is of the present one's division. An entry
    without a jurisdiction is taken as the caller gives the history: the same division."""
    present = facts.present
    assert present is not None, "same_division outside a prior window"
    if facts.incident.jurisdiction is None:
        return Verdict(True, ev("division.assumed"))
    theirs, mine = division_of(facts.incident), division_of(present)
    if theirs is None:
        return Verdict(None, ev("field.unknown", field="division"), ("jurisdiction.division",))
    if mine is None:
        return Verdict(None, ev("field.unknown", field="division"), ("incident.jurisdiction.division",))
    same = theirs == mine
    return Verdict(same, ev("division.same" if same else "division.other", value=theirs, other=mine))


def _unit_name(incident: Incident) -> str | None:
    unit = incident.unit or next((u for u in incident.responsible if u is not None), None)
    return None if unit is None else unit.name


def _same_unit(facts: Facts) -> Verdict:
    """Inside a prior window: the earlier incident happened in the present one's unit (by name)."""
    present = facts.present
    assert present is not None, "same_unit outside a prior window"
    mine, theirs = _unit_name(present), _unit_name(facts.incident)
    if mine is None:
        return Verdict(None, ev("field.unknown", field="unit"), ("incident.unit.name",))
    if theirs is None:
        return Verdict(None, ev("field.unknown", field="unit"), ("unit.name",))
    same = theirs == mine
    return Verdict(same, ev("unit.same" if same else "unit.other", value=theirs, other=mine))


def _report_failure(kinds: frozenset[ReportFailure]) -> Condition:
    """The report failures found (incident.report_failure; a late report by the clock is late)."""
    names = tuple(sorted(kinds))

    def check(facts: Facts) -> Verdict:
        found = set(facts.incident.report_failure)
        if facts.report_late:
            found.add("late")
        hit = tuple(sorted(found & kinds))
        if hit:
            return Verdict(True, ev("report_failure.found", values=hit))
        if "late" in kinds and facts.report_late is None and not facts.incident.report_failure:
            return Verdict(None, facts.report_why, ("incident.reported_at", "incident.report_failure"))
        return Verdict(False, ev("report_failure.none", values=names))

    return check


GRADE_NAMES = frozenset(g.value for g in Grade)
BANDS = ("advanced", "good", "qualified", "unqualified")


def _report_late(expected: bool) -> Condition:
    def check(facts: Facts) -> Verdict:
        if facts.report_late is None:
            return Verdict(None, facts.report_why, ("incident.reported_at",))
        return Verdict(facts.report_late == expected, facts.report_why)

    return check


def _on_assessment(inner: Callable[[Facts, Assessment], Verdict]) -> Condition:
    """A predicate on the assessment block: without one, it does not apply."""

    def check(facts: Facts) -> Verdict:
        if facts.assessment is None:
            return Verdict(False, ev("assessment.none"))
        return inner(facts, facts.assessment)

    return check


def _band(bands: frozenset[str]) -> Condition:
    def check(facts: Facts, _: Assessment) -> Verdict:
        if facts.band is None:
            return Verdict(None, ev("field.unknown", field="score"), ("assessment.score",))
        inside = facts.band in bands
        return Verdict(inside, ev("band.in" if inside else "band.out", band=facts.band, bands=tuple(sorted(bands))))

    return _on_assessment(check)


def _assessed_kind(kinds: frozenset[str]) -> Condition:
    def check(facts: Facts, assessment: Assessment) -> Verdict:
        kind = assessment.unit_kind
        if kind is None:
            return Verdict(None, ev("field.unknown", field="unit_kind"), ("assessment.unit_kind",))
        inside = kind in kinds
        why = ev(
            "member.in" if inside else "member.out", field="unit_kind", value=kind, values=tuple(sorted(kinds))
        )
        return Verdict(inside, why)

    return _on_assessment(check)


def _designated(expected: str) -> Condition:
    def check(facts: Facts, assessment: Assessment) -> Verdict:
        value = assessment.designated
        actual = "unknown" if value is None else ("true" if value else "false")
        return Verdict(actual == expected, ev("designation", value=actual))

    return _on_assessment(check)


def _unknowable(what: str) -> Condition:
    def check(facts: Facts) -> Verdict:
        return Verdict(None, ev("needs.input", fields=(what,)), (what,))

    return check


def _state_owned(expected: bool) -> Condition:
    def check(facts: Facts) -> Verdict:
        unit = facts.incident.responsible[0]
        value = None if unit is None else unit.state_owned
        if value is None:
            return Verdict(None, ev("field.unknown", field="state_owned"), ("incident.unit.state_owned",))
        return Verdict(value == expected, ev("state_owned.yes" if value else "state_owned.no"))

    return check


@_on_assessment
def _assessment_failed(facts: Facts, assessment: Assessment) -> Verdict:
    failed = assessment.failed
    if failed is None and facts.band is not None:
        failed = facts.band == "unqualified"
    if failed is None:
        return Verdict(None, ev("field.unknown", field="failed"), ("assessment.failed",))
    return Verdict(failed, ev("assessment.failed" if failed else "assessment.passed"))


@_on_assessment
def _assessed(facts: Facts, _: Assessment) -> Verdict:
    return Verdict(True, ev("assessment.given"))


def _vetoed(expected: bool) -> Condition:
    def check(facts: Facts, _: Assessment) -> Verdict:
        return Verdict(facts.vetoed == expected, ev("veto.yes" if facts.vetoed else "veto.no"))

    return _on_assessment(check)


def _streak(lo: Decimal | None, hi: Decimal | None) -> Condition:
    def check(facts: Facts, assessment: Assessment) -> Verdict:
        years = assessment.consecutive_advanced_years
        inside = (lo is None or years >= lo) and (hi is None or years <= hi)
        return Verdict(inside, ev("streak.in" if inside else "streak.out", count=years, range=_fmt_range(lo, hi)))

    return _on_assessment(check)


# --------------------------------------------------------------------------- official predicates


def _official(facts: Facts) -> Official:
    assert facts.official is not None, "an official predicate outside a rule with applies_to = official"
    return facts.official


def _official_is(field: str, plural: str, allowed: frozenset[str]) -> Condition:
    """The official's ``field`` (post, status) is one of ``allowed``; says so as ``field.in`` / ``field.out``."""
    label = tuple(sorted(allowed))

    def check(facts: Facts) -> Verdict:
        value = getattr(_official(facts), field)
        inside = value in allowed
        return Verdict(inside, ev(f"{field}.in" if inside else f"{field}.out", **{field: value, plural: label}))

    return check


def _conduct_all(flags: tuple[str, ...]) -> Condition:
    def check(facts: Facts) -> Verdict:
        conduct = _official(facts).conduct
        missing = [f for f in flags if f not in conduct.flags]
        if missing:
            return Verdict(False, ev("conduct.missing", flags=tuple(missing)))
        return Verdict(True, ev("conduct.all", flags=flags))

    return check


def _conduct_any(flags: tuple[str, ...]) -> Condition:
    def check(facts: Facts) -> Verdict:
        conduct = _official(facts).conduct
        shown = [f for f in flags if f in conduct.flags]
        if shown:
            return Verdict(True, ev("conduct.any", flags=tuple(shown)))
        return Verdict(False, ev("conduct.none", flags=flags))

    return check


def _found(patterns: tuple[str, ...]) -> Condition:
    def check(facts: Facts) -> Verdict:
        hits = [r for r in facts.found if any(fnmatch.fnmatchcase(r, p) for p in patterns)]
        if hits:
            return Verdict(True, ev("found.yes", rules=tuple(hits)))
        return Verdict(False, ev("found.none", rules=patterns))

    return check


def _same_accident_type(facts: Facts) -> Verdict:
    present = facts.present
    assert present is not None, "same_accident_type outside a prior window"
    mine, theirs = present.accident_type, facts.incident.accident_type
    if mine is None:
        return Verdict(None, ev("field.unknown", field="accident_type"), ("incident.accident_type",))
    if theirs is None:
        return Verdict(None, ev("field.unknown", field="accident_type"), ("accident_type",))
    same = mine == theirs
    return Verdict(
        same, ev("type.same", value=theirs) if same else ev("type.other", value=theirs, other=mine)
    )


OFFICIAL_PREDICATES = frozenset({"post", "status", "conduct", "conduct_any", "found"})
PRIOR_PREDICATES: dict[str, Condition] = {
    "same_accident_type": _same_accident_type,
    "same_division": _same_division,
    "same_unit": _same_unit,
}
# pseudo conduct flags of a selector's conduct_any, read from the incident: the report failures found
REPORT_FLAGS = {
    "report_late": "late",
    "report_omitted": "omitted",
    "report_false": "false",
    "report_concealed": "concealed",
}


class _Compiler:
    def __init__(self, where: str, vocabulary: Vocabulary, *, official: bool = False) -> None:
        self.where = where
        self.vocabulary = vocabulary  # the codes a table may name: the shared ones and the table's own
        self.official = official  # official predicates are allowed (a rule with applies_to = "official")
        self.found: list[str] = []  # the rule-id patterns its 'found' predicates name (checked on composing)

    def at(self, where: str, *, official: bool = False) -> _Compiler:
        """A compiler for a part of the same table (its own place in messages, the same vocabulary)."""
        return _Compiler(where, self.vocabulary, official=official)

    def codes(self, key: str, value: object, group: str) -> tuple[str, ...]:
        """A non-empty list of codes of the vocabulary's ``group``."""
        return self.names(key, value, self.vocabulary.codes(group))

    def fail(self, message: str) -> TableError:
        return TableError(f"{self.where}: {message}")

    def span(self, key: str, value: object) -> tuple[Decimal | None, Decimal | None]:
        if not isinstance(value, dict) or not value or set(value) - {"min", "max"}:
            raise self.fail(f"'{key}' takes a table with 'min' and/or 'max'")
        bounds: list[Decimal | None] = []
        for end in ("min", "max"):
            raw = value.get(end)
            bounds.append(None if raw is None else self.number(f"{key}.{end}", raw, 0, MAX_FIGURE))
        low, high = bounds
        if low is not None and high is not None and low > high:
            raise self.fail(f"'{key}': min {low} is above max {high}: the condition could never hold")
        return low, high

    def names(self, key: str, value: object, allowed: Iterable[str]) -> tuple[str, ...]:
        allowed_set = frozenset(allowed)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(f"'{key}' takes a non-empty list of names")
        bad = [v for v in value if v not in allowed_set]
        if bad:
            raise self.fail(f"'{key}': unknown value(s) {', '.join(bad)}")
        return tuple(value)

    def number(self, key: str, value: object, low: int, high: int) -> Decimal:
        """A whole or decimal number within [low, high]: a figure beyond is a table error, not a crash later."""
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise self.fail(f"'{key}' must be a number")
        number = Decimal(value)
        if not number.is_finite() or not low <= number <= high:
            raise self.fail(f"'{key}' must be from {low} to {high}, found {number}")
        return number

    def patterns(self, key: str, value: object) -> tuple[str, ...]:
        """Rule ids, ``*`` standing for any text (checked against the regime's rules when it is composed)."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"'{key}' takes a rule id or a non-empty list of rule ids (* for any text)")
        return tuple(value)

    def grade(self, key: str, value: object) -> Grade:
        if not isinstance(value, str) or value not in GRADE_NAMES:
            raise self.fail(f"'{key}' takes a national grade, one of {', '.join(GRADE_NAMES)}")
        return Grade(value)

    def condition(self, spec: object, *, top: bool = True) -> Condition:
        if not isinstance(spec, dict) or not spec:
            raise self.fail("a condition must be a non-empty table")
        parts: list[Condition] = []
        for key, value in spec.items():
            parts.append(self.predicate(key, value, top=top))
        return parts[0] if len(parts) == 1 else _all(parts)

    def predicate(self, key: str, value: object, *, top: bool) -> Condition:
        if key in OFFICIAL_PREDICATES and not self.official:
            raise self.fail(f"'{key}' looks at an official: only in a rule with applies_to = \"official\"")
        if key == "post":
            return _official_is("post", "posts", frozenset(self.codes(key, value, "post")))
        if key == "status":
            return _official_is("status", "statuses", frozenset(self.codes(key, value, "status")))
        if key == "conduct":
            return _conduct_all(self.codes(key, value, "conduct"))
        if key == "conduct_any":
            return _conduct_any(self.codes(key, value, "conduct"))
        if key == "found":
            patterns = self.patterns(key, value)
            self.found.extend(patterns)
            return _found(patterns)
        if key in PRIOR_PREDICATES:
            if value is not True or top:
                raise self.fail(f"'{key}' takes true, inside a 'prior' window")
            return PRIOR_PREDICATES[key]
        if key == "report_failure":
            return _report_failure(frozenset(self.codes(key, value, "report_failure")))
        if key in ("deaths", "serious_injuries", "direct_loss_cny"):
            return _numeric(key, *self.span(key, value))
        if key == "capacity_tpy":
            return _capacity(*self.span(key, value))
        if key == "grade":
            grades = frozenset(Grade(g) for g in self.names(key, value, GRADE_NAMES))
            return _grade_in(grades)
        if key == "grade_at_least":
            lowest = self.grade(key, value)
            return _grade_in(frozenset(g for g in Grade if g.rank >= lowest.rank))
        if key == "grade_at_most":
            highest = self.grade(key, value)
            return _grade_in(frozenset(g for g in Grade if g.rank <= highest.rank))
        if key == "sector":
            return _member(key, frozenset(self.codes(key, value, "sector")))
        if key == "accident_type":
            return _member(key, frozenset(self.codes(key, value, "accident_type")))
        if key == "flags":
            return _flags(self.codes(key, value, "incident_fact"))
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise self.fail(f"'{key}' takes a non-empty list of conditions")
            subs = [self.condition(v, top=top) for v in value]
            return _all(subs) if key == "all" else _any(subs)
        if key == "not":
            return _not(self.condition(value, top=top))
        if key == "report_late":
            if not isinstance(value, bool):
                raise self.fail("'report_late' takes true or false")
            return _report_late(value)
        if key == "band":
            return _band(frozenset(self.names(key, value, BANDS)))
        if key == "assessed_unit_kind":
            return _assessed_kind(frozenset(self.codes(key, value, "unit_kind")))
        if key == "designated":
            if value not in ("true", "false", "unknown"):
                raise self.fail('\'designated\' takes "true", "false" or "unknown"')
            return _designated(str(value))
        if key == "always":
            if value is not True:
                raise self.fail("'always' takes true")
            return _always
        if key == "unknown":
            return _unknowable(_text(self, "unknown", value))
        if key == "unit_state_owned":
            if not isinstance(value, bool):
                raise self.fail("'unit_state_owned' takes true or false")
            return _state_owned(value)
        if key == "assessment_failed":
            if value is not True:
                raise self.fail("'assessment_failed' takes true")
            return _assessment_failed
        if key == "assessed":
            if value is not True:
                raise self.fail("'assessed' takes true")
            return _assessed
        if key == "vetoed":
            if not isinstance(value, bool):
                raise self.fail("'vetoed' takes true or false")
            return _vetoed(value)
        if key == "advanced_streak":
            return _streak(*self.span(key, value))
        if key == "prior":
            if not top:
                raise self.fail("'prior' may not be nested inside another 'prior'")
            return self.prior(value)
        raise self.fail(f"unknown predicate '{key}'")

    def prior(self, value: object) -> Condition:
        if not isinstance(value, dict):
            raise self.fail("'prior' takes a table")
        extra = set(value) - {"within_days", "within_months", "within_years", "count_min", "when"}
        if extra:
            raise self.fail(f"'prior': unknown key(s) {', '.join(sorted(extra))}")
        windows = [k for k in ("within_days", "within_months", "within_years") if k in value]
        if len(windows) != 1:
            raise self.fail("'prior' needs exactly one of within_days, within_months, within_years")
        n = value[windows[0]]
        count_min = value.get("count_min", 1)
        most = {"within_days": 36_600, "within_months": 1_200, "within_years": 100}[windows[0]]
        for name, number, top in ((windows[0], n, most), ("count_min", count_min, 10_000)):
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= top:
                raise self.fail(f"'prior.{name}' must be a whole number from 1 to {top}")
        inner = self.at(self.where).condition(value["when"], top=False) if "when" in value else _always
        return _prior((windows[0], n), count_min, inner)


def _always(facts: Facts) -> Verdict:
    return Verdict(True, ev("always"))


# --------------------------------------------------------------------------- selectors


def role_label(label: str, incident: Incident) -> str:
    """A role as the text names it; ``{city}`` is the incident's city (所在市 when not given)."""
    if "{city}" not in label:
        return label
    j = incident.jurisdiction
    city = None if j is None else (j.city or (j.name if j.level == "city" else None))
    return label.replace("{city}", city or "所在市")


@attrs.frozen
class Selector:
    """Which officials a consequence reaches (a union of alternatives)."""

    label: str
    alternatives: tuple[Alternative, ...]

    @property
    def needs_conduct(self) -> bool:
        return any(a.conduct or a.conduct_any or a.sanctions for a in self.alternatives)

    @property
    def signatories(self) -> bool:
        return any(a.signatory for a in self.alternatives)

    @functools.cached_property
    def screen(self) -> PostScreen:
        return PostScreen(self.alternatives)

    def match(self, official: Official, facts: Facts, priors: Sequence[Incident]) -> Verdict:
        return self.match_all((official,), facts, priors)[0]

    def match_all(self, officials: Sequence[Official], facts: Facts, priors: Sequence[Incident]) -> list[Verdict]:
        """The verdict of each official, in order (the role's label is shown once for the incident)."""
        label = role_label(self.label, facts.incident)
        screen = self.screen
        verdicts = []
        for official in officials:
            refused = screen.refusal(official.post, label)
            verdicts.append(refused if refused is not None else self._match(official, facts, priors, label))
        return verdicts

    def _match(self, official: Official, facts: Facts, priors: Sequence[Incident], label: str) -> Verdict:
        reasons: list[Event] = []
        unknown: list[Verdict] = []
        for alt in self.alternatives:
            v = alt.match(official, facts, priors)
            if v.value is True:
                return v
            if v.value is None:
                unknown.append(v)
            reasons.append(v.why)
        if unknown:
            return Verdict(None, unknown[0].why, tuple(n for v in unknown for n in v.needs))
        return Verdict(False, ev("selector.not", label=label, parts=tuple(reasons)))


class PostScreen:
    """What a selector's alternatives answer from an official's post alone, worked out once per post.

    An alternative that does not read the signatory flag refuses an official whose post it does not name,
    with a reason that depends on the post alone (``post.out``). So an official whose post no alternative
    names is refused without evaluating anything else, with the verdict :meth:`Selector.match` would give
    (the alternatives' reasons in order, under the role's label), kept per post and label; and an
    alternative refuses by post without making its reason again. Posts are a closed vocabulary and a
    label varies only with the incident's city: the memo is small, and emptied past MEMO_MAX verdicts.
    """

    MEMO_MAX = 4096

    def __init__(self, alternatives: Sequence[Alternative]) -> None:
        self.alternatives = tuple(alternatives)
        self.named = frozenset(p for a in alternatives for p in a.posts)
        self.signatory = any(a.signatory for a in alternatives)
        self._refusals: dict[tuple[Post, str], Verdict] = {}

    def refusal(self, post: Post, label: str) -> Verdict | None:
        """The verdict refusing an official of ``post`` (``label``: the role as shown for the incident);
        None when an alternative may accept them."""
        if self.signatory or post in self.named:
            return None
        refused = self._refusals.get((post, label))
        if refused is None:
            if len(self._refusals) >= self.MEMO_MAX:
                self._refusals.clear()
            reasons = tuple(a.post_out(post).why for a in self.alternatives)
            refused = self._refusals[post, label] = Verdict(False, ev("selector.not", label=label, parts=reasons))
        return refused


@attrs.frozen
class Alternative:
    posts: frozenset[Post]
    portfolio: str | None = None
    conduct: tuple[str, ...] = ()
    responsible_unit: bool = False
    conduct_any: tuple[str, ...] = ()
    signatory: bool = False
    unit_kinds: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    assessed_unit_kinds: frozenset[str] = frozenset()
    sanctions: frozenset[str] = frozenset()

    @functools.cached_property
    def posts_label(self) -> tuple[str, ...]:
        return tuple(sorted(self.posts))

    @functools.cached_property
    def _post_outs(self) -> dict[Post, Verdict]:
        return {}

    def post_out(self, post: Post) -> Verdict:
        """The refusal of an official whose post this alternative does not name (made once per post)."""
        verdict = self._post_outs.get(post)
        if verdict is None:
            verdict = self._post_outs[post] = Verdict(False, ev("post.out", post=str(post), posts=self.posts_label))
        return verdict

    def match(self, official: Official, facts: Facts, priors: Sequence[Incident]) -> Verdict:
        if self.signatory:
            if official.signatory:
                return Verdict(True, ev("signatory.yes"))
            if facts.signatories_flagged:
                return Verdict(False, ev("signatory.no"))
            kind = facts.assessment.unit_kind if facts.assessment else None
            if not self.posts or (self.unit_kinds and (kind is None or kind not in self.unit_kinds)):
                return Verdict(False, ev("signatory.no_fallback"))
        if official.post not in self.posts:
            return self.post_out(official.post)
        if self.levels:
            j = facts.incident.jurisdiction
            level = official.level or (None if j is None else j.level)
            if level is None:
                return Verdict(None, ev("field.unknown", field="level"), (f"officials[{official.id}].level",))
            if level not in self.levels:
                return Verdict(False, ev("level.out", value=level, values=tuple(sorted(self.levels))))
        if self.assessed_unit_kinds:
            kind = facts.assessment.unit_kind if facts.assessment else None
            if kind is None:
                return Verdict(None, ev("field.unknown", field="unit_kind"), ("assessment.unit_kind",))
            if kind not in self.assessed_unit_kinds:
                why = ev(
                    "member.out", field="unit_kind", value=kind, values=tuple(sorted(self.assessed_unit_kinds))
                )
                return Verdict(False, why)
        if self.sanctions and not set(official.proposed_discipline) & self.sanctions:
            return Verdict(False, ev("sanction.none", values=tuple(sorted(self.sanctions))))
        if self.responsible_unit and official.unit is not None:
            names = [None if u is None else u.name for u in facts.incident.responsible]
            if official.unit not in names:
                if None in names:
                    return Verdict(
                        None, ev("field.unknown", field="responsible_unit"), ("incident.responsible_unit.name",)
                    )
                listed = "、".join(n for n in names if n is not None)
                return Verdict(False, ev("unit.not_responsible", unit=official.unit, responsible=listed))
        if self.portfolio is not None:
            incidents = [facts.incident]
            if self.portfolio == "incident_or_prior_sector":
                incidents.extend(priors)
            sectors = [i.sector for i in incidents]
            if any(s is not None and s in official.portfolio for s in sectors):
                pass
            elif any(s is None for s in sectors):
                return Verdict(None, ev("field.unknown", field="sector"), ("incident.sector",))
            else:
                wanted = tuple(sorted({s for s in sectors if s is not None}))
                return Verdict(False, ev("portfolio.out", sectors=wanted))
        missing = [c for c in self.conduct if c not in official.conduct.flags]
        if missing:
            return Verdict(False, ev("conduct.missing", flags=tuple(missing)))
        if self.conduct_any:
            shown = [c for c in self.conduct_any if c not in REPORT_FLAGS and c in official.conduct.flags]
            if shown:
                return Verdict(True, ev("selector.post_conduct", post=official.post, flags=tuple(shown)))
            asked = {REPORT_FLAGS[c] for c in self.conduct_any if c in REPORT_FLAGS}
            stated = asked & set(facts.incident.report_failure)
            if stated:
                values = tuple(sorted(stated))
                return Verdict(True, ev("selector.post_report", post=official.post, values=values))
            if "report_late" in self.conduct_any:
                if facts.report_late:
                    return Verdict(True, ev("selector.post_late", post=official.post, report=facts.report_why))
                if facts.report_late is None:
                    return Verdict(None, facts.report_why, ("incident.reported_at",))
            return Verdict(False, ev("conduct.none", flags=self.conduct_any))
        return Verdict(True, ev("selector.post", post=official.post))


PORTFOLIO_MODES = ("incident_sector", "incident_or_prior_sector")


def _selector(c: _Compiler, name: str, spec: object) -> Selector:
    if not isinstance(spec, dict):
        raise c.fail(f"selector '{name}' must be a table")
    label = spec.get("label")
    if not isinstance(label, str) or not label:
        raise c.fail(f"selector '{name}' needs a 'label' (the role as the text names it)")
    alts_spec: list[object] = spec["any"] if "any" in spec else [{k: v for k, v in spec.items() if k != "label"}]
    if "any" in spec and set(spec) - {"label", "any"}:
        raise c.fail(f"selector '{name}': 'any' cannot be combined with other keys")
    if not isinstance(alts_spec, list) or not alts_spec:
        raise c.fail(f"selector '{name}': 'any' takes a non-empty list")
    alternatives = []
    for alt in alts_spec:
        if not isinstance(alt, dict):
            raise c.fail(f"selector '{name}': each alternative must be a table")
        extra = set(alt) - {
            "post",
            "portfolio",
            "conduct",
            "unit",
            "conduct_any",
            "signatory",
            "unit_kind",
            "level",
            "assessed_unit_kind",
            "sanction_any",
        }
        if extra:
            raise c.fail(f"selector '{name}': unknown key(s) {', '.join(sorted(extra))}")
        if "post" not in alt and not alt.get("signatory"):
            raise c.fail(f"selector '{name}': each alternative needs 'post'")
        portfolio = alt.get("portfolio")
        if portfolio is not None and portfolio not in PORTFOLIO_MODES:
            raise c.fail(f"selector '{name}': 'portfolio' is one of {', '.join(PORTFOLIO_MODES)}")
        unit = alt.get("unit")
        if unit is not None and unit != "responsible":
            raise c.fail(f"selector '{name}': 'unit' can only be \"responsible\"")
        alternatives.append(
            Alternative(
                posts=frozenset(c.codes("post", alt["post"], "post"))
                if "post" in alt
                else frozenset(),
                conduct_any=c.names("conduct_any", alt["conduct_any"], (*c.vocabulary.codes("conduct"), *REPORT_FLAGS))
                if "conduct_any" in alt
                else (),
                signatory=alt.get("signatory") is True,
                unit_kinds=frozenset(c.codes("unit_kind", alt["unit_kind"], "unit_kind"))
                if "unit_kind" in alt
                else frozenset(),
                levels=frozenset(c.codes("level", alt["level"], "level"))
                if "level" in alt
                else frozenset(),
                assessed_unit_kinds=frozenset(
                    c.codes("assessed_unit_kind", alt["assessed_unit_kind"], "unit_kind")
                )
                if "assessed_unit_kind" in alt
                else frozenset(),
                sanctions=frozenset(c.codes("sanction_any", alt["sanction_any"], "sanction"))
                if "sanction_any" in alt
                else frozenset(),
                portfolio=portfolio,
                conduct=c.codes("conduct", alt["conduct"], "conduct") if "conduct" in alt else (),
                responsible_unit=unit == "responsible",
            )
        )
    return Selector(label=label, alternatives=tuple(alternatives))


# --------------------------------------------------------------------------- rules


@attrs.frozen
class TargetSpec:
    """Where a consequence lands: officials by selector, or a unit, jurisdiction or named role."""

    type: TargetType
    selector: Selector | None = None
    name: str | None = None
    of: str | None = None  # for unit / jurisdiction: "site", "responsible", "incident"


@attrs.frozen
class ConsequenceSpec:
    kind: Kind
    modality: Modality
    target: TargetSpec
    cite: tuple[str, ...]
    when: Condition | None = None
    by: str | None = None
    to: tuple[str, ...] | None = None
    scope: str | None = None
    effects: tuple[str, ...] | None = None
    period: str | None = None
    notes: tuple[Event, ...] = ()
    amount: Decimal | None = None
    amount_range: tuple[Decimal, Decimal] | None = None
    rate: Decimal | None = None
    rate_range: tuple[Decimal, Decimal] | None = None
    split: bool = False
    due_days: int | None = None
    sanction: str | None = None
    ban_years: int | None = None
    lifelong: bool = False
    by_designation: bool = False
    # per official (applies_to = "official"): the proposed range on a ladder of the table, who decides
    # when the heaviest form of the range is a light one, one consequence per proposed sanction, and a
    # consequence that follows only when another rule's range reaches a form
    form_range: bool = False
    ladder: str | None = None
    by_light: tuple[frozenset[Form], str] | None = None
    for_each: str | None = None
    reaches_form: ReachesForm | None = None


@attrs.frozen
class ReachesForm:
    """The consequence follows when the range of ``rule``'s consequence reaches ``form`` (or heavier):
    must when its lightest form does (or a proposed sanction removes from post), may when only its
    heaviest does."""

    rule: str
    form: Form
    or_removing_sanction: bool


@attrs.frozen
class Modifier:
    """A rule that acts on another rule's consequence (RULES: 从重, 从轻/减轻, 顶格).

    ``rule`` names the rule whose consequences it modifies (None: every rule's, by ``kinds``);
    ``direction`` is "heavier" or "lighter": two modifiers pulling opposite ways on one
    consequence are a conflict, left to the deciding authority.
    """

    rule: str | None
    kinds: frozenset[Kind]
    direction: str
    drop_lightest: bool = False
    lower_by: int = 0
    modality: Modality | None = None
    upper_limit: bool = False
    # the forms lower_by makes available are discretionary: the consequence keeps its modality and
    # names them (discretionary_forms), which the authority may but need not use
    discretionary: bool = False


@attrs.frozen
class Defeat:
    """An exception: for the official it applies to, defeats the consequences of the rules it names
    (patterns, ``*`` for any text) whose priority is below its own; they are listed as removed."""

    rules: tuple[str, ...]
    priority: int
    exempts: bool
    why: Event


@attrs.frozen
class Rule:
    id: str
    table: str
    summary: str
    citations: Mapping[str, Citation]
    effective_from: pendulum.Date
    effective_to: pendulum.Date | None
    when: Condition
    consequences: tuple[ConsequenceSpec, ...]
    note: Event | None = None
    reading: str | None = None
    applies_to: str = "incident"
    requires: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    modify: Modifier | None = None
    exception: Defeat | None = None
    priority: int = 0
    found: tuple[str, ...] = ()  # the rule ids its conditions' 'found' name
    encoded: tuple[tuple[str, str], ...] = ()  # (key, TOML text) of what the row encodes, for the pages

    @property
    def primary(self) -> Citation:
        return next(iter(self.citations.values()))

    @property
    def date_unknown(self) -> bool:
        return self.effective_from == UNKNOWN_START

    def in_force(self, day: pendulum.Date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@attrs.frozen
class AssessmentScale:
    """The score bands of an annual assessment, highest first, each including its lower bound."""

    bands: tuple[tuple[str, Decimal], ...]
    eligible: frozenset[str]
    citations: Mapping[str, Citation]
    publication_assumed: str | None = None  # "end_of_february_next_year": the text's deadline, without published_on

    def band(self, score: Decimal) -> str:
        for name, lowest in self.bands:
            if score >= lowest:
                return name
        return self.bands[-1][0]


@attrs.frozen
class Verdicts:
    """How a table's rules give each official's verdict (``[accountability]``): accountable when
    ``decided_by`` gave its consequence; not in scope (null) when none of ``in_scope`` applied;
    undecided (null) when one of ``undecided`` applied; otherwise not accountable."""

    decided_by: str
    in_scope: tuple[str, ...]
    undecided: tuple[str, ...] = ()


@attrs.frozen
class Document:
    """A document a table quotes (``[documents.KEY]``): its source text, title and, where the text
    gives them, its 文号 (``number``), issuer, date of issue and date of effect. ``effective_from`` is
    ``None`` when it is unknown (``"unknown"`` in the table, with a ``reading``) or not stated."""

    source: str
    title: str
    number: str | None = None
    issuer: str | None = None
    issued_on: pendulum.Date | None = None
    effective_from: pendulum.Date | None = None
    effective_unknown: bool = False
    reading: str | None = None


PLACE_SYSTEMS = ("local", "xpcc", "nationwide")
PLACE_KEYS = keys_of(PlaceRow)


@attrs.frozen
class Place:
    """One place a table governs: every key given must match the incident's jurisdiction.

    ``system`` is ``local`` (default), ``xpcc`` or ``nationwide``; ``province`` / ``city`` / ``county``
    name the area; ``body`` names a body whose own system the table governs (e.g. a city's economy
    and IT commission), under each of its names."""

    system: str = "local"
    province: str | None = None
    city: str | None = None
    county: str | None = None
    body: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.system == "nationwide":
            return "全国"
        parts = [p for p in (self.province, self.city, self.county) if p]
        if self.body:
            parts.append(self.body[0] + "（本系统）")
        if self.system == "xpcc":
            parts.insert(0, "新疆生产建设兵团")
        return " ".join(parts)


@attrs.frozen
class Governs:
    """Where and from when a table governs (``[table.governs]``). ``start`` is ``None`` when the
    documents give no date of effect: the table governs whatever the accident's date."""

    places: tuple[Place, ...]
    start: pendulum.Date | None
    reading: str | None = None


@attrs.frozen
class Table:
    name: str
    title: str
    includes: tuple[str, ...]
    jurisdiction_label: str
    rules: tuple[Rule, ...]
    sha256: str
    documents: Mapping[str, Document] = attrs.Factory(dict)
    governs: Governs | None = None
    assessment: AssessmentScale | None = None
    duties: tuple[Duty, ...] = ()
    sanctions: Mapping[Sanction, SanctionRule] = attrs.Factory(dict)
    ladders: Mapping[str, tuple[Form, ...]] = attrs.Factory(dict)
    verdicts: Verdicts | None = None
    grading: GradingScheme | None = None
    death_bands: DeathBands | None = None
    answerable: Mapping[str, str] = attrs.Factory(dict)  # jurisdiction level → the level that answers for it
    # the vocabulary the table was checked against: the shared terms (or a user folder's) and the table's own
    vocabulary: Vocabulary = attrs.field(factory=shared_vocabulary, eq=False)


RULE_KEYS = set(keys_of(RuleRow))
CONSEQUENCE_KEYS = set(keys_of(ConsequenceRow))
PERIODS = ("accident_year", "from_decision", "from_publication", "sanction", "longest_sanction")
TARGET_OF = ("site", "responsible", "incident", "assessed", "city", "county", "township")
APPLIES_TO = ("incident", "assessment", "official")
MAX_FIGURE = 10**12  # the largest figure a table may write (a trillion CNY): beyond it is a table error


UNKNOWN_START = pendulum.Date(1900, 1, 1)


def _date(c: _Compiler, key: str, value: object) -> pendulum.Date:
    import datetime as dt

    if key == "effective_from" and value == "unknown":
        return UNKNOWN_START

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    raise c.fail(f"'{key}' must be a TOML date (YYYY-MM-DD)")


def _text(c: _Compiler, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise c.fail(f"'{key}' must be non-empty text")
    return value


def _ztext(c: _Compiler, key: str, value: object) -> Event:
    """A text a table writes for people: one text, or { zh = "…", en = "…" } (shown by --lang)."""
    if isinstance(value, dict):
        if set(value) != {"zh", "en"}:
            raise c.fail(f'\'{key}\' is a text or {{ zh = "…", en = "…" }}')
        return ev("note.table", zh=_text(c, f"{key}.zh", value["zh"]), en=_text(c, f"{key}.en", value["en"]))
    text = _text(c, key, value)
    return ev("note.table", zh=text, en=text)


def _list(c: _Compiler, key: str, value: object) -> list[object]:
    if not isinstance(value, list) or not value:
        raise c.fail(f"'{key}' must be a non-empty list")
    return value


def _texts(c: _Compiler, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise c.fail(f"'{key}' must be a list of texts")
    return tuple(value)


def parse_table(
    name: str, text: str, *, filename: str | None = None, vocabulary: Vocabulary | None = None
) -> Table:
    """Parse and check one table against ``vocabulary`` (default: the shared one) plus the terms the
    table adds (``[vocabulary.GROUP]``). Raises :class:`TableError` naming the file and rule."""
    where = filename or f"{name}.toml"
    try:
        data = _TOML_READER[0](text)
    except tomllib.TOMLDecodeError as exc:
        raise TableError(f"{where}: not valid TOML: {exc}") from None
    base = vocabulary or shared_vocabulary()
    try:
        own = base.extended(data["vocabulary"], f"{where}: [vocabulary]") if "vocabulary" in data else base
    except VocabularyError as exc:
        raise TableError("\n".join(exc.problems)) from None
    c = _Compiler(where, own)
    shape = shape_problems(data)  # the typed rows (tableformat): keys and kinds of value, all at once
    if shape:
        raise TableError("\n".join(f"{where}: {path}: {message}" for path, message in shape))
    meta = data.get("table")
    if not isinstance(meta, dict):
        raise c.fail("missing [table] with name and title")
    if meta.get("name") != name:
        raise c.fail(f"[table] name must be '{name}' (the file's name)")
    title = _text(c, "table.title", meta.get("title"))
    includes = _texts(c, "table.includes", meta.get("includes", []))
    jurisdiction_label = _text(c, "table.jurisdiction_label", meta.get("jurisdiction_label", "事故所在地"))
    governs = _governs(c.at(f"{where}: [table.governs]"), meta["governs"]) if "governs" in meta else None

    raw_documents = data.get("documents", {})
    if not isinstance(raw_documents, dict):
        raise c.fail("'documents' must be tables ([documents.KEY])")
    problems: list[str] = []

    def attempt(where_: str, build: Callable[[], T]) -> T | None:
        """Run one part of the loading; a problem is kept (every problem of a table is said at once)."""
        try:
            return build()
        except TableError as exc:
            problems.append(str(exc))
        except (TypeError, ValueError, KeyError, AttributeError, decimal.InvalidOperation) as exc:
            problems.append(f"{where_}: malformed ({type(exc).__name__}: {exc})")
        return None

    documents: dict[str, Document] = {}
    for key, doc in raw_documents.items():
        dc = c.at(f"{where}: document '{key}'")
        loaded = attempt(dc.where, functools.partial(_document, dc, doc))
        if loaded is not None:
            documents[key] = loaded

    selectors: dict[str, Selector] = {}
    raw_selectors = data.get("selectors", {})
    for key, spec in raw_selectors.items() if isinstance(raw_selectors, dict) else ():
        sc = c.at(f"{where}: selector '{key}'")
        made = attempt(sc.where, functools.partial(_selector, sc, key, spec))
        if made is not None:
            selectors[key] = made

    rules: list[Rule] = []
    eras: dict[str, list[Rule]] = {}
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise c.fail("'rule' must be an array of tables ([[rule]])")
    far = pendulum.Date(9999, 12, 31)
    for index, raw in enumerate(raw_rules):
        rid = raw.get("id") if isinstance(raw, dict) else None
        rc = c.at(f"{where}: rule {rid!r}" if isinstance(rid, str) else f"{where}: rule #{index + 1}")
        if not isinstance(rid, str) or not rid:
            problems.append(str(rc.fail("every rule needs an 'id'")))
            continue
        rule = attempt(rc.where, functools.partial(_rule, rc, name, rid, raw, documents, selectors))
        if rule is None:
            continue
        overlapping = [
            o
            for o in eras.get(rid, [])
            if rule.effective_from <= (o.effective_to or far) and o.effective_from <= (rule.effective_to or far)
        ]
        if overlapping:
            other = overlapping[0]
            problems.append(
                str(
                    rc.fail(
                        f"duplicate rule id: its era {rule.effective_from}–{rule.effective_to or ''} overlaps "
                        f"{other.effective_from}–{other.effective_to or ''}"
                    )
                )
            )
            continue
        eras.setdefault(rid, []).append(rule)
        rules.append(rule)
    for rid, rows in eras.items():
        open_ended = [r for r in rows if r.effective_to is None]
        if len(rows) > 1 and open_ended and open_ended[0].effective_from < max(r.effective_from for r in rows):
            problems.append(str(c.fail(f"rule {rid!r}: only the latest era may be open-ended")))

    def cite(w: str, raw: object) -> dict[str, Citation]:
        return _citations(c.at(f"{c.where}: {w}"), raw, documents)

    sanctions: Mapping[Sanction, SanctionRule] = {}
    if "sanction" in data:
        from .sanctions import parse_sanctions

        sanctions = (
            attempt(f"{where}: [[sanction]]", lambda: parse_sanctions(data["sanction"], cite, c.fail, c.vocabulary))
            or {}
        )
    ladders = attempt(
        f"{where}: [ladders]", lambda: _ladders(c.at(f"{where}: [ladders]"), data.get("ladders", {}))
    )
    verdicts = None
    if "accountability" in data:
        verdicts = attempt(
            f"{where}: [accountability]",
            lambda: _verdicts(c.at(f"{where}: [accountability]"), data["accountability"]),
        )
    grading = death_bands = None
    if "grading" in data:
        gc = c.at(f"{where}: [grading]")
        grading = attempt(
            gc.where,
            lambda: parse_grading(gc, data["grading"], _citations(gc, dict(data["grading"]).get("cite"), documents)),
        )
    if "death_bands" in data:
        bc = c.at(f"{where}: [death_bands]")
        raw_bands = data["death_bands"]
        death_bands = attempt(
            bc.where, lambda: parse_death_bands(bc, raw_bands, _citations(bc, dict(raw_bands).get("cite"), documents))
        )
    answerable: Mapping[str, str] = {}
    if "answerable" in data:
        answerable = (
            attempt(
                f"{where}: [answerable]",
                lambda: _answerable(c.at(f"{where}: [answerable]"), data["answerable"], documents),
            )
            or {}
        )
    from .duties import parse_duties

    duties = (
        attempt(f"{where}: [[duty]]", lambda: parse_duties(data["duty"], cite, c.fail, c.vocabulary))
        if "duty" in data
        else ()
    )
    scale = None
    if "assessment" in data:
        scale = attempt(
            f"{where}: [assessment]", lambda: _scale(c.at(f"{where}: [assessment]"), data["assessment"], documents)
        )
    if governs is not None and not problems:
        attempt(
            f"{where}: [table.governs]", lambda: _check_governs(c.at(f"{where}: [table.governs]"), governs, rules)
        )
    if problems:
        raise TableError("\n".join(problems))
    return Table(
        name=name,
        title=title,
        includes=includes,
        jurisdiction_label=jurisdiction_label,
        rules=tuple(rules),
        sanctions=sanctions,
        ladders=ladders or {},
        verdicts=verdicts,
        grading=grading,
        death_bands=death_bands,
        answerable=answerable,
        assessment=scale,
        duties=duties or (),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        documents=documents,
        governs=governs,
        vocabulary=c.vocabulary,
    )


def _answerable(c: _Compiler, raw: object, documents: Mapping[str, Document]) -> dict[str, str]:
    """``[answerable]``: which level answers for an accident at another (事故所在师: a regiment's, its division)."""
    if not isinstance(raw, dict) or "cite" not in raw:
        raise c.fail('names levels (regiment = "division") and quotes the text that says so ([[answerable.cite]])')
    _citations(c, raw["cite"], documents)
    out = {}
    for level, by in raw.items():
        if level == "cite":
            continue
        if (level, by) != ("regiment", "division"):
            raise c.fail('only regiment = "division" is known (the jurisdiction names its division)')
        out[str(level)] = str(by)
    return out


DOCUMENT_KEYS = set(keys_of(DocumentRow))


def _document(c: _Compiler, raw: object) -> Document:
    """``[documents.KEY]``: ``source`` and ``title``; optionally ``number`` (文号), ``issuer``,
    ``issued_on`` and ``effective_from`` (TOML dates; ``effective_from = "unknown"`` needs a
    ``reading`` saying what the text gives)."""
    if not isinstance(raw, dict) or not {"source", "title"} <= set(raw):
        optional = ", ".join(sorted(DOCUMENT_KEYS - {"source", "title"}))
        raise c.fail(f"a document has 'source' and 'title' (and optionally {optional})")
    extra = set(raw) - DOCUMENT_KEYS
    if extra:
        raise c.fail(f"unknown key(s) {', '.join(sorted(extra))}")
    issued_on = _date(c, "issued_on", raw["issued_on"]) if "issued_on" in raw else None
    unknown = raw.get("effective_from") == "unknown"
    effective_from = None
    if "effective_from" in raw and not unknown:
        effective_from = _date(c, "effective_from", raw["effective_from"])
    reading = _text(c, "reading", raw["reading"]) if "reading" in raw else None
    if unknown and reading is None:
        raise c.fail("'effective_from' is \"unknown\": give a 'reading' saying what the text gives")
    if issued_on is not None and effective_from is not None and effective_from < issued_on:
        raise c.fail(f"'effective_from' {effective_from} is before 'issued_on' {issued_on}")
    return Document(
        source=_text(c, "source", raw["source"]),
        title=_text(c, "title", raw["title"]),
        number=_text(c, "number", raw["number"]) if "number" in raw else None,
        issuer=_text(c, "issuer", raw["issuer"]) if "issuer" in raw else None,
        issued_on=issued_on,
        effective_from=effective_from,
        effective_unknown=unknown,
        reading=reading,
    )


def _governs(c: _Compiler, raw: object) -> Governs:
    """``[table.governs]``: ``places`` (a list of places), ``from`` (a TOML date, or ``"unknown"``
    with a ``reading``) and optionally ``reading``."""
    if not isinstance(raw, dict) or not {"places", "from"} <= set(raw) <= {"places", "from", "reading"}:
        raise c.fail("has 'places' (a list of places), 'from' (a date or \"unknown\") and optionally 'reading'")
    places_raw = raw["places"]
    if not isinstance(places_raw, list) or not places_raw:
        raise c.fail("'places' must be a non-empty list of places, e.g. [{ province = \"云南省\" }]")
    places = []
    for spec in places_raw:
        if not isinstance(spec, dict) or not spec or set(spec) - set(PLACE_KEYS):
            raise c.fail(f"a place is a table of {', '.join(PLACE_KEYS)}; found {spec!r}")
        system = spec.get("system", "local")
        if system not in PLACE_SYSTEMS:
            raise c.fail(f"a place's 'system' is one of {', '.join(PLACE_SYSTEMS)}; found {system!r}")
        names = {k: _text(c, f"places.{k}", spec[k]) for k in ("province", "city", "county") if k in spec}
        body: tuple[str, ...] = ()
        if "body" in spec:
            body = (
                (_text(c, "places.body", spec["body"]),)
                if isinstance(spec["body"], str)
                else _texts(c, "places.body", spec["body"])
            )
            if not body:
                raise c.fail("'places.body' names at least one body")
        if system == "nationwide" and (names or body):
            raise c.fail("a nationwide place names no province, city, county or body")
        if system != "nationwide" and not (names or body or system == "xpcc"):
            raise c.fail("a local place names a province, city, county or body")
        places.append(Place(system=system, body=body, **names))
    reading = _text(c, "reading", raw["reading"]) if "reading" in raw else None
    if raw["from"] == "unknown":
        if reading is None:
            raise c.fail("'from' is \"unknown\": give a 'reading' saying what the texts give")
        return Governs(places=tuple(places), start=None, reading=reading)
    return Governs(places=tuple(places), start=_date(c, "from", raw["from"]), reading=reading)


def _check_governs(c: _Compiler, governs: Governs, rules: Sequence[Rule]) -> None:
    """The table governs from the day its first rule is in force (or, undated, as its rules are)."""
    if not rules:
        return
    dated = [r.effective_from for r in rules if not r.date_unknown]
    if governs.start is None:
        if dated:
            raise c.fail(f"'from' is \"unknown\" but rules of the table are in force from {min(dated)}")
        return
    if not dated:
        raise c.fail(f"'from' is {governs.start} but the table's rules give no date of effect (\"unknown\")")
    if min(dated) != governs.start:
        raise c.fail(f"'from' {governs.start} is not the day its first rule is in force ({min(dated)})")


def _ladders(c: _Compiler, raw: object) -> dict[str, tuple[Form, ...]]:
    """Named ladders of forms, lightest first (a form range is read on one)."""
    if not isinstance(raw, dict):
        raise c.fail("takes named lists of forms, lightest first")
    out = {}
    for name, forms in raw.items():
        names = c.codes(name, forms, "form")
        if len(set(names)) != len(names):
            raise c.fail(f"'{name}' lists a form twice")
        out[name] = names
    return out


def _verdicts(c: _Compiler, raw: object) -> Verdicts:
    if not isinstance(raw, dict) or not {"decided_by", "in_scope"} <= set(raw) <= {
        "decided_by",
        "in_scope",
        "undecided",
    }:
        raise c.fail("has 'decided_by' (a rule id), 'in_scope' (rule ids) and optionally 'undecided' (rule ids)")
    return Verdicts(
        decided_by=_text(c, "decided_by", raw["decided_by"]),
        in_scope=c.patterns("in_scope", raw["in_scope"]),
        undecided=c.patterns("undecided", raw["undecided"]) if "undecided" in raw else (),
    )


def _rule(
    c: _Compiler,
    table: str,
    rid: str,
    raw: dict[str, Any],
    documents: Mapping[str, Document],
    selectors: Mapping[str, Selector],
) -> Rule:
    extra = set(raw) - RULE_KEYS
    if extra:
        raise c.fail(f"unknown key(s) {', '.join(sorted(extra))}")
    citations = _citations(c, raw.get("cite"), documents)
    effective_from = _date(c, "effective_from", raw.get("effective_from"))
    effective_to = _date(c, "effective_to", raw["effective_to"]) if "effective_to" in raw else None
    if effective_to is not None and effective_to < effective_from:
        raise c.fail(f"'effective_to' {effective_to} is before 'effective_from' {effective_from}")
    applies_to = _applies_to(c, raw.get("applies_to", "incident"))
    official = applies_to == "official"
    if "when" not in raw:
        raise c.fail("missing 'when' (the rule's condition)")
    compiler = c.at(c.where, official=official)
    when = compiler.condition(raw["when"])
    specs = tuple(
        _consequence(compiler, item, citations, selectors, official=official) for item in raw.get("consequence", [])
    )
    note = _ztext(c, "note", raw["note"]) if "note" in raw else None
    modify = _modifier(c, raw["modify"]) if "modify" in raw else None
    exception = _defeat(c, raw["exception"]) if "exception" in raw else None
    gates = {key: c.patterns(key, raw[key]) if key in raw else () for key in ("requires", "unless")}
    if (gates["requires"] or gates["unless"]) and not official:
        raise c.fail("'requires' and 'unless' name rules applied to an official: only with applies_to = \"official\"")
    if exception is not None and not official:
        raise c.fail("an 'exception' defeats consequences for an official: only with applies_to = \"official\"")
    if modify is not None and modify.rule is not None and not official:
        raise c.fail("a 'modify' naming a rule acts per official: only with applies_to = \"official\"")
    if not specs and note is None and modify is None and exception is None and not official:
        raise c.fail("a rule needs at least one [[rule.consequence]], a 'note', a 'modify' or an 'exception'")
    priority = raw.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int) or not -1000 <= priority <= 1000:
        raise c.fail("'priority' must be a whole number from -1000 to 1000")
    return Rule(
        id=rid,
        table=table,
        summary=_text(c, "summary", raw.get("summary")),
        citations=citations,
        effective_from=effective_from,
        effective_to=effective_to,
        when=when,
        consequences=specs,
        note=note,
        reading=_text(c, "reading", raw["reading"]) if "reading" in raw else None,
        applies_to=applies_to,
        requires=gates["requires"],
        unless=gates["unless"],
        modify=modify,
        exception=exception,
        priority=priority,
        found=tuple(compiler.found),
        encoded=tuple((k, toml_inline(raw[k])) for k in ENCODED_KEYS if k in raw),
    )


ENCODED_KEYS = ("applies_to", "requires", "unless", "when", "modify", "exception", "priority", "consequence")


def toml_inline(value: object) -> str:
    """A value of a table, written back as inline TOML (conditions and consequences are data: shown as such)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_inline(v) for v in value) + "]"
    return str(value)


MODIFY_KEYS = set(keys_of(ModifyRow))


def _modifier(c: _Compiler, raw: object) -> Modifier:
    if not isinstance(raw, dict):
        raise c.fail("'modify' must be a table")
    extra = set(raw) - MODIFY_KEYS
    if extra:
        raise c.fail(f"modify: unknown key(s) {', '.join(sorted(extra))}")
    target = raw.get("rule")
    if target is not None and (not isinstance(target, str) or not target):
        raise c.fail("modify: 'rule' is the id of the rule whose consequence it modifies")
    kinds = frozenset(c.codes("modify.kinds", raw.get("kinds", ["accountability"]), "kind"))
    direction = raw.get("direction")
    if direction not in ("heavier", "lighter"):
        raise c.fail('modify: \'direction\' is "heavier" or "lighter"')
    flags = {}
    for key in ("drop_lightest", "upper_limit", "discretionary"):
        value = raw.get(key, False)
        if not isinstance(value, bool):
            raise c.fail(f"modify: '{key}' is true or false")
        flags[key] = value
    lower_by = raw.get("lower_by", 0)
    if isinstance(lower_by, bool) or not isinstance(lower_by, int) or not 0 <= lower_by <= 20:
        raise c.fail("modify: 'lower_by' is a whole number of forms from 0 to 20")
    modality = raw.get("modality")
    if modality is not None and modality not in {m.value for m in Modality}:
        raise c.fail(f"modify: 'modality' is must or may, found {modality!r}")
    if not (flags["drop_lightest"] or flags["upper_limit"] or lower_by or modality):
        raise c.fail("modify: says nothing to do (drop_lightest, lower_by, modality or upper_limit)")
    if flags["discretionary"] and not lower_by:
        raise c.fail("modify: 'discretionary' marks the forms lower_by makes available: it needs lower_by")
    return Modifier(
        rule=target,
        kinds=kinds,
        direction=str(direction),
        drop_lightest=flags["drop_lightest"],
        lower_by=lower_by,
        modality=None if modality is None else Modality(modality),
        upper_limit=flags["upper_limit"],
        discretionary=flags["discretionary"],
    )


def _defeat(c: _Compiler, raw: object) -> Defeat:
    if not isinstance(raw, dict) or not set(raw) <= {"defeats", "priority", "exempts", "why"} or "defeats" not in raw:
        raise c.fail("'exception' has 'defeats' (rule ids, * for any text) and optionally priority, exempts, why")
    priority = raw.get("priority", 100)
    if isinstance(priority, bool) or not isinstance(priority, int) or not -1000 <= priority <= 1000:
        raise c.fail("exception: 'priority' must be a whole number from -1000 to 1000")
    exempts = raw.get("exempts", False)
    if not isinstance(exempts, bool):
        raise c.fail("exception: 'exempts' is true or false")
    return Defeat(
        rules=c.patterns("exception.defeats", raw["defeats"]),
        priority=priority,
        exempts=exempts,
        why=_ztext(c, "exception.why", raw.get("why", {"zh": "依例外规定不予追究", "en": "defeated by an exception"})),
    )


def _applies_to(c: _Compiler, value: object) -> str:
    if value not in APPLIES_TO:
        raise c.fail('\'applies_to\' is "incident" (default), "assessment" or "official"')
    return str(value)


def _citations(c: _Compiler, cites_raw: object, documents: Mapping[str, Document]) -> dict[str, Citation]:
    if not isinstance(cites_raw, list) or not cites_raw:
        raise c.fail("missing citation: every rule needs at least one [[rule.cite]]")
    citations: dict[str, Citation] = {}
    for cite in cites_raw:
        if not isinstance(cite, dict) or set(cite) != {"key", "doc", "article", "quote"}:
            raise c.fail("a citation has exactly 'key', 'doc', 'article' and 'quote'")
        doc = cite["doc"]
        if doc not in documents:
            raise c.fail(f"citation names unknown document '{doc}'")
        document = documents[doc]
        key = _text(c, "cite.key", cite["key"])
        if key in citations:
            raise c.fail(f"duplicate citation key '{key}'")
        citations[key] = Citation(
            source=document.source,
            document=document.title,
            article=_text(c, "cite.article", cite["article"]),
            quote=_text(c, "cite.quote", cite["quote"]),
            number=document.number,
            issuer=document.issuer,
            effective_from=document.effective_from,
        )
    return citations


CITE_TOKENS = ("@sanction",)  # and "@found:PATTERN": the primary citations of the rules found


def _cites(c: _Compiler, raw: object, citations: Mapping[str, Citation], official: bool) -> tuple[str, ...]:
    cite = _texts(c, "consequence.cite", raw)
    for key in cite:
        if key.startswith("@") and not official:
            raise c.fail(f"consequence cites '{key}': only in a rule with applies_to = \"official\"")
        if key.startswith("@found:"):
            c.patterns("consequence.cite", key.removeprefix("@found:"))
        elif key not in citations and key not in CITE_TOKENS:
            raise c.fail(f"consequence cites unknown citation key(s) {key}")
    return cite


def _consequence(
    c: _Compiler,
    raw: object,
    citations: Mapping[str, Citation],
    selectors: Mapping[str, Selector],
    *,
    official: bool = False,
) -> ConsequenceSpec:
    if not isinstance(raw, dict):
        raise c.fail("a consequence must be a table")
    extra = set(raw) - CONSEQUENCE_KEYS
    if extra:
        raise c.fail(f"consequence: unknown key(s) {', '.join(sorted(extra))}")
    kind_raw = raw.get("kind")
    if not isinstance(kind_raw, str) or not c.vocabulary.has("kind", kind_raw):
        raise c.fail(f"consequence: unknown kind {kind_raw!r}")
    modality_raw = raw.get("modality")
    by_designation = modality_raw == "by_designation"
    if by_designation:
        modality_raw = "must"
    if modality_raw not in {m.value for m in Modality}:
        raise c.fail(f"consequence: modality must be 'must', 'may' or 'by_designation', found {modality_raw!r}")
    cite = _cites(c, raw.get("cite", [next(iter(citations))]), citations, official)
    period = raw.get("period")
    if period is not None and period not in PERIODS:
        raise c.fail(f"consequence: unknown period {period!r}")
    amount = _amount(c, "amount", raw["amount"]) if "amount" in raw else None
    amount_range = _pair(c, "amount_range", raw["amount_range"]) if "amount_range" in raw else None
    rate = _amount(c, "rate", raw["rate"]) if "rate" in raw else None
    rate_range = _pair(c, "rate_range", raw["rate_range"]) if "rate_range" in raw else None
    for label, value in (("rate", rate), *(("rate_range", v) for v in (rate_range or ()))):
        if value is not None and value > 1:
            raise c.fail(f"consequence: '{label}' is a share of income, at most 1")
    if sum(x is not None for x in (amount, amount_range, rate, rate_range)) > 1:
        raise c.fail("consequence: give one of amount, amount_range, rate, rate_range")
    split = raw.get("split", False)
    if not isinstance(split, bool) or (split and amount is None):
        raise c.fail("consequence: 'split' is true or false and needs an 'amount'")
    sanction = raw.get("sanction")
    if sanction is not None and not c.vocabulary.has("sanction", sanction):
        raise c.fail(f"consequence: unknown sanction {sanction!r}")
    lifelong = raw.get("lifelong", False)
    if not isinstance(lifelong, bool):
        raise c.fail("consequence: 'lifelong' is true or false")
    due_days = _whole(c, "due_days", raw["due_days"]) if "due_days" in raw else None
    ban_years = _whole(c, "ban_years", raw["ban_years"]) if "ban_years" in raw else None
    per_official = {k for k in ("form_range", "ladder", "by_light", "for_each", "reaches_form") if k in raw}
    if per_official and not official:
        raise c.fail(f'consequence: {", ".join(sorted(per_official))} only in a rule with applies_to = "official"')
    return ConsequenceSpec(
        by_designation=by_designation,
        amount=amount,
        amount_range=amount_range,
        rate=rate,
        rate_range=rate_range,
        split=split,
        due_days=due_days,
        sanction=sanction,
        ban_years=ban_years,
        lifelong=lifelong,
        kind=kind_raw,
        modality=Modality(modality_raw),
        target=_target(c, raw.get("target"), selectors, official=official),
        cite=cite,
        when=c.condition(raw["when"]) if "when" in raw else None,
        by=_text(c, "by", raw["by"]) if "by" in raw else None,
        to=_texts(c, "to", raw["to"]) if "to" in raw else None,
        scope=_text(c, "scope", raw["scope"]) if "scope" in raw else None,
        effects=_texts(c, "effects", raw["effects"]) if "effects" in raw else None,
        period=period,
        notes=tuple(_ztext(c, "notes", n) for n in _list(c, "notes", raw["notes"])) if "notes" in raw else (),
        **_per_official(c, raw),
    )


def _per_official(c: _Compiler, raw: dict[str, Any]) -> dict[str, Any]:
    """The keys of a consequence that only a rule applied per official has."""
    out: dict[str, Any] = {}
    form_range = raw.get("form_range")
    if form_range is not None:
        if form_range != "proposed":
            raise c.fail("consequence: 'form_range' can only be \"proposed\" (the official's proposed_form)")
        out["form_range"] = True
        out["ladder"] = _text(c, "ladder", raw.get("ladder"))
    elif "ladder" in raw:
        raise c.fail("consequence: 'ladder' goes with form_range")
    light = raw.get("by_light")
    if light is not None:
        if not isinstance(light, dict) or set(light) != {"forms", "by"}:
            raise c.fail("consequence: 'by_light' is { forms = [...], by = \"...\" }")
        forms = frozenset(c.codes("by_light.forms", light["forms"], "form"))
        out["by_light"] = (forms, _text(c, "by_light.by", light["by"]))
    for_each = raw.get("for_each")
    if for_each is not None:
        if for_each != "proposed_discipline":
            raise c.fail("consequence: 'for_each' can only be \"proposed_discipline\"")
        out["for_each"] = for_each
    reaches = raw.get("reaches_form")
    if reaches is not None:
        if not isinstance(reaches, dict) or not {"rule", "form"} <= set(reaches) <= {
            "rule",
            "form",
            "or_removing_sanction",
        }:
            raise c.fail("consequence: 'reaches_form' is { rule = id, form = form, or_removing_sanction = bool }")
        removing = reaches.get("or_removing_sanction", False)
        if not isinstance(removing, bool):
            raise c.fail("consequence: 'reaches_form.or_removing_sanction' is true or false")
        out["reaches_form"] = ReachesForm(
            rule=_text(c, "reaches_form.rule", reaches["rule"]),
            form=c.codes("reaches_form.form", [reaches["form"]], "form")[0],
            or_removing_sanction=removing,
        )
    return out


PUBLICATION_DEFAULTS = ("end_of_february_next_year",)


def _scale(c: _Compiler, raw: object, documents: Mapping[str, Document]) -> AssessmentScale:
    if not isinstance(raw, dict) or set(raw) - {"publication_assumed"} != {"bands", "eligible", "cite"}:
        raise c.fail("has 'bands', 'eligible', [[assessment.cite]] and optionally 'publication_assumed'")
    assumed = raw.get("publication_assumed")
    if assumed is not None and assumed not in PUBLICATION_DEFAULTS:
        raise c.fail(f"'publication_assumed' is one of {', '.join(PUBLICATION_DEFAULTS)}")
    bands = []
    for band in raw["bands"]:
        if not isinstance(band, dict) or set(band) != {"band", "min"} or band["band"] not in BANDS:
            raise c.fail(f"each band is {{ band = one of {', '.join(BANDS)}, min = score }}")
        bands.append((str(band["band"]), _amount(c, "min", band["min"])))
    if [b[1] for b in bands] != sorted((b[1] for b in bands), reverse=True) or bands[-1][1] != 0:
        raise c.fail("bands go from the highest lower bound down to 0")
    return AssessmentScale(
        bands=tuple(bands),
        eligible=frozenset(c.names("eligible", raw["eligible"], BANDS)),
        citations=_citations(c, raw["cite"], documents),
        publication_assumed=None if assumed is None else str(assumed),
    )


def _amount(c: _Compiler, key: str, value: object) -> Decimal:
    """A sum of money or a share: a finite number from 0 to MAX_FIGURE (no inf, no nan)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise c.fail(f"'{key}' must be a non-negative number (write decimals as TOML numbers, e.g. 0.40)")
    return c.number(key, value, 0, MAX_FIGURE)


def _pair(c: _Compiler, key: str, value: object) -> tuple[Decimal, Decimal]:
    if not isinstance(value, dict) or set(value) != {"min", "max"}:
        raise c.fail(f"'{key}' takes a table with 'min' and 'max'")
    low, high = _amount(c, f"{key}.min", value["min"]), _amount(c, f"{key}.max", value["max"])
    if low > high:
        raise c.fail(f"'{key}': min is above max")
    return low, high


WHOLE_MOST = {"ban_years": 100, "due_days": 3_660}


def _whole(c: _Compiler, key: str, value: object) -> int:
    most = WHOLE_MOST.get(key, 100_000)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise c.fail(f"'{key}' must be a whole number from 1 to {most}")
    return value


def _target(c: _Compiler, raw: object, selectors: Mapping[str, Selector], *, official: bool = False) -> TargetSpec:
    if raw == "official" and official:
        return TargetSpec(type=TargetType.official, of="self")
    if isinstance(raw, str):
        if raw not in selectors:
            raise c.fail(f"consequence targets unknown selector '{raw}'")
        return TargetSpec(type=TargetType.official, selector=selectors[raw])
    if not isinstance(raw, dict) or raw.get("type") not in ("unit", "jurisdiction", "role"):
        raise c.fail("a target is a selector name or a table with type unit, jurisdiction or role")
    extra = set(raw) - {"type", "name", "of"}
    if extra:
        raise c.fail(f"target: unknown key(s) {', '.join(sorted(extra))}")
    of = raw.get("of")
    name = raw.get("name")
    if (of is None) == (name is None) and raw["type"] != "role":
        raise c.fail("a unit or jurisdiction target has exactly one of 'name' and 'of'")
    if raw["type"] == "role" and not isinstance(name, str):
        raise c.fail("a role target needs a 'name'")
    if of is not None and of not in TARGET_OF:
        raise c.fail(f"target 'of' is one of {', '.join(TARGET_OF)}")
    return TargetSpec(type=TargetType(raw["type"]), name=name, of=of)


# --------------------------------------------------------------------------- regimes


@attrs.frozen
class Regime:
    name: str
    tables: tuple[Table, ...]

    @functools.cached_property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(sorted((r for t in self.tables for r in t.rules), key=lambda r: r.id))

    def describe(self, rule_id: str, day: pendulum.Date | None = None) -> tuple[str, str, str | None]:
        """(articles, one-line summary, reading) of a rule id; a sub-id takes its parent's.

        For a rule with several eras, the era in force on ``day`` (else the latest).
        """
        candidates = [rule_id]
        while "." in candidates[-1]:
            candidates.append(candidates[-1].rsplit(".", 1)[0])
        for cid in candidates:
            eras = self.eras.get(cid)
            if eras:
                current = [r for r in eras if day is not None and r.in_force(day)]
                rule = (current or sorted(eras, key=lambda r: r.effective_from))[-1]
                return articles_text(rule.citations.values()), rule.summary, rule.reading
        return "", "", None

    def listing(self) -> list[tuple[str, str, str, pendulum.Date, pendulum.Date | None]]:
        """(id, table, summary, in force from, to) of every rule, sorted by id."""
        return sorted((r.id, r.table, r.summary, r.effective_from, r.effective_to) for r in self.rules)

    @functools.cached_property
    def eras(self) -> dict[str, tuple[Rule, ...]]:
        """Rule id → its rows (one per era), in id order."""
        grouped: dict[str, list[Rule]] = {}
        for rule in self.rules:
            grouped.setdefault(rule.id, []).append(rule)
        return {rule_id: tuple(rows) for rule_id, rows in grouped.items()}

    @functools.cached_property
    def incident_eras(self) -> dict[str, tuple[Rule, ...]]:
        """The rules applied once per incident (or assessment), in id order."""
        return {rid: rows for rid, rows in self.eras.items() if rows[0].applies_to != "official"}

    @functools.cached_property
    def official_eras(self) -> tuple[tuple[str, tuple[Rule, ...]], ...]:
        """The rules applied per official, in table order (a rule may read only those before it)."""
        order = dict.fromkeys(r.id for t in self.tables for r in t.rules if r.applies_to == "official")
        return tuple((rid, self.eras[rid]) for rid in order)

    @functools.cached_property
    def veto_rules(self) -> tuple[Rule, ...]:
        """The rows that give a one-vote veto (they decide whether an assessment year is vetoed)."""
        return tuple(r for r in self.rules if any(spec.kind == "veto" for spec in r.consequences))

    @functools.cached_property
    def duties(self) -> tuple[Duty, ...]:
        """The duty catalogue of the regime's own tables (national law sets none)."""
        return tuple(d for t in self.tables for d in t.duties)

    @functools.cached_property
    def assessment(self) -> AssessmentScale | None:
        found = [t.assessment for t in self.tables if t.assessment is not None]
        return found[0] if found else None

    @functools.cached_property
    def sanctions(self) -> dict[Sanction, SanctionRule]:
        """The sanction rows of every table; a table's own rows win over those of what it includes."""
        merged: dict[Sanction, SanctionRule] = {}
        for table in reversed(self.tables):
            merged.update(table.sanctions)
        return merged

    @functools.cached_property
    def ladders(self) -> dict[str, tuple[Form, ...]]:
        merged: dict[str, tuple[Form, ...]] = {}
        for table in reversed(self.tables):
            merged.update(table.ladders)
        return merged

    @functools.cached_property
    def grading(self) -> GradingScheme | None:
        """The grading of the regime's tables (national law's), the first that has one."""
        return next((t.grading for t in self.tables if t.grading is not None), None)

    @functools.cached_property
    def death_bands(self) -> DeathBands | None:
        return next((t.death_bands for t in self.tables if t.death_bands is not None), None)

    @functools.cached_property
    def answerable(self) -> Mapping[str, str]:
        return next((t.answerable for t in self.tables if t.answerable), {})

    @functools.cached_property
    def verdicts(self) -> tuple[Verdicts, ...]:
        """Every table's ``[accountability]``, in composition order (a regime may hold several)."""
        return tuple(t.verdicts for t in self.tables if t.verdicts is not None)

    @property
    def jurisdiction_label(self) -> str:
        for table in self.tables:
            if table.rules:
                return table.jurisdiction_label
        return self.tables[0].jurisdiction_label


def articles_text(citations: Iterable[Citation]) -> str:
    """ "文件 第一条、第二条；另一文件 第三条": articles grouped by document, in citation order."""
    by_document: dict[str, list[str]] = {}
    for c in citations:
        articles = by_document.setdefault(c.document, [])
        if c.article not in articles:
            articles.append(c.article)
    return "；".join(f"{doc} {'、'.join(arts)}" for doc, arts in by_document.items())


def compose(name: str, tables: Mapping[str, Table]) -> Regime:
    """A regime: the named table and, depth-first, everything it includes."""
    ordered: list[Table] = []
    seen: set[str] = set()

    def visit(table_name: str, path: tuple[str, ...]) -> None:
        if table_name in path:
            raise TableError(f"{table_name}.toml: includes itself through {' → '.join(path)}")
        if table_name in seen:
            return
        if table_name not in tables:
            owner = path[-1] if path else table_name
            raise TableError(f"{owner}.toml: includes unknown table '{table_name}'")
        seen.add(table_name)
        ordered.append(tables[table_name])
        for inc in tables[table_name].includes:
            visit(inc, (*path, table_name))

    visit(name, ())
    ids: dict[str, str] = {}
    for table in ordered:
        for rule_id in dict.fromkeys(r.id for r in table.rules):
            if rule_id in ids:
                raise TableError(f"{table.name}.toml: rule '{rule_id}' is also defined in {ids[rule_id]}.toml")
            ids[rule_id] = table.name
    regime = Regime(name=name, tables=tuple(ordered))
    check_references(regime)
    return regime


def compose_tables(name: str, names: Sequence[str], tables: Mapping[str, Table]) -> Regime:
    """A regime made on the fly from several tables (each with what it includes), in the order given:
    checked as a regime of tables is (unique rule ids, one verdict table, references)."""
    if len(names) == 1:
        return compose(names[0], tables)
    if name in tables:
        raise TableError(f"{name}: a regime made of {', '.join(names)} cannot take the name of a table")
    first = tables[names[0]] if names and names[0] in tables else None
    head = Table(
        name=name,
        title="、".join(tables[n].title for n in names if n in tables),
        includes=tuple(names),
        jurisdiction_label=first.jurisdiction_label if first is not None else "事故所在地",
        rules=(),
        sha256="",
    )
    composed = compose(name, {**tables, name: head}).tables[1:]
    chosen = [t for t in composed if t.name in names]  # the chosen tables first, in the order given
    ordered = sorted(chosen, key=lambda t: names.index(t.name)) + [t for t in composed if t.name not in names]
    regime = Regime(name=name, tables=tuple(ordered))
    check_references(regime)
    return regime


def _matching(patterns: Iterable[str], ids: Iterable[str]) -> list[str]:
    return [i for i in ids if any(fnmatch.fnmatchcase(i, p) for p in patterns)]


def check_references(regime: Regime) -> None:
    """Every rule a rule names exists; per official, a rule reads only rules before it, and a
    form range is read only after every modifier of it."""
    order = [rid for rid, _ in regime.official_eras]
    position = {rid: n for n, rid in enumerate(order)}
    all_ids = list(regime.eras)

    def fail(rule: Rule, message: str) -> TableError:
        return TableError(f"{rule.table}.toml: rule {rule.id!r}: {message}")

    modifiers_of: dict[str, list[str]] = {}
    for rule in regime.rules:
        named: list[tuple[str, tuple[str, ...], bool]] = [
            ("requires", rule.requires, True),
            ("unless", rule.unless, True),
            ("found", rule.found, True),
        ]
        for spec in rule.consequences:
            found_cites = tuple(k.removeprefix("@found:") for k in spec.cite if k.startswith("@found:"))
            named.append(("cite @found", found_cites, True))
            if spec.reaches_form is not None:
                named.append(("reaches_form.rule", (spec.reaches_form.rule,), True))
            if spec.ladder is not None and spec.ladder not in regime.ladders:
                raise fail(rule, f"names ladder '{spec.ladder}', which no table of regime {regime.name} declares")
        if rule.modify is not None and rule.modify.rule is not None:
            named.append(("modify.rule", (rule.modify.rule,), True))
            modifiers_of.setdefault(rule.modify.rule, []).append(rule.id)
        if rule.exception is not None:
            named.append(("exception.defeats", rule.exception.rules, False))
        for key, patterns, before in named:
            for pattern in patterns:
                hits = _matching([pattern], all_ids)
                if not hits:
                    raise fail(rule, f"'{key}' names {pattern!r}, which matches no rule of regime {regime.name}")
                if before and rule.applies_to == "official":
                    late = [h for h in hits if position.get(h, -1) >= position[rule.id] or h not in position]
                    if late:
                        raise fail(
                            rule,
                            f"'{key}' names {', '.join(late)}: a rule applied per official may only "
                            "read rules applied per official before it in the table",
                        )
    for rule in regime.rules:
        for spec in rule.consequences:
            if spec.reaches_form is None:
                continue
            late = [m for m in modifiers_of.get(spec.reaches_form.rule, []) if position[m] > position[rule.id]]
            if late:
                raise fail(
                    rule,
                    f"reads the form range of {spec.reaches_form.rule} before its modifier(s) "
                    f"{', '.join(late)}: put them first",
                )
    for verdicts in regime.verdicts:
        for key, patterns in (
            ("decided_by", (verdicts.decided_by,)),
            ("in_scope", verdicts.in_scope),
            ("undecided", verdicts.undecided),
        ):
            for pattern in patterns:
                if not _matching([pattern], order):
                    raise TableError(
                        f"regime {regime.name}: [accountability] {key} names {pattern!r}, "
                        "which matches no rule applied per official"
                    )
