"""Rendering for people: who, what, by whom, why — in Chinese (zh) or English (en).

Text (``table``), Markdown and a self-contained printable HTML page. The
engine's notes and explanations are coded events (accountability.events),
rendered here in the language of ``--lang``, as are the labels, kinds, posts,
forms and grades.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import attrs

from accountability.events import Event
from accountability.grading import Grade, death_band, national_grade
from accountability.model import Case, Official
from accountability.money import daxie, grouped
from accountability.outcome import Citation, Consequence, OfficialSummary, Reason, Result, Target, TargetType
from accountability.rules import Regime
from accountability.terms import (
    ACCIDENT_TYPE,
    BAND,
    FORM,
    GRADE,
    KIND,
    LEVEL,
    MODALITY,
    POST,
    SANCTION,
    SECTOR,
    STATUS,
    SYSTEM,
    TARGET,
    UNIT_KIND,
    term,
)


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

    def sector(self, code: str) -> str:
        return term(SECTOR, code, self.lang)

    def accident_type(self, code: str) -> str:
        return term(ACCIDENT_TYPE, code, self.lang)

    def unit_kind(self, code: str) -> str:
        return term(UNIT_KIND, code, self.lang)

    def level(self, code: str) -> str:
        return term(LEVEL, code, self.lang)

    def system(self, code: str) -> str:
        return term(SYSTEM, code, self.lang)

    def status(self, code: str) -> str:
        return term(STATUS, code, self.lang)

    def yes(self, value: bool | None) -> str:
        return {True: self("是", "yes"), False: self("否", "no"), None: self("未判定", "not decided")}[value]

    def forms(self, forms: Sequence[object] | None) -> str:
        if not forms:
            return "—"
        names = [self.form(str(getattr(f, "value", f))) for f in forms]
        return names[0] if len(set(names)) == 1 else f"{names[0]} – {names[-1]}"

    def money(self, amount: Decimal) -> str:
        """An amount for people: grouped, to the fen (``3,500,000.00 元``)."""
        return f"{grouped(amount)} {self('元', 'CNY')}"

    def formal_money(self, amount: Decimal) -> str:
        """An amount as a formal Chinese document writes it: the figure and, in Chinese, its 大写."""
        if self.lang != "zh":
            return self.money(amount)
        return f"{self.money(amount)}（大写：{daxie(amount)}）"


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
                return f"{name}({o.id}) · {w.post(o.post)}"
        return f"({target.id})"
    return f"{target.name} · {term(TARGET, target.type.value, w.lang)}"


def _what(c: Consequence, w: Words, formal: bool = False) -> str:
    """What the consequence is, in one line; ``formal``: amounts also in 大写 (the printable report)."""
    money = w.formal_money if formal else w.money
    parts = [w.kind(c.kind), w.modality(c.modality.value)]
    if c.by:
        parts.append(f"{w('由', 'by')} {c.by}")
    if c.to:
        parts.append(f"{w('向', 'to')} {'、'.join(c.to)}")
    if c.scope:
        parts.append(f"{w('范围', 'scope')} {c.scope}")
    if c.effects:
        parts.append("；".join(c.effects))
    if c.sanction:
        parts.append(w.sanction(c.sanction))
    if c.amount_cny is not None:
        parts.append(f"{w('金额', 'amount')} {money(c.amount_cny)}")
    if c.amount_min_cny is not None and c.amount_max_cny is not None:
        if formal and w.lang == "zh":
            low, high = c.amount_min_cny, c.amount_max_cny
            parts.append(f"幅度 {grouped(low)}–{w.money(high)}（大写：{daxie(low)}至{daxie(high)}）")
        else:
            parts.append(f"{w('幅度', 'range')} {grouped(c.amount_min_cny)}–{w.money(c.amount_max_cny)}")
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


def documents(citations: Iterable[Citation]) -> list[tuple[Citation, list[str]]]:
    """The citations grouped by document, in citation order: each document (its first citation, which
    carries the 文号, issuer and date of effect) with the articles cited from it."""
    by_document: dict[str, tuple[Citation, list[str]]] = {}
    for c in citations:
        _, articles = by_document.setdefault(c.document, (c, []))
        if c.article not in articles:
            articles.append(c.article)
    return list(by_document.values())


def document_title(c: Citation) -> str:
    """《document》: the title as a Chinese document cites another."""
    title = c.document.strip()
    return title if title.startswith("《") else f"《{title}》"


def document_meta(c: Citation, w: Words) -> str:
    """The document's 文号, issuer and date of effect, where its text gives them."""
    meta = [x for x in (c.number, c.issuer) if x]
    if c.effective_from is not None:
        meta.append(w(f"{c.effective_from} 起施行", f"in force from {c.effective_from}"))
    return " · ".join(meta)


