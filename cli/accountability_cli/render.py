"""Rendering for people: who, what, by whom, why — in Chinese (zh) or English (en).

Text (``table``), Markdown and a self-contained printable HTML page. The
engine's notes and explanations are coded events (accountability.events),
rendered here in the language of ``--lang``, as are the labels, kinds, posts,
forms and grades.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import attrs

from accountability.events import Event
from accountability.grading import Grade, death_band, national_grade
from accountability.model import Case, Official
from accountability.money import money_text
from accountability.outcome import Consequence, OfficialSummary, Result, Target, TargetType
from accountability.rules import Regime, articles_text
from accountability.terms import BAND, FORM, GRADE, KIND, MODALITY, POST, SANCTION, STATUS, TARGET, term


class Words:
    """Labels in one language: ``w("事故", "incident")``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def say(self, event: Event) -> str:
        """An explanation of the engine (a coded event), in this language."""
        return event.text(self.lang)

    def kind(self, code: str) -> str:
        return term(KIND, code, self.lang)

    def post(self, code: str) -> str:
        return term(POST, code, self.lang)

    def form(self, code: str) -> str:
        return term(FORM, code, self.lang)

    def grade(self, g: Grade | str) -> str:
        return term(GRADE, g if isinstance(g, str) else g.value, self.lang)

    def modality(self, code: str) -> str:
        return term(MODALITY, code, self.lang)

    def band(self, code: str) -> str:
        return term(BAND, code, self.lang)

    def sanction(self, code: str) -> str:
        return term(SANCTION, code, self.lang)

    def yes(self, value: bool | None) -> str:
        return {True: self("是", "yes"), False: self("否", "no"), None: self("未判定", "not decided")}[value]

    def forms(self, forms: Sequence[object] | None) -> str:
        if not forms:
            return "—"
        names = [self.form(str(getattr(f, "value", f))) for f in forms]
        return names[0] if len(set(names)) == 1 else f"{names[0]} – {names[-1]}"

    def money(self, amount: Decimal) -> str:
        return f"{money_text(amount)} {self('元', 'CNY')}"


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


# --------------------------------------------------------------------------- escaping for the medium

# C0 and C1 controls, DEL, and the invisible direction and format marks that can disguise text on a terminal
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL_KEEP_NEWLINE = re.compile(_CONTROL.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """One field for a terminal or plain text: every control character (newlines too) shown as an escape."""
    return _CONTROL.sub(_visible, text)


def terminal_safe(text: str) -> str:
    """A whole text report for a terminal: controls (ESC …) shown as escapes; its own newlines kept."""
    return _CONTROL_KEEP_NEWLINE.sub(_visible, text)


_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "`": "&#96;", "[": "&#91;", "]": "&#93;"}
_MARKDOWN_RE = re.compile("[&<>|`\\[\\]]")


def markdown_text(text: str) -> str:
    """One field for Markdown: no HTML (``<script>``), no table cell break (``|``), no code span or fence
    (backticks), no link; newlines become spaces; controls shown as escapes."""
    one_line = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return terminal_text(_MARKDOWN_RE.sub(lambda m: _MARKDOWN[m.group()], one_line))


