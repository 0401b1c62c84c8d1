"""The same message delivered twice, and identical reports arriving all at once, make one
task with the right reporters."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from bot.events import Event
from bot.testing import TestChat, texts
from storage.models import Message, Task, TaskEvent, TaskReporter
from tests.hardening.kit import PEOPLE


def _event(chat: TestChat, user: str, text: str, msg_id: str, platform: str = "wechat") -> Event:
    return Event(
        platform=platform,
        chat_id="g1",
        user_id=user,
        user_name=user,
        text=text,
        message_id=msg_id,
        ts=chat.clock.now(),
    )


def _rows(chat: TestChat) -> tuple[list[Task], list[TaskReporter], list[str]]:
    with chat.app.db.session() as s:
        tasks = list(s.exec(select(Task).order_by(Task.id)))
        reporters = list(s.exec(select(TaskReporter).order_by(TaskReporter.id)))
        kinds = [e.kind for e in s.exec(select(TaskEvent).order_by(TaskEvent.id))]
    return tasks, reporters, kinds


async def test_the_same_message_id_delivered_twice_files_one_task_and_answers_once() -> None:
    async with TestChat() as chat:
        await chat.compound(people=PEOPLE)
        first = await chat.say("wx_li", "3栋电梯又坏了", msg_id="dup-1")
        again = await chat.say("wx_li", "3栋电梯又坏了", msg_id="dup-1")
        assert len(first) == 1 and texts(first)[0].startswith("已登记 #1")
        assert again == []
        tasks, reporters, kinds = _rows(chat)
        assert [(t.number, t.reporters) for t in tasks] == [(1, 1)]
        assert len(reporters) == 1 and kinds == ["reported"]
        with chat.app.db.session() as s:
            assert len(list(s.exec(select(Message)))) == 1


async def test_a_redelivery_racing_the_first_delivery_is_dropped() -> None:
    async with TestChat() as chat:
        await chat.compound(people=PEOPLE)
        event = _event(chat, "wx_li", "5栋2单元水管爆了，楼道全是水", "race-1")
        handled = await asyncio.gather(*(chat.app.handle(event) for _ in range(5)))
        await chat.app.outbox.flush()
        assert sorted(handled) == [False] * 4 + [True]
        tasks, reporters, _ = _rows(chat)
        assert [(t.number, t.reporters, t.urgent) for t in tasks] == [(1, 1, True)]
        assert len(reporters) == 1
        assert len([t for t in texts(chat.sent) if t.startswith("紧急 #1")]) == 1


async def test_the_same_id_on_another_platform_is_another_message() -> None:
    async with TestChat() as chat:
        await chat.compound(people=PEOPLE)
        await chat.compound(name="金阳小区", group="g1", platform="qq")
        await chat.say("wx_li", "3栋电梯又坏了", msg_id="42")
        await chat.say("10001", "3栋电梯又坏了", msg_id="42", platform="qq")
        tasks, _, _ = _rows(chat)
        assert [(t.community_id, t.number) for t in tasks] == [(1, 1), (2, 1)]


async def test_ten_identical_reports_at_once_make_one_task_with_ten_reporters() -> None:
    async with TestChat() as chat:
        await chat.compound(people=PEOPLE)
        residents = [f"wx_r{i}" for i in range(10)]
        events = [_event(chat, u, "7栋3单元电梯坏了", f"r-{u}") for u in residents]
        assert all(await asyncio.gather(*(chat.app.handle(e) for e in events)))
        await chat.advance(timedelta(seconds=30))  # past the send rate limit
        tasks, reporters, kinds = _rows(chat)
        assert [(t.number, t.reporters, t.building, t.unit) for t in tasks] == [(1, 10, 7, 3)]
        assert sorted(r.user_id for r in reporters) == residents
        assert kinds == ["reported"] + ["merged"] * 9
        answers = texts(chat.sent)
        assert len(answers) == 10
        assert sum(a.startswith("已登记 #1") for a in answers) == 1
        merged = sorted(a for a in answers if a.startswith("已合并到 #1"))
        assert merged == sorted(f"已合并到 #1，已有 {n} 位邻居反映。" for n in range(2, 11))


async def test_one_person_sending_the_same_report_ten_times_at_once_counts_once() -> None:
    async with TestChat() as chat:
        await chat.compound(people=PEOPLE)
        events = [_event(chat, "wx_li", "2栋地下车库漏水好严重", f"li-{i}") for i in range(10)]
        await asyncio.gather(*(chat.app.handle(e) for e in events))
        await chat.advance(timedelta(seconds=30))
        tasks, reporters, _ = _rows(chat)
        assert [(t.number, t.reporters) for t in tasks] == [(1, 1)]
        assert [(r.user_id, r.message_id) for r in reporters] == [("wx_li", "li-0")]
        answers = texts(chat.sent)
        assert answers[0].startswith("已登记 #1")
        assert answers[1:] == ["已记在你反映的 #1 中。"] * 9


async def test_reports_at_once_in_two_compounds_number_each_from_one() -> None:
    async with TestChat() as chat:
        await chat.compound(people=PEOPLE)
        await chat.compound(name="金阳小区", group="g2")
        texts_ = ["3栋电梯坏了", "5栋楼道灯不亮", "南门门禁坏了", "8栋下水道堵了"]
        events = [
            Event("wechat", g, f"u{i}{g}", "x", t, f"{g}-{i}", chat.clock.now())
            for g in ("g1", "g2")
            for i, t in enumerate(texts_)
        ]
        await asyncio.gather(*(chat.app.handle(e) for e in events))
        tasks, _, _ = _rows(chat)
        by_compound: dict[int, list[int]] = {}
        for t in tasks:
            by_compound.setdefault(t.community_id, []).append(t.number)
        assert {c: sorted(n) for c, n in by_compound.items()} == {1: [1, 2, 3, 4], 2: [1, 2, 3, 4]}
