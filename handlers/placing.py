"""Where a report is: after "请补充在几栋几单元", the reporter's "3栋2单元" (or 在5栋, 3-2-501,
quoting the bot's answer or not) places their recent task that names no building yet, and
a place alone (在中心花园) their recent task that names no building and no place; and
"我说错了，是4栋，不是3栋" moves their recent task that nobody else reported or took."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import Bound
from bot.understanding import Reading
from handlers.taskkit import actor_of, label, where
from storage.models import Community, Member, Task
from storage.repo.task_queries import reported_by
from storage.repo.tasks import find_task_by_message, place

router = Router("placing")
router.filter(Bound)

# A message that is only an address (3栋2单元, 在5栋, 就在7幢那边, 3-2-501), as normalised.
_ADDRESS = (
    r"(?:\d+(?:栋|幢|号楼|座)(?:\d+单元)?(?:\d+(?:楼|层))?(?:\d+室?)?"
    r"|\d+-\d+(?:-\d+)?)"
)
_ONLY_ADDRESS = re.compile(
    r"(?:在|是|就在|就是|我们|我家|我们家|我们是|我家是|地址|位置|地点)?[:\s]*"
    + _ADDRESS
    + r"(?:的|那边|这边|那里|这里)?[\s.!~,啊哦呀哈嗯]*"
)
_MAX_CHARS = 30
# A message that is only a named place (在中心花园, 就在东门那边, 地下车库), as normalised.
_ONLY_PLACE = re.compile(
    r"(?:在|是|就在|就是|地点|位置|地方)?[:\s]*(.+?)"
    r"(?:的|那边|这边|那里|这里|那儿|这儿|旁边|附近|里面?|门口)?[\s.!~,啊哦呀哈嗯]*"
)


def _only_place(norm: str, spot: str) -> bool:
    """Whether a message is only the named place `spot`."""
    m = _ONLY_PLACE.fullmatch(norm)
    return m is not None and m.group(1) == spot
# Only a task reported this recently is placed: an address hours later answers something else.
RECENT = timedelta(hours=6)


def _placing_filter(event: Event, data: Data) -> FilterResult:
    """Passes a bare address from a reporter with a recent task that names no building, or
    a bare place from one with a recent task that names neither."""
    from bot.understanding.normalise import normalise

    reading: Reading | None = data.get("reading")
    if reading is None or reading.intent != "chat" or len(event.text) > _MAX_CHARS:
        return None
    building, spot = reading.location.building, reading.location.place
    if building is not None:
        if not _ONLY_ADDRESS.fullmatch(normalise(event.text)):
            return None
    elif spot is None or not _only_place(normalise(event.text), spot):
        return None
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    session = data["session"]
    now = data["ctx"].now()
    mine = [
        t
        for t in reported_by(session, community.id, event.platform, event.user_id)
        if t.building is None and t.created_at >= now - RECENT and (building is not None or not t.place)
    ]
    if event.reply_to:
        quoted = find_task_by_message(session, event.platform, event.reply_to)
        mine = [t for t in mine if quoted is not None and t.id == quoted.id]
    return {"task": mine[0]} if mine else None  # the newest


Unplaced = Filter(_placing_filter, "Unplaced")

# A reporter correcting the building they gave: 我刚才说错了，是4栋; 打错了 不是3栋是5栋;
# 说错了 是7栋2单元 (the unit) or 写错了 是2单元.
_CORRECTING = re.compile(r"(?:说|写|打|搞|弄|发)错了?")
_BUILDING_SAID = re.compile(r"(不是)?(\d+)(?:栋|幢|号楼|座)(?:(\d+)单元)?")
_UNIT_SAID = re.compile(r"(不是)?(\d+)单元")
_CORRECTION_MAX = 60


def _correction_filter(event: Event, data: Data) -> FilterResult:
    """Passes a correction of the building or unit from the only reporter of a recent open
    task placed elsewhere: `task`, and the `building` (and `unit`) now said (not after 不是);
    a unit said alone keeps the task's building."""
    from bot.understanding.normalise import normalise

    reading: Reading | None = data.get("reading")
    if reading is None or reading.intent not in ("chat", "report"):
        return None
    if len(event.text) > _CORRECTION_MAX or not _CORRECTING.search(event.text):
        return None
    said = {
        (int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        for m in _BUILDING_SAID.finditer(normalise(event.text))
        if not m.group(1)
    }
    if not said:  # 说错了 是2单元: the unit only, in the building given
        said = {(None, int(m.group(2))) for m in _UNIT_SAID.finditer(normalise(event.text)) if not m.group(1)}
    if len(said) != 1:
        return None
    building, unit = said.pop()
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    now = data["ctx"].now()
    mine = [
        t
        for t in reported_by(data["session"], community.id, event.platform, event.user_id)
        if t.created_at >= now - RECENT
        and t.status == "open"
        and t.reporters == 1
        and t.building is not None
        and (t.building != (building or t.building) or (unit is not None and t.unit != unit))
    ]
    if not mine or (reading.category is not None and reading.category != mine[0].category):
        return None
    return {"task": mine[0], "building": building or mine[0].building, "unit": unit}


Correcting = Filter(_correction_filter, "Correcting")


@router.message(Unplaced)
async def placed(
    ctx: Context, event: Event, reading: Reading, task: Task, member: Member | None
) -> None:
    place(ctx.session, task, reading.location.building, reading.location.unit,
          actor_of(event, member), ctx.now(), event.text.strip()[:_MAX_CHARS],
          spot=None if reading.location.building is not None else reading.location.place)
    ctx.reply(f"#{task.number}{label(task)}{where(task)} 位置已补充，谢谢！", task_id=task.id)


@router.message(Correcting)
async def corrected(
    ctx: Context, event: Event, task: Task, building: int, unit: int | None, member: Member | None
) -> None:
    place(ctx.session, task, building, unit, actor_of(event, member), ctx.now(),
          event.text.strip()[:_CORRECTION_MAX], corrected=True)
    ctx.reply(f"#{task.number}{label(task)}{where(task)} 位置已改正，谢谢！", task_id=task.id)