def fence(text: str, info: str = "text") -> str:
    """A fenced code block that no backtick run inside ``text`` can close."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text}{'' if text.endswith(chr(10)) else chr(10)}{ticks}\n"


T = TypeVar("T")


def escaped(value: T, escape: Callable[[str], str]) -> T:
    """The same input or result with every string from it (ids, names, notes, quotes) escaped for a medium;
    enums, dates and amounts untouched. Ids are escaped alike everywhere, so they still match."""
    return _escape(value, escape)  # type: ignore[no-any-return]


def _escape(value: Any, escape: Callable[[str], str]) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, tuple):
        return tuple(_escape(v, escape) for v in value)
    if isinstance(value, list):
        return [_escape(v, escape) for v in value]
    if isinstance(value, dict):
        return {k: _escape(v, escape) for k, v in value.items()}
    if attrs.has(type(value)):
        changes = {}
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = _escape(old, escape)
            if new is not old and new != old:
                changes[field.alias or field.name] = new
        return attrs.evolve(value, **changes) if changes else value
    return value


# --------------------------------------------------------------------------- grade


def grade_lines(deaths: int, injuries: int, loss: Decimal, lang: str = "zh") -> str:
    w = Words(lang)
    overall, by_deaths, by_injuries, by_loss = national_grade(deaths, injuries, loss)
    return "\n".join(
        [
            f"{w('事故等级', 'national grade')}: {w.grade(overall)}",
            f"  {w('死亡', 'deaths')} {deaths}: {w.grade(by_deaths)}",
            f"  {w('重伤', 'serious injuries')} {injuries}: {w.grade(by_injuries)}",
            f"  {w('直接经济损失', 'direct loss')} {w.money(loss)}: {w.grade(by_loss)}",
            f"{w('死亡档', 'death band')}: {death_band(deaths).value}",
            w(
                "依据 生产安全事故报告和调查处理条例 第三条（以上含本数，以下不含本数）",
                "493号 第三条 (以上 includes the number, 以下 excludes it)",
            ),
            "",
        ]
    )


# --------------------------------------------------------------------------- shared pieces


def _who(case: Case | Sequence[Official], target: Target, w: Words) -> str:
    officials = case.officials if isinstance(case, Case) else case
    if target.type is TargetType.official:
        for o in officials:
            if o.id == target.id:
                name = f"{o.name} " if o.name else ""
                return f"{name}({o.id}) · {w.post(o.post.value)}"
        return f"({target.id})"
    return f"{target.name} · {term(TARGET, target.type.value, w.lang)}"


def _what(c: Consequence, w: Words) -> str:
    parts = [w.kind(c.kind.value), w.modality(c.modality.value)]
    if c.by:
        parts.append(f"{w('由', 'by')} {c.by}")
    if c.to:
        parts.append(f"{w('向', 'to')} {'、'.join(c.to)}")
    if c.scope:
        parts.append(f"{w('范围', 'scope')} {c.scope}")
    if c.effects:
        parts.append("；".join(c.effects))
    if c.sanction:
        parts.append(w.sanction(c.sanction.value))
    if c.amount_cny is not None:
        parts.append(f"{w('金额', 'amount')} {w.money(c.amount_cny)}")
    if c.amount_min_cny is not None and c.amount_max_cny is not None:
        parts.append(f"{w('幅度', 'range')} {money_text(c.amount_min_cny)}–{w.money(c.amount_max_cny)}")
    if c.rate is not None:
        parts.append(f"{w('上一年年收入', 'previous income')} × {_percent(c.rate)}")
    if c.rate_min is not None and c.rate_max is not None:
        parts.append(f"{w('上一年年收入', 'previous income')} × {_percent(c.rate_min)}–{_percent(c.rate_max)}")
    if c.due_on is not None:
        parts.append(f"{w('期限', 'due')} {c.due_on}")
    if c.form_range:
        parts.append(f"{w('方式', 'form')} {w.forms(c.form_range)}")
    if c.starts_on or c.ends_on:
        parts.append(f"{c.starts_on or '?'} – {c.ends_on or '?'}")
    return " · ".join(parts)


def _consequence_lines(result: Result, target: Target, w: Words) -> list[str]:
    lines = []
    for c in result.consequences:
        if c.target != target:
            continue
        lines.append(f"  - {_what(c, w)}")
        lines.append(f"    {w('依据', 'why')}: {c.rule} · {articles_text((c.citation, *c.also_cites))}")
        lines.append(f"    「{c.citation.quote}」")
        for note in c.notes:
            lines.append(f"    {w('注', 'note')}: {w.say(note)}")
    return lines


def _targets(case: Case | Sequence[Official], result: Result) -> list[Target]:
    officials = case.officials if isinstance(case, Case) else case
    order: list[Target] = []
    for o in officials:
        t = Target(TargetType.official, id=o.id)
        if any(c.target == t for c in result.consequences):
            order.append(t)
    for c in result.consequences:
        if c.target not in order:
            order.append(c.target)
    return order


def assessment_lines(result: Result, w: Words) -> list[str]:
    a = result.assessment
    if a is None:
        return []
    band = w.band(a.band) if a.band else w("未评定（无得分）", "not assessed (no score)")
    assumed = w("（未给出，推定）", " (not given: assumed)") if a.published_on_assumed else ""
    vetoed = w.yes(a.vetoed) + (f" ({', '.join(a.vetoed_by)})" if a.vetoed_by else "")
    return [
        "",
        f"{w('年度考核', 'assessment')} {a.year}: {w('得分', 'score')} {a.score if a.score is not None else '—'}"
        f" · {w('档次', 'band')} {band}",
        f"  {w('可评先进/良好', 'eligible')}: {w.yes(a.eligible)} · {w('已评定', 'designated')}: {w.yes(a.designated)}"
        f" · {w('一票否决', 'vetoed')}: {vetoed}",
        f"  {w('公布', 'published on')} {a.published_on or w('未给出', 'not given')}{assumed}",
    ]


def _header(case: Case, result: Result, w: Words) -> list[str]:
    i = case.incident
    g = result.grade
    return [
        f"{w('事故', 'incident')} {result.incident_id or w('（无编号）', '(no id)')} · {i.day}"
        + (f" · {i.sector.value}" if i.sector else "")
        + (f" · {i.jurisdiction.name}" if i.jurisdiction and i.jurisdiction.name else ""),
        f"{w('死亡', 'deaths')} {i.deaths} · {w('重伤', 'serious injuries')} {i.serious_injuries} · "
        f"{w('直接经济损失', 'direct loss')} {w.money(i.direct_loss_cny)}",
        f"{w('等级', 'grade')}: {w.grade(g.national)}"
        + (f" · {w('死亡档', 'death band')} {g.death_band.value}" if g.death_band is not None else "")
        + (
            f" · {w('伤亡人数可变更至', 'casualties provisional until')} {g.provisional_until}"
            if g.provisional_until
            else ""
        ),
        f"{w('规则体系', 'regime')}: {result.regime}",
        *selection_lines(result, w),
    ]


def selection_lines(result: Result, w: Words) -> list[str]:
    """Which tables were chosen and why: shown when chosen by place and date, or when a regime asked
    for by name does not fit the incident's place or date."""
    from accountability.selection import EXPLICIT, reason_text

    s = result.selection
    if s is None or (not s.auto and all(r.code == EXPLICIT for r in s.reasons)):
        return []
    how = w("按事故地点与日期", "by the incident's place and date") if s.auto else w("按名称指定", "asked for by name")
    lines = [f"{w('选定', 'chosen')}: {w('、', ', ').join(s.chosen)}{w('（', ' (')}{how}{w('）', ')')}"]
    lines += [f"  - {reason_text(r, w.lang)}" for r in s.reasons if r.code != EXPLICIT]
    return lines


