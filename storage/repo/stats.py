"""What the figures are computed from, counted in the database with indexed filters
(compound and creation time, compound and deadline, event kind and time) from covering
indexes; of the durations only the seconds are fetched, for the medians."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, case, cast, extract, func
from sqlmodel import Session, col, select

from bot.figures import RESPONSE_WINDOW, Due, Reported
from storage.models import Community, Task, TaskEvent

HALF_MS = 0.0005  # the 24-hour window is kept to the millisecond on every database


def scope_ids(session: Session, community_id: int | None = None, street: str | None = None) -> list[int]:
    """One compound, the compounds of a street, or (neither given) every compound."""
    if community_id is not None:
        return [community_id]
    q = select(Community.id)
    if street is not None:
        q = q.where(Community.street == street)
    return [i for i in session.exec(q.order_by(Community.id)) if i is not None]


def reported_counts(session: Session, ids: list[int], start: datetime, end: datetime) -> Reported:
    """Counts over the tasks reported in [start, end), counted in the database."""
    window = RESPONSE_WINDOW.total_seconds() + HALF_MS
    in_time = _seconds(session, Task.claimed_at, Task.created_at) <= window
    row = session.execute(
        select(
            func.count(),
            func.count(col(Task.claimed_at)),
            func.count(case((in_time, 1))),
            func.count(col(Task.done_at)),
            func.count(case((Task.status == "accepted", 1))),
            func.count(case((col(Task.repeat_flag), 1))),
        ).where(*_reported_in(ids, start, end))
    ).one()
    return Reported(*(int(n) for n in row))


def claim_seconds(session: Session, ids: list[int], start: datetime, end: datetime) -> list[float]:
    """Seconds from report to claim of the tasks reported in [start, end), ascending."""
    return _durations(session, Task.claimed_at, ids, start, end)


def fix_seconds(session: Session, ids: list[int], start: datetime, end: datetime) -> list[float]:
    """Seconds from report to done of the tasks reported in [start, end), ascending."""
    return _durations(session, Task.done_at, ids, start, end)


def due_counts(session: Session, ids: list[int], start: datetime, end: datetime) -> Due:
    """Tasks with a deadline in the period, except those closed (not ours, duplicates),
    and how many of them were done by it."""
    row = session.execute(
        select(
            func.count(), func.count(case((col(Task.done_at) <= col(Task.deadline), 1)))
        ).where(
            col(Task.community_id).in_(ids),
            col(Task.deadline) >= start,
            col(Task.deadline) < end,
            Task.status != "closed",
        )
    ).one()
    return Due(*(int(n) for n in row))


def _reported_in(ids: list[int], start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    return [
        col(Task.community_id).in_(ids),
        col(Task.created_at) >= start,
        col(Task.created_at) < end,
        col(Task.merged_into).is_(None),
    ]


def _durations(
    session: Session, step: Any, ids: list[int], start: datetime, end: datetime
) -> list[float]:
    seconds = _seconds(session, step, Task.created_at).label("seconds")
    q = select(seconds).where(*_reported_in(ids, start, end), col(step).is_not(None))
    return list(session.execute(q.order_by(seconds)).scalars())


def _seconds(session: Session, later: Any, earlier: Any) -> ColumnElement[float]:
    """Seconds from `earlier` to `later`, in SQL: on SQLite from julianday(), which counts
    whole milliseconds (its difference is off by far less than HALF_MS); on PostgreSQL exact."""
    if session.get_bind().dialect.name == "sqlite":
        days = func.julianday(col(later)) - func.julianday(col(earlier))
        return days * 86400.0
    return cast(extract("epoch", col(later) - col(earlier)), Float)


def checks(session: Session, ids: list[int], start: datetime, end: datetime) -> tuple[int, int]:
    """(accepted, rejected): tasks residents checked in the period, each counted once by
    its last verdict there (sent back, fixed again and then accepted counts as accepted)."""
    last = (
        select(func.max(TaskEvent.id).label("id"))
        .join(Task, col(Task.id) == TaskEvent.task_id)
        .where(
            col(TaskEvent.kind).in_(("accepted", "rejected")),
            col(TaskEvent.ts) >= start,
            col(TaskEvent.ts) < end,
            col(Task.community_id).in_(ids),
        )
        .group_by(TaskEvent.task_id)
        .subquery()
    )
    rows = session.execute(
        select(TaskEvent.kind, func.count())
        .join(last, col(TaskEvent.id) == last.c.id)
        .group_by(TaskEvent.kind)
    ).all()
    counts = {kind: int(n) for kind, n in rows}
    return counts.get("accepted", 0), counts.get("rejected", 0)


def overdue_count(session: Session, ids: list[int], now: datetime) -> int:
    return int(
        session.exec(
            select(func.count()).where(
                col(Task.community_id).in_(ids),
                Task.status == "claimed",
                col(Task.deadline) < now,
            )
        ).one()
    )


def status_counts(session: Session, ids: list[int]) -> dict[str, int]:
    rows = session.execute(
        select(Task.status, func.count())
        .where(col(Task.community_id).in_(ids))
        .group_by(Task.status)
    ).all()
    return {s: int(n) for s, n in rows}
