"""The outer middlewares every event passes, outermost first: errors, log, one
transaction, dedupe and identity, understanding, context."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from bot.context import Context
from bot.dispatcher import UNHANDLED, Data, Dispatcher, Next
from bot.events import Event
from bot.filters import split_command
from storage.database import Database
from storage.models import Community, Member
from storage.repo.communities import community_of_group
from storage.repo.members import role_in, roles_of
from storage.repo.messages import find_message, log_message

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("bot.events")
MAX_TEXT = 20_000  # characters kept of one message; the rest is cut before anything reads it
BIND_COMMANDS = {"绑定", "bind"}


def install(dp: Dispatcher, app: App) -> None:
    """Add the standard middlewares to the dispatcher of `app`."""

    @dp.middleware
    async def errors(call_next: Next, event: Event, data: Data) -> Any:
        try:
            return await call_next(event, data)
        except asyncio.CancelledError:
            raise
        except Exception:
            # Logged with its traceback here; nothing of it ever reaches a chat.
            log.exception("handling message %s:%s failed", event.platform, event.message_id)
            return UNHANDLED

    @dp.middleware
    async def timing(call_next: Next, event: Event, data: Data) -> Any:
        start = time.perf_counter()
        result = await call_next(event, data)
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s/%s %s: %s in %.2f ms",
                event.platform,
                event.chat_id,
                event.user_id,
                event.message_id,
                "unhandled" if result is UNHANDLED else "handled",
                (time.perf_counter() - start) * 1000,
            )
        return result

    @dp.middleware
    async def transaction(call_next: Next, event: Event, data: Data) -> Any:
        async with app.db_lock:
            with app.db.session() as session:
                return await call_next(event, {**data, "session": session})

    known = Lookups(app.db)

    @dp.middleware
    async def identity(call_next: Next, event: Event, data: Data) -> Any:
        session = data["session"]
        community = None
        if event.chat_id is not None:
            community = known.community_of(session, event.platform, event.chat_id)
        row_id = log_message(session, event, community.id if community else None)
        if row_id is None:
            log.info("dropped message %s:%s seen before", event.platform, event.message_id)
            return UNHANDLED
        member = known.member(
            session, event.platform, event.user_id, community.id if community else None
        )
        if community is None and event.chat_id is not None:
            cmd = split_command(event.text)
            if cmd is None or cmd[0] not in BIND_COMMANDS:
                return UNHANDLED  # an unbound group: stored, never answered
        return await call_next(
            event,
            {
                **data,
                "community": community,
                "member": member,
                "role": member.role if member else "resident",
                "message_row_id": row_id,
            },
        )

    @dp.middleware
    async def understanding(call_next: Next, event: Event, data: Data) -> Any:
        from bot.understanding import parse

        return await call_next(event, {**data, "reading": parse(_with_quote(data, event))})

    @dp.middleware
    async def context(call_next: Next, event: Event, data: Data) -> Any:
        ctx = Context(
            session=data["session"],
            clock=app.clock,
            settings=app.settings,
            outbox=app.outbox,
            event=event,
            community=data["community"],
            member=data["member"],
        )
        return await call_next(event, {**data, "ctx": ctx})


class Lookups:
    """Which compound a group belongs to and who a sender is, remembered while this
    process has written nothing to the tables they come from and for at most TTL
    seconds, so that another process's changes of roles are seen soon."""

    TTL = 5.0

    TABLES = ("community", "chat_group", "member")

    def __init__(self, db: Database) -> None:
        self.db = db
        self._version: tuple[int, ...] = ()
        self._since = 0.0
        self._communities: dict[tuple[str, str], Community | None] = {}
        self._roles: dict[tuple[str, str], list[Member]] = {}  # a person's role rows

    def _fresh(self) -> None:
        now = time.monotonic()
        version = self.db.version_of(*self.TABLES)
        if self._version != version or now - self._since > self.TTL:
            self._communities.clear()
            self._roles.clear()
            self._version, self._since = version, now

    def community_of(self, session: Session, platform: str, chat_id: str) -> Community | None:
        self._fresh()
        key = (platform, chat_id)
        if key not in self._communities:
            self._communities[key] = community_of_group(session, platform, chat_id)
        return self._communities[key]

    def member(
        self, session: Session, platform: str, user_id: str, community_id: int | None
    ) -> Member | None:
        self._fresh()
        key = (platform, user_id)
        roles = self._roles.get(key)
        if roles is None:
            roles = self._roles[key] = roles_of(session, platform, user_id)
        return role_in(roles, community_id)


def _with_quote(data: Data, event: Event) -> str:
    """The text to read: a reply to a stored message is read with that message quoted, as
    a WeChat quote-reply, whatever the platform sent (what was done under a quoted report
    is progress, a bare "me too" adds nothing, a yes answers a quoted question)."""
    from bot.understanding.quote import as_quote, split_quote

    if event.reply_to is None or split_quote(event.text) is not None:
        return event.text
    quoted = find_message(data["session"], event.platform, event.reply_to)
    if quoted is None or not quoted.text:
        return event.text
    return as_quote(quoted.user_name or "", quoted.text, event.text)


def clip(event: Event) -> Event:
    """The event with its text cut to MAX_TEXT characters."""
    if len(event.text) <= MAX_TEXT:
        return event
    from dataclasses import replace

    return replace(event, text=event.text[:MAX_TEXT])
