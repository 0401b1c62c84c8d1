"""Small models over character 1-3-grams: second opinions where the rules are unsure.

A naive Bayes (counts in data/model.tsv) gives each category's probability; two linear
classifiers (weights in data/linear.tsv) tell chat from reports and emergencies from other
reports. Both files are written by bot/understanding/train.py from the labelled sets and
read once, on first use.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
from collections.abc import Generator, Iterable, Iterator
from functools import cache
from itertools import repeat
from pathlib import Path

log = logging.getLogger(__name__)
MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.tsv"
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


def table(counts: dict[str, dict[str, int]]) -> Iterator[str]:
    """The lines of a model table (data/model.tsv) of per-class gram counts ("" counting a
    class's messages): a head of four lines, "classes" and the class names, "messages" and
    each class's messages, "grams" and each class's grams counted, "vocabulary" and the
    number of grams plus one; then one line per gram, sorted, with a cell "lane:count" for
    each class that saw it (lane: the class's place among the classes, from 0)."""
    classes = sorted(counts)
    grams_seen = sorted({g for per in counts.values() for g in per if g})
    yield "\t".join(["classes", *classes])
    yield "\t".join(["messages", *(str(counts[c].get("", 0)) for c in classes)])
    yield "\t".join(["grams", *(str(sum(v for g, v in counts[c].items() if g)) for c in classes)])
    yield f"vocabulary\t{len(grams_seen) + 1}"
    for gram in grams_seen:
        cells = (f"{lane}:{counts[c][gram]}" for lane, c in enumerate(classes) if counts[c].get(gram))
        yield "\t".join([gram, *cells])


class NaiveBayes:
    """Multinomial naive Bayes over grams(); classes are "chat" and the report categories."""

    def __init__(self, table: Iterable[str], linear: Iterable[str] | None = None) -> None:
        """Read the lines of a model table (see table()), and of a linear.tsv with the same
        grams in the same order when there is one. A broken table is a ValueError; a broken
        linear file leaves the linear classifiers out, its error kept in linear_error."""
        it = iter(table)
        head = [next(it, "").rstrip("\n").split("\t") for _ in range(4)]
        if [h[0] for h in head] != ["classes", "messages", "grams", "vocabulary"]:
            raise ValueError("the table does not open with classes, messages, grams, vocabulary")
        self.classes = tuple(head[0][1:])
        if CHAT not in self.classes or len(self.classes) < 2 or len(set(self.classes)) < len(self.classes):
            raise ValueError("the table needs chat and at least one report category, each once")
        try:
            docs = [int(v) for v in head[1][1:]]
            totals = [int(v) for v in head[2][1:]]
            vocab_size = int(head[3][1])
        except (ValueError, IndexError):
            raise ValueError("a count of the table's head is not a whole number") from None
        if not (len(docs) == len(totals) == len(self.classes)) or len(head[3]) != 2:
            raise ValueError("the table's head does not give one count per class")
        total_docs = sum(docs)
        self.prior = [math.log((d + 1) / (total_docs + len(self.classes))) for d in docs]
        sizes = [t + _ALPHA * vocab_size for t in totals]
        self._linear_lane = len(self.classes)
        self._intercepts: tuple[float, ...] | None = None
        self.linear_error: str | None = None
        weights = None
        if linear is not None:
            weights = self._linear_lines(linear)
            try:
                next(weights)  # (the intercepts)
            except (OSError, ValueError) as exc:
                weights = self._drop_linear({}, str(exc))
        # Each gram's row of -log P(gram | class), one fixed-point lane per class, packed
        # into one Python integer: a message's rows then add up with one integer addition
        # per gram (sum() of ints runs in C), and the rows hold no float objects for the
        # garbage collector to scan. Lanes cannot carry into each other: a row's lane is
        # below 2**(_LANE - _GRAMS_BITS) and a message has fewer than 2**_GRAMS_BITS grams.
        # A gram seen in no message of a class costs that class the same as any unseen
        # gram: every row starts from those costs, and only a class's seen grams change it.
        # Both files are read line by line, side by side, and each gram's row is made once,
        # whole: no counts are held and no row is made twice (a JSON of counts and the
        # linear lanes added afterwards took 15 MB more at the load's peak, and left more
        # memory behind).
        unseen = [min(round(-math.log(_ALPHA / size) * _SCALE), _LANE_MAX) for size in sizes]
        base = sum(cost << (lane * _LANE) for lane, cost in enumerate(unseen))
        # A gram's change to its row depends only on its class and count, and most counts
        # are small numbers seen again and again: each cell is worked out once.
        changes: dict[str, tuple[int, int, int]] = {}
        seen = [0] * len(self.classes)
        rows: dict[str, int] = {}
        for number, line in enumerate(it, start=5):
            gram, *cells = line.rstrip("\n").split("\t")
            row = base
            for cell in cells:
                known = changes.get(cell)
                if known is None:
                    known = changes[cell] = self._change(cell, sizes, unseen, number)
                change, lane, count = known
                row += change
                seen[lane] += count
            if not gram or not cells or gram in rows:
                raise ValueError(f"table line {number}: an empty or repeated gram, or no counts")
            if weights is not None:
                try:
                    row += weights.send(gram)
                except (OSError, ValueError) as exc:
                    weights = self._drop_linear(rows, str(exc))
            rows[gram] = row
        if seen != totals or len(rows) + 1 != vocab_size:
            raise ValueError("the table's grams do not add up to the counts of its head")
        if weights is not None:
            try:
                weights.send(None)
            except StopIteration:
                pass  # the linear file ended with the table
            except (OSError, ValueError) as exc:
                self._drop_linear(rows, str(exc))
        self._rows = rows
        self._last_text: str | None = None
        self._last: dict[str, float] = {}
        self._sums: tuple[str | None, list[str], int, int | None] = (None, [], 0, None)

    @classmethod
    def from_counts(cls, counts: dict[str, dict[str, int]], linear: Iterable[str] | None = None) -> NaiveBayes:
        """The model of per-class gram counts, as train.py counts them."""
        return cls(table(counts), linear)

    @staticmethod
    def _change(cell: str, sizes: list[float], unseen: list[int], number: int) -> tuple[int, int, int]:
        """A table cell "lane:count": the change it makes to its gram's row, its lane, its count."""
        try:
            lane, count = (int(v) for v in cell.split(":"))
        except ValueError:
            raise ValueError(f"table line {number}: {cell!r} is not class:count") from None
        if not (0 <= lane < len(sizes) and count > 0):
            raise ValueError(f"table line {number}: {cell!r} names no class or no count")
        cost = min(round(-math.log((count + _ALPHA) / sizes[lane]) * _SCALE), _LANE_MAX)
        return (cost - unseen[lane]) << (lane * _LANE), lane, count

    def _linear_lines(self, lines: Iterable[str]) -> Generator[int, str | None, None]:
        """The linear classifiers of a linear.tsv (LINEAR: chat, then urgent): a first line
        "intercept" and each one's intercept, then per gram "gram", each one's weight times
        the gram's idf, and the idf squared, all in fixed point, the grams those of the
        table in its order. Sent each gram of the table in turn, it gives the figures to add
        to the gram's row, in more lanes (the idf squared, then each weight's positive and
        negative parts apart, so that no lane goes below zero): one addition per gram still
        sums all. Sent None at the table's end, it checks the file has ended too. A broken
        file is a ValueError naming linear.tsv."""
        shift = self._linear_lane * _LANE
        it = iter(lines)
        head = next(it, "").rstrip("\n").split("\t")
        if len(head) != len(LINEAR) + 1 or head[0] != "intercept":
            raise ValueError("linear.tsv: the first line is not the intercepts of chat and urgent")
        try:
            self._intercepts = tuple(int(v) / WEIGHT_SCALE for v in head[1:])
        except ValueError:
            raise ValueError("linear.tsv: an intercept is not a whole number") from None
        top = _LANE_MAX
        gram = yield 0
        for number, line in enumerate(it, start=2):
            fields = line.rstrip("\n").split("\t")
            if gram is None:
                raise ValueError(f"linear.tsv line {number}: a gram past the table's last")
            if fields[0] != gram:
                raise ValueError(f"linear.tsv line {number}: not the table's gram {gram!r}")
            try:
                if len(fields) != 4:
                    raise ValueError
                chat, urgent, square = int(fields[1]), int(fields[2]), int(fields[3])
            except ValueError:
                raise ValueError(f"linear.tsv line {number}: not a gram and three whole numbers") from None
            if not (0 <= square <= top and -top <= chat <= top and -top <= urgent <= top):
                raise ValueError(f"linear.tsv line {number}: a figure out of range")
            lanes = (
                square
                + ((chat if chat > 0 else -chat << _LANE) << _LANE)
                + ((urgent if urgent > 0 else -urgent << _LANE) << (3 * _LANE))
            )
            gram = yield lanes << shift
        if gram is not None:
            raise ValueError(f"linear.tsv: ends before the table's gram {gram!r}")

    def _drop_linear(self, rows: dict[str, int], error: str) -> None:
        """Leave the linear classifiers out: the rows made so far lose their lanes."""
        mask = (1 << (self._linear_lane * _LANE)) - 1
        for gram, row in rows.items():
            rows[gram] = row & mask
        self._intercepts = None
        self.linear_error = error

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
    """The model of a table file, with the linear classifiers of the linear file when there
    is one; None when there is no table. A broken file is logged and left out, never
    raised: messages are then read with what is left (the rules alone without the table)."""
    if not path.exists():
        return None
    try:
        with path.open(encoding="utf-8") as lines, contextlib.ExitStack() as stack:
            weights = None
            if linear is not None and linear.exists():
                weights = stack.enter_context(linear.open(encoding="utf-8"))
            model = NaiveBayes(lines, weights)
    except (OSError, ValueError) as exc:
        # (a linear file that cannot even be opened lands here too: both are left out; one
        # broken within is only left out itself, see NaiveBayes.linear_error)
        log.error("%s is unusable (%s): messages are read by the rules alone", path, exc)
        return None
    if model.linear_error:
        log.error("%s is unusable (%s): messages are read without the linear classifiers", linear, model.linear_error)
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
    """The model shipped in data/model.tsv, loaded on first use."""
    return load()
