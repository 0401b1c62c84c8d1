"""A fake OneBot v11 implementation (as NapCat or Lagrange would behave): it connects to
the bot's reverse WebSocket, pushes events and answers the actions it is sent."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

import aiohttp

from bot.adapters.onebot.cq import Segment, at_segment, text_segment, to_cq

Action = dict[str, Any]


def reply_segment(message_id: int | str) -> Segment:
    return {"type": "reply", "data": {"id": str(message_id)}}


class FakeOneBot:
    """One QQ account of a fake implementation, reporting in `fmt` ("array" or "string")."""

    def __init__(
        self,
        url: str,
        self_id: str = "10001",
        *,
        token: str = "",
        fmt: str = "array",
        role: str = "Universal",
        answer: bool = True,
        retcode: int = 0,
    ) -> None:
        self.url = url
        self.self_id = self_id
        self.token = token
        self.fmt = fmt
        self.role = role
        self.answer = answer
        self.retcode = retcode
        self.actions: list[Action] = []
        self.messages: dict[int, dict[str, Any]] = {}  # message_id -> event, for get_msg
        self.closed = asyncio.Event()
        self.close_code: int | None = None
        self._ids = itertools.count(1001)
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Condition()

    def headers(self) -> dict[str, str]:
        h = {"X-Self-ID": self.self_id, "X-Client-Role": self.role, "User-Agent": "FakeOneBot/11"}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        return h

    async def connect(self) -> None:
        """Connect as the v11 reverse WebSocket client does, and say hello."""
        self._session = aiohttp.ClientSession()
        self._ws = await self._session.ws_connect(self.url, headers=self.headers())
        self.closed.clear()
        self._reader = asyncio.create_task(self._read())
        await self.push(self._meta("lifecycle", sub_type="connect"))

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    async def push(self, payload: dict[str, Any]) -> None:
        await self.push_raw(json.dumps(payload, ensure_ascii=False))

    async def push_raw(self, frame: str) -> None:
        assert self._ws is not None
        await self._ws.send_str(frame)

    async def heartbeat(self) -> None:
        await self.push(
            self._meta("heartbeat", status={"online": True, "good": True}, interval=5000)
        )

    def group_message(
        self,
        group_id: str,
        user_id: str,
        segments: list[Segment],
        *,
        card: str = "",
        nickname: str = "",
        message_id: int | None = None,
    ) -> dict[str, Any]:
        """A group message event as v11 gives it, in this account's message format."""
        mid = message_id if message_id is not None else next(self._ids)
        raw = to_cq(segments)
        event = {
            "time": int(time.time()),
            "self_id": int(self.self_id),
            "post_type": "message",
            "message_type": "group",
            "sub_type": "normal",
            "message_id": mid,
            "group_id": int(group_id),
            "user_id": int(user_id),
            "anonymous": None,
            "message": segments if self.fmt == "array" else raw,
            "raw_message": raw,
            "font": 0,
            "sender": {
                "user_id": int(user_id),
                "nickname": nickname,
                "card": card,
                "role": "member",
            },
        }
        self.messages[mid] = event
        return event

    async def say(
        self,
        group_id: str,
        user_id: str,
        text: str,
        *,
        card: str = "",
        nickname: str = "",
        reply_to: int | None = None,
        at: tuple[str, ...] = (),
    ) -> int:
        """A resident writes `text` in a group (quoting `reply_to`, @-ing `at`); its id."""
        segments: list[Segment] = []
        if reply_to is not None:
            segments.append(reply_segment(reply_to))
        for qq in at:
            segments += [at_segment(qq), text_segment(" ")]
        segments.append(text_segment(text))
        event = self.group_message(group_id, user_id, segments, card=card, nickname=nickname)
        await self.push(event)
        return int(event["message_id"])

    async def wait_for(
        self, count: int, action: str = "send_group_msg", wait: float = 5.0
    ) -> list[Action]:
        """Wait (boundedly) until `count` actions of that kind were received; all of them."""

        def enough() -> bool:
            return len(self.of(action)) >= count

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(enough), wait)
        return self.of(action)

    def of(self, action: str) -> list[Action]:
        return [a for a in self.actions if a.get("action") == action]

    async def _read(self) -> None:
        assert self._ws is not None
        async for msg in self._ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            self.actions.append(frame)
            if self.answer:
                await self._ws.send_str(json.dumps(self._answer(frame), ensure_ascii=False))
            async with self._changed:
                self._changed.notify_all()
        self.close_code = self._ws.close_code
        self.closed.set()

    def _answer(self, frame: Action) -> dict[str, Any]:
        action, params = frame.get("action"), frame.get("params") or {}
        data: Any = None
        if self.retcode != 0:
            return {
                "status": "failed",
                "retcode": self.retcode,
                "data": None,
                "echo": frame.get("echo"),
            }
        if action in ("send_group_msg", "send_private_msg"):
            mid = next(self._ids)
            data = {"message_id": mid}
            self.messages[mid] = {"message_id": mid, "message": params.get("message")}
        elif action == "get_msg":
            data = self.messages.get(int(params.get("message_id", 0)))
        elif action == "get_group_member_info":
            data = {
                "group_id": params.get("group_id"),
                "user_id": params.get("user_id"),
                "nickname": "李阿姨",
                "card": "3栋 李阿姨",
                "role": "member",
            }
        return {"status": "ok", "retcode": 0, "data": data, "echo": frame.get("echo")}

    def _meta(self, kind: str, **fields: Any) -> dict[str, Any]:
        return {
            "time": int(time.time()),
            "self_id": int(self.self_id),
            "post_type": "meta_event",
            "meta_event_type": kind,
            **fields,
        }


def texts_of(actions: list[Action]) -> list[str]:
    """The text the bot sent in each action (its text segments joined)."""
    return [
        "".join(s["data"]["text"] for s in a["params"]["message"] if s["type"] == "text")
        for a in actions
    ]


def ats_of(action: Action) -> list[str]:
    return [s["data"]["qq"] for s in action["params"]["message"] if s["type"] == "at"]
