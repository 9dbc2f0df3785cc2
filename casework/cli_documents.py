"""Command-line Word documents: `export resume|resumes|visits|household` and `templates`.

Registered by casework/cli.py (EXPORT_KINDS and COMMANDS). Like the rest of the CLI,
each handler opens the database and calls one export function; docxtpl and friends
are imported inside the handlers so that `python main.py --help` stays quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def _cli():
    # casework.cli imports this module to register it; look it up at run time instead.
    from casework import cli

    return cli


def _fail(error: BaseException):
    """The exception as a CommandError (exit 2, Chinese message, no traceback)."""
    from casework.exports.files import describe_error

    return _cli().CommandError(f"导出失败：{describe_error(error)}")


def _run(action: Callable[[], Path]) -> Path:
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
        raise _cli().CommandError(error.message) from None


def _output(parser, help_text: str) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="文件", help=help_text)
    parser.add_argument(
        "--force", action="store_true", help="文件已存在时覆盖它（默认另起一个不重名的文件名）"
    )


# ---------------------------------------------------------------- export resume


def add_export_resume(kinds) -> None:
    parser = kinds.add_parser("resume", help="导出一个人的简历（Word）", description="导出简历")
    parser.add_argument("--person", required=True, metavar="身份证号", help="此人的身份证号")
    parser.add_argument("--template", metavar="模板", help="模板名称，默认用简历草稿选定的模板")
    _output(parser, "保存到的 .docx 文件或文件夹")
    parser.set_defaults(handler=_export_resume)


def _export_resume(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import resume
    from casework.services.documents import documents, resumes

    _cli()._open_existing(path)

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


def add_export_resumes(kinds) -> None:
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
        raise _cli().CommandError("请用 --willing 选择导出对象（有外出务工意愿的人）")
    _cli()._open_existing(path)
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


def add_export_visits(kinds) -> None:
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
    _output(parser, "保存到的 .docx 文件或文件夹")
    parser.set_defaults(handler=_export_visits)


def _export_visits(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import visit_log
    from casework.services.documents import documents

    date_from = _date(args.date_from, "开始日期")
    date_to = _date(args.date_to, "结束日期")
    if date_from and date_to and date_to < date_from:
        raise _cli().CommandError("结束日期不能早于开始日期")
    _cli()._open_existing(path)

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


def add_export_household(kinds) -> None:
    parser = kinds.add_parser(
        "household", help="导出一户的档案（一户一档，Word）", description="导出一户一档"
    )
    parser.add_argument("code", metavar="户编号", help="户编号")
    parser.add_argument("--template", metavar="模板", help="模板名称，默认“一户一档”")
    _output(parser, "保存到的 .docx 文件或文件夹")
    parser.set_defaults(handler=_export_household)


def _export_household(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import household_file
    from casework.services.documents import documents

    _cli()._open_existing(path)

    def action() -> Path:
        household = documents.household_by_code(args.code)
        return household_file.export_household_file(
            household["id"], args.output, args.template, args.force
        )

    written = _run(action)
    print(f"已导出一户一档：{written}")
    return 0


# ---------------------------------------------------------------- templates


def add_templates(commands) -> None:
    parser = commands.add_parser("templates", help="查看和检查 Word 模板", description="Word 模板")
    actions = parser.add_subparsers(
        title="操作", metavar="操作", parser_class=type(parser), required=True
    )
    check = actions.add_parser(
        "check",
        help="检查模板（不写文件时检查全部模板；退出码 0 正常，1 有问题）",
        description="检查模板",
    )
    check.add_argument("file", nargs="?", metavar="文件", help="要检查的 .docx 模板文件")
    check.set_defaults(handler=_templates_check)
    listing = actions.add_parser(
        "list", help="列出所有模板和自定义模板文件夹", description="列出模板"
    )
    listing.set_defaults(handler=_templates_list)


def _templates_check(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import templates

    if args.file:
        target = Path(args.file).expanduser()
        if not target.is_file():
            raise _cli().CommandError(f"找不到文件：{target}")
        checks = [(target.name, target, templates.kind_of(target.stem))]
    else:
        checks = [(f"{i.name}（{i.origin}）", i.path, i.kind) for i in templates.list_templates()]
    failed = 0
    for label, file, kind in checks:
        problems = templates.check_file(file, kind)
        if problems:
            failed += 1
            print(f"✗ {label}：{len(problems)} 个问题")
            for problem in problems:
                print(f"    - {problem}")
        else:
            print(f"✓ {label}")
    print("检查完毕，全部可用。" if not failed else f"有 {failed} 个模板不能使用。")
    return 1 if failed else 0


def _templates_list(args: argparse.Namespace, path: Path) -> int:
    from casework.exports import templates
    from casework.exports.fields import KIND_LABEL

    for info in templates.list_templates():
        kind = KIND_LABEL.get(info.kind, "用途不明")
        print(f"  {info.name}　{kind}　{info.origin}　{info.path}")
    print(f"自定义模板文件夹：{templates.user_dir()}")
    print("把内置模板复制到这个文件夹并保持文件名不变，修改后即可代替内置模板。")
    return 0


EXPORT_KINDS: list[Callable] = [
    add_export_resume,
    add_export_resumes,
    add_export_visits,
    add_export_household,
]
