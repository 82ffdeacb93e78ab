"""Terms for people-facing output, in Chinese (zh) and English (en). JSON codes stay English.

The vocabulary's terms (posts, sectors, kinds, forms, conduct flags, …) are table data
(``tables/vocabulary.toml``, see :mod:`accountability.vocabulary`); the tables here are read from it,
and :func:`learn` adds the terms a user's tables declare. The rest are the engine's own words.
"""

from __future__ import annotations

from .vocabulary import Vocabulary, shared

Labels = dict[str, tuple[str, str]]


def _group(vocabulary: Vocabulary, group: str) -> Labels:
    return {t.code: (t.zh, t.en) for t in vocabulary.terms(group)}


_SHARED = shared()
KIND = _group(_SHARED, "kind")
POST = _group(_SHARED, "post")
FORM = _group(_SHARED, "form")
SANCTION = _group(_SHARED, "sanction")
SECTOR = _group(_SHARED, "sector")
ACCIDENT_TYPE = _group(_SHARED, "accident_type")
STATUS = _group(_SHARED, "status")
UNIT_KIND = _group(_SHARED, "unit_kind")
SYSTEM = _group(_SHARED, "system")
LEVEL = _group(_SHARED, "level")
ACTIVITY = _group(_SHARED, "activity")
REPORT_FAILURE = _group(_SHARED, "report_failure")

MODALITY = {"must": ("应当", "must"), "may": ("可以", "may")}


GRADE = {
    "none": ("无", "none"),
    "general": ("一般事故", "general accident"),
    "larger": ("较大事故", "larger accident"),
    "major": ("重大事故", "major accident"),
    "extraordinary": ("特别重大事故", "extraordinary accident"),
}

BAND = {
    "advanced": ("先进", "advanced"),
    "good": ("良好", "good"),
    "qualified": ("合格", "qualified"),
    "unqualified": ("不合格", "unqualified"),
}

# The input's keys and flags, for people (the keys themselves stay English in JSON).
FIELD: dict[str, tuple[str, str]] = {
    # a key's label in one object, where it differs from the key's label elsewhere
    "Incident.id": ("事故编号", "incident id"),
    "Official.id": ("人员编号", "official's id"),
    "Official.name": ("姓名", "name"),
    "Official.unit": ("所在单位", "unit"),
    "Official.level": ("所在辖区层级", "level of own jurisdiction"),
    "Unit.name": ("单位名称", "unit name"),
    "Unit.kind": ("单位类型", "unit kind"),
    "Unit.state_owned": ("国有企业", "state-owned"),
    "Jurisdiction.name": ("辖区名称", "jurisdiction name"),
    "Jurisdiction.system": ("辖区体系", "jurisdiction system"),
    "Jurisdiction.level": ("辖区层级", "jurisdiction level"),
    "Jurisdiction.city": ("所在市", "city"),
    "Jurisdiction.county": ("所在县", "county"),
    "Jurisdiction.division": ("所在师", "division"),
    "regime": ("规则体系", "regime"),
    "decided_on": ("决定日期", "decided on"),
    "incident": ("事故", "incident"),
    "history": ("此前事故", "earlier incidents"),
    "officials": ("相关人员", "officials"),
    "id": ("编号", "id"),
    "occurred_at": ("发生时间", "occurred at"),
    "learned_at": ("获知时间", "learned at"),
    "reported_at": ("报告时间", "reported at"),
    "deaths": ("死亡人数", "deaths"),
    "serious_injuries": ("重伤人数（含急性工业中毒）", "serious injuries (incl. acute poisoning)"),
    "direct_loss_cny": ("直接经济损失（元）", "direct economic loss (CNY)"),
    "sector": ("行业领域", "sector"),
    "accident_type": ("事故类型", "accident type"),
    "unit": ("事故单位", "unit"),
    "jurisdiction": ("辖区", "jurisdiction"),
    "name": ("名称", "name"),
    "kind": ("单位类型", "kind"),
    "state_owned": ("国有", "state-owned"),
    "capacity_tpy": ("产能（吨/年）", "capacity (t/year)"),
    "share": ("责任份额", "share of responsibility"),
    "responsible_unit": ("事故责任单位", "responsible unit"),
    "responsible_units": ("事故责任单位（多个）", "responsible units"),
    "incident.report_failure": ("报告失职（迟报、漏报、谎报、瞒报）", "report failure"),
    "system": ("体系", "system"),
    "level": ("层级", "level"),
    "city": ("市", "city"),
    "county": ("县", "county"),
    "division": ("师", "division"),
    "post": ("职务", "post"),
    "portfolio": ("分管领域", "portfolio"),
    "signatory": ("责任书签订人", "signatory"),
    "status": ("任职状态", "status"),
    "conduct": ("情节", "conduct"),
    "proposed_form": ("拟问责方式", "proposed form"),
    "proposed_discipline": ("拟给予处分", "proposed discipline"),
    "previous_year_income_cny": ("上一年年收入（元）", "previous year's income (CNY)"),
}

