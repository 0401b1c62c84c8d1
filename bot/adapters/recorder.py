"""An adapter that records what the bot sends, stamped with the bot's clock: the
output of `weizhili replay` and the fake transport of the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.events import Outgoing

if TYPE_CHECKING:
    from bot.app import App


@dataclass(frozen=True)
class Sent:
    ts: datetime
    msg: Outgoing

    def to_dict(self) -> dict[str, Any]:
        # To the second, as transcripts are written: the send limiter's slots can fall a
        # microsecond past one (09:05:02.000001), which says nothing to a reader.
        ts = self.ts.isoformat(timespec="seconds")
        out: dict[str, Any] = {"ts": ts, "platform": self.msg.platform}
        if self.msg.chat_id is not None:
            out["group"] = self.msg.chat_id
        else:
            out["user"] = self.msg.user_id
        out["text"] = self.msg.text
        out["mentions"] = list(self.msg.mentions)
        return out


class Recorder:
    """Takes every send for one platform; never fails unless told to."""

    def __init__(
        self, platform: str, clock: Clock, on_send: Callable[[Sent], None] | None = None
    ) -> None:
        self.platform = platform
        self.clock = clock
        self.sent: list[Sent] = []
        self.on_send = on_send
        self._counter = 0

    async def start(self, app: App) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, msg: Outgoing) -> str | None:
        item = Sent(self.clock.now(), msg)
        self.sent.append(item)
        if self.on_send is not None:
            self.on_send(item)
        self._counter += 1
        return f"bot-{self.platform}-{self._counter}"
