"""Reading tasks: the lists and rankings of /任务, counts, a task's history and
reporters, and what reminders and acceptance ask about. Nothing here writes."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    case,
    exists,
    func,
)
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from storage.database import Plain
from storage.models import (
    Task,
    TaskEvent,
    TaskReporter,
)
from storage.repo.tasks import (
    _MESSAGE,
    _REPORTER,
    _S,
    _TASK,
    _UNCLAIMED_URGENT,
    ACTIVE,
    LIST_FILTERS,
    _task_from_row,
)


def list_tasks(
    session: Session,
    community_id: int,
    which: str = "active",
    now: datetime | None = None,
    limit: int = 50,
) -> list[Task]:
    """Tasks of a compound, most urgent and oldest first. `which`: open (待认领),
    claimed (处理中), overdue (超期; needs `now`), active (open or claimed), all."""
    q = _listed(select(Task), community_id, which, now)
    q = q.order_by(col(Task.urgent).desc(), Task.created_at, Task.number).limit(limit)
    return list(session.exec(q))


def ranked_tasks(
    session: Session, community_id: int, which: str, now: datetime, limit: int
) -> list[Task]:
    """The first `limit` tasks of `list_tasks`'s filter in the order of /任务: active ones
    (urgent, then overdue, then oldest), then those awaiting acceptance, then the rest,
    each newest first. Ranked from an index (0005); only the rows returned are loaded."""
    order = _list_order(now)
    ids = _listed(select(Task.id), community_id, which, now).order_by(*order).limit(limit)
    return list(session.exec(select(Task).where(col(Task.id).in_(ids)).order_by(*order)))


def ranked_and_counted(
    session: Session, community_id: int, which: str, now: datetime, limit: int,
    building: int | None = None, category: str | None = None,
) -> tuple[list[Task], int]:
    """`ranked_tasks` and `count_tasks` in one statement: each row carries the count
    (no row: nothing to count). `building` and `category` narrow both (/任务 8栋 电梯)."""
    session.flush()
    params = {"community_id": community_id, "now": now, "limit": limit,
              "building": building, "category": category}
    statement = _ranked_statement(which, building is not None, category is not None)
    rows = session.connection().execute(statement, params).mappings().all()
    if not rows:
        return [], 0
    found = [
        _task_from_row(session, {k: v for k, v in row.items() if k != _TOTAL_KEY}) for row in rows
    ]
    return found, int(rows[0][_TOTAL_KEY])


_TOTAL_KEY = "total_"


@cache
def _ranked_statement(which: str, by_building: bool = False, by_category: bool = False) -> Any:
    """The statement of ranked_and_counted for one filter, built once with the compound,
    the time, the limit (and the building and category asked for) as parameters: building
    it cost more than running it."""
    community_id, now = bindparam("community_id"), bindparam("now")
    order = _list_order(now)

    def narrowed(q: _S) -> _S:
        q = _listed(q, community_id, which, now)
        if by_building:
            q = q.where(Task.building == bindparam("building"))
        if by_category:
            q = q.where(Task.category == bindparam("category"))
        return q

    ids = narrowed(select(Task.id)).order_by(*order)
    total = narrowed(select(func.count())).scalar_subquery()
    return (
        core_select(_TASK, total.label(_TOTAL_KEY))
        .where(_TASK.c.id.in_(ids.limit(bindparam("limit"))))
        .order_by(*order)
    )


def count_tasks(session: Session, community_id: int, which: str, now: datetime) -> int:
    """How many tasks `list_tasks`'s filter finds, however many are shown."""
    return int(session.exec(_listed(select(func.count()), community_id, which, now)).one())


def _listed(q: _S, community_id: Any, which: str, now: Any) -> _S:
    if which not in LIST_FILTERS:
        raise ValueError(f"unknown task filter {which!r}")
    q = q.where(Task.community_id == community_id)
    if which in ("open", "claimed"):
        q = q.where(Task.status == which)
    elif which == "active":
        q = q.where(col(Task.status).in_(ACTIVE))
    elif which == "overdue":
        if now is None:
            raise ValueError("the overdue filter needs now")
        q = q.where(Task.status == "claimed", col(Task.deadline) < now)
    return q


