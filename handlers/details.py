"""补充: a reporter's word more on their own report, a few minutes after it ("补充一下，
是2单元那部", "车牌是浙A12345"): kept in the task's history, where its holder reads it
(/详情), and the reporter hears it was kept. Only what says it adds (补充, 另外说一下) or
carries a licence plate counts; other talk after a report is talk."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import Bound
from bot.understanding import Reading
from handlers.taskkit import actor_of, label, own_report_before, safe_echo, where
from storage.models import Member, Task
from storage.repo.messages import set_message_task
from storage.repo.tasks import add_detail

router = Router("details")
router.filter(Bound)

# How long after one's own report a word more is taken to be about it.
DETAIL_AFTER = timedelta(minutes=30)
MAX_DETAIL = 300
_ADDS = re.compile(r"^\s*(?:再|我再|还要|另外)?补充(?:一下|两句|一句|说明|几句)?|^\s*另外(?:说|讲)(?:一下|下)")
# A mainland licence plate: 浙A12345, 粤B·D12345 (new-energy plates have six).
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s]?[A-HJ-NP-Z0-9]{5,6}"
)


def _detail_filter(event: Event, data: Data) -> FilterResult:
    """Passes a word more (补充…, or a licence plate) read as chat from someone whose own
    message in this chat, a few messages and at most half an hour before, filed or joined
    a task still open or held: `task`."""
    text = event.text
    if len(text) > MAX_DETAIL or not (_ADDS.match(text) or _PLATE.search(text.upper())):
        return None  # most messages: not read any further
    reading: Reading | None = data.get("reading")
    if reading is None or reading.intent != "chat":
        return None
    task = own_report_before(event, data, DETAIL_AFTER)
    return {"task": task} if task is not None else None


DetailOnOwn = Filter(_detail_filter, "DetailOnOwn")


@router.message(DetailOnOwn)
async def detail(
    ctx: Context, event: Event, task: Task, member: Member | None, message_row_id: int
) -> None:
    assert task.id is not None
    add_detail(ctx.session, task, actor_of(event, member), safe_echo(event.text), ctx.now())
    set_message_task(ctx.session, message_row_id, task.id)
    ctx.reply(f"已补充到 #{task.number}{label(task)}{where(task)}。", task_id=task.id)
