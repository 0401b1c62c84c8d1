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


def test_the_head_read_from_the_files_is_alembics(tmp_path: Path) -> None:
    from storage.database import known_head

    assert known_head() == head_revision()


def test_a_database_at_the_head_opens_without_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh(tmp_path)
    first.migrate()
    first.close()
    head = head_revision()
    import alembic.command
    from alembic.script import ScriptDirectory

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Alembic was asked")

    monkeypatch.setattr(alembic.command, "upgrade", refuse)
    monkeypatch.setattr(ScriptDirectory, "from_config", refuse)
    db = fresh(tmp_path)
    db.migrate()
    monkeypatch.undo()
    assert current_revision(db.engine) == head
    db.close()


def test_a_database_behind_the_head_is_upgraded(tmp_path: Path) -> None:
    db = fresh(tmp_path)
    db.migrate()
    with db.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_task_claimant"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    db.close()
    again = fresh(tmp_path)
    again.migrate()
    assert current_revision(again.engine) == head_revision()
    with again.engine.connect() as conn:
        names = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(task)")}
    assert "ix_task_claimant" in names
    again.close()
