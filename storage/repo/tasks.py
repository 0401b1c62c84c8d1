"""Tasks: filing (with duplicates merged), claiming, progress, acceptance, closing and
merging. Every change writes a TaskEvent; nothing commits. Reading them is in
task_queries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal_column,
    or_,
    true,
    update,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select as core_select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import NoResultFound
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from bot.privacy import mask
from storage.database import Plain, detached
from storage.models import (
    Community,
    Message,
    OutboxMessage,
    Task,
    TaskEvent,
    TaskReminder,
    TaskReporter,
)

MAX_NUMBER = 2**31 - 1  # task numbers beyond this are absurd: never a real task
SUMMARY_CHARS = 60
REPEAT_DAYS = 30
REPEAT_COUNT = 3
# A report naming no place from someone who reported an active task of the same kind in
# this long is taken as more about that task ("快点啊楼下也漏了"), not a new one.
OWN_FOLLOW_UP = timedelta(hours=24)
_OWN_MOST = 50  # of one person's reports in that time, the latest looked at
ACTIVE = ("open", "claimed")
LIST_FILTERS = ("open", "claimed", "overdue", "active", "all")
_S = TypeVar("_S", bound=Select[Any])


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something: a person by platform user id, or the bot itself."""

    platform: str
    user_id: str
    name: str


SYSTEM = Actor("", "", "系统")


@dataclass(frozen=True, slots=True)
class Filed:
    """The outcome of a report: the task it made or joined."""

    task: Task
    merged: bool
    reporters: int
    new_reporter: bool = True


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """Whether this claim won; `task` is fresh from the database either way."""

    won: bool
    task: Task


# The statements of the busy paths (reports, claims, progress) are built once and run as
# Core on the session's connection, in its transaction: through the ORM each cost five
# times as much, most of it spent building the statement. The hottest run on SQLite as
# their SQL (Plain), all but the task INSERT, whose bound values the scheduler reads.
# The Task objects handed back are kept in step with the rows (see _task_from_row and
# _load_into).
_TASK = Task.__table__  # type: ignore[attr-defined]
_REPORTER = TaskReporter.__table__  # type: ignore[attr-defined]
_EVENT = TaskEvent.__table__  # type: ignore[attr-defined]
_COMMUNITY = Community.__table__  # type: ignore[attr-defined]
_TASK_MAPPER = sa_inspect(Task)

