"""Small models over character 1-3-grams: second opinions where the rules are unsure.

A naive Bayes (counts in data/model.json) gives each category's probability; two linear
classifiers (weights in data/linear.tsv) tell chat from reports and emergencies from other
reports. Both files are written by bot/understanding/train.py from the labelled sets and
read once, on first use.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable
from functools import cache
from itertools import repeat
from pathlib import Path

log = logging.getLogger(__name__)
MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.json"
LINEAR_FILE = MODEL_FILE.with_name("linear.tsv")
LINEAR = ("chat", "urgent")  # the linear classifiers of LINEAR_FILE, in its columns' order
CHAT = "chat"
_ALPHA = 0.5
_MAX_N = 3
_MAX_CHARS = 200  # of a message's cleaned text; its grams number fewer than 3 * _MAX_CHARS
_SCALE = 4096  # fixed-point steps per nat: rounding moves a score by < 0.0002 nats a gram
_LANE = 26
_GRAMS_BITS = 10  # 2**10 > 3 * _MAX_CHARS
# A gram's figure in a lane is at most 65,535: a cost of 16 nats, above any gram's (the
# largest class's unseen gram costs 13.9); the lanes are as narrow as that allows, for the
# rows' integers are summed for every message (19 lanes of 26 bits: 17 machine digits).
_LANE_MAX = (1 << (_LANE - _GRAMS_BITS)) - 1
_LANE_MASK = (1 << _LANE) - 1
_DIGITS = re.compile(r"\d+")
_DROP = re.compile(r"[\s,.!?;:。、…~()\[\]「」『』【】《》\"'#@*/\\+=_-]+")


def grams(norm: str) -> list[str]:
    """Character 1- to 3-grams of a normalised message; numbers count as one symbol."""
    text = _DROP.sub("", _DIGITS.sub("0", norm))[:_MAX_CHARS]
    return [text[i : i + n] for n in range(1, _MAX_N + 1) for i in range(len(text) - n + 1)]


# The linear classifiers' fixed point: a weight times idf (at most 14 seen) in steps of
# 1/2048, an idf squared (at most 113) in steps of 1/256, so that both stay within a lane.
WEIGHT_SCALE = 2048
SQUARE_SCALE = 256


def fixed_point(value: float, scale: int) -> int:
    """A figure of linear.tsv in fixed point, kept within a lane."""
    return max(-_LANE_MAX, min(_LANE_MAX, round(value * scale)))


class NaiveBayes:
    """Multinomial naive Bayes over grams(); classes are "chat" and the report categories."""

    def __init__(self, counts: dict[str, dict[str, int]]) -> None:
        if CHAT not in counts or len(counts) < 2:
            raise ValueError("the counts need chat and at least one report category")
        self.classes = tuple(sorted(counts))
        # Every gram's row, first at 0 (a dict, no separate set of the vocabulary: the load
        # peaks lower); the vocabulary counts "" too, as it always has.
        rows = dict.fromkeys((g for per in counts.values() for g in per if g), 0)
        vocab_size = len(rows) + any("" in per for per in counts.values())
        docs = {c: counts[c].get("", 0) for c in self.classes}
        total_docs = sum(docs.values())
        self.prior = [math.log((docs[c] + 1) / (total_docs + len(self.classes))) for c in self.classes]
        sizes = []
        for c in self.classes:
            size = sum(v for g, v in counts[c].items() if g) + _ALPHA * vocab_size
            sizes.append(size)
        # Each gram's row of -log P(gram | class), one 32-bit fixed-point lane per class,
        # packed into one Python integer: a message's rows then add up with one integer
        # addition per gram (sum() of ints runs in C), and the rows hold no float objects
        # for the garbage collector to scan. Lanes cannot carry into each other: a row's
        # lane is below 2**(_LANE - _GRAMS_BITS) and a message has fewer than 2**_GRAMS_BITS grams.
        # A gram seen in no message of a class costs that class the same as any unseen
        # gram: every row starts from those costs, and only a class's seen grams change it
        # (a tenth of the 57,000 x 14 cells, so the model loads faster than cell by cell).
        unseen = [min(round(-math.log(_ALPHA / size) * _SCALE), _LANE_MAX) for size in sizes]
        base = sum(cost << (lane * _LANE) for lane, cost in enumerate(unseen))
        for g in rows:
            rows[g] = base
        for lane, (c, size) in enumerate(zip(self.classes, sizes, strict=True)):
            shift = lane * _LANE
            # A gram's change to its row depends only on its count, and most counts are
            # small numbers seen again and again: each is worked out once per class.
            changes: dict[int, int] = {}
            for g, v in counts[c].items():
                if g and v:
                    change = changes.get(v)
                    if change is None:
                        cost = min(round(-math.log((v + _ALPHA) / size) * _SCALE), _LANE_MAX)
                        change = changes[v] = (cost - unseen[lane]) << shift
                    rows[g] += change
        self._rows = rows
        self._last_text: str | None = None
        self._last: dict[str, float] = {}
        self._linear_lane = len(self.classes)
        self._intercepts: tuple[float, ...] | None = None
        self._sums: tuple[str | None, list[str], int, int | None] = (None, [], 0, None)

    def add_linear(self, lines: Iterable[str]) -> None:
        """Take in the linear classifiers of a linear.tsv (LINEAR: chat, then urgent): a
        first line "intercept" and each one's intercept, then per gram "gram", each one's
        weight times the gram's idf, and the idf squared, all in fixed point. The figures go
        into more lanes of the gram's row (the idf squared, then each weight's positive and
        negative parts apart, so that no lane goes below zero): one addition per gram still
        sums all."""
        shift = self._linear_lane * _LANE
        rows = self._rows
        it = iter(lines)
        head = next(it, "").rstrip("\n").split("\t")
        if len(head) != len(LINEAR) + 1 or head[0] != "intercept":
            raise ValueError("linear.tsv: the first line is not the intercepts of chat and urgent")
        top = _LANE_MAX
        # (line by line: the file split at once read faster but took 20 MB more at its peak)
        for number, line in enumerate(it, start=2):
            fields = line.split("\t")
            try:
                if len(fields) != 4:
                    raise ValueError
                chat, urgent, square = int(fields[1]), int(fields[2]), int(fields[3])
            except ValueError:
                raise ValueError(f"linear.tsv line {number}: not a gram and three whole numbers") from None
            if not (0 <= square <= top and -top <= chat <= top and -top <= urgent <= top):
                raise ValueError(f"linear.tsv line {number}: a figure out of range")
            row = rows.get(fields[0])
            if row is not None:  # (a gram the counts dropped cannot be read in a message)
                lanes = (
                    square
                    + ((chat if chat > 0 else -chat << _LANE) << _LANE)
                    + ((urgent if urgent > 0 else -urgent << _LANE) << (3 * _LANE))
                )
                rows[fields[0]] = row + (lanes << shift)
        try:
            self._intercepts = tuple(int(v) / WEIGHT_SCALE for v in head[1:])
        except ValueError:
            raise ValueError("linear.tsv: an intercept is not a whole number") from None

    def chat_score(self, norm: str) -> float | None:
        """The linear chat classifier's score of a text: above zero reads as chat, below as a
        report (None without the classifiers). The score is that of scikit-learn's model in
        train.py: binary grams weighted by idf, the vector scaled to length one."""
        return self._linear_score(norm, 0)

    def urgent_score(self, norm: str) -> float | None:
        """The linear urgency classifier's score of a report's text: above zero reads as an
        emergency (None without the classifiers)."""
        return self._linear_score(norm, 1)

    def _linear_score(self, norm: str, k: int) -> float | None:
        if self._intercepts is None:
            return None
        total = self._totals(norm, distinct=True) >> (self._linear_lane * _LANE)
        square = total & _LANE_MASK
        if square == 0:
            return self._intercepts[k]
        up = (total >> ((1 + 2 * k) * _LANE)) & _LANE_MASK
        down = (total >> ((2 + 2 * k) * _LANE)) & _LANE_MASK
        return (up - down) / WEIGHT_SCALE / math.sqrt(square / SQUARE_SCALE) + self._intercepts[k]

    def posteriors(self, norm: str) -> dict[str, float]:
        """P(class | text) for every class; grams never seen in training are left out. The
        last answer is kept: one message asks up to three times."""
        if norm == self._last_text:
            return self._last
        total = self._totals(norm)
        scores = [
            p - ((total >> (lane * _LANE)) & _LANE_MASK) / _SCALE
            for lane, p in enumerate(self.prior)
        ]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        self._last_text = norm
        self._last = {c: e / total for c, e in zip(self.classes, exp, strict=True)}
        return self._last

    def _totals(self, norm: str, distinct: bool = False) -> int:
        """The sum of a text's rows over its grams (the naive Bayes counts repeats), or over
        its distinct grams (the linear classifier does not): few grams repeat, and their
        extra rows are taken off the first sum. The last text's sums are kept (one tuple,
        replaced whole)."""
        text, found, total, once = self._sums
        if norm != text:
            found = grams(norm)
            total = sum(map(self._rows.get, found, repeat(0)))
            once = None
            self._sums = (norm, found, total, once)
        if not distinct:
            return total
        if once is None:
            once = total
            if len(set(found)) < len(found):
                seen: set[str] = set()
                for gram in found:
                    if gram in seen:
                        once -= self._rows.get(gram, 0)
                    else:
                        seen.add(gram)
            self._sums = (norm, found, total, once)
        return once

    def best_category(self, norm: str, allowed: Iterable[str] | None = None) -> tuple[str, float]:
        """The likeliest report category (among allowed ones) and P(report) of the text."""
        post = self.posteriors(norm)
        report = 1.0 - post.get(CHAT, 0.0)
        pool = [c for c in (allowed or self.classes) if c != CHAT and c in post]
        return max(pool, key=post.__getitem__), report


def load(path: Path = MODEL_FILE, linear: Path | None = LINEAR_FILE) -> NaiveBayes | None:
    """The model of a counts file, with the linear classifiers of the linear file when there
    is one; None when there is no counts file. A broken file is logged and left out, never
    raised: messages are then read with what is left (the rules alone without the counts)."""
    if not path.exists():
        return None
    try:
        model = NaiveBayes(json.loads(path.read_text(encoding="utf-8"))["counts"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.error("%s is unusable (%s): messages are read by the rules alone", path, exc)
        return None
    if linear is not None and linear.exists():
        try:
            with linear.open(encoding="utf-8") as lines:
                model.add_linear(lines)
        except (OSError, ValueError) as exc:  # (a half-read file leaves no classifier: see add_linear)
            log.error("%s is unusable (%s): messages are read without the linear classifiers", linear, exc)
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
