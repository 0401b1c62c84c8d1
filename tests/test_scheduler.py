"""The scheduler runs each job at the time the data say, however the data changed: a
job's time is read again only when a write may have brought it forward, and a time a
write may have put off is checked again before the job runs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, update
from sqlmodel import col

from bot.testing import TestChat, texts
from storage.models import Task

PEOPLE = {
    "wx_lei": ("雷书记", "secretary"),
    "wx_zhang": ("张党员", "party"),
    "wx_li": ("李阿姨", "resident"),
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
async def chat() -> TestChat:
    async with TestChat() as chat:  # Monday 2026-03-16 09:00
        await chat.compound(people=PEOPLE)
        yield chat  # type: ignore[misc]


def asked_again(sent: list) -> list[tuple[datetime, str]]:
    return [(s.ts, s.msg.text.split("【")[0]) for s in sent if s.msg.text.startswith("紧急：")]


def set_status(chat: TestChat, number: int, status: str, **values: object) -> None:
    """Change a task as another code path might: one UPDATE, no ORM object."""
    with chat.app.db.session() as s:
        s.execute(
            update(Task).where(col(Task.number) == number).values(status=status, **values)
        )


async def test_each_urgent_task_is_asked_again_ten_minutes_after_its_report(
    chat: TestChat,
) -> None:
    await chat.say("wx_li", "5栋电梯困人了！快来人")
    await chat.advance(timedelta(minutes=3))
    await chat.say("wx_li", "7栋水管爆了，楼道全是水！")
    await chat.say("wx_li", "大家早上好")
    sent = await chat.advance(timedelta(hours=1))
    assert asked_again(sent) == [
        (at("2026-03-16T09:10:00+08:00"), "紧急：#1"),
        (at("2026-03-16T09:13:00+08:00"), "紧急：#2"),
    ]


async def test_an_urgent_report_after_an_earlier_one_was_asked_is_asked_in_turn(
    chat: TestChat,
) -> None:
    await chat.say("wx_li", "5栋电梯困人了！快来人")
    first = await chat.advance(timedelta(minutes=12))
    await chat.say("wx_li", "7栋水管爆了，楼道全是水！")
    sent = await chat.advance(timedelta(hours=1))
    assert asked_again(first) == [(at("2026-03-16T09:10:00+08:00"), "紧急：#1")]
    assert asked_again(sent) == [(at("2026-03-16T09:22:00+08:00"), "紧急：#2")]


async def test_an_urgent_task_put_back_to_open_after_its_ten_minutes_is_asked_at_once(
    chat: TestChat,
) -> None:
    await chat.say("wx_li", "5栋电梯困人了！快来人")
    await chat.say("wx_zhang", "认领 1")
    assert asked_again(await chat.advance(timedelta(minutes=30))) == []
    set_status(chat, 1, "open", claimant_user_id=None)
    sent = await chat.advance(timedelta(seconds=1))
    assert asked_again(sent) == [(at("2026-03-16T09:30:00+08:00"), "紧急：#1")]


async def test_a_task_made_urgent_later_is_asked_again(chat: TestChat) -> None:
    await chat.say("wx_li", "3栋电梯坏了")
    await chat.advance(timedelta(minutes=20))
    with chat.app.db.session() as s:
        s.execute(update(Task).where(col(Task.number) == 1).values(urgent=True))
    sent = await chat.advance(timedelta(seconds=1))
    assert asked_again(sent) == [(at("2026-03-16T09:20:00+08:00"), "紧急：#1")]


async def test_acceptance_counts_from_the_last_time_a_task_was_done(chat: TestChat) -> None:
    await chat.say("wx_li", "3栋电梯坏了")
    await chat.say("wx_zhang", "认领 1")
    await chat.say("wx_zhang", "#1 修好了")
    await chat.advance(timedelta(days=1))
    set_status(chat, 1, "claimed", done_at=None)  # the residents said it is not fixed
    await chat.advance(timedelta(days=1))
    await chat.say("wx_zhang", "#1 修好了")
    assert await chat.advance(timedelta(days=3) - timedelta(seconds=1)) == []
    sent = await chat.advance(timedelta(seconds=1))
    assert texts(sent) == ["#1【电梯】3栋 完成已满 3 天，没有邻居提出异议，已自动验收。"]
    assert sent[0].ts == at("2026-03-21T09:00:00+08:00")


async def test_a_done_task_accepted_by_hand_is_not_accepted_again(chat: TestChat) -> None:
    await chat.say("wx_li", "3栋电梯坏了")
    await chat.say("wx_zhang", "认领 1")
    await chat.say("wx_zhang", "#1 修好了")
    await chat.advance(timedelta(days=1))
    set_status(chat, 1, "accepted")
    assert await chat.advance(timedelta(days=5)) == []


async def test_chat_and_plain_reports_do_not_read_the_job_times_again(chat: TestChat) -> None:
    await chat.say("wx_li", "5栋电梯困人了！快来人")
    await chat.advance(timedelta(minutes=1))
    reads: list[str] = []

    def count(_conn: object, _cur: object, statement: str, *_args: object) -> None:
        if "min(task." in statement:
            reads.append(statement)

    event.listen(chat.app.db.engine, "before_cursor_execute", count)
    for i in range(10):
        await chat.say("wx_li", f"{i + 1}栋楼道灯不亮")
        await chat.say("wx_li", f"{i + 1}栋水管爆了，楼道全是水！")  # urgent, due after #1
        await chat.say("wx_li", "大家早上好")
        await chat.advance(timedelta(seconds=10))
    assert reads == []
    sent = await chat.advance(timedelta(minutes=10))
    assert asked_again(sent)[0] == (at("2026-03-16T09:10:00+08:00"), "紧急：#1")


async def test_a_daily_job_missed_for_days_runs_once_for_today(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.app import App
    from bot.clock import SimClock
    from bot.jobs import JobRouter
    from bot.settings import Settings

    runs: list[datetime] = []
    jobs = JobRouter("test")

    @jobs.cron("daily", hour=9)
    async def daily(now: datetime) -> None:
        runs.append(now)

    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'bot.db'}")  # type: ignore[call-arg]

    async def up(start: datetime, until: datetime) -> None:
        app = App(settings, clock=SimClock(start, settings.tz), routers=[], jobs=[jobs])
        await app.start(deliver=False)
        try:
            await app.advance_to(until)
        finally:
            await app.stop()

    await up(at("2026-03-16T08:00:00+08:00"), at("2026-03-16T08:30:00+08:00"))
    assert runs == []
    # Down from 08:30 on the 16th until 10:00 on the 18th: today's 09:00 run is made, once.
    await up(at("2026-03-18T10:00:00+08:00"), at("2026-03-18T10:05:00+08:00"))
    assert runs == [at("2026-03-18T09:00:00+08:00")]
    await up(at("2026-03-18T11:00:00+08:00"), at("2026-03-19T09:00:00+08:00"))
    assert runs == [at("2026-03-18T09:00:00+08:00"), at("2026-03-19T09:00:00+08:00")]
