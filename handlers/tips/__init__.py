"""The library of care tips: one text file per topic, one tip per paragraph."""

from __future__ import annotations

from functools import cache
from pathlib import Path

TOPICS = {"elevator": "电梯", "water": "节水", "fire": "消防", "ebike": "电动车充电"}
FOLDER = Path(__file__).resolve().parent


@cache
def tips(topic: str) -> tuple[str, ...]:
    """The tips of a topic, in file order."""
    if topic not in TOPICS:
        raise KeyError(topic)
    text = (FOLDER / f"{topic}.txt").read_text(encoding="utf-8")
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def next_tip(topic: str, last: str) -> tuple[str, str]:
    """(key, text) of the tip after `last` ("elevator:2"): the topic's tips in turn, so
    a compound never gets the same tip twice in a row."""
    items = tips(topic)
    last_topic, _, last_index = last.partition(":")
    index = 0
    if last_topic == topic and last_index.isdigit():
        index = (int(last_index) + 1) % len(items)
    return f"{topic}:{index}", items[index]
