"""Calling OneBot v11 actions: over a reverse WebSocket with echo correlation, or
through the implementation's HTTP API."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from typing import Any

import aiohttp
from aiohttp import web

log = logging.getLogger(__name__)

ROLES = ("Universal", "API", "Event")


class ActionError(Exception):
    """An action that could not be called or that the implementation refused."""


def result(frame: object, action: str) -> Any:
    """The `data` of a successful action response, else ActionError."""
    if not isinstance(frame, dict):
        raise ActionError(f"{action}: the answer is not an object")
    status, retcode = frame.get("status"), frame.get("retcode")
    if status in ("ok", "async") and retcode in (0, 1):
        return frame.get("data")
    wording = frame.get("wording") or frame.get("msg") or ""
    raise ActionError(f"{action} failed: status {status!r}, retcode {retcode!r} {wording}".strip())


class WsConnection:
    """One reverse WebSocket of one account; actions go out as frames and their answers
    come back with the same echo."""

    def __init__(self, self_id: str, role: str, ws: web.WebSocketResponse, peer: str) -> None:
        self.self_id = self_id
        self.role = role
        self.ws = ws
        self.peer = peer
        self._pending: dict[str, asyncio.Future[Any]] = {}
        self._echo = itertools.count(1)

    @property
    def calls_actions(self) -> bool:
        return self.role in ("Universal", "API")

    @property
    def sends_events(self) -> bool:
        return self.role in ("Universal", "Event")

    def overlaps(self, other: WsConnection) -> bool:
        return (self.calls_actions and other.calls_actions) or (
            self.sends_events and other.sends_events
        )

    async def call(self, action: str, params: dict[str, Any], time_limit: float) -> Any:
        """Send the action and wait for its answer; ActionError on failure or timeout."""
        if self.ws.closed:
            raise ActionError(f"{action}: the connection of account {self.self_id} is closed")
        echo = f"wzl-{next(self._echo)}"
        waiter: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[echo] = waiter
        frame = {"action": action, "params": params, "echo": echo}
        try:
            await self.ws.send_str(json.dumps(frame, ensure_ascii=False))
            answer = await asyncio.wait_for(waiter, time_limit)
        except TimeoutError:
            raise ActionError(
                f"{action}: no answer from account {self.self_id} in {time_limit:g} s"
            ) from None
        except (ConnectionError, RuntimeError) as exc:
            raise ActionError(
                f"{action}: sending on account {self.self_id} failed: {exc}"
            ) from None
        finally:
            self._pending.pop(echo, None)
        return result(answer, action)

    def answer(self, frame: dict[str, Any]) -> bool:
        """Hand an action response to its caller; False when nobody waits for that echo."""
        echo = frame.get("echo")
        waiter = self._pending.get(echo) if isinstance(echo, str) else None
        if waiter is None or waiter.done():
            return False
        waiter.set_result(frame)
        return True

    def fail_pending(self) -> None:
        for waiter in self._pending.values():
            if not waiter.done():
                waiter.set_exception(ActionError(f"account {self.self_id} disconnected"))
        self._pending.clear()


async def http_call(
    session: aiohttp.ClientSession,
    api_root: str,
    token: str,
    action: str,
    params: dict[str, Any],
    time_limit: float,
) -> Any:
    """Call an action on the implementation's HTTP API; its data, or ActionError."""
    url = f"{api_root.rstrip('/')}/{action}"
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        async with session.post(
            url, json=params, headers=headers, timeout=aiohttp.ClientTimeout(total=time_limit)
        ) as resp:
            if resp.status != 200:
                raise ActionError(f"{action}: HTTP {resp.status} from the OneBot HTTP API")
            body = await resp.read()
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise ActionError(f"{action}: the OneBot HTTP API is unreachable: {exc!r}") from None
    try:
        frame = json.loads(body)
    except (ValueError, RecursionError):
        raise ActionError(f"{action}: the OneBot HTTP API answered with no JSON") from None
    return result(frame, action)
