"""Rules applied per official: the same rows as every other rule, read official by official.

For each official, the regime's rules with ``applies_to = "official"`` are read in
table order. A rule is reached when one of its ``requires`` applied to the official
(and none of its ``unless``); its condition then gives true, false (with why) or
not evaluable (with what it needs). A rule that applies is *found* for the
official, which later rules may read (``found``, ``@found:`` citations).

Three constructs act on other rules:

- a **modifier** (``modify``) changes another rule's consequence for the same
  official: drop the lightest form of its range (从重), lower its lightest form and
  set its modality (从轻、减轻); two modifiers pulling opposite ways are a conflict,
  recorded for the deciding authority, and the range is left as proposed;
- an **exception** (``exception``) defeats the consequences, for the same official,
  of the rules it names whose priority is below its own; they are listed as removed;
- ``reaches_form`` makes a consequence follow another rule's settled range.

How the official's verdict (accountable, exempt, form) reads from the rules is the
table's ``[accountability]``.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
import pendulum

from .events import Event, ev
from .model import Form, Official
from .outcome import (
    Citation,
    Consequence,
    Modality,
    NotApplied,
    NotEvaluable,
    OfficialSummary,
    Removed,
    Target,
    TargetType,
)
from .rules import ConsequenceSpec, Facts, Regime, Rule, Verdict
from .sanctions import longest_bar

if TYPE_CHECKING:
    from .engine import _Run


def holds(rule_id: str, verdict: Verdict, not_applied: list[NotApplied], not_evaluable: list[NotEvaluable]) -> bool:
    """Whether a rule's condition holds; when it does not, why (or what it needs) is recorded."""
    if verdict.value is False:
        not_applied.append(NotApplied(rule_id, verdict.why))
        return False
    if verdict.value is None:
        not_evaluable.append(NotEvaluable(rule_id, ev("needs", fields=verdict.needs)))
        return False
    return True


@functools.lru_cache(maxsize=1024)
def _pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """Rule-id patterns (``*`` for any text) as one expression, compiled once; None for no pattern."""
    if not patterns:
        return None
    return re.compile("|".join(fnmatch.translate(p) for p in patterns))


def _matches(rule_id: str, patterns: Sequence[str]) -> bool:
    """Whether ``rule_id`` matches one of ``patterns`` (as :func:`fnmatch.fnmatchcase` does)."""
    pattern = _pattern(tuple(patterns))
    return pattern is not None and pattern.match(rule_id) is not None


@attrs.define
class Trail:
    """What the rules decided for one official, step by step."""

    official: Official
    base: Facts  # the run's facts with the official; facts() adds the rules found so far
    found: list[str] = attrs.Factory(list)
    not_applied: list[NotApplied] = attrs.Factory(list)
    not_evaluable: list[NotEvaluable] = attrs.Factory(list)
    notes: list[Event] = attrs.Factory(list)
    conflicts: list[Event] = attrs.Factory(list)
    consequences: list[Consequence] = attrs.Factory(list)
    modifiers: dict[str, list[Rule]] = attrs.Factory(dict)
    settled: set[str] = attrs.Factory(set)
    exceptions: list[Rule] = attrs.Factory(list)
    _facts: Facts | None = attrs.field(default=None, init=False, repr=False, eq=False)  # see facts()

    def found_matching(self, patterns: Sequence[str]) -> list[str]:
        pattern = _pattern(tuple(patterns))
        if pattern is None:
            return []
        return [r for r in self.found if pattern.match(r) is not None]

    def found_any(self, patterns: Sequence[str]) -> bool:
        """Whether a rule found so far matches one of ``patterns``."""
        pattern = _pattern(tuple(patterns))
        return pattern is not None and any(pattern.match(r) is not None for r in self.found)

    def facts(self) -> Facts:
        """The facts a condition of the official reads: the run's, the official and the rules found so far
        (made again only when a rule was found since the last call)."""
        facts = self._facts or self.base
        if len(facts.found) != len(self.found):
            facts = self._facts = attrs.evolve(self.base, found=tuple(self.found))
        return facts


