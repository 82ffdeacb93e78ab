"""Regime + case → consequences, in one direction and with every step recorded."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
import pendulum

from . import __version__
from .calendar import add_years, due_date
from .duties import LedgerResult, check_ledger
from .events import Event, ev
from .grading import Grade, grade_incident
from .model import Case, Incident, Moment, Review
from .money import money_text, split
from .officials import OfficialsPhase, Trail, holds
from .officials import summary as official_summary
from .outcome import (
    AssessmentResult,
    Citation,
    Consequence,
    Modality,
    NotApplied,
    NotEvaluable,
    OfficialSummary,
    Removed,
    Result,
    Target,
    TargetType,
)
from .rules import ConsequenceSpec, Facts, Regime, Rule, TargetSpec, role_label

JURISDICTION_PLACEHOLDER = "{jurisdiction}"


def _adjusted(c: Consequence, rule: Rule) -> Consequence:
    """A modifier of the incident's consequences by kind (顶格上限处罚: a fine set as a range is imposed
    at its upper bound); the consequence cites both rules."""
    modify = rule.modify
    if modify is None or c.kind not in modify.kinds or not modify.upper_limit:
        return c
    if c.amount_max_cny is None and c.rate_max is None:
        return c
    note = ev("note.upper_limit", rule=rule.id, articles=f"{rule.primary.document} {rule.primary.article}")
    return attrs.evolve(
        c,
        amount_cny=c.amount_max_cny if c.amount_max_cny is not None else c.amount_cny,
        rate=c.rate_max if c.rate_max is not None else c.rate,
        also_cites=(*c.also_cites, rule.primary),
        notes=(*c.notes, note),
    )


def accountable_jurisdiction(incident: Incident, regime: Regime) -> str | None:
    """The jurisdiction answerable for the incident: its own, or the one the regime's ``[answerable]``
    names for its level (XPCC: a regiment's accident is its division's, 事故所在师)."""
    j = incident.jurisdiction
    if j is None:
        return None
    if j.level is not None and regime.answerable.get(j.level) == "division":
        return j.division
    return j.name


def incident_grade(incident: Incident, regime: Regime) -> Grade:
    return grade_incident(incident, regime.grading).national


@attrs.define
class _Run:
    case: Case
    regime: Regime
    facts: Facts
    consequences: list[tuple[Consequence, int]] = attrs.Factory(list)
    not_evaluable: list[NotEvaluable] = attrs.Factory(list)
    not_applied: list[NotApplied] = attrs.Factory(list)
    official_not_applied: dict[str, dict[str, list[Event]]] = attrs.Factory(dict)
    notes: list[Event] = attrs.Factory(list)
    adjustments: list[Rule] = attrs.Factory(list)
    official_reasons: bool = True  # see assess_case

    def emit(
        self,
        rule: Rule,
        spec: ConsequenceSpec,
        target: Target,
        notes: Sequence[Event],
        share: Decimal | None = None,
    ) -> None:
        consequence = self.build(rule, spec, target, notes, share)
        if consequence is not None:
            self.consequences.append((consequence, len(self.consequences)))

    def build(
        self,
        rule: Rule,
        spec: ConsequenceSpec,
        target: Target,
        notes: Sequence[Event],
        share: Decimal | None = None,
        citations: Sequence[Citation] | None = None,
        modality: Modality | None = None,
    ) -> Consequence | None:
        """One consequence of ``spec`` for ``target``, dated and priced; None when it does not follow.
        ``modality``: the consequence's, whatever the designation makes it (a per-official rule sets its own)."""
        if citations is None:
            citations = [rule.citations[k] for k in spec.cite]
        day = self.case.incident.day
        decided = self.case.decided_on
        starts_on = ends_on = due_on = None
        extra: list[Event] = []
        if spec.period == "accident_year":
            starts_on = pendulum.Date(day.year, 1, 1)
            ends_on = pendulum.Date(day.year, 12, 31)
        if spec.period != "from_publication" and (
            spec.ban_years is not None or spec.lifelong or spec.period == "from_decision"
        ):
            starts_on = decided
            if decided is None:
                self.not_evaluable.append(NotEvaluable(rule.id, ev("needs.dates", kind=spec.kind)))
            elif spec.ban_years is not None and not spec.lifelong:
                ends_on = add_years(decided, spec.ban_years)
            if spec.lifelong:
                extra.append(ev("note.lifelong"))
        if spec.period == "from_publication":
            published, assumed = self.publication()
            starts_on = published
            if published is None:
                extra.append(ev("note.publication_unknown"))
                self.not_evaluable.append(NotEvaluable(rule.id, ev("needs.publication", kind=spec.kind)))
            else:
                ends_on = add_years(published, spec.ban_years or 1)
                if assumed:
                    extra.append(ev("note.publication_assumed", day=str(published)))
        if spec.due_days is not None:
            published, _ = self.publication()
            if published is not None:
                due_on, moved = due_date(published, spec.due_days)
                extra.append(ev("note.due", days=spec.due_days, day=str(published)))
                if moved:
                    extra.append(moved)
        by = spec.by
        if by is not None and JURISDICTION_PLACEHOLDER in by:
            name = accountable_jurisdiction(self.case.incident, self.regime) or self.regime.jurisdiction_label
            by = by.replace(JURISDICTION_PLACEHOLDER, name)

        amount = share if share is not None else spec.amount
        amount_min = amount_max = None
        rate, rate_min, rate_max = spec.rate, None, None
        if spec.amount_range is not None:
            amount_min, amount_max = spec.amount_range
        if spec.rate_range is not None:
            rate_min, rate_max = spec.rate_range
        income = self.income(target)
        if spec.rate is not None or spec.rate_range is not None:
            if income is None:
                extra.append(ev("note.income_unknown"))
            else:
                extra.append(ev("note.income", amount=money_text(income)))
                if spec.rate is not None:
                    amount = income * spec.rate
                if rate_min is not None and rate_max is not None:
                    amount_min, amount_max = income * rate_min, income * rate_max
        designated_modality = spec.modality
        if spec.by_designation:
            designated = self.case.assessment.designated if self.case.assessment else None
            if designated is False:
                return None
            if designated is None:
                designated_modality = Modality.may
                extra.append(ev("note.designation_unknown"))
        return Consequence(
            rule=rule.id,
            kind=spec.kind,
            target=target,
            modality=designated_modality if modality is None else modality,
            citation=citations[0],
            by=by,
            to=spec.to,
            scope=spec.scope,
            effects=spec.effects,
            sanction=spec.sanction or None,
            amount_cny=amount,
            amount_min_cny=amount_min,
            amount_max_cny=amount_max,
            rate=rate,
            rate_min=rate_min,
            rate_max=rate_max,
            starts_on=starts_on,
            ends_on=ends_on,
            due_on=due_on,
            also_cites=tuple(citations[1:]),
            notes=(*spec.notes, *extra, *notes),
        )

    def income(self, target: Target) -> Decimal | None:
        if target.type is not TargetType.official:
            return None
        official = next(o for o in self.case.officials if o.id == target.id)
        return official.previous_year_income_cny

    def publication(self) -> tuple[pendulum.Date | None, bool]:
        """The assessment's publication date; without one, the date its scale's table assumes (XPCC 办法
        第九条: the last day of February of the next year), or None where the table assumes none."""
        a = self.case.assessment
        if a is None:
            return None, False
        if a.published_on is not None:
            return a.published_on, False
        scale = self.regime.assessment
        if scale is not None and scale.publication_assumed == "end_of_february_next_year":
            return pendulum.Date(a.year + 1, 3, 1).subtract(days=1), True
        return None, False

    def apply(self, rule: Rule) -> None:
        verdict = rule.when(self.facts)
        if not holds(rule.id, verdict, self.not_applied, self.not_evaluable):
            return
        if rule.note is not None:
            self.notes.append(ev("note.rule_why", rule=rule.id, note=rule.note, why=verdict.why))
        if rule.date_unknown:
            self.notes.append(ev("note.date_unknown", rule=rule.id))
        if rule.modify is not None:
            self.adjustments.append(rule)
        for spec in rule.consequences:
            if spec.when is not None:
                sub = spec.when(self.facts)
                if sub.value is None:
                    self.not_evaluable.append(
                        NotEvaluable(rule.id, ev("needs.for_kind", fields=sub.needs, kind=spec.kind))
                    )
                    continue
                if sub.value is False:
                    continue
            self.target(rule, spec, verdict.matched_priors)

    def target(self, rule: Rule, spec: ConsequenceSpec, priors: Sequence[Incident]) -> None:
        t = spec.target
        if t.type is not TargetType.official:
            if t.of == "responsible":  # several responsible units: each gets its own
                for unit in self.responsible_targets(t):
                    self.emit(rule, spec, unit, ())
                return
            self.emit(rule, spec, self.fixed_target(t), ())
            return
        assert t.selector is not None
        selector = t.selector
        matched: list[Target] = []
        officials = self.case.officials
        for official, v in zip(officials, selector.match_all(officials, self.facts, priors), strict=True):
            if v.value is True:
                matched.append(Target(TargetType.official, id=official.id))
            elif v.value is None:
                self.not_evaluable.append(
                    NotEvaluable(
                        rule.id,
                        ev(
                            "needs.for_official",
                            fields=v.needs,
                            official=official.id,
                            label=self.role_label(selector.label),
                        ),
                    )
                )
            elif self.official_reasons:
                reasons = self.official_not_applied.setdefault(official.id, {}).setdefault(rule.id, [])
                if v.why not in reasons:
                    reasons.append(v.why)
        if matched:
            shares: list[Decimal | None] = [None] * len(matched)
            split_note: tuple[Event, ...] = ()
            if spec.split and spec.amount is not None:
                shares = list(split(spec.amount, len(matched)))
                split_note = (ev("note.split", amount=money_text(spec.amount), count=len(matched)),)
            for target, share in zip(matched, shares, strict=True):
                self.emit(rule, spec, target, split_note, share)
            return
        if selector.needs_conduct:
            self.not_applied.append(
                NotApplied(rule.id, ev("rule.no_official_with_conduct", label=self.role_label(selector.label)))
            )
            return
        label = self.role_label(selector.label)
        note = ev("note.unassigned_role", label=label)
        if selector.signatories:
            note = ev("note.unassigned_signatory", label=label)
        self.emit(rule, spec, Target(TargetType.role, name=label), (note,))

    def role_label(self, label: str) -> str:
        return role_label(label, self.case.incident)

    def responsible_targets(self, t: TargetSpec) -> list[Target]:
        """Every responsible unit (incident.responsible_units, else the one unit), each by its name."""
        units = self.case.incident.responsible
        named = [Target(t.type, name=u.name) for u in units if u is not None and u.name]
        if len(named) == len(units):
            return list(dict.fromkeys(named))
        return [self.fixed_target(t)]

    def fixed_target(self, t: TargetSpec) -> Target:
        incident = self.case.incident
        if t.of is None:
            return Target(t.type, name=t.name)
        if t.of == "incident":
            return Target(
                t.type, name=accountable_jurisdiction(incident, self.regime) or self.regime.jurisdiction_label
            )
        j = incident.jurisdiction
        if t.of in ("city", "county", "township"):
            labels = {"city": "事发地市", "county": "事发地县（市、区）", "township": "事发地乡镇（街道）"}
            name = None
            if j is not None:
                if t.of == "city":
                    name = j.city or (j.name if j.level == "city" else None)
                elif t.of == "county":
                    name = j.county or (j.name if j.level == "county" else None)
                elif j.level == "township":
                    name = j.name
            return Target(t.type, name=name or labels[t.of])
        if t.of == "assessed":
            a = self.case.assessment
            return Target(
                t.type,
                name=(a.name if a and a.name else None)
                or accountable_jurisdiction(incident, self.regime)
                or "被考核单位",
            )
        unit = incident.responsible_unit if t.of == "responsible" else None
        unit = unit or incident.unit
        fallback = "事故责任单位" if t.of == "responsible" else "事故发生单位"
        return Target(t.type, name=(unit.name if unit and unit.name else fallback))


