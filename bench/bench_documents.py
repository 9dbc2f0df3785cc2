"""Benchmark of the Word documents (issue #3): prints the figures for the issue note.

    python3 bench/bench_documents.py [--people 1000] [--visits 500] [--repeat 100] [--keep]

Builds a database of its own in a temporary folder: `--people` people willing to go out,
each with a typical resume draft (education, three jobs, two certificates, a training
course, a photo), and one village with `--visits` visits. Then measures:
  1. ms per resume, Casework's render next to bare docxtpl rendering the same template
     with the same data in the same run (target: ≤ 1.2x bare docxtpl);
  2. a batch of `--people` resumes written to a folder (target ≤ 20 s, resident memory
     growth ≤ 50 MB);
  3. a visit log of `--visits` visits (target ≤ 1.5 s);
  4. with `--county DB` (a demo county; needs a display, e.g. under `xvfb-run -a`):
     opening 批量导出简历 until it is shown, and until its list of the willing is filled
     in the background, next to reading that list alone (resumes.willing_people).
Figures, not assertions: this is not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = "春夏秋冬东南西北金木水火土日月星云山河海"
SECOND = "明亮红芳华英强伟军平"
SURNAMES = "韩包白李王张刘陈杨赵"
JOBS = [
    ("通辽市某物业公司", "保安", "负责小区门岗值守、夜间巡逻和来访登记，连续三年无差错。"),
    ("科左中旗嘎查合作社", "养殖员", "负责肉牛饲喂、防疫和圈舍清洁，参与合作社账目登记。"),
    ("北京某建筑公司", "钢筋工", "参与住宅项目钢筋绑扎，持证上岗，服从安排。"),
]


def rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def name(i: int) -> str:
    return SURNAMES[i % 10] + FIRST[(i // 10) % 20] + SECOND[(i // 200) % 10]


def build(people: int, visits: int) -> dict:
    """The benchmark's data, through the real services."""
    from casework.services.documents import resumes
    from casework.services.register import visits as visit_service
    from casework.services.register import wishes
    from tests.docs_helpers import face_jpeg
    from tests.factories import add_person, make_cadre, make_household, make_village, valid_id

    cadre = make_cadre()
    village = make_village()
    photo = face_jpeg()
    households = []
    for i in range(people):
        if i % 4 == 0:
            households.append(make_household(village, head=SURNAMES[i % 10] + "老" + FIRST[i % 20]))
        person = add_person(
            households[-1],
            name(i),
            relation="son",
            # The factory's numbers repeat after 500 of one birthday; vary the birthday.
            id_number=valid_id((dt.date(1980, 1, 1) + dt.timedelta(days=i)).strftime("%Y%m%d")),
            education="junior",
            health="healthy",
            phone="13800001111",
            skills="电焊、驾驶",
        )
        wishes.record_wish(
            person["id"],
            {
                "willing_to_go_out": True,
                "destinations": ["beijing"],
                "job_kinds": "保安、厨师",
                "expected_pay": "6000",
            },
        )
        draft = resumes.create_resume(person["id"])
        for n, (org, title, detail) in enumerate(JOBS):
            resumes.add_entry(
                draft["id"],
                {
                    "kind": "work",
                    "period_from": f"{2012 + 4 * n}-03",
                    "period_to": f"{2015 + 4 * n}-12",
                    "organisation": org,
                    "title": title,
                    "detail": detail,
                },
            )
        resumes.add_entry(
            draft["id"],
            {
                "kind": "certificate",
                "period_from": "2017-05",
                "title": "C1驾驶证",
                "organisation": "通辽市公安局",
            },
        )
        resumes.add_entry(
            draft["id"],
            {
                "kind": "training",
                "period_from": "2025-10",
                "title": "保安员培训",
                "organisation": "科左中旗人社局",
            },
        )
        resumes.set_photo(draft["id"], photo)
    start = dt.date(2025, 1, 1)
    for i in range(visits):
        household = households[i % len(households)]
        visit_service.record_visit(
            household["id"],
            {
                "visit_date": start + dt.timedelta(days=i % 600),
                "situation": "家中共4口人，户主患有慢性病，儿子有意愿赴京务工。" * 2,
                "requests": "希望帮助联系北京的保安岗位，包吃住。",
                "actions": "已登记就业意愿，推荐至顺义区某物业公司；讲解稳岗补贴政策。",
                "cadre_ids": [cadre["id"]],
            },
        )
    return {"village": village}


