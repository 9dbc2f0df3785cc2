"""How the change history reads: each field's Chinese label, and its values as a cadre says them.

One home for "entity / field -> 中文" (the forms' own wording), covering every field a
merge carries, so the 修改记录 tabs, the 最近修改 list and the 待处理 screen all name a
field the same way. History keeps values as text (codes, ids, 1/0, ISO dates); here a
code becomes its label, an id the name of what it points at, a link set the names, and
ID numbers and phones are masked unless the full number is asked for.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from casework import validation, vocab, vocab_jobs, vocab_training
from casework.masking import mask_id_number, mask_phone
from casework.models import (
    Area,
    Cadre,
    Employer,
    Household,
    JobPosting,
    Person,
    Placement,
    Resume,
    TrainingClass,
    Visit,
)
from casework.services.documents.resume_entries import ENTRY_KIND
from casework.services.register.trash import KIND_LABEL
from casework.services.sync.record_values import MODELS, table_of

EMPTY = "（空）"

# fmt: off
FIELD_LABELS: dict[str, dict[str, str]] = {
    "area": {"parent": "上级地区", "level": "层级", "name": "名称", "code": "行政区划代码"},
    "cadre": {"name": "姓名", "unit": "单位", "phone": "手机号"},
    "household": {
        "code": "户编号", "village": "所在嘎查村", "group": "村民小组", "address": "详细地址",
        "phone": "联系电话", "status": "农户类型", "notes": "备注",
    },
    "person": {
        "household": "所在农户", "relation": "与户主关系", "name": "姓名", "gender": "性别",
        "birth_date": "出生日期", "ethnicity": "民族", "id_number": "身份证号码",
        "phone": "联系电话", "education": "文化程度", "health": "健康状况",
        "health_notes": "病情说明", "labour_ability": "劳动能力", "skills": "技能特长",
        "work_status": "务工状况", "political_status": "政治面貌", "marital_status": "婚姻状况",
        "notes": "备注",
    },
    "visit": {
        "household": "走访农户", "visit_date": "走访日期", "kind": "走访类型", "place": "走访地点",
        "situation": "了解情况", "requests": "群众诉求", "actions": "帮扶措施",
        "next_visit_date": "下次走访日期", "recorded_by": "录入人", "cadre_ids": "走访干部",
        "person_ids": "见到的家庭成员",
    },
    "wish": {
        "person": "人员", "visit": "登记时的走访", "recorded_on": "登记日期",
        "willing_to_go_out": "愿意外出务工", "destinations": "意向务工地", "job_kinds": "意向工种",
        "expected_pay": "期望月薪(元)", "available_from": "可到岗日期", "constraints": "制约因素",
        "constraint_notes": "制约说明", "training_wanted": "培训意愿", "status": "意愿状态",
        "notes": "备注",
    },
    "deletion": {
        "kind": "类型", "record_id": "删除的记录", "label": "内容", "deleted_at": "删除时间",
        "cadre": "删除人", "restored_at": "恢复时间", "replica": "删除的电脑",
        "known": "删除时已知的修改",
    },
    "training_class": {
        "kind": "培训类别", "name": "培训班名称", "start_date": "开班日期", "end_date": "结业日期",
        "place": "培训地点", "organiser": "组织单位", "notes": "备注",
    },
    "enrollment": {
        "training_class": "培训班", "person": "人员", "attended": "已参训", "completed": "已结业",
        "certificate": "已取得证书", "certificate_name": "证书名称",
        "certificate_number": "证书编号", "notes": "备注",
    },
    "employer": {
        "name": "单位名称", "kind": "单位类别", "place": "所在区县或地点", "contact": "联系人",
        "phone": "联系电话", "uscc": "统一社会信用代码", "notes": "备注",
    },
    "posting": {
        "employer": "用工单位", "position": "岗位名称", "job_kind": "工种", "place": "工作地点",
        "address": "详细地址", "headcount": "招聘人数", "pay_min": "月薪下限（元）",
        "pay_max": "月薪上限（元）", "age_min": "最低年龄", "age_max": "最高年龄",
        "gender": "性别要求", "education_min": "最低学历", "certificates": "证书要求",
        "board": "包吃", "lodging": "包住", "valid_until": "有效期至", "status": "招聘状态",
        "notes": "备注",
    },
    "placement": {
        "person": "人员", "posting": "岗位（已登记的）", "employer": "用工单位（已登记的）",
        "employer_name": "用工单位", "position": "岗位", "job_kind": "工种", "place": "工作地点",
        "organised": "有组织输出", "stage": "目前环节", "stage_date": "环节日期",
        "recommended_on": "推荐日期", "interviewed_on": "面试日期", "hired_on": "录用日期",
        "start_date": "上岗日期", "end_date": "离岗日期", "monthly_pay": "月收入（元）",
        "notes": "备注",
    },
    "placement_event": {"placement": "就业记录", "stage": "环节", "event_date": "日期",
                        "notes": "说明", "reason": "离岗原因"},
    "work_check": {
        "placement": "就业记录", "checked_on": "回访日期", "method": "回访方式",
        "still_working": "是否在岗", "monthly_pay": "月收入（元）", "problems": "遇到的问题",
        "needs_help": "需要帮助", "left_on": "离岗日期", "left_reason": "离岗原因",
        "notes": "备注", "cadre": "回访干部",
    },
    "subsidy": {
        "placement": "就业记录", "person": "人员", "paid_on": "发放日期", "amount": "金额（元）",
        "paid_by": "经办人", "notes": "备注",
    },
    "resume": {
        "person": "人员", "title": "简历名称", "target_job": "求职岗位",
        "target_place": "期望工作地点", "expected_pay": "期望月薪(元)",
        "available_from": "可到岗日期", "phone": "联系电话", "self_description": "自我评价",
        "photo": "照片", "template": "简历模板", "health_print": "健康状况",
    },
    "resume_entry": {
        "resume": "简历", "kind": "类别", "period_from": "起始时间", "period_to": "结束时间",
        "organisation": "单位 / 学校", "title": "名称 / 岗位", "detail": "说明",
        "position": "排列顺序",
    },
    "duplicate_pair": {
        "entity": "类型", "kept_id": "保留的记录", "other_id": "另一条记录", "reason": "原因",
        "status": "处理状态",
    },
}
# fmt: on

#: What each kind of record is called: the recycle bin's words, and the kinds it never holds.
ENTITY_LABELS = {
    **KIND_LABEL,
    "cadre": "干部",
    "placement_event": "就业环节",
    "deletion": "删除",
    "duplicate_pair": "重复记录",
    "export": "导出",
}

#: Whole-record events in the history, as the lists name them.
EVENT_LABELS = {
    "created": "新建",
    "deleted": "删除（放入回收站）",
    "restored": "从回收站恢复",
    "exported_full_ids": "导出完整身份证号和电话",
}

_REASONS = {"id_number": "身份证号相同", "code": "户编号相同", "likely": "姓名、出生日期和村相同"}
_PAIR_STATUS = {"open": "待处理", "merged": "已合并", "distinct": "不是同一个"}
_SINGLE: dict[tuple[str, str], dict[str, str]] = {
    ("household", "status"): vocab.HOUSEHOLD_STATUS,
    ("area", "level"): vocab.AREA_LEVEL,
    ("person", "relation"): vocab.RELATION,
    ("person", "gender"): vocab.GENDER,
    ("person", "ethnicity"): vocab.ETHNICITY,
    ("person", "education"): vocab.EDUCATION,
    ("person", "health"): vocab.HEALTH,
    ("person", "labour_ability"): vocab.LABOUR_ABILITY,
    ("person", "work_status"): vocab.WORK_STATUS,
    ("person", "political_status"): vocab.POLITICAL_STATUS,
    ("person", "marital_status"): vocab.MARITAL_STATUS,
    ("visit", "kind"): vocab.VISIT_KIND,
    ("wish", "status"): vocab.WISH_STATUS,
    ("training_class", "kind"): vocab_training.TRAINING_KIND,
    ("employer", "kind"): vocab_jobs.EMPLOYER_KIND,
    ("posting", "job_kind"): vocab_jobs.JOB_KIND,
    ("posting", "place"): vocab.DESTINATION,
    ("posting", "gender"): vocab.GENDER,
    ("posting", "education_min"): vocab.EDUCATION,
    ("posting", "status"): vocab_jobs.POSTING_STATUS,
    ("placement", "job_kind"): vocab_jobs.JOB_KIND,
    ("placement", "place"): vocab.DESTINATION,
    ("placement", "stage"): vocab_jobs.PLACEMENT_STAGE,
    ("placement_event", "stage"): vocab_jobs.PLACEMENT_STAGE,
    ("placement_event", "reason"): vocab_jobs.LEAVE_REASON,
    ("work_check", "method"): vocab_jobs.CHECK_METHOD,
    ("work_check", "left_reason"): vocab_jobs.LEAVE_REASON,
    ("resume_entry", "kind"): ENTRY_KIND,
    ("deletion", "kind"): ENTITY_LABELS,
    ("duplicate_pair", "entity"): ENTITY_LABELS,
    ("duplicate_pair", "reason"): _REASONS,
    ("duplicate_pair", "status"): _PAIR_STATUS,
}
_MULTIPLE = {
    ("wish", "destinations"): vocab.DESTINATION,
    ("wish", "constraints"): vocab.CONSTRAINT,
}
_REQUIRED = {"name", "code"}  # a person, a place and a household always have them
_MASKS = {"id_number": mask_id_number, "phone": mask_phone}


def field_label(entity: str, field: str) -> str:
    """The field's name on screen: 联系电话, 走访干部…; an event's: 新建, 删除…"""
    if field in EVENT_LABELS:
        return EVENT_LABELS[field]
    labels = FIELD_LABELS.get(entity, {})
    return labels.get(field) or labels.get(field.removesuffix("_id")) or field


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def vocabulary(entity: str, field: str) -> dict[str, str] | None:
    """The codes a field takes and their labels, when it is a single choice."""
    if (entity, field) == ("resume", "health_print"):
        from casework.services.documents.resumes import HEALTH_PRINT

        return HEALTH_PRINT
    return _SINGLE.get((entity, field))


def model_field(entity: str, field: str):
    """The peewee field behind a history field, or None (a link set, an event)."""
    table = table_of(entity)
    if table is None:
        return None
    return MODELS[table]._meta.fields.get(field)


def display_value(entity: str, field: str, value: str | None, show_full: bool = False) -> str:
    """One value as history holds it, as a cadre reads it."""
    if value is None or value == "":
        return EMPTY
    if field in _MASKS and not show_full:
        return _MASKS[field](value)
    if field == "photo":
        return "有照片"
    if field in ("cadre_ids", "person_ids"):
        return "、".join(names_of(value.split(","), Cadre if field == "cadre_ids" else Person))
    if (entity, field) in _MULTIPLE:
        return vocab.labels(_MULTIPLE[entity, field], value) or value
    choices = vocabulary(entity, field)
    if choices is not None:
        return vocab.label(choices, value)
    column = model_field(entity, field)
    if isinstance(column, BooleanField):
        return "是" if value in ("1", "True") else "否"
    if isinstance(column, ForeignKeyField):
        return name_of(column.rel_model, value)
    return value


YES_NO = {"1": "是", "0": "否"}


def input_kind(entity: str, field: str) -> tuple[str, dict[str, str] | None]:
    """How a cadre types a value of the field: ("choice", {code: label}), ("date", None),
    ("long", None) for long text, ("text", None), or ("none", None) when it cannot be
    typed (a link set, a photo, a pointer to another record)."""
    column = model_field(entity, field)
    choices = vocabulary(entity, field)
    if choices is not None:
        return "choice", choices
    if isinstance(column, BooleanField):
        return "choice", YES_NO
    if column is None or isinstance(column, ForeignKeyField) or field == "photo":
        return "none", None
    if isinstance(column, DateField):
        return "date", None
    if isinstance(column, TextField):
        return "long", None
    return "text", None


def typed_value(entity: str, field: str, raw: str | bool | None) -> str | None:
    """What a cadre typed (or chose) for a field, as history writes it.

    Raises ValidationError {field: Chinese message} when it is no value of that field; a
    choice comes as its code, a yes/no as a bool.
    """
    label = field_label(entity, field)
    column = model_field(entity, field)
    if isinstance(raw, bool):
        return "1" if raw else "0"
    text = (raw or "").strip()
    try:
        if field == "id_number":
            value = validation.id_number(text).number if text else None
        elif field == "phone":
            value = validation.phone(text)
        elif isinstance(column, DateField):
            day = validation.date(text, label=label)
            value = day.isoformat() if day else None
        elif isinstance(column, IntegerField) and not isinstance(column, ForeignKeyField):
            number = validation.money(text, label, 100_000_000)
            value = None if number is None else str(number)
        elif isinstance(column, CharField) and not isinstance(column, ForeignKeyField):
            value = validation.text(text, label, column.max_length, field in _REQUIRED)
        else:
            value = validation.text(text, label, 100_000)
    except validation.FieldError as error:
        raise validation.ValidationError({field: error.message}) from None
    if value in (None, "") and column is not None and column.null:
        return None
    return value if value is not None else ""


def names_of(ids: list[str], model: type[Model]) -> list[str]:
    """The names of records by id, in the order given; "？" for one not held here."""
    found = dict(model.select(model.id, model.name).where(model.id.in_(ids)).tuples())
    return [found.get(i) or "？" for i in ids if i]


def name_of(model: type[Model], record_id: str) -> str:
    """What a record pointed at is called: a place's name, a household's code and head…"""
    record = model.get_or_none(model.id == record_id)
    if record is None:
        return "（已不存在的记录）"
    return record_label(record)


def record_label(record: Model) -> str:
    """What a cadre calls a record: 150521001 韩令春户, 韩春明（150521001）, 2026-11-02 走访…"""
    if isinstance(record, Household):
        return f"{record.code} {record.head_name}户".strip()
    if isinstance(record, Person):
        household = Household.get_or_none(Household.id == record.household_id)
        return f"{record.name}（{household.code}）" if household else record.name
    if isinstance(record, Visit):
        household = Household.get_or_none(Household.id == record.household_id)
        code = household.code if household else ""
        return f"{record.visit_date} 走访 {code}".strip()
    if isinstance(record, (Area, Cadre, Employer, TrainingClass)):
        return record.name
    if isinstance(record, JobPosting):
        return record.position
    if isinstance(record, Placement):
        return f"{_person_name(record.person_id)} {record.employer_name} {record.position}".strip()
    if isinstance(record, Resume):
        return f"{_person_name(record.person_id)}的简历 {record.title}".strip()
    entity = _entity_of(record)
    person_id = getattr(record, "person_id", None)
    if person_id:
        return f"{_person_name(person_id)}的{entity_label(entity)}"
    return entity_label(entity)


def _person_name(person_id: str) -> str:
    person = Person.get_or_none(Person.id == person_id)
    return person.name if person else ""


def _entity_of(record: Model) -> str:
    from casework.services.sync.tables import BY_NAME

    table = BY_NAME.get(record._meta.table_name)
    return table.entity if table else record._meta.table_name
