"""/任务 ranked in the database: (community, status, deadline) grows the columns the list
is ordered by, so the ranking reads the index alone and only the rows shown are loaded;
the overdue count keeps its prefix

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LIST = ["community_id", "status", "deadline", "urgent", "created_at", "updated_at", "number"]


def upgrade() -> None:
    op.create_index("ix_task_community_status_list", "task", LIST)
    op.drop_index("ix_task_community_status_deadline", table_name="task")


def downgrade() -> None:
    op.create_index(
        "ix_task_community_status_deadline", "task", ["community_id", "status", "deadline"]
    )
    op.drop_index("ix_task_community_status_list", table_name="task")
