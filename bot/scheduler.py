"""The scheduler: runs the feature modules' jobs at their times, with the context and
error handling of a message handler, under the real clock of `run` or the simulated
clock of `replay` and the tests.

Fire times come from APScheduler 3 triggers (CronTrigger) in both modes, and the state
of every job lives in the database (job_state, schedule), not in APScheduler's memory:
so two processes on one database agree on what ran (a run is claimed by moving
next_run with a conditional UPDATE in the job's own transaction), a restart picks up
where the last process stopped, and the simulated clock can step through the same
schedule in time order. APScheduler's AsyncIOScheduler is not used as the runner: it
would start tasks outside `dispatcher.spawn` and keep a second copy of the schedule
that goes stale when another process adds a notice."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from bot.clock import SimClock
from bot.context import Context
from bot.jobs import Job, JobRouter, last_fire_today, next_after
from storage.database import Write
from storage.repo.schedules import advance_job, ensure_job

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

RETRY_FAILED = timedelta(minutes=1)  # a failing job is tried again after this
POLL = 30.0  # seconds; notices added by another process are seen within this
SPIN_LIMIT = 1000


class Scheduler:
    """Runs jobs when due; `run_until` steps a simulated clock through them in order."""

    def __init__(self, app: App, routers: list[JobRouter]) -> None:
        self.app = app
        self.jobs: list[Job] = [j for r in routers for j in r.jobs]
        names = [j.name for j in self.jobs]
        if len(set(names)) != len(names):
            raise ValueError("two jobs share a name")
        self._hold: dict[str, datetime] = {}  # job name → not before (after a failure)
        self._wakeup = asyncio.Event()
        self._started = False
        # Each job's next due time as last read. A job in _stale is read again before its
        # time is used: a write since may have made it due earlier. A job in _loose has a
        # time that writes since can only have made later: it is read again when it comes.
        self._known: dict[str, datetime | None] = {}
        self._stale: set[str] = set(names)
        self._loose: set[str] = set()
        tables = {t for job in self.jobs for t in self._tables(job)}
        if tables:
            app.db.listen(tuple(sorted(tables)), self._written)

    @property
    def simulated(self) -> bool:
        return isinstance(self.app.clock, SimClock)

    async def start(self) -> None:
        """Register the jobs, run what was missed today, and (live) start the loop."""
        now = self.app.clock.now()
        async with self.app.db_lock:
            with self.app.db.session() as s:
                for job in self.jobs:
                    if job.cron is not None:
                        ensure_job(s, job.name, next_after(job.trigger(self.app.clock.tz), now))
        await self.run_due(now)
        if not self.simulated:
            self.app.dispatcher.spawn(self._loop(), name="scheduler")
        self._started = True

    async def stop(self) -> None:
        """Nothing to do: the loop is a dispatcher task, cancelled with the others."""
        self._started = False

    def wake(self) -> None:
        self._wakeup.set()

    def _written(self, writes: list[Write]) -> None:
        """This process committed `writes`: mark the jobs whose time they may move."""
        settings = self.app.settings
        for job in self.jobs:
            if job.name in self._stale:
                continue
            tables = self._tables(job)
            mine = [w for w in writes if w.table in tables]
            if not mine:
                continue
            known = self._known.get(job.name)
            if job.earlier is None or any(job.earlier(w, known, settings) for w in mine):
                self._stale.add(job.name)
            else:
                self._loose.add(job.name)

    async def _read(self, jobs: list[Job], now: datetime) -> None:
        async with self.app.db_lock:
            with self.app.db.session() as s:
                for job in jobs:
                    self._known[job.name] = self._read_time(s, job, now)
                    self._stale.discard(job.name)
                    self._loose.discard(job.name)

    async def _job_times(self, now: datetime, fresh: bool = False) -> list[tuple[datetime, Job]]:
        """Each job's next due time, earliest first (holds after failures applied). A
        job's time is read again only when a write since may have made it earlier, or
        when `fresh` (the live loop asks so, to see what other processes wrote)."""
        stale = [job for job in self.jobs if fresh or job.name in self._stale]
        if stale:
            await self._read(stale, now)
        times: list[tuple[datetime, Job]] = []
        for job in self.jobs:
            t = self._known[job.name]
            if t is None:
                continue
            hold = self._hold.get(job.name)
            times.append((hold if hold is not None and t < hold else t, job))
        return sorted(times, key=lambda tj: tj[0])

    @staticmethod
    def _tables(job: Job) -> tuple[str, ...]:
        return ("job_state",) if job.cron is not None else job.tables

    def _read_time(self, s: Session, job: Job, now: datetime) -> datetime | None:
        if job.cron is not None:
            return ensure_job(s, job.name, next_after(job.trigger(self.app.clock.tz), now)).next_run
        assert job.next_at is not None
        return job.next_at(s, now, self.app.settings)

    async def next_time(self, now: datetime, fresh: bool = False) -> datetime | None:
        times = await self._job_times(now, fresh)
        return times[0][0] if times else None

    async def run_due(self, now: datetime, fresh: bool = False) -> int:
        """Run every job due by `now` once, earliest first; the number run."""
        ran = 0
        for t, job in await self._job_times(now, fresh):
            if t > now:
                break
            if job.name in self._loose:
                await self._read([job], now)  # its time may have moved on since
                again = self._known[job.name]
                if again is None or again > now:
                    continue
            if await self._run(job, t, now):
                ran += 1
        return ran

    async def _run(self, job: Job, fire: datetime, now: datetime) -> bool:
        app = self.app
        tz = app.clock.tz
        try:
            async with app.db_lock:
                with app.db.session() as session:
                    run_as = fire
                    if job.cron is not None:
                        trigger = job.trigger(tz)
                        following = next_after(trigger, now)
                        if fire.astimezone(tz).date() != now.astimezone(tz).date():
                            # Down since an earlier day: today's run, if one is past, runs.
                            today = last_fire_today(trigger, now, tz)
                            if today is None or today <= fire:
                                advance_job(session, job.name, fire, following, ran=False)
                                log.info(
                                    "job %s due %s was missed (not today); skipped",
                                    job.name,
                                    fire,
                                )
                                return False
                            run_as = today
                        if not advance_job(
                            session, job.name, fire, following, ran=True, ran_for=run_as
                        ):
                            return False  # another process has run it
                    ctx = Context(
                        session=session,
                        clock=app.clock,
                        settings=app.settings,
                        outbox=app.outbox,
                    )
                    available: dict[str, Any] = {
                        "ctx": ctx,
                        "session": session,
                        "now": run_as if job.cron is not None else now,
                        "app": app,
                    }
                    await job.call(available)
                    stuck = False
                    again: datetime | None = None
                    if job.next_at is not None:
                        session.flush()
                        again = job.next_at(session, now, app.settings)
                        stuck = again is not None and again <= now
            if job.next_at is not None:
                # Read after the job's own writes, in its transaction: exact.
                self._known[job.name] = again
                self._stale.discard(job.name)
                self._loose.discard(job.name)
            if stuck:
                log.warning("job %s left work due; holding it a minute", job.name)
                self._hold[job.name] = now + RETRY_FAILED
            else:
                self._hold.pop(job.name, None)
            return True
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("scheduled job %s (due %s) failed", job.name, fire.isoformat())
            self._hold[job.name] = now + RETRY_FAILED
            if job.cron is not None:
                await self._skip(job, fire, now)
            return False

    async def _skip(self, job: Job, fire: datetime, now: datetime) -> None:
        """Move a failed cron job past this fire, so one bad run does not repeat forever."""
        try:
            async with self.app.db_lock:
                with self.app.db.session() as s:
                    advance_job(
                        s, job.name, fire, next_after(job.trigger(self.app.clock.tz), now), False
                    )
        except Exception:
            log.exception("cannot move job %s past its failed run", job.name)

    async def run_until(self, until: datetime) -> None:
        """Simulated time: run every job and deliver every queued message due up to
        `until`, each at its own time, in time order (the clock is set to each)."""
        clock = self.app.clock
        outbox = self.app.outbox
        last: datetime | None = None
        spins = 0
        while True:
            now = clock.now()
            t_job = await self.next_time(now)
            t_out = await outbox.next_due()
            candidates = [t for t in (t_job, t_out) if t is not None]
            if not candidates:
                return
            t = min(candidates)
            if t > until:
                return
            spins = spins + 1 if t == last else 0
            if spins > SPIN_LIMIT:
                log.error("scheduled work at %s does not move on; leaving it", t.isoformat())
                return
            last = t
            if t > now and isinstance(clock, SimClock):
                clock.set(t)
            now = clock.now()
            if t_job is not None and t_job <= now:
                await self.run_due(now)
            await outbox.flush()

    async def _loop(self) -> None:
        """Live: run what is due, then sleep until the next job (or a poll)."""
        clock = self.app.clock
        while True:
            self._wakeup.clear()
            nxt: datetime | None = None
            try:
                await self.run_due(clock.now(), fresh=True)
                nxt = await self.next_time(clock.now())
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the scheduler loop failed; trying again shortly")
            timeout = POLL
            if nxt is not None:
                timeout = max(0.05, min(POLL, (nxt - clock.now()).total_seconds()))
            try:
                await asyncio.wait_for(self._wakeup.wait(), timeout)
            except TimeoutError:
                pass
