"""Where a report is: after "请补充在几栋几单元", the reporter's "3栋2单元" (or 在5栋, 3-2-501,
quoting the bot's answer or not) places their recent task that names no building yet."""

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
# Only a task reported this recently is placed: an address hours later answers something else.
RECENT = timedelta(hours=6)


def _placing_filter(event: Event, data: Data) -> FilterResult:
    """Passes a bare address from a reporter with a recent task that names no building."""
    from bot.understanding.normalise import normalise

    reading: Reading | None = data.get("reading")
    if reading is None or reading.intent != "chat" or len(event.text) > _MAX_CHARS:
        return None
    building = reading.location.building
    if building is None or not _ONLY_ADDRESS.fullmatch(normalise(event.text)):
        return None
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    session = data["session"]
    now = data["ctx"].now()
    mine = [
        t
        for t in reported_by(session, community.id, event.platform, event.user_id)
        if t.building is None and t.created_at >= now - RECENT
    ]
    if event.reply_to:
        quoted = find_task_by_message(session, event.platform, event.reply_to)
        mine = [t for t in mine if quoted is not None and t.id == quoted.id]
    return {"task": mine[0]} if mine else None  # the newest


Unplaced = Filter(_placing_filter, "Unplaced")


@router.message(Unplaced)
async def placed(
    ctx: Context, event: Event, reading: Reading, task: Task, member: Member | None
) -> None:
    building = reading.location.building
    assert building is not None
    place(ctx.session, task, building, reading.location.unit, actor_of(event, member), ctx.now(),
          event.text.strip()[:_MAX_CHARS])
    ctx.reply(f"#{task.number}{label(task)}{where(task)} 位置已补充，谢谢！", task_id=task.id)
