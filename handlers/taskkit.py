"""What the task handlers share: how a task is named in the chat, who acts, which task a
message is about, the deadline of a claim, and the request to check a finished task."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from sqlmodel import Session

from bot.context import Context
from bot.events import Event, Outgoing
from bot.privacy import mask
from bot.settings import Settings
from bot.understanding import Reading
from bot.understanding.normalise import normalise
from bot.understanding.refs import LEADING
from storage.models import Community, Member, Task
from storage.repo.communities import groups_of
from storage.repo.members import contacts
from storage.repo.messages import messages_before
from storage.repo.outbox import withdraw
from storage.repo.task_queries import reporter_chats
from storage.repo.tasks import (
    ACTIVE,
    Actor,
    find_task_by_message,
    get_task,
    get_task_by_id,
    summarize,
)

CATEGORY_LABELS = {
    "elevator": "电梯",
    "water": "给排水",
    "sanitation": "环境卫生",
    "facility": "设施维修",
    "power": "供电照明",
    "safety": "安全隐患",
    "noise": "噪音扰民",
    "parking": "停车交通",
    "greenery": "绿化",
    "epidemic": "防疫",
    "assistance": "帮扶服务",
    "property": "物业服务",
    "other": "其他",
}
STATUS_LABELS = {
    "open": "待认领",
    "claimed": "处理中",
    "done": "已完成，待验收",
    "accepted": "已验收",
    "closed": "已关闭",
}
_CQ_CODE = re.compile(r"\[CQ:[^\]]*\]?", re.IGNORECASE)
_NUMBER_LIKE = re.compile(r"[#＃]\s*-?\d|-\d|\d{10,}")


def actor_of(event: Event, member: Member | None) -> Actor:
    """The sender as the actor of a change, named as stored when we know them."""
    name = member.name if member is not None and member.name else event.user_name
    return Actor(event.platform, event.user_id, name or event.user_id)


def holds(task: Task, event: Event) -> bool:
    """Whether the sender of `event` is the task's holder."""
    return (task.claimant_platform, task.claimant_user_id) == (event.platform, event.user_id)


def safe_echo(text: str) -> str:
    """User text fit to repeat in a chat: platform control codes (CQ codes) removed and
    personal data masked, so that what is cut short afterwards cannot show half a number."""
    return mask(_CQ_CODE.sub("", text)).strip()


# @-mentions that open or close a report (@微治理 3栋电梯坏了, …坏了 @物业小王) address it;
# they are no part of what is reported.
_EDGE_MENTIONS = re.compile(
    r"^(?:\s*[@＠][^\s@＠\u2005\u3000]{1,32}[\s\u2005\u3000]*)+"
    r"|(?:[\s\u2005\u3000]+[@＠][^\s@＠\u2005\u3000]{1,32})+\s*$"
)


def summary_of(task: Task) -> str:
    """The task's summary as it may be shown, made again from its text (rows summarised
    before summaries were masked could hold half a phone number), without the @-mentions
    that open or close it."""
    if not task.text:
        return safe_echo(task.summary)
    text = safe_echo(task.text)
    return summarize(_EDGE_MENTIONS.sub("", text).strip() or text)


def holder_mention(task: Task, event: Event) -> tuple[str, ...]:
    """The task's holder to mention, when they are on the platform of this chat."""
    if task.claimant_user_id and task.claimant_platform == event.platform:
        return (task.claimant_user_id,)
    return ()


def label(task: Task) -> str:
    return f"【{CATEGORY_LABELS.get(task.category, '其他')}】"


def where(task: Task) -> str:
    """The place of a task as residents say it: "3栋2单元", "地下车库"."""
    parts = []
    if task.building is not None:
        parts.append(f"{task.building}栋")
    if task.unit is not None:
        parts.append(f"{task.unit}单元")
    if task.place:
        place = safe_echo(task.place)
        if task.unit is not None and place.startswith("单元") and len(place) > 2:
            place = place[2:]  # 1单元 + 单元门口: 1单元门口
        parts.append(place)
    return "".join(parts)


def day_text(ts: datetime, settings: Settings, now: datetime | None = None) -> str:
    """"3月30日"; with the year when it is not the year of `now` (2027年3月1日); with the
    time when it is not the day's end (a deadline of 明天18点: 3月30日18:00)."""
    local = ts.astimezone(settings.tz)
    year = now is not None and local.year != now.astimezone(settings.tz).year
    day = f"{local.year}年{local.month}月{local.day}日" if year else f"{local.month}月{local.day}日"
    if (local.hour, local.minute, local.second) == (23, 59, 59):
        return day
    return f"{day}{local.hour}:{local.minute:02d}"


def deadline_for(
    settings: Settings, community: Community | None, category: str, now: datetime
) -> datetime:
    """The end (23:59:59 local) of the day N days from now: N per category in settings,
    else the compound's own, else the default."""
    days = settings.deadline_days_by_category.get(category)
    if days is None and community is not None and community.deadline_days:
        days = community.deadline_days
    if days is None:
        days = settings.deadline_days
    day = (now.astimezone(settings.tz) + timedelta(days=days)).date()
    return datetime.combine(day, time(23, 59, 59), tzinfo=settings.tz)


def names_a_bad_number(text: str) -> bool:
    """Whether the text writes something like a task number that is none ("#-1",
    "99999999999999999999"), so that the answer can say so."""
    return _NUMBER_LIKE.search(text) is not None


