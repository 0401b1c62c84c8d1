"""The outbox: what the bot is to send, and what became of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.events import Outgoing
from storage.models import OutboxMessage


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


def due_outgoing(session: Session, now: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Pending messages due by `now`, urgent first, then in the order they were queued."""
    return list(
        session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.status == "pending", col(OutboxMessage.due_at) <= now)
            .order_by(col(OutboxMessage.urgent).desc(), OutboxMessage.due_at, OutboxMessage.id)
            .limit(limit)
        )
    )


def next_due_at(session: Session) -> datetime | None:
    return session.exec(
        select(OutboxMessage.due_at)
        .where(OutboxMessage.status == "pending")
        .order_by(OutboxMessage.due_at)
        .limit(1)
    ).first()


def mark_sent(
    session: Session, outbox_id: int, now: datetime, platform_message_id: str | None
) -> None:
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == outbox_id)
        .values(status="sent", sent_at=now, platform_message_id=platform_message_id)
    )


def mark_attempt_failed(
    session: Session, outbox_id: int, error: str, retry_at: datetime | None
) -> None:
    """Count a failed attempt; retry at `retry_at`, or give up (status failed) when None."""
    values: dict[str, object] = {
        "attempts": OutboxMessage.attempts + 1,
        "last_error": error[:500],
    }
    if retry_at is None:
        values["status"] = "failed"
    else:
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
