"""What the database tells its listeners of each commit: the table, the kind of write,
the columns an UPDATE sets and the values an INSERT binds; nothing of a rollback. And
that sessions commit what they should, nested, in threads and beside another process."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import bindparam, insert, text, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from storage.database import Database, Plain, Write
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


def _names(db: Database) -> list[str]:
    with db.session() as s:
        return [c.name for c in s.exec(select(Community))]


def test_a_plain_statement_stores_and_reads_what_core_would_and_is_told(db: Database) -> None:
    table = Task.__table__  # type: ignore[attr-defined]
    later = datetime(2026, 3, 17, 9, 30, tzinfo=UTC)
    with db.session() as s:
        s.add(Task(community_id=1, number=1, created_at=NOW, updated_at=NOW))
    got = heard(db)
    touch = Plain(
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.status == "open")
        .values(updated_at=bindparam("b_now"), urgent=True)
        .returning(table.c.updated_at, table.c.urgent)
    )
    row = Plain(core_select(table).where(table.c.id == bindparam("b_id")))
    with db.begin() as conn:
        assert touch.first(conn, {"b_id": 1, "b_now": later}) == {
            "updated_at": later,
            "urgent": True,
        }
        assert touch.first(conn, {"b_id": 2, "b_now": later}) is None
        plain = row.first(conn, {"b_id": 1})
        core = conn.execute(row.stmt, {"b_id": 1}).mappings().one()
        stored = conn.execute(text("SELECT updated_at FROM task WHERE id = 1")).scalar_one()
    assert plain == dict(core) and plain["updated_at"] == later
    assert stored == "2026-03-17 09:30:00.000000"  # as Core stores it
    assert [(w.op, w.columns) for w in got] == [("update", frozenset({"updated_at", "urgent"}))] * 2


def test_a_plain_select_of_many_rows_gives_what_core_gives(db: Database) -> None:
    table = Task.__table__  # type: ignore[attr-defined]
    later = datetime(2026, 3, 17, 9, 30, tzinfo=UTC)
    with db.session() as s:
        for number, when in ((1, NOW), (2, later), (3, NOW)):
            s.add(Task(community_id=1, number=number, created_at=when, updated_at=when))
    some = Plain(
        core_select(table.c.number, table.c.updated_at, table.c.urgent)
        .where(table.c.community_id == bindparam("b_c"), table.c.number >= bindparam("b_from"))
        .order_by(table.c.number.desc())
    )
    with db.begin() as conn:
        plain = some.all(conn, {"b_c": 1, "b_from": 2})
        core = [tuple(r) for r in conn.execute(some.stmt, {"b_c": 1, "b_from": 2})]
        assert some.all(conn, {"b_c": 2, "b_from": 1}) == []
    assert plain == core == [(3, NOW, False), (2, later, False)]


def test_the_columns_an_update_sets_are_read_once_per_statement(db: Database) -> None:
    from storage.database import _set_columns

    got = heard(db)
    with db.session() as s:
        s.add(Task(community_id=1, number=1, created_at=NOW, updated_at=NOW))
    before = _set_columns.cache_info().hits
    for _ in range(3):
        with db.begin() as conn:
            conn.execute(text("UPDATE task SET urgent = 1, updated_at = updated_at WHERE id = 1"))
    assert [w.columns for w in got[1:]] == [frozenset({"urgent", "updated_at"})] * 3
    assert _set_columns.cache_info().hits - before == 2


def test_a_plain_insert_tells_its_row_and_a_broken_rule_is_sqlalchemys_error(
    db: Database,
) -> None:
    table = Task.__table__  # type: ignore[attr-defined]
    row = {
        **{c: "" for c in ("summary", "text", "close_reason", "source_platform")},
        **{"community_id": 1, "number": 7, "category": "water", "urgent": True},
        **{"status": "open", "reporters": 1, "repeat_flag": False},
        **{"created_at": NOW, "updated_at": NOW},
    }
    add = Plain(insert(table), list(row))
    got = heard(db)
    with db.session() as s:
        add.execute(s.connection(), row)
    assert [(w.table, w.op) for w in got] == [("task", "insert")]
    assert got[0].rows is not None and got[0].rows[0]["number"] == 7
    assert got[0].rows[0]["created_at"] == NOW  # as bound, before the column's conversion
    with pytest.raises(IntegrityError), db.session() as s:  # (community_id, number) is unique
        add.execute(s.connection(), row)
    with pytest.raises(IntegrityError), db.session() as s:  # no such compound
        add.execute(s.connection(), {**row, "community_id": 99, "number": 8})
    assert len(got) == 1  # the failed writes were rolled back and told nothing
    with db.session() as s:  # and the connection kept for sessions still works
        assert [t.number for t in s.exec(select(Task))] == [7]


def test_sessions_one_after_another_and_nested_each_commit_their_own(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'one.db'}")
    db.migrate()
    with db.session() as outer:
        outer.add(Community(name="甲", created_at=NOW))
        with db.session() as inner:
            inner.add(Community(name="乙", created_at=NOW))
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Community(name="丙", created_at=NOW))
        s.flush()
        raise RuntimeError
    with db.session() as s:
        s.add(Community(name="丁", created_at=NOW))
    assert sorted(_names(db)) == ["丁", "乙", "甲"]
    db.close()


def test_between_sessions_another_process_can_write_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    first, second = Database(url), Database(url)
    first.migrate()
    with first.session() as s:
        s.add(Community(name="甲", created_at=NOW))
    with first.session() as s:
        assert [c.name for c in s.exec(select(Community))] == ["甲"]
    with second.session() as s:
        s.execute(text("PRAGMA busy_timeout=0"))  # a lock still held would fail here
        s.add(Community(name="乙", created_at=NOW))
    assert sorted(_names(first)) == ["乙", "甲"]
    first.close()
    second.close()


def test_a_session_in_another_thread_works_beside_this_one(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'threads.db'}")
    db.migrate()
    with db.session() as s:
        s.add(Community(name="甲", created_at=NOW))

    def other() -> None:
        with db.session() as s:
            s.add(Community(name="乙", created_at=NOW))

    worker = threading.Thread(target=other)
    worker.start()
    worker.join()
    assert sorted(_names(db)) == ["乙", "甲"]
    db.close()


def test_a_core_transaction_commits_or_rolls_back_and_its_writes_are_told(
    tmp_path: Path,
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'core.db'}")
    db.migrate()
    got = heard(db, ("community",))
    insert = text(
        "INSERT INTO community (name, street, next_task_number, deadline_days, "
        "created_at) VALUES (:n, '', 1, 3, '2026-03-16 01:00:00')"
    )
    with db.begin() as conn:
        conn.execute(insert, {"n": "甲"})
    with pytest.raises(RuntimeError), db.begin() as conn:
        conn.execute(insert, {"n": "乙"})
        raise RuntimeError
    with db.session() as s:
        s.add(Community(name="丙", created_at=NOW))
        with db.begin() as conn:  # beside an open session: a connection of its own
            conn.execute(insert, {"n": "丁"})
    assert sorted(_names(db)) == ["丁", "丙", "甲"]
    assert [w.op for w in got] == ["insert", "insert", "insert"]
    db.close()