def task_of_message(
    session: Session, community: Community, reading: Reading, event: Event
) -> tuple[list[Task], list[int]]:
    """The tasks of this compound the message names (by number, else by the message it
    quotes), and the numbers that named none."""
    found: list[Task] = []
    missing: list[int] = []
    assert community.id is not None
    for number in dict.fromkeys(reading.task_refs):
        task = get_task(session, community.id, number)
        if task is None:
            missing.append(number)
        else:
            found.append(task)
    if not reading.task_refs and event.reply_to:
        task = find_task_by_message(session, event.platform, event.reply_to)
        if task is not None and task.community_id == community.id:
            found.append(task)
    return found, missing


def held_by_its_number(
    session: Session, community_id: int, event: Event, reading: Reading
) -> Task | None:
    """The task of a report from its holder that opens "N号 …" and so was read as naming
    building N (2号 是有人烧纸 已经灭了, from the holder of #2): their note on task N."""
    building = reading.location.building
    if reading.intent != "report" or building is None or "号" not in event.text:
        return None
    lead = LEADING.match(normalise(event.text))
    if lead is None or int(lead[1]) != building:
        return None
    task = get_task(session, community_id, building)
    return task if task is not None and task.status == "claimed" and holds(task, event) else None


def numbers_of(tasks: list[Task], most: int = 5) -> str:
    """The tasks' numbers as a list to read out: "#3、#7、#9"."""
    return "、".join(f"#{t.number}" for t in tasks[:most])


def number_text(number: int) -> str:
    """A task number as it may be repeated back: absurd ones are not echoed in full."""
    return f"#{number}" if 0 < number < 10**9 else "这个编号"


def role_mentions(
    session: Session, community_id: int, platform: str, roles: tuple[str, ...]
) -> tuple[tuple[str, ...], list[str]]:
    """User ids (on this platform) and names of the compound's people with these roles."""
    people = contacts(session, community_id, platform, roles)
    return tuple(dict.fromkeys(user_id for user_id, _ in people)), [
        name or user_id for user_id, name in people
    ]


def _check_asked(task: Task) -> str:
    return f"#{task.number} 已处理完成，请反映的邻居检查"


def request_acceptance(ctx: Context, task: Task) -> None:
    """Tell the reporters that the task is done and how to accept or reject it."""
    tell_reporters(
        ctx,
        task,
        f"{_check_asked(task)}：满意请回复“满意 {task.number}”，不满意请回复“不满意 {task.number} 原因”。",
    )


def withdraw_acceptance_request(ctx: Context, task: Task) -> None:
    """A task checked already (accepted or sent back) needs no request to check it that
    still waits to go out (held until 08:00 after a fix at night)."""
    assert task.id is not None
    withdraw(ctx.session, task.id, _check_asked(task))


def tell_reporters(
    ctx: Context, task: Task, text: str, also: tuple[str, ...] = (), *, urgent: bool = False
) -> None:
    """Send `text` to the task's reporters, each mentioned in the group they reported in
    (this chat's answer mentions `also` too); without a group chat, in every group of the
    compound."""
    reporters = reporter_chats(ctx.session, task)
    ev = ctx.event
    if ev is None or ev.chat_id is None:
        by_platform: dict[str, tuple[str, ...]] = {}
        for platform, user_id, _ in reporters:
            by_platform[platform] = (*by_platform.get(platform, ()), user_id)
        ctx.announce(task.community_id, text, by_platform, urgent=urgent, task_id=task.id)
        return
    # Each reporter is called in the group they reported in: here, or in another group of
    # the compound, where this chat's people may not be.
    here: list[str] = []
    elsewhere: dict[tuple[str, str], list[str]] = {}
    for platform, user_id, chat_id in reporters:
        if (platform, chat_id) == (ev.platform, ev.chat_id) or (
            chat_id is None and platform == ev.platform
        ):
            here.append(user_id)
        elif chat_id is not None:
            elsewhere.setdefault((platform, chat_id), []).append(user_id)
    # (the sender, who is reading the answer, is not called by name)
    called_here = tuple(m for m in dict.fromkeys((*also, *here)) if m != ev.user_id)
    ctx.reply(text, called_here, urgent=urgent, task_id=task.id)
    if elsewhere:
        for group in groups_of(ctx.session, task.community_id):
            called = elsewhere.get((group.platform, group.chat_id))
            if called:
                ctx.send(
                    Outgoing(
                        platform=group.platform,
                        text=text,
                        chat_id=group.chat_id,
                        mentions=tuple(dict.fromkeys(called)),
                        urgent=urgent,
                        account=group.account,
                    ),
                    task_id=task.id,
                )


def own_report_before(event: Event, data: dict, within: timedelta) -> Task | None:
    """The task the sender's own last message in this chat, among the few before this one
    and at most `within` ago, filed or joined (only reports mark a message with its task),
    when it is of this compound and still open or held; else None."""
    row_id = data.get("message_row_id")
    if event.chat_id is None or row_id is None:
        return None
    session = data["session"]
    own = next((m for m in messages_before(session, event.platform, event.chat_id, row_id)
                if m.user_id == event.user_id), None)
    if own is None or own.task_id is None or data["ctx"].now() - own.ts > within:
        return None
    community: Community | None = data.get("community")
    task = get_task_by_id(session, own.task_id)
    if task is None or community is None or task.community_id != community.id:
        return None
    return task if task.status in ACTIVE else None


def about(tasks: list[Task], named: frozenset[str], building: int | None) -> list[Task]:
    """Those of `tasks` a message can be about: of the things it names (`named`, as
    things_named reads them; 灯亮了: the lamp; all when it names none) and in the building
    it names (or saying none)."""
    if named:
        tasks = [t for t in tasks if t.category in named]
    if building is not None:
        tasks = [t for t in tasks if t.building in (None, building)]
    return tasks
