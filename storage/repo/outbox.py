"""The outbox: what the bot is to send, and what became of it.

Every statement of the send path is SQLAlchemy Core, built once and run on the
connection: through the ORM each cost about five times as much (building and
identity-mapping the rows), which is most of what a send cost. Rows come back as
light `Row`s with the columns a send needs."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    Connection,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    case,
    func,
    insert,
    not_,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col
from sqlmodel import select as select_model

from bot.events import Outgoing
from storage.database import Plain
from storage.models import OutboxMessage
from storage.types import UTCDateTime

OUTBOX = cast(Table, OutboxMessage.__table__)
c = OUTBOX.c


class Queued(NamedTuple):
    """A message just queued (not yet committed)."""

    id: int
    due_at: datetime


class Claimed(NamedTuple):
    """A message queued already claimed for sending (status `sending` until
    `lease_until`): what a send needs of it, as a row of `due_outgoing` has it."""

    id: int
    platform: str
    account: str
    chat_id: str | None
    user_id: str | None
    text: str
    mentions: str
    urgent: bool
    attempts: int
    due_at: datetime
    lease_until: datetime


def _conn(db: Session | Connection) -> Connection:
    """The connection of a session (its transaction), or the connection itself."""
    return db.connection() if isinstance(db, Session) else db


def _ready(now: Any) -> ColumnElement[bool]:
    """Pending and due, or being sent by a process whose lease ran out (it died)."""
    return or_(
        and_(c.status == "pending", c.due_at <= now),
        and_(c.status == "sending", c.lease_until <= now),
    )


_NOW = bindparam("now", type_=UTCDateTime())
_ORDER = (c.urgent.desc(), c.due_at, c.id)
# What a send needs of a row (not created_at, dedupe_key, ...).
_SEND_COLUMNS = (
    c.id,
    c.platform,
    c.account,
    c.chat_id,
    c.user_id,
    c.text,
    c.mentions,
    c.urgent,
    c.attempts,
    c.due_at,
)
_INSERT = insert(OUTBOX)
_INSERT_KEYS = (
    "platform",
    "account",
    "chat_id",
    "user_id",
    "text",
    "mentions",
    "urgent",
    "task_id",
    "dedupe_key",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "due_at",
    "lease_until",
)
# The two statements of every send, on SQLite as their compiled SQL (see Plain).
_INSERT_RETURNING = Plain(insert(OUTBOX).returning(c.id), _INSERT_KEYS)
_DEDUPE = select(c.id).where(c.dedupe_key == bindparam("dedupe_key")).limit(1)
_DUE = select(*_SEND_COLUMNS).where(_ready(_NOW)).order_by(*_ORDER).limit(bindparam("limit"))
# For many pairs (an OR per pair would run into SQLite's limit on expression depth).
_DUE_SKIPPING_MANY = _DUE.where(
    not_(tuple_(c.platform, c.account).in_(bindparam("skip", expanding=True)))
)
_SKIP_SPELLED_OUT = 8  # up to this many pairs, `_due_skipping`
_CLAIM = (
    update(OUTBOX)
    .where(c.id == bindparam("outbox_id"), _ready(_NOW))
    .values(status="sending", lease_until=bindparam("lease_until", type_=UTCDateTime()))
)
_RELEASE = (
    update(OUTBOX)
    .where(c.id == bindparam("outbox_id"), c.status == "sending")
    .values(status="pending", lease_until=None)
)
_SENT = Plain(
    update(OUTBOX)
    .where(c.id == bindparam("outbox_id"))
    .values(
        status="sent",
        sent_at=bindparam("sent_at", type_=UTCDateTime()),
        platform_message_id=bindparam("platform_message_id"),
        lease_until=None,
    )
)
# Per (platform, account) with anything waiting: whether something is ready now, and the
# earliest time of the rest (a message being sent counts from when its lease runs out).
_LATER = case(
    (and_(c.status == "pending", c.due_at > _NOW), c.due_at),
    (and_(c.status == "sending", c.lease_until > _NOW), c.lease_until),
)
_WAITING = (
    select(
        c.platform,
        c.account,
        func.max(case((_ready(_NOW), 1), else_=0)),
        func.min(_LATER, type_=UTCDateTime()),
    )
    .where(c.status.in_(("pending", "sending")))
    .group_by(c.platform, c.account)
)


@cache
def _due_skipping(n: int) -> Select[Any]:
    """`_DUE` leaving out `n` (platform, account) pairs, bound as `platform_i` and
    `account_i`: one statement per count, compiled once, where an expanding IN would be
    rendered again on every call."""
    skipped = or_(
        *(
            and_(c.platform == bindparam(f"platform_{i}"), c.account == bindparam(f"account_{i}"))
            for i in range(n)
        )
    )
    return _DUE.where(not_(skipped))


def add_outgoing(
    db: Session | Connection,
    msg: Outgoing,
    now: datetime,
    due_at: datetime | None = None,
    dedupe_key: str | None = None,
    task_id: int | None = None,
    lease_until: datetime | None = None,
) -> Queued | None:
    """Queue a message; None when a message with this dedupe key was queued before.
    With `lease_until` it is written claimed for sending (status `sending`) until then."""
    conn = _conn(db)
    if dedupe_key is not None:
        if conn.execute(_DEDUPE, {"dedupe_key": dedupe_key}).first() is not None:
            return None
    due = due_at or now
    values = {
        "platform": msg.platform,
        "account": msg.account,
        "chat_id": msg.chat_id,
        "user_id": msg.user_id,
        "text": msg.text,
        "mentions": "\n".join(msg.mentions),
        "urgent": msg.urgent,
        "task_id": task_id,
        "dedupe_key": dedupe_key,
        "status": "pending" if lease_until is None else "sending",
        "attempts": 0,
        "last_error": "",
        "created_at": now,
        "due_at": due,
        "lease_until": lease_until,
    }
    if conn.dialect.name == "sqlite":
        row = _INSERT_RETURNING.first(conn, values)
        assert row is not None
        return Queued(row["id"], due)
    result = conn.execute(_INSERT, values)
    return Queued(result.inserted_primary_key[0], due)  # type: ignore[index]


def due_outgoing(
    db: Session | Connection,
    now: datetime,
    limit: int = 100,
    skip: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> list[Row[Any]]:
    """Messages to send now, urgent first, then in the order they fell due; `skip` leaves
    out (platform, account) pairs that may not send at the moment."""
    conn = _conn(db)
    if not skip:
        return list(conn.execute(_DUE, {"now": now, "limit": limit}))
    if len(skip) > _SKIP_SPELLED_OUT:
        params_many = {"now": now, "limit": limit, "skip": list(skip)}
        return list(conn.execute(_DUE_SKIPPING_MANY, params_many))
    params: dict[str, Any] = {"now": now, "limit": limit}
    for i, (platform, account) in enumerate(skip):
        params[f"platform_{i}"] = platform
        params[f"account_{i}"] = account
    return list(conn.execute(_due_skipping(len(skip)), params))


def claim(db: Session | Connection, outbox_id: int, now: datetime, lease_until: datetime) -> bool:
    """Take a message for sending; of processes trying at once exactly one gets it."""
    result = _conn(db).execute(
        _CLAIM, {"outbox_id": outbox_id, "now": now, "lease_until": lease_until}
    )
    return result.rowcount == 1


_WITHDRAW = (
    update(OUTBOX)
    .where(c.task_id == bindparam("b_task"), c.status == "pending", c.text.like(bindparam("b_pattern")))
    .values(status="withdrawn")
)


def withdraw(db: Session | Connection, task_id: int, prefix: str) -> int:
    """Withdraw the messages about a task that wait to go out (held for quiet hours, say)
    and begin with `prefix` (no % or _ in it): they will not be sent. Those being sent
    are left alone. How many were withdrawn."""
    result = _conn(db).execute(_WITHDRAW, {"b_task": task_id, "b_pattern": prefix + "%"})
    return int(result.rowcount or 0)


def release(db: Session | Connection, outbox_ids: list[int]) -> None:
    """Give up claims of ours that were not sent: the messages wait as before."""
    if outbox_ids:
        _conn(db).execute(_RELEASE, [{"outbox_id": i} for i in outbox_ids])


def waiting_by_account(
    db: Session | Connection, now: datetime
) -> list[tuple[str, str, bool, datetime | None]]:
    """For each (platform, account) with something waiting: whether anything is ready to
    go at `now`, and the earliest time one of the others falls due (None: no others)."""
    rows = _conn(db).execute(_WAITING, {"now": now})
    return [(p, a, bool(ready), later) for p, a, ready, later in rows]


def count_by_status(db: Session | Connection) -> dict[str, int]:
    rows = _conn(db).execute(select(c.status, func.count()).group_by(c.status))
    return {status: int(n) for status, n in rows}


def mark_sent(
    db: Session | Connection, outbox_id: int, now: datetime, platform_message_id: str | None
) -> None:
    _SENT.execute(
        _conn(db),
        {"outbox_id": outbox_id, "sent_at": now, "platform_message_id": platform_message_id},
    )


def mark_attempt_failed(
    db: Session | Connection, outbox_id: int, error: str, retry_at: datetime | None
) -> None:
    """Count a failed attempt; retry at `retry_at`, or give up (status failed) when None."""
    values: dict[str, object] = {
        "attempts": c.attempts + 1,
        "last_error": error[:500],
        "lease_until": None,
    }
    if retry_at is None:
        values["status"] = "failed"
    else:
        values["status"] = "pending"
        values["due_at"] = retry_at
    _conn(db).execute(update(OUTBOX).where(c.id == outbox_id).values(**values))


def find_sent_by_platform_id(
    session: Session, platform: str, platform_message_id: str
) -> OutboxMessage | None:
    return session.exec(
        select_model(OutboxMessage).where(
            OutboxMessage.platform == platform,
            col(OutboxMessage.platform_message_id) == platform_message_id,
        )
    ).first()
