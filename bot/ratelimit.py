"""Token buckets per sending account, driven by the bot's clock (simulated in replay)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

Key = tuple[str, str]  # (platform, account)


@dataclass
class Bucket:
    tokens: float
    last: datetime | None = None


class RateLimiter:
    """At most `rate` sends a second per key on average, with bursts of `burst`.

    Time is whatever the caller passes, so under a simulated clock a burst of 150 sends
    is spread over simulated seconds exactly as it would be live."""

    def __init__(self, rate: float, burst: int) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self._buckets: dict[Key, Bucket] = {}
        self.unlimited: set[str] = set()  # platforms with no account to protect (console)

    def _refill(self, key: Key, now: datetime) -> Bucket:
        b = self._buckets.get(key)
        if b is None:
            b = self._buckets[key] = Bucket(float(self.burst), now)
        elif b.last is not None and now > b.last:
            gained = (now - b.last).total_seconds() * self.rate
            b.tokens = min(float(self.burst), b.tokens + gained)
            b.last = now
        return b

    def try_take(self, key: Key, now: datetime) -> bool:
        """Take one token if there is one."""
        if key[0] in self.unlimited:
            return True
        b = self._refill(key, now)
        if b.tokens >= 1.0 - 1e-9:
            b.tokens -= 1.0
            return True
        return False

    def take(self, key: Key, now: datetime) -> None:
        """Take one token whether or not there is one (a debt, waited off before the
        next send), for a send that had its token before and keeps it."""
        if key[0] not in self.unlimited:
            self._refill(key, now).tokens -= 1.0

    def give_back(self, key: Key, now: datetime) -> None:
        """Return a token taken at or before `now`: the same as never having taken it."""
        if key[0] in self.unlimited:
            return
        b = self._refill(key, now)
        b.tokens = min(float(self.burst), b.tokens + 1.0)

    def ready_at(self, key: Key, now: datetime) -> datetime:
        """The earliest time a send on this key can go."""
        if key[0] in self.unlimited:
            return now
        b = self._refill(key, now)
        if b.tokens >= 1.0 - 1e-9:
            return now
        wait = (1.0 - b.tokens) / self.rate
        # Round up to whole microseconds so that a send at ready_at really finds a token.
        return now + timedelta(microseconds=int(wait * 1_000_000) + 1)