def citation_texts(c: Consequence, w: Words) -> list[str]:
    """One line per document the consequence rests on: 《document》articles · 文号 · issuer · date of effect."""
    out = []
    for first, articles in documents((c.citation, *c.also_cites)):
        meta = document_meta(first, w)
        out.append(f"{document_title(first)}{'、'.join(articles)}" + (f" · {meta}" if meta else ""))
    return out


def _consequence_lines(result: Result, target: Target, w: Words) -> list[str]:
    lines = []
    for c in result.consequences:
        if c.target != target:
            continue
        lines.append(f"  - {_what(c, w)}")
        cited = citation_texts(c, w)
        lines.append(f"    {w('依据', 'why')}: {cited[0]}")
        lines += [f"    {w('另据', 'also')}: {x}" for x in cited[1:]]
        lines.append(f"    「{c.citation.quote}」")
        for note in c.notes:
            lines.append(f"    {w('注', 'note')}: {w.say(note)}")
        lines.append(f"    {w('规则', 'rule')}: {c.rule}")
    if not lines:
        lines.append(f"  - {none_text(result, target, w)}")
    return lines


def none_text(result: Result, target: Target, w: Words) -> str:
    """An official with no consequence, said so (with their outcome when one was decided)."""
    text = w("无后果", "no consequence")
    summary = next((o for o in result.officials if o.id == target.id), None)
    if summary is not None and summary.exempt:
        text += w("（免责）", " (exempt)")
    elif summary is not None and summary.accountable is False:
        text += w("（不问责）", " (not held to account)")
    return text


def _targets(case: Case | Sequence[Official], result: Result) -> list[Target]:
    """Every official of the input (those with no consequence too), then the other targets."""
    officials = case.officials if isinstance(case, Case) else case
    order: list[Target] = [Target(TargetType.official, id=o.id) for o in officials]
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
        + (f" · {w.sector(i.sector)}" if i.sector else "")
        + (f" · {w.accident_type(i.accident_type)}" if i.accident_type else "")
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
    from accountability.selection import EXPLICIT

    s = result.selection
    if s is None or (not s.auto and all(r.code == EXPLICIT for r in s.reasons)):
        return []
    how = w("按事故地点与日期", "by the incident's place and date") if s.auto else w("按名称指定", "asked for by name")
    lines = [f"{w('选定', 'chosen')}: {w('、', ', ').join(s.chosen)}{w('（', ' (')}{how}{w('）', ')')}"]
    lines += [f"  - {w.say(_reason_for(r, w))}" for r in s.reasons if r.code != EXPLICIT]
    return lines


def _reason_for(reason: Reason, w: Words) -> Reason:
    """A reason whose place (``system=local, province=贵州省, …``) reads in the language asked for."""
    params = dict(reason.params)
    looked_for = params.get("looked_for")
    if w.lang != "zh" or not isinstance(looked_for, str) or not looked_for:
        return reason
    parts: list[str] = []
    for item in looked_for.split(", "):
        key, _, value = item.partition("=")
        if key == "system":
            value = w.system(value) if value != "?" else "所属系统不详"
        if value and value not in parts:
            parts.append(value)
    params["looked_for"] = " ".join(parts)
    return reason._replace(params=tuple(params.items()))


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
            lines.append(f"  - {_who(case, r.target, w)}: {w.kind(r.kind)} ({r.rule}) — {r.by_rule}")
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
        f"{name}({official.id}) · {w.post(official.post)} · {w('状态', 'status')} "
        f"{w.status(official.status)}"
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
            f"{w('纪律处分', 'sanctions')}: " + "、".join(w.sanction(s) for s in official.proposed_discipline)
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
        lines += [f"  - {r.rule} {w.kind(r.kind)}: {r.by_rule}, {w.say(r.why)}" for r in removed]
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
            cell = "、".join(dict.fromkeys(w.kind(c.kind) for c in kinds)) or "—"
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
        f"{name}({official.id}) · {w.post(official.post)} · {w('级别', 'level')} {out['level'] or '?'}"
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
        own = [c for c in result.consequences if c.target == target]
        if not own:
            lines += [f"- {_md(none_text(result, target, w))}", ""]
            continue
        lines += [f"| {w('后果', 'consequence')} | {w('依据', 'articles')} |", "|---|---|"]
        quotes = []
        for c in own:
            lines.append(f"| {_md(_what(c, w))} | {_md('；'.join(citation_texts(c, w)))} · `{c.rule}` |")
            quotes.append(f"> **{_md(document_title(c.citation))}{_md(c.citation.article)}** 「{c.citation.quote}」")
        lines.append("")
        for quote in dict.fromkeys(quotes):
            lines += [quote, ""]
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
        lines += [f"- {_md(_who(case, r.target, w))}: {w.kind(r.kind)} (`{r.rule}`)" for r in result.removed]
        lines.append("")
    if result.not_evaluable:
        lines += [f"## {w('无法评估', 'Not evaluable')}", ""]
        lines += [f"- `{n.rule}`: {_md(w.say(n.needs))}" for n in result.not_evaluable]
        lines.append("")
    if result.notes:
        lines += [f"## {w('说明', 'Notes')}", ""] + [f"- {_md(w.say(n))}" for n in result.notes] + [""]
    lines.append(f"_{_md(provenance_text(result, w, 12))}_")
    return "\n".join(lines) + "\n"


