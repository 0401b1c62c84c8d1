"""The tables. Nothing but table definitions lives here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
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
    lease_until: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


TASK_STATUSES = ("open", "claimed", "done", "accepted", "closed")


class Task(SQLModel, table=True):
    """A problem reported in a compound, numbered per compound from 1, and its state."""

    __table_args__ = (
        UniqueConstraint("community_id", "number"),
        Index(  # /任务 ranks from this index alone; the overdue count uses its prefix (0005)
            "ix_task_community_status_list",
            "community_id",
            "status",
            "deadline",
            "urgent",
            "created_at",
            "updated_at",
            "number",
        ),
        Index("ix_task_community_category_building", "community_id", "category", "building"),
    )

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id")
    number: int
    category: str = Field(default="other", max_length=32)
    urgent: bool = Field(default=False)
    building: int | None = Field(default=None)
    unit: int | None = Field(default=None)
    floor: int | None = Field(default=None)
    room: int | None = Field(default=None)
    place: str | None = Field(default=None, max_length=100)
    summary: str = Field(default="", max_length=200)
    text: str = Field(default="")
    status: str = Field(default="open", max_length=16, index=True)
    close_reason: str = Field(default="", max_length=500)
    claimant_platform: str | None = Field(default=None, max_length=16)
    claimant_user_id: str | None = Field(default=None, max_length=128)
    claimant_name: str | None = Field(default=None, max_length=100)
    deadline: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    reporters: int = Field(default=1)
    merged_into: int | None = Field(default=None)
    repeat_flag: bool = Field(default=False)
    source_platform: str = Field(default="", max_length=16)
    source_chat_id: str | None = Field(default=None, max_length=128)
    source_message_id: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(sa_column=_ts())
    updated_at: datetime = Field(sa_column=_ts())
    claimed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    done_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    accepted_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class TaskReporter(SQLModel, table=True):
    """One person who reported a task; the same person reporting twice counts once."""

    __tablename__ = "task_reporter"
    __table_args__ = (UniqueConstraint("task_id", "platform", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    platform: str = Field(max_length=16)
    user_id: str = Field(max_length=128)
    name: str = Field(default="", max_length=100)
    message_id: str | None = Field(default=None, max_length=128)
    ts: datetime = Field(sa_column=_ts())


class TaskEvent(SQLModel, table=True):
    """One change of a task: who did what, when (kind: reported, merged, claimed, ...)."""

    __tablename__ = "task_event"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    ts: datetime = Field(sa_column=_ts())
    actor_platform: str = Field(default="", max_length=16)
    actor_user_id: str = Field(default="", max_length=128)
    actor_name: str = Field(default="", max_length=100)
    kind: str = Field(max_length=32)
    detail: str = Field(default="")


# Scheduling (notices, tips, reminders) and the indexes the figures need.

# Covering: /统计 over many compounds reads these columns from the index alone (0004).
Index(
    "ix_task_community_created_figures",
    Task.community_id,  # type: ignore[arg-type]
    Task.created_at,  # type: ignore[arg-type]
    Task.merged_into,  # type: ignore[arg-type]
    Task.claimed_at,  # type: ignore[arg-type]
    Task.done_at,  # type: ignore[arg-type]
    Task.status,  # type: ignore[arg-type]
    Task.repeat_flag,  # type: ignore[arg-type]
)
Index(
    "ix_task_community_deadline_figures",
    Task.community_id,  # type: ignore[arg-type]
    Task.deadline,  # type: ignore[arg-type]
    Task.status,  # type: ignore[arg-type]
    Task.done_at,  # type: ignore[arg-type]
)
Index("ix_task_event_kind_ts_task", TaskEvent.kind, TaskEvent.ts, TaskEvent.task_id)  # type: ignore[arg-type]
# The scheduler's due times and a quote-reply to the bot's own message (0006).
Index("ix_task_status_urgent_created", Task.status, Task.urgent, Task.created_at)  # type: ignore[arg-type]
Index("ix_task_status_done", Task.status, Task.done_at)  # type: ignore[arg-type]
Index(
    "ix_outbox_platform_sent_id",
    OutboxMessage.platform,  # type: ignore[arg-type]
    OutboxMessage.platform_message_id,  # type: ignore[arg-type]
)
# What one person reported, from their own rows (0007).
Index(
    "ix_task_reporter_person",
    TaskReporter.platform,  # type: ignore[arg-type]
    TaskReporter.user_id,  # type: ignore[arg-type]
    TaskReporter.task_id,  # type: ignore[arg-type]
)


class Schedule(SQLModel, table=True):
    """A notice or care tip sent to every group of a compound on a rule (每周一 09:00 …)."""

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    kind: str = Field(max_length=16)  # tip or notice
    rule: str = Field(max_length=64)
    text: str = Field(default="")
    last_tip: str = Field(default="", max_length=64)
    next_run: datetime | None = Field(default=None, sa_column=_ts(nullable=True, index=True))
    last_run: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    active: bool = Field(default=True)
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = Field(sa_column=_ts())


class JobState(SQLModel, table=True):
    """When a code-defined job runs next; advancing it claims the run (one process only)."""

    __tablename__ = "job_state"

    name: str = Field(primary_key=True, max_length=64)
    next_run: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    last_run: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class QuietHours(SQLModel, table=True):
    """A compound's own quiet hours (else the settings' 22:00–08:00)."""

    __tablename__ = "quiet_hours"

    community_id: int = Field(primary_key=True, foreign_key="community.id")
    start: str = Field(max_length=5)
    end: str = Field(max_length=5)


class TaskReminder(SQLModel, table=True):
    """One reminder sent about a task at one stage (3 days, 1 day, overdue on a date,
    urgent re-ask); unique, so no stage is ever sent twice."""

    __tablename__ = "task_reminder"
    __table_args__ = (UniqueConstraint("task_id", "stage"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    stage: str = Field(max_length=32)
    ts: datetime = Field(sa_column=_ts())
# What one person holds, from their own rows (0008).
Index(
    "ix_task_claimant",
    Task.claimant_platform,  # type: ignore[arg-type]
    Task.claimant_user_id,  # type: ignore[arg-type]
    Task.status,  # type: ignore[arg-type]
)
