"""A small naive Bayes over character 1-3-grams: a second opinion where the rules are unsure.

Its counts live in data/model.json, written by bot/understanding/train.py from the labelled
sets; the log-probabilities are worked out once, on first use.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Iterable
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.json"
CHAT = "chat"
_ALPHA = 0.5
_MAX_N = 3
_DIGITS = re.compile(r"\d+")
_DROP = re.compile(r"[\s,.!?;:。、…~()\[\]「」『』【】《》\"'#@*/\\+=_-]+")


def grams(norm: str) -> list[str]:
    """Character 1- to 3-grams of a normalised message; numbers count as one symbol."""
    text = _DROP.sub("", _DIGITS.sub("0", norm))[:200]
    return [text[i : i + n] for n in range(1, _MAX_N + 1) for i in range(len(text) - n + 1)]


class NaiveBayes:
    """Multinomial naive Bayes over grams(); classes are "chat" and the report categories."""

    def __init__(self, counts: dict[str, dict[str, int]]) -> None:
        self.classes = tuple(sorted(counts))
        vocab = {g for per in counts.values() for g in per}
        docs = {c: counts[c].get("", 0) for c in self.classes}
        total_docs = sum(docs.values())
        self.prior = [math.log((docs[c] + 1) / (total_docs + len(self.classes))) for c in self.classes]
        self.unseen: list[float] = []
        sizes = []
        for c in self.classes:
            size = sum(v for g, v in counts[c].items() if g) + _ALPHA * len(vocab)
            sizes.append(size)
            self.unseen.append(math.log(_ALPHA / size))
        # One flat array of float64 and each gram's offset into it: no float objects at
        # all, so the rows take a third of the memory of tuples and the garbage collector
        # has nothing to scan (tens of thousands of lists made each full collection a
        # pause of several ms).
        n = len(self.classes)
        self._offset: dict[str, int] = {}
        self._values = array("f")
        for g in sorted(vocab):
            if g:
                self._offset[g] = len(self._values)
                self._values.extend(math.log((counts[c].get(g, 0) + _ALPHA) / size)
                                    for c, size in zip(self.classes, sizes, strict=True))
        self._width = n
        self._last_text: str | None = None
        self._last: dict[str, float] = {}

    def posteriors(self, norm: str) -> dict[str, float]:
        """P(class | text) for every class; grams never seen in training are left out. The
        last answer is kept: one message asks up to three times."""
        if norm == self._last_text:
            return self._last
        values, width, offset = self._values, self._width, self._offset
        # Each known gram's row, summed per class by zip: a third of the time of adding
        # the rows up one number at a time.
        rows = [values[at : at + width] for at in map(offset.get, grams(norm)) if at is not None]
        columns = zip(*rows, strict=True) if rows else ((),) * width
        scores = [p + sum(col) for p, col in zip(self.prior, columns, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        self._last_text = norm
        self._last = {c: e / total for c, e in zip(self.classes, exp, strict=True)}
        return self._last

    def best_category(self, norm: str, allowed: Iterable[str] | None = None) -> tuple[str, float]:
        """The likeliest report category (among allowed ones) and P(report) of the text."""
        post = self.posteriors(norm)
        report = 1.0 - post.get(CHAT, 0.0)
        pool = [c for c in (allowed or self.classes) if c != CHAT and c in post]
        return max(pool, key=post.__getitem__), report


def load(path: Path = MODEL_FILE) -> NaiveBayes | None:
    """The model of a counts file; None when there is none."""
    if not path.exists():
        return None
    model = NaiveBayes(json.loads(path.read_text(encoding="utf-8"))["counts"])
    _give_back_memory()
    return model


def _give_back_memory() -> None:
    """Hand the memory the counts took while the model was built back to the system (the C
    library keeps freed memory otherwise, and the process would stay that much bigger)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the memory stays with the process, nothing else changes


@cache
def shipped() -> NaiveBayes | None:
    """The model shipped in data/model.json, loaded on first use."""
    return load()
