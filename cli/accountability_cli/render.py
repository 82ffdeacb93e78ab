"""Text rendering for people: who, what, by whom, why — Chinese terms with English codes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from accountability.grading import Grade, death_band, national_grade
from accountability.model import Case, Official
from accountability.money import money_text
from accountability.outcome import Consequence, Result, Target, TargetType
from accountability.rules import Regime, articles_text
from accountability.terms import FORM_ZH, KIND_ZH, MODALITY_ZH, POST_ZH


def _grade(g: Grade) -> str:
    return f"{g.zh} {g.value}"


def grade_lines(deaths: int, injuries: int, loss: Decimal) -> str:
    overall, by_deaths, by_injuries, by_loss = national_grade(deaths, injuries, loss)
    return "\n".join(
        [
            f"事故等级 national grade: {_grade(overall)}",
            f"  死亡 deaths {deaths}: {_grade(by_deaths)}",
            f"  重伤 serious injuries {injuries}: {_grade(by_injuries)}",
            f"  直接经济损失 direct loss {money_text(loss)} 元: {_grade(by_loss)}",
            f"死亡档 death band: {death_band(deaths).value}",
            "依据 生产安全事故报告和调查处理条例 第三条 (以上含本数，以下不含本数)",
            "",
        ]
    )


def _who(case: Case, target: Target) -> str:
    if target.type is TargetType.official:
        for o in case.officials:
            if o.id == target.id:
                name = f"{o.name} " if o.name else ""
                return f"{name}({o.id}) · {POST_ZH[o.post.value]} {o.post.value}"
        return f"({target.id})"
    kind = {"unit": "单位 unit", "jurisdiction": "辖区 jurisdiction", "role": "职位 role"}[target.type.value]
    return f"{target.name} · {kind}"


BAND_ZH = {"advanced": "先进", "good": "良好", "qualified": "合格", "unqualified": "不合格"}


def assessment_lines(result: Result) -> list[str]:
    a = result.assessment
    if a is None:
        return []
    band = f"{BAND_ZH[a.band]} {a.band}" if a.band else "未评定 not assessed (no score)"
    assumed = " (assumed: no published_on given)" if a.published_on_assumed else ""
    lines = [
        "",
        f"年度考核 assessment {a.year}: 得分 score {a.score if a.score is not None else '—'} · 档次 band {band}",
        f"  可评先进/良好 eligible: {_yes(a.eligible)} · 已评定 designated: {_yes(a.designated)} · "
        f"一票否决 vetoed: {_yes(a.vetoed)}" + (f" ({', '.join(a.vetoed_by)})" if a.vetoed_by else ""),
        f"  公布 published on {a.published_on}{assumed}",
    ]
    return lines


def render_review(case_officials: Sequence[Official], result: Result) -> str:
    """``accountability review`` for people: the year's band and what follows, who pays or receives what."""
    lines = [f"规则体系 regime: {result.regime}"]
    lines += assessment_lines(result)
    lines += ["", f"后果 consequences: {len(result.consequences)}"]
    names = {o.id: o for o in case_officials}
    order: list[Target] = []
    for c in result.consequences:
        if c.target not in order:
            order.append(c.target)
    for target in order:
        if target.type is TargetType.official and target.id in names:
            o = names[target.id]
            who = f"{o.name + ' ' if o.name else ''}({o.id}) · {POST_ZH[o.post.value]} {o.post.value}"
        else:
            who = f"{target.name} · {target.type.value}"
        lines += ["", f"■ {who}", *_consequence_lines(result, target)]
    if result.not_evaluable:
        lines += ["", "无法评估 not evaluable:"] + [f"  - {n.rule}: needs {n.needs}" for n in result.not_evaluable]
    if result.notes:
        lines += ["", "说明 notes:"] + [f"  - {n}" for n in result.notes]
    return "\n".join(lines) + "\n"


def _consequence_lines(result: Result, target: Target) -> list[str]:
    lines = []
    for c in result.consequences:
        if c.target != target:
            continue
        lines.append(f"  - {_what(c)}")
        articles = articles_text((c.citation, *c.also_cites))
        lines.append(f"    依据 why: {c.rule} · {articles}")
        lines.append(f"    「{c.citation.quote}」")
        for note in c.notes:
            lines.append(f"    注 note: {note}")
    return lines


def _forms(forms: tuple[object, ...] | None) -> str:
    if not forms:
        return "—"
    names = [f"{FORM_ZH[str(getattr(f, 'value', f))]} {getattr(f, 'value', f)}" for f in forms]
    return names[0] if len(set(names)) == 1 else f"{names[0]} – {names[-1]}"


def _yes(value: bool | None) -> str:
    return {True: "是 yes", False: "否 no", None: "未判定 not decided"}[value]


