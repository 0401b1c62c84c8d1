"""Message understanding: one group message in, a structured reading out (see parse.md)."""

from bot.understanding.quote import Quote, says_me_too, split_quote
from bot.understanding.reading import Location, Reading
from bot.understanding.rules import asks_after_own_report, parse

__all__ = [
    "Location",
    "Quote",
    "Reading",
    "asks_after_own_report",
    "parse",
    "says_me_too",
    "split_quote",
]
