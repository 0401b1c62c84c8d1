"""The OneBot endpoints against a fake implementation: who may connect, what reaches the
core, how the bot's messages go out, and what survives bad input and reconnection."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import io
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

import aiohttp
import pytest
from aiohttp import web

from bot.adapters.base import SendError
from bot.adapters.onebot import HTTP_PATH, WS_PATH, OneBotAdapter
from bot.adapters.onebot.adapter import MAX_FRAME
from bot.app import App
from bot.clock import SimClock
from bot.dispatcher import Dispatcher
from bot.events import Event, Outgoing
from bot.settings import Settings
from bot.testing import SHANGHAI_START
from tests.adapters.fake_onebot import FakeOneBot, ats_of, texts_of

GROUP = "777001"
RESIDENT = "20002"


class CoreStub:
    """Stands in for the App: a real dispatcher and clock; records the events it gets."""

    def __init__(self) -> None:
        self.dispatcher = Dispatcher()
        self.clock = SimClock(SHANGHAI_START)
        self.events: list[Event] = []
        self._changed = asyncio.Condition()

    async def handle(self, event: Event) -> bool:
        async with self._changed:
            self.events.append(event)
            self._changed.notify_all()
        return True

    async def wait_events(self, count: int) -> list[Event]:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.events) >= count), 5)
        return self.events


@dataclass
class Served:
    adapter: OneBotAdapter
    core: CoreStub
    base: str

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.adapter.port}{WS_PATH}"

    @property
    def http_url(self) -> str:
        return f"{self.base}{HTTP_PATH}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def serving(action_timeout: float = 2.0, **settings: Any) -> AsyncIterator[Served]:
    conf = Settings(_env_file=None, onebot_port=free_port(), **settings)  # type: ignore[call-arg]
    adapter = OneBotAdapter(conf, action_timeout=action_timeout)
    core = CoreStub()
    await adapter.start(cast(App, core))
    try:
        yield Served(adapter, core, f"http://127.0.0.1:{adapter.port}")
    finally:
        await adapter.stop()
        await core.dispatcher.shutdown()


@asynccontextmanager
async def connected(served: Served, **options: Any) -> AsyncIterator[FakeOneBot]:
    fake = FakeOneBot(served.ws_url, **options)
    await fake.connect()
    try:
        yield fake
    finally:
        await fake.close()


async def until(condition: Any, tries: int = 500) -> None:
    """Poll a condition on real I/O, boundedly (the adapter has nothing to wait on)."""
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition never came true")


def to_group(text: str, mentions: tuple[str, ...] = (), account: str = "") -> Outgoing:
    return Outgoing(platform="qq", text=text, chat_id=GROUP, mentions=mentions, account=account)


@pytest.mark.parametrize("fmt", ["array", "string"])
async def test_a_group_message_reaches_the_core_in_either_format(fmt: str) -> None:
    async with serving() as served, connected(served, fmt=fmt) as fake:
        await fake.say(GROUP, RESIDENT, "3栋电梯坏了 [急]", card="李阿姨", nickname="lily")
        await fake.say(GROUP, "20003", "我来认领", nickname="老王", reply_to=1001, at=("10001",))
        first, second = await served.core.wait_events(2)
    assert (first.platform, first.chat_id, first.user_id) == ("qq", GROUP, RESIDENT)
    assert (first.user_name, first.text, first.account) == ("李阿姨", "3栋电梯坏了 [急]", "10001")
    assert (second.user_name, second.text, second.reply_to) == ("老王", "我来认领", "1001")
    assert second.to_me and not first.to_me
    assert first.ts == SHANGHAI_START


async def test_the_bot_mentions_with_real_at_segments_and_returns_the_message_id() -> None:
    async with serving() as served, connected(served) as fake:
        mid = await served.adapter.send(to_group("请认领 #1", ("20003", "20004")))
        [action] = fake.of("send_group_msg")
    assert action["params"]["group_id"] == int(GROUP)
    assert ats_of(action) == ["20003", "20004"]
    assert texts_of([action]) == ["  请认领 #1"]
    assert mid is not None and int(mid) in fake.messages


async def test_a_cq_code_typed_by_a_resident_goes_out_only_as_text() -> None:
    async with serving() as served, connected(served) as fake:
        await served.adapter.send(to_group("已登记：[CQ:at,qq=all] 大家看", ("20003",)))
        [action] = fake.of("send_group_msg")
    assert ats_of(action) == ["20003"]
    assert texts_of([action]) == [" 已登记：[CQ:at,qq=all] 大家看"]


async def test_a_private_message_goes_out_through_send_private_msg() -> None:
    async with serving() as served, connected(served) as fake:
        await served.adapter.send(Outgoing(platform="qq", text="请验收 #1", user_id=RESIDENT))
        [action] = fake.of("send_private_msg")
    assert action["params"]["user_id"] == int(RESIDENT)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"X-Self-ID": "10001"}, 401),
        ({"X-Self-ID": "10001", "Authorization": "Bearer wrong"}, 403),
        ({"X-Self-ID": "10001", "Authorization": "Basic s3cret"}, 401),
        ({"Authorization": "Bearer s3cret"}, 400),
        ({"X-Self-ID": "lily", "Authorization": "Bearer s3cret"}, 400),
        ({"X-Self-ID": "10001", "X-Client-Role": "Boss", "Authorization": "Bearer s3cret"}, 400),
    ],
)
async def test_a_connection_without_the_right_credentials_is_refused(
    headers: dict[str, str], status: int
) -> None:
    async with serving(onebot_access_token="s3cret") as served, aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(served.ws_url, headers=headers)
        assert refused.value.status == status
        assert served.adapter.accounts == ()


@pytest.mark.parametrize("auth", ["Bearer s3cret", "Token s3cret"])
async def test_the_token_is_accepted_in_either_form_and_on_the_trailing_slash_path(
    auth: str,
) -> None:
    async with serving(onebot_access_token="s3cret") as served, aiohttp.ClientSession() as http:
        headers = {"X-Self-ID": "10001", "Authorization": auth}
        async with http.ws_connect(served.ws_url + "/", headers=headers):
            await until(lambda: served.adapter.accounts == ("10001",))


def signed(body: bytes, secret: str) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
    return {"X-Signature": f"sha1={digest}", "X-Self-ID": "10001"}


def http_event(text: str, message_id: int) -> bytes:
    fake = FakeOneBot("", fmt="string")
    segments = [{"type": "text", "data": {"text": text}}]
    event = fake.group_message(GROUP, RESIDENT, segments, nickname="李阿姨", message_id=message_id)
    return json.dumps(event).encode()


async def test_http_post_needs_the_signature_of_its_body() -> None:
    body = http_event("3栋电梯坏了", 5)
    async with serving(onebot_secret="hush") as served, aiohttp.ClientSession() as http:
        missing = await http.post(served.http_url, data=body, headers={"X-Self-ID": "10001"})
        wrong = await http.post(served.http_url, data=body, headers=signed(body + b" ", "hush"))
        other_key = await http.post(served.http_url, data=body, headers=signed(body, "nope"))
        good = await http.post(served.http_url, data=body, headers=signed(body, "hush"))
        [event] = await served.core.wait_events(1)
    assert (missing.status, wrong.status, other_key.status, good.status) == (401, 403, 403, 204)
    assert (event.text, event.chat_id, event.message_id) == ("3栋电梯坏了", GROUP, "5")


async def test_http_post_without_a_secret_checks_the_access_token() -> None:
    body = http_event("3栋电梯坏了", 5)
    async with serving(onebot_access_token="s3cret") as served, aiohttp.ClientSession() as http:
        bare = await http.post(served.http_url, data=body, headers={"X-Self-ID": "10001"})
        good = await http.post(
            served.http_url,
            data=body,
            headers={"X-Self-ID": "10001", "Authorization": "Bearer s3cret"},
        )
        await served.core.wait_events(1)
    assert (bare.status, good.status) == (401, 204)


async def test_a_10_mb_http_body_is_refused_and_the_next_post_still_taken() -> None:
    huge = b'{"post_type": "message", "x": "' + b"a" * (10 * 1024 * 1024) + b'"}'
    async with serving(onebot_secret="hush") as served, aiohttp.ClientSession() as http:
        too_big = await http.post(
            served.http_url, data=io.BytesIO(huge), headers=signed(huge, "hush")
        )
        body = http_event("3栋电梯坏了", 6)
        good = await http.post(served.http_url, data=body, headers=signed(body, "hush"))
        await served.core.wait_events(1)
    assert (too_big.status, good.status) == (413, 204)


async def test_malformed_http_bodies_are_refused() -> None:
    async with serving(onebot_secret="hush") as served, aiohttp.ClientSession() as http:
        statuses = []
        for body in (b"not json", b"[1, 2]", b'{"post_type": "message"}'):
            headers = signed(body, "hush")
            del headers["X-Self-ID"]
            statuses.append((await http.post(served.http_url, data=body, headers=headers)).status)
    assert statuses == [400, 400, 400]


async def test_malformed_frames_are_dropped_and_the_connection_stays_up() -> None:
    async with serving() as served, connected(served) as fake:
        for frame in ("not json", "[1, 2]", "[" * 100_000, '"text"', "{}", '{"echo": "wzl-999"}'):
            await fake.push_raw(frame)
        bad = fake.group_message(GROUP, RESIDENT, [{"type": "text", "data": {"text": "x"}}])
        for field, value in (("user_id", "lily"), ("group_id", None), ("message", 5)):
            await fake.push({**bad, field: value})
        await fake.heartbeat()
        await fake.push({"post_type": "notice", "notice_type": "group_upload", "self_id": 10001})
        await fake.say(GROUP, "10001", "机器人自己的话")
        await fake.say(GROUP, RESIDENT, "3栋电梯坏了")
        [event] = await served.core.wait_events(1)
        await asyncio.sleep(0.05)
        assert len(served.core.events) == 1
        assert event.text == "3栋电梯坏了"
        assert not fake.closed.is_set()


async def test_a_10_mb_frame_is_dropped_and_the_connection_stays_up() -> None:
    async with serving() as served, connected(served) as fake:
        pad = "a" * (10 * 1024 * 1024)
        huge = fake.group_message(GROUP, RESIDENT, [{"type": "text", "data": {"text": pad}}])
        await fake.push(huge)
        await fake.say(GROUP, RESIDENT, "3栋电梯坏了")
        [event] = await served.core.wait_events(1)
        assert event.text == "3栋电梯坏了"
        assert not fake.closed.is_set()


async def test_a_frame_beyond_the_hard_cap_closes_the_connection_and_the_reconnected_one_works() -> (
    None
):
    async with serving() as served:
        fake = FakeOneBot(served.ws_url)
        await fake.connect()
        with contextlib.suppress(ConnectionError):
            await fake.push_raw('{"post_type": "x", "pad": "' + "a" * (MAX_FRAME + 1) + '"}')
        await asyncio.wait_for(fake.closed.wait(), 5)
        await fake.close()
        assert fake.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        await fake.connect()
        await fake.say(GROUP, RESIDENT, "3栋电梯坏了")
        await served.core.wait_events(1)
        await served.adapter.send(to_group("收到"))
        await fake.close()
    assert texts_of(fake.of("send_group_msg")) == ["收到"]


async def test_after_a_reconnection_sends_go_through_the_new_connection() -> None:
    async with serving() as served:
        fake = FakeOneBot(served.ws_url)
        await fake.connect()
        await served.adapter.send(to_group("第一条"))
        await fake.close()
        await until(lambda: served.adapter.accounts == ())
        with pytest.raises(SendError) as offline:
            await served.adapter.send(to_group("掉线时"))
        assert offline.value.retry
        await fake.connect()
        await until(lambda: served.adapter.accounts == ("10001",))
        await served.adapter.send(to_group("第二条"))
        await fake.close()
    assert texts_of(fake.of("send_group_msg")) == ["第一条", "第二条"]


async def test_a_second_connection_for_the_same_account_replaces_the_first() -> None:
    async with serving() as served, connected(served) as old, connected(served) as new:
        await asyncio.wait_for(old.closed.wait(), 5)
        await served.adapter.send(to_group("新连接"))
        assert served.adapter.accounts == ("10001",)
        assert old.close_code == 4000
        assert texts_of(new.of("send_group_msg")) == ["新连接"]
        assert old.of("send_group_msg") == []


async def test_an_event_only_and_an_api_connection_of_one_account_live_side_by_side() -> None:
    async with (
        serving() as served,
        connected(served, role="Event") as events,
        connected(served, role="API") as api,
    ):
        await events.say(GROUP, RESIDENT, "3栋电梯坏了")
        await served.core.wait_events(1)
        await served.adapter.send(to_group("收到"))
        assert not events.closed.is_set()
        assert texts_of(api.of("send_group_msg")) == ["收到"]


async def test_each_message_goes_out_through_its_account() -> None:
    async with (
        serving() as served,
        connected(served, self_id="10001") as one,
        connected(served, self_id="10002") as two,
    ):
        await two.say(GROUP, RESIDENT, "3栋电梯坏了")
        await served.core.wait_events(1)
        await served.adapter.send(to_group("群里最后见到的账号"))
        await served.adapter.send(to_group("指定账号", account="10001"))
        with pytest.raises(SendError):
            await served.adapter.send(Outgoing(platform="qq", text="谁发？", chat_id="888"))
        assert texts_of(two.of("send_group_msg")) == ["群里最后见到的账号"]
        assert texts_of(one.of("send_group_msg")) == ["指定账号"]


async def test_an_unanswered_action_times_out_into_a_retry() -> None:
    async with serving(action_timeout=0.2) as served, connected(served, answer=False) as fake:
        with pytest.raises(SendError) as failed:
            await served.adapter.send(to_group("有人吗"))
        assert failed.value.retry
        assert len(fake.of("send_group_msg")) == 1


async def test_a_failed_retcode_is_a_send_error_to_retry() -> None:
    async with serving() as served, connected(served, retcode=1200):
        with pytest.raises(SendError) as failed:
            await served.adapter.send(to_group("被拒"))
    assert failed.value.retry and "1200" in str(failed.value)


async def test_a_group_that_is_not_a_qq_number_is_never_retried() -> None:
    async with serving() as served:
        with pytest.raises(SendError) as failed:
            await served.adapter.send(Outgoing(platform="qq", text="x", chat_id="wx-room"))
    assert not failed.value.retry


async def test_get_msg_and_get_group_member_info_are_answered_over_the_socket() -> None:
    async with serving() as served, connected(served) as fake:
        mid = await fake.say(GROUP, RESIDENT, "3栋电梯坏了")
        quoted = await served.adapter.get_msg(str(mid))
        member = await served.adapter.get_group_member_info(GROUP, RESIDENT)
        await served.adapter.get_msg("-2147483000")  # go-cqhttp's ids may be negative
    assert quoted["raw_message"] == "3栋电梯坏了"
    assert fake.of("get_msg")[-1]["params"] == {"message_id": -2147483000}
    assert member["card"] == "3栋 李阿姨"


async def test_without_a_socket_actions_go_to_the_http_api_with_the_token() -> None:
    calls: list[tuple[str, str, Any]] = []

    async def api(request: web.Request) -> web.Response:
        calls.append((request.path, request.headers.get("Authorization", ""), await request.json()))
        return web.json_response({"status": "ok", "retcode": 0, "data": {"message_id": 9}})

    api_app = web.Application()
    api_app.router.add_post("/{action}", api)
    runner = web.AppRunner(api_app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with serving(
            onebot_api_root=f"http://127.0.0.1:{port}/", onebot_access_token="s3cret"
        ) as served:
            mid = await served.adapter.send(to_group("经 HTTP 发出", ("20003",)))
    finally:
        await runner.cleanup()
    [(path, auth, params)] = calls
    assert (path, auth, mid) == ("/send_group_msg", "Bearer s3cret", "9")
    assert params["message"][0] == {"type": "at", "data": {"qq": "20003"}}


async def test_stop_closes_the_connections_and_leaves_nothing_running() -> None:
    async with serving() as served:
        fake = FakeOneBot(served.ws_url)
        await fake.connect()
        await fake.say(GROUP, RESIDENT, "3栋电梯坏了")
        await served.core.wait_events(1)
        await served.adapter.stop()
        await asyncio.wait_for(fake.closed.wait(), 5)
        await fake.close()
        await served.core.dispatcher.shutdown()
        assert served.core.dispatcher.pending_tasks == 0
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.ClientConnectionError):
                await http.ws_connect(served.ws_url, headers=fake.headers())
