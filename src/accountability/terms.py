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
