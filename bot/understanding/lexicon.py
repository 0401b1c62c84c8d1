"""The keyword tables in data/, loaded once, and the segmenter that knows their words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rjieba

from bot.understanding.requiredchars import lookahead_chars, required_chars

DATA = Path(__file__).resolve().parent / "data"
_WORD_FREQ = 200_000
# Single characters are not favoured, or they would split words such as 暂停.
_CHAR_FREQ = 1_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of categories.tsv."""

    category: str | None
    weight: float
    role: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """One line of patterns.tsv: a class of phrasing that counts as a problem."""

    regex: re.Pattern[str]
    category: str | None
    weight: float
    urgent: bool
    any_category: bool
    needs_now: bool


@dataclass(frozen=True, slots=True)
class UrgentCue:
    """One line of urgent.tsv."""

    category: str | None
    needs_now: bool


def _patterns(name: str) -> tuple[Pattern, ...]:
    """The lines of patterns.tsv or situations.tsv: pattern, category, weight, urgent."""
    return tuple(
        Pattern(re.compile(rx), None if cat == "-" else cat, float(weight), urgent != "0",
                urgent in ("any", "now"), urgent == "now")
        for rx, cat, weight, urgent in _rows(name)
    )


def _needs(rx: str) -> tuple[frozenset[str], ...]:
    own = required_chars(rx)
    return ((own,) if own else ()) + lookahead_chars(rx)


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append([cell.strip() for cell in re.split(r"\t+", line)])
    return rows


class Lexicon:
    """Every table of data/, and lookups over them."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        for word, category, weight, role in _rows("categories.tsv"):
            self.entries[word] = Entry(None if category == "-" else category, float(weight), role)
        self.urgent: dict[str, UrgentCue] = {}
        for word, category, needs_now in _rows("urgent.tsv"):
            self.urgent[word] = UrgentCue(None if category == "-" else category, needs_now == "1")
        self.patterns = _patterns("patterns.tsv")
        self.situations = _patterns("situations.tsv")
        # Each situation with the sets of characters of which a text must hold one each
        # for it to match (its consuming part's and its lookaheads').
        self.situation_index = tuple((_needs(p.regex.pattern), p) for p in self.situations)
        # Which patterns each character may call for: a clause is searched only with the
        # patterns one of whose required characters it holds (a few, not all), and with
        # those that have no part to tell them by.
        starting: dict[str, list[int]] = {}
        always: list[int] = []
        for i, pattern in enumerate(self.patterns):
            chars = required_chars(pattern.regex.pattern)
            if chars is None:
                always.append(i)
                continue
            for ch in chars:
                starting.setdefault(ch, []).append(i)
        self.pattern_index: dict[str, tuple[int, ...]] = {
            ch: tuple(ids) for ch, ids in starting.items()
        }
        self.patterns_always = tuple(always)
        self.cues: dict[str, frozenset[str]] = {}
        for word, kind in _rows("cues.tsv"):
            self.cues[word] = self.cues.get(word, frozenset()) | {kind}
        self._claim = _alternation(
            w for w, k in self.cues.items() if k & {"claim", "claim_me", "not_claim"}
        )
        places = [row[0] for row in _rows("places.txt")]
        self.places = re.compile("|".join(map(re.escape, sorted(places, key=len, reverse=True))))
        self.words = set(self.entries) | set(self.urgent) | set(self.cues) | set(places)
        # Parts of other words are looked for only with keywords of two or more characters.
        negations = {w for w, kinds in self.cues.items() if "negation" in kinds}
        self.long_words = {w for w in set(self.entries) | set(self.urgent) if len(w) > 1}
        self.long_words |= negations
        self.long_words |= {row[0] for row in _rows("inside.txt")}
        starts: dict[str, set[int]] = {}
        for word in self.long_words:
            starts.setdefault(word[0], set()).add(len(word))
        self._starts = {ch: tuple(sorted(sizes, reverse=True)) for ch, sizes in starts.items()}
        for row in _rows("userdict.txt"):
            rjieba.add_word(row[0], int(row[1]) if len(row) > 1 else _WORD_FREQ, None)
        for word in sorted(self.words):
            rjieba.add_word(word, _WORD_FREQ if len(word) > 1 else _CHAR_FREQ, None)

    def claims(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Claim phrases in text (我来认领, 交给我), then bare 我来; 谁来认领-like ones do not count."""
        found = self._claim.findall(text)
        claims = tuple(dict.fromkeys(w for w in found if "claim" in self.cues[w]))
        me = tuple(dict.fromkeys(w for w in found if "claim_me" in self.cues[w]))
        return claims, () if claims else me

    def find_place(self, text: str) -> str | None:
        """The first named place in the text, the longest one where several start."""
        match = self.places.search(text)
        return match.group(0) if match else None

    def tokens(self, text: str) -> list[str]:
        """Cut text into words; a word the tables do not know is searched for known parts."""
        out: list[str] = []
        for token in rjieba.cut(text, False):
            if token in self.words or len(token) < 2:
                out.append(token)
            else:
                out.extend(self._parts(token))
        return out

    def _parts(self, token: str) -> list[str]:
        """Split an unknown token around the keywords inside it, longest first from the left."""
        parts: list[str] = []
        start = i = 0
        while i < len(token):
            for size in self._starts.get(token[i], ()):
                if token[i : i + size] in self.long_words:
                    if start < i:
                        parts.append(token[start:i])
                    parts.append(token[i : i + size])
                    i = start = i + size
                    break
            else:
                i += 1
        if start < len(token):
            parts.append(token[start:])
        return parts


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of the words, the longest first."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)")


@cache
def lexicon() -> Lexicon:
    """The project's tables, loaded on first use."""
    return Lexicon()
