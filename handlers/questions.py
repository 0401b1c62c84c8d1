"""Questions about tasks in plain words: "12号任务怎么样了？", "#18 到底谁在管", "我的报修
怎么样了" get where the task stands, in one short answer."""

from __future__ import annotations

import re

from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import Bound, Intent
from bot.understanding import Reading
from handlers.task_list import describe
from handlers.taskkit import number_text, task_of_message
from storage.models import Community
from storage.repo.task_queries import reported_by

router = Router("questions")
router.filter(Bound)

MAX_TASKS = 3
# Asking after one's own report, with no number: 我的报修怎么样了, 我反映的问题有人管吗.
_MY_REPORT = re.compile(
    r"我(?:的|报的|反映的|家的|提的|说的|上次的)\S{0,4}(?:报修|报事|问题|任务|事情?|单子)"
    r"\S{0,6}(?:怎么样|咋样|如何|进展|进度|有人管|有人处理|没人管|处理了没|修了没|到哪)"
)


@router.message(Intent("chat"))
async def answer(ctx: Context, event: Event, reading: Reading, community: Community) -> None:
    assert community.id is not None
    now = ctx.now()
    if reading.task_refs:
        tasks, missing = task_of_message(ctx.session, community, reading, event)
        lines = [describe(t, now, ctx.settings) for t in tasks[:MAX_TASKS]]
        lines += [f"没有找到任务 {number_text(n)}，请核对编号。" for n in missing[: MAX_TASKS - len(lines)]]
    elif _MY_REPORT.search(event.text):
        mine = reported_by(ctx.session, community.id, event.platform, event.user_id)
        if not mine:
            ctx.reply("没有找到你反映的未完结任务。发 /任务 可以看本小区进行中的任务。")
            return
        lines = [describe(t, now, ctx.settings) for t in mine[:MAX_TASKS]]
    else:
        return  # chit-chat: no answer at all
    if lines:
        ctx.reply("\n".join([*lines, "发 /详情 编号 可以看经过。"]))
