"""Demo data: sentences a cadre writes in a visit log (情况 / 诉求 / 帮扶措施), by visit kind.

Placeholders: {head} household head, {name} a member met, {worker} a working-age member,
{n} members, {job} a job kind, {pay} Beijing pay, {local_pay} local pay, {workplace},
{training}, {illness}, {cattle}, {sheep}, {mu}.
"""

from __future__ import annotations

SITUATIONS = {
    "home": [
        "家中{n}口人，{head}在家放牧，养牛{cattle}头、羊{sheep}只，今年收入比去年有所增加。",
        "种植玉米{mu}亩，今年雨水较好，预计收成不错；家中饮水安全，已通电通网。",
        "{name}患{illness}，长期服药，医疗费用负担较重，已落实家庭医生签约服务。",
        "{worker}初中毕业后在家，尚未就业，表示有外出务工的想法。",
        "老人年事已高，需要人照顾，子女在外务工，家中主要靠种地收入。",
        "今年牛价下跌，养殖收入有所减少，家庭生活总体稳定。",
        "{worker}在{workplace}务工，月收入约{local_pay}元，离家近，能照顾家里。",
        "孩子在旗里读高中，教育资助已落实，家长希望孩子考上大学。",
        "房屋为砖瓦结构，住房安全有保障，院内整洁。",
    ],
    "follow_up": [
        "回访{name}，上次反映的问题已基本解决。",
        "{worker}已在北京从事{job}工作，每月工资约{pay}元，工作稳定。",
        "{worker}参加了{training}培训，已结业，正在找工作。",
        "{head}家今年新买了{cattle}头牛犊，长势良好。",
        "{name}身体恢复情况良好，能干些轻活。",
    ],
    "policy": [
        "在嘎查村部集中宣讲赴京务工政策，{head}家派{worker}参加。",
        "宣讲医保、大病救助和防返贫监测政策，{head}认真听讲并提问。",
        "宣讲技能培训和稳岗补贴政策，{name}表示感兴趣。",
    ],
    "job_matching": [
        "向{worker}介绍北京顺义区用工需求：{job}，月薪{pay}元，包吃住。",
        "{worker}对{job}岗位有意向，已参加远程面试。",
        "带来最新岗位清单，与{worker}逐条对照，{worker}看中了{job}岗位。",
    ],
    "phone": [
        "电话了解{worker}在京务工情况，工作正常，工资按月发放。",
        "电话询问{head}家近况，家中一切正常。",
        "电话联系{worker}，了解培训报名意向。",
    ],
    "other": [
        "陪同旗里工作组入户，核实家庭收入情况。",
        "协助{head}家办理医保报销手续。",
    ],
}

REQUESTS = [
    "希望帮助{worker}在北京找一份{job}的工作。",
    "希望参加{training}培训，学一门手艺。",
    "希望协调解决牛犊补贴。",
    "申请小额信贷，扩大养殖规模。",
    "暂无诉求。",
    "希望了解稳岗补贴的申领条件。",
    "希望在附近找份工作，方便照顾家人。",
    "咨询医疗报销政策，希望减轻看病负担。",
    "希望嘎查帮助修缮院墙。",
    "",
]

ACTIONS = [
    "讲解赴京务工稳岗补贴政策：有组织输出、在京稳定就业3个月以上的，每人发放2000元。",
    "已将{worker}的求职信息登记，推荐给顺义区用工企业。",
    "协助{worker}制作简历，联系远程面试。",
    "讲解医保和慢病报销政策，帮助整理报销材料。",
    "为{worker}登记{training}培训报名。",
    "已联系嘎查村委会协调解决，下次走访时反馈。",
    "告知就业快车网求职登记方法，帮助{worker}完成注册。",
    "下次走访时带来最新岗位清单。",
    "向镇里反映情况，申请临时救助。",
]
