"""Scheduled notices and tips, the state of code-defined jobs, quiet hours, and the
record of reminders sent."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, exists, func, insert, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.database import Plain
from storage.models import (
    ChatGroup,
    Community,
    JobState,
    QuietHours,
    Schedule,
    Task,
    TaskReminder,
)

MAX_ACTIVE_PER_COMMUNITY = 20


def add_schedule(
    session: Session,
    community_id: int,
    kind: str,
    rule: str,
    text: str,
    next_run: datetime | None,
    created_by: str,
    now: datetime,
) -> Schedule:
    row = Schedule(
        community_id=community_id,
        kind=kind,
        rule=rule,
        text=text,
        next_run=next_run,
        created_by=created_by[:100],
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def active_schedules(session: Session, community_id: int) -> list[Schedule]:
    return list(
        session.exec(
            select(Schedule)
            .where(Schedule.community_id == community_id, Schedule.active == True)  # noqa: E712
            .order_by(Schedule.id)
        )
    )


def get_schedule(session: Session, schedule_id: int) -> Schedule | None:
    return session.get(Schedule, schedule_id)


def cancel_schedule(session: Session, community_id: int, schedule_id: int) -> bool:
    """Stop a schedule of this compound (kept, inactive, so a default is not re-made)."""
    result = session.execute(
        update(Schedule)
        .where(
            col(Schedule.id) == schedule_id,
            Schedule.community_id == community_id,
            Schedule.active == True,  # noqa: E712
        )
        .values(active=False, next_run=None)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def next_schedule_run(session: Session) -> datetime | None:
    return session.exec(
        select(Schedule.next_run)
        .where(Schedule.active == True, col(Schedule.next_run).is_not(None))  # noqa: E712
        .order_by(col(Schedule.next_run))
        .limit(1)
    ).first()


def due_schedules(session: Session, now: datetime, limit: int = 500) -> list[Schedule]:
    return list(
        session.exec(
            select(Schedule)
            .where(Schedule.active == True, col(Schedule.next_run) <= now)  # noqa: E712
            .order_by(col(Schedule.next_run), Schedule.id)
            .limit(limit)
        )
    )


_SCHEDULE = Schedule.__table__  # type: ignore[attr-defined]
_ADVANCE: dict[tuple[str, ...], Any] = {}  # by the columns set, each built once


def advance_schedule(
    session: Session,
    schedule_id: int,
    fire: datetime,
    next_run: datetime | None,
    ran: bool,
    last_tip: str | None = None,
) -> bool:
    """Move a schedule from `fire` to `next_run`; False when another process moved it
    first (then this one must not run it). A schedule with no next run ends."""
    values: dict[str, object] = {"next_run": next_run}
    if ran:
        values["last_run"] = fire
    if next_run is None:
        values["active"] = False
    if last_tip is not None:
        values["last_tip"] = last_tip
    key = tuple(values)
    statement = _ADVANCE.get(key)
    if statement is None:
        statement = _ADVANCE[key] = (
            update(_SCHEDULE)
            .where(_SCHEDULE.c.id == bindparam("b_id"), _SCHEDULE.c.next_run == bindparam("b_fire"))
            .values({k: bindparam(f"b_{k}") for k in key})
        )
    params = {f"b_{k}": v for k, v in values.items()}
    session.flush()
    result = session.connection().execute(
        statement, {**params, "b_id": schedule_id, "b_fire": fire}
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def add_schedules(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add many schedules in one statement (each a dict of Schedule's columns)."""
    if rows:
        session.flush()
        session.connection().execute(insert(_SCHEDULE), rows)


def communities_without(session: Session, kind: str) -> list[Community]:
    """Compounds with at least one group and no schedule of this kind (active or not)."""
    has_kind = exists().where(Schedule.community_id == Community.id, Schedule.kind == kind)
    has_group = exists().where(ChatGroup.community_id == Community.id)
    return list(
        session.exec(select(Community).where(has_group, ~has_kind).order_by(Community.id))
    )


def has_schedule_kind(session: Session, community_id: int, kind: str) -> bool:
    return (
        session.exec(
            select(Schedule.id).where(Schedule.community_id == community_id, Schedule.kind == kind)
        ).first()
        is not None
    )


def job_state(session: Session, name: str) -> JobState | None:
    return session.get(JobState, name)


