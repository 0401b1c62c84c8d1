"""Delivery of queued messages: every send is stored first (in the transaction of the
change that caused it) and marked sent once the platform took it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.adapters.base import Adapter, SendError
from bot.clock import Clock
from bot.events import Outgoing
from bot.privacy import mask
from storage.database import Database
from storage.models import OutboxMessage
from storage.repo import outbox as repo

log = logging.getLogger(__name__)


class Outbox:
    """Queues messages in the database and delivers them through the adapters."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        lock: asyncio.Lock,
        max_attempts: int = 5,
    ) -> None:
        self.db = db
        self.clock = clock
        self.lock = lock
        self.max_attempts = max_attempts
        self.adapters: dict[str, Adapter] = {}
        self.on_sent: list[Callable[[OutboxMessage, datetime], None]] = []
        self._wakeup = asyncio.Event()

    def enqueue(
        self,
        session: Session,
        msg: Outgoing,
        *,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        task_id: int | None = None,
    ) -> OutboxMessage | None:
        """Queue `msg` (masked) in the caller's transaction; delivered after commit."""
        masked = Outgoing(
            platform=msg.platform,
            text=mask(msg.text),
            chat_id=msg.chat_id,
            user_id=msg.user_id,
            mentions=msg.mentions,
            urgent=msg.urgent,
            account=msg.account,
        )
        row = repo.add_outgoing(session, masked, self.clock.now(), due_at, dedupe_key, task_id)
        self._wakeup.set()
        return row

    def wake(self) -> None:
        self._wakeup.set()

    async def flush(self) -> int:
        """Send everything due now; the number of messages sent."""
        sent = 0
        while True:
            async with self.lock:
                with self.db.session() as s:
                    batch = repo.due_outgoing(s, self.clock.now())
            if not batch:
                return sent
            progressed = False
            for row in batch:
                if await self._deliver(row):
                    sent += 1
                progressed = True
            if not progressed:
                return sent

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
        except SendError as exc:
            attempts = row.attempts + 1
            give_up = not exc.retry or attempts >= self.max_attempts
            retry_at = None if give_up else self.clock.now() + _backoff(attempts)
            log.warning(
                "send of outbox #%s to %s failed (attempt %d): %s%s",
                row.id,
                row.platform,
                attempts,
                exc,
                "; giving up" if give_up else "",
            )
            async with self.lock:
                with self.db.session() as s:
                    repo.mark_attempt_failed(s, row.id, str(exc), retry_at)
            return False
        now = self.clock.now()
        async with self.lock:
            with self.db.session() as s:
                repo.mark_sent(s, row.id, now, platform_id)
        for callback in self.on_sent:
            callback(row, now)
        return True

    async def next_due(self) -> datetime | None:
        async with self.lock:
            with self.db.session() as s:
                return repo.next_due_at(s)

    async def run(self) -> None:
        """Deliver forever: whenever woken, and when the next queued message falls due."""
        while True:
            self._wakeup.clear()
            try:
                await self.flush()
            except Exception:
                log.exception("outbox delivery failed; trying again shortly")
            due = await self.next_due()
            timeout = 5.0
            if due is not None:
                timeout = max(0.05, min(timeout, (due - self.clock.now()).total_seconds()))
            try:
                await asyncio.wait_for(self._wakeup.wait(), timeout)
            except TimeoutError:
                pass


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(300, 2**attempts))