def render_explain(case: Case, result: Result, regime: Regime, official_id: str) -> str:
    """The trail for one official: what applied, what was considered and why not, conflicts, unknowns."""
    official = next(o for o in case.officials if o.id == official_id)
    summary = next(o for o in result.officials if o.id == official_id)
    target = Target(TargetType.official, id=official_id)
    name = f"{official.name} " if official.name else ""
    lines = [
        f"{name}({official.id}) · {POST_ZH[official.post.value]} {official.post.value} · "
        f"status {official.status.value} · regime {result.regime}",
        f"事故 incident {result.incident_id or '(no id)'} · {case.incident.day} · "
        f"{result.grade.national.zh} {result.grade.national.value} · 死亡 {case.incident.deaths} 人",
        "",
        f"问责 accountable: {_yes(summary.accountable)} · 免责 exempt: {_yes(summary.exempt)}",
    ]
    if summary.form_range is not None or summary.form is not None:
        modality = f" ({MODALITY_ZH[summary.modality.value]} {summary.modality.value})" if summary.modality else ""
        lines.append(f"问责方式 form: {_forms(summary.form_range)}{modality}")
        if official.proposed_form:
            lines.append(f"  处理建议 proposed: {_forms(official.proposed_form)}")
    if official.proposed_discipline:
        lines.append("纪律处分 sanctions: " + "、".join(s.value for s in official.proposed_discipline))

    def described(rule_id: str) -> tuple[str, str | None]:
        articles, text, reading = regime.describe(rule_id, case.incident.day)
        return (f"{articles}: {text}" if articles else text), reading

    lines += ["", f"适用 applied ({len(summary.applied)}):"]
    for rule_id in summary.applied:
        text, reading = described(rule_id)
        lines.append(f"  ✓ {rule_id} — {text}")
        if reading:
            lines.append(f"      解释 reading: {reading}")
    lines += ["", f"考虑但未适用 considered, not applied ({len(summary.not_applied)}):"]
    for item in summary.not_applied:
        articles = regime.describe(item.rule, case.incident.day)[0]
        where = f" ({articles})" if articles else ""
        lines.append(f"  ✗ {item.rule}{where}: {item.why}")
    if summary.conflicts:
        lines += ["", "冲突 conflicts:"] + [f"  ! {c}" for c in summary.conflicts]
    if summary.not_evaluable:
        lines += ["", "无法评估 not evaluable:"] + [f"  ? {n.rule}: needs {n.needs}" for n in summary.not_evaluable]
    consequences = _consequence_lines(result, target)
    lines += ["", f"后果 consequences ({sum(1 for c in result.consequences if c.target == target)}):", *consequences]
    removed = [r for r in result.removed if r.target == target]
    if removed:
        lines += ["", "因免责移除 removed:"]
        lines += [f"  - {r.rule} {KIND_ZH[r.kind.value]} {r.kind.value}: {r.by_rule}, {r.why}" for r in removed]
    if summary.notes:
        lines += ["", "说明 notes:"] + [f"  - {n}" for n in summary.notes]
    return "\n".join(lines) + "\n"


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _what(c: Consequence) -> str:
    parts = [f"{KIND_ZH[c.kind.value]} {c.kind.value}", f"{MODALITY_ZH[c.modality.value]} {c.modality.value}"]
    if c.by:
        parts.append(f"由 by {c.by}")
    if c.to:
        parts.append(f"向 to {'、'.join(c.to)}")
    if c.scope:
        parts.append(f"范围 scope {c.scope}")
    if c.effects:
        parts.append("；".join(c.effects))
    if c.amount_cny is not None:
        parts.append(f"金额 {money_text(c.amount_cny)} 元")
    if c.amount_min_cny is not None and c.amount_max_cny is not None:
        parts.append(f"幅度 range {money_text(c.amount_min_cny)}–{money_text(c.amount_max_cny)} 元")
    if c.rate is not None:
        parts.append(f"上一年年收入 income × {_percent(c.rate)}")
    if c.rate_min is not None and c.rate_max is not None:
        parts.append(f"上一年年收入 income × {_percent(c.rate_min)}–{_percent(c.rate_max)}")
    if c.due_on is not None:
        parts.append(f"期限 due {c.due_on}")
    if c.form_range:
        parts.append(f"方式 {_forms(c.form_range)}")
    if c.sanction:
        parts.append(f"处分 {c.sanction.value}")
    if c.starts_on or c.ends_on:
        parts.append(f"{c.starts_on or '?'} – {c.ends_on or '?'}")
    return " · ".join(parts)


