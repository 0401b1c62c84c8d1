"""The rows the figures are computed from, read with indexed filters (compound and
creation time, compound and deadline, event kind and time) and only the columns needed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.figures import Due, Reported
from storage.models import Community, Task, TaskEvent


def scope_ids(session: Session, community_id: int | None = None, street: str | None = None) -> list[int]:
    """One compound, the compounds of a street, or (neither given) every compound."""
    if community_id is not None:
        return [community_id]
    q = select(Community.id)
    if street is not None:
        q = q.where(Community.street == street)
    return [i for i in session.exec(q.order_by(Community.id)) if i is not None]


def reported_rows(session: Session, ids: list[int], start: datetime, end: datetime) -> list[Reported]:
    rows = session.execute(
        select(Task.created_at, Task.claimed_at, Task.done_at, Task.status, Task.repeat_flag).where(
            col(Task.community_id).in_(ids),
            col(Task.created_at) >= start,
            col(Task.created_at) < end,
            col(Task.merged_into).is_(None),
        )
    ).all()
    return [Reported(*r) for r in rows]


def due_rows(session: Session, ids: list[int], start: datetime, end: datetime) -> list[Due]:
    """Tasks with a deadline in the period, except those closed (not ours, duplicates)."""
    rows = session.execute(
        select(Task.deadline, Task.done_at).where(
            col(Task.community_id).in_(ids),
            col(Task.deadline) >= start,
            col(Task.deadline) < end,
            Task.status != "closed",
        )
    ).all()
    return [Due(d, done) for d, done in rows]


def checks(session: Session, ids: list[int], start: datetime, end: datetime) -> tuple[int, int]:
    """(accepted, rejected): residents' verdicts given in the period."""
    rows = session.execute(
        select(TaskEvent.kind, func.count())
        .join(Task, col(Task.id) == TaskEvent.task_id)
        .where(
            col(TaskEvent.kind).in_(("accepted", "rejected")),
            col(TaskEvent.ts) >= start,
            col(TaskEvent.ts) < end,
            col(Task.community_id).in_(ids),
        )
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
