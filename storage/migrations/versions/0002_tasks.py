"""tasks: the task, its reporters and its history of events

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("building", sa.Integer(), nullable=True),
        sa.Column("unit", sa.Integer(), nullable=True),
        sa.Column("floor", sa.Integer(), nullable=True),
        sa.Column("room", sa.Integer(), nullable=True),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("close_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("claimant_platform", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("claimant_user_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("claimant_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("deadline", storage.types.UTCDateTime(), nullable=True),
        sa.Column("reporters", sa.Integer(), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("repeat_flag", sa.Boolean(), nullable=False),
        sa.Column("source_platform", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("source_chat_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("source_message_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("claimed_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("done_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("accepted_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("closed_at", storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("community_id", "number"),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_community_category_building",
            ["community_id", "category", "building"],
            unique=False,
        )
        batch_op.create_index("ix_task_community_status", ["community_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_status"), ["status"], unique=False)

    op.create_table(
        "task_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("ts", storage.types.UTCDateTime(), nullable=False),
        sa.Column("actor_platform", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("actor_user_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("actor_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("detail", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["task.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("task_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_event_task_id"), ["task_id"], unique=False)

    op.create_table(
        "task_reporter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("platform", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("ts", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["task.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("task_id", "platform", "user_id"),
    )
    with op.batch_alter_table("task_reporter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_reporter_task_id"), ["task_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("task_reporter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_reporter_task_id"))

    op.drop_table("task_reporter")
    with op.batch_alter_table("task_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_event_task_id"))

    op.drop_table("task_event")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_status"))
        batch_op.drop_index("ix_task_community_status")
        batch_op.drop_index("ix_task_community_category_building")

    op.drop_table("task")
