"""What every transport provides to the core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from bot.events import Outgoing

if TYPE_CHECKING:
    from bot.app import App


class SendError(Exception):
    """A send the platform refused or could not take; `retry` says whether to try again."""

    def __init__(self, message: str, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


class Adapter(Protocol):
    """A transport: turns platform frames into `Event`s for `app.handle` and sends
    `Outgoing` messages. It translates and never decides."""

    platform: str

    async def start(self, app: App) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, msg: Outgoing) -> str | None:
        """Send one message; the platform's message id when it gives one.
        Raise SendError when it cannot be sent."""
        ...
