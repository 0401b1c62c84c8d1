"""What the database tells its listeners of each commit: the table, the kind of write,
the columns an UPDATE sets and the values an INSERT binds; nothing of a rollback."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text, update
from sqlmodel import col

from storage.database import Database, Write
from storage.models import Community, Task

NOW = datetime(2026, 3, 16, 1, 0, tzinfo=UTC)


@pytest.fixture
def db() -> Database:
    db = Database("sqlite://")
    db.migrate()
    with db.session() as s:
        s.add(Community(name="锦春小区", created_at=NOW))
    return db


def heard(db: Database, tables: tuple[str, ...] = ("task", "task_reminder")) -> list[Write]:
    got: list[Write] = []
    db.listen(tables, got.extend)
    return got


def test_an_insert_tells_the_values_of_its_row(db: Database) -> None:
    got = heard(db)
    with db.session() as s:
        s.add(Task(community_id=1, number=1, urgent=True, created_at=NOW, updated_at=NOW))
    assert [(w.table, w.op) for w in got] == [("task", "insert")]
    rows = got[0].rows
    assert rows is not None and len(rows) == 1
    assert rows[0]["urgent"] is True and rows[0]["status"] == "open"
    assert rows[0]["created_at"] == NOW


def test_an_update_tells_the_columns_it_sets(db: Database) -> None:
    with db.session() as s:
        s.add(Task(community_id=1, number=1, created_at=NOW, updated_at=NOW))
    got = heard(db)
    with db.session() as s:
        s.execute(
            update(Task)
            .where(col(Task.id) == 1, Task.status == "open")
            .values(status="claimed", reporters=col(Task.reporters) + 1)
        )
        task = s.get(Task, 1)
        assert task is not None
        task.summary = "电梯"
        s.add(task)
    assert [(w.op, w.columns) for w in got] == [
        ("update", frozenset({"status", "reporters"})),
        ("update", frozenset({"summary"})),
    ]


def test_what_cannot_be_told_is_left_unknown(db: Database) -> None:
    got = heard(db)
    with db.session() as s:
        s.execute(
            text(
                "INSERT OR IGNORE INTO task (community_id, number, category, urgent, summary, "
                "text, status, close_reason, reporters, repeat_flag, source_platform, "
                "created_at, updated_at) VALUES (1, 1, 'other', 1, '', '', 'open', '', 1, 0, "
                "'', '2026-03-16 01:00:00', '2026-03-16 01:00:00')"
            )
        )
        s.execute(text("DELETE FROM task_reminder"))
    assert got == [Write("task", "insert"), Write("task_reminder", "delete")]


def test_a_rollback_tells_nothing_and_other_tables_are_not_told(db: Database) -> None:
    got = heard(db, ("task",))
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Task(community_id=1, number=1, created_at=NOW, updated_at=NOW))
        s.flush()
        raise RuntimeError
    with db.session() as s:
        s.add(Community(name="春江小区", created_at=NOW))
    assert got == []
    assert db.version_of("community", "task") == (2, 0)
