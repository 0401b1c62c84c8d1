"""Message understanding: one group message in, a structured reading out (see parse.md)."""

import gc

from bot.understanding.quote import Quote, says_me_too, split_quote
from bot.understanding.reading import Location, Reading
from bot.understanding.rules import asks_after_own_report, kinds_named, parse, things_named


def warm_up() -> None:
    """Load the tables, the segmenter and the model now rather than on the first message
    (they take a few hundred milliseconds, which the first resident would wait), then
    leave what was loaded out of the garbage collector's passes.

    The tables and the model are a few hundred thousand objects that live as long as the
    process; every full collection walked them all again. Frozen (once a process), a
    collection walks only what messages create; in the pipeline benchmark that was about
    3 % of the time a message takes."""
    global _warm
    if _warm:
        return
    from bot.understanding import model
    from bot.understanding.lexicon import lexicon

    lexicon()
    model.shipped()
    parse("3栋电梯坏了")
    gc.collect()
    gc.freeze()
    _warm = True


_warm = False

__all__ = [
    "Location",
    "Quote",
    "Reading",
    "asks_after_own_report",
    "kinds_named",
    "parse",
    "says_me_too",
    "split_quote",
    "things_named",
    "warm_up",
]
