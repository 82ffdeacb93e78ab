"""Chinese terms for the codes, for people-facing output."""

from __future__ import annotations

KIND_ZH = {
    "interview": "约谈",
    "self_criticism": "写出深刻检查",
    "circulated_criticism": "通报批评",
    "warning_notice": "警示通报",
    "veto": "一票否决",
    "awards_ineligible": "取消评先评优资格",
    "promotion_ban": "不得提拔",
    "reappointment_ban": "不得担任相当职务",
    "no_transfer": "不得提升或交流任职",
    "fine": "罚款",
    "fine_share": "罚款分担",
    "reward": "奖励",
    "reward_share": "奖金分配",
    "salary_deduction": "扣减效益年薪",
    "accountability": "问责",
    "discipline": "处分",
    "referral": "移送",
    "closure": "关闭",
    "press_conference": "新闻发布会",
    "on_site": "赶赴现场",
}

POST_ZH = {
    "party_secretary": "党委主要负责人",
    "government_head": "政府主要负责人",
    "deputy_safety": "分管安全生产的负责人",
    "deputy_sector": "分管行业领域的领导班子成员",
    "department_head": "部门主要负责人",
    "department_deputy": "部门负责人",
    "unit_head": "单位主要负责人",
    "unit_deputy": "单位其他负责人",
    "safety_manager": "安全生产管理人员",
    "group_leader": "集团公司党政领导",
    "soe_leader": "国有企业领导班子成员",
}

MODALITY_ZH = {"must": "应当", "may": "可以"}

FORM_ZH = {
    "interview": "约谈",
    "notice": "通报",
    "admonishment": "诫勉",
    "suspension": "停职检查",
    "reassignment": "调整职务",
    "ordered_resignation": "责令辞职",
    "demotion": "降职",
    "removal": "免职",
}