# --------------------------------------------------------------------------- table (text)


def render_table(case: Case, result: Result, lang: str = "zh") -> str:
    w = Words(lang)
    lines = [*_header(case, result, w), "", f"{w('后果', 'consequences')}: {len(result.consequences)}"]
    for target in _targets(case, result):
        lines += ["", f"■ {_who(case, target, w)}", *_consequence_lines(result, target, w)]
    lines += assessment_lines(result, w)
    decided = [entry for entry in result.officials if entry.accountable is not None or entry.exempt]
    if decided:
        lines += ["", w("个人问责", "individual accountability") + ":"]
        for entry in decided:
            lines.append(f"  - {_state(case, entry, w)}")
            lines += [f"      ! {w.say(c)}" for c in entry.conflicts]
    if result.removed:
        lines += ["", w("因免责移除", "removed by an exemption") + ":"]
        for r in result.removed:
            lines.append(f"  - {_who(case, r.target, w)}: {w.kind(r.kind.value)} ({r.rule}) — {r.by_rule}")
    if result.not_evaluable:
        lines += ["", w("无法评估", "not evaluable") + ":"]
        lines += [f"  - {n.rule}: {w('需要', 'needs')} {w.say(n.needs)}" for n in result.not_evaluable]
    if result.notes:
        lines += ["", w("说明", "notes") + ":"]
        lines += [f"  - {w.say(n)}" for n in result.notes]
    return "\n".join(lines) + "\n"


def _state(case: Case, entry: OfficialSummary, w: Words) -> str:
    person = next(x for x in case.officials if x.id == entry.id)
    name = f"{person.name} " if person.name else ""
    if entry.exempt:
        state = w("免责", "exempt")
    elif entry.accountable:
        state = w("问责", "held to account")
    else:
        state = w("不问责", "not held to account")
    form = f" · {w('方式', 'form')} {w.forms(entry.form_range)}" if entry.form_range else ""
    modality = f" ({w.modality(entry.modality.value)})" if entry.modality and entry.form_range else ""
    return f"{name}({entry.id}): {state}{form}{modality}"