@attrs.frozen
class OfficialsPhase:
    """The per-official rules of a regime, applied to every official of a case."""

    run: _Run
    regime: Regime

    @property
    def target_day(self) -> pendulum.Date:
        return self.run.case.incident.day

    def in_force(self) -> list[Rule]:
        """The era of each per-official rule in force on the accident's day; the others are listed once."""
        rules = []
        for rule_id, eras in self.regime.official_eras:
            current = [r for r in eras if r.in_force(self.target_day)]
            if current:
                rules.append(current[0])
                continue
            earliest = min(r.effective_from for r in eras)
            spans = ", ".join(f"{r.effective_from}–{r.effective_to or ''}" for r in eras)
            why = (
                ev("rule.before_encoded", start=str(earliest), day=str(self.target_day))
                if self.target_day < earliest
                else ev("rule.not_in_force", day=str(self.target_day), spans=spans)
            )
            self.run.not_applied.append(NotApplied(rule_id, why))
        return rules

    def judge(self, official: Official, rules: Sequence[Rule]) -> Trail:
        trail = Trail(official, attrs.evolve(self.run.facts, official=official))
        for rule in rules:
            if rule.requires and not trail.found_any(rule.requires):
                continue
            if rule.unless and trail.found_any(rule.unless):
                continue
            verdict = rule.when(trail.facts())
            if not holds(rule.id, verdict, trail.not_applied, trail.not_evaluable):
                continue
            trail.found.append(rule.id)
            if rule.note is not None:
                trail.notes.append(ev("note.rule", rule=rule.id, note=rule.note))
            if rule.modify is not None and rule.modify.rule is not None:
                trail.modifiers.setdefault(rule.modify.rule, []).append(rule)
            if rule.exception is not None:
                trail.exceptions.append(rule)
            for spec in rule.consequences:
                self.consequences(rule, spec, trail)
        for rule_id in list(trail.modifiers):
            self.settle(rule_id, trail)
        return trail

    # ------------------------------------------------------------------ consequences

    def citations(self, rule: Rule, spec: ConsequenceSpec, trail: Trail) -> list[Citation]:
        out: list[Citation] = []
        for key in spec.cite:
            if key.startswith("@found:"):
                found = trail.found_matching([key.removeprefix("@found:")])
                out.extend(self.regime.eras[r][0].primary for r in found)
            elif key != "@sanction":
                out.append(rule.citations[key])
        return out

    def consequences(self, rule: Rule, spec: ConsequenceSpec, trail: Trail) -> None:
        """The consequences of ``spec`` for the official."""
        official = trail.official
        if spec.when is not None:
            sub = spec.when(trail.facts())
            if sub.value is None:
                trail.not_evaluable.append(
                    NotEvaluable(rule.id, ev("needs.for_kind", fields=sub.needs, kind=spec.kind))
                )
                return
            if sub.value is False:
                trail.not_applied.append(
                    NotApplied(rule.id, ev("rule.kind_not_met", kind=spec.kind, why=sub.why))
                )
                return
        target = Target(TargetType.official, id=official.id)
        if spec.for_each == "proposed_discipline":
            self.per_sanction(rule, spec, trail, target)
            return
        modality, notes = spec.modality, list[Event]()
        if spec.reaches_form is not None:
            reach = self.reaches(spec, trail)
            if reach is None:
                code = (
                    "rule.form_not_reached_removal"
                    if spec.reaches_form.or_removing_sanction
                    else "rule.form_not_reached"
                )
                trail.not_applied.append(
                    NotApplied(rule.id, ev(code, kind=spec.kind, form=spec.reaches_form.form))
                )
                return
            if reach is Modality.may:
                modality = Modality.may
                notes.append(ev("note.may_if_form", form=spec.reaches_form.form))
        built = self.run.build(
            rule, spec, target, notes, citations=self.citations(rule, spec, trail), modality=modality
        )
        if built is None:
            return
        if spec.period == "longest_sanction":
            built = self.longest_sanction(rule, built, trail)
        if spec.form_range:
            built = self.proposed_range(rule, spec, built, trail)
        trail.consequences.append(built)

    def per_sanction(self, rule: Rule, spec: ConsequenceSpec, trail: Trail, target: Target) -> None:
        decided = self.run.case.decided_on
        for code in trail.official.proposed_discipline:
            row = self.regime.sanctions.get(code)
            if row is None:
                trail.not_evaluable.append(
                    NotEvaluable(rule.id, ev("needs.sanction_row", sanction=code, regime=self.regime.name))
                )
                continue
            citations = [*self.citations(rule, spec, trail), *row.citations]
            note = ev("note.sanction", name=row.name, effect=row.effect)
            built = self.run.build(rule, spec, target, (note,), citations=citations)
            if built is not None:
                trail.consequences.append(
                    attrs.evolve(built, sanction=code, starts_on=decided, ends_on=row.ends(decided))
                )

    def longest_sanction(self, rule: Rule, c: Consequence, trail: Trail) -> Consequence:
        decided = self.run.case.decided_on
        if decided is None:
            trail.not_evaluable.append(NotEvaluable(rule.id, ev("needs.dates", kind=c.kind)))
        ends, why = longest_bar(self.regime.sanctions, trail.official.proposed_discipline, decided)
        note = ev({"dated": "note.period_longest"}.get(why, f"note.period_{why}"))
        if why == "undated":
            trail.not_evaluable.append(NotEvaluable(rule.id, ev("needs.probation_term")))
        return attrs.evolve(c, starts_on=decided, ends_on=ends, notes=(*c.notes, note))

    def ladder(self, spec: ConsequenceSpec) -> tuple[Form, ...]:
        assert spec.ladder is not None
        return self.regime.ladders[spec.ladder]

    def proposed_range(self, rule: Rule, spec: ConsequenceSpec, c: Consequence, trail: Trail) -> Consequence:
        ladder = self.ladder(spec)
        proposed = trail.official.proposed_form
        if not proposed:
            note = ev("note.no_proposal", forms=tuple(ladder))
            return attrs.evolve(c, notes=(*c.notes, note))
        off = [f for f in proposed if f not in ladder]
        if off:
            trail.not_evaluable.append(
                NotEvaluable(rule.id, ev("needs.off_ladder", forms=tuple(off), ladder=spec.ladder))
            )
            return c
        lo, hi = sorted((ladder.index(proposed[0]), ladder.index(proposed[-1])))
        return self.ranged(c, spec, ladder, lo, hi)

    def ranged(self, c: Consequence, spec: ConsequenceSpec, ladder: Sequence[Form], lo: int, hi: int) -> Consequence:
        by = spec.by
        if spec.by_light is not None and ladder[hi] in spec.by_light[0]:
            by = spec.by_light[1]
        return attrs.evolve(c, form_range=(ladder[lo], ladder[hi]), by=by)

    # ------------------------------------------------------------------ modifiers

    def settle(self, rule_id: str, trail: Trail) -> None:
        """Apply every modifier of ``rule_id``'s consequences for this official, together."""
        if rule_id in trail.settled:
            return
        trail.settled.add(rule_id)
        modifiers = trail.modifiers.get(rule_id, [])
        if not modifiers:
            return
        spec_of = {s.kind: s for s in self.regime.eras[rule_id][0].consequences}
        for index, c in enumerate(trail.consequences):
            mine = [m for m in modifiers if c.rule == rule_id and m.modify is not None and c.kind in m.modify.kinds]
            if mine:
                trail.consequences[index] = self.modified(c, spec_of[c.kind], mine, trail)

    def modified(self, c: Consequence, spec: ConsequenceSpec, modifiers: Sequence[Rule], trail: Trail) -> Consequence:
        heavier = [m for m in modifiers if m.modify is not None and m.modify.direction == "heavier"]
        lighter = [m for m in modifiers if m.modify is not None and m.modify.direction == "lighter"]
        cites = (*c.also_cites, *(m.primary for m in modifiers))
        notes = list(c.notes)
        if heavier and lighter:
            conflict = ev(
                "note.conflict",
                heavier="、".join(m.primary.article for m in heavier),
                lighter="、".join(m.primary.article for m in lighter),
            )
            trail.conflicts.append(conflict)
            return attrs.evolve(c, also_cites=cites, notes=(*notes, conflict))
        modality = c.modality
        ladder = self.ladder(spec) if spec.ladder is not None else ()
        bounds = None
        discretionary: list[Form] = []
        if c.form_range is not None and ladder:
            bounds = [ladder.index(c.form_range[0]), ladder.index(c.form_range[-1])]
        for m in heavier or lighter:
            modify = m.modify
            assert modify is not None
            if bounds is not None and modify.drop_lightest and bounds[1] > bounds[0]:
                bounds[0] += 1
                notes.append(ev("note.dropped_lightest", rule=m.id, form=ladder[bounds[0] - 1]))
            elif modify.drop_lightest:
                notes.append(ev("note.heavier", rule=m.id))
            if bounds is not None and modify.lower_by:
                lowered = max(0, bounds[0] - modify.lower_by)
                if lowered < bounds[0]:
                    notes.append(ev("note.lowered", rule=m.id, form=ladder[lowered]))
                    if modify.discretionary:
                        widened = tuple(ladder[lowered : bounds[0]])
                        discretionary.extend(ladder[lowered : bounds[0]])
                        notes.append(ev("note.discretionary", rule=m.id, forms=widened))
                else:
                    notes.append(ev("note.already_lightest", rule=m.id))
                bounds[0] = lowered
            if modify.modality is not None:
                modality = modify.modality
        out = attrs.evolve(c, modality=modality, also_cites=cites, notes=tuple(notes))
        if discretionary:
            out = attrs.evolve(out, discretionary_forms=tuple(f for f in ladder if f in discretionary))
        if bounds is not None:
            out = self.ranged(out, spec, ladder, bounds[0], bounds[1])
        return out

    def reaches(self, spec: ConsequenceSpec, trail: Trail) -> Modality | None:
        """must when the settled range's lightest form reaches the form (or a sanction removes from post),
        may when only its heaviest does, None when neither."""
        reach = spec.reaches_form
        assert reach is not None
        self.settle(reach.rule, trail)
        removing = reach.or_removing_sanction and any(
            (row := self.regime.sanctions.get(code)) is not None and row.removes_from_post
            for code in trail.official.proposed_discipline
        )
        ranged = [c for c in trail.consequences if c.rule == reach.rule and c.form_range is not None]
        source = self.regime.eras[reach.rule][0].consequences
        ladder = next((self.regime.ladders[s.ladder] for s in source if s.ladder is not None), ())
        certain = removing
        possible = False
        for c in ranged:
            assert c.form_range is not None
            if reach.form not in ladder:
                continue
            threshold = ladder.index(reach.form)
            certain = certain or ladder.index(c.form_range[0]) >= threshold
            possible = possible or ladder.index(c.form_range[-1]) >= threshold
        if certain:
            return spec.modality
        return Modality.may if possible else None

    # ------------------------------------------------------------------ exceptions and the verdict

    def defeat(self, trail: Trail) -> list[Removed]:
        """Remove, for this official, what the exceptions that applied defeat."""
        removed: list[Removed] = []
        for exc_rule in trail.exceptions:
            exception = exc_rule.exception
            assert exception is not None

            def defeated(c: Consequence, exc: Rule = exc_rule) -> bool:
                assert exc.exception is not None
                if c.target.type is not TargetType.official or c.target.id != trail.official.id:
                    return False
                if c.rule == exc.id or not _matches(c.rule, exc.exception.rules):
                    return False
                return self.regime.eras[c.rule][0].priority < exc.exception.priority

            kept = []
            for c, index in self.run.consequences:
                if defeated(c):
                    removed.append(Removed(c.rule, c.kind, c.target, exc_rule.id, exception.why))
                else:
                    kept.append((c, index))
            self.run.consequences = kept
            for c in [c for c in trail.consequences if defeated(c)]:
                removed.append(Removed(c.rule, c.kind, c.target, exc_rule.id, exception.why))
                trail.consequences.remove(c)
        return removed


