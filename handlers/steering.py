"""The secretary steers tasks: /派单 /限期 /催办 /关闭 /重开 /合并. Only secretaries and
admins (by stored role); every wrong argument gets the usage and changes nothing."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.arguments import (
    MAX_REASON,
    deadline,
    deadline_refused,
    free_text,
    gone_by,
    is_time_of_day,
    leading_task,
)
from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import MANAGERS, Bound, Command, Role
from handlers.lookup import NotFound, people_named, task_from
from handlers.taskkit import (
    STATUS_LABELS,
    actor_of,
    day_text,
    deadline_for,
    holder_mention,
    label,
    role_mentions,
    tell_reporters,
    where,
)
from storage.models import Community, Member, Task
from storage.repo.tasks import ACTIVE, assign, close, get_task, merge, record, reopen, set_deadline

router = Router("steering")
router.filter(Bound)

ASSIGNABLE = ("party", "property", "secretary")
# What the secretary adds to /合并 12 8 to merge two tasks of different categories.
CONFIRM_WORDS = frozenset({"确认", "确定", "confirm"})
USAGE = {
    "派单": "用法：/派单 12 @张三，可带期限：/派单 12 @张三 7天",
    "assign": "用法：/assign 12 @张三，可带期限：/assign 12 @张三 7天",
    "限期": "用法：/限期 12 15天、/限期 12 明天、/限期 12 下周五、/限期 12 明天18点、/限期 12 两周，或 /限期 12 3月30日（一年以内）",
    "deadline": "用法：/deadline 12 15天、/deadline 12 明天、/deadline 12 明天18点、/deadline 12 两周，或 /deadline 12 3月30日（一年以内）",
    "催办": "用法：/催办 12",
    "remind": "用法：/remind 12",
    "关闭": "用法：/关闭 12 原因（如：重复、无效、不属于本小区，最多 200 字）",
    "close": "用法：/close 12 原因（最多 200 字）",
    "重开": "用法：/重开 12 [原因]",
    "reopen": "用法：/reopen 12 [原因]",
    "合并": "用法：/合并 12 8（把 #12 并入 #8）",
    "merge": "用法：/merge 12 8（把 #12 并入 #8）",
}


@router.message(Command(*USAGE), ~Role(*MANAGERS))
async def refuse(ctx: Context, command: str) -> None:
    ctx.reply(f"只有书记或管理员可以使用 /{command}。")


@router.message(Command("派单", "assign"))
async def give(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community,
    member: Member | None,
    command: str,
    args: str,
) -> None:
    """Give a task to a Party member, property staff or secretary of this compound."""
    found = _task(ctx, session, community, command, args)
    if found is None:
        return
    task, rest = found
    now = ctx.now()
    words = rest.split()
    given, said = _trailing_deadline(words, now)
    if given is not None:
        words = words[:-said]
    try:
        people = people_named(session, event, task.community_id, args)
        if not people and words and not event.mentions:
            # "/派单 2 王党员": one name typed without @, as people do in a hurry.
            people = people_named(session, event, task.community_id, "@" + words.pop(0))
    except NotFound as e:
        ctx.reply(str(e))
        return
    if len(people) == 1 and (past := _past_deadline(words, now)):
        ctx.reply(f"{past[:20]} 已经过去了，请给一个以后的期限。")
        return
    if len(people) != 1 or words:
        # Words left over (a second name, "尽快") are not dropped silently.
        why = "（一次派给一人）" if len(people) != 1 or not event.mentions else "（期限如 7天、明天、3月30日）"
        ctx.reply(USAGE[command] + why)
        return
    to = people[0]
    if to.role not in ASSIGNABLE or to.member is None or to.member.community_id != community.id:
        ctx.reply(
            f"{to.name} 不是本小区的党员、物业或书记，不能派单给 Ta。"
            "可先用 /党员 @Ta 或 /物业 @Ta 设置身份。"
        )
        return
    if task.status not in ACTIVE:
        ctx.reply(_not_active(task))
        return
    if (task.claimant_platform, task.claimant_user_id) == (to.platform, to.user_id):
        if given is None:
            ctx.reply(f"#{task.number} 已由 {to.name} 负责。")
            return
        _move_deadline(ctx, session, task, given, event, member, f"#{task.number} 已由 {to.name} 负责，")
        return
    before = task.claimant_name
    due = given or task.deadline or deadline_for(ctx.settings, community, task.category, now)
    if not assign(session, task, to.as_actor(), actor_of(event, member), now, due):
        ctx.reply(_not_active(task))
        return
    moved = f"（原由 {before} 负责）" if before else ""
    ctx.reply(
        f"#{task.number}{label(task)}{where(task)} 已派给 {to.name}{moved}，"
        f"请在 {day_text(due, ctx.settings, ctx.now())} 前处理。",
        (to.user_id,),
        urgent=task.urgent,  # an emergency's assignee is called even in quiet hours
        task_id=task.id,
    )


@router.message(Command("限期", "deadline"))
async def set_due(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community,
    member: Member | None,
    command: str,
    args: str,
) -> None:
    """Set the deadline: days from today, or a date; the holder is told."""
    found = _task(ctx, session, community, command, args)
    if found is None:
        return
    task, rest = found
    now = ctx.now()
    due = deadline(rest, now)
    if due is None:
        ctx.reply(deadline_refused(rest, now) or USAGE[command])
        return
    if task.status not in ACTIVE:
        ctx.reply(_not_active(task))
        return
    if task.status == "open":
        # A claim sets its own deadline, so one set now would be lost.
        ctx.reply(f"#{task.number} 还没有人负责。请用 /派单 {task.number} @张三 派单后再设期限。")
        return
    _move_deadline(ctx, session, task, due, event, member, f"#{task.number}{label(task)}{where(task)} ")


@router.message(Command("催办", "remind"))
async def remind(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community,
    member: Member | None,
    command: str,
    args: str,
) -> None:
    """Remind the holder now; an unclaimed task calls the people who may claim it."""
    found = _task(ctx, session, community, command, args)
    if found is None:
        return
    task, _ = found
    if task.status not in ACTIVE:
        ctx.reply(_not_active(task))
        return
    now = ctx.now()
    record(session, task, "reminded", actor_of(event, member), now)
    head = f"#{task.number}{label(task)}{where(task)}"
    if task.status == "open":
        mentions, _ = role_mentions(
            session, task.community_id, event.platform, ("party", "property")
        )
        ctx.reply(
            f"催办：{head} 还没有人认领，请党员或物业回复“认领 {task.number}”。",
            mentions,
            urgent=task.urgent,
            task_id=task.id,
        )
        return
    late = ""
    if task.deadline is not None:
        late = (
            f"，已超过期限 {day_text(task.deadline, ctx.settings, ctx.now())}"
            if task.deadline < now
            else f"，期限 {day_text(task.deadline, ctx.settings, ctx.now())}"
        )
    ctx.reply(
        f"催办：{head} 请 {task.claimant_name} 尽快处理{late}。修好后请回复“#{task.number} 修好了”。",
        holder_mention(task, event),
        urgent=task.urgent,
        task_id=task.id,
    )


@router.message(Command("关闭", "close"))
async def shut(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community,
    member: Member | None,
    command: str,
    args: str,
) -> None:
    """Close with a reason (duplicate, invalid, not ours …); the reason is required."""
    found = _task(ctx, session, community, command, args)
    if found is None:
        return
    task, rest = found
    reason = free_text(rest, MAX_REASON)
    if reason is None:
        ctx.reply(USAGE[command])
        return
    if task.status == "closed":
        ctx.reply(f"#{task.number} 已经关闭。需要时用 /重开 {task.number}。")
        return
    if not close(session, task, actor_of(event, member), reason, ctx.now()):
        ctx.reply(_not_active(task))
        return
    # The holder and the reporters are told why, each reporter in their own group.
    tell_reporters(
        ctx,
        task,
        f"#{task.number}{label(task)}{where(task)} 已关闭，原因：{reason}",
        holder_mention(task, event),
        urgent=task.urgent,
    )


@router.message(Command("重开", "reopen"))
async def open_again(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community,
    member: Member | None,
    command: str,
    args: str,
) -> None:
    """Reopen a done, accepted or closed task: back to its holder, or to be claimed."""
    found = _task(ctx, session, community, command, args)
    if found is None:
        return
    task, rest = found
    reason = free_text(rest, MAX_REASON) if rest else ""
    if reason is None:
        ctx.reply(USAGE[command])
        return
    if task.status in ACTIVE:
        ctx.reply(f"#{task.number} 仍在{STATUS_LABELS[task.status]}，无需重开。")
        return
    if not reopen(session, task, actor_of(event, member), reason, ctx.now()):
        ctx.reply(f"#{task.number} 现在不能重开。")
        return
    who = (
        f"仍由 {task.claimant_name} 负责"
        if task.status == "claimed"
        else f"待认领，党员或物业可回复“认领 {task.number}”"
    )
    ctx.reply(
        f"#{task.number}{label(task)}{where(task)} 已重开，{who}。",
        holder_mention(task, event),
        urgent=task.urgent,
        task_id=task.id,
    )


@router.message(Command("合并", "merge"))
async def join(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community,
    member: Member | None,
    command: str,
    args: str,
) -> None:
    """Task 12 is a duplicate of 8: 12 is closed and its reporters join 8."""
    found = _task(ctx, session, community, command, args)
    if found is None:
        return
    task, rest = found
    second = leading_task(rest)
    confirmed = second is not None and second[1] in CONFIRM_WORDS
    if second is None or (second[1] and not confirmed):
        ctx.reply(USAGE[command])
        return
    if second[0] == task.number:
        ctx.reply(f"不能把 #{task.number} 并入它自己。{USAGE[command]}")
        return
    assert community.id is not None
    into = get_task(session, community.id, second[0])
    if into is None:
        ctx.reply(f"本小区没有任务 #{second[0]}。发送 /任务 查看任务列表。")
        return
    if task.status == "closed" or into.status == "closed":
        closed = task if task.status == "closed" else into
        ctx.reply(f"#{closed.number} 已关闭，不能合并。需要时先 /重开 {closed.number}。")
        return
    if into.status not in ("open", "claimed"):
        # A problem still open must not end inside one already fixed and checked.
        state = STATUS_LABELS.get(into.status, into.status)
        ctx.reply(
            f"#{into.number} {state}，不能把还在处理的问题并入它。"
            f"需要时先 /重开 {into.number}，或单独处理 #{task.number}。"
        )
        return
    if not confirmed and task.category != into.category and "other" not in (
        task.category,
        into.category,
    ):
        # A lift merged into a rubbish heap is most likely a mistyped number: ask first.
        ctx.reply(
            f"#{task.number}{label(task)}{where(task)} 和 #{into.number}{label(into)}{where(into)} "
            f"类别不同，像是两个问题，没有合并。确实是同一问题请发 "
            f"/合并 {task.number} {into.number} 确认"
        )
        return
    held_by = task.claimant_name if task.status == "claimed" else None
    was_holder = holder_mention(task, event) if held_by else ()
    if not merge(session, task, into, actor_of(event, member), ctx.now()):
        ctx.reply(f"#{task.number} 现在不能并入 #{into.number}。")
        return
    dropped = f"（#{task.number} 原由 {held_by} 认领，请改跟 #{into.number}）" if held_by else ""
    ctx.reply(
        f"#{task.number} 与 #{into.number} 是同一问题，已并入 #{into.number}{label(into)}"
        f"{where(into)}，现有 {into.reporters} 位邻居反映。{dropped}",
        tuple(dict.fromkeys((*holder_mention(into, event), *was_holder))),
        task_id=into.id,
    )


def _task(
    ctx: Context, session: Session, community: Community, command: str, args: str
) -> tuple[Task, str] | None:
    assert community.id is not None
    return task_from(ctx, session, community.id, args, USAGE[command])


def _move_deadline(
    ctx: Context,
    session: Session,
    task: Task,
    due: datetime,
    event: Event,
    member: Member | None,
    head: str,
) -> None:
    """Set the deadline and tell the holder: "{head}期限改为 3月30日。"."""
    set_deadline(session, task, due, actor_of(event, member), ctx.now())
    ctx.reply(
        f"{head}期限改为 {day_text(due, ctx.settings, ctx.now())}。", holder_mention(task, event), task_id=task.id
    )


def _trailing_deadline(words: list[str], now: datetime) -> tuple[datetime | None, int]:
    """The deadline a /派单 ends with (7天, 明天, 限期3天, 3天内, 下周五, 明天18点, 明天 18点),
    if it does, and how many words it took."""
    if len(words) >= 2 and is_time_of_day(words[-1]) and deadline(words[-2], now) is not None:
        due = deadline(words[-2] + words[-1], now)
        return (due, 2) if due is not None else (None, 0)
    if words and (due := deadline(words[-1], now)) is not None:
        return due, 1
    return None, 0


def _past_deadline(words: list[str], now: datetime) -> str | None:
    """The deadline a /派单 ends with when it names a time already past (今天早上8点 at
    noon, 2025-01-01), as written; None otherwise."""
    for k in (2, 1):
        if len(words) >= k and gone_by("".join(words[-k:]), now):
            return " ".join(words[-k:])
    return None


def _not_active(task: Task) -> str:
    return (
        f"#{task.number} {STATUS_LABELS.get(task.status, task.status)}，不能这样操作。"
        f"需要时先 /重开 {task.number}。"
    )
