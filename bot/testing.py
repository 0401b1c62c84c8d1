"""A test chat: the whole bot on an in-memory database with a simulated clock, and
recording adapters in place of the platforms. Used by the tests and benchmarks."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from bot.adapters.recorder import Recorder, Sent
from bot.app import App
from bot.clock import SimClock
from bot.dispatcher import Router
from bot.events import PLATFORMS, Event
from bot.settings import Settings
from storage.database import Database
from storage.repo.communities import add_community, bind_group, find_community
from storage.repo.members import set_member

SHANGHAI_START = datetime.fromisoformat("2026-03-16T09:00:00+08:00")  # a Monday


class TestChat:
    """Drive the bot as people in groups would, and see what it sends."""

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        start: datetime = SHANGHAI_START,
        database_url: str = "sqlite://",
        routers: list[Router] | None = None,
        **settings: Any,
    ) -> None:
        # Answers come at once in tests (people here talk faster than 1 message a second);
        # the rate limit's own tests pass send_burst. Replay keeps the real defaults.
        settings.setdefault("send_burst", 1000)
        self.settings = Settings(_env_file=None, database_url=database_url, **settings)  # type: ignore[call-arg]
        self.clock = SimClock(start, self.settings.tz)
        self.app = App(
            self.settings, clock=self.clock, db=Database(database_url), routers=routers
        )
        self.recorders = {p: Recorder(p, self.clock) for p in PLATFORMS}
        for r in self.recorders.values():
            self.app.add_adapter(r)
        self._ids = itertools.count(1)
        self.names: dict[str, str] = {}

    async def __aenter__(self) -> TestChat:
        await self.app.start(deliver=False)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.app.stop()

    @property
    def sent(self) -> list[Sent]:
        """Everything sent so far, on every platform, in order of sending."""
        return sorted((s for r in self.recorders.values() for s in r.sent), key=lambda s: s.ts)

    def _mark(self) -> int:
        return sum(len(r.sent) for r in self.recorders.values())

    def _since(self, mark: int) -> list[Sent]:
        return self.sent[mark:]

    async def compound(
        self,
        name: str = "锦春小区",
        group: str = "g1",
        platform: str = "wechat",
        people: dict[str, tuple[str, str]] | None = None,
        street: str = "璧泉街道",
    ) -> None:
        """A compound with one bound group and people: {user_id: (name, role)}."""
        async with self.app.db_lock:
            with self.app.db.session() as s:
                c = add_community(s, name, street, self.clock.now())
                bind_group(s, platform, group, c, self.clock.now())
                for user, (display, role) in (people or {}).items():
                    set_member(s, platform, user, display, role, c.id, self.clock.now())
                    self.names[user] = display

    async def bind(self, group: str, name: str = "锦春小区", platform: str = "wechat") -> None:
        """Bind one more group to an existing compound."""
        async with self.app.db_lock:
            with self.app.db.session() as s:
                c = find_community(s, name)
                assert c is not None, name
                bind_group(s, platform, group, c, self.clock.now())

    async def say(
        self,
        user: str,
        text: str,
        *,
        group: str | None = "g1",
        platform: str = "wechat",
        name: str | None = None,
        reply_to: str | None = None,
        mentions: tuple[str, ...] = (),
        msg_id: str | None = None,
    ) -> list[Sent]:
        """`user` says `text`; what the bot sent in answer (immediately due sends)."""
        mark = self._mark()
        event = Event(
            platform=platform,
            chat_id=group,
            user_id=user,
            user_name=name or self.names.get(user, user),
            text=text,
            message_id=msg_id or f"m{next(self._ids)}",
            ts=self.clock.now(),
            reply_to=reply_to,
            mentions=mentions,
        )
        await self.app.handle(event)
        await self.app.outbox.flush()
        return self._since(mark)

    async def advance(
        self, delta: timedelta | None = None, to: datetime | None = None
    ) -> list[Sent]:
        """Move the clock on, running what falls due; what was sent meanwhile."""
        mark = self._mark()
        target = to if to is not None else self.clock.now() + (delta or timedelta())
        await self.app.advance_to(target)
        await self.app.outbox.flush()
        return self._since(mark)


def texts(sent: list[Sent]) -> list[str]:
    return [s.msg.text for s in sent]
