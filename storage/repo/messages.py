"""The log of received messages: one row per platform message id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from bot.events import Event
from storage.models import Message


def _log_statement(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id, built once per dialect: building it
    for every message cost more than running it."""
    table = Message.__table__  # type: ignore[attr-defined]
    if dialect == "sqlite":
        stmt = sqlite_insert(table).on_conflict_do_nothing()
    elif dialect == "postgresql":
        stmt = pg_insert(table).on_conflict_do_nothing()
    else:
        stmt = insert(table)
    return stmt.returning(table.c.id)


_LOG_STATEMENTS: dict[str, Any] = {}


def log_message(session: Session, event: Event, community_id: int | None) -> int | None:
    """Store a received message; its row id, or None when this id was already stored."""
    dialect = session.get_bind().dialect.name
    stmt = _LOG_STATEMENTS.get(dialect)
    if stmt is None:
        stmt = _LOG_STATEMENTS[dialect] = _log_statement(dialect)
    values = {
        "platform": event.platform,
        "message_id": event.message_id,
        "chat_id": event.chat_id,
        "user_id": event.user_id,
        "user_name": event.user_name[:100],
        "text": event.text,
        "reply_to": event.reply_to,
        "community_id": community_id,
        "task_id": None,
        "ts": event.ts,
    }
    row = session.execute(stmt, values).first()
    return None if row is None else int(row[0])


def find_message(session: Session, platform: str, message_id: str) -> Message | None:
    return session.exec(
        select(Message).where(Message.platform == platform, Message.message_id == message_id)
    ).first()


def set_message_task(session: Session, message_row_id: int, task_id: int) -> None:
    """Remember which task a message created or joined (for quote-reply claims)."""
    session.execute(
        update(Message).where(col(Message.id) == message_row_id).values(task_id=task_id)
    )
