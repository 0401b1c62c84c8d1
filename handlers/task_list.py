"""/任务 and /详情: the compound's tasks as compact lines (urgent, then overdue, then
oldest first), and one task with its history (/任务 12 too). Anyone in a bound group may look."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.arguments import chinese_number, tokens
from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import Bound, Command
from bot.settings import Settings
from handlers.lookup import task_from
from handlers.taskkit import (
    CATEGORY_LABELS,
    STATUS_LABELS,
    day_text,
    label,
    numbers_of,
    safe_echo,
    summary_of,
    where,
)
from storage.models import Community, Task, TaskEvent
from storage.repo.task_queries import held_by, ranked_and_counted, reported_by, task_events
from storage.repo.tasks import ACTIVE

router = Router("task_list")
router.filter(Bound)

STATUS_NAMES = {**STATUS_LABELS, "done": "待验收"}
FILTERS = {
    "": ("active", "进行中"),
    "待认领": ("open", "待认领"),
    "open": ("open", "待认领"),
    "处理中": ("claimed", "处理中"),
    "claimed": ("claimed", "处理中"),
    "超期": ("overdue", "超期"),
    "overdue": ("overdue", "超期"),
    "全部": ("all", "全部"),
    "all": ("all", "全部"),
}
_TASK_NUMBER = re.compile(r"#?\d{1,9}")
SHOWN = 20
NAMED = 10  # of the tasks past the first SHOWN, the numbers named
PLACE_CHARS = 12
_CLAUSE_END = re.compile(r"[，,。！!？?；;\s]")
_PUNCTUATION = "，,。.！!？?；;：:、…~～ "
REASON_CHARS = 12
HISTORY = 15
DETAIL_CHARS = 60
EVENT_WORDS = {
    "reported": "反映",
    "merged": "合并",
    "repeated": "再次反映",
    "placed": "补充位置：",
    "detail": "补充：",
    "claimed": "认领",
    "assigned": "派单给",
    "deadline_set": "限期至",
    "progress": "进展：",
    "done": "完成",
    "accepted": "验收通过",
    "auto_accepted": "无人验收，自动通过",
    "rejected": "验收不通过：",
    "reopened": "重开",
    "closed": "关闭：",
    "duplicate_of": "并入",
    "repeat": "提示：",
    "reminded": "催办",
    "released": "退回待认领：",
}


MINE = ("我的", "mine", "my")
USAGE = "用法：/任务 [待认领/处理中/超期/全部/我的]，可加楼栋或类别，如 /任务 8栋、/任务 电梯 待认领"
_BUILDING = re.compile(r"^(\d{1,4}|[零〇一二两三四五六七八九十百]{1,5})(?:栋|号楼|幢|号|楼)$")
# What a secretary calls a kind of task: the labels of the task lines, and shorter words.
CATEGORY_WORDS = {
    **{name: category for category, name in CATEGORY_LABELS.items()},
    "水": "water", "供水": "water", "漏水": "water", "卫生": "sanitation", "垃圾": "sanitation",
    "设施": "facility", "维修": "facility", "照明": "power", "供电": "power", "停电": "power",
    "路灯": "power", "安全": "safety", "消防": "safety", "噪音": "noise", "停车": "parking",
    "帮扶": "assistance", "物业": "property",
}


def list_filter(words: list[str]) -> tuple[str, str, int | None, str | None] | None:
    """What /任务's words ask for: (filter, its title, building, category), or None when
    a word is none of them or one of them is said twice."""
    which, title = FILTERS[""]
    building: int | None = None
    category: str | None = None
    status_said = False
    for word in words:
        lowered = word.lower()
        if lowered in FILTERS and not status_said:
            (which, title), status_said = FILTERS[lowered], True
        elif (m := _BUILDING.match(word)) and building is None:
            number = int(m[1]) if m[1].isdigit() else chinese_number(m[1])
            if number is None or number < 1:
                return None
            building = number
        elif word in CATEGORY_WORDS and category is None:
            category = CATEGORY_WORDS[word]
        else:
            return None
    return which, title, building, category


@router.message(Command("任务", "tasks"))
async def show_tasks(
    ctx: Context, session: Session, event: Event, community: Community, args: str
) -> None:
    words = tokens(args)
    if len(words) == 1 and _TASK_NUMBER.fullmatch(words[0]):
        # /任务 12 means the task, as /task 12 does: shown as /详情 12 would show it.
        await show_task(ctx, session, community, "详情", args)
        return
    if len(words) == 1 and words[0].lower() in MINE:
        ctx.reply(own_tasks(session, community, event, ctx.now(), ctx.settings))
        return
    asked = list_filter(words)
    if asked is None:
        ctx.reply(USAGE)
        return
    which, title, building, category = asked
    assert community.id is not None
    now = ctx.now()
    # The next few are fetched too, to name their numbers: the rest is reachable by /详情.
    found, total = ranked_and_counted(session, community.id, which, now, limit=SHOWN + NAMED,
                                      building=building, category=category)
    narrowed = (f"{building}栋" if building is not None else "") + (
        f"【{CATEGORY_LABELS[category]}】" if category is not None else ""
    )
    if not total:
        ctx.reply(f"目前没有{narrowed}{title}的任务。")
        return
    lines = [f"{narrowed}{title}的任务（{total} 条）："]
    lines += [describe(t, now, ctx.settings) for t in found[:SHOWN]]
    if total > SHOWN:
        more = "等" if total > SHOWN + NAMED else ""
        lines.append(
            f"还有 {total - SHOWN} 条：{numbers_of(found[SHOWN:], NAMED)}{more}，发 /详情 编号 查看"
        )
    ctx.reply("\n".join(lines))


def own_tasks(session: Session, community: Community, event: Event, now: datetime, settings: Settings) -> str:
    """The sender's own tasks: those they hold, then those they reported that are not
    settled yet (the first few of each)."""
    assert community.id is not None
    held = held_by(session, community.id, event.platform, event.user_id)
    reported = [t for t in reported_by(session, community.id, event.platform, event.user_id)
                if t.id not in {h.id for h in held}]
    lines = []
    if held:
        lines += [f"你负责的任务（{len(held)} 条）：", *(describe(t, now, settings) for t in held[:SHOWN])]
    if reported:
        lines += ["你反映的未完结任务：", *(describe(t, now, settings) for t in reported)]
    if not lines:
        return "你现在没有负责或反映中的任务。发 /任务 可以看本小区进行中的任务。"
    return "\n".join(lines)


@router.message(Command("详情", "task"))
async def show_task(
    ctx: Context, session: Session, community: Community, command: str, args: str
) -> None:
    assert community.id is not None
    found = task_from(ctx, session, community.id, args, f"用法：/{command} 12")
    if found is None:
        return
    task, rest = found
    if rest:
        ctx.reply(f"用法：/{command} 12")
        return
    now = ctx.now()
    lines = [describe(task, now, ctx.settings), f"内容：{summary_of(task)}"]
    if task.reporters > 1:
        lines.append(f"反映人：{task.reporters} 位")
    if task.status == "closed" and task.close_reason:
        lines.append(f"关闭原因：{safe_echo(task.close_reason)[:DETAIL_CHARS]}")
    events = task_events(session, task)
    lines.append("经过：")
    if len(events) > HISTORY:
        lines.append(f"（前 {len(events) - HISTORY} 条略）")
    lines += [_history_line(e, ctx.settings) for e in events[-HISTORY:]]
    ctx.reply("\n".join(lines), task_id=task.id)


def _first_words(summary: str) -> str:
    """What stands for the place of a task that names none: its first clause, cut short
    (小区的健身器材坏了一个，跑步机那个 → 小区的健身器材坏了一个)."""
    clause = _CLAUSE_END.split(summary, maxsplit=1)[0] or summary
    return clause[:PLACE_CHARS].rstrip(_PUNCTUATION)


def describe(task: Task, now: datetime, settings: Settings) -> str:
    """One compact line: "#12【电梯】3栋2单元 待认领 3天" / "#8【给排水】5栋 处理中 张党员 限3月30日"."""
    place = where(task) or _first_words(summary_of(task))
    parts = [f"#{task.number}{label(task)}{place}"]
    active = task.status in ACTIVE
    if task.urgent and active:
        parts.append("紧急")
    parts.append(STATUS_NAMES.get(task.status, task.status))
    if task.claimant_name and task.status in ("claimed", "done"):
        parts.append(task.claimant_name)
    if task.status == "open":
        parts.append(_age(now - task.created_at))
    elif task.status == "closed" and task.close_reason:
        parts[-1] += f"（{safe_echo(task.close_reason)[:REASON_CHARS]}）"
    elif task.status == "claimed" and task.deadline is not None:
        if task.deadline < now:
            late = (now.date() - task.deadline.astimezone(now.tzinfo).date()).days
            parts.append(f"超期{max(late, 1)}天")
        else:
            parts.append(f"限{day_text(task.deadline, settings, now)}")
    return " ".join(parts)


def _age(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds >= 86400:
        return f"{seconds // 86400}天"
    if seconds >= 3600:
        return f"{seconds // 3600}小时"
    if seconds >= 60:
        return f"{seconds // 60}分钟"
    return "刚刚"


def _rank(task: Task, now: datetime) -> tuple[object, ...]:
    """Active tasks first (urgent, then overdue, then oldest); then the rest, newest first.
    The list is ranked in the database (`ranked_tasks`); this is that order stated in Python,
    which the tests hold the database to."""
    if task.status in ACTIVE:
        overdue = task.deadline is not None and task.deadline < now
        return (0, not task.urgent, not overdue, task.created_at, task.number)
    order = 1 if task.status == "done" else 2
    return (order, False, False, -task.updated_at.timestamp(), task.number)


def _history_line(ev: TaskEvent, settings: Settings) -> str:
    local = ev.ts.astimezone(settings.tz)
    stamp = f"{local.month}月{local.day}日 {local:%H:%M}"
    word = EVENT_WORDS.get(ev.kind, ev.kind)
    detail = safe_echo(ev.detail)
    if ev.kind == "deadline_set":
        try:
            detail = day_text(datetime.fromisoformat(detail), settings)
        except ValueError:
            pass
    if len(detail) > DETAIL_CHARS:
        detail = detail[: DETAIL_CHARS - 1] + "…"
    sep = "" if word.endswith("：") or not detail else " "
    return f"{stamp} {ev.actor_name or '系统'} {word}{sep}{detail}"
