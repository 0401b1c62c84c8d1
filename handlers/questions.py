"""Questions about tasks in plain words: "12号任务怎么样了？", "#18 到底谁在管", "我的报修
怎么样了", and "电梯修好了吗？" from whoever reported the lift, get where the task stands,
in one short answer."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import Bound, Intent
from bot.understanding import Reading, asks_after_own_report, things_named
from bot.understanding.normalise import normalise
from handlers.task_list import describe, own_tasks
from handlers.taskkit import about, number_text, safe_echo, task_of_message
from storage.models import Community, Task
from storage.repo.task_queries import last_event, reported_by
from storage.repo.tasks import ACTIVE

router = Router("questions")
router.filter(Bound)
# Tried before reports: a reporter's "why is it not fixed yet" about their own task, which
# also reads as a report of the thing again (灯咋还没人来修).
early = Router("questions_early")
early.filter(Bound)

MAX_TASKS = 3
# Why it is not fixed yet (灯怎么还没修啊, 灯咋还没人来修).
_WHY_NOT_YET = re.compile(r"(?:怎么|咋|为什么|为啥)(?:还|都)(?:没有?|不)(?:人)?(?:来)?(?:修|弄|处理|管|来|好)")
# How it stands, asked of a thing (电梯修好了吗, 灯有人管没, 灯的事有人管了吗, 有人来看过吗,
# 下水道啥时候能修好, 怎么样了, 灯怎么还没修啊).
_HOW_IT_STANDS = re.compile(
    r"(?:修好|弄好|处理好|好|修)了?(?:吗|没|没有|么)|有人(?:来)?(?:管|修|处理|来|看)(?:过|了)?(?:吗|没|么)"
    r"|(?:什么|啥)时候(?:能|才能)?(?:修|来|好)|怎么样了|进展如何|还要多久"
    r"|" + _WHY_NOT_YET.pattern
)
_HOW_MAX = 40
# One's own tasks asked for in words (我的任务, 我手上有哪些任务, 我负责的任务有哪些).
_MY_TASKS = re.compile(
    r"(?:请问|查一下|看一下|查下|看下)?\s*(?:我的任务|我负责的(?:任务)?|我认领的(?:任务)?|我手上(?:的任务|有(?:哪些|什么|几个)任务))"
    r"(?:有哪些|是哪些|有几个)?\s*[?.!]*"
)
# Why a task was closed (为什么关了, 我报的灯怎么就关了), asked within a week of it.
_WHY_CLOSED = re.compile(r"(?:为什么|为啥|凭什么|怎么|咋)(?:就|给)?(?:关闭|关掉|关)了?(?!门|窗|总|阀|水|电|火|灯)")
CLOSED_ASKED = timedelta(days=7)
# Something asked about a numbered task (#12 怎么样了, 任务7是啥来着, #5 #6 是不是重复了), or the
# number alone (#12): where it stands is the answer.
_ASKS = re.compile(
    r"\?|吗|么|嘛|呢|啥|什么|谁|哪|怎么|咋|多久|进度|进展|情况|来着|是不是|有没有|了没|为什么|为啥|几时|何时"
    r"|^[\s#号第任务工单,、和]*(?:\d{1,9}[\s#号任务工单,、和]*)+$"
)
_PERSONS = ("你", "您", "他", "她", "大家", "阿姨", "大爷", "奶奶", "爷爷")  # asked after a person
_HOW_HINTS = ("吗", "没", "么", "嗎", "沒", "麼", "时候", "怎么样", "进展", "多久", "还不")  # one of which each holds


@router.message(Intent("chat"))
async def answer(ctx: Context, event: Event, reading: Reading, community: Community) -> None:
    assert community.id is not None
    now = ctx.now()
    if reading.task_refs:
        if not _ASKS.search(normalise(event.text)):
            return  # 去年#12那个漏水折腾了半年才解决, #12 辛苦王哥了: said of it, nothing asked
        tasks, missing = task_of_message(ctx.session, community, reading, event)
        lines = _standing(ctx, tasks[:MAX_TASKS])
        lines += [f"没有找到任务 {number_text(n)}，请核对编号。" for n in missing[: MAX_TASKS - len(lines)]]
    elif len(event.text) <= _HOW_MAX and "我" in event.text and _MY_TASKS.fullmatch(normalise(event.text)):
        ctx.reply(own_tasks(ctx.session, community, event, now, ctx.settings))  # 我的任务
        return
    elif len(event.text) <= _HOW_MAX and "关" in event.text and _WHY_CLOSED.search(normalise(event.text)):
        # 为什么关了 / 我报的灯怎么关了 from whoever reported a task closed lately: it, with why.
        since = now - CLOSED_ASKED
        closed = [t for t in reported_by(ctx.session, community.id, event.platform, event.user_id,
                                         statuses=("closed",))
                  if t.closed_at is not None and t.closed_at >= since]
        mine = about(closed, things_named(event.text), reading.location.building)
        if not mine:
            return
        lines = [describe(t, now, ctx.settings) for t in mine[:MAX_TASKS]]
    elif asks_after_own_report(event.text):
        mine = reported_by(ctx.session, community.id, event.platform, event.user_id)
        if not mine:
            ctx.reply("没有找到你反映的未完结任务。发 /任务 可以看本小区进行中的任务。")
            return
        lines = _standing(ctx, mine[:MAX_TASKS])
    elif (
        len(event.text) <= _HOW_MAX
        and any(w in event.text for w in _HOW_HINTS)
        and _HOW_IT_STANDS.search(normalise(event.text))
    ):
        # 电梯修好了吗？ from someone who reported the lift: their task, not chit-chat.
        mine = _theirs_about(ctx, event, reading, community)
        if not mine:
            return
        lines = _standing(ctx, mine[:MAX_TASKS])
    else:
        return  # chit-chat: no answer at all
    if lines:
        found = [line for line in lines if _LISTED_NUMBER.match(line)]
        # (no hint under "没有找到任务 #9" alone: there is no history to see)
        ctx.reply("\n".join([*lines, _DETAILS_HINT.format(n=_first_number(found))] if found else lines))


NEWS_CHARS = 40
# How to see a task's history, with the number of the first task listed (发 /详情 12 …).
_DETAILS_HINT = "发 /详情 {n} 可以看经过。"
_LISTED_NUMBER = re.compile(r"^#(\d{1,9})")


def _first_number(lines: list[str]) -> str:
    m = _LISTED_NUMBER.match(lines[0])
    return m.group(1) if m else "编号"


# The task number a note opens with (#2 厂家明天来), said already by the line above it.
_OWN_NUMBER = re.compile(r"^\s*[#＃]?\s*\d{1,9}\s*号?\s*")


def _standing(ctx: Context, tasks: list[Task]) -> list[str]:
    """Where each task stands, and the last note on the work of one still being handled
    (what a neighbour asking wants to know: 配件明天到)."""
    lines = []
    for task in tasks:
        lines.append(describe(task, ctx.now(), ctx.settings))
        news = last_event(ctx.session, task, "progress") if task.status in ACTIVE else None
        if news is not None and (detail := _OWN_NUMBER.sub("", safe_echo(news.detail), count=1)):
            day = news.ts.astimezone(ctx.settings.tz)
            cut = detail if len(detail) <= NEWS_CHARS else detail[: NEWS_CHARS - 1] + "…"
            lines.append(f"  最新进展（{day.month}月{day.day}日 {news.actor_name}）：{cut}")
    return lines


def _why_not_yet_filter(event: Event, data: Data) -> FilterResult:
    """Passes a short "why not fixed yet" read as a report, naming a thing (not urgent),
    from someone with unsettled reports of that thing (and building): `tasks`."""
    text = event.text
    if len(text) > _HOW_MAX or ("没" not in text and "不" not in text):
        return None  # most messages: not read any further
    reading: Reading | None = data.get("reading")
    if reading is None or reading.intent != "report" or reading.urgent:
        return None
    named = things_named(text)
    community: Community | None = data.get("community")
    if not named or community is None or community.id is None or not _WHY_NOT_YET.search(normalise(text)):
        return None
    mine = reported_by(data["session"], community.id, event.platform, event.user_id)
    tasks = [t for t in about(mine, named, reading.location.building) if t.status in ACTIVE]
    return {"tasks": tasks} if tasks else None


WhyNotYet = Filter(_why_not_yet_filter, "WhyNotYet")


@early.message(WhyNotYet)
async def why_not_yet(ctx: Context, tasks: list[Task]) -> None:
    """灯咋还没人来修 from whoever reported the lamp: where their task stands, no new task."""
    ctx.reply("\n".join([*_standing(ctx, tasks[:MAX_TASKS]), _DETAILS_HINT.format(n=tasks[0].number)]))


def _theirs_about(ctx: Context, event: Event, reading: Reading, community: Community) -> list[Task]:
    """The sender's unsettled reports about the thing and building the message names (all
    of them when it names neither, unless it asks after a person: 你现在怎么样了)."""
    assert community.id is not None
    named = things_named(event.text)
    if not named and any(p in event.text for p in _PERSONS):
        return []
    mine = reported_by(ctx.session, community.id, event.platform, event.user_id)
    return about(mine, named, reading.location.building)
