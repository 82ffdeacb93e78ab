"""Text rendering for people: who, what, by whom, why — Chinese terms with English codes."""

from __future__ import annotations

from decimal import Decimal

from accountability.codec import money_text
from accountability.grading import Grade, death_band, national_grade
from accountability.model import Case
from accountability.outcome import Consequence, Result, Target, TargetType
from accountability.terms import KIND_ZH, MODALITY_ZH, POST_ZH


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
    if c.starts_on and c.ends_on:
        parts.append(f"{c.starts_on} – {c.ends_on}")
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
        for c in result.consequences:
            if c.target != target:
                continue
            lines.append(f"  - {_what(c)}")
            articles = "；".join(f"{x.document} {x.article}" for x in (c.citation, *c.also_cites))
            lines.append(f"    依据 why: {c.rule} · {articles}")
            lines.append(f"    「{c.citation.quote}」")
            for note in c.notes:
                lines.append(f"    注 note: {note}")
    if result.not_evaluable:
        lines += ["", "无法评估 not evaluable:"]
        lines += [f"  - {n.rule}: needs {n.needs}" for n in result.not_evaluable]
    if result.notes:
        lines += ["", "说明 notes:"]
        lines += [f"  - {n}" for n in result.notes]
    return "\n".join(lines) + "\n"