# the yes/no facts of the vocabulary: an official's conduct and the incident's
FIELD.update(_group(_SHARED, "conduct"))
FIELD.update(_group(_SHARED, "incident_fact"))

FLAG = {
    **FIELD,
    # pseudo flags of a selector: the report failures found for the incident
    "report_late": ("迟报", "late report"),
    "report_omitted": ("漏报", "omitted report"),
    "report_false": ("谎报", "false report"),
    "report_concealed": ("瞒报", "concealed accident"),
}
# Any value of an enumerated field (sectors, accident types, …): a value is shown by its term.
ANY_VALUE: dict[str, tuple[str, str]] = {
    **UNIT_KIND,
    **LEVEL,
    **STATUS,
    **ACCIDENT_TYPE,
    **SECTOR,
    **REPORT_FAILURE,
    **SANCTION,
}

TARGET = {
    "unit": ("单位", "unit"),
    "jurisdiction": ("辖区", "jurisdiction"),
    "role": ("职位", "role"),
    "official": ("人员", "official"),
}

# Kept for callers of the first version.
KIND_ZH = {k: v[0] for k, v in KIND.items()}
POST_ZH = {k: v[0] for k, v in POST.items()}
MODALITY_ZH = {k: v[0] for k, v in MODALITY.items()}
FORM_ZH = {k: v[0] for k, v in FORM.items()}


def term(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    """The term for ``code`` in ``lang`` ("zh" or "en"); an unknown code is shown as itself."""
    pair = table.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "zh" else pair[1]


# Where each group's labels are shown: its own table, and the tables that show any value of several groups.
_SHOWN_IN: dict[str, tuple[Labels, ...]] = {
    "kind": (KIND,),
    "post": (POST,),
    "form": (FORM,),
    "sanction": (SANCTION, ANY_VALUE),
    "sector": (SECTOR, ANY_VALUE),
    "accident_type": (ACCIDENT_TYPE, ANY_VALUE),
    "status": (STATUS, ANY_VALUE),
    "unit_kind": (UNIT_KIND, ANY_VALUE),
    "level": (LEVEL, ANY_VALUE),
    "report_failure": (REPORT_FAILURE, ANY_VALUE),
    "system": (SYSTEM,),
    "activity": (ACTIVITY,),
    "conduct": (FIELD, FLAG),
    "incident_fact": (FIELD, FLAG),
}
_ZH_ONLY: dict[str, dict[str, str]] = {"kind": KIND_ZH, "post": POST_ZH, "form": FORM_ZH}


def learn(vocabulary: Vocabulary) -> None:
    """Make the terms a user's tables add to the vocabulary known to every renderer.

    Only adds: a code has one label (the tables refuse other labels for it), so a label never
    changes once shown, and the shipped terms stay as they are."""
    for group, shown in _SHOWN_IN.items():
        for t in vocabulary.terms(group):
            for table in shown:
                table.setdefault(t.code, (t.zh, t.en))
            if group in _ZH_ONLY:
                _ZH_ONLY[group].setdefault(t.code, t.zh)