def bare_docxtpl(path: Path, data: dict) -> bytes:
    """What docxtpl alone does with the same template and data."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import Environment, StrictUndefined

    template = DocxTemplate(str(path))
    context = dict(data)
    context.pop("template", None)
    context["photo"] = InlineImage(template, io.BytesIO(data["photo"]), Mm(25), Mm(35))
    template.render(context, Environment(undefined=StrictUndefined), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def per_resume(repeat: int) -> None:
    from casework.exports import batch, resume
    from casework.exports.templates import find_template
    from casework.services.documents import resumes

    item = batch.items_for_willing()[0]
    data = resume.resume_data(resumes.get_resume(item.resume_id))
    for template_name in ("个人简历-表格", "个人简历-简洁"):
        path = find_template(template_name, "resume").path
        ours, bare, gathering = [], [], []
        resume.render_resume(data, template_name)
        bare_docxtpl(path, data)
        for _ in range(repeat):  # interleaved, so both see the same machine
            started = time.perf_counter()
            bare_docxtpl(path, data)
            bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            resume.render_resume(data, template_name)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            resume.resume_data(resumes.get_resume(item.resume_id))
            gathering.append(time.perf_counter() - started)
        o, b = statistics.median(ours) * 1000, statistics.median(bare) * 1000
        reading = statistics.median(gathering) * 1000
        print(
            f"  {template_name}：Casework {o:5.1f} ms/份，docxtpl 本身 {b:5.1f} ms/份，"
            f"比值 {o / b:4.2f}（目标 ≤ 1.2）；读取数据 {reading:.1f} ms"
        )


def whole_batch(folder: Path) -> None:
    from casework.exports import batch

    items = batch.items_for_willing()
    gc.collect()
    before = rss_mb()
    peak = [before]

    def report(done: int, total: int, who: str) -> None:
        if done % 50 == 0 or done == total:
            peak.append(rss_mb())

    started = time.perf_counter()
    result = batch.export_batch(items, folder, report=report)
    seconds = time.perf_counter() - started
    print(
        f"  {len(result.written)} 份简历：{seconds:.1f} 秒（目标 ≤ 20 秒），"
        f"{seconds / len(items) * 1000:.1f} ms/份；"
        f"常驻内存增长 {max(peak) - before:.1f} MB（目标 ≤ 50 MB，起点 {before:.0f} MB）"
    )


def visit_log(village: dict, folder: Path, visits: int) -> None:
    from casework.exports import visit_log as log
    from casework.services.documents import documents

    scope = log.Scope(village_id=village["id"], label=village["name"])
    times, data_times = [], []
    for _ in range(5):
        started = time.perf_counter()
        rows = documents.visits_between(village_id=village["id"])
        data_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        path = log.export_visit_log(scope, folder / "log.docx", overwrite=True)
        times.append(time.perf_counter() - started)
    print(
        f"  {len(rows)} 次走访的走访日志：{statistics.median(times):.2f} 秒（目标 ≤ 1.5 秒），"
        f"其中读取数据 {statistics.median(data_times) * 1000:.0f} ms；"
        f"文件 {path.stat().st_size // 1024} KB"
    )


def batch_dialog(county: Path, repeat: int = 10) -> None:
    """Opening 批量导出简历 on a county: shown at once, the list filled in the background."""
    import tkinter

    from casework.db import close_database, open_database
    from casework.services.documents import resumes
    from casework.ui.documents.export_dialogs import open_batch_resumes
    from tests.tkutil import pump_until
    from tests.ui.fake_app import FakeApp

    open_database(county)
    root = tkinter.Tk()
    app = FakeApp(root)
    shown, filled, anchor = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        dialog = open_batch_resumes(root, app)
        root.update_idletasks()
        shown.append(time.perf_counter() - started)
        pump_until(root, lambda d=dialog: not d.loading, timeout=60)
        filled.append(time.perf_counter() - started)
        dialog.cancel()
        started = time.perf_counter()
        count = len(resumes.willing_people())
        anchor.append(time.perf_counter() - started)
    root.destroy()
    close_database()
    ms = statistics.median
    print(
        f"  打开对话框 {ms(shown) * 1000:.0f} ms（显示出来），名单在后台读完 "
        f"{ms(filled) * 1000:.0f} ms；只读名单（willing_people，{count} 人）"
        f"{ms(anchor) * 1000:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--visits", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--county", type=Path, help="a demo county: time 批量导出简历 there")
    args = parser.parse_args()
    if args.county:
        print(f"4. 批量导出简历（{args.county}）：")
        batch_dialog(args.county)
        return 0

    from casework.db import close_database, open_database

    work = Path(tempfile.mkdtemp(prefix="casework-bench-docs-"))
    try:
        open_database(work / "bench.db")
        started = time.perf_counter()
        built = build(args.people, args.visits)
        print(
            f"测试数据：{args.people} 人（每人一份简历草稿）、{args.visits} 次走访，"
            f"生成用时 {time.perf_counter() - started:.0f} 秒"
        )
        print("1. 单份简历（内存中生成，不含写文件）：")
        per_resume(args.repeat)
        print("2. 批量导出：")
        whole_batch(work / "resumes")
        print("3. 走访日志：")
        visit_log(built["village"], work, args.visits)
        close_database()
    finally:
        if args.keep:
            print(f"保留：{work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
