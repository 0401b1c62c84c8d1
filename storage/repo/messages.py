"""The log of received messages: one row per platform message id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from bot.events import Event
from storage.database import Plain
from storage.models import Message


def _log_statement(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id, built once per dialect: building it
    for every message cost more than running it."""
    table = Message.__table__  # type: ignore[attr-defined]
    if dialect == "sqlite":
        stmt = sqlite_insert(table).on_conflict_do_nothing()
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt = pg_insert(table).on_conflict_do_nothing()
    else:
        stmt = insert(table)
    return stmt.returning(table.c.id)


_LOG_STATEMENTS: dict[str, Any] = {}
_TABLE = Message.__table__  # type: ignore[attr-defined]
_MAPPER = sa_inspect(Message)
_SET_TASK = Plain(
    update(_TABLE).where(_TABLE.c.id == bindparam("b_id")).values(task_id=bindparam("b_task"))
)


_COLUMNS = (
    "platform",
    "message_id",
    "chat_id",
    "user_id",
    "user_name",
    "text",
    "reply_to",
    "community_id",
    "task_id",
    "ts",
)
_LOG_SQLITE = Plain(_log_statement("sqlite"), _COLUMNS)


def log_message(session: Session, event: Event, community_id: int | None) -> int | None:
    """Store a received message; its row id, or None when this id was already stored."""
    # Core on the session's connection (same transaction): through session.execute the
    # ORM layer cost four times the statement itself. On SQLite it runs as its compiled
    # SQL (see Plain).
    conn = session.connection()
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
    dialect = conn.dialect.name
    if dialect == "sqlite":
        logged = _LOG_SQLITE.first(conn, values)
        return None if logged is None else int(logged["id"])
    stmt = _LOG_STATEMENTS.get(dialect)
    if stmt is None:
        stmt = _LOG_STATEMENTS[dialect] = _log_statement(dialect)
    row = conn.execute(stmt, values).first()
    return None if row is None else int(row[0])


def find_message(session: Session, platform: str, message_id: str) -> Message | None:
    return session.exec(
        select(Message).where(Message.platform == platform, Message.message_id == message_id)
    ).first()


def set_message_task(session: Session, message_row_id: int, task_id: int) -> None:
    """Remember which task a message created or joined (for quote-reply claims)."""
    _SET_TASK.execute(session.connection(), {"b_id": message_row_id, "b_task": task_id})
    held = session.identity_map.get(_MAPPER.identity_key_from_primary_key((message_row_id,)))
    if held is not None:  # a Message loaded in this session stays in step with its row
        set_committed_value(held, "task_id", task_id)


def messages_before(
    session: Session, platform: str, chat_id: str, row_id: int, most: int = 5
) -> list[Message]:
    """The messages received in the same chat just before the one stored as `row_id`,
    latest first (a few)."""
    return list(
        session.exec(
            select(Message)
            .where(Message.platform == platform, Message.chat_id == chat_id, col(Message.id) < row_id)
            .order_by(col(Message.id).desc())
            .limit(most)
        )
    )
