"""The input vocabulary for people: every field and choice of the input schema, labelled in zh or en.

The web page (``accountability serve``) and the Excel register (``accountability template`` /
``import``) are built from this at run time: the *choices* are the enums of
``accountability.schema.input_schema()`` (so a value added to the library appears
without an edit here), the *labels* of a choice come from ``accountability.terms``
(its table named after the enum: ``Post`` → ``terms.POST``, ``AccidentType`` →
``terms.ACCIDENT_TYPE``). Where terms has no table yet for an enum, the few
labels below stand in; a code with no label anywhere is shown as itself.
No third-party import: this module is cheap.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Labels of enums that accountability.terms does not (yet) carry. terms wins where it has the table.
FALLBACK_CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "SECTOR": {
        "coal_mine": ("煤矿", "coal mine"),
        "non_coal_mine": ("非煤矿山", "non-coal mine"),
        "hazardous_chemicals": ("危险化学品", "hazardous chemicals"),
        "fireworks": ("烟花爆竹", "fireworks"),
        "civil_explosives": ("民用爆炸物品", "civil explosives"),
        "metallurgy": ("冶金", "metallurgy"),
        "building_materials": ("建材", "building materials"),
        "oil_products": ("成品油", "oil products"),
        "electric_power": ("电力", "electric power"),
        "pharmaceuticals": ("医药", "pharmaceuticals"),
        "light_textile": ("轻工纺织", "light industry and textiles"),
        "salt": ("盐业", "salt"),
        "automotive": ("汽车", "automotive"),
        "machinery": ("机械", "machinery"),
        "energy_saving": ("节能", "energy saving"),
        "emerging_industry": ("新兴产业", "emerging industry"),
        "food": ("食品", "food"),
        "agri_processing": ("农产品加工", "agricultural processing"),
        "electronics_it": ("电子信息", "electronics and IT"),
        "software": ("软件", "software"),
        "telecom": ("通信", "telecommunications"),
        "industrial_park": ("工业园区", "industrial park"),
        "construction": ("建筑施工", "construction"),
        "road_transport": ("道路运输", "road transport"),
        "water_transport": ("水上运输", "water transport"),
        "rail": ("铁路", "rail"),
        "aviation": ("民航", "aviation"),
        "fire_crowded_places": ("消防及人员密集场所", "fire safety, crowded places"),
        "special_equipment": ("特种设备", "special equipment"),
        "gas_supply": ("燃气", "gas supply"),
        "agriculture": ("农业", "agriculture"),
        "tourism": ("旅游", "tourism"),
        "education": ("教育", "education"),
        "health": ("卫生健康", "health"),
        "other": ("其他", "other"),
    },
    "ACCIDENT_TYPE": {
        "gas_explosion": ("瓦斯爆炸", "gas explosion"),
        "coal_dust_explosion": ("煤尘爆炸", "coal dust explosion"),
        "explosion": ("爆炸", "explosion"),
        "fire": ("火灾", "fire"),
        "collapse": ("坍塌", "collapse"),
        "roof_fall": ("冒顶片帮", "roof fall"),
        "flooding": ("透水", "flooding"),
        "poisoning_asphyxiation": ("中毒和窒息", "poisoning and asphyxiation"),
        "fall_from_height": ("高处坠落", "fall from height"),
        "struck_by_object": ("物体打击", "struck by an object"),
        "mechanical_injury": ("机械伤害", "mechanical injury"),
        "electrocution": ("触电", "electrocution"),
        "lifting_injury": ("起重伤害", "lifting injury"),
        "vehicle_injury": ("车辆伤害", "vehicle injury"),
        "traffic": ("交通事故", "traffic accident"),
        "drowning": ("淹溺", "drowning"),
        "other": ("其他", "other"),
    },
    "STATUS": {
        "in_office": ("在职", "in office"),
        "transferred": ("已调离", "transferred"),
        "promoted": ("已提拔", "promoted"),
        "retired": ("已退休", "retired"),
    },
    "UNIT_KIND": {
        "enterprise": ("企业", "enterprise"),
        "division": ("师", "division"),
        "bingtuan_direct": ("兵团直属单位", "unit directly under the Bingtuan"),
        "committee_member": ("安委会成员单位", "member unit of the safety committee"),
        "regiment": ("团场", "regiment"),
        "public_institution": ("事业单位", "public institution"),
        "government": ("党政机关", "government body"),
        "other": ("其他", "other"),
    },
    "SYSTEM": {"xpcc": ("新疆生产建设兵团", "XPCC (Bingtuan)"), "local": ("地方", "local government")},
    "LEVEL": {
        "bingtuan": ("兵团", "Bingtuan"),
        "division": ("师", "division"),
        "regiment": ("团", "regiment"),
        "province": ("省级", "province"),
        "city": ("市级", "city"),
        "county": ("县级", "county"),
        "township": ("乡镇", "township"),
        "development_zone": ("开发区", "development zone"),
        "department": ("部门", "department"),
    },
    "ACTIVITY": {
        "meeting": ("会议", "meeting"),
        "inspection": ("检查", "inspection"),
        "research": ("调研", "research"),
        "study": ("学习", "study"),
        "drill": ("演练", "drill"),
        "report_hearing": ("听取汇报", "report hearing"),
        "analysis": ("分析研判", "analysis"),
    },
}

# Field labels: the names of the input's keys, for people (the keys themselves stay English in JSON).
FIELDS: dict[str, tuple[str, str]] = {
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
    "responsibility_accident": ("责任事故", "a responsibility accident"),
    "major_social_impact": ("造成重大社会影响", "major social impact"),
    "egregious": ("性质恶劣", "egregious"),
    "especially_serious": ("情节特别严重", "especially serious"),
    "caused_by_poor_work": ("因工作不力引发", "caused by poor work"),
    "unit": ("事故单位", "unit"),
    "jurisdiction": ("辖区", "jurisdiction"),
    "name": ("名称", "name"),
    "kind": ("单位类型", "kind"),
    "state_owned": ("国有", "state-owned"),
    "capacity_tpy": ("产能（吨/年）", "capacity (t/year)"),
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
    # conduct flags (RULES §4, §5, §7)
    "duties_not_performed": ("未履行或未正确履行职责", "duties not performed"),
    "obstructed_enforcement": ("阻挠、干涉监管执法", "obstructed enforcement"),
    "interceded": ("为违法违规行为说情", "interceded for violations"),
    "report_failure": ("迟报、漏报、谎报、瞒报", "failed to report properly"),
    "leadership_responsibility": ("负有领导责任", "leadership responsibility"),
    "failed_rescue": ("未及时组织救援", "failed to organise the rescue"),
    "other": ("其他应当问责的情形", "other grounds"),
    "enlarged_harm": ("致使危害扩大", "enlarged the harm"),
    "obstructed_inquiry": ("阻挠、干扰事故调查", "obstructed the inquiry"),
    "retaliation": ("打击报复", "retaliation"),
    "prevention_not_implemented": ("防范整改措施不落实", "prevention not implemented"),
    "same_type_within_year": ("一年内发生同类事故", "same type within a year"),
    "remedial_action": ("主动采取补救措施", "remedial action"),
    "reduced_loss": ("有效减少损失", "reduced the loss"),
    "mitigated_impact": ("挽回不良影响", "mitigated the impact"),
    "cooperated": ("积极配合调查", "cooperated"),
    "accepted_responsibility": ("主动承担责任", "accepted responsibility"),
    "duties_fully_performed": ("已全面正确履行职责", "duties fully performed"),
    "suspected_duty_offence": ("涉嫌职务违法犯罪", "suspected duty offence"),
    "egregious_dereliction": ("失职失责情节恶劣", "egregious dereliction"),
    "primary_responsibility": ("负有主要责任", "primary responsibility"),
    "careless_bad_effect": ("工作不力造成不良影响", "carelessness with a bad effect"),
    "crime": ("涉嫌犯罪", "crime"),
    "left_post": ("擅离职守", "left the post"),
    "absconded": ("事故后逃匿", "absconded"),
    "designated_advanced_individual": ("本年度被评为安全生产先进个人", "designated an advanced individual"),
}

# Keys the page and the register leave out: nested documents of their own (a ledger: `duties`),
# and the round-2 forms that duplicate a simpler one.
SKIPPED = {"ledger", "responsible_unit", "responsible_units", "assessment"}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def choice_labels(enum_name: str, lang: str) -> dict[str, str]:
    """code → label for the enum ``enum_name`` of the input schema (e.g. "Sector"), in ``lang``."""
    from accountability import terms

    table: dict[str, tuple[str, str]] = getattr(terms, _snake(enum_name), None) or {}
    fallback = FALLBACK_CHOICES.get(_snake(enum_name), {})
    out = {}
    for code in enum_values(enum_name):
        pair = table.get(code) or fallback.get(code)
        out[code] = code if pair is None else pair[0 if lang == "zh" else 1]
    return out


def field_label(key: str, lang: str, owner: str = "") -> str:
    """The label of ``key`` (in the object ``owner``, e.g. "Official"), in ``lang``; unknown: the key."""
    pair = FIELDS.get(f"{owner}.{key}") or FIELDS.get(key)
    return key if pair is None else pair[0 if lang == "zh" else 1]


@cache
def _input_defs() -> tuple[dict[str, Any], dict[str, Any]]:
    from accountability.schema import input_schema

    root = input_schema()
    return root, root["$defs"]


def enum_values(enum_name: str) -> list[str]:
    """The values of an enum of the input schema, without the codec's aliases (``fall``)."""
    from accountability.codec import ACCIDENT_TYPE_ALIASES

    values: list[str] = _input_defs()[1][enum_name]["enum"]
    aliases = set(ACCIDENT_TYPE_ALIASES) if enum_name == "AccidentType" else set()
    return [v for v in values if v not in aliases]


