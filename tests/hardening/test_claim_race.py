"""Twenty Party members claiming one task at the same moment: exactly one holds it, the
other nineteen are told who does, in one process and across processes on one database."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from bot.adapters.recorder import Recorder
from bot.app import App
from bot.clock import SimClock
from bot.events import Event
from bot.settings import Settings
from bot.testing import SHANGHAI_START, TestChat, texts
from storage.database import Database
from storage.models import Task, TaskEvent

PARTY = {f"wx_p{i:02d}": (f"党员{i:02d}", "party") for i in range(20)}


def _claim(user: str, msg_id: str, ts: object) -> Event:
    return Event("wechat", "g1", user, PARTY[user][0], "认领 1", msg_id, ts)  # type: ignore[arg-type]


def _state(db: Database) -> tuple[Task, list[str]]:
    with db.session() as s:
        task = s.exec(select(Task)).one()
        kinds = [e.kind for e in s.exec(select(TaskEvent).where(TaskEvent.task_id == task.id))]
    return task, kinds


def _check(task: Task, kinds: list[str], answers: list[str]) -> None:
    claims = [a for a in answers if a.startswith("#1 已由")]
    holder = task.claimant_name
    assert task.status == "claimed" and holder in {n for n, _ in PARTY.values()}
    assert kinds.count("claimed") == 1 and kinds.count("deadline_set") == 1
    assert len(claims) == 20, answers
    assert sum(a.startswith(f"#1 已由 {holder} 认领，限期") for a in claims) == 1
    assert claims.count(f"#1 已由 {holder} 认领。") == 19


async def test_twenty_claims_at_once_through_the_bot_leave_one_holder() -> None:
    async with TestChat(send_burst=100) as chat:
        await chat.compound(people=PARTY)
        await chat.say("wx_li", "3栋电梯坏了")
        events = [_claim(u, f"c-{u}", chat.clock.now()) for u in PARTY]
        handled = await asyncio.gather(*(chat.app.handle(e) for e in events))
        assert all(handled)
        await chat.advance(timedelta(minutes=1))
        task, kinds = _state(chat.app.db)
        _check(task, kinds, texts(chat.sent))


def _process(url: str, users: list[str], barrier: threading.Barrier, out: list[str]) -> None:
    """One bot process of several sharing the database: its own loop, lock and engine."""

    async def run() -> None:
        settings = Settings(_env_file=None, database_url=url, send_burst=100)  # type: ignore[call-arg]
        clock = SimClock(SHANGHAI_START + timedelta(minutes=5), settings.tz)
        app = App(settings, clock=clock, db=Database(url), jobs=[])
        recorder = Recorder("wechat", clock)
        app.add_adapter(recorder)
        await app.start(deliver=False)
        try:
            barrier.wait(timeout=30)
            events = [_claim(u, f"p-{u}", clock.now()) for u in users]
            await asyncio.gather(*(app.handle(e) for e in events))
            await app.outbox.flush()
        finally:
            await app.stop()
        out.extend(s.msg.text for s in recorder.sent)

    asyncio.run(run())


async def test_twenty_claims_at_once_across_four_processes_leave_one_holder(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    async with TestChat(database_url=url) as chat:
        await chat.compound(people=PARTY)
        await chat.say("wx_li", "3栋电梯坏了")
    users = list(PARTY)
    barrier = threading.Barrier(4)
    outs: list[list[str]] = [[] for _ in range(4)]
    threads = [
        threading.Thread(target=_process, args=(url, users[i::4], barrier, outs[i]))
        for i in range(4)
    ]
    for t in threads:
        t.start()
    await asyncio.to_thread(lambda: [t.join(60) for t in threads])
    db = Database(url)
    task, kinds = _state(db)
    db.close()
    _check(task, kinds, [a for out in outs for a in out])
