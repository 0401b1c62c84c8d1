"""A replay of 10,000 messages across many groups runs through without an error."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from bench.transcript import transcript
from bot.replay import run_replay
from bot.settings import Settings
from storage.database import Database
from storage.models import Message


async def test_ten_thousand_messages_replay_without_error(tmp_path: Path) -> None:
    lines = [json.dumps(x, ensure_ascii=False) for x in transcript(10_000, 20)]
    url = f"sqlite:///{tmp_path / 'volume.db'}"
    out, err = io.StringIO(), io.StringIO()
    code = await run_replay(lines, Settings(_env_file=None, database_url=url), out, err)  # type: ignore[call-arg]
    assert err.getvalue() == ""
    assert code == 0
    db = Database(url)
    with db.session() as s:
        assert s.exec(select(func.count()).select_from(Message)).one() == 10_000
    db.close()
    sent = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sent, "the bot answered nothing in 10,000 messages"
