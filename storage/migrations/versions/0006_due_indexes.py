"""Indexes for the questions asked between messages: the oldest open urgent task (the
urgent re-ask), the oldest task left in done (auto-accept), and a bot message by its
platform id (a quote-reply to the bot's own answer)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_task_status_urgent_created", "task", ["status", "urgent", "created_at"])
    op.create_index("ix_task_status_done", "task", ["status", "done_at"])
    op.create_index("ix_outbox_platform_sent_id", "outbox", ["platform", "platform_message_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_platform_sent_id", table_name="outbox")
    op.drop_index("ix_task_status_done", table_name="task")
    op.drop_index("ix_task_status_urgent_created", table_name="task")