def _list_order(now: Any) -> list[ColumnElement[Any]]:
    # Each key is constant within the groups it does not order, and NULL only there, so
    # SQLite and PostgreSQL (which place NULLs differently) agree.
    active = col(Task.status).in_(ACTIVE)
    return [
        case((active, 0), (Task.status == "done", 1), else_=2),
        case((and_(active, col(Task.urgent)), 0), else_=1),
        case((and_(active, col(Task.deadline) < now), 0), else_=1),
        case((active, col(Task.created_at))),
        case((~active, col(Task.updated_at))).desc(),
        col(Task.number),
    ]


def all_tasks(session: Session, community_id: int | None = None) -> list[Task]:
    """Every task (of one compound, or of all), by compound and number."""
    q = select(Task)
    if community_id is not None:
        q = q.where(Task.community_id == community_id)
    return list(session.exec(q.order_by(Task.community_id, Task.number)))


def task_events(session: Session, task: Task) -> list[TaskEvent]:
    return list(
        session.exec(select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id))
    )



def reporter_chats(session: Session, task: Task) -> list[tuple[str, str, str | None]]:
    """(platform, user id, group) of each reporter, in the order they reported: the group
    their report came from, or None when it is not known (a report by command line)."""
    assert task.id is not None
    session.flush()
    rows = _REPORTER_CHATS.all(session.connection(), {"b_task": task.id})
    return [(platform, user_id, chat_id) for platform, user_id, chat_id in rows]


def open_reporter_names(session: Session, community_id: int) -> list[tuple[int, str]]:
    """(task number, name given) of each reporter of the compound's open tasks, newest task
    first (the latest 200): one plain query, no task loaded."""
    session.flush()
    rows = _OPEN_REPORTERS.all(session.connection(), {"b_c": community_id})
    return [(number, name) for number, name in rows if name]


_OPEN_REPORTERS = Plain(
    core_select(_TASK.c.number, _REPORTER.c.name)
    .select_from(_TASK.join(_REPORTER, _REPORTER.c.task_id == _TASK.c.id))
    .where(_TASK.c.community_id == bindparam("b_c"), _TASK.c.status == bindparam("b_s", "open"))
    .order_by(_TASK.c.id.desc())
    .limit(200)
)


_REPORTER_CHATS = Plain(
    core_select(_REPORTER.c.platform, _REPORTER.c.user_id, _MESSAGE.c.chat_id)
    .select_from(
        _REPORTER.outerjoin(
            _MESSAGE,
            (_MESSAGE.c.platform == _REPORTER.c.platform)
            & (_MESSAGE.c.message_id == _REPORTER.c.message_id),
        )
    )
    .where(_REPORTER.c.task_id == bindparam("b_task"))
    .order_by(_REPORTER.c.id)
)


def is_reporter(session: Session, task: Task, platform: str, user_id: str) -> bool:
    return (
        session.exec(
            select(TaskReporter.id).where(
                TaskReporter.task_id == task.id,
                TaskReporter.platform == platform,
                TaskReporter.user_id == user_id,
            )
        ).first()
        is not None
    )


def unclaimed_urgent(session: Session, older_than: datetime) -> list[Task]:
    """Urgent tasks still open (nobody claimed them) filed at or before `older_than`
    that have not been asked about again yet."""
    session.flush()
    rows = session.connection().execute(_UNCLAIMED_URGENT, {"b_before": older_than})
    return [_task_from_row(session, row, fresh=True) for row in rows.mappings()]


def deadline_between(session: Session, start: datetime, end: datetime) -> list[Task]:
    """Claimed tasks whose deadline falls in [start, end) (for reminders ahead of it)."""
    return list(
        session.exec(
            select(Task)
            .where(
                Task.status == "claimed",
                col(Task.deadline) >= start,
                col(Task.deadline) < end,
            )
            .order_by(Task.deadline, Task.id)
        )
    )


def overdue(session: Session, now: datetime, community_id: int | None = None) -> list[Task]:
    """Claimed tasks past their deadline, the longest overdue first."""
    q = select(Task).where(Task.status == "claimed", col(Task.deadline) < now)
    if community_id is not None:
        q = q.where(Task.community_id == community_id)
    return list(session.exec(q.order_by(Task.deadline, Task.id)))


def last_event(session: Session, task: Task, kind: str) -> TaskEvent | None:
    """The most recent event of this kind on the task (e.g. when it was last reminded)."""
    return session.exec(
        select(TaskEvent)
        .where(TaskEvent.task_id == task.id, TaskEvent.kind == kind)
        .order_by(col(TaskEvent.id).desc())
        .limit(1)
    ).first()


def has_events(session: Session, task: Task, kind: str) -> bool:
    return bool(
        session.exec(
            select(exists().where(and_(TaskEvent.task_id == task.id, TaskEvent.kind == kind)))
        ).one()
    )


