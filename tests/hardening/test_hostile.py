"""The hostile corpus (tests/hardening/corpus/*.jsonl): chat texts from residents and
secretaries, transcript lines, OneBot v11 frames and WeChat messages. Each entry says
what it expects (ignored, answered, refused, or any); for every one nothing escapes,
nothing hangs, no traceback or internals reach a chat, nobody is mentioned on a
resident's say-so, and data changes only where the entry allows it."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlmodel import select

from bot.adapters.onebot.adapter import OneBotAdapter
from bot.adapters.recorder import Sent
from bot.adapters.wechaty import WechatyAdapter
from bot.replay import run_replay
from bot.testing import TestChat
from storage.models import Community, Member, Task
from tests.hardening.kit import PEOPLE, check_sends, snapshot, tracebacks

CORPUS = Path(__file__).resolve().parent / "corpus"
GUARDED = (
    "community",
    "chat_group",
    "member",
    "task",
    "task_reporter",
    "task_event",
    "schedule",
    "quiet_hours",
)
WHO = {"resident": "wx_li", "secretary": "wx_lei", "party": "wx_zhang"}
QQ_GROUP, QQ_SELF = "20001", "10001"
LIMIT = 10.0  # seconds one entry may take before it counts as a hang


def load(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()]


def expand(value: str, entry: dict[str, Any]) -> str:
    """Markers like @@1@@ stand for long repeats, so the corpus stays small."""
    for marker, how in entry.get("expand", {}).items():
        value = value.replace(marker, how["text"] * how["times"])
    return value


def test_the_corpus_has_at_least_a_hundred_entries_each_with_an_expectation() -> None:
    entries = [
        e for name in ("chat", "transcript", "onebot", "wechat") for e in load(f"{name}.jsonl")
    ]
    assert len(entries) >= 100
    assert all(
        e["expect"] in ("ignored", "answered", "refused", "any", "skipped", "kept") for e in entries
    )
    assert all(e.get("note") for e in entries)


@dataclass
class World:
    chat: TestChat
    members: set[str]


@pytest.fixture
async def world() -> AsyncIterator[World]:
    async with TestChat(send_burst=1000, send_rate_per_second=100) as chat:
        await chat.compound(people=PEOPLE)
        await chat.compound(name="金阳小区", group=QQ_GROUP, platform="qq")
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "5栋2单元楼道灯不亮")
        await chat.say("wx_zhang", "认领 2")
        yield World(chat, set(PEOPLE))


def _verdict(
    entry: dict[str, Any], sent: list[Sent], changed: list[str], members: set[str]
) -> list[str]:
    problems = check_sends(sent, members, cq_ok=entry.get("cq_ok", False))
    expect = entry["expect"]
    if expect == "ignored" and sent:
        problems.append(f"expected no answer, got {[s.msg.text[:80] for s in sent]}")
    if expect in ("answered", "refused") and not sent:
        problems.append("expected an answer, got none")
    allowed = set(entry.get("changes", ())) if expect != "refused" else set()
    if "task" in allowed:  # a task comes with its reporters, events and the next number
        allowed |= {"task_reporter", "task_event", "community"}
    if set(changed) - allowed:
        problems.append(f"changed {sorted(set(changed) - allowed)}")
    return problems


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [t for t in GUARDED if before[t] != after[t]]


async def _drain(chat: TestChat) -> None:
    """Wait for what an adapter spawned, then send what is due."""
    for _ in range(int(LIMIT / 0.01)):
        if chat.app.dispatcher.pending_tasks == 0:
            break
        await asyncio.sleep(0.01)
    await chat.app.outbox.flush()


def _report(failures: list[str], known: list[str] = ()) -> None:  # type: ignore[assignment]
    """Fail on anything new; entries marked with a known bug (reported, in someone
    else's code) make the test xfail while they still misbehave."""
    assert not failures, "\n".join(failures)
    if known:
        pytest.xfail("known bugs: " + "; ".join(known))


async def test_chat_texts(world: World, caplog: pytest.LogCaptureFixture) -> None:
    chat, failures, known = world.chat, [], []
    for n, entry in enumerate(load("chat.jsonl"), 1):
        text = expand(entry["text"], entry) * entry.get("repeat", 1) + entry.get("tail", "")
        before = snapshot(chat.app.db, GUARDED)
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            try:
                sent = await asyncio.wait_for(
                    chat.say(WHO[entry["who"]], text, msg_id=f"h{n}"), LIMIT
                )
            except TimeoutError:
                failures.append(f"chat {n} ({entry['note']}): hung")
                continue
        problems = _verdict(
            entry, sent, _changed(before, snapshot(chat.app.db, GUARDED)), world.members
        )
        problems += tracebacks(caplog.records)
        found = [f"chat {n} ({entry['note']}): {p}" for p in problems]
        (known if entry.get("bug") else failures).extend(found)
    _report(failures, known)


async def test_transcript_lines() -> None:
    entries = load("transcript.jsonl")
    header = [
        {"op": "community", "name": "锦春小区", "street": "璧泉街道"},
        {"op": "bind", "platform": "wechat", "group": "g1", "community": "锦春小区"},
        {
            "op": "member",
            "platform": "wechat",
            "user": "wx_lei",
            "name": "雷书记",
            "role": "secretary",
            "community": "锦春小区",
        },
        {
            "ts": "2026-03-16T09:00:00+08:00",
            "platform": "wechat",
            "group": "g1",
            "user": "wx_li",
            "text": "大家好",
            "msg_id": "h0",
        },
    ]
    lines = [json.dumps(h, ensure_ascii=False) for h in header] + [
        expand(e["line"], e) for e in entries
    ]
    from bot.settings import Settings

    settings = Settings(
        _env_file=None, database_url="sqlite://", send_burst=1000, send_rate_per_second=100
    )  # type: ignore[call-arg]
    out, err = io.StringIO(), io.StringIO()
    status = await asyncio.wait_for(run_replay(lines, settings, out, err), 60)
    assert status == 1
    skipped = {
        int(line.split(":")[0].removeprefix("line ")) for line in err.getvalue().splitlines()
    }
    expected = {len(header) + i for i, e in enumerate(entries, 1) if e["expect"] == "skipped"}
    wrong = [
        f"line {n} ({entries[n - len(header) - 1]['note']}): "
        f"{'skipped' if n in skipped else 'kept'}, expected the other"
        for n in sorted(skipped ^ expected)
    ]
    assert not wrong, "\n".join(wrong)
    assert "Traceback" not in err.getvalue()
    for line in err.getvalue().splitlines():
        assert len(line) < 300, line  # one readable line, never the whole input echoed
    for line in out.getvalue().splitlines():
        sent = json.loads(line)
        assert "[CQ:" not in sent["text"] and "all" not in sent["mentions"], sent


async def test_onebot_frames(world: World, caplog: pytest.LogCaptureFixture) -> None:
    chat, failures = world.chat, []
    adapter = OneBotAdapter(chat.settings)
    adapter._app = chat.app  # the translation layer alone, as a connection would feed it
    conn = SimpleNamespace(self_id=QQ_SELF, sends_events=True, answer=lambda payload: False)
    for n, entry in enumerate(load("onebot.jsonl"), 1):
        frame = expand(entry["frame"], entry)
        before, mark = snapshot(chat.app.db, GUARDED), len(chat.sent)
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            try:
                adapter._frame(conn, frame)  # type: ignore[arg-type]
                await asyncio.wait_for(_drain(chat), LIMIT)
            except Exception as exc:  # what escapes is the failure
                failures.append(f"onebot {n} ({entry['note']}): {type(exc).__name__}: {exc!s:.200}")
                continue
        sent = chat.sent[mark:]
        changed = _changed(before, snapshot(chat.app.db, GUARDED))
        if entry["expect"] == "any":
            entry = {"changes": ["task"], **entry}  # a report may file a task
        problems = _verdict(entry, sent, changed, world.members)
        problems += tracebacks(caplog.records)
        failures += [f"onebot {n} ({entry['note']}): {p}" for p in problems]
    _report(failures)


class Kind(Enum):
    MESSAGE_TYPE_TEXT = 7
    MESSAGE_TYPE_IMAGE = 6


class _Contact:
    def __init__(self, contact_id: str, name: str) -> None:
        self.contact_id, self.name = contact_id, name

    async def ready(self) -> None:
        return None


class _Room:
    room_id = "g1"

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases

    async def ready(self) -> None:
        return None

    async def alias(self, member: _Contact) -> str | None:
        return self.aliases.get(member.contact_id)


class _Message:
    """What the adapter reads of a wechaty message."""

    def __init__(self, message_id: str, entry: dict[str, Any]) -> None:
        self.message_id = message_id
        self._talker = _Contact(entry.get("talker", "wx_li"), entry.get("name", "李阿姨"))
        self._room = _Room({}) if entry.get("room", True) else None
        self._text = expand(entry["text"], entry) if entry["text"] is not None else None
        self._kind = Kind[entry.get("kind", "MESSAGE_TYPE_TEXT")]
        self._mentions = [_Contact(m, m) for m in entry.get("mentions", ())]

    async def ready(self) -> None:
        return None

    def talker(self) -> _Contact:
        return self._talker

    def room(self) -> _Room | None:
        return self._room

    def text(self) -> str | None:
        return self._text

    def type(self) -> Kind:
        return self._kind

    async def mention_list(self) -> list[_Contact]:
        return self._mentions


async def test_wechat_messages(world: World, caplog: pytest.LogCaptureFixture) -> None:
    chat, failures = world.chat, []
    adapter = WechatyAdapter(chat.settings)
    adapter._app = chat.app
    adapter.self_id, adapter.self_name = "wxid_bot", "微治理"
    for n, entry in enumerate(load("wechat.jsonl"), 1):
        before, mark = snapshot(chat.app.db, GUARDED), len(chat.sent)
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            adapter.received(_Message(f"wx-{n}", entry))
            try:
                await asyncio.wait_for(_drain(chat), LIMIT)
            except TimeoutError:
                failures.append(f"wechat {n} ({entry['note']}): hung")
                continue
        sent = chat.sent[mark:]
        changed = _changed(before, snapshot(chat.app.db, GUARDED))
        if entry["expect"] == "any":
            entry = {"changes": ["task"], **entry}  # a report may file a task
        problems = _verdict(entry, sent, changed, world.members)
        problems += tracebacks(caplog.records)
        problems += [
            f"warned: {r.getMessage()[:120]}"
            for r in caplog.records
            if r.name.startswith("bot.adapters.wechaty")
        ]
        failures += [f"wechat {n} ({entry['note']}): {p}" for p in problems]
    _report(failures)


async def test_nothing_the_corpus_did_touched_the_other_compound_or_made_anyone_a_member(
    world: World,
) -> None:
    chat = world.chat
    for n, entry in enumerate(load("chat.jsonl"), 1):
        text = expand(entry["text"], entry) * entry.get("repeat", 1)
        await asyncio.wait_for(chat.say(WHO[entry["who"]], text, msg_id=f"x{n}"), LIMIT)
    with chat.app.db.session() as s:
        assert {m.user_id for m in s.exec(select(Member))} == set(PEOPLE)
        assert [c.name for c in s.exec(select(Community).order_by(Community.id))] == [
            "锦春小区",
            "金阳小区",
        ]
        assert all(t.community_id == 1 for t in s.exec(select(Task)))
