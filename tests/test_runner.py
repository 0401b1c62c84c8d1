"""`weizhili run` as a user starts it: the console demo, clean stops, one-line errors."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WEIZHILI = [sys.executable, "-m", "bot.cli"]
REPO = Path(__file__).resolve().parents[1]


def run_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHATY_", "ONEBOT_"))}
    env.update({"PYTHONPATH": str(REPO), "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}"})
    env.update(extra)
    return env


def run_bot(tmp_path: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """`weizhili run` in `tmp_path`, fed `stdin`, to its end."""
    return subprocess.run(
        [*WEIZHILI, "run"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=run_env(tmp_path, **env),
    )


def test_the_console_demo_answers_and_exits_cleanly_at_end_of_input(tmp_path: Path) -> None:
    p = run_bot(tmp_path, "李阿姨: /帮助\n")
    assert p.returncode == 0, p.stderr
    assert "🤖" in p.stdout  # the bot answered in the console
    assert "WECHATY_PUPPET_SERVICE_TOKEN" in p.stderr  # and told how to connect WeChat and QQ
    assert "ONEBOT_ENABLED" in p.stderr
    assert "Traceback" not in p.stderr
    with sqlite3.connect(tmp_path / "bot.db") as db:
        names = {r[0] for r in db.execute("select name from member")}
    assert {"雷书记", "张党员", "王党员"} <= names
    assert not (tmp_path / ".wechaty").exists()


def test_sigterm_stops_the_bot_with_exit_status_0(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*WEIZHILI, "run"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=run_env(tmp_path),
    )
    try:
        deadline = time.monotonic() + 30
        assert proc.stderr is not None
        seen = ""
        while "serving" not in seen and time.monotonic() < deadline:
            seen += proc.stderr.readline()
        assert "serving" in seen
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"DEADLINE_DAYS": "fifteen"}, "setting DEADLINE_DAYS"),
        ({"QUIET_HOURS_START": "25:00"}, "setting QUIET_HOURS_START"),
        ({"TIMEZONE": "Mars/Olympus"}, "unknown time zone"),
        ({"DATABASE_URL": "sqlite:////no/such/folder/x.db"}, "database folder does not exist"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"DEADLINE_DAYS_BY_CATEGORY": '{"elevator": -3}'}, "must be 1 to 365"),
        ({"DEADLINE_DAYS_BY_CATEGORY": '{"lift": 3}'}, "unknown category 'lift'"),
        ({"DEADLINE_DAYS_BY_CATEGORY": "notjson"}, "deadline_days_by_category"),
    ],
)
def test_bad_settings_stop_run_with_one_clear_line(
    tmp_path: Path, env: dict[str, str], says: str
) -> None:
    p = run_bot(tmp_path, **env)
    assert p.returncode == 2
    assert says in p.stderr
    assert "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


def test_a_malformed_dotenv_value_is_named(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SEND_BURST=lots\n", encoding="utf-8")
    p = run_bot(tmp_path)
    assert p.returncode == 2
    assert (
        p.stderr.strip()
        == "weizhili: setting SEND_BURST: Input should be a valid integer, unable to parse string as an integer"
    )


def test_a_database_from_a_newer_weizhili_is_refused(tmp_path: Path) -> None:
    subprocess.run(
        [*WEIZHILI, "community", "add", "锦春小区"],  # creates the database
        cwd=tmp_path,
        env=run_env(tmp_path),
        check=True,
        capture_output=True,
        timeout=60,
    )
    with sqlite3.connect(tmp_path / "bot.db") as db:
        db.execute("update alembic_version set version_num = '9999_future'")
    p = run_bot(tmp_path)
    assert p.returncode == 2
    assert "newer than this weizhili knows" in p.stderr
    assert "Traceback" not in p.stderr


def test_a_database_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bot.db").write_bytes(b"this is not a database" * 100)
    p = run_bot(tmp_path)
    assert p.returncode == 2
    assert "database" in p.stderr and "Traceback" not in p.stderr
