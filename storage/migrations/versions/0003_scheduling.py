"""scheduling: outbox leases, schedules, job state, quiet hours, task reminders, and the
indexes the figures need

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", storage.types.UTCDateTime(), nullable=True))

    op.create_table(
        "schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("last_tip", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("next_run", storage.types.UTCDateTime(), nullable=True),
        sa.Column("last_run", storage.types.UTCDateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedule_community_id"), ["community_id"])
        batch_op.create_index(batch_op.f("ix_schedule_next_run"), ["next_run"])

    op.create_table(
        "job_state",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("next_run", storage.types.UTCDateTime(), nullable=True),
        sa.Column("last_run", storage.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "quiet_hours",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("start", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("end", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"]),
        sa.PrimaryKeyConstraint("community_id"),
    )
    op.create_table(
        "task_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("ts", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("task_id", "stage"),
    )
    op.create_index("ix_task_community_created", "task", ["community_id", "created_at"])
    op.create_index("ix_task_community_deadline", "task", ["community_id", "deadline"])
    op.create_index("ix_task_event_kind_ts", "task_event", ["kind", "ts"])


def downgrade() -> None:
    op.drop_index("ix_task_event_kind_ts", table_name="task_event")
    op.drop_index("ix_task_community_deadline", table_name="task")
    op.drop_index("ix_task_community_created", table_name="task")
    op.drop_table("task_reminder")
    op.drop_table("quiet_hours")
    op.drop_table("job_state")
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedule_next_run"))
        batch_op.drop_index(batch_op.f("ix_schedule_community_id"))
    op.drop_table("schedule")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
