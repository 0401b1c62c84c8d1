"""The one clock: real time in `run`, simulated time in `replay` and tests."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo


class Clock:
    """Wall-clock time in the bot's time zone."""

    def __init__(self, tz: tzinfo | str = "Asia/Shanghai") -> None:
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz

    def now(self) -> datetime:
        return datetime.now(self.tz)


class SimClock(Clock):
    """A clock that only moves when told to; it never goes backwards."""

    def __init__(self, start: datetime, tz: tzinfo | str = "Asia/Shanghai") -> None:
        super().__init__(tz)
        if start.tzinfo is None:
            start = start.replace(tzinfo=self.tz)
        self._now = start.astimezone(self.tz)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            when = when.replace(tzinfo=self.tz)
        when = when.astimezone(self.tz)
        if when < self._now:
            raise ValueError(f"the clock cannot go back from {self._now} to {when}")
        self._now = when

    def advance(self, delta: timedelta) -> None:
        self.set(self._now + delta)
