"""The tables. Nothing but table definitions lives here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime

ROLES = ("resident", "party", "property", "secretary", "admin")


def _ts(nullable: bool = False, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Community(SQLModel, table=True):
    """A residential compound (小区) and its settings."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    street: str = Field(default="", max_length=100)
    next_task_number: int = Field(default=1)
    deadline_days: int | None = Field(default=None)
    created_at: datetime = Field(sa_column=_ts())


class ChatGroup(SQLModel, table=True):
    """A chat group on one platform, bound to a compound."""

    __tablename__ = "chat_group"
    __table_args__ = (UniqueConstraint("platform", "chat_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    chat_id: str = Field(max_length=128)
    community_id: int = Field(foreign_key="community.id", index=True)
    account: str = Field(default="", max_length=128)
    created_at: datetime = Field(sa_column=_ts())


class Member(SQLModel, table=True):
    """A person with a role in a compound, known by platform user id (never by name).

    Admins (街道/区) have no compound: they act in all of them."""

    __table_args__ = (UniqueConstraint("platform", "user_id", "community_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    user_id: str = Field(max_length=128, index=True)
    name: str = Field(default="", max_length=100)
    role: str = Field(max_length=16)
    community_id: int | None = Field(default=None, foreign_key="community.id", index=True)
    created_at: datetime = Field(sa_column=_ts())


class Message(SQLModel, table=True):
    """Every message received, once per platform message id."""

    __table_args__ = (UniqueConstraint("platform", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    message_id: str = Field(max_length=128)
    chat_id: str | None = Field(default=None, max_length=128)
    user_id: str = Field(max_length=128)
    user_name: str = Field(default="", max_length=100)
    text: str
    reply_to: str | None = Field(default=None, max_length=128)
    community_id: int | None = Field(default=None, foreign_key="community.id")
    task_id: int | None = Field(default=None, index=True)
    ts: datetime = Field(sa_column=_ts())


class OutboxMessage(SQLModel, table=True):
    """A message to send: written in the same transaction as the change that caused it,
    then marked sent once the platform took it."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    account: str = Field(default="", max_length=128)
    chat_id: str | None = Field(default=None, max_length=128)
    user_id: str | None = Field(default=None, max_length=128)
    text: str
    mentions: str = Field(default="")  # user ids separated by "\n"
    urgent: bool = Field(default=False)
    task_id: int | None = Field(default=None)
    dedupe_key: str | None = Field(default=None, unique=True, max_length=200)
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = Field(default=0)
    last_error: str = Field(default="")
    platform_message_id: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(sa_column=_ts())
    due_at: datetime = Field(sa_column=_ts(index=True))
    sent_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
