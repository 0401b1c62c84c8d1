"""The engine, the per-event session, and schema migrations (Alembic, run on start).

Sessions are synchronous on purpose: on SQLite an insert and commit costs ~140 µs through
a sync session but ~740 µs through aiosqlite's thread hop (measured on the project
machine), and the pipeline has a budget of 0.5 ms per message. Every transaction runs
under one asyncio lock per process (see bot/middlewares.py), so a blocking call never
waits on another transaction of the same process."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(RuntimeError):
    """The database cannot be used; the message is one line for the operator."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # The commit that pushes the WAL past this many pages copies them back into the
    # database file and stalls for milliseconds. At 4,000 pages (16 MB of WAL) instead of
    # SQLite's 1,000 a hot page is copied back once for four times as many commits: the
    # pipeline benchmark's p99 went from 4.4 ms to 3.1 ms at the same throughput.
    cur.execute("PRAGMA wal_autocheckpoint=4000")
    cur.close()


def missing_sqlite_file(url: str) -> str | None:
    """The path of the SQLite file `url` names when that file does not exist (a command that
    only reads must not create an empty database from a mistyped path); else None."""
    try:
        parsed = make_url(url)
    except Exception:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return None if Path(parsed.database).is_file() else parsed.database


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"DATABASE_URL is not a database URL: {url!r}") from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            folder = Path(database).expanduser().resolve().parent
            if not folder.is_dir():
                raise DatabaseError(f"database folder does not exist: {folder}")
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise DatabaseError(f"cannot use DATABASE_URL {url!r}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest migration this code knows."""
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None)  # type: ignore[arg-type]
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*(?::[^=\n]*)?=\s*(?:"([^"\n]*)"|None)', re.M)


def known_head() -> str | None:
    """The newest migration, read from the revision lines of the migration files without
    Alembic; None when they do not make one chain (then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text("utf-8")))
        if not found.get("revision"):
            return None
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database; None when it records none or cannot be read
    (a new database, one not ours, or none reachable: Alembic then says which)."""
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    except SQLAlchemyError:
        return None
    return None if row is None else str(row[0])


def migrate(engine: Engine) -> None:
    """Bring the schema up to date; refuse a database made by a newer weizhili. A database
    already at the newest migration is told from one query: importing Alembic and walking
    its scripts took a quarter of a second of every start; a new, empty one is made from the
    models (_create_at_head); any other goes through Alembic."""
    head = known_head()
    if head is not None and _stored_revision(engine) == head:
        return
    if head is not None and _create_at_head(engine, head):
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(engine)
    try:
        current = current_revision(engine)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot open the database: {getattr(exc, 'orig', exc)}") from exc
    scripts = ScriptDirectory.from_config(cfg)
    if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
        raise DatabaseError(
            f"the database has schema revision {current}, newer than this weizhili knows "
            f"({scripts.get_current_head()}); upgrade weizhili"
        )
    if current == scripts.get_current_head():
        return
    try:
        command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot migrate the database: {getattr(exc, 'orig', exc)}") from exc
    log.info("database schema upgraded from %s to %s", current, scripts.get_current_head())


_VERSION_TABLE = text(
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)
_STAMP = text("INSERT INTO alembic_version (version_num) VALUES (:head)")


@contextmanager
def _all_or_nothing(engine: Engine) -> Iterator[Connection]:
    """A connection whose statements, CREATE TABLE included, are committed together at the
    end of the block or not at all."""
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            with conn.begin():
                yield conn
            return
        # Python's sqlite3 commits before each CREATE on its own; SQLite's BEGIN holds them.
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")


def _create_at_head(engine: Engine, head: str) -> bool:
    """Make an empty database's tables from the models and record it at `head`, as Alembic's
    cookbook advises for a new database ("create_all, then stamp"): walking every migration
    took Alembic 10 MB more resident memory (it stays imported) and 0.2 s of the first
    start. tests/storage/test_migrations.py holds the two ways to the same schema. One
    transaction: a database left half made by a crash is empty again. False when the
    database is not empty (or cannot be read: Alembic then says why)."""
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (registers the tables)

    try:
        with _all_or_nothing(engine) as conn:
            if inspect(conn).get_table_names():
                return False
            SQLModel.metadata.create_all(conn)
            conn.execute(_VERSION_TABLE)
            conn.execute(_STAMP, {"head": head})
    except SQLAlchemyError:
        return False
    log.info("new database created at schema revision %s", head)
    return True


