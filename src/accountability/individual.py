"""Individual accountability (问责), official by official: RULES §4.

The clauses come from a table's ``[[clause]]`` and ``[[sanction]]`` rows (see
``tables/guiyang.toml``); this module holds their typed form, the loader for
them and the per-official algorithm:

scope → no escape by transfer → triggers → exemption → the proposal as the
base → aggravating / lenient → what follows (第二十条) → referral.

Every step records what it applied, what it considered and did not apply
(and why), conflicts, and what it could not evaluate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from .calendar import add_months, add_years, within_years_before
from .model import Conduct, Form, Incident, Official, Post, Sanction, Status
from .outcome import (
    Citation,
    Consequence,
    Kind,
    Modality,
    NotApplied,
    NotEvaluable,
    Target,
    TargetType,
)

Fail = Callable[[str], Exception]

ROLES = (
    "scope",
    "trigger",
    "accountability",
    "forms",
    "referral",
    "effects",
    "aggravating",
    "lenient",
    "exemption",
    "no_escape",
    "authority",
)
CONDUCT_FLAGS = frozenset(a.name for a in attrs.fields(Conduct))


@attrs.frozen
class Clause:
    id: str
    role: str
    summary: str
    citations: Mapping[str, Citation]
    reading: str | None

    @property
    def primary(self) -> Citation:
        return next(iter(self.citations.values()))


@attrs.frozen
class Trigger:
    clause: Clause
    flag: str
    item: str
    defeats_exemption: bool


@attrs.frozen
class Requirement:
    any_of: tuple[str, ...]
    label: str


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


@attrs.frozen
class IndividualRules:
    """The typed clauses of one table (RULES §4)."""

    table: str
    effective_from: pendulum.Date
    lenient_reading: str
    clauses: Mapping[str, Clause]
    scope_posts: frozenset[Post]
    analogous_posts: frozenset[Post]
    triggers: tuple[Trigger, ...]
    forms: tuple[Form, ...]
    referral_flag: str
    referral_to: str
    reappointment_from: Form
    reappointment_years: int
    reappointment_scope: str
    circumstances: tuple[tuple[str, tuple[str, ...]], ...]
    repeat_item: str
    repeat_window_years: int
    lenient_requires: tuple[Requirement, ...]
    wenze_groups: tuple[tuple[str, ...], ...]
    exemption_flag: str
    no_escape_statuses: frozenset[Status]
    no_escape_flags: tuple[str, ...]
    sanctions_by: str
    forms_by: str
    light_forms: frozenset[Form]
    light_forms_by: str
    sanctions: Mapping[Sanction, SanctionRule]

    def by_role(self, role: str) -> Clause:
        return next(c for c in self.clauses.values() if c.role == role)


# --------------------------------------------------------------------------- loading


def _names(fail: Fail, where: str, value: object, allowed: frozenset[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"{where}: expected a list of names")
    bad = [v for v in value if v not in allowed]
    if bad:
        raise fail(f"{where}: unknown value(s) {', '.join(bad)}")
    return tuple(value)


def _str(fail: Fail, where: str, raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise fail(f"{where}: '{key}' must be non-empty text")
    return value


def _int(fail: Fail, where: str, raw: Mapping[str, Any], key: str) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(f"{where}: '{key}' must be a whole number ≥ 0")
    return value


CLAUSE_KEYS: dict[str, set[str]] = {
    "scope": {"posts", "analogous_posts"},
    "trigger": {"flag", "item", "exemption"},
    "accountability": set(),
    "forms": {"forms"},
    "referral": {"flag", "to"},
    "effects": {"reappointment_from", "reappointment_years", "reappointment_scope"},
    "aggravating": {"circumstances", "repeat_item", "repeat_window_years"},
    "lenient": {"requires", "wenze_groups"},
    "exemption": {"flag"},
    "no_escape": {"statuses", "requires_flags"},
    "authority": {"sanctions_by", "forms_by", "light_forms", "light_forms_by"},
}


def parse_individual(
    table: str,
    meta: object,
    raw_clauses: object,
    raw_sanctions: object,
    cite: Callable[[str, object], dict[str, Citation]],
    fail: Fail,
) -> IndividualRules:
    """Check and type a table's ``[individual]``, ``[[clause]]`` and ``[[sanction]]`` rows."""
    if not isinstance(meta, dict) or set(meta) - {"effective_from", "lenient_reading"}:
        raise fail("[individual] has exactly 'effective_from' and 'lenient_reading'")
    start = meta.get("effective_from")
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise fail("[individual]: 'effective_from' must be a TOML date")
    reading = meta.get("lenient_reading", "all")
    if reading not in ("all", "wenze"):
        raise fail('[individual]: \'lenient_reading\' is "all" or "wenze"')
    if not isinstance(raw_clauses, list) or not raw_clauses:
        raise fail("[individual] needs [[clause]] rows")

    clauses: dict[str, Clause] = {}
    params: dict[str, dict[str, Any]] = {}
    triggers: list[Trigger] = []
    for index, raw in enumerate(raw_clauses):
        if not isinstance(raw, dict):
            raise fail(f"clause #{index + 1} must be a table")
        cid = raw.get("id")
        where = f"clause {cid!r}" if isinstance(cid, str) else f"clause #{index + 1}"
        if not isinstance(cid, str) or not cid:
            raise fail(f"{where}: every clause needs an 'id'")
        if cid in clauses:
            raise fail(f"{where}: duplicate clause id")
        role = raw.get("role")
        if role not in ROLES:
            raise fail(f"{where}: unknown role {role!r} (one of {', '.join(ROLES)})")
        extra = set(raw) - {"id", "role", "summary", "cite", "reading"} - CLAUSE_KEYS[role]
        if extra:
            raise fail(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        reading_text = raw.get("reading")
        if reading_text is not None and not isinstance(reading_text, str):
            raise fail(f"{where}: 'reading' must be text")
        clause = Clause(
            id=cid,
            role=role,
            summary=_str(fail, where, raw, "summary"),
            citations=cite(where, raw.get("cite")),
            reading=reading_text,
        )
        clauses[cid] = clause
        if role == "trigger":
            flag = _str(fail, where, raw, "flag")
            if flag not in CONDUCT_FLAGS:
                raise fail(f"{where}: unknown conduct flag '{flag}'")
            if raw.get("exemption") not in ("defeats", "not_covered"):
                raise fail(f'{where}: \'exemption\' is "defeats" or "not_covered"')
            triggers.append(Trigger(clause, flag, _str(fail, where, raw, "item"), raw["exemption"] == "defeats"))
        else:
            if role in params:
                raise fail(f"{where}: a second clause with role '{role}'")
            params[role] = {"where": where, **raw}
    missing = [r for r in ROLES if r != "trigger" and r not in params]
    if missing or not triggers:
        raise fail(f"[individual]: missing clause(s) with role {', '.join(missing or ['trigger'])}")

    p = params
    posts = frozenset(p.value for p in Post)
    scope = p["scope"]
    forms_raw = _names(fail, scope["where"], p["forms"].get("forms"), frozenset(f.value for f in Form))
    forms = tuple(Form(f) for f in forms_raw)
    if sorted(forms, key=list(Form).index) != list(forms) or len(set(forms)) != len(forms):
        raise fail(f"{p['forms']['where']}: 'forms' must list distinct forms from lightest to heaviest")
    referral = p["referral"]
    effects = p["effects"]
    agg = p["aggravating"]
    circumstances = []
    for item in agg.get("circumstances", []):
        if not isinstance(item, dict) or set(item) != {"item", "flags"}:
            raise fail(f"{agg['where']}: each circumstance has 'item' and 'flags'")
        flags = _names(fail, agg["where"], item["flags"], CONDUCT_FLAGS)
        circumstances.append((str(item["item"]), flags))
    lenient = p["lenient"]
    requires = []
    for item in lenient.get("requires", []):
        if not isinstance(item, dict) or set(item) != {"any", "label"}:
            raise fail(f"{lenient['where']}: each requirement has 'any' and 'label'")
        requires.append(Requirement(_names(fail, lenient["where"], item["any"], CONDUCT_FLAGS), str(item["label"])))
    groups_raw = lenient.get("wenze_groups", [])
    groups = tuple(_names(fail, lenient["where"], g, CONDUCT_FLAGS | {"reduced_or_mitigated"}) for g in groups_raw)
    escape = p["no_escape"]
    authority = p["authority"]
    referral_flag = _str(fail, referral["where"], referral, "flag")
    exemption_flag = _str(fail, p["exemption"]["where"], p["exemption"], "flag")
    for where, flag in ((referral["where"], referral_flag), (p["exemption"]["where"], exemption_flag)):
        if flag not in CONDUCT_FLAGS:
            raise fail(f"{where}: unknown conduct flag '{flag}'")
    reappointment_from = effects.get("reappointment_from")
    if reappointment_from not in forms_raw:
        raise fail(f"{effects['where']}: 'reappointment_from' must be one of the forms")

    return IndividualRules(
        table=table,
        effective_from=pendulum.Date(start.year, start.month, start.day),
        lenient_reading=reading,
        clauses=clauses,
        scope_posts=frozenset(Post(x) for x in _names(fail, scope["where"], scope.get("posts"), posts)),
        analogous_posts=frozenset(
            Post(x) for x in _names(fail, scope["where"], scope.get("analogous_posts", []), posts)
        ),
        triggers=tuple(triggers),
        forms=forms,
        referral_flag=referral_flag,
        referral_to=_str(fail, referral["where"], referral, "to"),
        reappointment_from=Form(reappointment_from),
        reappointment_years=_int(fail, effects["where"], effects, "reappointment_years"),
        reappointment_scope=_str(fail, effects["where"], effects, "reappointment_scope"),
        circumstances=tuple(circumstances),
        repeat_item=_str(fail, agg["where"], agg, "repeat_item"),
        repeat_window_years=_int(fail, agg["where"], agg, "repeat_window_years"),
        lenient_requires=tuple(requires),
        wenze_groups=groups,
        exemption_flag=exemption_flag,
        no_escape_statuses=frozenset(
            Status(s) for s in _names(fail, escape["where"], escape.get("statuses"), frozenset(s.value for s in Status))
        ),
        no_escape_flags=_names(fail, escape["where"], escape.get("requires_flags"), CONDUCT_FLAGS),
        sanctions_by=_str(fail, authority["where"], authority, "sanctions_by"),
        forms_by=_str(fail, authority["where"], authority, "forms_by"),
        light_forms=frozenset(
            Form(f) for f in _names(fail, authority["where"], authority.get("light_forms", []), frozenset(forms_raw))
        ),
        light_forms_by=_str(fail, authority["where"], authority, "light_forms_by"),
        sanctions=_sanctions(raw_sanctions, cite, fail),
    )


def _sanctions(
    raw: object, cite: Callable[[str, object], dict[str, Citation]], fail: Fail
) -> dict[Sanction, SanctionRule]:
    if not isinstance(raw, list):
        raise fail("[[sanction]] rows are needed beside the clauses")
    keys = {
        "code",
        "name",
        "months",
        "readmission_years",
        "bars_promotion",
        "removes_from_post",
        "effect",
        "cite",
    }
    out: dict[Sanction, SanctionRule] = {}
    for index, row in enumerate(raw):
        if not isinstance(row, dict):
            raise fail(f"sanction #{index + 1} must be a table")
        where = f"sanction {row.get('code')!r}"
        extra = set(row) - keys
        if extra:
            raise fail(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        code = row.get("code")
        if code not in {s.value for s in Sanction}:
            raise fail(f"{where}: unknown sanction code")
        sanction = Sanction(code)
        if sanction in out:
            raise fail(f"{where}: duplicate sanction")
        flags = []
        for key in ("bars_promotion", "removes_from_post"):
            if not isinstance(row.get(key), bool):
                raise fail(f"{where}: '{key}' must be true or false")
            flags.append(bool(row[key]))
        out[sanction] = SanctionRule(
            code=sanction,
            name=_str(fail, where, row, "name"),
            months=_int(fail, where, row, "months") if "months" in row else None,
            readmission_years=_int(fail, where, row, "readmission_years") if "readmission_years" in row else None,
            bars_promotion=flags[0],
            removes_from_post=flags[1],
            effect=_str(fail, where, row, "effect"),
            citations=tuple(cite(where, row.get("cite")).values()),
        )
    missing = [s.value for s in Sanction if s not in out]
    if missing:
        raise fail(f"[[sanction]]: no row for {', '.join(missing)}")
    return out


# --------------------------------------------------------------------------- the algorithm


@attrs.frozen
class OfficialOutcome:
    """What the clauses decide for one official."""

    in_scope: bool
    accountable: bool | None
    exempt: bool
    form: Form | None = None
    form_range: tuple[Form, ...] | None = None
    modality: Modality | None = None
    consequences: tuple[Consequence, ...] = ()
    applied: tuple[str, ...] = ()
    not_applied: tuple[NotApplied, ...] = ()
    not_evaluable: tuple[NotEvaluable, ...] = ()
    conflicts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.define
class _Trail:
    applied: list[str] = attrs.Factory(list)
    not_applied: list[NotApplied] = attrs.Factory(list)
    not_evaluable: list[NotEvaluable] = attrs.Factory(list)
    conflicts: list[str] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    consequences: list[Consequence] = attrs.Factory(list)

    def skip(self, rule: str, why: str) -> None:
        self.not_applied.append(NotApplied(rule, why))

    def outcome(self, *, in_scope: bool, accountable: bool | None, exempt: bool = False, **kw: Any) -> OfficialOutcome:
        return OfficialOutcome(
            in_scope=in_scope,
            accountable=accountable,
            exempt=exempt,
            consequences=tuple(self.consequences),
            applied=tuple(self.applied),
            not_applied=tuple(self.not_applied),
            not_evaluable=tuple(self.not_evaluable),
            conflicts=tuple(self.conflicts),
            notes=tuple(self.notes),
            **kw,
        )


def _flag(official: Official, flag: str) -> bool:
    return bool(getattr(official.conduct, flag))


def assess_official(
    official: Official,
    incident: Incident,
    history: Sequence[Incident],
    rules: IndividualRules,
    decided_on: pendulum.Date | None,
) -> OfficialOutcome:
    """RULES §4, steps 1–8, for one official."""
    trail = _Trail()
    scope = rules.by_role("scope")
    if incident.day < rules.effective_from:
        trail.skip(
            scope.id,
            f"the clauses are in force from {rules.effective_from}; the accident is of {incident.day}",
        )
        return trail.outcome(in_scope=False, accountable=None)
    if official.post in rules.scope_posts:
        trail.applied.append(scope.id)
    elif official.post in rules.analogous_posts:
        trail.applied.append(scope.id)
        trail.notes.append(f"{scope.id}: {official.post.value} is covered by analogy (参照, {scope.primary.article})")
    else:
        trail.skip(scope.id, f"post {official.post.value} is not a party or government leader (第二条): not in scope")
        trail.notes.append(
            f"{scope.id}: not in scope of the {rules.table} clauses; their accountability comes from other rules"
        )
        return trail.outcome(in_scope=False, accountable=None)

    escape = rules.by_role("no_escape")
    if official.status in rules.no_escape_statuses:
        missing = [f for f in rules.no_escape_flags if not _flag(official, f)]
        if missing:
            trail.skip(escape.id, f"status {official.status.value}; not given: {', '.join(missing)}")
            trail.notes.append(
                f"{escape.id}: a {official.status.value} official is held accountable under {escape.primary.article} "
                "only for leadership responsibility with egregious dereliction; the 办法 does not decide otherwise"
            )
            return trail.outcome(in_scope=True, accountable=None)
        trail.applied.append(escape.id)
    else:
        trail.skip(escape.id, "the official is in office")

    triggered = [t for t in rules.triggers if _flag(official, t.flag)]
    for t in rules.triggers:
        if t not in triggered:
            trail.skip(t.clause.id, f"{t.item} not given ({t.flag})")
    claimed = _flag(official, rules.exemption_flag)
    exemption = rules.by_role("exemption")
    accountability = rules.by_role("accountability")

    if not triggered:
        trail.skip(accountability.id, f"no {accountability.primary.article} circumstance given")
        if claimed:
            trail.applied.append(exemption.id)
            trail.notes.append(f"{exemption.id}: full performance of duties verified: 不予追究责任")
            return trail.outcome(in_scope=True, accountable=False, exempt=True)
        trail.skip(exemption.id, "not claimed")
        return trail.outcome(in_scope=True, accountable=False)

    standing = list(triggered)
    if claimed:
        defeating = [t for t in triggered if t.defeats_exemption]
        if defeating:
            items = "、".join(t.item for t in defeating)
            trail.skip(
                exemption.id,
                f"claimed, but contradicted by 第十八条{items}: these say the duties were not performed",
            )
        else:
            standing = [t for t in triggered if not t.defeats_exemption]
            items = "、".join(t.item for t in standing)
            trail.skip(exemption.id, f"holds for the accident's duties but does not cover 第十八条{items}")
    else:
        trail.skip(exemption.id, "not claimed")

    trail.applied.extend(t.clause.id for t in standing)
    trail.applied.append(accountability.id)
    return _accountable(official, incident, history, rules, decided_on, standing, trail)


def _repeat(
    official: Official, incident: Incident, history: Sequence[Incident], rules: IndividualRules
) -> tuple[bool | None, str]:
    """第二十一条（四）: the official's failure, a same-type accident in the year before, and this one's impact."""
    if not official.conduct.prevention_not_implemented:
        return False, "prevention_not_implemented not given"
    if not (incident.major_social_impact or incident.egregious):
        return False, "the accident is neither of major social impact nor egregious"
    if official.conduct.same_type_within_year:
        return True, "same_type_within_year given"
    window = [h for h in history if within_years_before(h.day, incident.day, rules.repeat_window_years)]
    if incident.accident_type is not None:
        same = [h for h in window if h.accident_type is incident.accident_type]
        if same:
            return True, f"same-type accident {same[0].id or same[0].day} within the year before"
    unknown = [h for h in window if h.accident_type is None]
    if incident.accident_type is None and window:
        return None, "incident.accident_type"
    if unknown:
        return None, "history accident_type (" + ", ".join(h.id or str(h.day) for h in unknown) + ")"
    return False, "no accident of the same type within the year before"


def _lenient(official: Official, rules: IndividualRules) -> tuple[bool, str]:
    if rules.lenient_reading == "wenze":

        def has(flag: str) -> bool:
            if flag == "reduced_or_mitigated":
                return official.conduct.reduced_loss or official.conduct.mitigated_impact
            return _flag(official, flag)

        for group in rules.wenze_groups:
            if all(has(f) for f in group):
                return True, "met (问责条例 reading): " + ", ".join(group)
        return False, "not met (问责条例 reading): no group complete"
    missing = [r for r in rules.lenient_requires if not any(_flag(official, f) for f in r.any_of)]
    if not missing:
        return True, "met: every behaviour given"
    shown = [r for r in rules.lenient_requires if r not in missing]
    if not shown:
        return False, "no lenient behaviour given"
    names = ", ".join(f"{'/'.join(r.any_of)} ({r.label})" for r in missing)
    return False, f"considered, not met: missing {names}"


def _accountable(
    official: Official,
    incident: Incident,
    history: Sequence[Incident],
    rules: IndividualRules,
    decided_on: pendulum.Date | None,
    standing: Sequence[Trigger],
    trail: _Trail,
) -> OfficialOutcome:
    agg_clause = rules.by_role("aggravating")
    len_clause = rules.by_role("lenient")
    forms_clause = rules.by_role("forms")
    acc_clause = rules.by_role("accountability")
    authority = rules.by_role("authority")
    target = Target(TargetType.official, id=official.id)

    # aggravating
    found = [item for item, flags in rules.circumstances if all(_flag(official, f) for f in flags)]
    repeat, repeat_why = _repeat(official, incident, history, rules)
    if repeat:
        found.append(rules.repeat_item)
    elif repeat is None:
        trail.not_evaluable.append(NotEvaluable(agg_clause.id, f"{repeat_why} (for {rules.repeat_item})"))
    aggravating = bool(found)
    if aggravating:
        trail.applied.append(agg_clause.id)
    else:
        trail.skip(agg_clause.id, f"no aggravating circumstance given ({rules.repeat_item}: {repeat_why})")

    lenient, lenient_why = _lenient(official, rules)
    if lenient:
        trail.applied.append(len_clause.id)
    else:
        trail.skip(len_clause.id, lenient_why)

    cites = [acc_clause.primary, *(t.clause.primary for t in standing), forms_clause.primary]
    notes = [f"{acc_clause.primary.article}{''.join(t.item for t in standing)}: " + ", ".join(t.flag for t in standing)]
    modality = Modality.must
    form_range: tuple[Form, ...] | None = None
    form: Form | None = None
    if aggravating:
        cites.append(agg_clause.primary)
        notes.append(f"从重 ({agg_clause.primary.article}{'、'.join(found)}): mitigation barred")
    if lenient:
        cites.append(len_clause.primary)
    if aggravating and lenient:
        conflict = (
            f"{agg_clause.primary.article} (从重) and {len_clause.primary.article} (从轻、减轻) both apply: "
            "the range is left as proposed for the deciding authority"
        )
        trail.conflicts.append(conflict)
        notes.append(conflict)

    if official.proposed_form:
        ladder = list(rules.forms)
        lo, hi = ladder.index(official.proposed_form[0]), ladder.index(official.proposed_form[-1])
        if aggravating and not lenient:
            if hi > lo:
                lo += 1
                notes.append(f"从重: the lightest form of the proposed range ({ladder[lo - 1].value}) is dropped")
        elif lenient and not aggravating:
            modality = Modality.may
            if lo > 0:
                lo -= 1
                notes.append(f"可以从轻、减轻: the range may reach one form below the proposal ({ladder[lo].value})")
            else:
                notes.append("可以从轻: the proposal is already the lightest form")
        form_range = (ladder[lo], ladder[hi])
        form = ladder[lo] if lo == hi else None
        by = rules.light_forms_by if ladder[hi] in rules.light_forms else rules.forms_by
    else:
        by = rules.forms_by
        notes.append(
            "no proposal (处理建议) given: the form is for the deciding authority, among "
            + "、".join(f.value for f in rules.forms)
        )
        if lenient and not aggravating:
            modality = Modality.may
    trail.consequences.append(
        Consequence(
            rule=acc_clause.id,
            kind=Kind.accountability,
            target=target,
            modality=modality,
            citation=cites[0],
            by=by,
            form_range=form_range,
            also_cites=tuple(cites[1:]),
            notes=tuple(notes),
        )
    )

    _effects(official, incident, rules, decided_on, form_range, target, trail)

    referral = rules.by_role("referral")
    if _flag(official, rules.referral_flag):
        trail.applied.append(referral.id)
        trail.consequences.append(
            Consequence(
                rule=referral.id,
                kind=Kind.referral,
                target=target,
                modality=Modality.must,
                citation=referral.primary,
                to=(rules.referral_to,),
            )
        )
    else:
        trail.skip(referral.id, f"{rules.referral_flag} not given")
    trail.applied.append(authority.id)
    return trail.outcome(in_scope=True, accountable=True, form=form, form_range=form_range, modality=modality)


def _effects(
    official: Official,
    incident: Incident,
    rules: IndividualRules,
    decided_on: pendulum.Date | None,
    form_range: tuple[Form, ...] | None,
    target: Target,
    trail: _Trail,
) -> None:
    effects = rules.by_role("effects")
    forms_clause = rules.by_role("forms")
    cite_a, cite_b = list(effects.citations.values())[:2]
    trail.applied.append(effects.id)
    if decided_on is None:
        trail.not_evaluable.append(NotEvaluable(effects.id, "decided_on (the dates of the effects)"))

    ends: list[pendulum.Date] = []
    undated: list[str] = []
    for code in official.proposed_discipline:
        sanction = rules.sanctions[code]
        end: pendulum.Date | None = None
        note = sanction.effect
        if decided_on is not None:
            if sanction.months is not None:
                end = add_months(decided_on, sanction.months)
            elif sanction.readmission_years is not None:
                end = add_years(decided_on, sanction.readmission_years)
        if sanction.bars_promotion:
            if sanction.months is None:
                undated.append(sanction.name)
            elif end is not None:
                ends.append(end)
        trail.consequences.append(
            Consequence(
                rule=forms_clause.id,
                kind=Kind.discipline,
                target=target,
                modality=Modality.must,
                citation=sanction.citations[0],
                by=rules.sanctions_by,
                sanction=code,
                starts_on=decided_on,
                ends_on=end,
                also_cites=sanction.citations[1:],
                notes=(f"{sanction.name}: {note}",),
            )
        )

    if official.proposed_discipline and not undated:
        period_note = "the period of the longest decided sanction, from decided_on"
        ban_end = max(ends) if ends else None
        if not any(rules.sanctions[c].bars_promotion for c in official.proposed_discipline):
            period_note = "the decided sanctions carry no promotion period: per applicable rules"
    elif undated:
        ban_end = None
        period_note = f"the term of {'、'.join(undated)} is not given: its end cannot be dated"
        trail.not_evaluable.append(
            NotEvaluable(effects.id, "the term of 留党察看 (give party_probation_1y or party_probation_2y)")
        )
    else:
        ban_end = None
        period_note = "在相关规定时限内: no sanction decided, the period is per applicable rules"
    for kind in (Kind.awards_ineligible, Kind.promotion_ban):
        trail.consequences.append(
            Consequence(
                rule=effects.id,
                kind=kind,
                target=target,
                modality=Modality.must,
                citation=cite_a,
                starts_on=decided_on,
                ends_on=ban_end,
                notes=(period_note,),
            )
        )

    ladder = list(rules.forms)
    threshold = ladder.index(rules.reappointment_from)
    removing = [rules.sanctions[c].name for c in official.proposed_discipline if rules.sanctions[c].removes_from_post]
    certain = bool(removing) or (form_range is not None and ladder.index(form_range[0]) >= threshold)
    possible = form_range is not None and ladder.index(form_range[-1]) >= threshold
    if not (certain or possible):
        trail.skip(
            effects.id + ".reappointment",
            f"no form of {rules.reappointment_from.value} or heavier, no sanction that removes from post",
        )
        return
    if not incident.responsibility_accident:
        trail.skip(effects.id + ".reappointment", "not a responsibility accident (生产安全责任事故)")
        return
    why = "、".join(removing) if removing else f"{rules.reappointment_from.value} or heavier"
    notes = [f"{why}: {rules.reappointment_years} year from decided_on"]
    if not certain:
        notes.append(f"applies if the deciding authority chooses {rules.reappointment_from.value} or heavier")
    trail.consequences.append(
        Consequence(
            rule=effects.id,
            kind=Kind.reappointment_ban,
            target=target,
            modality=Modality.must if certain else Modality.may,
            citation=cite_b,
            scope=rules.reappointment_scope,
            starts_on=decided_on,
            ends_on=None if decided_on is None else add_years(decided_on, rules.reappointment_years),
            notes=tuple(notes),
        )
    )
