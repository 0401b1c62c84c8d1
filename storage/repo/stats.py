"""What the figures are computed from, counted in the database with indexed filters
(compound and creation time, compound and deadline, event kind and time) from covering
indexes; of the durations only the seconds are fetched, for the medians."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Float,
    and_,
    bindparam,
    case,
    cast,
    extract,
    func,
    null,
    or_,
    true,
)
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
    row = session.execute(
        select(*_reported_columns(_dialect(session), end - RESPONSE_WINDOW)).where(
            *_reported_in(ids, start, end)
        )
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


def _reported_columns(dialect: str, recent: Any) -> list[Any]:
    """The counts of Reported, in its order: tasks, claimed, claimed within the response
    window, done, accepted, flagged as repeats, answerable (`recent`: the end of the
    period less the response window, a value or a bound parameter)."""
    window = RESPONSE_WINDOW.total_seconds() + HALF_MS
    in_time = _seconds(dialect, Task.claimed_at, Task.created_at) <= window
    unanswerable = and_(
        col(Task.claimed_at).is_(None),
        or_(Task.status == "closed", col(Task.created_at) > recent),
    )
    return [
        func.count().label("tasks"),
        func.count(col(Task.claimed_at)).label("claimed"),
        func.count(case((in_time, 1))).label("in_time"),
        func.count(col(Task.done_at)).label("done"),
        func.count(case((Task.status == "accepted", 1))).label("accepted"),
        func.count(case((col(Task.repeat_flag), 1))).label("repeats"),
        func.count(case((unanswerable, null()), else_=1)).label("answerable"),
    ]


def _reported_in(ids: Any, start: Any, end: Any) -> list[ColumnElement[bool]]:
    """Tasks of these compounds reported in [start, end) and not merged away (values, or
    bound parameters of a statement built once)."""
    return [
        col(Task.community_id).in_(ids),
        col(Task.created_at) >= start,
        col(Task.created_at) < end,
        col(Task.merged_into).is_(None),
    ]


def _durations(
    session: Session, step: Any, ids: list[int], start: datetime, end: datetime
) -> list[float]:
    seconds = _seconds(_dialect(session), step, Task.created_at).label("seconds")
    q = select(seconds).where(*_reported_in(ids, start, end), col(step).is_not(None))
    return list(session.execute(q.order_by(seconds)).scalars())


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _seconds(dialect: str, later: Any, earlier: Any) -> ColumnElement[float]:
    """Seconds from `earlier` to `later`, in SQL: on SQLite from julianday(), which counts
    whole milliseconds (its difference is off by far less than HALF_MS); on PostgreSQL exact."""
    if dialect == "sqlite":
        days = func.julianday(col(later)) - func.julianday(col(earlier))
        return days * 86400.0
    return cast(extract("epoch", col(later) - col(earlier)), Float)


def _last_verdicts(ids: Any, start: Any, end: Any, by_community: bool = False) -> Any:
    """One row per task of these compounds checked in [start, end): the id of its last
    verdict event (accepted or rejected), and its compound when asked."""
    cid = col(Task.community_id)
    columns: list[Any] = [func.max(TaskEvent.id).label("id")]
    group: list[Any] = [TaskEvent.task_id]
    if by_community:
        columns.append(cid.label("community_id"))
        group.append(cid)
    return (
        select(*columns)
        .join(Task, col(Task.id) == TaskEvent.task_id)
        .where(
            col(TaskEvent.kind).in_(("accepted", "rejected")),
            col(TaskEvent.ts) >= start,
            col(TaskEvent.ts) < end,
            cid.in_(ids),
        )
        .group_by(*group)
        .subquery()
    )


def checks(session: Session, ids: list[int], start: datetime, end: datetime) -> tuple[int, int]:
    """(accepted, rejected): tasks residents checked in the period, each counted once by
    its last verdict there (sent back, fixed again and then accepted counts as accepted)."""
    last = _last_verdicts(ids, start, end)
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


class Inputs(NamedTuple):
    """What `bot.figures.compute` takes, for one compound."""

    reported: Reported
    due: Due
    claim_seconds: list[float]
    fix_seconds: list[float]
    accepted_checks: int
    rejected_checks: int
    overdue: int


def inputs_by_community(
    session: Session, ids: list[int], start: datetime, end: datetime
) -> dict[int, Inputs]:
    """For each of these compounds, what its figures for [start, end) are computed from
    (as reported_counts … overdue_count at `end` give for it alone), in seven grouped
    statements rather than seven for each compound."""
    cid = col(Task.community_id)
    reported = {
        int(row[0]): Reported(*(int(n) for n in row[1:]))
        for row in session.execute(
            select(cid, *_reported_columns(_dialect(session), end - RESPONSE_WINDOW))
            .where(*_reported_in(ids, start, end))
            .group_by(cid)
        )
    }
    due = {
        int(row[0]): Due(int(row[1]), int(row[2]))
        for row in session.execute(
            select(cid, func.count(), func.count(case((col(Task.done_at) <= col(Task.deadline), 1))))
            .where(
                cid.in_(ids),
                col(Task.deadline) >= start,
                col(Task.deadline) < end,
                Task.status != "closed",
            )
            .group_by(cid)
        )
    }
    spans: dict[Any, dict[int, list[float]]] = {}
    for step in (Task.claimed_at, Task.done_at):
        seconds = _seconds(_dialect(session), step, Task.created_at).label("seconds")
        found: dict[int, list[float]] = {}
        for c, s in session.execute(
            select(cid, seconds)
            .where(*_reported_in(ids, start, end), col(step).is_not(None))
            .order_by(cid, seconds)
        ):
            found.setdefault(int(c), []).append(s)
        spans[step] = found
    last = _last_verdicts(ids, start, end, by_community=True)
    verdicts: dict[tuple[int, str], int] = {
        (int(c), kind): int(n)
        for c, kind, n in session.execute(
            select(last.c.community_id, TaskEvent.kind, func.count())
            .join(last, col(TaskEvent.id) == last.c.id)
            .group_by(last.c.community_id, TaskEvent.kind)
        )
    }
    overdue = overdue_by_community(session, ids, end)
    return {
        i: Inputs(
            reported.get(i, Reported(0, 0, 0, 0, 0, 0, 0)),
            due.get(i, Due(0, 0)),
            spans[Task.claimed_at].get(i, []),
            spans[Task.done_at].get(i, []),
            verdicts.get((i, "accepted"), 0),
            verdicts.get((i, "rejected"), 0),
            overdue.get(i, 0),
        )
        for i in ids
    }


def period_inputs(session: Session, ids: list[int], start: datetime, end: datetime) -> Inputs:
    """What the figures of these compounds together for [start, end) are computed from
    (as reported_counts … overdue_count at `end` give), in two statements: the counts
    as one row of one-row aggregates, and the seconds to claim and to fix together."""
    counts_of, seconds_of = _period_statements(_dialect(session))
    conn = session.connection()
    params = {"ids": ids, "start": start, "end": end, "recent": end - RESPONSE_WINDOW}
    n = [int(v) for v in conn.execute(counts_of, params).one()]
    claim_s: list[float] = []
    fix_s: list[float] = []
    for claim, fix in conn.execute(seconds_of, params):
        if claim is not None:
            claim_s.append(claim)
        if fix is not None:
            fix_s.append(fix)
    claim_s.sort()
    fix_s.sort()
    return Inputs(Reported(*n[:7]), Due(*n[7:9]), claim_s, fix_s, n[9], n[10], n[11])


@cache
def _period_statements(dialect: str) -> tuple[Any, Any]:
    """The two statements of period_inputs, built once per dialect with the compounds,
    start and end as parameters: building them took twice as long as running them."""
    ids = bindparam("ids", expanding=True)
    start, end = bindparam("start"), bindparam("end")
    reported = (
        select(*_reported_columns(dialect, bindparam("recent")))
        .where(*_reported_in(ids, start, end))
        .subquery("reported")
    )
    due = select(
        func.count().label("due"),
        func.count(case((col(Task.done_at) <= col(Task.deadline), 1))).label("met"),
    ).where(
        col(Task.community_id).in_(ids),
        col(Task.deadline) >= start,
        col(Task.deadline) < end,
        Task.status != "closed",
    ).subquery("due")
    last = _last_verdicts(ids, start, end)
    verdicts = (
        select(
            func.count(case((TaskEvent.kind == "accepted", 1))).label("passed"),
            func.count(case((TaskEvent.kind == "rejected", 1))).label("failed"),
        )
        .join(last, col(TaskEvent.id) == last.c.id)
        .subquery("verdicts")
    )
    late = select(func.count().label("late")).where(
        col(Task.community_id).in_(ids), Task.status == "claimed", col(Task.deadline) < end
    ).subquery("late")
    counts = select(*reported.c, *due.c, *verdicts.c, *late.c).select_from(
        reported.join(due, true()).join(verdicts, true()).join(late, true())
    )
    seconds = select(
        _seconds(dialect, Task.claimed_at, Task.created_at),
        _seconds(dialect, Task.done_at, Task.created_at),
    ).where(
        *_reported_in(ids, start, end),
        or_(col(Task.claimed_at).is_not(None), col(Task.done_at).is_not(None)),
    )
    return counts, seconds


def overdue_by_community(session: Session, ids: list[int], now: datetime) -> dict[int, int]:
    """overdue_count of each of these compounds that has any, in one statement."""
    cid = col(Task.community_id)
    rows = session.execute(
        select(cid, func.count())
        .where(cid.in_(ids), Task.status == "claimed", col(Task.deadline) < now)
        .group_by(cid)
    )
    return {int(c): int(n) for c, n in rows}


def status_counts_by_community(session: Session, ids: list[int]) -> dict[int, dict[str, int]]:
    """status_counts of each of these compounds that has tasks, in one statement."""
    cid = col(Task.community_id)
    found: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(cid, Task.status, func.count()).where(cid.in_(ids)).group_by(cid, Task.status)
    )
    for c, s, n in rows:
        found.setdefault(int(c), {})[s] = int(n)
    return found
