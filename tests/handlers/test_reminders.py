"""Deadline reminders, overdue chasing with the secretary told, automatic acceptance
and the urgent re-ask, each at its time under the simulated clock, never repeated."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.testing import TestChat, texts
from storage.repo.task_queries import all_tasks

PEOPLE = {
    "wx_lei": ("雷书记", "secretary"),
    "wx_zhang": ("张党员", "party"),
    "wx_li": ("李阿姨", "resident"),
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def claimed_task(chat: TestChat) -> None:
    await chat.compound(people=PEOPLE)
    await chat.say("wx_li", "3栋电梯坏了，一直停在5楼")
    sent = texts(await chat.say("wx_zhang", "认领 1"))
    assert any("3月31日" in t for t in sent), sent


@pytest.fixture
async def chat() -> TestChat:
    async with TestChat() as chat:  # Monday 2026-03-16 09:00
        yield chat  # type: ignore[misc]


async def test_the_holder_is_reminded_3_days_and_1_day_before(chat: TestChat) -> None:
    await claimed_task(chat)
    sent = await chat.advance(to=at("2026-03-31T12:00:00+08:00"))
    reminders = [(s.ts.isoformat(), s.msg.text) for s in sent if s.msg.text.startswith("提醒")]
    assert reminders == [
        ("2026-03-28T09:00:00+08:00",
         "提醒：张党员，#1【电梯】3栋 的期限是3月31日，还有 3 天。修好后请回复“#1 修好了”。"),
        ("2026-03-30T09:00:00+08:00",
         "提醒：张党员，#1【电梯】3栋 的期限是3月31日，还有 1 天。修好后请回复“#1 修好了”。"),
    ]
    assert all(s.msg.mentions == ("wx_zhang",) for s in sent if s.msg.text.startswith("提醒"))


async def test_an_overdue_task_is_chased_daily_and_the_secretary_told(chat: TestChat) -> None:
    await claimed_task(chat)
    sent = await chat.advance(to=at("2026-04-03T12:00:00+08:00"))
    chased = [s for s in sent if s.msg.text.startswith("超期提醒")]
    assert [s.ts.isoformat() for s in chased] == [
        "2026-04-01T09:00:00+08:00",
        "2026-04-02T09:00:00+08:00",
        "2026-04-03T09:00:00+08:00",
    ]
    assert "已超过期限3月31日 1 天" in chased[0].msg.text
    told = [s for s in sent if s.msg.user_id == "wx_lei" and "件任务超期" in s.msg.text]
    assert len(told) == 3 and told[0].msg.text.startswith("锦春小区有 1 件任务超期")
    assert not any(s.msg.user_id for s in sent if s.msg.user_id not in (None, "wx_lei"))


async def test_a_done_task_is_not_chased(chat: TestChat) -> None:
    await claimed_task(chat)
    await chat.say("wx_zhang", "#1 修好了")
    sent = await chat.advance(to=at("2026-04-05T12:00:00+08:00"))
    assert not [s for s in sent if "提醒" in s.msg.text]


async def test_an_unchecked_done_task_is_accepted_after_3_days(chat: TestChat) -> None:
    await claimed_task(chat)
    await chat.advance(timedelta(hours=2))
    await chat.say("wx_zhang", "#1 修好了")
    assert await chat.advance(timedelta(days=3) - timedelta(seconds=1)) == []
    sent = await chat.advance(timedelta(seconds=1))
    assert texts(sent) == ["#1【电梯】3栋 完成已满 3 天，没有邻居提出异议，已自动验收。"]
    assert sent[0].ts == at("2026-03-19T11:00:00+08:00")
    with chat.app.db.session() as s:
        assert [t.status for t in all_tasks(s)] == ["accepted"]


async def test_an_urgent_task_nobody_claims_is_asked_again_once(chat: TestChat) -> None:
    await chat.compound(people=PEOPLE)
    await chat.advance(to=at("2026-03-16T23:00:00+08:00"))
    first = await chat.say("wx_li", "5栋电梯困人了！快来人")
    assert first
    sent = await chat.advance(timedelta(hours=1))
    again = [s for s in sent if s.msg.text.startswith("紧急：")]
    assert [s.ts for s in again] == [at("2026-03-16T23:10:00+08:00")]  # even in quiet hours
    assert set(again[0].msg.mentions) == {"wx_lei", "wx_zhang"}


async def test_an_urgent_task_claimed_in_time_is_not_asked_again(chat: TestChat) -> None:
    await chat.compound(people=PEOPLE)
    await chat.say("wx_li", "5栋电梯困人了！快来人")
    await chat.advance(timedelta(minutes=5))
    await chat.say("wx_zhang", "认领 1")
    sent = await chat.advance(timedelta(hours=1))
    assert not [s for s in sent if s.msg.text.startswith("紧急：")]


async def test_a_restart_never_repeats_a_reminder(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    async with TestChat(database_url=url) as before:
        await claimed_task(before)
        sent = await before.advance(to=at("2026-03-28T09:30:00+08:00"))
        assert len([s for s in sent if s.msg.text.startswith("提醒")]) == 1
    async with TestChat(start=at("2026-03-28T10:00:00+08:00"), database_url=url) as after:
        sent = await after.advance(to=at("2026-03-30T10:00:00+08:00"))
        assert [s.ts for s in sent if s.msg.text.startswith("提醒")] == [
            at("2026-03-30T09:00:00+08:00")
        ]


async def test_a_new_deadline_or_a_new_holder_hears_the_reminders_again(chat: TestChat) -> None:
    await claimed_task(chat)  # due 3月31日
    await chat.advance(to=at("2026-03-30T12:00:00+08:00"))  # both reminders sent
    await chat.say("wx_lei", "/限期 1 4月10日")
    sent = await chat.advance(to=at("2026-04-09T12:00:00+08:00"))
    ahead = [s.ts.date().isoformat() for s in sent if s.msg.text.startswith("提醒")]
    assert ahead == ["2026-04-07", "2026-04-09"]
