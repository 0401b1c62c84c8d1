"""The outer middlewares every event passes, outermost first: errors, log, one
transaction, dedupe and identity, understanding, context."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from bot.context import Context
from bot.dispatcher import UNHANDLED, Data, Dispatcher, Next
from bot.events import Event
from bot.filters import split_command
from storage.repo.communities import find_group, get_community
from storage.repo.members import find_member
from storage.repo.messages import log_message

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

    @dp.middleware
    async def identity(call_next: Next, event: Event, data: Data) -> Any:
        session = data["session"]
        community = None
        if event.chat_id is not None:
            group = find_group(session, event.platform, event.chat_id)
            if group is not None:
                community = get_community(session, group.community_id)
        row_id = log_message(session, event, community.id if community else None)
        if row_id is None:
            log.info("dropped message %s:%s seen before", event.platform, event.message_id)
            return UNHANDLED
        member = find_member(
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

        return await call_next(event, {**data, "reading": parse(event.text)})

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


def clip(event: Event) -> Event:
    """The event with its text cut to MAX_TEXT characters."""
    if len(event.text) <= MAX_TEXT:
        return event
    from dataclasses import replace

    return replace(event, text=event.text[:MAX_TEXT])
