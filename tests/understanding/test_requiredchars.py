"""The required characters of a pattern, which decide which patterns a clause is searched with."""

from __future__ import annotations

import json

import pytest

from bot.understanding.normalise import normalise
from bot.understanding.requiredchars import lookahead_chars, required_chars
from bot.understanding.rules import lexicon
from bot.understanding.weighing import split_clauses
from tests.understanding.eval_sets import BLIND, path_of


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("[开关]不(?:开|上)", {"开", "关"}),  # 不 is too common to tell a clause by
        ("(?<![被别])人被困", {"被"}),  # a lookbehind requires nothing of the match
        ("a?b", {"b"}),
        ("(?:电梯|轿厢){1,2}坏", {"坏"}),
        (r"\S{0,3}车", {"车"}),
        ("(?:燃气|煤气)(?:管|管道).{0,8}(?:断|破)", {"管"}),
        ("(?:ab|c)d|e", {"d", "e"}),  # every branch must give a part
        ("x|.*", None),
        ("a*", None),
    ],
)
def test_required_characters_are_read_from_the_pattern(pattern: str, chars: set[str] | None) -> None:
    got = required_chars(pattern)
    assert got == (None if chars is None else frozenset(chars))


def _table_clauses() -> set[str]:
    """Every clause of the labelled sets, as the patterns are searched in them."""
    lex = lexicon()
    clauses = set()
    for name in ("labelled", "heldout", "heldout2", *BLIND):
        for line in path_of(name).read_text(encoding="utf-8").splitlines():
            if line:
                tokens = lex.tokens(normalise(json.loads(line)["text"]))
                clauses.update("".join(c) for c in split_clauses(tokens))
    return clauses


def test_every_match_of_every_table_pattern_holds_one_of_its_required_characters() -> None:
    lex = lexicon()
    clauses = _table_clauses()
    matched = 0
    for pattern in lex.patterns:
        chars = required_chars(pattern.regex.pattern)
        for clause in clauses:
            for m in pattern.regex.finditer(clause):
                matched += 1
                assert chars is None or not chars.isdisjoint(m.group(0)), (pattern.regex.pattern, clause)
    assert matched > 1000


@pytest.mark.parametrize(
    ("pattern", "sets"),
    [
        ("^(?=.*(?:电梯|轿厢))(?=.*救我).*?(出不去)", [{"电", "轿"}, {"救"}]),
        ("(?<=a)b", []),  # a lookbehind is no lookahead
        ("^(?=.*).*x", []),  # a lookahead that asks for nothing
    ],
)
def test_lookahead_characters_are_read_from_the_pattern(pattern: str, sets: list) -> None:
    assert lookahead_chars(pattern) == tuple(frozenset(s) for s in sets)


def test_every_situation_that_matches_a_labelled_text_passes_its_character_check() -> None:
    from bot.understanding.weighing import situations_in

    lex = lexicon()
    matched = 0
    for name in ("labelled", "heldout", "heldout2", *BLIND):
        for line in path_of(name).read_text(encoding="utf-8").splitlines():
            if not line:
                continue
            joined = " ".join(
                "".join(c) for c in split_clauses(lex.tokens(normalise(json.loads(line)["text"])))
            )
            found = [p for p in lex.situations if p.regex.search(joined)]
            matched += len(found)
            assert set(found) <= set(situations_in(lex, joined)), joined
    assert matched > 100
