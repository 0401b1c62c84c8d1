"""The outbox: stored before sending, rate limited per account in simulated time,
retried with backoff, quiet hours, claims that keep two processes from sending one
message twice, and a restart in the middle of a large notice."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import event, select
from sqlmodel import Session

from bot.adapters.base import SendError
from bot.adapters.recorder import Recorder
from bot.clock import SimClock
from bot.events import Outgoing
from bot.outbox import IDLE, LEASE, Outbox
from bot.testing import TestChat, texts
from storage.database import Database
from storage.repo import outbox as repo
from storage.repo.schedules import set_quiet_hours

T0 = datetime.fromisoformat("2026-03-16T09:00:00+08:00")


async def queue(chat: TestChat, msgs: list[Outgoing], **kw: object) -> None:
    async with chat.app.db_lock:
        with chat.app.db.session() as s:
            for m in msgs:
                chat.app.outbox.enqueue(s, m, **kw)  # type: ignore[arg-type]


def to_groups(n: int, account: str = "", urgent: bool = False) -> list[Outgoing]:
    return [
        Outgoing("wechat", f"通知 {i}", chat_id=f"g{i}", account=account, urgent=urgent)
        for i in range(n)
    ]


def statuses(chat: TestChat) -> dict[str, int]:
    with chat.app.db.session() as s:
        return repo.count_by_status(s)


async def test_a_burst_goes_out_at_once_then_one_a_second() -> None:
    async with TestChat(send_burst=5) as chat:
        await queue(chat, to_groups(12))
        first = await chat.advance()
        assert len(first) == 5 and {s.ts for s in first} == {T0}
        rest = await chat.advance(timedelta(minutes=1))
        assert len(rest) == 7
        offsets = [(s.ts - T0).total_seconds() for s in rest]
        assert [round(o) for o in offsets] == [1, 2, 3, 4, 5, 6, 7]
        assert statuses(chat) == {"sent": 12}


async def test_each_account_has_its_own_limit() -> None:
    async with TestChat(send_burst=5) as chat:
        await queue(chat, to_groups(6, account="bot-a") + to_groups(6, account="bot-b"))
        now = await chat.advance()
        by_account = [s.msg.account for s in now]
        assert by_account.count("bot-a") == 5 and by_account.count("bot-b") == 5


async def test_the_rate_is_configurable() -> None:
    async with TestChat(send_rate_per_second=0.5, send_burst=2) as chat:
        await queue(chat, to_groups(4))
        sent = await chat.advance(timedelta(minutes=1))
        assert [round((s.ts - T0).total_seconds()) for s in sent] == [0, 0, 2, 4]


async def test_a_failing_send_is_retried_with_backoff_then_marked_failed(caplog) -> None:  # type: ignore[no-untyped-def]
    async with TestChat(send_max_attempts=3, send_burst=5) as chat:
        recorder = chat.recorders["wechat"]
        tries: list[datetime] = []

        async def refuse(msg: Outgoing) -> str | None:
            tries.append(chat.clock.now())
            raise SendError("platform said no")

        recorder.send = refuse  # type: ignore[method-assign]
        await queue(chat, to_groups(1))
        with caplog.at_level(logging.WARNING, logger="bot.outbox"):
            await chat.advance(timedelta(hours=1))
        assert [round((t - T0).total_seconds()) for t in tries] == [0, 5, 25]
        assert statuses(chat) == {"failed": 1}
        assert any(
            r.levelno == logging.ERROR and "failed after 3 attempts" in r.getMessage()
            for r in caplog.records
        )


async def test_a_send_that_fails_once_goes_out_on_retry() -> None:
    async with TestChat(send_burst=5) as chat:
        recorder = chat.recorders["wechat"]
        real_send = recorder.send
        calls = 0

        async def flaky(msg: Outgoing) -> str | None:
            nonlocal calls
            calls += 1
            if calls == 1:
                raise ConnectionError("reset by peer")
            return await real_send(msg)

        recorder.send = flaky  # type: ignore[method-assign]
        await queue(chat, to_groups(1))
        sent = await chat.advance(timedelta(minutes=1))
        assert texts(sent) == ["通知 0"] and sent[0].ts == T0 + timedelta(seconds=5)
        assert statuses(chat) == {"sent": 1}


async def test_quiet_hours_hold_ordinary_sends_until_morning_but_not_emergencies() -> None:
    night = datetime.fromisoformat("2026-03-16T23:30:00+08:00")
    async with TestChat(start=night, send_burst=5) as chat:
        await queue(chat, [Outgoing("wechat", "明早停水", chat_id="g1")])
        await queue(chat, [Outgoing("wechat", "5栋电梯困人", chat_id="g1", urgent=True)])
        assert texts(await chat.advance()) == ["5栋电梯困人"]
        assert await chat.advance(timedelta(hours=8)) == []
        morning = await chat.advance(timedelta(minutes=30))
        assert texts(morning) == ["明早停水"]
        assert morning[0].ts == datetime.fromisoformat("2026-03-17T08:00:00+08:00")


async def test_a_compound_can_have_its_own_quiet_hours() -> None:
    evening = datetime.fromisoformat("2026-03-16T21:30:00+08:00")
    async with TestChat(start=evening, send_burst=5) as chat:
        await chat.compound(group="g1")
        await chat.compound(name="桂园小区", group="g2")
        async with chat.app.db_lock:
            with chat.app.db.session() as s:
                set_quiet_hours(s, 1, "21:00", "07:00")
        await queue(chat, [Outgoing("wechat", "通知", chat_id="g1")])
        await queue(chat, [Outgoing("wechat", "通知", chat_id="g2")])
        assert [s.msg.chat_id for s in await chat.advance()] == ["g2"]
        later = await chat.advance(timedelta(hours=10))
        assert [(s.msg.chat_id, s.ts.hour) for s in later] == [("g1", 7)]


async def test_a_message_claimed_by_another_process_is_not_sent_twice() -> None:
    async with TestChat(send_burst=5) as chat:
        await queue(chat, to_groups(1))
        with chat.app.db.session() as s:
            row = repo.due_outgoing(s, T0)[0]
            assert row.id is not None
            assert repo.claim(s, row.id, T0, T0 + timedelta(minutes=2))
        assert await chat.advance(timedelta(minutes=1)) == []
        # The other process died holding it: after its lease runs out, it is taken over.
        taken = await chat.advance(timedelta(minutes=2))
        assert texts(taken) == ["通知 0"]
        assert await chat.advance(timedelta(hours=1)) == []
        assert statuses(chat) == {"sent": 1}


async def test_two_outboxes_on_one_database_send_each_message_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    async with (
        TestChat(database_url=url, send_burst=5) as one,
        TestChat(database_url=url, send_burst=5) as two,
    ):
        await queue(one, to_groups(40))
        second: Outbox = two.app.outbox
        for _ in range(60):
            await one.app.outbox.flush()
            await second.flush()
            one.clock.advance(timedelta(seconds=1))
            two.clock.advance(timedelta(seconds=1))
        chats = [s.msg.chat_id for s in one.sent + two.sent]
        assert sorted(chats) == sorted(f"g{i}" for i in range(40))
        assert one.sent and two.sent


async def test_a_restart_in_the_middle_of_a_150_group_notice_sends_each_once(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    async with TestChat(database_url=url, send_burst=5) as before:
        await queue(before, to_groups(150))
        sent_before = await before.advance(timedelta(seconds=30))
    assert 30 <= len(sent_before) < 150
    async with TestChat(start=T0 + timedelta(minutes=5), database_url=url, send_burst=5) as after:
        sent_after = await after.advance(timedelta(minutes=5))
        assert statuses(after) == {"sent": 150}
    chats = [s.msg.chat_id for s in sent_before + sent_after]
    assert len(chats) == 150 and set(chats) == {f"g{i}" for i in range(150)}


async def test_an_account_held_back_by_its_limit_does_not_hold_back_another() -> None:
    async with TestChat(send_burst=5) as chat:
        await queue(chat, to_groups(120, account="bot-a"))
        assert len(await chat.advance()) == 5
        # More than a batch of bot-a's messages come first in the queue, and bot-a has
        # no token left; bot-b's go at once all the same.
        await queue(chat, to_groups(3, account="bot-b"))
        now = await chat.advance()
        assert [s.msg.account for s in now] == ["bot-b"] * 3
        later = await chat.advance(timedelta(seconds=10))
        assert {s.msg.account for s in later} == {"bot-a"} and len(later) == 10


async def test_each_send_is_recorded_before_the_next_goes_out() -> None:
    async with TestChat(send_burst=5) as chat:
        recorder = chat.recorders["wechat"]
        real_send = recorder.send
        seen: list[dict[str, int]] = []

        async def look_first(msg: Outgoing) -> str | None:
            seen.append(statuses(chat))
            return await real_send(msg)

        recorder.send = look_first  # type: ignore[method-assign]
        await queue(chat, to_groups(3))
        assert len(await chat.advance()) == 3
        # A crash during a send repeats only that one: the ones before are marked sent.
        assert seen == [
            {"pending": 2, "sending": 1},
            {"sent": 1, "pending": 1, "sending": 1},
            {"sent": 2, "sending": 1},
        ]
        assert statuses(chat) == {"sent": 3}


async def test_a_message_queued_in_a_transaction_that_rolled_back_is_never_sent() -> None:
    async with TestChat(send_burst=5) as chat:
        try:
            async with chat.app.db_lock:
                with chat.app.db.session() as s:
                    chat.app.outbox.enqueue(s, Outgoing("wechat", "作废", chat_id="g1"))
                    raise RuntimeError("the handler failed")
        except RuntimeError:
            pass
        assert await chat.advance(timedelta(minutes=1)) == []
        assert await chat.app.outbox.next_due() is None
        await queue(chat, to_groups(1))
        assert texts(await chat.advance()) == ["通知 0"]


async def test_a_message_another_process_queued_is_seen_after_forget(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    async with (
        TestChat(database_url=url, send_burst=5) as one,
        TestChat(database_url=url, send_burst=5) as two,
    ):
        assert await one.app.outbox.next_due() is None
        await queue(two, to_groups(1))
        await queue(two, [Outgoing("wechat", "稍后", chat_id="g9")], due_at=T0 + timedelta(hours=1))
        one.app.outbox.forget()  # what the live loop does before each round
        assert await one.app.outbox.next_due() == T0
        assert await one.app.outbox.flush() == 1
        assert await one.app.outbox.next_due() == T0 + timedelta(hours=1)
        assert texts(one.sent) == ["通知 0"] and two.sent == []


async def test_a_lease_runs_out_exactly_at_its_time() -> None:
    async with TestChat(send_burst=5) as chat:
        await queue(chat, to_groups(1))
        lease_until = T0 + timedelta(seconds=30)
        with chat.app.db.session() as s:
            row = repo.due_outgoing(s, T0)[0]
            assert repo.claim(s, row.id, T0, lease_until)
            assert not repo.claim(s, row.id, T0, lease_until)  # taken: not twice
        assert await chat.app.outbox.next_due() == lease_until
        taken = await chat.advance(timedelta(minutes=1))
        assert [s.ts for s in taken] == [lease_until]


async def test_a_steady_stream_of_answers_costs_one_statement_to_queue_and_one_to_send() -> None:
    async with TestChat(send_burst=1000) as chat:
        await queue(chat, to_groups(1))
        await chat.advance()  # the first look at the database
        statements: list[str] = []

        def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            statements.append(statement)

        engine = chat.app.db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            for i in range(10):
                await queue(chat, [Outgoing("wechat", f"回复 {i}", chat_id="g1")])
                assert len(await chat.advance(timedelta(seconds=1))) == 1
        finally:
            event.remove(engine, "before_cursor_execute", count)
        outbox = [s for s in statements if "outbox" in s]
        # Per send: queue (claimed as it is queued) and mark sent; no find, no claim.
        assert len(outbox) == 10 * 2
        assert all(s.startswith(("INSERT", "UPDATE outbox SET status=?, platform")) for s in outbox)


async def test_a_claim_rolled_back_sends_nothing_and_gives_its_token_back() -> None:
    async with TestChat(send_burst=2) as chat:
        await chat.advance()  # what is waiting is known: a message due now is claimed
        try:
            async with chat.app.db_lock:
                with chat.app.db.session() as s:
                    for text in ("作废", "也作废"):
                        chat.app.outbox.enqueue(s, Outgoing("wechat", text, chat_id="g1"))
                    assert repo.count_by_status(s) == {"sending": 2}  # claimed as queued
                    raise RuntimeError("the handler failed")
        except RuntimeError:
            pass
        # A session closed without committing keeps nothing either.
        with Session(chat.app.db.engine) as s:
            chat.app.outbox.enqueue(s, Outgoing("wechat", "还是作废", chat_id="g1"))
        assert await chat.app.outbox.next_due() is None
        await queue(chat, [Outgoing("wechat", f"通知 {i}", chat_id="g1") for i in range(2)])
        # Both tokens of the account were given back: both go at once.
        sent = await chat.advance(timedelta(minutes=1))
        assert [(s.msg.text, s.ts) for s in sent] == [("通知 0", T0), ("通知 1", T0)]
        assert statuses(chat) == {"sent": 2}


async def test_a_claim_whose_process_died_after_the_commit_is_taken_over_after_its_lease(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    async with TestChat(database_url=url, send_burst=5) as survivor:
        db = Database(url)
        dead = Outbox(db, SimClock(T0, survivor.clock.tz), asyncio.Lock(), burst=5)
        assert await dead.next_due() is None
        with db.session() as s:
            dead.enqueue(s, Outgoing("wechat", "通知", chat_id="g1"))
        db.close()  # it dies here, between the commit and the send
        assert statuses(survivor) == {"sending": 1}
        survivor.app.outbox.forget()
        assert await survivor.advance(timedelta(minutes=1)) == []
        taken = await survivor.advance(timedelta(minutes=5))
        assert [(s.msg.text, s.ts) for s in taken] == [("通知", T0 + LEASE)]
        assert statuses(survivor) == {"sent": 1}


async def test_an_urgent_message_queued_after_a_claimed_one_of_its_account_goes_first() -> None:
    async with TestChat(send_burst=1) as chat:
        await chat.advance()
        await queue(
            chat,
            [
                Outgoing("wechat", "明天停水", chat_id="g1"),  # claimed: the account's token
                Outgoing("wechat", "电梯困人", chat_id="g2", urgent=True),
            ],
        )
        first = await chat.advance()
        assert [(s.msg.text, s.ts) for s in first] == [("电梯困人", T0)]
        assert statuses(chat) == {"sent": 1, "pending": 1}  # the claim given up, waiting
        later = await chat.advance(timedelta(minutes=1))
        assert [(s.msg.text, round((s.ts - T0).total_seconds())) for s in later] == [
            ("明天停水", 1)
        ]


async def test_claimed_and_waiting_messages_go_out_in_one_order() -> None:
    async with TestChat(send_burst=2) as chat:
        await chat.advance()
        await queue(
            chat,
            [Outgoing("wechat", f"a{i}", chat_id="g1", account="bot-a") for i in range(3)]
            + [Outgoing("wechat", "b", chat_id="g2", account="bot-b", urgent=True)]
            + [Outgoing("wechat", "c", chat_id="g3", account="bot-c")],
        )
        # a0, a1, b and c were claimed as they were queued; a2 found no token and waits
        # in the table.
        assert texts(await chat.advance()) == ["b", "a0", "a1", "c"]
        later = await chat.advance(timedelta(minutes=1))
        assert [(s.msg.text, round((s.ts - T0).total_seconds())) for s in later] == [("a2", 1)]
        assert statuses(chat) == {"sent": 5}


async def test_a_claim_is_not_sent_by_another_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    async with (
        TestChat(database_url=url, send_burst=5) as one,
        TestChat(database_url=url, send_burst=5) as two,
    ):
        await one.advance()
        await queue(one, to_groups(1))
        two.app.outbox.forget()
        assert await two.app.outbox.flush() == 0
        assert await one.app.outbox.flush() == 1
        await one.app.outbox.settle()  # what one's live loop does when it goes idle
        two.app.outbox.forget()
        assert await two.advance(timedelta(minutes=5)) == []
        assert texts(one.sent) == ["通知 0"] and two.sent == []
        assert statuses(one) == {"sent": 1}


def stored(chat: TestChat) -> dict[str, tuple[str, str | None]]:
    """Text -> (status, platform message id) as committed, read past the sessions (whose
    transactions would write the outcomes not yet written)."""
    with chat.app.db.engine.connect() as conn:
        rows = conn.execute(select(repo.c.text, repo.c.status, repo.c.platform_message_id))
        return {text: (status, platform_id) for text, status, platform_id in rows}


async def test_a_sends_outcome_is_written_by_the_next_transaction_and_kept_on_its_rollback() -> (
    None
):
    async with TestChat(send_burst=5) as chat:
        heard: list[int] = []
        chat.app.outbox.on_sent.append(lambda row, _at: heard.append(row.id))
        await queue(chat, to_groups(1))
        assert await chat.app.outbox.flush() == 1
        # Sent, and left to the next transaction: no commit of its own.
        assert stored(chat) == {"通知 0": ("sending", None)} and heard == []
        try:
            async with chat.app.db_lock:
                with chat.app.db.session() as s:
                    assert repo.count_by_status(s) == {"sent": 1}  # written as it began
                    raise RuntimeError("the handler failed")
        except RuntimeError:
            pass
        assert stored(chat) == {"通知 0": ("sending", None)} and heard == []
        await queue(chat, [Outgoing("wechat", "下一条", chat_id="g2")])
        assert stored(chat)["通知 0"] == ("sent", "bot-wechat-1")
        assert len(heard) == 1  # told once, when the outcome was committed


async def test_a_crash_before_the_outcome_is_written_resends_only_that_message(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    async with TestChat(database_url=url, send_burst=5) as survivor:
        db = Database(url)
        clock = SimClock(T0, survivor.clock.tz)
        dead = Outbox(db, clock, asyncio.Lock(), burst=5)
        dead.adapters["wechat"] = Recorder("wechat", clock)
        with db.session() as s:
            for m in to_groups(3):
                dead.enqueue(s, m)
        assert await dead.flush() == 3
        db.close()  # it dies here: the third send's outcome was not written
        assert stored(survivor) == {
            "通知 0": ("sent", "bot-wechat-1"),
            "通知 1": ("sent", "bot-wechat-2"),
            "通知 2": ("sending", None),
        }
        survivor.app.outbox.forget()
        taken = await survivor.advance(timedelta(minutes=5))
        assert [(s.msg.text, s.ts) for s in taken] == [("通知 2", T0 + LEASE)]
        assert statuses(survivor) == {"sent": 3}


async def test_a_quote_reply_to_the_bots_answer_in_the_very_next_message_finds_the_task() -> None:
    async with TestChat() as chat:
        await chat.compound(people={"wx_wu": ("吴物业", "property")})
        answer = await chat.say("wx_li", "3栋电梯坏了")
        assert len(answer) == 1 and "#1" in answer[0].msg.text
        assert stored(chat)[answer[0].msg.text] == ("sending", None)  # not written yet
        claimed = await chat.say("wx_wu", "我来", reply_to="bot-wechat-1")
        assert texts(claimed)[0].startswith("#1 已由 吴物业")


async def test_the_live_loop_writes_outcomes_when_it_goes_idle_and_when_it_stops() -> None:
    async with TestChat(send_burst=5) as chat:
        went = asyncio.Event()
        chat.recorders["wechat"].on_send = lambda _sent: went.set()
        loop = asyncio.create_task(chat.app.outbox.run())
        try:
            await queue(chat, to_groups(1))
            await asyncio.wait_for(went.wait(), 5)
            await asyncio.sleep(IDLE * 4)
            assert stored(chat)["通知 0"][0] == "sent"
            went.clear()
            await queue(chat, [Outgoing("wechat", "最后一条", chat_id="g2")])
            await asyncio.wait_for(went.wait(), 5)
        finally:
            loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await loop
        assert stored(chat)["最后一条"][0] == "sent"


async def test_stopping_records_what_was_sent_so_a_restart_does_not_send_it_again(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'stop.db'}"
    async with TestChat(database_url=url, send_burst=5) as chat:
        await queue(chat, to_groups(1))  # queued after the last flush: stop() sends it
    assert texts(chat.sent) == ["通知 0"]
    # stop() also wrote that it went: a new process has nothing to send, even after the
    # lease runs out.
    async with TestChat(database_url=url, send_burst=5) as again:
        assert [s for s, _ in stored(again).values()] == ["sent"]
        assert await again.advance(timedelta(minutes=5)) == []
        assert again.sent == []
