"""Delivery of queued messages: every send is stored first (in the transaction of the
change that caused it), claimed by one process, sent under the account's rate limit,
and marked sent; failures are retried with backoff and finally marked failed.

A message due now, of an account with a token and nothing else waiting, is written
already claimed (status `sending`, with a lease) in the transaction that queues it, and
sent from memory once that transaction commits: no find, no claim and no commit of its
own. A rollback sends nothing and gives the token back; a crash after the commit leaves
the row to be taken over when its lease runs out, as any claimed row.

Rate limiting runs on the bot's clock. Under the simulated clock of `replay` and the
tests, messages held back by the limiter go out at the simulated times the limiter
allows (1 a second after a burst of 5, by default), which `Scheduler.run_until` steps
through; they are never dropped and never delayed in real time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Row, event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

from bot.adapters.base import Adapter, SendError
from bot.clock import Clock
from bot.events import Outgoing
from bot.privacy import mask
from bot.quiet import parse_window, quiet_end
from bot.ratelimit import Key, RateLimiter
from storage.database import Database
from storage.repo import outbox as repo
from storage.repo.schedules import quiet_hours_for_chat

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)  # a claimed message not marked sent by then is taken over
BATCH = 100
_CLAIMS = "outbox_claims"  # Session.info: the claims of its open transaction

SendRow = Row[Any] | repo.Claimed


def _order(row: SendRow) -> tuple[bool, datetime, int]:
    """The sending order: urgent first, then in the order they fell due."""
    return (not row.urgent, row.due_at, row.id)


@event.listens_for(OrmSession, "after_commit")
def _claims_committed(session: OrmSession) -> None:
    for outbox, claim in session.info.pop(_CLAIMS, ()):
        outbox._claims.append(claim)


@event.listens_for(OrmSession, "after_transaction_end")
def _claims_dropped(session: OrmSession, transaction: SessionTransaction) -> None:
    # Still there at the end of the outermost transaction: it did not commit.
    if transaction.parent is None:
        for outbox, claim in session.info.pop(_CLAIMS, ()):
            outbox._unclaim(claim)


@dataclass(slots=True)
class _Sent:
    platform_id: str | None
    at: datetime


@dataclass(slots=True)
class _Failed:
    error: str
    retry_at: datetime | None  # None: given up


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
        self.on_sent: list[Callable[[SendRow, datetime], None]] = []
        self._wakeup = asyncio.Event()
        # What is waiting, per (platform, account), so that the database is asked only
        # when that is unknown: `_ready`, the accounts with a message that could go now
        # but for the rate limit; `_later`, the earliest time of each account's other
        # messages. Exact, or early (a queuing transaction rolled back, a message we
        # sent was the one remembered): early costs one look at the database, late would
        # hold a message back, so whatever could make it late sets `_known` to False.
        # Queuing here adds to it; another process's messages are seen only after
        # `forget()`, which the live loop calls before each round.
        self._known = False
        self._ready: set[Key] = set()
        self._later: dict[Key, datetime] = {}
        # Messages claimed as they were queued, committed and not yet taken into a
        # round. Each holds a token of its account.
        self._claims: list[repo.Claimed] = []

    def enqueue(
        self,
        session: Session,
        msg: Outgoing,
        *,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        task_id: int | None = None,
        answer: bool = False,
    ) -> repo.Queued | None:
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
        key = (msg.platform, msg.account)
        lease = now + LEASE if due <= now and self._may_claim(session, key, now) else None
        try:
            row = repo.add_outgoing(session, masked, now, due, dedupe_key, task_id, lease)
        except BaseException:
            if lease is not None:
                self.limiter.give_back(key, now)
            raise
        if row is None:
            if lease is not None:
                self.limiter.give_back(key, now)
        elif lease is not None:
            claim = repo.Claimed(
                row.id,
                masked.platform,
                masked.account,
                masked.chat_id,
                masked.user_id,
                masked.text,
                "\n".join(masked.mentions),
                masked.urgent,
                0,
                due,
                lease,
            )
            session.info.setdefault(_CLAIMS, []).append((self, claim))
        else:
            self._note_waiting(key, due, now)
        self._wakeup.set()
        return row

    def _may_claim(self, session: Session, key: Key, now: datetime) -> bool:
        """Whether a message of `key` due now may be claimed as it is queued: nothing of
        the account is known to be due in the table (it might have to go first) and it
        has a token, which this takes. Other claims do not count: a round sends the
        claims and the table's messages in one order."""
        if not self._known or key in self._ready:
            return False
        later = self._later.get(key)
        if later is not None and later <= now:
            return False
        if session.in_nested_transaction():
            return False  # a savepoint may roll back while its transaction commits
        return self.limiter.try_take(key, now)

    def _unclaim(self, claim: repo.Claimed) -> None:
        """The transaction of `claim` did not commit: nothing to send, the token back."""
        self.limiter.give_back((claim.platform, claim.account), self.clock.now())

    def _note_waiting(self, key: Key, due: datetime, now: datetime) -> None:
        if due <= now:
            self._ready.add(key)
        else:
            known = self._later.get(key)
            self._later[key] = due if known is None or due < known else known

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
        self._known = False

    def _next_time(self, now: datetime) -> datetime | None:
        """When the next send can go, from what is known in memory."""
        ready_at = self.limiter.ready_at
        times = [now] if self._claims else []
        times += [ready_at(key, now) for key in self._ready]
        times += [max(t, ready_at(key, now)) for key, t in self._later.items()]
        return min(times, default=None)

    async def flush(self) -> int:
        """Send everything due now that the rate limits allow; the number sent."""
        nxt = await self.next_due()  # one query when unknown, which is cheaper than a round
        now = self.clock.now()
        if nxt is None or nxt > now:
            return 0
        if any(t <= now for t in self._later.values()):
            # A message remembered as later fell due; what its account has after it is
            # unknown.
            self._known = False
        # The database is asked for due messages only when something besides the claims
        # in memory is due, or what is waiting is not known.
        ready, self._ready = self._ready, set()  # sent this round or found held back again
        try:
            return await self._send_due(ready, look=bool(ready) or not self._known)
        except BaseException:
            self._known = False
            raise

    def _take_claims(self, now: datetime) -> list[repo.Claimed]:
        """The committed claims, last to send first, their tokens given back: the round
        takes them again in sending order, as if the messages had waited in the table."""
        claims, self._claims = self._claims, []
        for claim in claims:
            self.limiter.give_back((claim.platform, claim.account), now)
        claims.sort(key=_order, reverse=True)
        return claims

    async def _send_due(self, ready: set[Key], look: bool) -> int:
        """Find, claim, send and record, one transaction a send: the claim of each
        message is written with the outcome of the one before (that outcome is written
        before the next send, so a crash repeats at most the send in flight). Messages
        claimed as they were queued take their turn in the same order, unclaimed."""
        sent = 0
        now = self.clock.now()
        held = self._take_claims(now)
        held_ids = {h.id for h in held}
        # Accounts the rate limit holds back this round; those known to be so already
        # are left out of the look at the database.
        blocked = {key for key in ready if self.limiter.ready_at(key, now) > now}
        rows: list[Row[Any]] = []  # found due and not yet tried, in sending order
        more = look  # the last look may have left due messages unseen (a full batch)
        release: list[repo.Claimed] = []  # claims held back this round: to give up
        done: tuple[SendRow, _Sent | _Failed] | None = None
        try:
            while True:
                row: SendRow | None = None
                async with self.lock:
                    with ExitStack() as tx:
                        # Begun when first needed: a claim from memory needs no statement.
                        conn: Connection | None = None
                        if done is not None:
                            conn = self._begin(tx, conn)
                            self._record(conn, *done)
                        while row is None:
                            now = self.clock.now()
                            if not rows and more:
                                conn = self._begin(tx, conn)
                                rows = repo.due_outgoing(conn, now, BATCH, blocked)
                                more = len(rows) == BATCH
                                rows.reverse()  # popped from the end
                            candidate: SendRow
                            if held and (not rows or _order(held[-1]) <= _order(rows[-1])):
                                candidate = held.pop()
                            elif rows:
                                candidate = rows.pop()
                                if candidate.id in held_ids:
                                    continue  # its lease ran out: it is taken as held
                            else:
                                break
                            key = (candidate.platform, candidate.account)
                            if key in blocked or not self.limiter.try_take(key, now):
                                blocked.add(key)
                                if isinstance(candidate, repo.Claimed):
                                    release.append(candidate)
                                continue
                            if isinstance(candidate, repo.Claimed) and candidate.lease_until > now:
                                row = candidate
                                break
                            conn = self._begin(tx, conn)
                            if repo.claim(conn, candidate.id, now, now + LEASE):
                                row = candidate
                            else:
                                # Another process has it: it is theirs until their lease
                                # runs out, a time we do not know.
                                self.limiter.give_back(key, now)
                                self._known = False
                        if release:
                            repo.release(self._begin(tx, conn), [r.id for r in release])
                            release = []
                if done is not None and isinstance(done[1], _Sent):
                    for callback in self.on_sent:
                        callback(done[0], done[1].at)
                if row is None:
                    self._ready |= blocked
                    return sent
                done = (row, await self._deliver(row))
                if isinstance(done[1], _Sent):
                    sent += 1
        except BaseException:
            # Claims not yet tried stay claims, with the tokens they had.
            now = self.clock.now()
            for claim in held + release:
                self.limiter.take((claim.platform, claim.account), now)
                self._claims.append(claim)
            raise

    def _begin(self, tx: ExitStack, conn: Connection | None) -> Connection:
        """The round's transaction `conn`, begun now if it was not."""
        return conn if conn is not None else tx.enter_context(self.db.engine.begin())

    def _record(self, conn: Connection, row: SendRow, outcome: _Sent | _Failed) -> None:
        if isinstance(outcome, _Sent):
            repo.mark_sent(conn, row.id, outcome.at, outcome.platform_id)
            return
        repo.mark_attempt_failed(conn, row.id, outcome.error, outcome.retry_at)
        if outcome.retry_at is not None:
            self._note_waiting((row.platform, row.account), outcome.retry_at, self.clock.now())

    async def _deliver(self, row: SendRow) -> _Sent | _Failed:
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
            return _Failed(str(exc) or type(exc).__name__, retry_at)
        return _Sent(platform_id, self.clock.now())

    async def next_due(self) -> datetime | None:
        """When the next send can go: its due time, or later when its account's rate
        limit holds it back."""
        now = self.clock.now()
        if not self._known:
            async with self.lock:
                with self.db.engine.connect() as conn:
                    waiting = repo.waiting_by_account(conn, now)
            self._ready = {(p, a) for p, a, ready, _ in waiting if ready}
            self._later = {(p, a): t for p, a, _, t in waiting if t is not None}
            self._known = True
        return self._next_time(now)

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