# --------------------------------------------------------------------------- explain


def render_explain(case: Case, result: Result, regime: Regime, official_id: str, lang: str = "zh") -> str:
    """The trail for one official: what applied, what was considered and why not, conflicts, unknowns."""
    w = Words(lang)
    official = next(o for o in case.officials if o.id == official_id)
    summary = next(o for o in result.officials if o.id == official_id)
    target = Target(TargetType.official, id=official_id)
    name = f"{official.name} " if official.name else ""
    lines = [
        f"{name}({official.id}) · {w.post(official.post.value)} · {w('状态', 'status')} "
        f"{term(STATUS, official.status.value, w.lang)}"
        f" · {w('规则体系', 'regime')} {result.regime}",
        f"{w('事故', 'incident')} {result.incident_id or '—'} · {case.incident.day} · "
        f"{w.grade(result.grade.national)} · {w('死亡', 'deaths')} {case.incident.deaths}",
        "",
        f"{w('问责', 'held to account')}: {w.yes(summary.accountable)} · "
        f"{w('免责', 'exempt')}: {w.yes(summary.exempt)}",
    ]
    if summary.form_range is not None:
        modality = f" ({w.modality(summary.modality.value)})" if summary.modality else ""
        lines.append(f"{w('问责方式', 'form')}: {w.forms(summary.form_range)}{modality}")
        if official.proposed_form:
            lines.append(f"  {w('处理建议', 'proposed')}: {w.forms(official.proposed_form)}")
    if official.proposed_discipline:
        lines.append(
            f"{w('纪律处分', 'sanctions')}: " + "、".join(w.sanction(s.value) for s in official.proposed_discipline)
        )

    def described(rule_id: str) -> tuple[str, str | None]:
        """The rule's articles with its summary (en) or the quote of its first article (zh), and its reading.

        The summaries and readings of the tables are written in English; in Chinese the article speaks."""
        articles, text, reading = regime.describe(rule_id, case.incident.day)
        if w.lang == "zh":
            eras = regime.eras.get(rule_id) or regime.eras.get(rule_id.rsplit(".", 1)[0], ())
            text = f"「{eras[0].primary.quote}」" if eras else ""
            reading = None
        return (f"{articles}: {text}" if articles else text), reading

    lines += ["", f"{w('适用', 'applied')} ({len(summary.applied)}):"]
    for rule_id in summary.applied:
        text, reading = described(rule_id)
        lines.append(f"  ✓ {rule_id} — {text}")
        if reading:
            lines.append(f"      {w('解释', 'reading')}: {reading}")
    lines += ["", f"{w('考虑但未适用', 'considered, not applied')} ({len(summary.not_applied)}):"]
    for item in summary.not_applied:
        articles = regime.describe(item.rule, case.incident.day)[0]
        where = f" ({articles})" if articles else ""
        lines.append(f"  ✗ {item.rule}{where}: {w.say(item.why)}")
    if summary.conflicts:
        lines += ["", w("冲突", "conflicts") + ":"] + [f"  ! {w.say(c)}" for c in summary.conflicts]
    if summary.not_evaluable:
        lines += ["", w("无法评估", "not evaluable") + ":"]
        lines += [f"  ? {n.rule}: {w('需要', 'needs')} {w.say(n.needs)}" for n in summary.not_evaluable]
    count = sum(1 for c in result.consequences if c.target == target)
    lines += ["", f"{w('后果', 'consequences')} ({count}):", *_consequence_lines(result, target, w)]
    removed = [r for r in result.removed if r.target == target]
    if removed:
        lines += ["", w("因免责移除", "removed by an exemption") + ":"]
        lines += [f"  - {r.rule} {w.kind(r.kind.value)}: {r.by_rule}, {w.say(r.why)}" for r in removed]
    if summary.notes:
        lines += ["", w("说明", "notes") + ":"] + [f"  - {w.say(n)}" for n in summary.notes]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- review, compare, ledger