def render_table(case: Case, result: Result) -> str:
    i = case.incident
    g = result.grade
    lines = [
        f"事故 incident {result.incident_id or '(no id)'} · {i.day}"
        + (f" · {i.sector.value}" if i.sector else "")
        + (f" · {i.jurisdiction.name}" if i.jurisdiction and i.jurisdiction.name else ""),
        f"死亡 {i.deaths} 人 · 重伤 {i.serious_injuries} 人 · 直接经济损失 {money_text(i.direct_loss_cny)} 元",
        f"等级 grade: {_grade(g.national)} · 死亡档 band {g.death_band.value}"
        + (f" · 伤亡人数可变更至 provisional until {g.provisional_until}" if g.provisional_until else ""),
        f"规则体系 regime: {result.regime}",
        "",
        f"后果 consequences: {len(result.consequences)}",
    ]
    order: list[Target] = []
    for o in case.officials:
        t = Target(TargetType.official, id=o.id)
        if any(c.target == t for c in result.consequences):
            order.append(t)
    for c in result.consequences:
        if c.target not in order:
            order.append(c.target)
    for target in order:
        lines.append("")
        lines.append(f"■ {_who(case, target)}")
        lines.extend(_consequence_lines(result, target))
    lines += assessment_lines(result)
    decided = [entry for entry in result.officials if entry.accountable is not None or entry.exempt]
    if decided:
        lines += ["", "个人问责 individual accountability:"]
        for entry in decided:
            person = next(x for x in case.officials if x.id == entry.id)
            name = f"{person.name} " if person.name else ""
            state = (
                "免责 exempt"
                if entry.exempt
                else ("问责 accountable" if entry.accountable else "不问责 not accountable")
            )
            form = f" · 方式 {_forms(entry.form_range)}" if entry.form_range else ""
            modality = (
                f" ({MODALITY_ZH[entry.modality.value]} {entry.modality.value})"
                if entry.modality and entry.form_range
                else ""
            )
            lines.append(f"  - {name}({entry.id}): {state}{form}{modality}")
            lines += [f"      ! {c}" for c in entry.conflicts]
    if result.removed:
        lines += ["", "因免责移除 removed by an exemption:"]
        for r in result.removed:
            lines.append(f"  - {_who(case, r.target)}: {KIND_ZH[r.kind.value]} {r.kind.value} ({r.rule}) — {r.by_rule}")
    if result.not_evaluable:
        lines += ["", "无法评估 not evaluable:"]
        lines += [f"  - {n.rule}: needs {n.needs}" for n in result.not_evaluable]
    if result.notes:
        lines += ["", "说明 notes:"]
        lines += [f"  - {n}" for n in result.notes]
    return "\n".join(lines) + "\n"


def render_compare(case: Case, results: dict[str, Result]) -> str:
    """Per official (then per unit, jurisdiction or role), what each regime gives, side by side."""
    names = sorted(results)
    first = results[names[0]]
    lines = [
        f"事故 incident {first.incident_id or '(no id)'} · {case.incident.day} · "
        f"{first.grade.national.zh} {first.grade.national.value} · 死亡 {case.incident.deaths} 人",
        f"规则体系 regimes: {', '.join(names)}",
    ]
    targets: list[Target] = [Target(TargetType.official, id=o.id) for o in case.officials]
    for name in names:
        for c in results[name].consequences:
            if c.target not in targets:
                targets.append(c.target)
    width = max(len(n) for n in names)
    for target in targets:
        lines += ["", f"■ {_who(case, target)}"]
        for name in names:
            result = results[name]
            kinds = [c for c in result.consequences if c.target == target]
            cell = "、".join(dict.fromkeys(f"{KIND_ZH[c.kind.value]}" for c in kinds)) or "—"
            rules = ", ".join(dict.fromkeys(c.rule for c in kinds))
            state = ""
            if target.type is TargetType.official:
                summary = next(o for o in result.officials if o.id == target.id)
                if summary.exempt:
                    state = " [免责 exempt]"
                elif summary.accountable and summary.form_range:
                    state = f" [问责 {_forms(summary.form_range)}]"
            lines.append(f"  {name.ljust(width)}  {cell}{state}" + (f"  ({rules})" if rules else ""))
    return "\n".join(lines) + "\n"


PER_ZH = {"month": "每月", "quarter": "每季度", "half_year": "每半年", "year": "每年"}


def render_ledger(regime: str, official: Official, out: dict[str, Any]) -> str:
    """The ledger check for people: each duty met or short, period by period."""
    name = f"{official.name} " if official.name else ""
    lines = [
        f"{name}({official.id}) · {POST_ZH[official.post.value]} {official.post.value} · level {out['level'] or '?'}"
        f" · regime {regime}",
        f"台账期间 ledger period: {out['from']} – {out['to']}",
        f"结论 result: {'全部达标 every checked duty met' if out['complete'] else '未全部达标 not complete'}",
    ]
    for duty in out["duties"]:
        state = {True: "✓ 达标 met", False: f"✗ 不足 short by {duty['short']}", None: "? 未判定 not judged"}[
            duty["met"]
        ]
        lines += [
            "",
            f"{state} · {duty['duty']}",
            f"    {duty['summary']} ({PER_ZH[duty['per']]} ≥ {duty['min']} {duty['activity']})",
        ]
        lines.append(
            f"    依据 {duty['citation']['document']} {duty['citation']['article']}「{duty['citation']['quote']}」"
        )
        for period in duty["periods"]:
            mark = "✓" if not period["short"] else "✗"
            lines.append(f"    {mark} {period['from']} – {period['to']}: {period['done']} / {period['required']}")
        for period in duty["not_checked"]:
            lines.append(f"    - {period['from']} – {period['to']}: not checked ({period['why']})")
    if out["not_checked_level_unknown"]:
        lines += ["", "level unknown, not checked: " + ", ".join(out["not_checked_level_unknown"])]
    lines += ["", "说明 notes:"] + [f"  - {n}" for n in out["notes"]]
    return "\n".join(lines) + "\n"