class Plain:
    """A Core statement that runs on SQLite as its compiled SQL (on other databases as
    Core). Building the execution of a compiled statement cost SQLAlchemy 10-20 µs, more
    than SQLite took to run it. Values pass through the columns' own conversions both
    ways, and the engine's events (the write tracking below) still see each statement.

    `column_keys`: for an INSERT, the columns bound, in order, as for `compile`."""

    def __init__(self, stmt: Any, column_keys: Sequence[str] | None = None) -> None:
        self.stmt = stmt
        self._column_keys = list(column_keys) if column_keys is not None else None
        # SQL; each parameter's key, fixed value and conversion; result keys, conversions.
        self._sqlite: tuple[str, tuple[tuple[str, Any, Any], ...], tuple[Any, ...]] | None = None
        self._keys: tuple[str, ...] | None = None

    def _prepare(
        self, dialect: Any
    ) -> tuple[str, tuple[tuple[str, Any, Any], ...], tuple[Any, ...]]:
        compiled = self.stmt.compile(dialect=dialect, column_keys=self._column_keys)
        slots = []
        for name in compiled.positiontup or ():
            bind = compiled.binds[name]
            if bind.expanding:
                raise RuntimeError(f"an expanding parameter cannot run as plain SQL: {name}")
            convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
            fixed = bind.effective_value if not bind.required else _REQUIRED
            slots.append((name, fixed, convert))
        columns = list(self.stmt.exported_columns)  # a SELECT's, or what DML returns
        self._keys = tuple(c.key for c in columns)
        results = tuple(
            c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
        )
        self._sqlite = (compiled.string, tuple(slots), results)
        return self._sqlite

    def _run(
        self, conn: Connection, params: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> Any:
        """Run on the SQLite driver connection under `conn`, in its transaction; the
        driver's cursor. The engine's before_cursor_execute listeners are told of it as
        of any statement, and a driver error is raised as SQLAlchemy's exception for it."""
        sql, slots, _ = self._sqlite or self._prepare(conn.dialect)
        rows = [params] if isinstance(params, Mapping) else params
        values = []
        bound = []
        for row in rows:
            named = {
                name: row[name] if fixed is _REQUIRED else row.get(name, fixed)
                for name, fixed, _ in slots
            }
            bound.append(named)
            values.append(
                tuple(named[n] if convert is None else convert(named[n]) for n, _, convert in slots)
            )
        many = len(values) != 1
        if not conn.in_transaction():
            conn.begin()  # as `execute` would begin one
        cursor = conn.connection.driver_connection.cursor()
        if conn._has_events or conn.engine._has_events:
            conn.dispatch.before_cursor_execute(
                conn, cursor, sql, values if many else values[0], _Bound(bound), many
            )
        try:
            if many:
                cursor.executemany(sql, values)
            else:
                cursor.execute(sql, values[0])
        except sqlite3.Error as exc:
            cursor.close()
            raise DBAPIError.instance(sql, values, exc, sqlite3.Error) from exc
        return cursor

    def _mapping(self, cursor: Any) -> dict[str, Any] | None:
        row = cursor.fetchone()
        cursor.close()
        if row is None:
            return None
        assert self._sqlite is not None and self._keys is not None
        if len(self._keys) != len(row):
            raise RuntimeError(f"unexpected result columns of {self._sqlite[0]!r}")
        return {
            key: value if convert is None else convert(value)
            for key, value, convert in zip(self._keys, row, self._sqlite[2], strict=True)
        }

    def execute(
        self, conn: Connection, params: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> None:
        """Run the statement (once per mapping when given several)."""
        if conn.dialect.name != "sqlite":
            conn.execute(self.stmt, params)
        else:
            self._run(conn, params).close()

    def first(self, conn: Connection, params: Mapping[str, Any]) -> dict[str, Any] | None:
        """The first row the statement returns, by column key; None when none."""
        if conn.dialect.name != "sqlite":
            row = conn.execute(self.stmt, params).mappings().first()
            return None if row is None else dict(row)
        return self._mapping(self._run(conn, params))

    def all(self, conn: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row the statement returns, as tuples in the order of its columns."""
        if conn.dialect.name != "sqlite":
            return [tuple(row) for row in conn.execute(self.stmt, params)]
        cursor = self._run(conn, params)
        rows = cursor.fetchall()
        cursor.close()
        assert self._sqlite is not None
        converts = self._sqlite[2]
        if not any(converts):
            return rows  # type: ignore[no-any-return]
        return [
            tuple(v if f is None else f(v) for v, f in zip(row, converts, strict=True))
            for row in rows
        ]


T = TypeVar("T")
_REQUIRED = object()


def detached(model: type[T], row: Mapping[str, Any]) -> T:
    """A model object of a row read with Core, detached and clean, as a query would have
    loaded it; without the model's constructor (whose checks cost more than the query)."""
    obj: T = manager_of_class(model).new_instance()
    obj.__dict__.update(row)
    make_transient_to_detached(obj)
    return obj


class _Bound:
    """What the engine's before_cursor_execute listeners read of a statement run
    directly on the driver: the values bound to each row, by parameter name."""

    __slots__ = ("compiled_parameters",)

    def __init__(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.compiled_parameters = rows


# A write to any other table may change what scheduled work is due or who is who.
UNTRACKED_TABLES = frozenset({"message", "outbox"})
_WRITE = re.compile(
    r"^\s*(INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[\"`]?(\w+)",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\s*UPDATE\s+community\s+SET\s+next_task_number\s*=", re.IGNORECASE)
_SET = re.compile(r"\sSET\s(.*?)(?:\sWHERE\s|\sRETURNING\s|\sFROM\s|$)", re.IGNORECASE | re.DOTALL)
_ASSIGNED = re.compile(r"(?:^|[\s,(])[\"`]?(\w+)[\"`]?\s*=")
_UPSERT = re.compile(r"\sON\s+(?:CONFLICT|DUPLICATE)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Write:
    """One committed write statement, as far as it can be told from the statement.

    `columns`: for an UPDATE, the columns it sets (None when they cannot be told; a
    column named in a SET expression may be listed too, never one left out). `rows`:
    for an INSERT, the values of each row by column, as bound (a column missing from
    a row was not bound by name: its value is unknown); None when unknown."""

    table: str
    op: str  # insert, update or delete
    columns: frozenset[str] | None = None
    rows: tuple[Mapping[str, object], ...] | None = None


WriteListener = Callable[[list[Write]], None]


def _write_of(op: str, table: str, statement: str, context: Any) -> Write:
    verb = op.split(None, 1)[0].upper()
    if verb == "UPDATE":
        return Write(table, "update", columns=_set_columns(statement))
    if verb == "DELETE":
        return Write(table, "delete")
    rows = getattr(context, "compiled_parameters", None) if context is not None else None
    if verb == "REPLACE" or "OR" in op.upper().split() or _UPSERT.search(statement) or not rows:
        return Write(table, "insert")  # an upsert may change a row: nothing is known
    return Write(table, "insert", rows=tuple(rows))


@lru_cache(maxsize=1024)
def _set_columns(statement: str) -> frozenset[str] | None:
    """The columns an UPDATE statement sets (None when they cannot be told); the same few
    statements come again and again, and reading one took longer than SQLite ran it."""
    m = _SET.search(statement)
    columns = None if m is None else frozenset(c.lower() for c in _ASSIGNED.findall(m.group(1)))
    return columns or None


class Database:
    """One engine and the sessions made from it.

    `version` counts the commits of this process that wrote to a table other than the
    message log and the outbox, so that what is derived from the data (the next time a
    job is due, who belongs to which compound) can be cached until it changes.
    Listeners (`listen`) are told of each committed write to the tables they name, for
    caches that need to know more than that a table was written."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._migrated = False
        self.version = 0
        self._table_versions: dict[str, int] = {}
        self._listeners: list[tuple[frozenset[str], WriteListener]] = []
        self._watched: frozenset[str] = frozenset()
        # One connection and one session kept for the sessions of this process and
        # thread (see `session`); None until first used or after a fault.
        self._kept: Session | None = None
        self._kept_conn: Connection | None = None
        self._kept_owner: tuple[int, int] = (0, 0)
        self._kept_busy = False
        event.listen(self.engine, "before_cursor_execute", self._note_write)
        event.listen(self.engine, "commit", self._committed)
        event.listen(self.engine, "rollback", self._rolled_back)

    def listen(self, tables: tuple[str, ...], listener: WriteListener) -> None:
        """Call `listener` after each commit of this process with its writes to `tables`."""
        self._listeners.append((frozenset(tables), listener))
        self._watched = self._watched | frozenset(tables)

    def _note_write(
        self, conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, *_args: Any
    ) -> None:
        m = _WRITE.match(statement)
        if m is not None:
            table = m.group(2).lower()
            if table == "community" and _NUMBERING.match(statement):
                # Taking the next task number changes no setting of the compound.
                table = "community.next_task_number"
            conn.info.setdefault("wrote", set()).add(table)
            if table in self._watched:
                conn.info.setdefault("writes", []).append(
                    _write_of(m.group(1), table, statement, context)
                )

    def _committed(self, conn: Any) -> None:
        wrote: set[str] = conn.info.pop("wrote", set())
        writes: list[Write] = conn.info.pop("writes", [])
        for table in wrote:
            self._table_versions[table] = self._table_versions.get(table, 0) + 1
        if wrote - UNTRACKED_TABLES:
            self.version += 1
        if writes:
            for tables, listener in self._listeners:
                mine = [w for w in writes if w.table in tables]
                if mine:
                    listener(mine)

    def version_of(self, *tables: str) -> tuple[int, ...]:
        """How often this process committed writes to each of these tables."""
        return tuple(self._table_versions.get(t, 0) for t in tables)

    def _rolled_back(self, conn: Any) -> None:
        conn.info.pop("wrote", None)
        conn.info.pop("writes", None)

    def migrate(self) -> None:
        """Bring the schema up to date (once per process)."""
        if not self._migrated:
            migrate(self.engine)
            self._migrated = True

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error.

        Sessions of the thread that opened the database run on one kept connection,
        one at a time, so that an event pays neither a pool checkout and reset nor a
        new Session. A kept connection holds no lock while idle (SQLite begins a
        transaction at the first write and ends it at commit), so other processes see
        no difference. A session opened while that one is in use, in another thread
        or in a forked child uses a pooled connection, as before."""
        kept = self._take_kept()
        if kept is None:
            with Session(self.engine, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
            return
        try:
            yield kept
            kept.commit()
        except BaseException:
            kept.rollback()
            raise
        finally:
            self._give_back(kept)

    def _take_kept(self) -> Session | None:
        if self._kept_busy:
            return None
        owner = (os.getpid(), threading.get_ident())
        if self._kept is None:
            conn = self.engine.connect()
            self._kept_conn = conn
            self._kept = Session(conn, expire_on_commit=False)
            self._kept_owner = owner
        elif self._kept_owner != owner:
            return None  # another thread's, or inherited across fork: never touched here
        self._kept_busy = True
        return self._kept

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A Core transaction, committed on success and rolled back on error; on the kept
        connection when it is free (the same rules as `session`), else a pooled one."""
        if self._take_kept() is None:
            with self.engine.begin() as conn:
                yield conn
            return
        conn = self._kept_conn
        assert conn is not None
        try:
            with conn.begin():
                yield conn
        finally:
            self._give_back(None)

    def _give_back(self, session: Session | None) -> None:
        """Reset the kept session for the next one; a connection left in a transaction
        or invalidated is handed back to the pool (which resets it) and not kept."""
        try:
            if session is not None:
                session.close()
                session.info.clear()
            conn = self._kept_conn
            if conn is not None and (
                conn.invalidated
                or conn.closed
                or conn.in_transaction()
                or getattr(conn.connection.driver_connection, "in_transaction", False)
            ):
                self._drop_kept()
        except BaseException:
            self._drop_kept()
            raise
        finally:
            self._kept_busy = False

    def _drop_kept(self) -> None:
        conn, self._kept_conn, self._kept = self._kept_conn, None, None
        if conn is not None and self._kept_owner[0] == os.getpid():
            try:
                conn.close()
            except SQLAlchemyError:
                log.warning("a kept database connection could not be closed", exc_info=True)

    def close(self) -> None:
        if not self._kept_busy:
            self._drop_kept()
        self.engine.dispose()
