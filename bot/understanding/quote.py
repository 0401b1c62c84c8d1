"""WeChat quote-replies: 「名字：原文」, a line of dashes, then what the sender wrote now;
and the bare "me too" a reply can be."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(
    r"^\s*「(?P<name>[^：:」\n]{1,40})[：:]\s*(?P<quoted>.*?)」\s*\n"
    r"[ \t]*(?:[-—–－][ \t]*){3,}\n?(?P<new>.*)\Z",
    re.DOTALL,
)


# "Me too" under a report: +1, 我家也是, 我们也停了, 同样的问题 (an opinion, 我也觉得, is not).
_ME_TOO = re.compile(
    r"^\s*(?:[+＋]\s*1|加一|1\s*[+＋])(?!\d)"
    r"|^\S{0,4}?(?:我|我家|我们|我们家|我屋|俺家|我这|我这边|这边)(?:也|同样)"
    r"(?:是|一样|这样|有|闻到|听到|停|没|漏|坏|臭|吵|堵|黑|不|遇到|被)(?!\S{0,3}(?:想|觉得|认为|同意|支持|赞成|说))"
    r"|^\S{0,4}?同样的?(?:问题|情况)"
)


def says_me_too(text: str) -> bool:
    """Whether a reply says the same happens to the writer (+1, 我家也是)."""
    return _ME_TOO.search(text[:40]) is not None


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