def render_review(officials: Sequence[Official], result: Result, lang: str = "zh") -> str:
    """``accountability review`` for people: the year's band and what follows, who pays or receives what."""
    w = Words(lang)
    lines = [f"{w('规则体系', 'regime')}: {result.regime}", *assessment_lines(result, w)]
    lines += ["", f"{w('后果', 'consequences')}: {len(result.consequences)}"]
    for target in _targets(officials, result):
        lines += ["", f"■ {_who(officials, target, w)}", *_consequence_lines(result, target, w)]
    if result.not_evaluable:
        lines += ["", w("无法评估", "not evaluable") + ":"]
        lines += [f"  - {n.rule}: {w('需要', 'needs')} {w.say(n.needs)}" for n in result.not_evaluable]
    if result.notes:
        lines += ["", w("说明", "notes") + ":"] + [f"  - {w.say(n)}" for n in result.notes]
    return "\n".join(lines) + "\n"


def render_compare(case: Case, results: dict[str, Result], lang: str = "zh") -> str:
    """Per official (then per unit, jurisdiction or role), what each regime gives, side by side."""
    w = Words(lang)
    names = sorted(results)
    first = results[names[0]]
    lines = [
        f"{w('事故', 'incident')} {first.incident_id or '—'} · {case.incident.day} · "
        f"{w.grade(first.grade.national)} · {w('死亡', 'deaths')} {case.incident.deaths}",
        f"{w('规则体系', 'regimes')}: {', '.join(names)}",
    ]
    targets: list[Target] = [Target(TargetType.official, id=o.id) for o in case.officials]
    for name in names:
        for c in results[name].consequences:
            if c.target not in targets:
                targets.append(c.target)
    width = max(len(n) for n in names)
    for target in targets:
        lines += ["", f"■ {_who(case, target, w)}"]
        for name in names:
            result = results[name]
            kinds = [c for c in result.consequences if c.target == target]
            cell = "、".join(dict.fromkeys(w.kind(c.kind.value) for c in kinds)) or "—"
            rules = ", ".join(dict.fromkeys(c.rule for c in kinds))
            state = ""
            if target.type is TargetType.official:
                summary = next(o for o in result.officials if o.id == target.id)
                if summary.exempt:
                    state = f" [{w('免责', 'exempt')}]"
                elif summary.accountable and summary.form_range:
                    state = f" [{w('问责', 'held to account')} {w.forms(summary.form_range)}]"
            lines.append(f"  {name.ljust(width)}  {cell}{state}" + (f"  ({rules})" if rules else ""))
    return "\n".join(lines) + "\n"


PER = {
    "month": ("每月", "a month"),
    "quarter": ("每季度", "a quarter"),
    "half_year": ("每半年", "a half-year"),
    "year": ("每年", "a year"),
}