_INSERT_TASK = insert(_TASK)
# (every column but the id, in the table's order: what file_report binds)
_INSERT_TASK_RETURNING = Plain(
    insert(_TASK).returning(_TASK.c.id), [c.key for c in _TASK.c if c.key != "id"]
)
_EVENT_KEYS = ("task_id", "ts", "actor_platform", "actor_user_id", "actor_name", "kind", "detail")
_INSERT_EVENT = Plain(insert(_EVENT), _EVENT_KEYS)
_ROW = Plain(core_select(_TASK).where(_TASK.c.id == bindparam("b_id")))
_BY_NUMBER = Plain(
    core_select(_TASK).where(
        _TASK.c.community_id == bindparam("b_community"), _TASK.c.number == bindparam("b_number")
    )
)
_NEXT_NUMBER = Plain(
    update(_COMMUNITY)
    .where(_COMMUNITY.c.id == bindparam("b_community"))
    .values(next_task_number=_COMMUNITY.c.next_task_number + 1)
    .returning(_COMMUNITY.c.next_task_number)
)
_REPORTER_KEYS = ("task_id", "platform", "user_id", "name", "message_id", "ts")
@cache
def _add_reporter_statement(dialect: str) -> Plain | None:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id where the database has it, built once
    (PostgreSQL's dialect is imported for PostgreSQL only: it cost every start 66 ms)."""
    if dialect == "sqlite":
        stmt = sqlite_insert(_REPORTER)
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt = pg_insert(_REPORTER)
    else:
        return None
    return Plain(stmt.on_conflict_do_nothing().returning(_REPORTER.c.id), _REPORTER_KEYS)


_KNOWN_REPORTER = core_select(_REPORTER.c.id).where(
    _REPORTER.c.task_id == bindparam("b_task"),
    _REPORTER.c.platform == bindparam("b_platform"),
    _REPORTER.c.user_id == bindparam("b_user"),
)


def _duplicate(*where: ColumnElement[bool]) -> Select[Any]:
    return (
        core_select(_TASK)
        .where(
            _TASK.c.community_id == bindparam("b_community"),
            _TASK.c.category == bindparam("b_category"),
            # Written out, not bound: an expanding IN cost more to prepare than to run.
            _TASK.c.status.in_([literal_column(f"'{status}'") for status in ACTIVE]),
            *where,
        )
        .order_by(_TASK.c.number)
        .limit(1)
    )


_DUPLICATE_IN_UNIT = Plain(
    _duplicate(
        _TASK.c.building == bindparam("b_building"),
        or_(_TASK.c.unit.is_(None), _TASK.c.unit == bindparam("b_unit")),
    )
)
_DUPLICATE_IN_BUILDING = Plain(_duplicate(_TASK.c.building == bindparam("b_building")))
_DUPLICATE_AT_PLACE = Plain(
    _duplicate(_TASK.c.building.is_(None), _TASK.c.place == bindparam("b_place"))
)
# What the sender reported since b_since, from their own rows (ix_task_reporter_person).
_OWN_REPORTED = Plain(
    core_select(_REPORTER.c.task_id).where(
        _REPORTER.c.platform == bindparam("b_platform"),
        _REPORTER.c.user_id == bindparam("b_user"),
        _REPORTER.c.ts >= bindparam("b_since"),
    )
    .order_by(_REPORTER.c.task_id)  # oldest first: the latest are the last
)
_REPEATS = (
    core_select(func.count().label("n"))
    .select_from(_TASK)
    .where(
        _TASK.c.community_id == bindparam("b_community"),
        _TASK.c.category == bindparam("b_category"),
        _TASK.c.building == bindparam("b_building"),
        _TASK.c.created_at >= bindparam("b_since"),
        _TASK.c.merged_into.is_(None),
    )
    .subquery("repeats")
)


def _with_repeats(duplicate: Select[Any]) -> Select[Any]:
    """The duplicate (if any) and the count of repeats in one statement: both read the
    same index, and a report in a building needs the count when it finds no duplicate."""
    dup = duplicate.subquery("dup")
    return core_select(_REPEATS.c.n.label(_REPEATS_KEY), *dup.c).select_from(
        _REPEATS.outerjoin(dup, true())
    )


_REPEATS_KEY = "repeats_"
_DUPLICATE_IN_UNIT_COUNTED = Plain(_with_repeats(_DUPLICATE_IN_UNIT.stmt))
_DUPLICATE_IN_BUILDING_COUNTED = Plain(_with_repeats(_DUPLICATE_IN_BUILDING.stmt))


def _join(urgent: bool) -> Any:
    """One more reporter on a task; urgent set only when this report makes it so (a write
    of the flag has the scheduler read the urgent re-ask time again)."""
    values: dict[str, Any] = {
        "updated_at": bindparam("b_now"),
        "reporters": _TASK.c.reporters + bindparam("b_added"),
    }
    if urgent:
        values["urgent"] = True
    return Plain(
        update(_TASK).where(_TASK.c.id == bindparam("b_id")).values(**values).returning(*_TASK.c)
    )


_JOIN = _join(False)
_JOIN_URGENT = _join(True)
_CLAIM = Plain(
    update(_TASK)
    .where(
        _TASK.c.id == bindparam("b_id"),
        _TASK.c.status == "open",
        _TASK.c.claimant_user_id.is_(None),
    )
    .values(
        status="claimed",
        claimant_platform=bindparam("b_platform"),
        claimant_user_id=bindparam("b_user"),
        claimant_name=bindparam("b_name"),
        claimed_at=bindparam("b_now"),
        updated_at=bindparam("b_now"),
        deadline=bindparam("b_deadline"),
    )
    .returning(*_TASK.c)
)
_TOUCH = Plain(
    update(_TASK).where(_TASK.c.id == bindparam("b_id")).values(updated_at=bindparam("b_now"))
)
_SET_DEADLINE = (
    update(_TASK)
    .where(_TASK.c.id == bindparam("b_id"))
    .values(deadline=bindparam("b_deadline"), updated_at=bindparam("b_now"))
)
_MESSAGE = Message.__table__  # type: ignore[attr-defined]
_OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
_BY_MESSAGE = Plain(
    core_select(_TASK).where(
        _TASK.c.id
        == func.coalesce(
            core_select(_MESSAGE.c.task_id)
            .where(
                _MESSAGE.c.platform == bindparam("b_platform"),
                _MESSAGE.c.message_id == bindparam("b_message"),
            )
            .limit(1)
            .scalar_subquery(),
            core_select(_OUTBOX.c.task_id)
            .where(
                _OUTBOX.c.platform == bindparam("b_platform"),
                _OUTBOX.c.platform_message_id == bindparam("b_message"),
                _OUTBOX.c.task_id.is_not(None),
            )
            .limit(1)
            .scalar_subquery(),
        )
    )
)
_REMINDER = TaskReminder.__table__  # type: ignore[attr-defined]
_UNCLAIMED_URGENT = (
    core_select(_TASK)
    .where(
        _TASK.c.urgent == True,  # noqa: E712
        _TASK.c.status == "open",
        _TASK.c.created_at <= bindparam("b_before"),
        ~exists().where(_REMINDER.c.task_id == _TASK.c.id, _REMINDER.c.stage == "urgent"),
    )
    .order_by(_TASK.c.created_at, _TASK.c.id)
)
_MOVES: dict[tuple[tuple[str, ...], tuple[str, ...]], Any] = {}


def _move_statement(sources: tuple[str, ...], names: tuple[str, ...]) -> Any:
    """UPDATE … SET status and these columns WHERE the status is one of `sources`
    RETURNING the row, built once per kind of move."""
    stmt = _MOVES.get((sources, names))
    if stmt is None:
        stmt = _MOVES[(sources, names)] = Plain(
            update(_TASK)
            .where(
                _TASK.c.id == bindparam("b_id"),
                # (one bound value per source: a plain statement cannot expand a list)
                or_(*(_TASK.c.status == bindparam(f"b_from{i}", s) for i, s in enumerate(sources))),
            )
            .values(
                status=bindparam("b_status"),
                updated_at=bindparam("b_now"),
                **{name: bindparam(f"b_{name}") for name in names},
            )
            .returning(*_TASK.c)
        )
    return stmt


def summarize(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first `limit` characters of the text on one line, masked before it is cut (a
    phone number cut in half would no longer be recognised as one)."""
    one_line = re.sub(r"\s+", " ", mask(text)).strip()
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def record(
    session: Session, task: Task, kind: str, actor: Actor, now: datetime, detail: str = ""
) -> None:
    """Add one event to the task's history."""
    assert task.id is not None
    session.flush()  # changes made through the session come first, as before
    _record(session.connection(), task.id, now, (kind, actor, detail))


def _record(conn: Connection, task_id: int, now: datetime, *events: tuple[str, Actor, str]) -> None:
    """Insert these events (kind, actor, detail) in one call."""
    rows = [
        {
            "task_id": task_id,
            "ts": now,
            "actor_platform": actor.platform,
            "actor_user_id": actor.user_id,
            "actor_name": actor.name[:100],
            "kind": kind,
            "detail": detail,
        }
        for kind, actor, detail in events
    ]
    _INSERT_EVENT.execute(conn, rows if len(rows) > 1 else rows[0])


def _task_from_row(session: Session, row: Mapping[str, Any], fresh: bool = False) -> Task:
    """The session's Task for a row read with Core: the one it holds already (as an ORM
    query would return it; with `fresh`, updated from the row), else one built from the
    row and attached without a query."""
    held = session.identity_map.get(_TASK_MAPPER.identity_key_from_primary_key((row["id"],)))
    if held is not None:
        return _load_into(held, row) if fresh else held  # type: ignore[no-any-return]
    task = detached(Task, row)  # clean, as if loaded
    session.add(task)
    return task


def _load_into(task: Task, row: Mapping[str, Any]) -> Task:
    """Keep an ORM Task in step with its row as a Core statement just returned it."""
    for name, value in row.items():
        set_committed_value(task, name, value)
    return task


def _add_reporter(
    session: Session, task: Task, who: Actor, message_id: str | None, now: datetime
) -> bool:
    """Add a reporter unless this person reported the task already; whether added."""
    assert task.id is not None
    conn = session.connection()
    values = {
        "task_id": task.id,
        "platform": who.platform,
        "user_id": who.user_id,
        "name": who.name[:100],
        "message_id": message_id,
        "ts": now,
    }
    stmt = _add_reporter_statement(conn.dialect.name)
    if stmt is not None:  # one statement: the unique key decides
        return stmt.first(conn, values) is not None
    known = conn.execute(
        _KNOWN_REPORTER, {"b_task": task.id, "b_platform": who.platform, "b_user": who.user_id}
    ).first()
    if known is not None:
        return False
    conn.execute(insert(_REPORTER), values)
    return True


def find_duplicate(
    session: Session,
    community_id: int,
    category: str,
    building: int | None,
    unit: int | None,
    place: str | None,
) -> Task | None:
    """The earliest open or claimed task this report repeats: same category and building
    (and unit when both give one); with no building, the same named place."""
    return _duplicate_and_repeats(session, community_id, category, building, unit, place)[0]


def _duplicate_and_repeats(
    session: Session,
    community_id: int,
    category: str,
    building: int | None,
    unit: int | None,
    place: str | None,
    now: datetime | None = None,
) -> tuple[Task | None, int]:
    """`find_duplicate`, and (given `now` and a building) in the same statement how many
    tasks of this category the building had in the last 30 days, not counting those
    closed as duplicates; 0 when not counted."""
    params: dict[str, object] = {"b_community": community_id, "b_category": category}
    counted = building is not None and now is not None
    if building is not None:
        params["b_building"] = building
        if unit is not None:
            params["b_unit"] = unit
            stmt = _DUPLICATE_IN_UNIT_COUNTED if counted else _DUPLICATE_IN_UNIT
        else:
            stmt = _DUPLICATE_IN_BUILDING_COUNTED if counted else _DUPLICATE_IN_BUILDING
        if now is not None:
            params["b_since"] = now - timedelta(days=REPEAT_DAYS)
    elif place:
        params["b_place"] = place
        stmt = _DUPLICATE_AT_PLACE
    else:
        return None, 0
    session.flush()  # as an ORM query would, so that pending tasks are seen
    row = stmt.first(session.connection(), params)
    if row is None:
        return None, 0
    if not counted:
        return _task_from_row(session, row), 0
    repeats = int(row[_REPEATS_KEY])
    if row["id"] is None:  # no duplicate: the outer join gave the count alone
        return None, repeats
    task_row = {name: value for name, value in row.items() if name != _REPEATS_KEY}
    return _task_from_row(session, task_row), repeats


def _own_active(
    session: Session, community_id: int, category: str, who: Actor, since: datetime
) -> Task | None:
    """The latest open or claimed task of this category that `who` reported since `since`:
    their few reporter rows first, then those tasks by key, however many tasks of this
    kind a large compound holds."""
    conn = session.connection()
    ids = [row[0] for row in _OWN_REPORTED.all(
        conn, {"b_platform": who.platform, "b_user": who.user_id, "b_since": since}
    )]
    if not ids:
        return None
    # By key alone, then sifted here: any filter on the compound or kind would have the
    # planner walk all of the compound's tasks of that kind instead.
    tasks = session.exec(select(Task).where(col(Task.id).in_(ids[-_OWN_MOST:]))).all()
    mine = [
        t for t in tasks
        if t.community_id == community_id and t.category == category and t.status in ACTIVE
    ]
    return max(mine, key=lambda t: t.number, default=None)


def join_report(
    session: Session, task: Task, who: Actor, message_id: str | None, text: str, now: datetime
) -> bool:
    """One more reporter of an open or held task ("me too" under its report), once per
    person; whether this person was added."""
    if task.status not in ACTIVE or not _add_reporter(session, task, who, message_id, now):
        return False
    _joined(session.connection(), task, who, summarize(text), now, added=True, urgent=False)
    return True


def repeat_report(session: Session, task: Task, who: Actor, text: str, now: datetime) -> None:
    """A reporter saying more about their own open or held task (快来人管管啊): recorded as
    a repeat; the number of reporters stays."""
    _joined(session.connection(), task, who, summarize(text), now, added=False, urgent=False)


def _joined(
    conn: Connection, task: Task, who: Actor, summary: str, now: datetime, *, added: bool,
    urgent: bool,
) -> None:
    """Count a report joining `task` (one more reporter when `added`; urgent from now on
    when `urgent`), keep the object in step with its row, and record it."""
    assert task.id is not None
    join = _JOIN_URGENT if urgent else _JOIN
    joined = join.first(conn, {"b_id": task.id, "b_now": now, "b_added": int(added)})
    assert joined is not None  # a task of this session
    _load_into(task, joined)
    # (the same person again is a repeat: their report stands once)
    _record(conn, task.id, now, ("merged" if added else "repeated", who, summary))


def _next_number(conn: Connection, community_id: int) -> int:
    """Take the compound's next task number in one statement, safe against concurrent
    writers on SQLite and PostgreSQL alike."""
    row = _NEXT_NUMBER.first(conn, {"b_community": community_id})
    if row is None:
        raise NoResultFound(f"no compound {community_id}")
    return int(row["next_task_number"]) - 1


def file_report(
    session: Session,
    community_id: int,
    reporter: Actor,
    text: str,
    now: datetime,
    *,
    category: str = "other",
    urgent: bool = False,
    building: int | None = None,
    unit: int | None = None,
    floor: int | None = None,
    room: int | None = None,
    place: str | None = None,
    chat_id: str | None = None,
    message_id: str | None = None,
) -> Filed:
    """File a report as a new task #N, or join the open duplicate as one more reporter."""
    place = place[:100] if place else None
    summary = summarize(text)
    dup, repeats = _duplicate_and_repeats(
        session, community_id, category, building, unit, place, now
    )
    if dup is None and building is None and not place:
        dup = _own_active(session, community_id, category, reporter, now - OWN_FOLLOW_UP)
    conn = session.connection()
    if dup is not None:
        added = _add_reporter(session, dup, reporter, message_id, now)
        _joined(conn, dup, reporter, summary, now, added=added, urgent=urgent and not dup.urgent)
        return Filed(dup, True, dup.reporters, added)

    number = _next_number(conn, community_id)
    # Counted before the insert, so this report is the one added.
    repeat = building is not None and repeats + 1 >= REPEAT_COUNT
    values: dict[str, Any] = {
        "community_id": community_id,
        "number": number,
        "category": category,
        "urgent": urgent,
        "building": building,
        "unit": unit,
        "floor": floor,
        "room": room,
        "place": place,
        "summary": summary,
        "text": text,
        "status": "open",
        "close_reason": "",
        "claimant_platform": None,
        "claimant_user_id": None,
        "claimant_name": None,
        "deadline": None,
        "reporters": 1,
        "merged_into": None,
        "repeat_flag": repeat,
        "source_platform": reporter.platform,
        "source_chat_id": chat_id,
        "source_message_id": message_id,
        "created_at": now,
        "updated_at": now,
        "claimed_at": None,
        "done_at": None,
        "accepted_at": None,
        "closed_at": None,
    }
    if conn.dialect.name == "sqlite":
        inserted = _INSERT_TASK_RETURNING.first(conn, values)
        assert inserted is not None
        values["id"] = inserted["id"]
    else:
        values["id"] = conn.execute(_INSERT_TASK, values).inserted_primary_key[0]
    task = _task_from_row(session, values)
    _add_reporter(session, task, reporter, message_id, now)
    events = [("reported", reporter, summary)]
    if repeat:
        events.append(("repeat", SYSTEM, f"{REPEAT_DAYS}天内同楼同类第{REPEAT_COUNT}次以上"))
    _record(conn, values["id"], now, *events)
    return Filed(task, False, 1)


def _task_by(session: Session, statement: Plain, params: dict[str, Any]) -> Task | None:
    """The task of the first row `statement` finds, or None; pending changes are flushed
    first, as an ORM query would, so that they are seen."""
    session.flush()
    row = statement.first(session.connection(), params)
    return None if row is None else _task_from_row(session, row)


def get_task(session: Session, community_id: int, number: int) -> Task | None:
    """Task #number of this compound; None when absent, elsewhere, or an absurd number."""
    if isinstance(number, bool) or not isinstance(number, int):
        return None
    if not 1 <= number <= MAX_NUMBER:
        return None
    return _task_by(session, _BY_NUMBER, {"b_community": community_id, "b_number": number})


def get_task_by_id(session: Session, task_id: int) -> Task | None:
    return session.get(Task, task_id)


def find_task_by_message(session: Session, platform: str, message_id: str) -> Task | None:
    """The task a message created or joined, or the task the bot's own message was about
    (for quote-replies to either), in one statement."""
    return _task_by(session, _BY_MESSAGE, {"b_platform": platform, "b_message": message_id})


def claim(
    session: Session, task: Task, who: Actor, now: datetime, deadline: datetime | None
) -> ClaimResult:
    """Take an open, unheld task. One conditional UPDATE decides, so of claims arriving
    together exactly one wins; the loser gets the task as it now is (with its holder)."""
    assert task.id is not None
    session.flush()
    conn = session.connection()
    params = {
        "b_id": task.id,
        "b_platform": who.platform,
        "b_user": who.user_id,
        "b_name": who.name[:100],
        "b_now": now,
        "b_deadline": deadline,
    }
    row = _CLAIM.first(conn, params)
    if row is None:
        now_is = _ROW.first(conn, {"b_id": task.id})
        assert now_is is not None  # a task of this session
        return ClaimResult(False, _task_from_row(session, now_is, fresh=True))
    fresh = _task_from_row(session, row, fresh=True)
    _forget_reminders_ahead(conn, task.id)  # taken again after it was given back
    if deadline is None:
        _record(conn, task.id, now, ("claimed", who, ""))
    else:
        _record(
            conn, task.id, now, ("claimed", who, ""), ("deadline_set", who, deadline.isoformat())
        )
    return ClaimResult(True, fresh)


def assign(
    session: Session,
    task: Task,
    to: Actor,
    by: Actor,
    now: datetime,
    deadline: datetime | None = None,
) -> bool:
    """Give an open or claimed task to someone (a secretary's 派单); the deadline is kept
    when none is given."""
    assert task.id is not None
    values: dict[str, object] = {
        "status": "claimed",
        "claimant_platform": to.platform,
        "claimant_user_id": to.user_id,
        "claimant_name": to.name[:100],
        "updated_at": now,
    }
    if task.claimed_at is None:
        values["claimed_at"] = now
    if deadline is not None:
        values["deadline"] = deadline
    result = session.execute(
        update(Task).where(col(Task.id) == task.id, col(Task.status).in_(ACTIVE)).values(**values)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.refresh(task)
    _forget_reminders_ahead(session.connection(), task.id)  # a new holder hears them anew
    record(session, task, "assigned", by, now, f"{to.name}")
    if deadline is not None:
        record(session, task, "deadline_set", by, now, deadline.isoformat())
    return True


# The reminders ahead of a deadline (3 days, 1 day): sent once per deadline and holder.
_AHEAD_STAGES = ("before3", "before1")
_FORGET_AHEAD = Plain(
    delete(_REMINDER).where(
        _REMINDER.c.task_id == bindparam("b_task"),
        or_(*(_REMINDER.c.stage == bindparam(f"b_s{i}", s) for i, s in enumerate(_AHEAD_STAGES))),
    )
)


def _forget_reminders_ahead(conn: Connection, task_id: int) -> None:
    """A new deadline or a new holder: the reminders ahead of the deadline are due again."""
    _FORGET_AHEAD.execute(conn, {"b_task": task_id})


def set_deadline(
    session: Session, task: Task, deadline: datetime, by: Actor, now: datetime
) -> None:
    assert task.id is not None
    session.flush()
    conn = session.connection()
    conn.execute(_SET_DEADLINE, {"b_id": task.id, "b_deadline": deadline, "b_now": now})
    _forget_reminders_ahead(conn, task.id)
    set_committed_value(task, "deadline", deadline)
    set_committed_value(task, "updated_at", now)
    _record(conn, task.id, now, ("deadline_set", by, deadline.isoformat()))


def add_progress(session: Session, task: Task, by: Actor, note: str, now: datetime) -> None:
    assert task.id is not None
    session.flush()
    conn = session.connection()
    _TOUCH.execute(conn, {"b_id": task.id, "b_now": now})
    set_committed_value(task, "updated_at", now)
    _record(conn, task.id, now, ("progress", by, note))


def add_detail(session: Session, task: Task, by: Actor, said: str, now: datetime) -> None:
    """A reporter's word more on their own report (补充一下：车牌浙A12345): kept in the
    task's history; the task itself is unchanged."""
    assert task.id is not None
    session.flush()
    _record(session.connection(), task.id, now, ("detail", by, said))


def place(
    session: Session,
    task: Task,
    building: int | None,
    unit: int | None,
    by: Actor,
    now: datetime,
    said: str,
    corrected: bool = False,
    spot: str | None = None,
) -> None:
    """Say where a task is: the building, and the unit when given (a unit said before
    stays, unless the building is `corrected`: the old unit was of the old building); or
    a named place (`spot`: 中心花园)."""
    if building is not None:
        task.building = building
        if unit is not None or corrected:
            task.unit = unit
    if spot:
        task.place = spot
    task.updated_at = now
    session.add(task)
    record(session, task, "placed", by, now, said)


def mark_done(session: Session, task: Task, by: Actor, note: str, now: datetime) -> bool:
    """Open or claimed → done (awaiting the reporters' check); False otherwise."""
    return _move(session, task, ACTIVE, "done", by, now, "done", note, done_at=now)


def accept(session: Session, task: Task, by: Actor, now: datetime) -> bool:
    """Done → accepted by a reporter (or a secretary)."""
    return _move(session, task, ("done",), "accepted", by, now, "accepted", "", accepted_at=now)


def reject(session: Session, task: Task, by: Actor, reason: str, now: datetime) -> bool:
    """Done → back to its holder (or open when nobody held it), with the reason."""
    back = "claimed" if task.claimant_user_id else "open"
    return _move(session, task, ("done",), back, by, now, "rejected", reason, done_at=None)


def reopen(session: Session, task: Task, by: Actor, reason: str, now: datetime) -> bool:
    """Done, accepted or closed → claimed (when held) or open again."""
    back = "claimed" if task.claimant_user_id else "open"
    return _move(
        session,
        task,
        ("done", "accepted", "closed"),
        back,
        by,
        now,
        "reopened",
        reason,
        done_at=None,
        accepted_at=None,
        closed_at=None,
        close_reason="",
        merged_into=None,
    )


def release(session: Session, task: Task, by: Actor, reason: str, now: datetime) -> bool:
    """Claimed → open again, nobody holding it and no deadline (its holder gave it back)."""
    return _move(
        session,
        task,
        ("claimed",),
        "open",
        by,
        now,
        "released",
        reason,
        claimant_platform=None,
        claimant_user_id=None,
        claimant_name=None,
        deadline=None,
    )


def close(session: Session, task: Task, by: Actor, reason: str, now: datetime) -> bool:
    """Close a task that is not closed yet (duplicate, invalid, not ours …) with a reason."""
    return _move(
        session,
        task,
        ("open", "claimed", "done", "accepted"),
        "closed",
        by,
        now,
        "closed",
        reason,
        closed_at=now,
        close_reason=reason[:500],
    )


def _move(
    session: Session,
    task: Task,
    sources: tuple[str, ...],
    target: str,
    by: Actor,
    now: datetime,
    kind: str,
    detail: str,
    **values: object,
) -> bool:
    """Change the status only if it is still one of `sources` (a conditional UPDATE);
    `task` is as the database has it afterwards either way."""
    assert task.id is not None
    session.flush()
    conn = session.connection()
    stmt = _move_statement(sources, tuple(values))
    params = {f"b_{name}": value for name, value in values.items()}
    row = stmt.first(conn, {**params, "b_id": task.id, "b_status": target, "b_now": now})
    if row is None:
        now_is = _ROW.first(conn, {"b_id": task.id})
        assert now_is is not None  # a task of this session
        _load_into(task, now_is)
        return False
    _load_into(task, row)
    _record(conn, task.id, now, (kind, by, detail))
    return True


def reporters_of(session: Session, task: Task) -> list[TaskReporter]:
    return list(
        session.exec(
            select(TaskReporter).where(TaskReporter.task_id == task.id).order_by(TaskReporter.id)
        )
    )


def merge(session: Session, task: Task, into: Task, by: Actor, now: datetime) -> bool:
    """Close `task` as a duplicate of `into` (same compound), moving its reporters over."""
    if task.id == into.id or task.community_id != into.community_id or task.status == "closed":
        return False
    if into.status == "closed":
        return False
    assert into.id is not None
    for r in reporters_of(session, task):
        _add_reporter(session, into, Actor(r.platform, r.user_id, r.name), r.message_id, now)
    count = session.exec(select(func.count()).where(TaskReporter.task_id == into.id)).one()
    into.reporters = int(count)
    into.updated_at = now
    session.add(into)
    if not close(session, task, by, f"重复，并入 #{into.number}", now):
        return False
    task.merged_into = into.id
    session.add(task)
    record(session, task, "duplicate_of", by, now, f"#{into.number}")
    record(session, into, "merged", by, now, f"#{task.number}")
    return True


def auto_accept_due(session: Session, now: datetime, after: timedelta) -> list[Task]:
    """Done tasks nobody checked within `after` become accepted; those tasks."""
    due = list(
        session.exec(
            select(Task)
            .where(Task.status == "done", col(Task.done_at) <= now - after)
            .order_by(Task.id)
        )
    )
    accepted = []
    for task in due:
        if _move(
            session, task, ("done",), "accepted", SYSTEM, now, "auto_accepted", "", accepted_at=now
        ):
            accepted.append(task)
    return accepted
