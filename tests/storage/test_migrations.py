"""Migrations: from empty to head, idempotent, equal to the models, newer refused; a new
database made from the models equals one Alembic migrated."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
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


def migrated_by_alembic(path: Path) -> Database:
    """A new database taken to the head through every migration, as an old one would be."""
    from alembic import command

    from storage.database import _alembic_config

    db = Database(f"sqlite:///{path}")
    command.upgrade(_alembic_config(db.engine), "head")
    return db


def schema(db: Database) -> dict[str, object]:
    """Every table's columns, keys, indexes and constraints, as the database reports them."""
    found: dict[str, object] = {}
    look = inspect(db.engine)
    for table in sorted(look.get_table_names()):
        found[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"), c.get("primary_key"))
                for c in look.get_columns(table)
            ],
            "primary": look.get_pk_constraint(table)["constrained_columns"],
            "foreign": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in look.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in look.get_indexes(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in look.get_unique_constraints(table)),
            "checks": sorted(c["sqltext"] for c in look.get_check_constraints(table)),
        }
    return found


def test_migrated_schema_equals_the_models(tmp_path: Path) -> None:
    db = migrated_by_alembic(tmp_path / "a.db")
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
    db.close()


def test_a_new_database_made_from_the_models_equals_a_migrated_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import alembic.command

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Alembic was asked")

    monkeypatch.setattr(alembic.command, "upgrade", refuse)
    made = fresh(tmp_path)
    made.migrate()
    monkeypatch.undo()
    migrated = migrated_by_alembic(tmp_path / "a.db")
    assert schema(made) == schema(migrated)
    assert "task" in schema(made)
    with made.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
    made.close()
    migrated.close()


def test_a_new_database_half_made_is_left_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.database as database

    monkeypatch.setattr(database, "_STAMP", text("INSERT INTO no_such_table VALUES (1)"))
    db = fresh(tmp_path)
    assert database._create_at_head(db.engine, head_revision()) is False
    assert db.table_names() == []
    monkeypatch.undo()
    db.migrate()  # and the next start makes it whole
    assert current_revision(db.engine) == head_revision()
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
