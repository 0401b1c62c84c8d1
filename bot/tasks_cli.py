"""`weizhili tasks` (the tasks as JSON or a table) and `weizhili export --csv` (one row per
task with its figures, for Excel). Everything printed is masked like a group message."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.clock import Clock
from bot.privacy import mask
from bot.settings import Settings
from storage.database import Database, DatabaseError, missing_sqlite_file
from storage.models import Community, Task
from storage.repo.communities import find_community, list_communities
from storage.repo.task_queries import all_tasks
from storage.repo.tasks import summarize

SettingsFor = Callable[..., Settings]
DbUrl = Callable[[str | None], dict[str, Any]]
CSV_HEADER = [
    "小区", "编号", "类别", "状态", "紧急", "楼栋", "单元", "地点", "摘要", "反映人数",
    "认领人", "登记时间", "认领时间", "完成时间", "验收时间", "期限",
    "认领用时(小时)", "处理用时(小时)", "按期完成", "同楼同类重复", "关闭原因",
]  # fmt: skip


def _iso(ts: datetime | None, settings: Settings) -> str | None:
    return None if ts is None else ts.astimezone(settings.tz).isoformat(timespec="seconds")


def _summary(task: Task) -> str:
    """The summary made again from the task's text, masked before it is cut (rows
    summarised before summaries were masked could hold half a phone number)."""
    return summarize(mask(task.text)) if task.text else mask(task.summary)


def task_json(task: Task, community: str, settings: Settings) -> dict[str, Any]:
    """One task in the shape of replay.md."""
    return {
        "number": task.number,
        "community": community,
        "category": task.category,
        "status": task.status,
        "urgent": task.urgent,
        "building": task.building,
        "unit": task.unit,
        "summary": _summary(task),
        "reporters": task.reporters,
        "claimant": task.claimant_name,
        "deadline": _iso(task.deadline, settings),
        "created_at": _iso(task.created_at, settings),
        "updated_at": _iso(task.updated_at, settings),
    }


def _hours(start: datetime | None, end: datetime | None) -> str:
    if start is None or end is None:
        return ""
    return f"{(end - start).total_seconds() / 3600:.1f}"


def on_time(task: Task, now: datetime) -> str:
    """是 when done by the deadline, 否 when done late or overdue now, else empty."""
    if task.deadline is None:
        return ""
    if task.done_at is not None:
        return "是" if task.done_at <= task.deadline else "否"
    if task.status == "claimed" and now > task.deadline:
        return "否"
    return ""


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """People's text as a CSV cell a spreadsheet shows as text: one starting like a formula
    (=HYPERLINK(…), +1, -2+3, @SUM) gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def task_row(task: Task, community: str, settings: Settings, now: datetime) -> list[str]:
    """One CSV row: the task and its figures, masked."""
    from handlers.taskkit import CATEGORY_LABELS, STATUS_LABELS

    def local(ts: datetime | None) -> str:
        return "" if ts is None else ts.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")

    return [
        cell(community),
        str(task.number),
        CATEGORY_LABELS.get(task.category, task.category),
        STATUS_LABELS.get(task.status, task.status),
        "是" if task.urgent else "",
        "" if task.building is None else str(task.building),
        "" if task.unit is None else str(task.unit),
        cell(mask(task.place or "")),
        cell(_summary(task)),
        str(task.reporters),
        cell(mask(task.claimant_name or "")),
        local(task.created_at),
        local(task.claimed_at),
        local(task.done_at),
        local(task.accepted_at),
        local(task.deadline),
        _hours(task.created_at, task.claimed_at),
        _hours(task.created_at, task.done_at),
        on_time(task, now),
        "是" if task.repeat_flag else "",
        cell(mask(task.close_reason)),
    ]


def _load(settings: Settings, community: str | None) -> list[tuple[Task, str]]:
    db = Database(settings.database_url)
    try:
        db.migrate()
        with db.session() as s:
            names = {c.id: c.name for c in list_communities(s)}
            only: Community | None = None
            if community is not None:
                only = find_community(s, community)
                if only is None:
                    raise DatabaseError(f"no compound named {community!r}")
            tasks = all_tasks(s, only.id if only is not None else None)
            return [(t, names.get(t.community_id, "")) for t in tasks]
    finally:
        db.close()


def _open(argv: list[str], prog: str, settings_for: SettingsFor, db_url: DbUrl) -> Any:
    ap = argparse.ArgumentParser(prog=f"weizhili {prog}")
    ap.add_argument("--db", help="the SQLite file (default: DATABASE_URL)")
    ap.add_argument("--community", help="only this compound")
    if prog == "tasks":
        ap.add_argument("--json", action="store_true", help="a JSON array (see replay.md)")
    else:
        ap.add_argument("--csv", action="store_true", help="CSV, UTF-8 with BOM (the default)")
        ap.add_argument("--out", help="write to this file instead of standard output")
    args = ap.parse_args(argv)
    settings = settings_for(**db_url(args.db))
    missing = missing_sqlite_file(settings.database_url)
    if missing is not None:  # reading must not create an empty database
        print(f"weizhili {prog}: no database file at {missing}", file=sys.stderr)
        raise SystemExit(2)
    return args, settings


def tasks_main(argv: list[str], settings_for: SettingsFor, db_url: DbUrl) -> int:
    """The `weizhili tasks [--db FILE] [--json]` command."""
    args, settings = _open(argv, "tasks", settings_for, db_url)
    try:
        rows = _load(settings, args.community)
    except DatabaseError as exc:
        print(f"weizhili tasks: {exc}", file=sys.stderr)
        return 2
    if args.json:
        items = [task_json(t, name, settings) for t, name in rows]
        print(json.dumps(items, ensure_ascii=False, indent=1))
        return 0
    for t, name in rows:
        item = task_json(t, name, settings)
        print(
            f"{name} #{t.number:<4} {t.status:8} {t.category:10} "
            f"{'紧急 ' if t.urgent else ''}{item['summary']}  "
            f"[{t.claimant_name or '-'}; {item['deadline'] or '无期限'}]"
        )
    if not rows:
        print("(no tasks)")
    return 0


def export_main(argv: list[str], settings_for: SettingsFor, db_url: DbUrl) -> int:
    """The `weizhili export [--db FILE] --csv [--out FILE]` command."""
    args, settings = _open(argv, "export", settings_for, db_url)
    try:
        rows = _load(settings, args.community)
    except DatabaseError as exc:
        print(f"weizhili export: {exc}", file=sys.stderr)
        return 2
    now = Clock(settings.tz).now()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_HEADER)
    for t, name in rows:
        writer.writerow(task_row(t, name, settings, now))
    data = "\ufeff" + buf.getvalue()
    if args.out:
        try:
            Path(args.out).write_text(data, encoding="utf-8", newline="")
        except OSError as exc:
            print(f"weizhili export: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
            return 2
        print(f"weizhili export: {len(rows)} tasks written to {args.out}", file=sys.stderr)
        return 0
    sys.stdout.buffer.write(data.encode("utf-8"))
    sys.stdout.flush()
    return 0
