"""The WeChat adapter's translation, with wechaty-like fakes in place of a puppet service:
quote-replies, names, mentions, the bot's own messages, repeats, sends and failures."""

from __future__ import annotations

import asyncio
import itertools
import logging
import subprocess
import sys
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.base import SendError
from bot.adapters.wechaty import WechatyAdapter
from bot.events import Outgoing
from bot.testing import TestChat

ROOM = "jinchun@chatroom"
BOT = "wxid_bot"
ROOT = Path(__file__).resolve().parents[2]


class Kind(Enum):
    MESSAGE_TYPE_TEXT = 7
    MESSAGE_TYPE_IMAGE = 6


class Contact:
    def __init__(self, contact_id: str, name: str) -> None:
        self.contact_id = contact_id
        self.name = name

    async def ready(self) -> None:
        return None


class Message:
    def __init__(
        self,
        message_id: str,
        talker: Contact,
        room: Room | None,
        text: str,
        mentions: tuple[Contact, ...] = (),
        kind: Kind = Kind.MESSAGE_TYPE_TEXT,
    ) -> None:
        self.message_id = message_id
        self.payload = object()
        self._talker, self._room, self._text = talker, room, text
        self._mentions, self._kind = mentions, kind

    async def ready(self) -> None:
        return None

    def talker(self) -> Contact:
        return self._talker

    def room(self) -> Room | None:
        return self._room

    def text(self) -> str:
        return self._text

    def type(self) -> Kind:
        return self._kind

    async def mention_list(self) -> list[Contact]:
        return list(self._mentions)


class Room:
    def __init__(self, room_id: str, bot: Contact, aliases: dict[str, str]) -> None:
        self.room_id = room_id
        self.bot = bot
        self.aliases = aliases
        self.said: list[tuple[str, list[str] | None]] = []
        self.fail: Exception | None = None
        self._ids = itertools.count(1)

    async def ready(self) -> None:
        return None

    async def alias(self, member: Contact) -> str | None:
        return self.aliases.get(member.contact_id)

    async def say(self, text: str, mention_ids: list[str] | None = None) -> Message:
        if self.fail is not None:
            raise self.fail
        self.said.append((text, mention_ids))
        shown = " ".join("@" + m for m in mention_ids or ())
        return Message(f"sent-{next(self._ids)}", self.bot, self, f"{shown} {text}".strip())


class Puppet:
    channel = None

    async def stop(self) -> None:
        return None


class Loader:
    def __init__(self, things: dict[str, Any]) -> None:
        self.things = things

    def load(self, thing_id: str) -> Any:
        return self.things[thing_id]


class Bot:
    """What the adapter uses of a connected wechaty.Wechaty."""

    def __init__(self, room: Room, contacts: dict[str, Contact]) -> None:
        self.Room = Loader({room.room_id: room})
        self.Contact = Loader(contacts)
        self.puppet = Puppet()


PEOPLE = {
    "bot": Contact(BOT, "微治理"),
    "li": Contact("wxid_li", "李秀英"),
    "wang": Contact("wxid_wang", "王大爷"),
    "zhang": Contact("wxid_zhang", "张建国"),
    "lei": Contact("wxid_lei", "雷书记"),
}


class WeChat:
    """A room with the adapter connected to it through the fakes."""

    def __init__(self, chat: TestChat, adapter: WechatyAdapter, room: Room) -> None:
        self.chat, self.adapter, self.room = chat, adapter, room
        self._ids = itertools.count(1)

    def message(self, who: str, text: str, **kw: Any) -> Message:
        return Message(f"m{next(self._ids)}", PEOPLE[who], self.room, text, **kw)

    async def deliver(self, msg: Message, times: int = 1) -> list[tuple[str, list[str] | None]]:
        """Deliver `msg` as the puppet service would; what the bot then said in the room."""
        before = len(self.room.said)
        for _ in range(times):
            self.adapter.received(msg)
        # Each delivery is handled in a spawned task; the connection task stays.
        while self.chat.app.dispatcher.pending_tasks > 1:  # noqa: ASYNC110
            await asyncio.sleep(0.005)
        await self.chat.app.outbox.flush()
        return self.room.said[before:]


