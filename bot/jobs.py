"""Scheduled work declared like message handlers: each feature module owns a JobRouter
and registers jobs with decorators. A job is an `async def` that names only what it
needs of ctx, session, now (the time it was due) and app."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlmodel import Session

from bot.settings import Settings
from storage.database import Write

JobFunc = Callable[..., Awaitable[Any]]
NextAt = Callable[[Session, datetime, Settings], datetime | None]
# Whether a committed write may make the job due before `known` (its next time as last
# read; None: never). A write it answers False for may only have made the job due later.
Earlier = Callable[[Write, datetime | None, Settings], bool]


def next_after(trigger: BaseTrigger, when: datetime) -> datetime | None:
    """The trigger's first fire time strictly after `when` (APScheduler's own rules)."""
    first = trigger.get_next_fire_time(None, when)
    if first is not None and first <= when:
        first = trigger.get_next_fire_time(first, when)
    return first


def last_fire_today(trigger: BaseTrigger, now: datetime, tz: tzinfo) -> datetime | None:
    """The trigger's last fire time today (local) at or before `now`, or None: the run a
    restart may still make when earlier ones were missed on other days."""
    midnight = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    last = None
    fire = next_after(trigger, midnight - timedelta(microseconds=1))
    while fire is not None and fire <= now:
        last = fire
        fire = next_after(trigger, fire)
    return last


@dataclass
class Job:
    """One job: on a cron trigger, or whenever the data say something falls due."""

    name: str
    func: JobFunc
    cron: dict[str, Any] | None = None
    next_at: NextAt | None = None
    tables: tuple[str, ...] = ()  # what `next_at` reads: its answer stands until they change
    earlier: Earlier | None = None  # None: any write to `tables` may make it due earlier

    def __post_init__(self) -> None:
        if not inspect.iscoroutinefunction(self.func):
            raise TypeError(f"job {self.name} must be async def")
        params = inspect.signature(self.func).parameters
        self.names = tuple(params)

    def trigger(self, tz: tzinfo) -> CronTrigger:
        assert self.cron is not None
        return CronTrigger(timezone=tz, **self.cron)

    async def call(self, available: dict[str, Any]) -> Any:
        missing = [n for n in self.names if n not in available]
        if missing:
            raise TypeError(f"job {self.name} wants {missing}, not given")
        return await self.func(**{n: available[n] for n in self.names})


class JobRouter:
    """A feature's scheduled jobs."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.jobs: list[Job] = []

    def cron(self, name: str, **fields: Any) -> Callable[[JobFunc], JobFunc]:
        """Run on an APScheduler cron rule in the bot's time zone, e.g.
        `@jobs.cron("digest", day_of_week="mon", hour=8, minute=30)`."""
        CronTrigger(**fields)  # a bad rule fails at import, not at 3 a.m.

        def register(func: JobFunc) -> JobFunc:
            self.jobs.append(Job(f"{self.name}.{name}", func, cron=fields))
            return func

        return register

    def due(
        self,
        name: str,
        next_at: NextAt,
        tables: tuple[str, ...],
        earlier: Earlier | None = None,
    ) -> Callable[[JobFunc], JobFunc]:
        """Run whenever `next_at(session, now, settings)` (read from `tables`) has come;
        the job must change the data so that the time moves on. `earlier` spares reading
        the time again after writes that can only have made it later (it is then read
        again when the time it had comes)."""
        if not tables:
            raise ValueError(f"job {name}: name the tables next_at reads")

        def register(func: JobFunc) -> JobFunc:
            self.jobs.append(
                Job(
                    f"{self.name}.{name}",
                    func,
                    next_at=next_at,
                    tables=tables,
                    earlier=earlier,
                )
            )
            return func

        return register
