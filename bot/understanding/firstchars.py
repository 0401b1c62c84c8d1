"""The characters a regular expression's match can start with, read from the expression's
parse: so that of the phrasing patterns only those that can start somewhere in a clause
are searched."""

from __future__ import annotations

import re._constants as sre
import re._parser as sre_parse
from typing import Any

_WIDEST_RANGE = 200  # a wider class ([一-龥]) is taken as "cannot be told"


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` starts with; None when they cannot be told (a
    class of all but some, \\S, ., a wide range) or when the pattern can match nothing."""
    found = _first(list(sre_parse.parse(pattern)))
    return None if found is None or "" in found else frozenset(found)


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