def provenance_text(result: Result, w: Words, digits: int = 16) -> str:
    """What the result was computed with: the library, each table (its hash) and the holiday calendar."""
    from accountability.codec import calendar_info

    cal = calendar_info()
    years = cal.get("years")
    first, last = years if isinstance(years, list) and len(years) == 2 else ("?", "?")
    calendar = w(
        f"节假日日历 {cal['package']} {cal['version'] or '?'}（{first}—{last}年）",
        f"holiday calendar {cal['package']} {cal['version'] or '?'} ({first}–{last})",
    )
    tables = ", ".join(f"{name} {digest[:digits]}" for name, digest in result.tables)
    return f"{w('库版本', 'library')} {result.library_version} · {w('规则表', 'tables')} {tables} · {calendar}"


# --------------------------------------------------------------------------- html


CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:60rem;color:#1b1b1b;line-height:1.5;padding:0 1rem}
h1{font-size:1.5rem;border-bottom:3px solid #8b1a1a;padding-bottom:.3rem;margin-bottom:.4rem}
h2{font-size:1.2rem;margin-top:2rem;color:#8b1a1a}h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.3rem .5rem;
vertical-align:top;text-align:left;font-size:.92rem}th{background:#f3eded}
blockquote{margin:.2rem 0 .2rem 1rem;padding-left:.6rem;border-left:3px solid #caa;color:#333;font-size:.88rem}
.facts td:first-child{width:12rem;color:#555}.note{color:#555;font-size:.88rem}.must{color:#8b1a1a;font-weight:bold}
.may{color:#1a4d8b;font-weight:bold}.code{font-family:monospace;font-size:.8rem;color:#666}
.meta{color:#555;font-size:.82rem}.cite{margin-top:.15rem}.none{color:#555;margin:.2rem 0 .8rem}
.nw{white-space:nowrap}.produced{color:#333;margin:.2rem 0}.person td:first-child{width:42%}
.people td:first-child{white-space:nowrap}.people td:nth-child(2){min-width:11em}.people td.code{font-size:.72rem}
.disclaimer{border:1px solid #8b1a1a;background:#fbf6f6;padding:.4rem .6rem;margin:.6rem 0;font-size:.92rem}
.provenance{color:#555;font-size:.8rem;border-top:1px solid #bbb;margin-top:2rem;padding-top:.4rem;
overflow-wrap:anywhere}
svg{max-width:100%;height:auto;border:1px solid #ddd;background:#fff}
figure{margin:.5rem 0}
@page{size:A4;margin:16mm 15mm 18mm 15mm;
@bottom-center{content:counter(page) " / " counter(pages);font-size:9pt;color:#555}}
@media print{body{margin:0;max-width:none;padding:0;font-size:10.5pt}
h2,h3{break-after:avoid;page-break-after:avoid}
.person,figure,tr,blockquote,.disclaimer{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}}
"""


_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text_width(text: str, size: float) -> float:
    """The width of a line of text in an SVG, estimated: a CJK character is a square, others narrower."""
    return sum(size if ord(ch) >= 0x2E80 else size * (0.62 if ch.isdigit() or ch.isupper() else 0.56) for ch in text)


def _fit(text: str, size: float, room: float) -> str:
    """``text`` cut to ``room`` (with …) when it would not fit."""
    if _text_width(text, size) <= room:
        return text
    while text and _text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _lines(label: str, size: float, room: float) -> list[str]:
    """A label on one line, or on two split at the space nearest its middle (English form names)."""
    if _text_width(label, size) <= room or " " not in label:
        return [_fit(label, size, room)]
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - len(label) / 2))
    return [_fit(label[:cut], size, room), _fit(label[cut + 1 :], size, room)]


SVG_WIDTH = 680  # the width of an A4 page's text in CSS pixels (178 mm), so that print does not shrink it


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
    left, top, row_h, size = 130, 48, 34, 12
    col = (SVG_WIDTH - left - 6) // len(forms)
    names = [w.form(code) for code in forms]
    # the largest size at which every form's name fits its column (on two lines at most), not cut
    head = next(
        (z for z in (11, 10, 9, 8) if not any("…" in line for n in names for line in _lines(n, z, col - 6))),
        8,
    )
    width = left + col * len(forms) + 6
    height = top + row_h * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="{_e(w("问责方式阶梯", "ladder of forms"))}">',
    ]
    for i, code in enumerate(forms):
        x = left + i * col
        parts.append(f'<rect x="{x}" y="6" width="{col - 4}" height="34" fill="#f3eded"/>')
        lines = _lines(w.form(code), head, col - 6)
        first = 27 if len(lines) == 1 else 21
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{x + (col - 4) / 2}" y="{first + 12 * n}" font-size="{head}" text-anchor="middle">'
                f"{_e(line)}</text>"
            )
    for r, (official, summary) in enumerate(rows):
        y = top + r * row_h
        name = _fit(f"{official.name or ''} ({official.id})".strip(), size, left - 12)
        parts.append(f'<text x="6" y="{y + 19}" font-size="{size}">{_e(name)}</text>')
        for span, color, inset in ((official.proposed_form, "#e4c8c8", 2), (summary.form_range, "#8b1a1a", 9)):
            if not span:
                continue
            lo, hi = forms.index(span[0]), forms.index(span[-1])
            x = left + lo * col
            parts.append(
                f'<rect x="{x}" y="{y + inset}" width="{(hi - lo + 1) * col - 4}" height="{28 - 2 * inset}"'
                f' fill="{color}" rx="3"/>'
            )
    parts.append("</svg>")
    legend = w("浅色：处理建议；深色：依条款得出的方式", "light: proposed; dark: after the clauses")
    return f'<figure>{"".join(parts)}<p class="note">{_e(legend)}</p></figure>'


def _short(case: Case, target: Target) -> str:
    if target.type is TargetType.official:
        official = next((o for o in case.officials if o.id == target.id), None)
        return (official.name if official and official.name else None) or target.id or ""
    return target.name or target.id or ""


def _timeline_svg(case: Case, result: Result, w: Words) -> str:
    """The dates of the case on one line (accident, counts final, decision, deadlines), each labelled below
    it in its own lane so that no label is cut off or overlaps another; then each dated period (bans,
    sanctions) as a bar on the same scale, named with its dates in a column of its own."""
    marks: dict[Any, list[str]] = {case.incident.day: [w("事故", "accident")]}
    if result.grade.provisional_until:
        marks.setdefault(result.grade.provisional_until, []).append(w("伤亡人数确定", "casualties final"))
    if case.decided_on:
        marks.setdefault(case.decided_on, []).append(w("决定", "decision"))
    spans: list[tuple[Any, Any, str]] = []
    for c in result.consequences:
        if c.due_on:
            marks.setdefault(c.due_on, []).append(f"{w.kind(c.kind)}{w('期限', ' due')}")
        if c.starts_on and c.ends_on and c.kind != "veto":
            spans.append((c.starts_on, c.ends_on, f"{w.kind(c.kind)}（{_short(case, c.target)}）"))
    spans = list(dict.fromkeys(spans))
    dates = list(marks) + [d for s in spans for d in s[:2]]
    first, last = min(dates), max(dates)
    days = max((last - first).days, 1)
    size, column = 11, (190 if spans else 0)
    plot_left, plot_right = column + 14, SVG_WIDTH - 14

    def x(day: Any) -> float:
        return float(plot_left + (plot_right - plot_left) * (day - first).days / days)

    axis = 16
    lanes: list[float] = []  # the right end of the last label in each lane
    labels: list[tuple[float, float, int, str]] = []
    for day in sorted(marks):
        text = f"{'、'.join(dict.fromkeys(marks[day]))} {day}"
        tw = _text_width(text, size)
        tx = min(max(x(day) - 3, 4), SVG_WIDTH - 4 - tw)
        lane = next((n for n, end in enumerate(lanes) if tx >= end + 10), len(lanes))
        if lane == len(lanes):
            lanes.append(0)
        lanes[lane] = tx + tw
        labels.append((x(day), tx, lane, text))
    rows_top = axis + 14 + 17 * len(lanes) + 8
    row_h = 34
    height = rows_top + row_h * len(spans) + (6 if spans else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{height}"'
        f' viewBox="0 0 {SVG_WIDTH} {height}" role="img" aria-label="{_e(w("时间线", "timeline"))}">',
        f'<line x1="{plot_left}" y1="{axis}" x2="{plot_right}" y2="{axis}" stroke="#555"/>',
    ]
    for px, _, lane, _ in labels:
        y = axis + 14 + 17 * lane
        parts.append(f'<line x1="{px:.1f}" y1="{axis}" x2="{px:.1f}" y2="{height}" stroke="#8b1a1a" opacity=".18"/>')
        parts.append(f'<line x1="{px:.1f}" y1="{axis}" x2="{px:.1f}" y2="{y - 2}" stroke="#8b1a1a" opacity=".6"/>')
    for px, tx, lane, text in labels:  # each label on a white ground, so that no guide line runs through it
        y = axis + 14 + 17 * lane
        parts.append(f'<circle cx="{px:.1f}" cy="{axis}" r="4" fill="#8b1a1a"/>')
        parts.append(
            f'<rect x="{tx - 2:.1f}" y="{y - 2}" width="{_text_width(text, size) + 4:.1f}" height="15" fill="#fff"/>'
        )
        parts.append(f'<text x="{tx:.1f}" y="{y + 9}" font-size="{size}">{_e(text)}</text>')
    for i, (start, end, label) in enumerate(spans):
        y = rows_top + row_h * i
        if i % 2 == 0:
            parts.append(f'<rect x="0" y="{y - 2}" width="{SVG_WIDTH}" height="{row_h}" fill="#f6f6f8"/>')
        parts.append(f'<text x="6" y="{y + 11}" font-size="{size}">{_e(_fit(label, size, column - 10))}</text>')
        parts.append(f'<text x="6" y="{y + 25}" font-size="{size - 1}" fill="#555">{start} – {end}</text>')
        parts.append(
            f'<rect x="{x(start):.1f}" y="{y + 6}" width="{max(x(end) - x(start), 3):.1f}" height="14"'
            f' fill="#1a4d8b" opacity="0.75" rx="2"/>'
        )
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}</figure>"


def produced_today(source_date_epoch: str | None = None) -> dt.date:
    """The date a report is produced on: today in Asia/Shanghai, or the day of ``SOURCE_DATE_EPOCH``
    (seconds since 1970, the reproducible-builds convention) when it is set, for byte-identical output."""
    from accountability.calendar import shanghai_day

    epoch = source_date_epoch if source_date_epoch is not None else os.environ.get("SOURCE_DATE_EPOCH")
    instant = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    day = shanghai_day(instant)
    return dt.date(day.year, day.month, day.day)


DISCLAIMER = (
    "本报告是依据所列条款得出的供参考的计算结果，不是处理决定；处理以有权机关依法作出的决定为准。",
    "This report is a calculation from the articles it cites, for reference; it is not a decision. "
    "Only a decision of the competent authority decides.",
)


def render_html(case: Case, result: Result, lang: str = "zh", produced_on: dt.date | None = None) -> str:
    """One self-contained printable page (A4): no network, inline CSS and SVG. ``produced_on``: the date
    the report names as its date of production; by default :func:`produced_today` (the day of
    ``SOURCE_DATE_EPOCH`` when set, else today in Asia/Shanghai): pass it for byte-identical output."""
    w = Words(lang)
    if produced_on is None:
        produced_on = produced_today()
    i = case.incident
    g = result.grade
    title = w("安全生产责任追究计算报告", "Safety accountability report")
    disclaimer = w(*DISCLAIMER)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{_e(title)} {_e(result.incident_id or '')}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}: {_e(result.incident_id or '')}</h1>",
    ]
    out.append(f'<p class="produced">{_e(w("生成日期", "Produced on"))}: {produced_on.isoformat()}</p>')
    out += [f'<p class="disclaimer">{_e(disclaimer)}</p>', '<table class="facts">']
    unit = i.unit
    place = i.jurisdiction
    facts = [
        (w("事故时间", "occurred"), str(i.day)),
        (w("行业", "sector"), w.sector(i.sector) if i.sector else "—"),
        (w("事故类型", "accident type"), w.accident_type(i.accident_type) if i.accident_type else "—"),
        (
            w("事故单位", "unit"),
            " · ".join(
                x
                for x in (unit.name if unit else None, w.unit_kind(unit.kind) if unit and unit.kind else None)
                if x
            )
            or "—",
        ),
        (
            w("辖区", "jurisdiction"),
            " · ".join(
                x
                for x in (
                    place.name if place else None,
                    w.level(place.level) if place and place.level else None,
                    w.system(place.system) if place and place.system else None,
                )
                if x
            )
            or "—",
        ),
        (
            w("伤亡与损失", "casualties and loss"),
            f"{w('死亡', 'deaths')} {i.deaths} · {w('重伤', 'serious injuries')} {i.serious_injuries} · "
            f"{w('直接经济损失', 'direct loss')} {w.money(i.direct_loss_cny)}",
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
            f'<h2>{_e(w("个人问责", "Individual accountability"))}</h2><table class="people"><thead><tr>'
            f"<th>{_e(w('人员', 'official'))}</th><th>{_e(w('结论', 'outcome'))}</th>"
            f"<th>{_e(w('适用规则', 'rules applied'))}</th></tr></thead>"
        )
        for e in decided:
            who, state = _state(case, e, w).split(": ", 1)
            out.append(
                f"<tr><td>{_e(who)}</td><td>{_e(state)}"
                + "".join(f"<br><b>! {_e(w.say(c))}</b>" for c in e.conflicts)
                + f'</td><td class="code">{_e(", ".join(e.applied))}</td></tr>'
            )
        out.append("</table>")
        ladder = _ladder_svg(case, result, w)
        if ladder:
            out += [f"<h3>{_e(w('问责方式阶梯', 'The ladder of forms'))}</h3>", ladder]

    out.append(f"<h2>{_e(w('后果', 'Consequences'))} ({len(result.consequences)})</h2>")
    for target in _targets(case, result):
        own = [c for c in result.consequences if c.target == target]
        out.append(f'<section class="person"><h3>{_e(_who(case, target, w))}</h3>')
        if not own:
            out.append(f'<p class="none">{_e(none_text(result, target, w))}</p></section>')
            continue
        out.append(
            f"<table><thead><tr><th>{_e(w('后果', 'consequence'))}</th>"
            f"<th>{_e(w('依据', 'articles'))}</th></tr></thead>"
        )
        for c in own:
            cls = c.modality.value
            what = _DATE.sub(
                r'<span class="nw">\1</span>',
                _e(_what(c, w, formal=True)).replace(
                    _e(w.modality(cls)), f'<span class="{cls}">{_e(w.modality(cls))}</span>', 1
                ),
            )
            notes = "".join(f'<div class="note">{_e(w.say(n))}</div>' for n in c.notes)
            cited = "".join(
                f'<div class="cite">{_e(document_title(doc))}{_e("、".join(articles))}'
                + (f'<br><span class="meta">{_e(document_meta(doc, w))}</span>' if document_meta(doc, w) else "")
                + "</div>"
                for doc, articles in documents((c.citation, *c.also_cites))
            )
            out.append(
                f"<tr><td>{what}{notes}</td><td>{cited}<blockquote>{_e(c.citation.quote)}</blockquote>"
                f'<span class="code">{_e(w("规则", "rule"))} {_e(c.rule)}</span></td></tr>'
            )
        out.append("</table></section>")

    out += [f"<h2>{_e(w('时间线', 'Timeline'))}</h2>", _timeline_svg(case, result, w)]
    if result.assessment is not None:
        out.append(f"<h2>{_e(w('年度考核', 'Assessment'))}</h2><ul>")
        out += [f"<li>{_e(x.strip())}</li>" for x in assessment_lines(result, w) if x]
        out.append("</ul>")
    if result.removed:
        out.append(f"<h2>{_e(w('因免责移除', 'Removed by an exemption'))}</h2><ul>")
        out += [
            f"<li>{_e(_who(case, r.target, w))}: {_e(w.kind(r.kind))} ({_e(r.rule)}) — {_e(w.say(r.why))}</li>"
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
    produced = f"{w('生成日期', 'produced on')} {produced_on.isoformat()} · "
    out.append(
        f'<p class="provenance">{_e(produced)}{_e(provenance_text(result, w))}<br>{_e(disclaimer)}</p></body></html>'
    )
    return "\n".join(out) + "\n"
