"""`export`: Word documents (resume, resumes, visits, household, report) and Excel lists (list).

Each handler opens the database and calls one export function; docxtpl, openpyxl and
friends are imported inside the handlers so that `python main.py --help` stays quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from casework.cli.common import CommandError, add_output, open_existing

T = TypeVar("T")

LIST_KINDS = ("demand", "beijing", "willing", "subsidy", "training")
LIST_HELP = "demand 用工需求清单，beijing 在京务工人员清单，willing 有意愿外出务工清单，"
LIST_HELP += "subsidy 稳岗补贴花名册，training 技能培训台账"


def add_commands(commands) -> None:
    parser = commands.add_parser("export", help="导出 Word / Excel 文件", description="导出文件")
    kinds = parser.add_subparsers(title="可导出的内容", metavar="内容", required=True)
    for add in (_add_resume, _add_resumes, _add_visits, _add_household, _add_list, _add_report):
        add(kinds)


def _fail(error: BaseException):
    """The exception as a CommandError (exit 2, Chinese message, no traceback)."""
    from casework.exports.files import describe_error

    return CommandError(f"导出失败：{describe_error(error)}")


def _run(action: Callable[[], T]) -> T:
    from casework.services.common import ConflictError, NotFoundError

    try:
        return action()
    except (NotFoundError, ConflictError, ValueError, OSError) as error:
        raise _fail(error) from None


def _date(raw: str | None, label: str):
    from casework import validation

    try:
        return validation.date(raw, label=label)
    except validation.FieldError as error:
        raise CommandError(error.message) from None


# ---------------------------------------------------------------- export resume


def _add_resume(kinds) -> None:
    parser = kinds.add_parser("resume", help="导出一个人的简历（Word）", description="导出简历")
    parser.add_argument("--person", required=True, metavar="身份证号", help="此人的身份证号")
    parser.add_argument("--template", metavar="模板", help="模板名称，默认用简历草稿选定的模板")
    add_output(parser, "保存到的 .docx 文件或文件夹")
    parser.set_defaults(handler=_export_resume)


def _export_resume(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import resume
    from casework.services.documents import documents, resumes

    open_existing(path)

    def action() -> Path:
        person = documents.person_by_id_number(args.person)
        draft_id = resumes.latest_resume_id(person["id"])
        if draft_id:
            draft = resumes.get_resume(draft_id)
        else:  # no draft yet: one made from the record, not saved
            draft = resumes.prefill(person["id"]) | {"person_id": person["id"]}
        data = resume.resume_data(draft)
        return resume.write_resume(data, args.output, args.template, args.force)

    written = _run(action)
    print(f"已导出简历：{written}")
    return 0


# ---------------------------------------------------------------- export resumes


def _add_resumes(kinds) -> None:
    parser = kinds.add_parser(
        "resumes", help="批量导出简历到一个文件夹", description="批量导出简历"
    )
    parser.add_argument(
        "--willing", action="store_true", help="导出所有有外出务工意愿的人（按最近一次登记）"
    )
    parser.add_argument("--template", metavar="模板", help="所有人都用这个模板")
    parser.add_argument("-o", "--output", required=True, metavar="文件夹", help="保存到的文件夹")
    parser.set_defaults(handler=_export_resumes)


def _export_resumes(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import batch

    if not args.willing:
        raise CommandError("请用 --willing 选择导出对象（有外出务工意愿的人）")
    open_existing(path)
    items = batch.items_for_willing()
    if not items:
        print("没有登记为愿意外出务工的人，未导出任何简历。")
        return 0

    def report(done: int, total: int, name: str) -> None:
        end = "\n" if done >= total else ""
        line = f"\r正在导出简历：{done}/{total}（{done * 100 // total}%）{name}"
        print(f"{line:<40}", end=end, flush=True)

    result = _run(lambda: batch.export_batch(items, args.output, args.template, report))
    print(result.summary())
    for name, reason in result.skipped:
        print(f"  未导出 {name}：{reason}")
    return 0


# ---------------------------------------------------------------- export visits


def _add_visits(kinds) -> None:
    parser = kinds.add_parser(
        "visits",
        help="导出走访日志（Word），可按户、嘎查村、干部和日期筛选",
        description="导出走访日志",
    )
    parser.add_argument("--household", metavar="户编号", help="只导出这一户的走访")
    parser.add_argument("--village", metavar="嘎查村", help="只导出这个嘎查村的走访")
    parser.add_argument("--cadre", metavar="干部姓名", help="只导出这位干部参加的走访")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="开始日期（含）")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="结束日期（含）")
    parser.add_argument("--template", metavar="模板", help="模板名称，默认“走访日志”")
    add_output(parser, "保存到的 .docx 文件或文件夹")
    parser.set_defaults(handler=_export_visits)


def _export_visits(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import visit_log
    from casework.services.documents import documents

    date_from = _date(args.date_from, "开始日期")
    date_to = _date(args.date_to, "结束日期")
    if date_from and date_to and date_to < date_from:
        raise CommandError("结束日期不能早于开始日期")
    open_existing(path)

    def action() -> Path:
        labels, ids = [], {}
        if args.household:
            household = documents.household_by_code(args.household)
            ids["household_id"] = household["id"]
            labels.append(
                f"{household['head_name']}户" if household["head_name"] else args.household
            )
        if args.village:
            ids["village_id"] = documents.village_by_name(args.village)["id"]
            labels.append(args.village.strip())
        if args.cadre:
            ids["cadre_id"] = documents.cadre_by_name(args.cadre)["id"]
            labels.append(args.cadre.strip())
        scope = visit_log.Scope(
            date_from=date_from, date_to=date_to, label="、".join(labels), **ids
        )
        return visit_log.export_visit_log(scope, args.output, args.template, args.force)

    written = _run(action)
    print(f"已导出走访日志：{written}")
    return 0


# ---------------------------------------------------------------- export household


def _add_household(kinds) -> None:
    parser = kinds.add_parser(
        "household", help="导出一户的档案（一户一档，Word）", description="导出一户一档"
    )
    parser.add_argument("code", metavar="户编号", help="户编号")
    parser.add_argument("--template", metavar="模板", help="模板名称，默认“一户一档”")
    add_output(parser, "保存到的 .docx 文件或文件夹")
    parser.set_defaults(handler=_export_household)


def _export_household(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import household_file
    from casework.services.documents import documents

    open_existing(path)

    def action() -> Path:
        household = documents.household_by_code(args.code)
        return household_file.export_household_file(
            household["id"], args.output, args.template, args.force
        )

    written = _run(action)
    print(f"已导出一户一档：{written}")
    return 0


# ---------------------------------------------------------------- export list


def _add_list(kinds) -> None:
    parser = kinds.add_parser("list", help="导出 Excel 清单", description="导出 Excel 清单")
    parser.add_argument("kind", choices=LIST_KINDS, metavar="清单", help=LIST_HELP)
    add_output(parser, "保存到的 .xlsx 文件或文件夹")
    parser.add_argument(
        "--full-ids",
        action="store_true",
        help="包含完整身份证号和电话（默认只显示前6位和后4位；这次导出会记入修改记录）",
    )
    parser.set_defaults(handler=_export_list)


def _export_list(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import lists

    open_existing(path)
    target = Path(args.output).expanduser()
    if target.is_dir():
        target = target / lists.suggested_name(args.kind)
    elif target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    result = _run(
        lambda: lists.export_list(args.kind, target, overwrite=args.force, full_ids=args.full_ids)
    )
    title = lists.LISTS[args.kind].title
    sheets = "，".join(f"{name} {count} 行" for name, count in result.rows.items())
    print(f"已导出{title}（{sheets}）：{result.path}")
    if args.full_ids:
        print("此文件含完整身份证号和电话，请妥善保管；本次导出已记入修改记录。")
    return 0


# ---------------------------------------------------------------- export report


def _add_report(kinds) -> None:
    from casework.cli.overview import add_scope_arguments

    parser = kinds.add_parser(
        "report",
        help="导出工作简报（Word）：期间的主要数字、分苏木乡镇情况和图表",
        description="导出工作简报，数字与 stats 和工作概况相同；默认本月、全旗",
    )
    add_scope_arguments(parser)
    parser.add_argument("--template", metavar="模板", help="模板名称，默认“工作简报”")
    add_output(parser, "保存到的 .docx 文件或文件夹")
    parser.set_defaults(handler=_export_report)


def _export_report(args: argparse.Namespace, path: Path) -> int:
    from casework.cli.overview import scope_and_period
    from casework.exports import report

    open_existing(path)
    scope, period = scope_and_period(args)
    written = _run(
        lambda: report.export_report(args.output, scope, period, args.template, args.force)
    )
    print(f"已导出工作简报：{written}")
    return 0