def render_ledger(regime: str, official: Official, out: dict[str, Any], lang: str = "zh") -> str:
    """The ledger check for people: each duty met or short, period by period."""
    w = Words(lang)
    name = f"{official.name} " if official.name else ""
    lines = [
        f"{name}({official.id}) · {w.post(official.post.value)} · {w('级别', 'level')} {out['level'] or '?'}"
        f" · {w('规则体系', 'regime')} {regime}",
        f"{w('台账期间', 'ledger period')}: {out['from']} – {out['to']}",
        f"{w('结论', 'result')}: "
        + (w("全部达标", "every checked duty met") if out["complete"] else w("未全部达标", "not complete")),
    ]
    for duty in out["duties"]:
        state = {
            True: "✓ " + w("达标", "met"),
            False: "✗ " + w(f"不足 {duty['short']} 次", f"short by {duty['short']}"),
            None: "? " + w("未判定", "not judged"),
        }[duty["met"]]
        per = term(PER, duty["per"], lang)
        lines += [
            "",
            f"{state} · {duty['duty']}",
            f"    {duty['summary']} ({per} ≥ {duty['min']} {duty['activity']})",
            f"    {w('依据', 'source')} {duty['citation']['document']} {duty['citation']['article']}"
            f"「{duty['citation']['quote']}」",
        ]
        for period in duty["periods"]:
            mark = "✓" if not period["short"] else "✗"
            lines.append(f"    {mark} {period['from']} – {period['to']}: {period['done']} / {period['required']}")
        for period in duty["not_checked"]:
            lines.append(f"    - {period['from']} – {period['to']}: {w('未检查', 'not checked')} ({period['why']})")
    if out["not_checked_level_unknown"]:
        lines += [
            "",
            w("级别未知，未检查", "level unknown, not checked") + ": " + ", ".join(out["not_checked_level_unknown"]),
        ]
    lines += ["", w("说明", "notes") + ":"] + [f"  - {w.say(Event.from_json(n))}" for n in out["note_codes"]]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- markdown


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(case: Case, result: Result, lang: str = "zh") -> str:
    """The same content as the table, as Markdown to paste into a document."""
    w = Words(lang)
    header = _header(case, result, w)
    lines = [f"# {header[0]}", "", *(f"- {h}" for h in header[1:]), ""]
    lines += [f"## {w('后果', 'Consequences')} ({len(result.consequences)})", ""]
    for target in _targets(case, result):
        lines += [f"### {_md(_who(case, target, w))}", ""]
        lines += [f"| {w('后果', 'consequence')} | {w('依据', 'rule and articles')} |", "|---|---|"]
        quotes = []
        for c in result.consequences:
            if c.target != target:
                continue
            lines.append(f"| {_md(_what(c, w))} | `{c.rule}` {_md(articles_text((c.citation, *c.also_cites)))} |")
            quotes.append(f"> **{c.citation.article}** 「{c.citation.quote}」")
        lines += ["", *dict.fromkeys(quotes), ""]
    assessment = assessment_lines(result, w)
    if assessment:
        lines += [f"## {w('年度考核', 'Assessment')}", "", *(f"- {x.strip()}" for x in assessment if x), ""]
    decided = [e for e in result.officials if e.accountable is not None or e.exempt]
    if decided:
        lines += [f"## {w('个人问责', 'Individual accountability')}", ""]
        lines += [f"- {_md(_state(case, e, w))}" for e in decided]
        lines.append("")
    if result.removed:
        lines += [f"## {w('因免责移除', 'Removed by an exemption')}", ""]
        lines += [f"- {_md(_who(case, r.target, w))}: {w.kind(r.kind.value)} (`{r.rule}`)" for r in result.removed]
        lines.append("")
    if result.not_evaluable:
        lines += [f"## {w('无法评估', 'Not evaluable')}", ""]
        lines += [f"- `{n.rule}`: {_md(w.say(n.needs))}" for n in result.not_evaluable]
        lines.append("")
    if result.notes:
        lines += [f"## {w('说明', 'Notes')}", ""] + [f"- {_md(w.say(n))}" for n in result.notes] + [""]
    lines.append(
        f"_{w('库版本', 'library')} {result.library_version} · "
        + ", ".join(f"{name} `{digest[:12]}`" for name, digest in result.tables)
        + "_"
    )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- html


CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:60rem;color:#1b1b1b;line-height:1.5;padding:0 1rem}
h1{font-size:1.5rem;border-bottom:3px solid #8b1a1a;padding-bottom:.3rem}
h2{font-size:1.2rem;margin-top:2rem;color:#8b1a1a}h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.3rem .5rem;
vertical-align:top;text-align:left;font-size:.92rem}th{background:#f3eded}
blockquote{margin:.2rem 0 .2rem 1rem;padding-left:.6rem;border-left:3px solid #caa;color:#333;font-size:.88rem}
.facts td:first-child{width:12rem;color:#555}.note{color:#555;font-size:.88rem}.must{color:#8b1a1a;font-weight:bold}
.may{color:#1a4d8b;font-weight:bold}.code{font-family:monospace;font-size:.85rem;color:#555}
svg{max-width:100%;height:auto;border:1px solid #ddd;background:#fff}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table,blockquote{page-break-inside:avoid}}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _ladder_svg(case: Case, result: Result, w: Words) -> str:
    """The ladder of the eight forms, each official's proposed range (light) and resulting range (dark)."""
    forms = list(FORM)
    rows = [
        (o, next(s for s in result.officials if s.id == o.id))
        for o in case.officials
        if o.proposed_form or next(s for s in result.officials if s.id == o.id).form_range
    ]
    if not rows:
        return ""
    col, left, top, row_h = 78, 190, 44, 34
    width = left + col * len(forms) + 10
    height = top + row_h * len(rows) + 12
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="{_e(w("问责方式阶梯", "ladder of forms"))}">',
    ]
    for i, code in enumerate(forms):
        x = left + i * col
        parts.append(f'<rect x="{x}" y="8" width="{col - 4}" height="26" fill="#f3eded"/>')
        parts.append(
            f'<text x="{x + (col - 4) / 2}" y="26" font-size="12" text-anchor="middle">{_e(w.form(code))}</text>'
        )
    for r, (official, summary) in enumerate(rows):
        y = top + r * row_h
        label = f"{official.name or ''} ({official.id})"
        parts.append(f'<text x="6" y="{y + 20}" font-size="12">{_e(label)}</text>')
        for span, color, inset in ((official.proposed_form, "#e4c8c8", 2), (summary.form_range, "#8b1a1a", 9)):
            if not span:
                continue
            lo, hi = forms.index(span[0].value), forms.index(span[-1].value)
            x = left + lo * col
            parts.append(
                f'<rect x="{x}" y="{y + inset}" width="{(hi - lo + 1) * col - 4}" height="{28 - 2 * inset}"'
                f' fill="{color}" rx="3"/>'
            )
    parts.append("</svg>")
    legend = w("浅色：处理建议；深色：依条款得出的方式", "light: proposed; dark: after the clauses")
    return "".join(parts) + f'<p class="note">{_e(legend)}</p>'


def _timeline_svg(case: Case, result: Result, w: Words) -> str:
    """The dates of the case on one line: accident, provisional counts, decision, deadlines, ban periods."""
    points: list[tuple[Any, str]] = [(case.incident.day, w("事故", "accident"))]
    if result.grade.provisional_until:
        points.append((result.grade.provisional_until, w("伤亡人数确定", "casualties final")))
    if case.decided_on:
        points.append((case.decided_on, w("决定", "decision")))
    spans: list[tuple[Any, Any, str]] = []
    for c in result.consequences:
        if c.due_on:
            points.append((c.due_on, f"{w.kind(c.kind.value)} {w('期限', 'due')}"))
        if c.starts_on and c.ends_on and c.kind.value not in ("veto",):
            spans.append((c.starts_on, c.ends_on, f"{w.kind(c.kind.value)} ({c.target.id or c.target.name})"))
    spans = list(dict.fromkeys(spans))[:8]
    dates = [p[0] for p in points] + [d for s in spans for d in s[:2]]
    first, last = min(dates), max(dates)
    days = max((last - first).days, 1)
    width, left, right = 860, 30, 30
    height = 70 + 22 * len(spans) + 40

    def x(day: Any) -> float:
        return float(left + (width - left - right) * (day - first).days / days)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="{_e(w("时间线", "timeline"))}">',
        f'<line x1="{left}" y1="40" x2="{width - right}" y2="40" stroke="#555"/>',
    ]
    for i, (day, label) in enumerate(sorted(dict.fromkeys(points))):
        px = x(day)
        ty = 30 if i % 2 == 0 else 58
        parts.append(f'<circle cx="{px:.1f}" cy="40" r="4" fill="#8b1a1a"/>')
        parts.append(f'<text x="{px:.1f}" y="{ty}" font-size="10" text-anchor="middle">{_e(label)} {day}</text>')
    for i, (start, end, label) in enumerate(spans):
        y = 76 + 22 * i
        parts.append(
            f'<rect x="{x(start):.1f}" y="{y}" width="{max(x(end) - x(start), 2):.1f}" height="14" fill="#1a4d8b" '
            f'opacity="0.75" rx="2"/>'
        )
        parts.append(f'<text x="{x(start) + 3:.1f}" y="{y + 11}" font-size="10" fill="#fff">{_e(label)}</text>')
        parts.append(f'<text x="{x(end) + 3:.1f}" y="{y + 11}" font-size="9">{end}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(case: Case, result: Result, lang: str = "zh") -> str:
    """One self-contained printable page: no network, inline CSS and SVG."""
    w = Words(lang)
    i = case.incident
    g = result.grade
    title = w("安全生产责任追究计算报告", "Safety accountability report")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{_e(title)} {_e(result.incident_id or '')}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}: {_e(result.incident_id or '')}</h1>",
        '<table class="facts">',
    ]
    facts = [
        (w("事故时间", "occurred"), str(i.day)),
        (w("行业", "sector"), i.sector.value if i.sector else "—"),
        (w("辖区", "jurisdiction"), i.jurisdiction.name if i.jurisdiction and i.jurisdiction.name else "—"),
        (
            w("伤亡与损失", "casualties and loss"),
            f"{w('死亡', 'deaths')} {i.deaths} · {w('重伤', 'serious injuries')} {i.serious_injuries} · "
            f"{w.money(i.direct_loss_cny)}",
        ),
        (
            w("事故等级", "national grade"),
            f"{w.grade(g.national)} ({w('死亡', 'deaths')}: {w.grade(g.deaths)}; {w('重伤', 'injuries')}: "
            f"{w.grade(g.serious_injuries)}; {w('损失', 'loss')}: {w.grade(g.direct_loss)})"
            + (f" · {w('死亡档', 'death band')} {g.death_band.value}" if g.death_band is not None else ""),
        ),
        (w("规则体系", "regime"), result.regime),
    ]
    chosen = selection_lines(result, w)
    if chosen:
        facts.append((w("规则选定", "how chosen"), " · ".join(x.strip().removeprefix("- ") for x in chosen)))
    out += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in facts]
    out.append("</table>")

    decided = [e for e in result.officials if e.accountable is not None or e.exempt]
    if decided:
        out.append(
            f"<h2>{_e(w('个人问责', 'Individual accountability'))}</h2><table><tr>"
            f"<th>{_e(w('人员', 'official'))}</th><th>{_e(w('结论', 'outcome'))}</th>"
            f"<th>{_e(w('适用条款', 'clauses applied'))}</th></tr>"
        )
        for e in decided:
            out.append(
                f"<tr><td>{_e(_state(case, e, w).split(':')[0])}</td><td>{_e(_state(case, e, w).split(': ', 1)[1])}"
                + "".join(f"<br><b>! {_e(w.say(c))}</b>" for c in e.conflicts)
                + f'</td><td class="code">{_e(", ".join(e.applied))}</td></tr>'
            )
        out.append("</table>")
        ladder = _ladder_svg(case, result, w)
        if ladder:
            out += [f"<h3>{_e(w('问责方式阶梯', 'The ladder of forms'))}</h3>", ladder]

    out.append(f"<h2>{_e(w('后果', 'Consequences'))} ({len(result.consequences)})</h2>")
    for target in _targets(case, result):
        out.append(
            f"<h3>{_e(_who(case, target, w))}</h3><table><tr><th>{_e(w('后果', 'consequence'))}</th>"
            f"<th>{_e(w('依据', 'articles'))}</th></tr>"
        )
        for c in result.consequences:
            if c.target != target:
                continue
            cls = c.modality.value
            what = _e(_what(c, w)).replace(_e(w.modality(cls)), f'<span class="{cls}">{_e(w.modality(cls))}</span>', 1)
            notes = "".join(f'<div class="note">{_e(w.say(n))}</div>' for n in c.notes)
            out.append(
                f'<tr><td>{what}{notes}</td><td><span class="code">{_e(c.rule)}</span><br>'
                f"{_e(articles_text((c.citation, *c.also_cites)))}"
                f"<blockquote>{_e(c.citation.quote)}</blockquote></td></tr>"
            )
        out.append("</table>")

    out += [f"<h2>{_e(w('时间线', 'Timeline'))}</h2>", _timeline_svg(case, result, w)]
    if result.assessment is not None:
        out.append(f"<h2>{_e(w('年度考核', 'Assessment'))}</h2><ul>")
        out += [f"<li>{_e(x.strip())}</li>" for x in assessment_lines(result, w) if x]
        out.append("</ul>")
    if result.removed:
        out.append(f"<h2>{_e(w('因免责移除', 'Removed by an exemption'))}</h2><ul>")
        out += [
            f"<li>{_e(_who(case, r.target, w))}: {_e(w.kind(r.kind.value))} ({_e(r.rule)}) — {_e(w.say(r.why))}</li>"
            for r in result.removed
        ]
        out.append("</ul>")
    if result.not_evaluable:
        out.append(f"<h2>{_e(w('无法评估', 'Not evaluable'))}</h2><ul>")
        out += [f'<li><span class="code">{_e(n.rule)}</span>: {_e(w.say(n.needs))}</li>' for n in result.not_evaluable]
        out.append("</ul>")
    if result.notes:
        out.append(f"<h2>{_e(w('说明与判断', 'Notes and judgement calls'))}</h2><ul>")
        out += [f"<li>{_e(w.say(n))}</li>" for n in result.notes]
        out.append("</ul>")
    out.append(
        f'<p class="note">{_e(w("库版本", "library"))} {_e(result.library_version)} · '
        + _e(", ".join(f"{name} {digest[:16]}" for name, digest in result.tables))
        + "</p></body></html>"
    )
    return "\n".join(out) + "\n"
