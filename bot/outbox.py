"""Delivery of queued messages: every send is stored first (in the transaction of the
change that caused it), claimed by one process, sent under the account's rate limit,
and marked sent; failures are retried with backoff and finally marked failed.

A message due now, of an account with a token and nothing else waiting, is written
already claimed (status `sending`, with a lease) in the transaction that queues it, and
sent from memory once that transaction commits: no find, no claim and no commit of its
own. A rollback sends nothing and gives the token back; a crash after the commit leaves
the row to be taken over when its lease runs out, as any claimed row.

What became of a send (sent, or failed) is written in the next transaction that happens
anyway: when a session of this process begins one, the outcomes go in first (so that a
quote-reply to the bot's message, in the very next event, finds it by its platform id),
and count as written once it commits. Before the next send they are written in a
transaction of their own if nothing carried them, so a crash repeats at most one send;
the live loop writes them when it goes idle or stops, and a `flush` that finds them still
unwritten (nothing happened since the one before) writes them and its own.

Rate limiting runs on the bot's clock. Under the simulated clock of `replay` and the
tests, messages held back by the limiter go out at the simulated times the limiter
allows (1 a second after a burst of 5, by default), which `Scheduler.run_until` steps
through; they are never dropped and never delayed in real time."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import weakref
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
IDLE = 0.05  # seconds without a wake-up after which the live loop writes outcomes itself
_CLAIMS = "outbox_claims"  # Session.info: the claims of its open transaction
_OUTCOMES = "outbox_outcomes"  # Session.info: the outcomes its open transaction wrote

SendRow = Row[Any] | repo.Claimed


def _order(row: SendRow) -> tuple[bool, datetime, int]:
    """The sending order: urgent first, then in the order they fell due."""
    return (not row.urgent, row.due_at, row.id)


@event.listens_for(OrmSession, "after_begin")
def _outcomes_carried(
    session: OrmSession, transaction: SessionTransaction, connection: Connection
) -> None:
    if not _UNWRITTEN or transaction.parent is not None:
        return
    for outbox in list(_UNWRITTEN):
        if outbox._may_carry(connection):
            written = outbox._write(connection)
            outbox._carried = True
            session.info.setdefault(_OUTCOMES, []).append((outbox, written))


@event.listens_for(OrmSession, "after_commit")
def _claims_committed(session: OrmSession) -> None:
    for outbox, claim in session.info.pop(_CLAIMS, ()):
        outbox._claims.append(claim)
    for outbox, written in session.info.pop(_OUTCOMES, ()):
        outbox._carried = False
        outbox._written(written)


@event.listens_for(OrmSession, "after_transaction_end")
def _claims_dropped(session: OrmSession, transaction: SessionTransaction) -> None:
    # Still there at the end of the outermost transaction: it did not commit.
    if transaction.parent is None:
        for outbox, claim in session.info.pop(_CLAIMS, ()):
            outbox._unclaim(claim)
        for outbox, _written in session.info.pop(_OUTCOMES, ()):
            outbox._carried = False  # not written after all: they wait for the next one


@dataclass(slots=True)
class _Sent:
    platform_id: str | None
    at: datetime


@dataclass(slots=True)
class _Failed:
    error: str
    retry_at: datetime | None  # None: given up


_Outcome = tuple[SendRow, _Sent | _Failed]
# The outboxes with outcomes not yet written, for the sessions' `after_begin` to find.
_UNWRITTEN: weakref.WeakSet[Outbox] = weakref.WeakSet()


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
        # Sends whose outcome is not committed yet, oldest first; `_carried` while a
        # session's open transaction has written them. Written only by transactions of
        # the process and thread that sent (`_owner`).
        self._unwritten: list[_Outcome] = []
        self._carried = False
        self._owner = (0, 0)

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
        # Outcomes still unwritten from the flush before: no transaction came between to
        # carry them, so the caller is idle or stopping. This one writes them, and its own.
        idle = bool(self._unwritten)
        nxt = await self.next_due()  # one query when unknown, which is cheaper than a round
        now = self.clock.now()
        if nxt is None or nxt > now:
            if idle:
                await self.settle()
            return 0
        if any(t <= now for t in self._later.values()):
            # A message remembered as later fell due; what its account has after it is
            # unknown.
            self._known = False
        # The database is asked for due messages only when something besides the claims
        # in memory is due, or what is waiting is not known.
        ready, self._ready = self._ready, set()  # sent this round or found held back again
        try:
            return await self._send_due(ready, look=bool(ready) or not self._known, idle=idle)
        except BaseException:
            self._known = False
            raise

    async def settle(self) -> None:
        """Write the outcomes of sends not yet written, in a transaction of their own."""
        if not self._unwritten:
            return
        async with self.lock:
            written: list[_Outcome] = []
            with ExitStack() as tx:
                self._begin(tx, None, written)
            self._written(written)

    def _take_claims(self, now: datetime) -> list[repo.Claimed]:
        """The committed claims, last to send first, their tokens given back: the round
        takes them again in sending order, as if the messages had waited in the table."""
        claims, self._claims = self._claims, []
        for claim in claims:
            self.limiter.give_back((claim.platform, claim.account), now)
        claims.sort(key=_order, reverse=True)
        return claims

    async def _send_due(self, ready: set[Key], look: bool, idle: bool = False) -> int:
        """Find, claim, send. Any transaction of the round writes the outcomes not yet
        written first, and one is begun for them before a send if none was: a send's
        outcome is committed before the next send goes out, so a crash repeats at most
        one. The outcome of the last send is left to the next transaction (`idle`: written
        here too). Messages claimed as they were queued take their turn in the same order,
        unclaimed."""
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
        try:
            while True:
                row: SendRow | None = None
                written: list[_Outcome] = []
                async with self.lock:
                    with ExitStack() as tx:
                        # Begun when first needed: a claim from memory needs no statement.
                        conn: Connection | None = None
                        while row is None:
                            now = self.clock.now()
                            if not rows and more:
                                conn = self._begin(tx, conn, written)
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
                            conn = self._begin(tx, conn, written)
                            if repo.claim(conn, candidate.id, now, now + LEASE):
                                row = candidate
                            else:
                                # Another process has it: it is theirs until their lease
                                # runs out, a time we do not know.
                                self.limiter.give_back(key, now)
                                self._known = False
                        if release:
                            repo.release(self._begin(tx, conn, written), [r.id for r in release])
                            release = []
                        if self._unwritten and (row is not None or idle):
                            conn = self._begin(tx, conn, written)
                self._written(written)
                if row is None:
                    self._ready |= blocked
                    return sent
                outcome = await self._deliver(row)
                self._unwritten.append((row, outcome))
                self._owner = (os.getpid(), threading.get_ident())
                _UNWRITTEN.add(self)
                if isinstance(outcome, _Sent):
                    sent += 1
                elif outcome.retry_at is not None:
                    self._note_waiting((row.platform, row.account), outcome.retry_at, now)
        except BaseException:
            # Claims not yet tried stay claims, with the tokens they had.
            now = self.clock.now()
            for claim in held + release:
                self.limiter.take((claim.platform, claim.account), now)
                self._claims.append(claim)
            raise

    def _begin(self, tx: ExitStack, conn: Connection | None, written: list[_Outcome]) -> Connection:
        """The round's transaction `conn`; begun now if it was not, with the outcomes not
        yet written (added to `written`) as its first statements."""
        if conn is not None:
            return conn
        conn = tx.enter_context(self.db.begin())
        written += self._write(conn)
        return conn

    def _may_carry(self, connection: Connection) -> bool:
        """Whether a session's transaction beginning on `connection` is to write this
        outbox's outcomes: one of its database, in the process and thread that sent, and
        no other open transaction has written them already."""
        return (
            bool(self._unwritten)
            and not self._carried
            and connection.engine is self.db.engine
            and self._owner == (os.getpid(), threading.get_ident())
        )

    def _write(self, conn: Connection) -> list[_Outcome]:
        """Write the outcomes not yet written in `conn`'s transaction; those written, to be
        passed to `_written` once it commits."""
        for row, outcome in self._unwritten:
            if isinstance(outcome, _Sent):
                repo.mark_sent(conn, row.id, outcome.at, outcome.platform_id)
            else:
                repo.mark_attempt_failed(conn, row.id, outcome.error, outcome.retry_at)
        return list(self._unwritten)

    def _written(self, written: list[_Outcome]) -> None:
        """`written` were committed: they are done, and `on_sent` hears of the sends."""
        if not written:
            return
        done = {id(o) for o in written}
        self._unwritten = [o for o in self._unwritten if id(o) not in done]
        if not self._unwritten:
            _UNWRITTEN.discard(self)
        for row, outcome in written:
            if isinstance(outcome, _Sent):
                for callback in self.on_sent:
                    try:
                        callback(row, outcome.at)
                    except Exception:
                        log.exception("an on_sent callback of outbox #%s failed", row.id)

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
                with self.db.begin() as conn:
                    waiting = repo.waiting_by_account(conn, now)
            self._ready = {(p, a) for p, a, ready, _ in waiting if ready}
            self._later = {(p, a): t for p, a, _, t in waiting if t is not None}
            # A failed send whose outcome is not written yet is still `sending` there.
            for row, outcome in self._unwritten:
                if isinstance(outcome, _Failed) and outcome.retry_at is not None:
                    self._note_waiting((row.platform, row.account), outcome.retry_at, now)
            self._known = True
        return self._next_time(now)

    async def run(self) -> None:
        """Deliver forever: whenever woken, and when the next queued message falls due.
        Outcomes are written when nothing has carried them after `IDLE` seconds, and
        when the loop is cancelled."""
        try:
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
                if self._unwritten:
                    if await self._woken(min(timeout, IDLE)):
                        continue
                    try:
                        await self.settle()
                    except Exception:
                        log.exception("writing what became of sends failed; trying again")
                    timeout = max(0.0, timeout - IDLE)
                await self._woken(timeout)
        except asyncio.CancelledError:
            await self.settle()
            raise

    async def _woken(self, seconds: float) -> bool:
        """Wait up to `seconds` for a wake-up; whether one came."""
        try:
            await asyncio.wait_for(self._wakeup.wait(), seconds)
        except TimeoutError:
            return False
        return True


def backoff(attempts: int) -> timedelta:
    """Wait before retry number `attempts`: 5 s, 20 s, 80 s, 320 s, … at most an hour."""
    return timedelta(seconds=min(3600, 5 * 4 ** (attempts - 1)))
