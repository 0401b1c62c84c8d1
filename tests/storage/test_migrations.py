"""Migrations: from empty to head, idempotent, equal to the models, newer refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.database import Database, DatabaseError, current_revision, head_revision


def fresh(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'm.db'}")


def test_upgrade_from_empty_reaches_head_and_has_the_task_tables(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    db.migrate()
    assert current_revision(db.engine) == head_revision()
    assert {"task", "task_reporter", "task_event"} <= set(db.table_names())
    db.close()


def test_running_again_changes_nothing(tmp_path: Path) -> None:
    first = fresh(tmp_path)
    first.migrate()
    first.close()
    db = fresh(tmp_path)
    db.migrate()
    assert current_revision(db.engine) == head_revision()
    db.close()


def test_migrated_schema_equals_the_models(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    db.migrate()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
    db.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    db.migrate()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    restarted = fresh(tmp_path)
    with pytest.raises(DatabaseError, match="newer"):
        restarted.migrate()
    restarted.close()
