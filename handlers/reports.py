"""Reports: a message read as a problem files task #N (or joins the open duplicate) and
gets one brief answer; an emergency gets the safety hint and calls the people who can act;
a "me too" replying to a report counts one more neighbour."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import Bound
from bot.understanding import Reading, kinds_named, says_me_too
from handlers.progress import holders_note_in_report
from handlers.taskkit import (
    actor_of,
    label,
    own_report_before,
    role_mentions,
    safe_echo,
    summary_of,
    task_of_message,
    where,
)
from storage.models import Community, Member, Task
from storage.repo.messages import messages_before, set_message_task
from storage.repo.task_queries import reported_by
from storage.repo.tasks import (
    Filed,
    file_report,
    get_task_by_id,
    join_report,
    repeat_report,
)

router = Router("reports")
router.filter(Bound)

SAFETY_HINTS = {
    "elevator": "被困请按下轿厢内警铃，拨打轿厢内张贴的维保电话，保持冷静，不要扒门。",
    "water": "请关闭总阀，远离电源和漏电区域，贵重物品移到高处。",
    "power": "请远离冒火花的线路和电箱，不要触碰，必要时拉下总闸。",
}
DEFAULT_HINT = "请注意安全，远离危险区域，必要时拨打110/119/120。"
URGENT_CALLED = ("secretary", "party")
# Problems that are in some building: a report of one that names no place is asked where.
IN_A_BUILDING = ("elevator", "water", "power", "noise")


def _confident(event: Event, data: Data) -> FilterResult:
    reading: Reading | None = data.get("reading")
    settings = data["ctx"].settings
    if reading is None or reading.intent != "report" or reading.confidence < settings.report_confidence:
        return False
    # "2号 已经灭了" from the holder of #2 is their note on it (progress.py), not building 2.
    return holders_note_in_report(event, data) is None


ConfidentReport = Filter(_confident, "ConfidentReport")


def _me_too(event: Event, data: Data) -> FilterResult:
    reading: Reading | None = data.get("reading")
    return (
        event.reply_to is not None
        and reading is not None
        and reading.intent == "chat"
        and says_me_too(event.text)
    )


MeToo = Filter(_me_too, "MeToo")

# A bare "+1" / 我家也是 with no quote counts for the report just before it in the chat,
# if that came from someone else this recently.
_BARE_ME_TOO = 10
ME_TOO_AFTER = timedelta(minutes=10)


def _me_too_after(event: Event, data: Data) -> FilterResult:
    """Passes a bare "+1" (no quote) right after another's report in the same chat: `task`,
    the task that report filed or joined."""
    reading: Reading | None = data.get("reading")
    text = event.text.strip()
    if event.reply_to is not None or len(text) > _BARE_ME_TOO or reading is None:
        return None
    if reading.intent != "chat" or not says_me_too(text) or event.chat_id is None:
        return None
    row_id = data.get("message_row_id")
    if row_id is None:
        return None
    session = data["session"]
    # The latest message before it that is not itself a bare "+1" (王大爷: +1, 赵姐: 我家也是)
    before = next((m for m in messages_before(session, event.platform, event.chat_id, row_id)
                   if not (len(m.text.strip()) <= _BARE_ME_TOO and says_me_too(m.text))), None)
    if before is None or before.task_id is None or before.user_id == event.user_id:
        return None
    if data["ctx"].now() - before.ts > ME_TOO_AFTER:
        return None
    community: Community | None = data.get("community")
    task = get_task_by_id(session, before.task_id)
    if task is None or community is None or task.community_id != community.id:
        return None
    return {"task": task}


MeTooAfter = Filter(_me_too_after, "MeTooAfter")


# The kind of danger, where the category does not tell it, read from the words: checked in
# order, the first that fits gives the hint.
_DANGERS = (
    (re.compile(r"燃气|煤气|天然气|液化气|臭鸡蛋"),
     "请立即离开，不要开关电器、不要点火，开窗通风，到室外拨打燃气公司电话。"),
    (re.compile(r"火|烟"), "请立即拨打119，远离烟雾，不乘电梯，用湿毛巾捂住口鼻。"),
    (re.compile(r"(?:锁|关|困)在\S{0,6}车(?:里|内|上)"),
     "请立即拨打110或119；车内闷热，孩子或老人等不得，必要时砸开离人最远的车窗救人。"),
    (re.compile(r"跳楼|轻生|栏杆外|护栏外|窗台|阳台外|爬到|爬上|楼顶边|天台边"),
     "请立即拨打110和119，在下方疏散行人，不要大声喊叫刺激或惊吓当事人。"),
    (re.compile(r"打架|斗殴|打人|持刀|拿着?刀|砍|捅|抢|小偷|偷|撬|砸|闯|耍酒疯|闹事|不见了|走丢|找不到|拐"),
     "请立即拨打110，远离冲突现场，不要独自上前，注意自身安全。"),
    (re.compile(r"晕|昏|抽搐|抽风|流血|出血|撞|摔|倒地|起不来|中风|呼吸|喘不|胸口|溺水|落水|掉进|掉下|咬|生了|要生|羊水|受伤"),
     "请立即拨打120，不要随意挪动伤者，保持呼吸通畅，有人陪护等待急救。"),
)
# Categories whose own hint fits every emergency of theirs.
_OWN_HINT = ("elevator", "water", "power")


def safety_hint(task: Task) -> str:
    """The hint for an emergency of this kind: a lift, water and wiring have their own; for
    the others the words tell fire, gas, someone shut in a car, people at a height, violence or an injury."""
    if task.category in _OWN_HINT:
        return SAFETY_HINTS[task.category]
    for words, hint in _DANGERS:
        if words.search(task.text):
            return hint
    return DEFAULT_HINT


REASON_CHARS = 40  # of the closing reason, repeated to the reporter
# How long after a task is closed its reporter's "灯还是不亮啊" (naming no place) is taken
# to be about it.
CLOSED_LATELY = timedelta(hours=24)


def _still_after_close(event: Event, data: Data) -> FilterResult:
    """Passes a report naming no place, not an emergency, from someone whose report of the
    same kind was closed in the last day and who has none of that kind open: `task`, the
    closed one (灯还是不亮啊 after /关闭 1 已报供电局)."""
    reading: Reading = data["reading"]
    loc = reading.location
    if reading.urgent or loc.building is not None or loc.place is not None:
        return None
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    session = data["session"]
    since = data["ctx"].now() - CLOSED_LATELY
    same = [t for t in reported_by(session, community.id, event.platform, event.user_id,
                                   statuses=("closed",))
            if t.category == reading.category and t.closed_at is not None and t.closed_at >= since]
    if not same:
        return None
    open_ones = reported_by(session, community.id, event.platform, event.user_id)
    if any(t.category == reading.category for t in open_ones):
        return None  # joins the open one (file)
    return {"task": same[0]}


StillAfterClose = Filter(_still_after_close, "StillAfterClose")


@router.message(ConfidentReport, StillAfterClose)
async def still_after_close(ctx: Context, event: Event, task: Task, community: Community) -> None:
    """The reporter of a task closed lately says it is still so: the secretaries hear it and
    may reopen it; no second task is filed for the same thing."""
    assert community.id is not None
    ids, names = role_mentions(ctx.session, community.id, event.platform, ("secretary",))
    why = f"（{safe_echo(task.close_reason)[:REASON_CHARS]}）" if task.close_reason else ""
    told = f"已转告书记 {'、'.join(names)}，需要时可 /重开 {task.number}" if names else (
        f"需要时请书记 /重开 {task.number}"
    )
    ctx.reply(
        f"#{task.number}{label(task)}{where(task)} 已关闭{why}。{told}。",
        ids,
        task_id=task.id,
    )


# How long after one's own report a call that names nothing (快来人管管啊, 怎么还没人来)
# is taken to be about it.
NUDGE_AFTER = timedelta(minutes=30)
_NUDGE_MAX = 20  # characters: a nudge is short; a longer message tells something new


def _nudge(event: Event, data: Data) -> FilterResult:
    """Passes a short report that names no thing, fault or place (快来人管管啊) from someone
    whose own report in this chat, a few messages and at most half an hour before, filed or
    joined a task still open or held (only reports mark a message with its task): `task`.
    A call that reads as an emergency counts only for an emergency (快来人啊！！ after a full
    bin is not taken as more of the bin)."""
    reading: Reading = data["reading"]
    loc = reading.location
    if len(event.text) > _NUDGE_MAX or loc.building is not None or loc.place is not None:
        return None
    task = own_report_before(event, data, NUDGE_AFTER)
    if task is None or kinds_named(event.text):  # (read again only after one's own report)
        return None
    if reading.urgent and not task.urgent:
        return None
    return {"task": task}


NudgeAfterOwn = Filter(_nudge, "NudgeAfterOwn")


@router.message(ConfidentReport, NudgeAfterOwn)
async def nudge(
    ctx: Context, event: Event, task: Task, member: Member | None, message_row_id: int
) -> None:
    """The reporter presses on their own report: no second task; they hear where it stands."""
    assert task.id is not None
    repeat_report(ctx.session, task, actor_of(event, member), event.text, ctx.now())
    set_message_task(ctx.session, message_row_id, task.id)
    holder = safe_echo(task.claimant_name or "")
    state = f"{holder} 正在处理" if task.status == "claimed" and holder else "正在等党员或物业认领"
    ctx.reply(f"已记在你反映的 #{task.number}{label(task)}{where(task)} 中，{state}。", task_id=task.id)


@router.message(ConfidentReport)
async def file(
    ctx: Context,
    event: Event,
    reading: Reading,
    community: Community,
    member: Member | None,
    message_row_id: int,
) -> None:
    assert community.id is not None
    loc = reading.location
    filed = file_report(
        ctx.session,
        community.id,
        actor_of(event, member),
        event.text,
        ctx.now(),
        category=reading.category or "other",
        urgent=reading.urgent,
        building=loc.building,
        unit=loc.unit,
        floor=loc.floor,
        room=loc.room,
        place=loc.place,
        chat_id=event.chat_id,
        message_id=event.message_id,
    )
    task = filed.task
    assert task.id is not None
    set_message_task(ctx.session, message_row_id, task.id)
    if reading.urgent and task.status == "open":
        _urgent_reply(ctx, event, community.id, filed)
    elif filed.merged and not filed.new_reporter:
        others = f"，共 {filed.reporters} 位邻居反映" if filed.reporters > 1 else ""
        ctx.reply(f"已记在你反映的 #{task.number} 中{others}。", task_id=task.id)
    elif filed.merged:
        ctx.reply(f"已合并到 #{task.number}，已有 {filed.reporters} 位邻居反映。", task_id=task.id)
    else:
        # Nowhere named (电梯坏了): the neighbours who know where are asked, since the
        # holder must find it and later reports can only join a task that says where.
        unplaced = task.building is None and not task.place and task.category in IN_A_BUILDING
        ask = "请补充在几栋几单元。" if unplaced else ""
        ctx.reply(
            f"已登记 #{task.number}{label(task)}{where(task)}：{_sentence(summary_of(task))}"
            f"{ask}党员或物业可回复“认领 {task.number}”。",
            task_id=task.id,
        )


@router.message(MeToo)
async def me_too(
    ctx: Context,
    event: Event,
    reading: Reading,
    community: Community,
    member: Member | None,
    message_row_id: int,
) -> None:
    """+1 / 我家也是 replying to a report (or to the bot's answer to it): one more neighbour
    on that task, told once; a second +1 from the same person changes nothing."""
    tasks, _ = task_of_message(ctx.session, community, reading, event)
    if tasks:
        _count_me_too(ctx, event, tasks[0], member, message_row_id)


@router.message(MeTooAfter)
async def me_too_after(
    ctx: Context, event: Event, task: Task, member: Member | None, message_row_id: int
) -> None:
    """+1 right after a neighbour's report, not quoting it: one more neighbour on its task."""
    _count_me_too(ctx, event, task, member, message_row_id)


def _count_me_too(
    ctx: Context, event: Event, task: Task, member: Member | None, message_row_id: int
) -> None:
    """One more neighbour on the task, told once; the same person again changes nothing."""
    if not join_report(ctx.session, task, actor_of(event, member), event.message_id, event.text, ctx.now()):
        return
    assert task.id is not None
    set_message_task(ctx.session, message_row_id, task.id)
    ctx.reply(f"已记下，#{task.number} 共 {task.reporters} 位邻居反映。", task_id=task.id)


_ENDS_A_SENTENCE = tuple("。！？!?…~～")


def _sentence(summary: str) -> str:
    """The summary closed with a full stop, unless it ends one already (3栋停水了吗？)."""
    return summary if summary.endswith(_ENDS_A_SENTENCE) else f"{summary}。"


def _urgent_reply(ctx: Context, event: Event, community_id: int, filed: Filed) -> None:
    task = filed.task
    # The people who can act are called once, by the first report; later reporters of
    # the same emergency get the safety hint without calling everyone again.
    mentions: tuple[str, ...] = ()
    if not filed.merged:
        mentions, _ = role_mentions(ctx.session, community_id, event.platform, URGENT_CALLED)
    head = (
        f"紧急 #{task.number}（已有 {filed.reporters} 位邻居反映）"
        if filed.merged
        else f"紧急 #{task.number}"
    )
    ctx.reply(
        f"{head}{label(task)}{where(task)}：{safety_hint(task)}"
        f"请书记、党员尽快处理，回复“认领 {task.number}”。",
        mentions,
        urgent=True,
        task_id=task.id,
    )
