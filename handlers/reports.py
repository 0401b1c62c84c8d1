"""Reports: a message read as a problem files task #N (or joins the open duplicate) and
gets one brief answer; an emergency gets the safety hint and calls the people who can act;
a "me too" replying to a report counts one more neighbour."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import Bound
from bot.understanding import Reading, says_me_too
from handlers.taskkit import actor_of, label, role_mentions, safe_echo, task_of_message, where
from storage.models import Community, Member, Task
from storage.repo.messages import set_message_task
from storage.repo.tasks import Filed, file_report, join_report

router = Router("reports")
router.filter(Bound)

SAFETY_HINTS = {
    "elevator": "被困请按下轿厢内警铃，拨打轿厢内张贴的维保电话，保持冷静，不要扒门。",
    "safety": "如有火情请立即拨打119，远离烟雾，不乘电梯；闻到燃气味请立即离开，"
    "不要开关电器、不要点火，开窗通风，到室外拨打燃气公司电话。",
    "water": "请关闭总阀，远离电源和漏电区域，贵重物品移到高处。",
    "power": "请远离冒火花的线路和电箱，不要触碰，必要时拉下总闸。",
}
DEFAULT_HINT = "请注意安全，远离危险区域，必要时拨打110/119/120。"
URGENT_CALLED = ("secretary", "party")


def _confident(event: Event, data: Data) -> FilterResult:
    reading: Reading | None = data.get("reading")
    settings = data["ctx"].settings
    return (
        reading is not None
        and reading.intent == "report"
        and reading.confidence >= settings.report_confidence
    )


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


def safety_hint(task: Task) -> str:
    """The hint for an emergency of this kind (fire and gas both read as `safety`)."""
    text = task.text
    if task.category == "safety":
        if "燃气" in text or "煤气" in text or "天然气" in text:
            return "请立即离开，不要开关电器、不要点火，开窗通风，到室外拨打燃气公司电话。"
        if "火" in text or "烟" in text:
            return "请立即拨打119，远离烟雾，不乘电梯，用湿毛巾捂住口鼻。"
    return SAFETY_HINTS.get(task.category, DEFAULT_HINT)


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
        ctx.reply(f"你反映的问题已在 #{task.number} 中，共 {filed.reporters} 位邻居反映。", task_id=task.id)
    elif filed.merged:
        ctx.reply(f"已合并到 #{task.number}，已有 {filed.reporters} 位邻居反映。", task_id=task.id)
    else:
        ctx.reply(
            f"已登记 #{task.number}{label(task)}{where(task)}：{safe_echo(task.summary)}。"
            f"党员或物业可回复“认领 {task.number}”。",
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
    if not tasks:
        return
    task = tasks[0]
    who = actor_of(event, member)
    if not join_report(ctx.session, task, who, event.message_id, event.text, ctx.now()):
        return
    assert task.id is not None
    set_message_task(ctx.session, message_row_id, task.id)
    ctx.reply(f"已记下，#{task.number} 共 {task.reporters} 位邻居反映。", task_id=task.id)


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
