"""Deadline work: the holder is reminded 3 days and 1 day before the deadline and every
day once it is overdue (the secretaries are told too); a task left unchecked in `done`
is accepted after 3 days; an urgent task nobody claimed in 10 minutes is asked again.
Each reminder stage is recorded (task_reminder), so a restart never repeats one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.context import Context
from bot.events import Outgoing
from bot.jobs import JobRouter
from bot.settings import Settings
from handlers.taskkit import day_text, label, role_mentions, where
from storage.database import Write
from storage.models import Task
from storage.repo.communities import get_community
from storage.repo.members import members_of
from storage.repo.schedules import mark_reminded, next_auto_accept, next_urgent_reask
from storage.repo.task_queries import deadline_between, overdue, unclaimed_urgent
from storage.repo.tasks import auto_accept_due

jobs = JobRouter("reminders")
AHEAD = {3: "before3", 1: "before1"}
URGENT_AGAIN_CALLED = ("secretary", "party", "property")


def _to_task_chat(
    ctx: Context, task: Task, text: str, mentions: tuple[str, ...], *, urgent: bool = False
) -> None:
    """Say it where the task was reported (mentioning people there), else in every group
    of the compound."""
    if task.source_chat_id:
        ctx.send(
            Outgoing(
                task.source_platform,
                text,
                chat_id=task.source_chat_id,
                mentions=mentions,
                urgent=urgent,
            ),
            task_id=task.id,
        )
    else:
        ctx.announce(task.community_id, text, urgent=urgent, task_id=task.id)


def _holder(task: Task) -> tuple[str, ...]:
    if task.claimant_user_id and task.claimant_platform == task.source_platform:
        return (task.claimant_user_id,)
    return ()


@jobs.cron("deadlines", hour=9, minute=0)
async def deadlines(ctx: Context, session: Session, now: datetime) -> None:
    """09:00 daily: reminders ahead of deadlines, and about overdue tasks."""
    tz = ctx.clock.tz
    today = now.astimezone(tz).date()
    for task in deadline_between(session, now, now + timedelta(days=4)):
        assert task.id is not None and task.deadline is not None
        stage = AHEAD.get((task.deadline.astimezone(tz).date() - today).days)
        if stage is None or not mark_reminded(session, task.id, stage, now):
            continue
        left = 3 if stage == "before3" else 1
        _to_task_chat(
            ctx,
            task,
            f"提醒：{task.claimant_name}，#{task.number}{label(task)}{where(task)} 的期限是"
            f"{day_text(task.deadline, ctx.settings, ctx.now())}，还有 {left} 天。"
            f"修好后请回复“#{task.number} 修好了”。",
            _holder(task),
        )
    late_by_community: dict[int, list[Task]] = defaultdict(list)
    for task in overdue(session, now):
        assert task.id is not None and task.deadline is not None
        if not mark_reminded(session, task.id, f"overdue:{today.isoformat()}", now):
            continue
        days = (today - task.deadline.astimezone(tz).date()).days
        _to_task_chat(
            ctx,
            task,
            f"超期提醒：#{task.number}{label(task)}{where(task)} 已超过期限"
            f"{day_text(task.deadline, ctx.settings, ctx.now())}{_days(days)}，请 {task.claimant_name} "
            f"尽快处理并回复进展。",
            _holder(task),
        )
        late_by_community[task.community_id].append(task)
    for community_id, late in late_by_community.items():
        _tell_secretaries(ctx, session, community_id, late, ctx.settings)


def _days(days: int) -> str:
    return f" {days} 天" if days > 0 else ""


def _tell_secretaries(
    ctx: Context, session: Session, community_id: int, late: list[Task], settings: Settings
) -> None:
    community = get_community(session, community_id)
    name = community.name if community else ""
    lines = [f"{name}有 {len(late)} 件任务超期："]
    for t in late[:20]:
        assert t.deadline is not None
        lines.append(
            f"#{t.number}{label(t)}{where(t)} {t.claimant_name}，期限{day_text(t.deadline, settings, ctx.now())}"
        )
    if len(late) > 20:
        lines.append(f"……另有 {len(late) - 20} 件，发 /任务 超期 查看")
    for secretary in members_of(session, community_id, ("secretary",)):
        ctx.tell(secretary.platform, secretary.user_id, "\n".join(lines))


def _auto_accept_at(session: Session, now: datetime, settings: Settings) -> datetime | None:
    return next_auto_accept(session, timedelta(days=settings.accept_after_days))


def _due_before(at: object, wait: timedelta, known: datetime | None) -> bool:
    """Whether a row stamped `at` (unknown unless an aware datetime) may fall due,
    `wait` later, before `known`."""
    if known is None or not isinstance(at, datetime) or at.tzinfo is None:
        return True
    return at + wait < known


def _unless(row: Mapping[str, object], column: str, value: object) -> bool:
    """Whether the row may have `value` in `column` (it may unless it was bound otherwise)."""
    return column not in row or row[column] == value


def _accept_earlier(w: Write, known: datetime | None, settings: Settings) -> bool:
    """Only a task that is (or may be) done can bring automatic acceptance forward."""
    if w.op == "delete":
        return False
    if w.op == "update":
        return w.columns is None or bool(w.columns & {"status", "done_at"})
    if w.rows is None:
        return True
    after = timedelta(days=settings.accept_after_days)
    return any(
        _unless(row, "status", "done") and _due_before(row.get("done_at"), after, known)
        for row in w.rows
    )


@jobs.due("auto_accept", next_at=_auto_accept_at, tables=("task",), earlier=_accept_earlier)
async def auto_accept(ctx: Context, session: Session, now: datetime) -> None:
    """Done tasks nobody checked in time are accepted, and the group is told."""
    days = ctx.settings.accept_after_days
    for task in auto_accept_due(session, now, timedelta(days=days)):
        _to_task_chat(
            ctx,
            task,
            f"#{task.number}{label(task)}{where(task)} 完成已满 {days} 天，没有邻居提出异议，"
            f"已自动验收。",
            (),
        )


def _urgent_at(session: Session, now: datetime, settings: Settings) -> datetime | None:
    return next_urgent_reask(session, timedelta(minutes=settings.urgent_repeat_minutes))


def _urgent_earlier(w: Write, known: datetime | None, settings: Settings) -> bool:
    """Only a task that is (or may be) urgent and open, or a reminder taken away, can
    bring the re-ask forward; a reminder recorded or a task deleted only puts it off."""
    if w.table == "task_reminder":
        return w.op != "insert"
    if w.op == "delete":
        return False
    if w.op == "update":
        return w.columns is None or bool(w.columns & {"urgent", "status", "created_at", "id"})
    if w.rows is None:
        return True
    wait = timedelta(minutes=settings.urgent_repeat_minutes)
    return any(
        (row.get("urgent", True) not in (False, 0))
        and _unless(row, "status", "open")
        and _due_before(row.get("created_at"), wait, known)
        for row in w.rows
    )


@jobs.due(
    "urgent_again",
    next_at=_urgent_at,
    tables=("task", "task_reminder"),
    earlier=_urgent_earlier,
)
async def urgent_again(ctx: Context, session: Session, now: datetime) -> None:
    """Ask again, once, about an urgent task nobody claimed (even in quiet hours)."""
    wait = ctx.settings.urgent_repeat_minutes
    called: dict[tuple[int, str], tuple[str, ...]] = {}  # looked up once per compound
    for task in unclaimed_urgent(session, now - timedelta(minutes=wait)):
        assert task.id is not None
        if not mark_reminded(session, task.id, "urgent", now):
            continue
        key = (task.community_id, task.source_platform)
        if key not in called:
            called[key], _ = role_mentions(session, *key, URGENT_AGAIN_CALLED)
        mentions = called[key]
        _to_task_chat(
            ctx,
            task,
            f"紧急：#{task.number}{label(task)}{where(task)} 已经 {wait} 分钟没有人认领，"
            f"请党员、物业或书记尽快回复“认领 {task.number}”。",
            mentions,
            urgent=True,
        )