def ensure_job(session: Session, name: str, next_run: datetime | None) -> JobState:
    """The stored state of a job, created with `next_run` when new."""
    row = session.get(JobState, name)
    if row is None:
        row = JobState(name=name, next_run=next_run)
        session.add(row)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError:  # another process made it first
            row = session.get(JobState, name)
            assert row is not None
    return row


def advance_job(
    session: Session,
    name: str,
    fire: datetime,
    next_run: datetime | None,
    ran: bool,
    ran_for: datetime | None = None,
) -> bool:
    """Move a job from `fire` to `next_run`; False when another process did it first.
    `ran_for`: the fire time it ran as, when a later one than `fire` (missed days before)."""
    values: dict[str, object] = {"next_run": next_run}
    if ran:
        values["last_run"] = ran_for or fire
    result = session.execute(
        update(JobState)
        .where(col(JobState.name) == name, JobState.next_run == fire)
        .values(**values)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def quiet_hours_of(session: Session, community_id: int) -> tuple[str, str] | None:
    row = session.get(QuietHours, community_id)
    return None if row is None else (row.start, row.end)


def quiet_hours_for_chat(session: Session, platform: str, chat_id: str) -> tuple[str, str] | None:
    """The own quiet hours of the compound this group is bound to, if it has them."""
    session.flush()  # what the ORM would have flushed before a query of its own
    row = _QUIET_FOR_CHAT.first(session.connection(), {"b_p": platform, "b_chat": chat_id})
    return None if row is None else (row["start"], row["end"])


# (asked before each message the bot queues into a group: built and compiled once)
_QUIET = QuietHours.__table__  # type: ignore[attr-defined]
_GROUP = ChatGroup.__table__  # type: ignore[attr-defined]
_QUIET_FOR_CHAT = Plain(
    core_select(_QUIET.c.start, _QUIET.c.end)
    .select_from(_QUIET.join(_GROUP, _GROUP.c.community_id == _QUIET.c.community_id))
    .where(_GROUP.c.platform == bindparam("b_p"), _GROUP.c.chat_id == bindparam("b_chat"))
    .limit(1)
)


def set_quiet_hours(session: Session, community_id: int, start: str, end: str) -> None:
    row = session.get(QuietHours, community_id)
    if row is None:
        row = QuietHours(community_id=community_id, start=start, end=end)
    else:
        row.start, row.end = start, end
    session.add(row)
    session.flush()


def was_reminded(session: Session, task_id: int, stage: str) -> bool:
    session.flush()
    found = session.connection().execute(_REMINDED, {"b_task": task_id, "b_stage": stage})
    return found.first() is not None


def mark_reminded(session: Session, task_id: int, stage: str, now: datetime) -> bool:
    """Record a reminder stage; False when it was recorded before (then send nothing)."""
    if was_reminded(session, task_id, stage):
        return False
    session.connection().execute(
        insert(_REMINDER), {"task_id": task_id, "stage": stage[:32], "ts": now}
    )
    return True


# Built once and run on the session's connection: the scheduler reads these after
# writes to the task table, and composing them through the ORM cost more than running.
_TASK = Task.__table__  # type: ignore[attr-defined]
_REMINDER = TaskReminder.__table__  # type: ignore[attr-defined]
_FIRST_UNASKED_URGENT = select(func.min(_TASK.c.created_at)).where(
    _TASK.c.urgent == True,  # noqa: E712
    _TASK.c.status == "open",
    ~exists().where(_REMINDER.c.task_id == _TASK.c.id, _REMINDER.c.stage == "urgent"),
)
_FIRST_DONE = select(func.min(_TASK.c.done_at)).where(_TASK.c.status == "done")
_REMINDED = (
    select(_REMINDER.c.id)
    .where(_REMINDER.c.task_id == bindparam("b_task"), _REMINDER.c.stage == bindparam("b_stage"))
    .limit(1)
)


def _scalar(session: Session, statement: Any) -> Any:
    session.flush()  # what the ORM would have flushed before a query of its own
    return session.connection().execute(statement).scalar()


def next_urgent_reask(session: Session, wait: timedelta) -> datetime | None:
    """When the oldest open urgent task not yet asked again reaches `wait` unclaimed."""
    first = _scalar(session, _FIRST_UNASKED_URGENT)
    return None if first is None else first + wait


def next_auto_accept(session: Session, after: timedelta) -> datetime | None:
    """When the earliest task left unchecked in `done` is to be accepted automatically."""
    first = _scalar(session, _FIRST_DONE)
    return None if first is None else first + after
