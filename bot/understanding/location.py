"""Where a message is about: building, unit, floor, room and a named place."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understanding.lexicon import lexicon
from bot.understanding.reading import Location

# (a number after a decimal point is no address, 3.5栋; after an ellipsis, ……十一栋, it is)
_TRIPLE = re.compile(r"(?<![\d:/-])(?<!\d\.)(\d{1,3})-(\d{1,2})-(\d{3,4})(?![\d-])")
_PAIR = re.compile(
    r"(?<![\d:/#-])(?<!\d\.)(\d{1,3})-(\d{1,2})(?![\d-]|\s*(?:[点号日月时分元块岁天个层%]|楼(?![道梯上下顶])|小时|分钟))"
)
_BUILDING = re.compile(r"(?<![\d#])(?<!\d[.:])(\d{1,3})\s*(?:号楼|栋楼|栋|幢|座楼|座|号院|#楼|#(?!\d))")
_UNIT = re.compile(r"(?<!\d)(?<!\d[.:])(\d{1,2})\s*单元")
_FLOOR = re.compile(r"(负|-|地下)?(?<![\d:])(?<!\d\.)(\d{1,2})\s*(?:楼|层)(?![道梯顶上下房栋])")
_ROOM = re.compile(
    r"(?<![\d:])(?<!\d\.)(\d{3,4})\s*(?:室|房|号房)|(?:单元|栋|幢|号楼)\s*(\d{3,4})(?![\d栋幢楼层号])"
)
_NOT_FLOOR_BEFORE = "号栋幢座#"
# Written in English by a resident from abroad (building 11 unit 3, Bldg 6, block 2).
_EN_BUILDING = re.compile(r"(?i)(?<![a-z])(?:building|bldg\.?|block)\s*(?:no\.?\s*)?#?\s*(\d{1,3})(?![\d.])")
_EN_UNIT = re.compile(r"(?i)(?<![a-z])unit\s*(?:no\.?\s*)?#?\s*(\d{1,2})(?![\d.])")


# A message correcting itself (17栋电梯坏了 哦不对 是18栋; 不是1栋，是11栋; 老公说是3栋 其实是
# 13栋): the building said after the last such word is the one meant.
_CORRECTION = re.compile(
    r"不对|(?:说|打|写|看|搞|弄|记)错了?|其实是|应该是|哦不|口误|更正|纠正|不是(?=\s*\d{1,3}\s*(?:号楼|栋|幢))"
)


def find_location(text: str) -> Location:
    """Read the location of a normalised message; fields not stated stay None; where the
    message corrects itself, the building (and unit, room) said after the correction."""
    found = _location(text)
    later = _corrected(text, found)
    if later is None:
        return found
    return replace(found, building=later.building, unit=later.unit, room=later.room)


def without_correction(text: str) -> str:
    """The text without its words of correction (看错了, 不对) when they correct the building
    it names, so that they are not read as a false alarm or an aside; else the text."""
    if _CORRECTION.search(text) is None or _corrected(text, _location(text)) is None:
        return text
    return _CORRECTION.sub(" ", text)


def _corrected(text: str, found: Location) -> Location | None:
    """The location said after the last word of correction that is followed by another
    building than the one found first; None when there is none."""
    if found.building is None or _CORRECTION.search(text) is None:
        return None  # most messages
    for said in reversed(list(_CORRECTION.finditer(text))):
        after = text[said.end():]
        if said.group(0) == "不是":
            after = _BUILDING.sub("", after, count=1)  # (the building denied)
        later = _location(after)
        if later.building is not None:
            return None if later.building == found.building else later
    return None


def _location(text: str) -> Location:
    building = unit = room = None
    first = len(text) + 1
    if triple := _TRIPLE.search(text):
        building, unit, room = (int(g) for g in triple.groups())
        first = triple.start()
    elif pair := _PAIR.search(text):
        building, unit = int(pair[1]), int(pair[2])
        first = pair.start()
    if (match := _BUILDING.search(text)) and match.start() < first:
        building = int(match[1])
    if unit is None and (match := _UNIT.search(text)):
        unit = int(match[1])
    if building is None and ("b" in text or "B" in text) and (match := _EN_BUILDING.search(text)):
        building = int(match[1])
        if unit is None and (match := _EN_UNIT.search(text)):
            unit = int(match[1])
    if room is None and (match := _ROOM.search(text)):
        room = int(match[1] or match[2])
    return Location(building, unit, _floor(text), room, lexicon().find_place(text))


def _floor(text: str) -> int | None:
    for match in _FLOOR.finditer(text):
        before = text[match.start(2) - 1 : match.start(2)] if match.start(2) else ""
        if match[1] is None and before and before in _NOT_FLOOR_BEFORE:
            continue
        return int(match[2]) * (-1 if match[1] else 1)
    return None
