"""An index of reporters by person: what one resident reported (the tasks awaiting their
check, their open reports) is found from their few rows, not by walking every task of
the compound (42,000 in the largest of a district's million).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_task_reporter_person", "task_reporter", ["platform", "user_id", "task_id"])


def downgrade() -> None:
    op.drop_index("ix_task_reporter_person", table_name="task_reporter")
