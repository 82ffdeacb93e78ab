"""Terms for people-facing output, in Chinese (zh) and English (en). JSON codes stay English."""

from __future__ import annotations

KIND = {
    "interview": ("约谈", "interview"),
    "self_criticism": ("写出深刻检查", "written self-criticism"),
    "circulated_criticism": ("通报批评", "circulated criticism"),
    "warning_notice": ("警示通报", "warning notice"),
    "veto": ("一票否决", "one-vote veto"),
    "awards_ineligible": ("取消评先评优资格", "no awards"),
    "promotion_ban": ("不得提拔", "no promotion"),
    "reappointment_ban": ("不得担任相应职务", "barred from the post"),
    "no_transfer": ("不得提升或交流任职", "no promotion or transfer"),
    "fine": ("罚款", "fine"),
    "fine_share": ("罚款分担", "share of the fine"),
    "reward": ("奖励", "reward"),
    "reward_share": ("奖金分配", "share of the reward"),
    "salary_deduction": ("扣减效益年薪", "performance pay cut"),
    "accountability": ("问责", "held to account"),
    "discipline": ("处分", "disciplinary sanction"),
    "referral": ("移送", "referral"),
    "closure": ("关闭", "closure"),
    "press_conference": ("新闻发布会", "press conference"),
    "on_site": ("赶赴现场", "to the scene"),
    "licence_suspension": ("暂扣证照", "licence suspended"),
    "licence_revocation": ("吊销证照", "licence revoked"),
    "qualification_suspension": ("暂停或者撤销资格", "qualification suspended or revoked"),
    "business_suspension": ("停产停业", "business suspended"),
}

POST = {
    "party_secretary": ("党委主要负责人", "party secretary"),
    "government_head": ("政府主要负责人", "head of government"),
    "deputy_safety": ("分管安全生产的负责人", "deputy in charge of safety"),
    "deputy_sector": ("分管行业领域的领导班子成员", "deputy in charge of the sector"),
    "department_head": ("部门主要负责人", "head of department"),
    "department_deputy": ("部门负责人", "deputy head of department"),
    "unit_head": ("单位主要负责人", "head of the unit"),
    "unit_deputy": ("单位其他负责人", "other head of the unit"),
    "safety_manager": ("安全生产管理人员", "safety manager"),
    "group_leader": ("集团公司党政领导", "group company leader"),
    "soe_leader": ("国有企业领导班子成员", "state-owned enterprise leader"),
}

MODALITY = {"must": ("应当", "must"), "may": ("可以", "may")}

FORM = {
    "interview": ("约谈", "interview"),
    "notice": ("通报", "notice"),
    "admonishment": ("诫勉", "admonishment"),
    "suspension": ("停职检查", "suspension"),
    "reassignment": ("调整职务", "reassignment"),
    "ordered_resignation": ("责令辞职", "ordered resignation"),
    "demotion": ("降职", "demotion"),
    "removal": ("免职", "removal"),
}

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

SANCTION = {
    "party_warning": ("党内警告", "party warning"),
    "party_serious_warning": ("党内严重警告", "serious party warning"),
    "party_post_revoked": ("撤销党内职务", "party post revoked"),
    "party_probation": ("留党察看", "party probation"),
    "party_probation_1y": ("留党察看一年", "party probation, 1 year"),
    "party_probation_2y": ("留党察看二年", "party probation, 2 years"),
    "party_expulsion": ("开除党籍", "expulsion from the party"),
    "gov_warning": ("警告", "warning"),
    "gov_demerit": ("记过", "demerit"),
    "gov_major_demerit": ("记大过", "major demerit"),
    "gov_downgrade": ("降级", "downgrade"),
    "gov_dismissal": ("撤职", "dismissal"),
    "gov_expulsion": ("开除", "expulsion"),
}


# Vocabulary of the input, for people (moved here from the CLI's vocabulary so the library can render it).
SECTOR: dict[str, tuple[str, str]] = {
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
}

ACCIDENT_TYPE: dict[str, tuple[str, str]] = {
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
}

STATUS: dict[str, tuple[str, str]] = {
    "in_office": ("在职", "in office"),
    "transferred": ("已调离", "transferred"),
    "promoted": ("已提拔", "promoted"),
    "retired": ("已退休", "retired"),
}

UNIT_KIND: dict[str, tuple[str, str]] = {
    "enterprise": ("企业", "enterprise"),
    "division": ("师", "division"),
    "bingtuan_direct": ("兵团直属单位", "unit directly under the Bingtuan"),
    "committee_member": ("安委会成员单位", "member unit of the safety committee"),
    "regiment": ("团场", "regiment"),
    "public_institution": ("事业单位", "public institution"),
    "government": ("党政机关", "government body"),
    "department": ("部门", "department"),
    "other": ("其他", "other"),
}

SYSTEM: dict[str, tuple[str, str]] = {
    "xpcc": ("新疆生产建设兵团", "XPCC (Bingtuan)"),
    "local": ("地方", "local government"),
}

LEVEL: dict[str, tuple[str, str]] = {
    "bingtuan": ("兵团", "Bingtuan"),
    "division": ("师", "division"),
    "regiment": ("团", "regiment"),
    "province": ("省级", "province"),
    "city": ("市级", "city"),
    "county": ("县级", "county"),
    "township": ("乡镇", "township"),
    "development_zone": ("开发区", "development zone"),
    "department": ("部门", "department"),
}

ACTIVITY: dict[str, tuple[str, str]] = {
    "meeting": ("会议", "meeting"),
    "inspection": ("检查", "inspection"),
    "research": ("调研", "research"),
    "study": ("学习", "study"),
    "drill": ("演练", "drill"),
    "report_hearing": ("听取汇报", "report hearing"),
    "analysis": ("分析研判", "analysis"),
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
    # conduct flags (docs/rules.md §4, §5, §7)
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

FLAG = {
    **FIELD,
    # pseudo flags of a selector: the report failures found for the incident
    "report_late": ("迟报", "late report"),
    "report_omitted": ("漏报", "omitted report"),
    "report_false": ("谎报", "false report"),
    "report_concealed": ("瞒报", "concealed accident"),
}
REPORT_FAILURE: dict[str, tuple[str, str]] = {
    "late": ("迟报", "late report"),
    "omitted": ("漏报", "omitted report"),
    "false": ("谎报", "false report"),
    "concealed": ("瞒报", "concealed accident"),
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