def report_clock(incident: Incident, regime: Regime) -> tuple[bool | None, Event]:
    """493号 第九条: the unit's head reports within 1 hour (``[grading] report_within_minutes``) of learning."""
    if regime.grading is None:
        return None, ev("report.no_clock")
    if incident.reported_at is None or incident.reported_at.instant is None:
        return None, ev("report.unknown")
    learned = incident.learned_at or incident.occurred_at
    if learned.instant is None:
        return None, ev("report.date_only")
    delay = incident.reported_at.instant - learned.instant
    seconds = int(delay.total_seconds())
    if seconds < 0:
        return False, ev("report.before_learning")
    hours, rest = divmod(seconds, 3600)
    shown = ev("delay.hours", hours=hours, minutes=rest // 60) if hours else ev("delay.minutes", minutes=rest // 60)
    late = seconds > regime.grading.report_within_minutes * 60
    return late, ev("report.late" if late else "report.in_time", delay=shown)


def _vetoed_by(case: Case, regime: Regime, facts: Facts) -> tuple[str, ...]:
    """Incidents of the assessment year (Shanghai dates) that meet a veto rule of the regime."""
    assert case.assessment is not None
    year = case.assessment.year
    found: list[str] = []
    history = facts.history
    candidates = [(case.incident, facts.grade), *history]
    for incident, grade in candidates:
        if incident.day.year != year:
            continue
        sub = Facts(incident, grade, history)
        for rule in regime.veto_rules:
            if rule.in_force(incident.day) and rule.when(sub).value is True:
                found.append(f"{incident.id or incident.day} ({rule.id})")
                break
    return tuple(found)


def _ledger_notes(result: LedgerResult) -> list[Event]:
    notes = []
    for check in result.checks:
        if check.met is None:
            continue
        if check.met:
            notes.append(ev("ledger.met", duty=check.duty.id, article=check.duty.citation.article))
        else:
            gaps = tuple(
                ev("ledger.gap", start=str(b.start), end=str(b.end), done=b.done, required=b.required)
                for b in check.buckets
                if b.short
            )
            notes.append(
                ev(
                    "ledger.short",
                    duty=check.duty.id,
                    count=check.short,
                    gaps=gaps,
                    article=check.duty.citation.article,
                )
            )
    return notes


def apply_ledgers(case: Case, regime: Regime) -> tuple[Case, dict[str, list[Event]]]:
    """An official's ledger decides 履职: a shortfall is 未履职 (duties_not_performed); a complete
    record of every checkable duty supports full performance (duties_fully_performed)."""
    notes: dict[str, list[Event]] = {}
    officials = []
    default_level = case.incident.jurisdiction.level if case.incident.jurisdiction else None
    for official in case.officials:
        ledger = official.ledger
        if ledger is None:
            officials.append(official)
            continue
        if ledger.level is None and default_level is not None:
            ledger = attrs.evolve(ledger, level=default_level)
        result = check_ledger(regime.duties, official.post, ledger)
        mine = _ledger_notes(result)
        conduct = official.conduct
        if not result.checks:
            mine.append(ev("ledger.no_catalogue", regime=regime.name, post=official.post))
        elif result.short:
            conduct = conduct.with_flag("duties_not_performed")
            mine.append(ev("ledger.derived_short"))
        elif result.complete:
            conduct = conduct.with_flag("duties_fully_performed")
            mine.append(ev("ledger.derived_complete"))
        else:
            mine.append(ev("ledger.nothing"))
        mine.extend(ev("ledger.note", note=n) for n in result.notes[1:])
        notes[official.id] = mine
        officials.append(attrs.evolve(official, conduct=conduct))
    return attrs.evolve(case, officials=tuple(officials)), notes


def assess_case(case: Case, regime: Regime, *, only: str | None = None, official_reasons: bool = True) -> Result:
    """Apply every rule of ``regime`` to ``case``; pure, deterministic.

    ``only="assessment"`` applies just the rules of the annual assessment (``review``).
    ``official_reasons=False`` leaves out of each official's ``not_applied`` why the incident rules that
    name a role did not reach them (the longest part of the full explanation, which the shorter outputs
    do not show); nothing else changes.
    """
    case, ledger_notes = apply_ledgers(case, regime)
    incident = case.incident
    grade = grade_incident(incident, regime.grading, regime.death_bands)
    history = tuple((h, incident_grade(h, regime)) for h in case.history if h is not incident)
    late, late_why = report_clock(incident, regime)
    if incident.report_failure:  # the investigation's finding stands beside the clock
        stated = tuple(incident.report_failure)
        if "late" in incident.report_failure or late is None:
            late, late_why = "late" in incident.report_failure, ev("report.stated", values=stated)
    scale = regime.assessment
    band = None
    if case.assessment is not None and case.assessment.score is not None and scale is not None:
        band = scale.band(case.assessment.score)
    facts = Facts(
        incident,
        grade.national,
        history,
        report_late=late,
        report_why=late_why,
        signatories_flagged=any(o.signatory for o in case.officials),
        assessment=case.assessment,
        band=band,
    )
    vetoed_by: tuple[str, ...] = ()
    if case.assessment is not None:
        vetoed_by = _vetoed_by(case, regime, facts)
        facts = attrs.evolve(facts, vetoed=bool(vetoed_by))
    run = _Run(case=case, regime=regime, facts=facts, official_reasons=official_reasons)

    scheme = regime.grading
    if only is None and scheme is None:
        run.notes.append(ev("note.no_grading", regime=regime.name))
    elif only is None and scheme is not None and incident.day < scheme.effective_from:
        run.notes.append(ev("note.not_graded", day=str(incident.day), start=str(scheme.effective_from)))
    elif grade.national is Grade.none and only is None:
        run.notes.append(ev("note.no_accident"))
    for rule_id, eras in regime.incident_eras.items():
        if only is not None and eras[0].applies_to != only:
            continue
        anchor = (
            incident.day
            if eras[0].applies_to == "incident" or case.assessment is None
            else pendulum.Date(case.assessment.year, 12, 31)
        )
        in_force = [r for r in eras if r.in_force(anchor)]
        if not in_force:
            spans = ", ".join(
                f"{r.effective_from}–{r.effective_to or ''}" for r in sorted(eras, key=lambda r: r.effective_from)
            )
            earliest = min(r.effective_from for r in eras)
            code = "rule.before_encoded" if anchor == incident.day else "rule.before_encoded_year"
            why = (
                ev(code, start=str(earliest), day=str(anchor))
                if anchor < earliest
                else ev("rule.not_in_force", day=str(anchor), spans=spans)
            )
            run.not_applied.append(NotApplied(rule_id, why))
            continue
        run.apply(in_force[0])

    for adjustment in run.adjustments:
        run.consequences = [(_adjusted(c, adjustment), i) for c, i in run.consequences]

    if grade.provisional_until is not None and (case.decided_on is None or case.decided_on <= grade.provisional_until):
        run.notes.append(ev("note.provisional", day=str(grade.provisional_until)))
    if late is not None and incident.reported_at is not None:
        run.notes.append(ev("note.report_clock", report=late_why))

    assessment_result = None
    if case.assessment is not None:
        published, assumed = run.publication()
        if assumed:
            run.notes.append(ev("note.publication_default", day=str(published), year=case.assessment.year + 1))
        if scale is None:
            run.notes.append(ev("note.no_scale", regime=regime.name))
        elif case.assessment.score is None:
            run.not_evaluable.append(NotEvaluable("assessment", ev("needs.score")))
        vetoes_of_the_assessment = tuple(
            dict.fromkeys(
                f"{c.rule} (the assessment)"
                for c, _ in run.consequences
                if c.kind == "veto" and regime.eras[c.rule][0].applies_to == "assessment"
            )
        )
        vetoed_by = (*vetoed_by, *vetoes_of_the_assessment)
        assessment_result = AssessmentResult(
            year=case.assessment.year,
            score=case.assessment.score,
            band=band,
            eligible=None if band is None or scale is None else (band in scale.eligible and not vetoed_by),
            designated=case.assessment.designated,
            vetoed=bool(vetoed_by),
            vetoed_by=vetoed_by,
            published_on=published,
            published_on_assumed=assumed,
        )
        if vetoed_by:
            run.notes.append(ev("note.vetoed", vetoes=vetoed_by))

    trails: dict[str, Trail] = {}
    removed: list[Removed] = []
    if only is None and regime.official_eras:
        phase = OfficialsPhase(run, regime)
        rules = phase.in_force()
        for official in case.officials:
            trail = phase.judge(official, rules)
            trails[official.id] = trail
            removed.extend(phase.defeat(trail))
            run.not_evaluable.extend(
                NotEvaluable(n.rule, ev("needs.of_official", needs=n.needs, official=official.id))
                for n in trail.not_evaluable
            )
            for c in trail.consequences:
                run.consequences.append((c, len(run.consequences)))

    ordered = tuple(
        c
        for c, _ in sorted(
            run.consequences, key=lambda ci: (ci[0].rule, ci[0].target.sort_key(), ci[0].kind, ci[1])
        )
    )
    summaries = _official_summaries(run, ordered, trails, ledger_notes)
    return Result(
        incident_id=incident.id,
        regime=regime.name,
        library_version=__version__,
        tables=tuple((t.name, t.sha256) for t in regime.tables),
        grade=grade,
        consequences=ordered,
        officials=summaries,
        not_evaluable=tuple(dict.fromkeys(run.not_evaluable)),
        not_applied=tuple(run.not_applied),
        removed=tuple(removed),
        assessment=assessment_result,
        notes=tuple(run.notes),
    )


def _official_summaries(
    run: _Run, ordered: Sequence[Consequence], trails: dict[str, Trail], ledger_notes: dict[str, list[Event]]
) -> tuple[OfficialSummary, ...]:
    """Each official's verdict (:func:`officials.summary`), with the incident rules whose consequences
    reached them and why the others that name them did not."""
    regime = run.regime
    official_ids = {rid for rid, _ in regime.official_eras}
    rules_of: dict[str | None, set[str]] = {}
    for c in ordered:
        if c.target.type is TargetType.official:
            rules_of.setdefault(c.target.id, set()).add(c.rule)
    summaries = []
    for official in run.case.officials:
        mine = rules_of.get(official.id, set())
        incident_rules = sorted(r for r in mine if r not in official_ids)
        table_not_applied = [
            NotApplied(rid, whys[0] if len(whys) == 1 else ev("all", parts=tuple(whys)))
            for rid, whys in run.official_not_applied.get(official.id, {}).items()
            if rid not in mine
        ]
        notes = ledger_notes.get(official.id, ())
        summaries.append(
            official_summary(regime, official, trails.get(official.id), incident_rules, notes, table_not_applied)
        )
    return tuple(summaries)


def review_case(review: Review, regime: Regime) -> Result:
    """A unit's year (docs/rules.md §3, the XPCC annual assessment): band, veto, fine or reward and every share.

    The year's incidents decide the veto; only the assessment rules apply.
    """
    year_end = pendulum.Date(review.assessment.year, 12, 31)
    case = Case(
        incident=Incident(occurred_at=Moment(year_end), deaths=0),
        regime=review.regime,
        history=review.incidents,
        officials=review.officials,
        assessment=review.assessment,
    )
    return assess_case(case, regime, only="assessment")


def compare_case(case: Case, regimes: Sequence[Regime]) -> dict[str, Result]:
    """The same case through several regimes, side by side (regime name → result)."""
    return {regime.name: assess_case(case, regime) for regime in regimes}
