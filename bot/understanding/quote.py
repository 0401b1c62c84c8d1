"""WeChat quote-replies: 「名字：原文」, a line of dashes, then what the sender wrote now."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(
    r"^\s*「(?P<name>[^：:」\n]{1,40})[：:]\s*(?P<quoted>.*?)」\s*\n"
    r"[ \t]*(?:[-—–－][ \t]*){3,}\n?(?P<new>.*)\Z",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote-reply: who was quoted, what they said, and the new text."""

    name: str
    quoted: str
    text: str


def split_quote(text: str) -> Quote | None:
    """Split a WeChat quote-reply into its parts; None when the text is not one."""
    if "「" not in text[:10]:
        return None
    match = _QUOTE.match(text)
    if match is None:
        return None
    return Quote(match["name"].strip(), match["quoted"].strip(), match["new"].strip())


def as_quote(name: str, quoted: str, text: str) -> str:
    """The quote-reply text for a reply that arrived as a reference to another message (a QQ
    reply segment, a WeChat quote taken apart by the adapter, the console's "> 3"), so that
    it is read as WeChat shows it."""
    name = re.sub(r"[：:」\n]", " ", name).strip()[:40] or "?"
    quoted = re.sub(r"[」\n]", " ", quoted).strip()[:200]
    return f"「{name}：{quoted}」\n- - - - - -\n{text}"
