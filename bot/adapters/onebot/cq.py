"""OneBot v11 message formats: CQ-code strings and segment arrays, read into plain text,
mentions and the quoted message, and the segments the bot sends."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Segment = dict[str, Any]

_CQ = re.compile(r"\[CQ:([A-Za-z0-9_.\-]+)((?:,[^,\]]*)*)\]")
_QQ_ID = re.compile(r"^[1-9][0-9]{0,19}$")


class MessageFormatError(ValueError):
    """A `message` that is neither a CQ-code string nor an array of segments."""


def escape(text: str, *, param: bool = False) -> str:
    """Escape text per the v11 table, so that it can never read as a CQ code."""
    text = text.replace("&", "&amp;").replace("[", "&#91;").replace("]", "&#93;")
    return text.replace(",", "&#44;") if param else text


def unescape(text: str) -> str:
    """Undo `escape` (either form); `&amp;` last, so `&amp;#91;` stays `&#91;`."""
    text = text.replace("&#44;", ",").replace("&#91;", "[").replace("&#93;", "]")
    return text.replace("&amp;", "&")


def parse_cq(raw: str) -> list[Segment]:
    """Segments of a CQ-code string; anything that is not a well-formed code is text."""
    segments: list[Segment] = []
    pos = 0
    for m in _CQ.finditer(raw):
        if m.start() > pos:
            segments.append(text_segment(unescape(raw[pos : m.start()])))
        data: dict[str, str] = {}
        for part in m.group(2).split(",")[1:]:
            key, _, value = part.partition("=")
            data[key] = unescape(value)
        segments.append({"type": m.group(1), "data": data})
        pos = m.end()
    if pos < len(raw):
        segments.append(text_segment(unescape(raw[pos:])))
    return segments


def to_cq(segments: list[Segment]) -> str:
    """The CQ-code string of segments (text escaped, parameters escaped)."""
    out: list[str] = []
    for seg in segments:
        data = seg.get("data") or {}
        if seg["type"] == "text":
            out.append(escape(str(data.get("text", ""))))
            continue
        params = "".join(f",{k}={escape(str(v), param=True)}" for k, v in data.items())
        out.append(f"[CQ:{seg['type']}{params}]")
    return "".join(out)


def segments_of(message: object) -> list[Segment]:
    """The segments of an event's `message` in either format, data values as strings
    (implementations differ on ids); MessageFormatError when it is neither."""
    if isinstance(message, str):
        return parse_cq(message)
    if not isinstance(message, list):
        raise MessageFormatError(f"message is a {type(message).__name__}")
    segments: list[Segment] = []
    for item in message:
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise MessageFormatError("a segment without a type")
        data = item.get("data")
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise MessageFormatError(f"segment data is a {type(data).__name__}")
        clean = {
            str(k): v if isinstance(v, str) else str(v)
            for k, v in data.items()
            if isinstance(v, str | int) and not isinstance(v, bool)
        }
        segments.append({"type": item["type"], "data": clean})
    return segments


@dataclass(frozen=True, slots=True)
class Reading:
    """What the core needs of a message: its words, whom it mentions, what it quotes."""

    text: str
    mentions: tuple[str, ...]
    reply_to: str | None
    to_me: bool


def read(segments: list[Segment], self_id: str) -> Reading:
    """Plain text of the text segments, the QQ numbers mentioned (not "all", not the
    bot's own), the quoted message id, and whether the bot was mentioned."""
    words: list[str] = []
    mentions: list[str] = []
    reply_to: str | None = None
    to_me = False
    for seg in segments:
        kind, data = seg["type"], seg.get("data") or {}
        if kind == "text":
            words.append(str(data.get("text", "")))
        elif kind == "at":
            qq = str(data.get("qq", "")).strip()
            if qq == self_id:
                to_me = True
            elif _QQ_ID.match(qq) and qq not in mentions:
                mentions.append(qq)
        elif kind == "reply" and reply_to is None:
            ref = str(data.get("id", "")).strip()
            reply_to = ref or None
    return Reading("".join(words).strip(), tuple(mentions), reply_to, to_me)


def text_segment(text: str) -> Segment:
    return {"type": "text", "data": {"text": text}}


def at_segment(qq: str) -> Segment:
    return {"type": "at", "data": {"qq": qq}}


def is_qq_id(value: str) -> bool:
    return bool(_QQ_ID.match(value))


def outgoing(text: str, mentions: tuple[str, ...] = ()) -> list[Segment]:
    """What the bot sends: a real at segment for each QQ number it means to mention,
    and everything else as one text segment, never read for CQ codes."""
    segments: list[Segment] = []
    for qq in mentions:
        if is_qq_id(qq):
            segments += [at_segment(qq), text_segment(" ")]
    segments.append(text_segment(text))
    return segments