def _unwrap(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A property schema without its ``anyOf [X, null]``; and whether null was allowed."""
    options = prop.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        inner = next(o for o in options if o != {"type": "null"})
        return inner, True
    return prop, False


def _ref(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) else None


def classify(prop: dict[str, Any]) -> dict[str, Any]:
    """The kind of input a property needs: bool, int, money, moment, timestamp, date, text,
    choice (with ``enum``), choices (several of ``enum``), forms (one form or a range), object (``ref``),
    or skip (a shape the page does not offer)."""
    defs = _input_defs()[1]
    node, nullable = _unwrap(prop)
    out: dict[str, Any] = {"nullable": nullable}
    ref = _ref(node)
    if ref is not None:
        target = defs[ref]
        if "enum" in target:
            return {**out, "kind": "choice", "enum": ref}
        return {**out, "kind": "object", "ref": ref}
    options = node.get("anyOf")
    if isinstance(options, list):
        if any(o.get("type") == "number" for o in options):
            return {**out, "kind": "money"}
        if any(o.get("format") == "date-time" for o in options) and any(o.get("format") == "date" for o in options):
            return {**out, "kind": "moment"}
        forms = [_ref(o) for o in options if _ref(o)]
        if forms:
            return {**out, "kind": "forms", "enum": forms[0]}
        return {**out, "kind": "skip"}
    kind = node.get("type")
    if node.get("format") == "date-time":
        return {**out, "kind": "timestamp"}
    if node.get("format") == "date":
        return {**out, "kind": "date"}
    if kind == "boolean":
        return {**out, "kind": "bool"}
    if kind == "integer":
        return {**out, "kind": "int", "minimum": node.get("minimum")}
    if kind == "string":
        return {**out, "kind": "text"}
    if kind == "array":
        item = _ref(node.get("items", {}))
        if item is not None and "enum" in defs[item]:
            return {**out, "kind": "choices", "enum": item}
    return {**out, "kind": "skip"}


def fields_of(def_name: str) -> list[dict[str, Any]]:
    """The fields of one object of the input schema (``Incident``, ``Official``, ``Unit`` …), in schema order."""
    target = _input_defs()[1][def_name]
    required = set(target.get("required", ()))
    out = []
    for key, prop in target["properties"].items():
        if key in SKIPPED:
            continue
        spec = classify(prop)
        if spec["kind"] == "skip":
            continue
        out.append({"key": key, "required": key in required, **spec})
    return out


def form_spec(lang: str, regimes: tuple[str, ...]) -> dict[str, Any]:
    """Everything the web page needs to build its form, labelled in ``lang`` ("zh" or "en")."""
    enums: dict[str, list[list[str]]] = {}
    groups: dict[str, list[dict[str, Any]]] = {}

    def walk(def_name: str) -> None:
        if def_name in groups:
            return
        fields = fields_of(def_name)
        groups[def_name] = fields
        for f in fields:
            f["label"] = field_label(f["key"], lang, def_name)
            if "enum" in f and f["enum"] not in enums:
                enums[f["enum"]] = [[code, label] for code, label in choice_labels(f["enum"], lang).items()]
            if f["kind"] == "object":
                walk(f["ref"])

    for name in ("Incident", "Official"):
        walk(name)
    return {
        "lang": lang,
        "regimes": list(regimes),
        "regime_default": _input_defs()[0]["properties"]["regime"].get("default"),
        "groups": groups,
        "enums": enums,
        "labels": {k: field_label(k, lang) for k in ("regime", "decided_on", "incident", "history", "officials")},
    }
