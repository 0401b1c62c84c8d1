"""An index of tasks by holder: whether the sender of a plain 修好了 or 师傅明天来换 holds a
task is asked of many messages, and is found from that person's rows, not from every task
of the compound being handled.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_task_claimant", "task", ["claimant_platform", "claimant_user_id", "status"]
    )


def downgrade() -> None:
    op.drop_index("ix_task_claimant", table_name="task")