# Whether a person holds any task being handled (asked on a plain 修好了 or note) (0008).
_HOLDS_ANY = Plain(
    core_select(_TASK.c.id)
    .where(
        _TASK.c.claimant_platform == bindparam("b_p"),
        _TASK.c.claimant_user_id == bindparam("b_u"),
        _TASK.c.status == bindparam("b_status", "claimed"),
        (_TASK.c.community_id + 0) == bindparam("b_c"),  # (+ 0: from the person's rows)
    )
    .limit(1)
)


def held_by(session: Session, community_id: int, platform: str, user_id: str) -> list[Task]:
    """The claimed tasks this person holds in the compound, oldest first."""
    session.flush()  # what this transaction changed through the session counts
    if _HOLDS_ANY.first(session.connection(), {"b_c": community_id, "b_p": platform,
                                               "b_u": user_id}) is None:
        return []  # most people, most messages: one indexed probe, no ORM query built
    return list(
        session.exec(
            select(Task)
            .where(
                Task.community_id == community_id,
                Task.status == "claimed",
                Task.claimant_platform == platform,
                Task.claimant_user_id == user_id,
            )
            .order_by(Task.number)
        )
    )


def noted_by(
    session: Session, community_id: int, platform: str, user_id: str, since: datetime
) -> list[Task]:
    """The open or claimed tasks of the compound this person wrote a progress note on
    since `since`, newest note first (read from the notes of that time: few)."""
    session.flush()
    rows = session.exec(
        select(TaskEvent.task_id)
        .where(
            TaskEvent.kind == "progress",
            col(TaskEvent.ts) >= since,
            TaskEvent.actor_platform == platform,
            TaskEvent.actor_user_id == user_id,
        )
        .order_by(col(TaskEvent.id).desc())
    ).all()
    ids = list(dict.fromkeys(rows))
    if not ids:
        return []
    found = {
        t.id: t
        for t in session.exec(select(Task).where(col(Task.id).in_(ids)))
        if t.community_id == community_id and t.status in ACTIVE
    }
    return [found[i] for i in ids if i in found]


# Whether a person has any task awaiting their check (asked on every plain 好了 / 还是不行).
_AWAITING_ANY = Plain(
    core_select(_TASK.c.id)
    .select_from(_TASK.join(_REPORTER, _REPORTER.c.task_id == _TASK.c.id))
    .where(
        _REPORTER.c.platform == bindparam("b_p"),
        _REPORTER.c.user_id == bindparam("b_u"),
        # (+ 0 and || '' keep the task's own indexes out: SQLite would start from every
        # done task of the compound rather than from this person's rows)
        (_TASK.c.community_id + 0) == bindparam("b_c"),
        (_TASK.c.status + "") == bindparam("b_status", "done"),
    )
    .limit(1)
)


def done_reported_by(
    session: Session, community_id: int, platform: str, user_id: str
) -> list[Task]:
    """The done tasks (awaiting a check) that this person reported, oldest first."""
    session.flush()  # what this transaction changed through the session counts
    if _AWAITING_ANY.first(session.connection(), {"b_c": community_id, "b_p": platform,
                                                  "b_u": user_id}) is None:
        return []  # most people, most messages: one indexed probe, no ORM query built
    # Sorted here, not in SQL: ordered by number, SQLite would walk every task of the
    # compound in number order rather than start from this person's few rows (0007).
    rows = session.exec(
        select(Task)
        .join(TaskReporter, col(TaskReporter.task_id) == Task.id)
        .where(
            Task.community_id == community_id,
            Task.status == "done",
            TaskReporter.platform == platform,
            TaskReporter.user_id == user_id,
        )
    )
    return sorted(rows, key=lambda t: t.number)


def reported_by(
    session: Session,
    community_id: int,
    platform: str,
    user_id: str,
    limit: int = 5,
    statuses: tuple[str, ...] = ("open", "claimed", "done"),
) -> list[Task]:
    """The tasks of a compound this person reported (or joined) that are not settled yet
    (or of the statuses given), newest first."""
    return list(
        session.exec(
            select(Task)
            .join(TaskReporter, col(TaskReporter.task_id) == col(Task.id))
            .where(
                Task.community_id == community_id,
                TaskReporter.platform == platform,
                TaskReporter.user_id == user_id,
                col(Task.status).in_(statuses),
            )
            .order_by(col(Task.id).desc())
            .limit(limit)
        )
    )
