"""OneBot v11 event payloads into platform-neutral `Event`s."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from bot.adapters.onebot.cq import MessageFormatError, is_qq_id, read, segments_of
from bot.events import Event

log = logging.getLogger(__name__)

PLATFORM = "qq"
MAX_NAME = 64


class FrameError(ValueError):
    """A payload that does not have the shape the v11 standard gives it."""


def qq_id(value: object, field: str) -> str:
    """A QQ number (user, group or account) as a string, or FrameError."""
    if isinstance(value, bool):
        raise FrameError(f"{field} is not a number")
    if isinstance(value, int | str) and is_qq_id(str(value).strip()):
        return str(value).strip()
    raise FrameError(f"{field} is not a QQ number: {value!r:.40}")


def to_event(payload: dict[str, Any], self_id: str, now: datetime) -> Event | None:
    """The message event in `payload`, or None for the kinds the bot does not read
    (meta events, notices, requests, its own messages). FrameError when malformed."""
    post_type = payload.get("post_type")
    if post_type == "meta_event":
        _meta(payload, self_id)
        return None
    if post_type != "message":
        log.debug("ignored a OneBot %s event on account %s", post_type, self_id)
        return None
    message_type = payload.get("message_type")
    if message_type not in ("group", "private"):
        log.debug("ignored a OneBot %s message on account %s", message_type, self_id)
        return None
    if message_type == "group" and payload.get("sub_type") == "notice":
        return None
    user_id = qq_id(payload.get("user_id"), "user_id")
    if user_id == self_id:
        return None
    group_id = qq_id(payload.get("group_id"), "group_id") if message_type == "group" else None
    message_id = payload.get("message_id")
    if isinstance(message_id, bool) or not isinstance(message_id, int | str) or message_id == "":
        raise FrameError("message_id is missing")
    try:
        segments = segments_of(payload.get("message"))
    except MessageFormatError as exc:
        raise FrameError(str(exc)) from None
    reading = read(segments, self_id)
    return Event(
        platform=PLATFORM,
        chat_id=group_id,
        user_id=user_id,
        user_name=_display_name(payload.get("sender"), user_id),
        text=reading.text,
        message_id=str(message_id)[:128],
        ts=now,
        reply_to=reading.reply_to[:128] if reading.reply_to else None,
        mentions=reading.mentions,
        to_me=reading.to_me or group_id is None,
        account=self_id,
    )


def _display_name(sender: object, user_id: str) -> str:
    """The group card when set, else the nickname, else the QQ number."""
    if isinstance(sender, dict):
        for key in ("card", "nickname"):
            value = sender.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()[:MAX_NAME]
    return user_id


def _meta(payload: dict[str, Any], self_id: str) -> None:
    kind = payload.get("meta_event_type")
    if kind == "lifecycle":
        log.info("OneBot account %s: lifecycle %s", self_id, payload.get("sub_type"))
    elif kind != "heartbeat":
        log.debug("ignored a OneBot meta event %r on account %s", kind, self_id)
