"""The outbox: what the bot is to send, and what became of it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, not_, or_, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from bot.events import Outgoing
from storage.models import OutboxMessage
from storage.types import UTCDateTime


def add_outgoing(
    session: Session,
    msg: Outgoing,
    now: datetime,
    due_at: datetime | None = None,
    dedupe_key: str | None = None,
    task_id: int | None = None,
) -> OutboxMessage | None:
    """Queue a message; None when a message with this dedupe key was queued before."""
    if dedupe_key is not None:
        found = session.exec(
            select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)
        ).first()
        if found is not None:
            return None
    row = OutboxMessage(
        platform=msg.platform,
        account=msg.account,
        chat_id=msg.chat_id,
        user_id=msg.user_id,
        text=msg.text,
        mentions="\n".join(msg.mentions),
        urgent=msg.urgent,
        task_id=task_id,
        dedupe_key=dedupe_key,
        created_at=now,
        due_at=due_at or now,
    )
    session.add(row)
    session.flush()
    return row


def _ready(now: Any) -> ColumnElement[bool]:
    """Pending and due, or being sent by a process whose lease ran out (it died)."""
    return or_(
        and_(OutboxMessage.status == "pending", col(OutboxMessage.due_at) <= now),
        and_(OutboxMessage.status == "sending", col(OutboxMessage.lease_until) < now),
    )


# The statements of every send, built once with parameters: composing them each time
# cost more than running them.
_ORDER = (col(OutboxMessage.urgent).desc(), OutboxMessage.due_at, OutboxMessage.id)
_DUE = (
    select(OutboxMessage)
    .where(_ready(bindparam("now", type_=UTCDateTime())))
    .order_by(*_ORDER)
    .limit(bindparam("limit"))
)
_CLAIM = (
    update(OutboxMessage)
    .where(
        col(OutboxMessage.id) == bindparam("outbox_id"),
        _ready(bindparam("now", type_=UTCDateTime())),
    )
    .values(status="sending", lease_until=bindparam("lease_until", type_=UTCDateTime()))
)
_SENT = (
    update(OutboxMessage)
    .where(col(OutboxMessage.id) == bindparam("outbox_id"))
    .values(
        status="sent",
        sent_at=bindparam("sent_at", type_=UTCDateTime()),
        platform_message_id=bindparam("platform_message_id"),
        lease_until=None,
    )
)


def due_outgoing(
    session: Session,
    now: datetime,
    limit: int = 100,
    skip: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> list[OutboxMessage]:
    """Messages to send now, urgent first, then in the order they fell due; `skip` leaves
    out (platform, account) pairs that may not send at the moment."""
    if not skip:
        return list(session.exec(_DUE, params={"now": now, "limit": limit}))
    q = select(OutboxMessage).where(_ready(now))
    for platform, account in skip:
        q = q.where(
            not_(and_(OutboxMessage.platform == platform, OutboxMessage.account == account))
        )
    return list(session.exec(q.order_by(*_ORDER).limit(limit)))


def claim(session: Session, outbox_id: int, now: datetime, lease_until: datetime) -> bool:
    """Take a message for sending; of processes trying at once exactly one gets it."""
    result = session.execute(
        _CLAIM, {"outbox_id": outbox_id, "now": now, "lease_until": lease_until}
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def next_due_by_account(session: Session) -> list[tuple[str, str, datetime]]:
    """For each (platform, account) with something waiting: the earliest time it falls
    due (a message being sent counts from when its lease runs out)."""
    pending = session.execute(
        select(OutboxMessage.platform, OutboxMessage.account, func.min(OutboxMessage.due_at))
        .where(OutboxMessage.status == "pending")
        .group_by(OutboxMessage.platform, OutboxMessage.account)
    ).all()
    leased = session.execute(
        select(OutboxMessage.platform, OutboxMessage.account, func.min(OutboxMessage.lease_until))
        .where(OutboxMessage.status == "sending")
        .group_by(OutboxMessage.platform, OutboxMessage.account)
    ).all()
    return [(p, a, t) for p, a, t in [*pending, *leased] if t is not None]


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ).all()
    return {status: int(n) for status, n in rows}


def mark_sent(
    session: Session, outbox_id: int, now: datetime, platform_message_id: str | None
) -> None:
    session.execute(
        _SENT,
        {"outbox_id": outbox_id, "sent_at": now, "platform_message_id": platform_message_id},
    )


def mark_attempt_failed(
    session: Session, outbox_id: int, error: str, retry_at: datetime | None
) -> None:
    """Count a failed attempt; retry at `retry_at`, or give up (status failed) when None."""
    values: dict[str, object] = {
        "attempts": OutboxMessage.attempts + 1,
        "last_error": error[:500],
        "lease_until": None,
    }
    if retry_at is None:
        values["status"] = "failed"
    else:
        values["status"] = "pending"
        values["due_at"] = retry_at
    session.execute(
        update(OutboxMessage).where(col(OutboxMessage.id) == outbox_id).values(**values)
    )


def find_sent_by_platform_id(
    session: Session, platform: str, platform_message_id: str
) -> OutboxMessage | None:
    return session.exec(
        select(OutboxMessage).where(
            OutboxMessage.platform == platform,
            OutboxMessage.platform_message_id == platform_message_id,
        )
    ).first()
