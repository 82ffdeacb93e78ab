"""Explanations as events: a stable code and its parameters, rendered in Chinese or English.

Every note, ``why`` and ``needs`` the engine writes is an :class:`Event`. The JSON
keeps a text for each (English, as the contract's fields always were) and adds
the code and parameters; people-facing output renders the event in the language
asked for. Tests assert codes and values, never wording.

A parameter is text, a number, a tuple of texts (a list), or events (the parts of
an ``and`` / ``or``). A parameter's *name* says how to show its values: ``post``
and ``posts`` are posts, ``flags`` conduct or incident flags, and so on (see
:data:`VOCABULARY`); in Chinese they are shown by their Chinese terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple, Union

from . import terms

Param = Union[str, int, Decimal, tuple[str, ...], "Event", tuple["Event", ...], None]


class Event(NamedTuple):
    code: str
    params: tuple[tuple[str, Param], ...] = ()

    def text(self, lang: str = "en") -> str:
        return render(self, lang)

    def __str__(self) -> str:
        return render(self, "en")

    def param(self, name: str) -> Param:
        return dict(self.params).get(name)

    def walk(self) -> list[Event]:
        """This event and every event inside its parameters (the parts of an and / or), depth first."""
        out = [self]
        for _, value in self.params:
            inner = value if isinstance(value, tuple) else (value,)
            for v in inner:
                if isinstance(v, Event):
                    out.extend(v.walk())
        return out

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "params": {k: _json(v) for k, v in self.params}}

    @classmethod
    def from_json(cls, data: object) -> Event:
        """The event of :meth:`to_json` (for rendering a written result again)."""
        assert isinstance(data, dict) and isinstance(data.get("code"), str) and isinstance(data.get("params"), dict)
        return cls(data["code"], tuple((k, _param(v)) for k, v in data["params"].items()))


_make_event = tuple.__new__  # Event's own __new__ is a Python function: the engine makes hundreds an incident


def ev(code: str, **params: Param) -> Event:
    """An event; parameters in the order given (the output is byte-identical run to run)."""
    assert code in TEMPLATES, f"no template for event code {code!r}"
    return _make_event(Event, (code, tuple(params.items())))


def _param(value: object) -> Param:
    if isinstance(value, dict):
        return Event.from_json(value)
    if isinstance(value, list):
        items = [_param(v) for v in value]
        return tuple(items)  # type: ignore[return-value]
    assert value is None or isinstance(value, str | int)
    return value


def _json(value: Param) -> object:
    if isinstance(value, Event):
        return value.to_json()
    if isinstance(value, tuple):
        return [v.to_json() if isinstance(v, Event) else v for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


# Which vocabulary a parameter's values come from, by the parameter's name.
VOCABULARY: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "post": terms.POST,
    "posts": terms.POST,
    "status": terms.STATUS,
    "statuses": terms.STATUS,
    "flag": terms.FLAG,
    "flags": terms.FLAG,
    "grade": terms.GRADE,
    "grades": terms.GRADE,
    "band": terms.BAND,
    "bands": terms.BAND,
    "kind": terms.KIND,
    "form": terms.FORM,
    "forms": terms.FORM,
    "sector": terms.SECTOR,
    "sectors": terms.SECTOR,
    "value": terms.ANY_VALUE,
    "values": terms.ANY_VALUE,
    "unit_kind": terms.UNIT_KIND,
    "unit_kinds": terms.UNIT_KIND,
    "field": terms.FIELD,
    "fields": terms.FIELD,
    "sanction": terms.SANCTION,
    "from": {"unknown": ("施行日期不详", "unknown")},
    "unit": {"days": ("日", "days"), "months": ("个月", "months"), "years": ("年", "years")},
}

SEPARATOR = {"zh": "、", "en": "/"}

# code → (English, Chinese). Placeholders name the event's parameters.
TEMPLATES: dict[str, tuple[str, str]] = {
    # combining verdicts
    "all": ("{parts}", "{parts}"),
    "any": ("{parts}", "{parts}"),
    "none_of": ("{parts}", "{parts}"),
    "not": ("not ({part})", "并非（{part}）"),
    "always": ("always", "恒成立"),
    # incident facts
    "range.in": ("{field} {value} is in {range}", "{field} {value} 在 {range} 之内"),
    "range.out": ("{field} {value} is not in {range}", "{field} {value} 不在 {range} 之内"),
    "field.unknown": ("{field} is not given", "未给出{field}"),
    "member.in": ("{field} {value} is one of {values}", "{field}为{value}，属于 {values}"),
    "member.out": ("{field} {value} is not one of {values}", "{field}为{value}，不属于 {values}"),
    "grade.in": ("national grade {grade} is one of {grades}", "国家事故等级为{grade}，属于 {grades}"),
    "grade.out": ("national grade {grade} is not one of {grades}", "国家事故等级为{grade}，不属于 {grades}"),
    "flags.all": ("{flags}", "{flags}"),
    "flags.missing": ("not {flags}", "不具备：{flags}"),
    "prior.found": (
        "{count} earlier incident(s) within {n} {unit} match (need {need}): {ids}",
        "{n}{unit}内有 {count} 起此前事故符合（需要 {need} 起）：{ids}",
    ),
    "prior.short": (
        "{count} earlier incident(s) within {n} {unit} match (need {need})",
        "{n}{unit}内有 {count} 起此前事故符合（需要 {need} 起）",
    ),
    "type.same": ("accident type {value} is the incident's", "事故类型{value}与本事故相同"),
    "type.other": ("accident type {value} is not the incident's {other}", "事故类型{value}与本事故（{other}）不同"),
    "state_owned.yes": ("state-owned or state-controlled", "国有或国有控股"),
    "state_owned.no": ("not state-owned", "非国有"),
    "needs.input": ("needs {fields}, which the input does not carry", "需要输入中没有的事实：{fields}"),
    # the report clock (493号 第九条)
    "report.no_clock": ("the regime has no report clock", "该规则体系未规定报告时限"),
    "report.unknown": ("the report time (reported_at) is not given", "未给出报告时间（reported_at）"),
    "report.date_only": (
        "the time of learning is a date alone: the 1-hour clock cannot be read",
        "获知时间只有日期：无法判断是否在1小时内报告",
    ),
    "report.before_learning": (
        "reported before the time of learning given (check the input)",
        "报告时间早于获知时间（请核对输入）",
    ),
    "report.in_time": (
        "reported {delay} after learning (493号 第九条: within 1 hour)",
        "获知后 {delay} 报告（493号 第九条：1小时内）",
    ),
    "report.late": (
        "reported {delay} after learning (493号 第九条: within 1 hour): late",
        "获知后 {delay} 报告（493号 第九条：1小时内）：迟报",
    ),
    # the assessment
    "assessment.none": ("no assessment given", "未给出年度考核"),
    "assessment.given": ("an assessment is given", "已给出年度考核"),
    "assessment.failed": ("the annual assessment was failed", "年度考核不合格"),
    "assessment.passed": ("the annual assessment was passed", "年度考核合格"),
    "band.in": ("band {band} is one of {bands}", "考核等次{band}，属于 {bands}"),
    "band.out": ("band {band} is not one of {bands}", "考核等次{band}，不属于 {bands}"),
    "designation": ("designation {value}", "评定结果：{value}"),
    "veto.yes": ("vetoed that year", "当年被一票否决"),
    "veto.no": ("no veto that year", "当年未被一票否决"),
    "streak.in": (
        "{count} consecutive advanced year(s) before, in {range}",
        "此前连续 {count} 年先进，在 {range} 之内",
    ),
    "streak.out": (
        "{count} consecutive advanced year(s) before, not in {range}",
        "此前连续 {count} 年先进，不在 {range} 之内",
    ),
    # officials
    "post.in": ("post {post} is {posts}", "职务为{post}，属于 {posts}"),
    "post.out": ("post {post} is not {posts}", "职务为{post}，不属于 {posts}"),
    "status.in": ("status {status} is {statuses}", "状态为{status}，属于 {statuses}"),
    "status.out": ("status {status} is not {statuses}", "状态为{status}，不属于 {statuses}"),
    "conduct.all": ("conduct {flags}", "具有：{flags}"),
    "conduct.missing": ("conduct {flags} not given", "未给出：{flags}"),
    "conduct.any": ("conduct {flags}", "具有：{flags}"),
    "conduct.none": ("none of {flags} given", "{flags} 均未给出"),
    "found.yes": ("applied: {rules}", "已适用：{rules}"),
    "found.none": ("no rule {rules} applied to this official", "对此人未适用 {rules}"),
    "selector.not": ("not {label}: {parts}", "不是{label}：{parts}"),
    "selector.post": ("post {post}", "职务为{post}"),
    "selector.post_conduct": ("post {post}, {flags}", "职务为{post}，具有：{flags}"),
    "selector.post_late": ("post {post}, report late ({report})", "职务为{post}，迟报（{report}）"),
    "signatory.yes": ("signatory of the responsibility letter", "责任书签订人"),
    "signatory.no": ("not a signatory of the responsibility letter", "不是责任书签订人"),
    "signatory.no_fallback": (
        "no signatory flagged, and no fallback post for this unit kind",
        "未标明签订人，且该单位类型无替代职务",
    ),
    "selector.post_report": ("post {post}, report failure found: {values}", "职务为{post}，经查有{values}"),
    "level.out": ("level {value} is not one of {values}", "所在层级为{value}，不属于 {values}"),
    "sanction.none": ("no proposed sanction of {values}", "拟给予的处分中没有 {values}"),
    "division.assumed": (
        "no jurisdiction given: taken as the same division (the history is the caller's)",
        "未给出辖区：按调用方提供的此前事故，视为同一师",
    ),
    "division.same": ("division {value} is the incident's", "所在师{value}与本事故相同"),
    "division.other": ("division {value} is not the incident's {other}", "所在师{value}与本事故（{other}）不同"),
    "unit.same": ("unit {value} is the incident's", "事故单位{value}与本事故相同"),
    "unit.other": ("unit {value} is not the incident's {other}", "事故单位{value}与本事故（{other}）不同"),
    "report_failure.found": ("report failure found: {values}", "经查有{values}"),
    "report_failure.none": ("no report failure of {values}", "未查明{values}"),
    "report.stated": ("report failure as the input states it: {values}", "输入所述报告失职：{values}"),
    "unit.not_responsible": (
        "unit {unit} is not the responsible unit {responsible}",
        "所在单位{unit}不是事故责任单位{responsible}",
    ),
    "portfolio.out": ("portfolio does not include {sectors}", "分管领域不含{sectors}"),
    # what the engine could not evaluate
    "needs": ("{fields}", "{fields}"),
    "needs.for_kind": ("{fields} (for its {kind})", "{fields}（用于{kind}）"),
    "needs.for_official": (
        "{fields} (to decide whether {official} is {label})",
        "{fields}（用于判断 {official} 是否为{label}）",
    ),
    "needs.of_official": ("{needs} (official {official})", "{needs}（人员 {official}）"),
    "needs.dates": ("decided_on (the dates of the {kind})", "decided_on（{kind}的起止日期）"),
    "needs.sanction_row": (
        "sanction {sanction}: no [[sanction]] row in regime {regime}",
        "处分{sanction}：规则体系 {regime} 中没有对应的处分行",
    ),
    "needs.probation_term": (
        "the term of 留党察看 (give party_probation_1y or party_probation_2y)",
        "留党察看的期限（请给出 party_probation_1y 或 party_probation_2y）",
    ),
    "needs.off_ladder": (
        "proposed_form {forms} is not on the ladder {ladder}",
        "拟问责方式{forms}不在方式序列 {ladder} 中",
    ),
    "needs.publication": (
        "assessment.published_on (the dates of the {kind}: the regime assumes no publication date)",
        "assessment.published_on（{kind}的起止日期：该规则体系不推定公布日期）",
    ),
    "needs.score": ("assessment.score", "assessment.score（考核得分）"),
    # rules not applied
    "rule.before_encoded": (
        "not encoded for accidents before {start} (the accident is of {day})",
        "本规则不适用于 {start} 之前的事故（事故发生于 {day}）",
    ),
    "rule.before_encoded_year": (
        "not encoded for accidents before {start} (the assessment year ends on {day})",
        "本规则不适用于 {start} 之前（考核年度截至 {day}）",
    ),
    "rule.table_not_in_force": (
        "not in force: {table} is in force from {start} (the accident is of {day})",
        "尚未施行：{table} 自 {start} 起施行（事故发生于 {day}）",
    ),
    "rule.not_in_force": ("not in force on {day} (in force {spans})", "{day} 不在施行期内（施行期 {spans}）"),
    "rule.kind_not_met": ("{kind}: {why}", "{kind}：{why}"),
    "rule.no_official_with_conduct": (
        "no official in the input is {label} with the conduct it needs",
        "输入中没有具有相应行为的{label}",
    ),
    "rule.form_not_reached": ("{kind}: no form of {form} or heavier", "{kind}：未达到{form}及以上的问责方式"),
    "rule.form_not_reached_removal": (
        "{kind}: no form of {form} or heavier, no sanction that removes from post",
        "{kind}：未达到{form}及以上的问责方式，也无撤销职务的处分",
    ),
    # notes on consequences
    "note.upper_limit": (
        "{rule}: imposed at the upper limit of its range ({articles})",
        "{rule}：按幅度上限处罚（{articles}）",
    ),
    "note.lifelong": ("终身: for life, no end date", "终身：无截止日期"),
    "note.publication_unknown": (
        "counted from the publication of the assessment result, which the input does not give",
        "自考核结果公布之日起算，输入未给出公布日期",
    ),
    "note.publication_assumed": ("publication assumed on {day}", "公布日期推定为 {day}"),
    "note.due": ("due {days} days after publication on {day}", "公布（{day}）后 {days} 日内缴纳"),
    "due.no_calendar": (
        "{year} is not in the official holiday calendar: {day} left unadjusted",
        "官方节假日安排未包含 {year} 年：{day} 未作调整",
    ),
    "due.moved_no_calendar": (
        "moved from {day} past rest days; {year} is not in the holiday calendar",
        "自 {day} 顺延过休息日；官方节假日安排未包含 {year} 年",
    ),
    "due.moved": (
        "{day} is a rest day (民法典 第二百零三条): the deadline moves to {moved}",
        "{day} 为法定休假日（民法典 第二百零三条）：期限顺延至 {moved}",
    ),
    "note.income_unknown": (
        "previous_year_income_cny not given: the fine is stated as a share of it",
        "未给出上一年年收入：罚款以其比例表示",
    ),
    "note.income": ("of the previous year's income {amount}", "按上一年年收入 {amount} 元计"),
    "note.designation_unknown": (
        "可评为: eligible; the designation is not known, so the reward is stated as may",
        "可评为：符合条件；是否评定未知，奖励记为“可以”",
    ),
    "note.split": ("{amount} split equally among {count}, to the fen", "{amount} 元由 {count} 人平均分担，精确到分"),
    "note.unassigned_role": ("no official in the input is {label}", "输入中没有{label}"),
    "note.unassigned_signatory": (
        "no signatory can be named ({label}): the share is unassigned",
        "无法确定签订人（{label}）：该份额未落实到人",
    ),
    "note.table": ("{en}", "{zh}"),
    "note.rule": ("{rule}: {note}", "{rule}：{note}"),
    "note.rule_why": ("{rule}: {note} ({why})", "{rule}：{note}（{why}）"),
    "note.date_unknown": (
        "{rule}: the source gives no date of effect; applied whatever the accident's date",
        "{rule}：原文未载明施行日期；不论事故日期均予适用",
    ),
    "note.may_if_form": (
        "applies if the deciding authority chooses {form} or heavier",
        "如决定机关选择{form}及以上方式，则适用",
    ),
    "note.no_proposal": (
        "no proposal (处理建议) given: the form is for the deciding authority, among {forms}",
        "未给出处理建议：由决定机关在 {forms} 中确定方式",
    ),
    "note.dropped_lightest": (
        "{rule}: the lightest form of the proposed range ({form}) is dropped",
        "{rule}：去掉建议范围中最轻的方式（{form}）",
    ),
    "note.heavier": ("{rule}: heavier, mitigation barred", "{rule}：从重，不得从轻"),
    "note.discretionary": (
        "{rule}: the lighter forms {forms} are discretionary: the authority may but need not use them",
        "{rule}：较轻的{forms}为可选（可以从轻、减轻），由决定机关裁量",
    ),
    "note.lowered": ("{rule}: the range may reach {form}, below the proposal", "{rule}：可降至建议以下的{form}"),
    "note.already_lightest": ("{rule}: the proposal is already the lightest form", "{rule}：建议已是最轻的方式"),
    "note.conflict": (
        "{heavier} (heavier) and {lighter} (lighter) both apply: "
        "the range is left as proposed for the deciding authority",
        "{heavier}（从重）与{lighter}（从轻、减轻）同时适用：方式范围按建议保留，由决定机关裁量",
    ),
    "note.period_longest": (
        "the period of the longest decided sanction, from decided_on",
        "自决定之日起，按所受最长处分的期间",
    ),
    "note.period_no_bar": (
        "the decided sanctions carry no promotion period: per applicable rules",
        "所受处分未规定影响期：按有关规定",
    ),
    "note.period_no_sanction": (
        "在相关规定时限内: no sanction decided, the period is per applicable rules",
        "在相关规定时限内：未给予处分，期间按有关规定",
    ),
    "note.period_undated": (
        "a decided sanction has no fixed term: its end cannot be dated",
        "所受处分期限未定：无法确定截止日期",
    ),
    "note.sanction": ("{name}: {effect}", "{name}：{effect}"),
    "note.no_individual_form": (
        "regime {regime} decides no individual 问责 form: "
        "its rules reach this official only through the consequences listed",
        "规则体系 {regime} 不确定个人问责方式：其规则仅通过所列后果涉及此人",
    ),
    # result notes
    "note.not_graded": (
        "the accident is of {day}, before {start}: no grade of this library applies (493号 in force {start})",
        "事故发生于 {day}，早于 {start}：本库不评定事故等级（493号自 {start} 施行）",
    ),
    "note.no_grading": (
        "regime {regime} has no grading: the incident is not graded",
        "规则体系 {regime} 未规定事故等级划分：不评定等级",
    ),
    "note.no_accident": (
        "no death, serious injury or direct loss: the incident is recorded, no accident rule applies",
        "无死亡、重伤和直接经济损失：记录在案，不适用事故规则",
    ),
    "note.provisional": (
        "casualty counts may still change until {day} (生产安全事故报告和调查处理条例 第十三条): "
        "the grade is provisional until then",
        "伤亡人数在 {day} 前仍可变更（生产安全事故报告和调查处理条例 第十三条）：在此之前等级为暂定",
    ),
    "note.report_clock": ("report clock: {report}", "报告时限：{report}"),
    "note.publication_default": (
        "assessment: no published_on given; assumed {day}, the last day of February of {year} "
        "(results are published before the end of February)",
        "年度考核：未给出公布日期；推定为 {year} 年2月的最后一天 {day}（考核结果于2月底前公布）",
    ),
    "note.no_scale": (
        "assessment: regime {regime} has no score scale: no band is computed "
        "(its rules on a failed assessment read assessment.failed)",
        "年度考核：规则体系 {regime} 没有评分等次：不计算等次（考核不合格的规则读取 assessment.failed）",
    ),
    "note.vetoed": (
        "assessment: a veto in the year ({vetoes}): no designation and no award; the band stands; "
        "a vetoed year breaks a streak of advanced years",
        "年度考核：当年被一票否决（{vetoes}）：不得评定、不予奖励；等次不变；被否决的年度中断连续先进",
    ),
    # ledgers (duties.py)
    "ledger.met": ("ledger: {duty} met ({article})", "履职记录：{duty} 已达到（{article}）"),
    "ledger.gap": ("{start}–{end}: {done} of {required}", "{start}至{end}：完成 {done} 次，应为 {required} 次"),
    "delay.hours": ("{hours} h {minutes} min", "{hours} 小时 {minutes} 分钟"),
    "delay.minutes": ("{minutes} min", "{minutes} 分钟"),
    "ledger.short": (
        "ledger: {duty} short by {count} ({gaps}; {article})",
        "履职记录：{duty} 差 {count} 次（{gaps}；{article}）",
    ),
    "ledger.no_catalogue": (
        "ledger: regime {regime} has no duty catalogue for post {post}: nothing derived",
        "履职记录：规则体系 {regime} 没有{post}的职责清单：不作推定",
    ),
    "ledger.derived_short": (
        "ledger: a duty is short: 履行职责不到位 (duties_not_performed) is derived from the records",
        "履职记录：有职责未达到：据记录推定履行职责不到位",
    ),
    "ledger.derived_complete": (
        "ledger: every checkable duty met: full performance (duties_fully_performed) is derived; "
        "the other duties of the text cannot be checked from records",
        "履职记录：可核查的职责均已达到：推定全面履职；其他职责无法从记录核查",
    ),
    "ledger.nothing": (
        "ledger: no duty could be judged over the ledger's period: nothing derived",
        "履职记录：记录期间内没有可判断的职责：不作推定",
    ),
    "ledger.note": ("ledger: {note}", "履职记录：{note}"),
    "ledger.only_countable": (
        "only the duties with a countable frequency are checked from records; the other duties of the text "
        "(leadership, planning, supervision …) cannot be checked from records",
        "只有规定了次数的职责可以从记录核查；其他职责（领导、规划、督促……）无法从记录核查",
    ),
    "ledger.level_unknown": (
        "the official's level is not given: duties that depend on it are not checked ({duties})",
        "未给出此人所在层级：取决于层级的职责未核查（{duties}）",
    ),
    "ledger.not_whole": ("not wholly inside the ledger's period", "不完全在记录期间内"),
    # choosing the regimes by place and date (selection.py)
    "explicit": ("regime {regime} was asked for by name", "按名称指定规则体系 {regime}"),
    "no_jurisdiction": ("the input names no jurisdiction: national law alone", "输入未给出事故所在地：仅适用国家法律"),
    "system_from_level": (
        "jurisdiction.system not given: the level or division is the XPCC's (兵团、师、团)",
        "未给出所属系统：按层级（兵团、师、团）视为兵团系统",
    ),
    "system_assumed_local": ("jurisdiction.system not given: taken as local", "未给出所属系统：视为地方"),
    "province_from_city": (
        "jurisdiction.province not given: {city} is in {province} (table {regime})",
        "未给出省份：{city}属{province}（据规则表 {regime}）",
    ),
    "governs": ("{regime} governs {place} from {from}", "{regime} 适用于{place}，自 {from} 起"),
    "date_unknown": (
        "{regime}: its documents give no date of effect; applied whatever the accident's date",
        "{regime}：文件未载明施行日期，不论事故日期均予适用",
    ),
    "not_in_force_yet": (
        "{regime} is in force from {from}, not yet on {day}: its rules do not apply",
        "{regime} 自 {from} 起施行，事故发生于 {day}：尚未施行，其规则不适用",
    ),
    "no_local_table": (
        "no table governs {looked_for} on {day}: national law alone",
        "没有规则表适用于 {looked_for}（{day}）：仅适用国家法律",
    ),
    "national": (
        "{regime}: national law applies everywhere, each rule in its own era",
        "{regime}：国家法律普遍适用，各条按其施行时期",
    ),
    "outside_place": (
        "{regime} governs {place}, not {looked_for}: applied because it was asked for",
        "{regime} 适用于{place}，而非 {looked_for}：因按名称指定而适用",
    ),
}


def _value(name: str, value: Param, lang: str) -> str:
    if value is None:
        return "?"
    if isinstance(value, Event):
        return render(value, lang)
    if isinstance(value, tuple):
        return SEPARATOR[lang].join(_value(name, v, lang) for v in value)
    text = str(value)
    if name == "amount" and lang == "zh":
        from .money import grouped

        return grouped(Decimal(text))
    vocabulary = VOCABULARY.get(name)
    if vocabulary is not None and lang == "zh":
        return terms.term(dict(vocabulary), text, "zh")
    return text


def _parts(code: str, parts: tuple[Event, ...], lang: str) -> str:
    joiner = {
        ("all", "en"): "; ",
        ("ledger.short", "en"): "; ",
        ("ledger.short", "zh"): "；",
        ("all", "zh"): "；",
        ("any", "en"): " or ",
        ("any", "zh"): "，或",
        ("none_of", "en"): " and ",
        ("none_of", "zh"): "；",
        ("selector.not", "en"): "; ",
        ("selector.not", "zh"): "；",
    }[(code, lang)]
    return joiner.join(render(p, lang) for p in parts)


# --------------------------------------------------------------------------- memoised texts
#
# A batch renders the same explanations again and again ("not deputy_safety: post unit_head is not …"). The
# text of an event is a pure function of its code, its parameters and the language, so the texts of *plain*
# events are kept: an event whose parameters are texts, whole numbers, None, tuples of texts and whole
# numbers, or nested plain events. For those, equal events are identical events (a str never equals an int,
# and bool is not int here); an event with a Decimal (Decimal("1.0") == 1) or anything else is rendered every
# time. The memo is bounded: it is emptied when it holds MEMO_MAX texts.

MEMO_MAX = 200_000
_MEMO: dict[tuple[Event, str], str] = {}


def plain(event: Event) -> bool:
    """Whether ``event``'s parameters are all plain (see above), so that its text may be memoised."""
    for _, value in event.params:
        kind = type(value)
        if kind is str or kind is int or value is None:
            continue
        if isinstance(value, Event):
            if not plain(value):
                return False
            continue
        if kind is not tuple:
            return False
        for item in value:  # type: ignore[union-attr]
            inner = type(item)
            if inner is str or inner is int or (isinstance(item, Event) and plain(item)):
                continue
            return False
    return True


def render(event: Event, lang: str = "en") -> str:
    """The event's text in ``lang`` ("en" or "zh")."""
    if not plain(event):
        return _render(event, lang)
    key = (event, lang)
    text = _MEMO.get(key)
    if text is None:
        text = _render(event, lang)
        if len(_MEMO) >= MEMO_MAX:
            _MEMO.clear()
        _MEMO[key] = text
    return text


def _render(event: Event, lang: str) -> str:
    en, zh = TEMPLATES[event.code]
    shown: dict[str, str] = {}
    for name, value in event.params:
        if isinstance(value, tuple) and value and isinstance(value[0], Event):
            shown[name] = _parts(event.code, value, lang)  # type: ignore[arg-type]
        else:
            shown[name] = _value(name, value, lang)
    return (zh if lang == "zh" else en).format(**shown)


def texts(events: tuple[Event, ...], lang: str = "en") -> list[str]:
    return [render(e, lang) for e in events]
