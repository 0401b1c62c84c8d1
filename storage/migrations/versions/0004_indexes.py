"""indexes for a district's data: the figures read from covering indexes, /任务 and the
overdue count from (community, status, deadline); each replaces its narrower prefix

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FIGURES_REPORTED = [
    "community_id",
    "created_at",
    "merged_into",
    "claimed_at",
    "done_at",
    "status",
    "repeat_flag",
]
FIGURES_DUE = ["community_id", "deadline", "status", "done_at"]


def upgrade() -> None:
    op.create_index(
        "ix_task_community_status_deadline", "task", ["community_id", "status", "deadline"]
    )
    op.create_index("ix_task_community_created_figures", "task", FIGURES_REPORTED)
    op.create_index("ix_task_community_deadline_figures", "task", FIGURES_DUE)
    op.create_index("ix_task_event_kind_ts_task", "task_event", ["kind", "ts", "task_id"])
    op.drop_index("ix_task_community_status", table_name="task")
    op.drop_index("ix_task_community_created", table_name="task")
    op.drop_index("ix_task_community_deadline", table_name="task")
    op.drop_index("ix_task_event_kind_ts", table_name="task_event")


def downgrade() -> None:
    op.create_index("ix_task_event_kind_ts", "task_event", ["kind", "ts"])
    op.create_index("ix_task_community_deadline", "task", ["community_id", "deadline"])
    op.create_index("ix_task_community_created", "task", ["community_id", "created_at"])
    op.create_index("ix_task_community_status", "task", ["community_id", "status"])
    op.drop_index("ix_task_event_kind_ts_task", table_name="task_event")
    op.drop_index("ix_task_community_deadline_figures", table_name="task")
    op.drop_index("ix_task_community_created_figures", table_name="task")
    op.drop_index("ix_task_community_status_deadline", table_name="task")
