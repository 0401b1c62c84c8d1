"""The application: settings, clock, database, dispatcher, outbox, scheduler and
adapters, started and stopped together."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

from bot.adapters.base import Adapter
from bot.clock import Clock
from bot.dispatcher import UNHANDLED, Dispatcher, Router
from bot.events import Event
from bot.jobs import JobRouter
from bot.middlewares import clip, install
from bot.outbox import Outbox
from bot.scheduler import Scheduler
from bot.settings import Settings
from storage.database import Database

log = logging.getLogger(__name__)


def feature_routers() -> list[Router]:
    """Every feature's router, in the order they are tried."""
    from handlers import all_routers

    return all_routers()


def feature_jobs() -> list[JobRouter]:
    """Every feature's scheduled jobs."""
    from handlers import all_job_routers

    return all_job_routers()


class App:
    """One bot process: everything an event or a job needs, and its life cycle."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock | None = None,
        db: Database | None = None,
        routers: list[Router] | None = None,
        jobs: list[JobRouter] | None = None,
    ) -> None:
        """`routers` and `jobs` default to every feature's; with `routers` given and
        `jobs` not, there are no scheduled jobs (the outbox is still driven in time)."""
        self.settings = settings
        self.clock = clock or Clock(settings.tz)
        self.db = db or Database(settings.database_url)
        self.db_lock = asyncio.Lock()
        self.dispatcher = Dispatcher()
        install(self.dispatcher, self)
        self.dispatcher.include(*(feature_routers() if routers is None else routers))
        self.outbox = Outbox(
            self.db,
            self.clock,
            self.db_lock,
            settings.send_max_attempts,
            rate_per_second=settings.send_rate_per_second,
            burst=settings.send_burst,
            quiet_hours=(settings.quiet_hours_start, settings.quiet_hours_end),
        )
        self.adapters: list[Adapter] = []
        if jobs is None:
            jobs = feature_jobs() if routers is None else []
        self.scheduler: Any = Scheduler(self, jobs)
        self._started = False

    def add_adapter(self, adapter: Adapter) -> None:
        self.adapters.append(adapter)
        self.outbox.adapters[adapter.platform] = adapter
        if not getattr(adapter, "rate_limited", True):
            self.outbox.limiter.unlimited.add(adapter.platform)

    async def handle(self, event: Event) -> bool:
        """Handle one received message; whether a handler took it."""
        result = await self.dispatcher.feed(clip(event))
        self.outbox.wake()
        return result is not UNHANDLED

    async def advance_to(self, when: datetime) -> None:
        """Run the scheduled work due up to `when` (a simulated clock moves there)."""
        if self.scheduler is not None:
            await self.scheduler.run_until(when)
        set_clock = getattr(self.clock, "set", None)
        if set_clock is not None:
            set_clock(when)

    async def start(self, *, deliver: bool = True) -> None:
        """Migrate the database and load the parser, then start delivery, the scheduler
        and the adapters."""
        from bot.understanding import warm_up

        self.db.migrate()
        warm_up()
        if deliver:
            self.dispatcher.spawn(self.outbox.run(), name="outbox")
        if self.scheduler is not None:
            await self.scheduler.start()
        for adapter in self.adapters:
            await adapter.start(self)
        self._started = True

    async def stop(self) -> None:
        """Stop adapters from taking new messages, flush what is due, cancel every task
        and close the database."""
        for adapter in reversed(self.adapters):
            try:
                await adapter.stop()
            except Exception:
                log.exception("stopping the %s adapter failed", adapter.platform)
        if self.scheduler is not None:
            await self.scheduler.stop()
        if self._started:
            try:
                await asyncio.wait_for(self.outbox.flush(), timeout=10)
            except (TimeoutError, Exception):
                log.warning("not every pending message could be sent before stopping")
            try:
                # What went out is recorded now, so that a restart does not send it again.
                await self.outbox.settle()
            except Exception:
                log.exception("recording what was sent failed; a restart may send it again")
        await self.dispatcher.shutdown()
        self.db.close()
        self._started = False
