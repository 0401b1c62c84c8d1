"""Delivery of queued messages: every send is stored first (in the transaction of the
change that caused it), claimed by one process, sent under the account's rate limit,
and marked sent; failures are retried with backoff and finally marked failed.

Rate limiting runs on the bot's clock. Under the simulated clock of `replay` and the
tests, messages held back by the limiter go out at the simulated times the limiter
allows (1 a second after a burst of 5, by default), which `Scheduler.run_until` steps
through; they are never dropped and never delayed in real time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta

from sqlmodel import Session

from bot.adapters.base import Adapter, SendError
from bot.clock import Clock
from bot.events import Outgoing
from bot.privacy import mask
from bot.quiet import parse_window, quiet_end
from bot.ratelimit import Key, RateLimiter
from storage.database import Database
from storage.models import OutboxMessage
from storage.repo import outbox as repo
from storage.repo.schedules import quiet_hours_for_chat

log = logging.getLogger(__name__)

UNKNOWN = object()
LEASE = timedelta(minutes=2)  # a claimed message not marked sent by then is taken over
BATCH = 100


class Outbox:
    """Queues messages in the database and delivers them through the adapters."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        lock: asyncio.Lock,
        max_attempts: int = 5,
        *,
        rate_per_second: float = 1.0,
        burst: int = 5,
        quiet_hours: tuple[str, str] = ("22:00", "08:00"),
    ) -> None:
        self.db = db
        self.clock = clock
        self.lock = lock
        self.max_attempts = max_attempts
        self.limiter = RateLimiter(rate_per_second, burst)
        self.quiet: tuple[time, time] = parse_window(*quiet_hours)
        self.adapters: dict[str, Adapter] = {}
        self.on_sent: list[Callable[[OutboxMessage, datetime], None]] = []
        self._wakeup = asyncio.Event()
        # The earliest time anything known to be pending can go (None: nothing pending),
        # or UNKNOWN: ask the database. Queuing here lowers it; sending, failing and the
        # live loop's poll (which must see other processes' rows) reset it to UNKNOWN.
        self._next: datetime | object | None = UNKNOWN

    def enqueue(
        self,
        session: Session,
        msg: Outgoing,
        *,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        task_id: int | None = None,
        answer: bool = False,
    ) -> OutboxMessage | None:
        """Queue `msg` (masked) in the caller's transaction; delivered after commit. A
        message that is neither urgent nor an `answer` to someone who just wrote and
        falls due in quiet hours waits for their end."""
        masked = Outgoing(
            platform=msg.platform,
            text=mask(msg.text),
            chat_id=msg.chat_id,
            user_id=msg.user_id,
            mentions=msg.mentions,
            urgent=msg.urgent,
            account=msg.account,
        )
        now = self.clock.now()
        due = due_at or now
        if not (msg.urgent or answer):
            due = self.after_quiet_hours(session, msg.platform, msg.chat_id, due)
        row = repo.add_outgoing(session, masked, now, due, dedupe_key, task_id)
        if row is not None and self._next is not UNKNOWN:
            known = self._next
            self._next = due if known is None or due < known else known  # type: ignore[operator]
        self._wakeup.set()
        return row

    def after_quiet_hours(
        self, session: Session, platform: str, chat_id: str | None, due: datetime
    ) -> datetime:
        """`due`, or the end of the quiet hours it falls in (those of the group's
        compound when it has its own, else the default)."""
        window = self.quiet
        if chat_id is not None:
            own = quiet_hours_for_chat(session, platform, chat_id)
            if own is not None:
                window = parse_window(*own)
        end = quiet_end(due, window[0], window[1], self.clock.tz)
        return due if end is None else end

    def wake(self) -> None:
        self._wakeup.set()

    def forget(self) -> None:
        """Look in the database again next time (another process may have queued)."""
        self._next = UNKNOWN

    async def flush(self) -> int:
        """Send everything due now that the rate limits allow; the number sent."""
        known = self._next
        if known is not UNKNOWN and (known is None or known > self.clock.now()):  # type: ignore[operator]
            return 0
        self._next = UNKNOWN
        sent = 0
        blocked: set[Key] = set()
        while True:
            now = self.clock.now()
            async with self.lock:
                with self.db.session() as s:
                    batch = repo.due_outgoing(s, now, BATCH, blocked)
            if not batch:
                return sent
            progressed = False
            for row in batch:
                key = (row.platform, row.account)
                if key in blocked:
                    continue
                now = self.clock.now()
                if not self.limiter.try_take(key, now):
                    blocked.add(key)
                    continue
                assert row.id is not None
                async with self.lock:
                    with self.db.session() as s:
                        mine = repo.claim(s, row.id, now, now + LEASE)
                if not mine:
                    self.limiter.give_back(key, now)
                    continue
                progressed = True
                if await self._deliver(row):
                    sent += 1
            if not progressed or len(batch) < BATCH:
                return sent  # a short batch held everything that was due

    async def _deliver(self, row: OutboxMessage) -> bool:
        assert row.id is not None
        adapter = self.adapters.get(row.platform)
        msg = Outgoing(
            platform=row.platform,
            text=row.text,
            chat_id=row.chat_id,
            user_id=row.user_id,
            mentions=tuple(m for m in row.mentions.split("\n") if m),
            urgent=row.urgent,
            account=row.account,
        )
        try:
            if adapter is None:
                raise SendError(f"no adapter for platform {row.platform!r}", retry=True)
            platform_id = await adapter.send(msg)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            retry = exc.retry if isinstance(exc, SendError) else True
            attempts = row.attempts + 1
            give_up = not retry or attempts >= self.max_attempts
            retry_at = None if give_up else self.clock.now() + backoff(attempts)
            if give_up:
                log.error(
                    "outbox #%s to %s %s failed after %d attempts, marked failed: %s",
                    row.id,
                    row.platform,
                    row.chat_id or row.user_id,
                    attempts,
                    exc,
                )
            else:
                log.warning(
                    "send of outbox #%s to %s failed (attempt %d), retry at %s: %s",
                    row.id,
                    row.platform,
                    attempts,
                    retry_at.isoformat() if retry_at else "",
                    exc,
                )
            async with self.lock:
                with self.db.session() as s:
                    repo.mark_attempt_failed(s, row.id, str(exc) or type(exc).__name__, retry_at)
            return False
        now = self.clock.now()
        async with self.lock:
            with self.db.session() as s:
                repo.mark_sent(s, row.id, now, platform_id)
        for callback in self.on_sent:
            callback(row, now)
        return True

    async def next_due(self) -> datetime | None:
        """When the next send can go: its due time, or later when its account's rate
        limit holds it back."""
        if self._next is not UNKNOWN:
            return self._next  # type: ignore[return-value]
        async with self.lock:
            with self.db.session() as s:
                waiting = repo.next_due_by_account(s)
        now = self.clock.now()
        times = [max(due, self.limiter.ready_at((p, a), now)) for p, a, due in waiting]
        self._next = min(times, default=None)
        return self._next

    async def run(self) -> None:
        """Deliver forever: whenever woken, and when the next queued message falls due."""
        while True:
            self._wakeup.clear()
            self.forget()
            try:
                await self.flush()
                due = await self.next_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox delivery failed; trying again shortly")
                due = None
            timeout = 5.0
            if due is not None:
                timeout = max(0.05, min(timeout, (due - self.clock.now()).total_seconds()))
            try:
                await asyncio.wait_for(self._wakeup.wait(), timeout)
            except TimeoutError:
                pass


def backoff(attempts: int) -> timedelta:
    """Wait before retry number `attempts`: 5 s, 20 s, 80 s, 320 s, … at most an hour."""
    return timedelta(seconds=min(3600, 5 * 4 ** (attempts - 1)))
