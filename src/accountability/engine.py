"""Regime + case → consequences, in one direction and with every step recorded."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pendulum

from . import __version__
from .grading import Grade, grade_incident, national_grade
from .individual import OfficialOutcome, assess_official
from .model import Case, Incident, Level
from .outcome import (
    Consequence,
    NotApplied,
    NotEvaluable,
    OfficialSummary,
    Removed,
    Result,
    Target,
    TargetType,
)
from .rules import ConsequenceSpec, Facts, Regime, Rule, TargetSpec

JURISDICTION_PLACEHOLDER = "{jurisdiction}"


def accountable_jurisdiction(incident: Incident) -> str | None:
    """The jurisdiction answerable for the incident: a regiment's accident is its division's."""
    j = incident.jurisdiction
    if j is None:
        return None
    if j.level is Level.regiment:
        return j.division
    return j.name


def incident_grade(incident: Incident) -> Grade:
    return national_grade(incident.deaths, incident.serious_injuries, incident.direct_loss_cny)[0]


@attrs.define
class _Run:
    case: Case
    regime: Regime
    facts: Facts
    consequences: list[tuple[Consequence, int]] = attrs.Factory(list)
    not_evaluable: list[NotEvaluable] = attrs.Factory(list)
    not_applied: list[NotApplied] = attrs.Factory(list)
    official_not_applied: dict[str, dict[str, list[str]]] = attrs.Factory(dict)
    notes: list[str] = attrs.Factory(list)

    def emit(self, rule: Rule, spec: ConsequenceSpec, target: Target, notes: Sequence[str]) -> None:
        citations = [rule.citations[k] for k in spec.cite]
        day = self.case.incident.day
        starts_on = ends_on = None
        if spec.period == "accident_year":
            starts_on = pendulum.Date(day.year, 1, 1)
            ends_on = pendulum.Date(day.year, 12, 31)
        by = spec.by
        if by is not None and JURISDICTION_PLACEHOLDER in by:
            name = accountable_jurisdiction(self.case.incident) or self.regime.jurisdiction_label
            by = by.replace(JURISDICTION_PLACEHOLDER, name)
        consequence = Consequence(
            rule=rule.id,
            kind=spec.kind,
            target=target,
            modality=spec.modality,
            citation=citations[0],
            by=by,
            to=spec.to,
            scope=spec.scope,
            effects=spec.effects,
            starts_on=starts_on,
            ends_on=ends_on,
            also_cites=tuple(citations[1:]),
            notes=(*spec.notes, *notes),
        )
        self.consequences.append((consequence, len(self.consequences)))

    def apply(self, rule: Rule) -> None:
        verdict = rule.when(self.facts)
        if verdict.value is False:
            self.not_applied.append(NotApplied(rule.id, verdict.why))
            return
        if verdict.value is None:
            self.not_evaluable.append(NotEvaluable(rule.id, ", ".join(verdict.needs)))
            return
        if rule.note is not None:
            self.notes.append(f"{rule.id}: {rule.note}")
        for spec in rule.consequences:
            if spec.when is not None:
                sub = spec.when(self.facts)
                if sub.value is None:
                    self.not_evaluable.append(
                        NotEvaluable(rule.id, f"{', '.join(sub.needs)} (for its {spec.kind.value})")
                    )
                    continue
                if sub.value is False:
                    continue
            self.target(rule, spec, verdict.matched_priors)

    def target(self, rule: Rule, spec: ConsequenceSpec, priors: Sequence[Incident]) -> None:
        t = spec.target
        if t.type is not TargetType.official:
            self.emit(rule, spec, self.fixed_target(t), ())
            return
        assert t.selector is not None
        selector = t.selector
        matched = 0
        for official in self.case.officials:
            v = selector.match(official, self.facts, priors)
            if v.value is True:
                matched += 1
                self.emit(rule, spec, Target(TargetType.official, id=official.id), ())
            elif v.value is None:
                self.not_evaluable.append(
                    NotEvaluable(rule.id, f"{', '.join(v.needs)} (to decide whether {official.id} is {selector.label})")
                )
            else:
                reasons = self.official_not_applied.setdefault(official.id, {}).setdefault(rule.id, [])
                if v.why not in reasons:
                    reasons.append(v.why)
        if matched:
            return
        if selector.needs_conduct:
            self.not_applied.append(
                NotApplied(rule.id, f"no official in the input is {selector.label} with the conduct it needs")
            )
            return
        self.emit(
            rule,
            spec,
            Target(TargetType.role, name=selector.label),
            (f"no official in the input is {selector.label}",),
        )

    def fixed_target(self, t: TargetSpec) -> Target:
        incident = self.case.incident
        if t.of is None:
            return Target(t.type, name=t.name)
        if t.of == "incident":
            return Target(t.type, name=accountable_jurisdiction(incident) or self.regime.jurisdiction_label)
        unit = incident.responsible_unit if t.of == "responsible" else None
        unit = unit or incident.unit
        fallback = "事故责任单位" if t.of == "responsible" else "事故发生单位"
        return Target(t.type, name=(unit.name if unit and unit.name else fallback))


def assess_case(case: Case, regime: Regime) -> Result:
    """Apply every rule of ``regime`` to ``case``; pure, deterministic."""
    incident = case.incident
    grade = grade_incident(incident)
    history = tuple((h, incident_grade(h)) for h in case.history)
    run = _Run(case=case, regime=regime, facts=Facts(incident, grade.national, history))

    if grade.national is Grade.none:
        run.notes.append("no death, serious injury or direct loss: the incident is recorded, no accident rule applies")
    for rule in regime.rules:
        if not rule.in_force(incident.day):
            until = f" to {rule.effective_to}" if rule.effective_to else ""
            run.not_applied.append(
                NotApplied(rule.id, f"not in force on {incident.day}: in force from {rule.effective_from}{until}")
            )
            continue
        run.apply(rule)

    if grade.provisional_until is not None and (case.decided_on is None or case.decided_on <= grade.provisional_until):
        run.notes.append(
            f"casualty counts may still change until {grade.provisional_until} "
            "(生产安全事故报告和调查处理条例 第十三条): the grade is provisional until then"
        )

    outcomes: dict[str, OfficialOutcome] = {}
    removed: list[Removed] = []
    individual = regime.individual
    if individual is not None:
        exemption = individual.by_role("exemption")
        for official in case.officials:
            out = assess_official(official, incident, case.history, individual, case.decided_on)
            outcomes[official.id] = out
            run.not_evaluable.extend(
                NotEvaluable(n.rule, f"{n.needs} (official {official.id})") for n in out.not_evaluable
            )
            if out.exempt:
                kept = []
                for c, index in run.consequences:
                    if c.target.type is TargetType.official and c.target.id == official.id:
                        removed.append(
                            Removed(
                                rule=c.rule,
                                kind=c.kind,
                                target=c.target,
                                by_rule=exemption.id,
                                why=f"{exemption.primary.article} 不予追究责任: full performance of duties verified "
                                "(坚持失职追责、尽职免责)",
                            )
                        )
                    else:
                        kept.append((c, index))
                run.consequences = kept
            for c in out.consequences:
                run.consequences.append((c, len(run.consequences)))

    ordered = tuple(
        c
        for c, _ in sorted(
            run.consequences, key=lambda ci: (ci[0].rule, ci[0].target.sort_key(), ci[0].kind.value, ci[1])
        )
    )
    decides = individual is not None
    summaries = []
    for official in case.officials:
        mine = [c for c in ordered if c.target.type is TargetType.official and c.target.id == official.id]
        table_rules = sorted({c.rule for c in mine if individual is None or c.rule not in individual.clauses})
        table_not_applied = [
            NotApplied(rid, "; ".join(whys))
            for rid, whys in run.official_not_applied.get(official.id, {}).items()
            if rid not in {c.rule for c in mine}
        ]
        outcome = outcomes.get(official.id)
        if outcome is None:
            notes: tuple[str, ...] = (
                ()
                if decides
                else (
                    f"regime {regime.name} decides no individual 问责 form: "
                    "its rules reach this official only through the consequences listed",
                )
            )
            summaries.append(
                OfficialSummary(
                    id=official.id,
                    accountable=None,
                    exempt=None,
                    applied=tuple(table_rules),
                    not_applied=tuple(table_not_applied),
                    notes=notes,
                )
            )
            continue
        out = outcome
        summaries.append(
            OfficialSummary(
                id=official.id,
                accountable=out.accountable,
                exempt=out.exempt if out.in_scope else None,
                form=out.form,
                form_range=out.form_range,
                modality=out.modality,
                applied=(*table_rules, *out.applied),
                not_applied=(*table_not_applied, *out.not_applied),
                notes=out.notes,
                conflicts=out.conflicts,
                not_evaluable=out.not_evaluable,
            )
        )
    return Result(
        incident_id=incident.id,
        regime=regime.name,
        library_version=__version__,
        tables=tuple((t.name, t.sha256) for t in regime.tables),
        grade=grade,
        consequences=ordered,
        officials=tuple(summaries),
        not_evaluable=tuple(run.not_evaluable),
        not_applied=tuple(run.not_applied),
        removed=tuple(removed),
        notes=tuple(run.notes),
    )
