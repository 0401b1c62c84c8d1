"""A replay killed with SIGKILL half-way through 10,000 messages into a file database: the
database opens, every committed task is whole, and a new process sends exactly what the
dead one had not sent."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from bench.transcript import transcript
from bot.adapters.recorder import Recorder
from bot.app import App
from bot.clock import SimClock
from bot.events import PLATFORMS
from bot.settings import Settings
from storage.database import Database
from storage.types import UTCDateTime

ROOT = Path(__file__).resolve().parents[2]
WEIZHILI = Path(sys.executable).with_name("weizhili")
MESSAGES = 10_000
KILL_AFTER_TASKS = 150


def _count(path: Path, sql: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def _killed_mid_replay(tmp_path: Path) -> Path:
    """Start the replay, wait until it has committed tasks, kill it; the database."""
    chat = tmp_path / "chat.jsonl"
    chat.write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in transcript(MESSAGES, 12)),
        encoding="utf-8",
    )
    db = tmp_path / "crash.db"
    # A slow send rate keeps answers waiting in the outbox, as a busy account would.
    env = {**os.environ, "SEND_RATE_PER_SECOND": "0.02", "SEND_BURST": "1", "LOG_LEVEL": "WARNING"}
    with (tmp_path / "out.jsonl").open("wb") as out, (tmp_path / "err.txt").open("wb") as err:
        proc = subprocess.Popen(
            [str(WEIZHILI), "replay", str(chat), "--db", str(db)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if _count(db, "SELECT count(*) FROM task") >= KILL_AFTER_TASKS:
                    break
                time.sleep(0.02)
            assert proc.poll() is None, "the replay ended before it could be killed"
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    return db


def test_a_replay_killed_mid_way_loses_nothing_committed(tmp_path: Path) -> None:
    path = _killed_mid_replay(tmp_path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    db = Database(f"sqlite:///{path}")
    db.migrate()  # opens, and is at the head revision
    with db.engine.connect() as c:
        tasks = c.execute(
            text("SELECT id, community_id, number, reporters, status FROM task ORDER BY id")
        ).all()
        reported = {
            r[0] for r in c.execute(text("SELECT task_id FROM task_event WHERE kind = 'reported'"))
        }
        reporter_rows = dict(
            c.execute(text("SELECT task_id, count(*) FROM task_reporter GROUP BY task_id")).all()
        )
        next_numbers = dict(c.execute(text("SELECT id, next_task_number FROM community")).all())
        claimed_without_event = c.execute(
            text(
                "SELECT count(*) FROM task WHERE status = 'claimed' AND id NOT IN"
                " (SELECT task_id FROM task_event WHERE kind = 'claimed')"
            )
        ).scalar()
        linked = c.execute(
            text(
                "SELECT count(*) FROM message WHERE task_id IS NOT NULL AND task_id NOT IN (SELECT id FROM task)"
            )
        ).scalar()
    assert len(tasks) >= KILL_AFTER_TASKS
    numbers: dict[int, list[int]] = {}
    for task_id, community, number, reporters, _ in tasks:
        assert task_id in reported, f"task {task_id} has no 'reported' event"
        assert reporter_rows.get(task_id, 0) == reporters, f"task {task_id}: reporters differ"
        numbers.setdefault(community, []).append(number)
    for community, got in numbers.items():
        assert sorted(got) == list(range(1, len(got) + 1)), f"compound {community}: gaps"
        assert next_numbers[community] == len(got) + 1
    assert claimed_without_event == 0 and linked == 0
    db.close()
    _new_process_sends_only_what_was_not_sent(path)


def _new_process_sends_only_what_was_not_sent(path: Path) -> None:
    url = f"sqlite:///{path}"
    with sqlite3.connect(path) as conn:
        before = dict(conn.execute("SELECT id, status FROM outbox").fetchall())
        latest = conn.execute(
            "SELECT max(max(due_at), coalesce(max(lease_until), '')) FROM outbox"
        ).fetchone()[0]
    waiting = {i for i, s in before.items() if s in ("pending", "sending")}
    assert waiting, "nothing was left to send: the kill came too late to test the outbox"
    assert any(s == "sent" for s in before.values())
    start = UTCDateTime().process_result_value(datetime.fromisoformat(latest), None)  # type: ignore[arg-type]
    assert start is not None

    async def deliver() -> list[int]:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, database_url=url, send_rate_per_second=100, send_burst=1000
        )
        clock = SimClock(start + timedelta(minutes=5), settings.tz)
        app = App(settings, clock=clock, db=Database(url), routers=[], jobs=[])
        for p in PLATFORMS:
            app.add_adapter(Recorder(p, clock))
        got: list[int] = []
        app.outbox.on_sent.append(lambda row, _now: got.append(row.id))
        await app.start(deliver=False)
        try:
            for _ in range(50):
                if not await app.outbox.flush():
                    break
                clock.advance(timedelta(seconds=30))
        finally:
            await app.stop()
        return got

    sent_now = asyncio.run(deliver())
    assert len(sent_now) == len(set(sent_now)), "a message was sent twice"
    assert set(sent_now) == waiting
    with sqlite3.connect(path) as conn:
        after = dict(conn.execute("SELECT id, status FROM outbox").fetchall())
    assert {i for i, s in after.items() if s != "sent"} == set()