@pytest.fixture
async def wechat(monkeypatch: pytest.MonkeyPatch) -> Any:
    async with TestChat(send_burst=1000, send_rate_per_second=100) as chat:
        adapter = WechatyAdapter(chat.settings)
        room = Room(ROOM, PEOPLE["bot"], {"wxid_li": "3栋李阿姨", "wxid_zhang": "张党员"})

        async def connected() -> None:
            adapter.bot = Bot(room, {c.contact_id: c for c in PEOPLE.values()})
            adapter.self_id, adapter.self_name = BOT, "微治理"
            await asyncio.Event().wait()

        monkeypatch.setattr(adapter, "_session", connected)
        chat.app.add_adapter(adapter)
        await adapter.start(chat.app)
        await asyncio.sleep(0)
        await chat.compound(
            group=ROOM,
            people={"wxid_zhang": ("张党员", "party"), "wxid_lei": ("雷书记", "secretary")},
        )
        yield WeChat(chat, adapter, room)
        await adapter.stop()


async def test_a_room_message_carries_ids_and_the_room_alias_before_the_name(
    wechat: WeChat,
) -> None:
    event = await wechat.adapter.translate(wechat.message("li", "3栋电梯坏了"))
    assert event is not None
    assert (event.platform, event.chat_id, event.user_id) == ("wechat", ROOM, "wxid_li")
    assert event.user_name == "3栋李阿姨"
    assert (event.text, event.message_id, event.account) == ("3栋电梯坏了", "m1", BOT)
    assert event.reply_to is None and event.mentions == () and not event.to_me


async def test_the_contact_name_is_used_when_there_is_no_room_alias(wechat: WeChat) -> None:
    event = await wechat.adapter.translate(wechat.message("wang", "你好"))
    assert event is not None and event.user_name == "王大爷"


async def test_mentions_are_contact_ids_and_mentioning_the_bot_is_to_me(wechat: WeChat) -> None:
    msg = wechat.message("lei", "@微治理 @张党员 看一下", mentions=(PEOPLE["bot"], PEOPLE["zhang"]))
    event = await wechat.adapter.translate(msg)
    assert event is not None
    assert event.mentions == (BOT, "wxid_zhang") and event.to_me


async def test_private_and_non_text_messages_are_skipped(wechat: WeChat) -> None:
    private = Message("p1", PEOPLE["li"], None, "3栋电梯坏了")
    image = wechat.message("li", "", kind=Kind.MESSAGE_TYPE_IMAGE)
    assert await wechat.adapter.translate(private) is None
    assert await wechat.adapter.translate(image) is None


async def test_a_report_is_answered_once_however_often_wechat_delivers_it(wechat: WeChat) -> None:
    report = wechat.message("li", "3栋电梯坏了")
    said = await wechat.deliver(report, times=3)
    assert len(said) == 1 and "#1" in said[0][0]
    assert await wechat.adapter.translate(report) is None  # not even stored again
    again = await wechat.deliver(wechat.message("wang", "3栋电梯坏了，一直不动"))
    assert len(again) == 1 and "#1" in again[0][0] and "#2" not in again[0][0]


async def test_the_bots_own_messages_are_never_handled(wechat: WeChat) -> None:
    own = wechat.message("bot", "3栋电梯坏了")
    assert await wechat.adapter.translate(own) is None
    assert await wechat.deliver(wechat.message("bot", "5栋漏水了")) == []