def summary(
    regime: Regime,
    official: Official,
    trail: Trail | None,
    incident_rules: Sequence[str],
    ledger_notes: Sequence[Event],
    not_applied: Sequence[NotApplied] = (),
) -> OfficialSummary:
    """The official's verdict as a table's ``[accountability]`` reads it from the rules: the first table
    (in composition order) that has the official in scope decides; none in scope: not in scope.
    ``not_applied``: the incident rules that name the official but did not reach them (listed first)."""
    if trail is None or not regime.verdicts:
        notes = () if regime.verdicts else (ev("note.no_individual_form", regime=regime.name),)
        return OfficialSummary(
            id=official.id,
            accountable=None,
            exempt=None,
            applied=tuple(incident_rules),
            not_applied=tuple(not_applied),
            notes=(*ledger_notes, *notes),
        )
    verdicts = next((v for v in regime.verdicts if trail.found_any(v.in_scope)), regime.verdicts[0])
    in_scope = trail.found_any(verdicts.in_scope)
    undecided = trail.found_any(verdicts.undecided)
    decided = [c for c in trail.consequences if c.rule == verdicts.decided_by and c.kind == "accountability"]
    accountable: bool | None = None
    if in_scope and not undecided:  # accountable: the deciding rule's 问责 stands (no exception defeated it)
        accountable = bool(decided)
    exempt = None if not in_scope else any(r.exception is not None and r.exception.exempts for r in trail.exceptions)
    main = decided[0] if decided and accountable else None
    form_range = main.form_range if main is not None else None
    form = form_range[0] if form_range is not None and form_range[0] == form_range[-1] else None
    return OfficialSummary(
        id=official.id,
        accountable=accountable,
        exempt=exempt,
        form=form,
        form_range=form_range,
        modality=main.modality if main is not None else None,
        discretionary_forms=main.discretionary_forms if main is not None else None,
        applied=(*incident_rules, *trail.found),
        not_applied=(*not_applied, *trail.not_applied),
        notes=(*ledger_notes, *trail.notes),
        conflicts=tuple(trail.conflicts),
        not_evaluable=tuple(trail.not_evaluable),
    )
