"""Platform-neutral messages: what adapters hand to the dispatcher and what the bot sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Platform = Literal["wechat", "qq", "console"]
PLATFORMS: tuple[str, ...] = ("wechat", "qq", "console")


@dataclass(frozen=True, slots=True)
class Event:
    """One message received in a group (or privately, when `chat_id` is None)."""

    platform: str
    chat_id: str | None
    user_id: str
    user_name: str
    text: str
    message_id: str
    ts: datetime
    reply_to: str | None = None
    mentions: tuple[str, ...] = ()
    to_me: bool = False
    account: str = ""

    @property
    def session_id(self) -> str:
        """Where an answer goes: the group, or the user for a private message."""
        return f"{self.platform}:{self.chat_id or 'user:' + self.user_id}"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message the bot sends: to a group (`chat_id`) or privately (`user_id`)."""

    platform: str
    text: str
    chat_id: str | None = None
    user_id: str | None = None
    mentions: tuple[str, ...] = field(default=())
    urgent: bool = False
    account: str = ""

    def __post_init__(self) -> None:
        if (self.chat_id is None) == (self.user_id is None):
            raise ValueError("an outgoing message goes to exactly one of a group or a user")