async def test_a_quote_reply_points_at_the_quoted_message_and_claims_its_task(
    wechat: WeChat,
) -> None:
    report = wechat.message("li", "3栋电梯坏了")
    await wechat.deliver(report)
    quote = "「3栋李阿姨：3栋电梯坏了」\n- - - - - - - - - - - - - - -\n我来认领"
    event = await wechat.adapter.translate(wechat.message("zhang", quote))
    assert event is not None
    assert event.reply_to == report.message_id and event.text == "我来认领"
    said = await wechat.deliver(wechat.message("zhang", quote))
    assert len(said) == 1 and "#1" in said[0][0] and "张党员" in said[0][0]


async def test_a_quote_of_unknown_text_has_no_reply_to_but_loses_the_quote(
    wechat: WeChat,
) -> None:
    quote = "「李秀英：从没说过的话」\n------\n我来认领"
    event = await wechat.adapter.translate(wechat.message("zhang", quote))
    assert event is not None and event.reply_to is None and event.text == "我来认领"


async def test_a_quote_of_the_bots_answer_points_at_the_id_its_send_returned(
    wechat: WeChat,
) -> None:
    sent_id = await wechat.adapter.send(
        Outgoing("wechat", "已登记 #1【电梯】3栋：3栋电梯坏了。", chat_id=ROOM)
    )
    assert sent_id == "sent-1"
    quote = "「微治理：已登记 #1【电梯】3栋…」\n- - - - - -\n我来认领"
    event = await wechat.adapter.translate(wechat.message("zhang", quote))
    assert event is not None and event.reply_to == "sent-1"


async def test_sends_mention_people_by_contact_id(wechat: WeChat) -> None:
    msg = Outgoing("wechat", "请检查", chat_id=ROOM, mentions=("wxid_li", "wxid_wang"))
    assert await wechat.adapter.send(msg) == "sent-1"
    assert wechat.room.said == [("请检查", ["wxid_li", "wxid_wang"])]


async def test_a_failed_send_goes_back_to_the_outbox_and_is_retried(wechat: WeChat) -> None:
    wechat.room.fail = ConnectionResetError("stream reset")
    with pytest.raises(SendError) as refused:
        await wechat.adapter.send(Outgoing("wechat", "你好", chat_id=ROOM))
    assert refused.value.retry
    said = await wechat.deliver(wechat.message("li", "3栋电梯坏了"))
    assert said == []
    wechat.room.fail = None
    wechat.chat.clock.advance(timedelta(seconds=5))
    await wechat.chat.app.outbox.flush()
    assert len(wechat.room.said) == 1 and "#1" in wechat.room.said[0][0]


async def test_sending_while_disconnected_is_a_retryable_error(wechat: WeChat) -> None:
    wechat.adapter.bot = None
    with pytest.raises(SendError) as refused:
        await wechat.adapter.send(Outgoing("wechat", "你好", chat_id=ROOM))
    assert refused.value.retry


async def test_an_unreachable_service_is_logged_retried_and_stops_cleanly(
    caplog: pytest.LogCaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "wechaty"))
    monkeypatch.setenv("WECHATY_LOG", "error")
    async with TestChat(
        wechaty_puppet_service_token="t",
        wechaty_puppet_service_endpoint="127.0.0.1:9",
        data_dir=tmp_path,
    ) as chat:
        adapter = WechatyAdapter(chat.settings, backoff_start=0.01, backoff_cap=0.05)
        with caplog.at_level(logging.INFO, logger="bot.adapters.wechaty"):
            await adapter.start(chat.app)
            for _ in range(300):
                if caplog.text.count("cannot reach the WeChat puppet service") >= 2:
                    break
                await asyncio.sleep(0.01)
            await adapter.stop()
        assert caplog.text.count("cannot reach the WeChat puppet service") >= 2
        assert chat.app.dispatcher.pending_tasks == 0


def test_importing_wechaty_leaves_no_litter_in_the_working_directory(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from bot.adapters.wechaty_compat import load_wechaty\n"
        "w = load_wechaty(Path('data/wechaty').resolve())\n"
        "o = w.WechatyOptions(host='127.0.0.1', port=0)\n"
        "print(o.host)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "127.0.0.1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert (tmp_path / "data" / "wechaty").is_dir()
