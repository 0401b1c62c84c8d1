"""The QQ adapter: OneBot v11 implementations (NapCat, Lagrange, go-cqhttp, LLOneBot)
connect over reverse WebSocket or post events over HTTP; the bot calls actions back."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import WSMsgType, web

from bot.adapters.base import SendError
from bot.adapters.onebot.api import ROLES, ActionError, WsConnection, http_call
from bot.adapters.onebot.cq import is_qq_id, outgoing
from bot.adapters.onebot.translate import PLATFORM, FrameError, to_event
from bot.events import Outgoing
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

WS_PATH = "/onebot/v11/ws"
HTTP_PATH = "/onebot/v11/http"
MAX_BODY = 1024 * 1024  # larger events are dropped, with a log line
MAX_FRAME = 32 * 1024 * 1024  # larger WebSocket frames close the connection (aiohttp's cap)
CLOSE_REPLACED = 4000
CLOSE_WAIT = 2.0  # seconds a closing socket waits for the peer's close frame


class OneBotAdapter:
    """Serves the reverse WebSocket and HTTP POST endpoints and sends through whichever
    account a message belongs to."""

    platform = PLATFORM

    def __init__(
        self, settings: Settings, *, action_timeout: float = 10.0, max_body: int = MAX_BODY
    ) -> None:
        self.settings = settings
        self.action_timeout = action_timeout
        self.max_body = max_body
        self.port: int | None = None
        self._app: App | None = None
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self._conns: list[WsConnection] = []  # oldest first
        self._last_account: dict[str, str] = {}  # group id or "user:<id>" -> account

    @property
    def accounts(self) -> tuple[str, ...]:
        """The accounts that can take actions now."""
        return tuple(dict.fromkeys(c.self_id for c in self._conns if c.calls_actions))

    async def start(self, app: App) -> None:
        self._app = app
        web_app = web.Application(client_max_size=self.max_body)
        web_app.router.add_get(WS_PATH, self._ws_endpoint)
        web_app.router.add_get(WS_PATH + "/", self._ws_endpoint)
        web_app.router.add_post(HTTP_PATH, self._http_endpoint)
        web_app.router.add_post(HTTP_PATH + "/", self._http_endpoint)
        self._runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.onebot_host, self.settings.onebot_port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        if self.settings.onebot_api_root:
            self._http = aiohttp.ClientSession()
        log.info(
            "listening for OneBot v11 on ws://%s:%s%s and http://%s:%s%s",
            self.settings.onebot_host,
            self.port,
            WS_PATH,
            self.settings.onebot_host,
            self.port,
            HTTP_PATH,
        )
        if not self.settings.onebot_access_token and not self.settings.onebot_secret:
            log.warning(
                "ONEBOT_ACCESS_TOKEN and ONEBOT_SECRET are empty: anyone who can "
                "reach %s:%s can speak as QQ",
                self.settings.onebot_host,
                self.port,
            )

    async def stop(self) -> None:
        await asyncio.gather(
            *(
                c.ws.close(code=aiohttp.WSCloseCode.GOING_AWAY, message=b"bot stopping")
                for c in self._conns
            ),
            return_exceptions=True,
        )
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def send(self, msg: Outgoing) -> str | None:
        target = msg.chat_id if msg.chat_id is not None else msg.user_id or ""
        if not is_qq_id(target):
            raise SendError(f"{target!r} is not a QQ group or user number", retry=False)
        odd = [m for m in msg.mentions if not is_qq_id(m)]
        if odd:
            log.warning("not mentioning %s on QQ: not QQ numbers", ", ".join(odd))
        message = outgoing(msg.text, msg.mentions)
        if msg.chat_id is not None:
            action, key = "send_group_msg", target
            params: dict[str, Any] = {"group_id": int(target), "message": message}
        else:
            action, key = "send_private_msg", f"user:{target}"
            params = {"user_id": int(target), "message": message}
        try:
            data = await self.call(action, params, msg.account or self._last_account.get(key, ""))
        except ActionError as exc:
            raise SendError(str(exc), retry=True) from None
        message_id = data.get("message_id") if isinstance(data, dict) else None
        return None if message_id is None else str(message_id)

    async def call(self, action: str, params: dict[str, Any], account: str = "") -> Any:
        """An action's data, called on `account`'s socket (any account when only one is
        connected) or else on ONEBOT_API_ROOT; ActionError when neither can take it."""
        conn = self._connection(account)
        if conn is not None:
            return await conn.call(action, params, self.action_timeout)
        if self._http is not None:
            return await http_call(
                self._http,
                self.settings.onebot_api_root,
                self.settings.onebot_access_token,
                action,
                params,
                self.action_timeout,
            )
        raise ActionError(f"{action}: QQ account {account or '(any)'} is not connected")

    async def get_msg(self, message_id: str, account: str = "") -> Any:
        return await self.call("get_msg", {"message_id": _num(message_id)}, account)

    async def get_group_member_info(self, group_id: str, user_id: str, account: str = "") -> Any:
        params = {"group_id": _num(group_id), "user_id": _num(user_id), "no_cache": False}
        return await self.call("get_group_member_info", params, account)

    def _connection(self, account: str) -> WsConnection | None:
        live = [c for c in self._conns if c.calls_actions and not c.ws.closed]
        if account:
            live = [c for c in live if c.self_id == account]
        elif len({c.self_id for c in live}) != 1:
            return None
        return live[-1] if live else None

    async def _ws_endpoint(self, request: web.Request) -> web.StreamResponse:
        refused = self._check_token(request)
        if refused is not None:
            return refused
        self_id = request.headers.get("X-Self-ID", "").strip()
        if not is_qq_id(self_id):
            return _refuse(request, 400, "X-Self-ID is missing or not a QQ number")
        role = _role(request.headers.get("X-Client-Role", ""))
        if role is None:
            return _refuse(request, 400, "X-Client-Role is not Universal, API or Event")
        ws = web.WebSocketResponse(max_msg_size=MAX_FRAME, heartbeat=30.0, timeout=CLOSE_WAIT)
        if not ws.can_prepare(request).ok:
            return _refuse(request, 400, "not a WebSocket upgrade")
        await ws.prepare(request)
        conn = WsConnection(self_id, role, ws, request.remote or "?")
        self._register(conn)
        try:
            async for frame in ws:
                if frame.type is WSMsgType.TEXT:
                    self._frame(conn, frame.data)
                elif frame.type is WSMsgType.BINARY:
                    log.warning("dropped a binary frame from QQ account %s", self_id)
                elif frame.type is WSMsgType.ERROR:
                    log.warning(
                        "QQ account %s: bad frame, connection closed: %s", self_id, ws.exception()
                    )
        finally:
            if conn in self._conns:
                self._conns.remove(conn)
            conn.fail_pending()
            log.info("QQ account %s (%s) disconnected from %s", self_id, role, conn.peer)
        return ws

    def _register(self, conn: WsConnection) -> None:
        for old in [c for c in self._conns if c.self_id == conn.self_id and c.overlaps(conn)]:
            log.warning(
                "QQ account %s connected again (%s from %s); the newer connection replaces "
                "the one from %s",
                conn.self_id,
                conn.role,
                conn.peer,
                old.peer,
            )
            self._conns.remove(old)
            old.fail_pending()
            self._spawn(old.ws.close(code=CLOSE_REPLACED, message=b"replaced"), "onebot-close")
        self._conns.append(conn)
        log.info("QQ account %s connected (%s) from %s", conn.self_id, conn.role, conn.peer)

    def _frame(self, conn: WsConnection, data: str) -> None:
        if len(data) > self.max_body:
            log.warning(
                "dropped a frame of %d characters from QQ account %s (at most %d)",
                len(data),
                conn.self_id,
                self.max_body,
            )
            return
        try:
            payload = json.loads(data)
        except (ValueError, RecursionError):
            log.warning("dropped a frame from QQ account %s: not JSON", conn.self_id)
            return
        if not isinstance(payload, dict):
            log.warning("dropped a frame from QQ account %s: not an object", conn.self_id)
            return
        if "post_type" not in payload and "echo" in payload:
            if not conn.answer(payload):
                log.debug("QQ account %s answered an action nobody waits for", conn.self_id)
            return
        if conn.sends_events:
            self._event(payload, conn.self_id)

    def _event(self, payload: dict[str, Any], self_id: str) -> None:
        assert self._app is not None
        try:
            event = to_event(payload, self_id, self._app.clock.now())
        except FrameError as exc:
            log.warning("dropped an event from QQ account %s: %s", self_id, exc)
            return
        if event is None:
            return
        key = event.chat_id if event.chat_id is not None else f"user:{event.user_id}"
        self._last_account[key] = self_id
        self._spawn(self._app.handle(event), f"qq-{event.message_id}")

    def _spawn(self, coro: Any, name: str) -> None:
        assert self._app is not None
        self._app.dispatcher.spawn(coro, name=name)

    async def _http_endpoint(self, request: web.Request) -> web.StreamResponse:
        secret = self.settings.onebot_secret
        if not secret:
            refused = self._check_token(request)
            if refused is not None:
                return refused
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _refuse(request, 413, f"body over {self.max_body} bytes")
        if secret:
            refused = _check_signature(request, body, secret)
            if refused is not None:
                return refused
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return _refuse(request, 400, "body is not JSON")
        if not isinstance(payload, dict):
            return _refuse(request, 400, "body is not a JSON object")
        self_id = request.headers.get("X-Self-ID", "").strip() or str(payload.get("self_id", ""))
        if not is_qq_id(self_id):
            return _refuse(request, 400, "X-Self-ID is missing or not a QQ number")
        self._event(payload, self_id)
        return web.Response(status=204)

    def _check_token(self, request: web.Request) -> web.Response | None:
        token = self.settings.onebot_access_token
        if not token:
            return None
        given = _bearer(request.headers.get("Authorization", "")) or request.query.get(
            "access_token", ""
        )
        if not given:
            return _refuse(request, 401, "access token missing")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return _refuse(request, 403, "access token wrong")
        return None


def _check_signature(request: web.Request, body: bytes, secret: str) -> web.Response | None:
    given = request.headers.get("X-Signature", "").strip()
    if not given:
        return _refuse(request, 401, "X-Signature missing")
    expected = "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
    if not hmac.compare_digest(given.lower().encode(), expected.encode()):
        return _refuse(request, 403, "X-Signature wrong")
    return None


def _bearer(header: str) -> str:
    scheme, _, value = header.strip().partition(" ")
    return value.strip() if scheme.lower() in ("bearer", "token") else ""


def _role(header: str) -> str | None:
    wanted = header.strip().lower() or "universal"
    return next((r for r in ROLES if r.lower() == wanted), None)


def _refuse(request: web.Request, status: int, reason: str) -> web.Response:
    log.warning(
        "refused OneBot %s %s from %s: %s", request.method, request.path, request.remote, reason
    )
    return web.Response(status=status, text=reason)


def _num(value: str) -> int | str:
    """An id as the number implementations expect (go-cqhttp's may be negative)."""
    return int(value) if re.fullmatch(r"-?[0-9]{1,20}", value) else value
