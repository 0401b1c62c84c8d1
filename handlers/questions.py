"""Questions about tasks in plain words: "12号任务怎么样了？", "#18 到底谁在管", "我的报修
怎么样了" get where the task stands, in one short answer."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import Bound, Intent
from bot.understanding import Reading, asks_after_own_report
from handlers.task_list import describe
from handlers.taskkit import number_text, task_of_message
from storage.models import Community
from storage.repo.task_queries import reported_by

router = Router("questions")
router.filter(Bound)

MAX_TASKS = 3


@router.message(Intent("chat"))
async def answer(ctx: Context, event: Event, reading: Reading, community: Community) -> None:
    assert community.id is not None
    now = ctx.now()
    if reading.task_refs:
        tasks, missing = task_of_message(ctx.session, community, reading, event)
        lines = [describe(t, now, ctx.settings) for t in tasks[:MAX_TASKS]]
        lines += [f"没有找到任务 {number_text(n)}，请核对编号。" for n in missing[: MAX_TASKS - len(lines)]]
    elif asks_after_own_report(event.text):
        mine = reported_by(ctx.session, community.id, event.platform, event.user_id)
        if not mine:
            ctx.reply("没有找到你反映的未完结任务。发 /任务 可以看本小区进行中的任务。")
            return
        lines = [describe(t, now, ctx.settings) for t in mine[:MAX_TASKS]]
    else:
        return  # chit-chat: no answer at all
    if lines:
        ctx.reply("\n".join([*lines, "发 /详情 编号 可以看经过。"]))
