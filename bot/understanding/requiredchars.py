"""Characters a regular expression's match must hold, read from the expression's parse: so
that of the phrasing patterns only those whose required characters are in a clause are
searched in it."""

from __future__ import annotations

import re._constants as sre
import re._parser as sre_parse
from typing import Any

_WIDEST_RANGE = 200  # a wider class ([一-龥]) is taken as "cannot be told"


def _first(items: list[tuple[Any, Any]]) -> set[str] | None:
    """First characters of a sequence of parsed items; "" in the set when all of them can
    match the empty string."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(chr(av))
            return out
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    out.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] <= _WIDEST_RANGE:
                    out.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    return None
            return out
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero width: the next item starts the match
        if op is sre.SUBPATTERN:
            alternatives = [list(av[3])]
        elif op is sre.BRANCH:
            alternatives = [list(branch) for branch in av[1]]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            alternatives = [list(av[2])]
        else:
            return None
        empty = op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0
        for alternative in alternatives:
            found = _first(alternative)
            if found is None:
                return None
            empty |= "" in found
            out |= found - {""}
        if not empty:
            return out
    out.add("")
    return out


# Characters so common in chat that a pattern indexed by them would be searched in most
# clauses: a pattern is indexed by another of its required parts where it has one.
_COMMON = frozenset("了的是在有不人我你他她一这那个也就都好很太还要没去来上下里说")


def required_chars(pattern: str) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` contains: the first characters of
    its most telling required part (few characters, and not the commonest). None when no
    part can be told; then the pattern is searched in every clause."""
    found = _required(list(sre_parse.parse(pattern)))
    return None if found is None else frozenset(found)


def _cost(chars: set[str]) -> int:
    return len(chars) + 8 * len(chars & _COMMON)


def _required(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best set of characters one of which the sequence `items` must contain."""
    best: set[str] | None = None
    for op, av in items:
        options: list[set[str] | None] = []
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero width, or outside the match
        if op in (sre.LITERAL, sre.IN):
            options.append(_first([(op, av)]))
        elif op is sre.SUBPATTERN:
            options.append(_required(list(av[3])))
        elif op is sre.BRANCH:
            parts = [_required(list(branch)) for branch in av[1]]
            if all(part is not None for part in parts):
                options.append(set().union(*parts))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            options.append(_required(list(av[2])))
        for chars in options:
            if chars is not None and "" not in chars and (best is None or _cost(chars) < _cost(best)):
                best = chars
    return best


def lookahead_chars(pattern: str) -> tuple[frozenset[str], ...]:
    """For each lookahead at the top of `pattern` (^(?=.*电梯)(?=.*救我)…), the characters
    one of which the text must hold for it to succeed; lookaheads that cannot be told are
    left out. Together with required_chars they tell a text no match can be found in."""
    out = []
    for op, av in sre_parse.parse(pattern):
        if op is sre.ASSERT and av[0] == 1:  # (?=…), not a lookbehind
            found = _required(list(av[1]))
            if found is not None:
                out.append(frozenset(found))
    return tuple(out)
