"""Claims: "我来认领" (quoting the report or the bot's answer), "认领 12", or "垃圾那个我去
处理" when one open task is of the thing named, by a Party member, property staff or
secretary takes the task and sets its deadline; one holder."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import CLAIMERS, Bound, Command, Intent
from bot.understanding import Reading, things_named
from handlers.taskkit import (
    STATUS_LABELS,
    about,
    actor_of,
    day_text,
    deadline_for,
    label,
    names_a_bad_number,
    number_text,
    role_mentions,
    task_of_message,
    where,
)
from storage.models import Community, Member, Task
from storage.repo.task_queries import held_by, list_tasks, open_reporter_names
from storage.repo.tasks import Actor, claim, get_task

router = Router("claims")
router.filter(Bound)

MAX_AT_ONCE = 5
ASK_NUMBER = "请回复要认领的任务编号，例如“认领 12”。"
BAD_NUMBER = "没有找到这个任务编号，请核对后再发，例如“认领 12”。"


@router.message(Intent("claim"))
@router.message(Command("认领", "claim"))  # "/认领 12" typed as a command is the same claim
async def take(
    ctx: Context,
    event: Event,
    reading: Reading,
    community: Community,
    member: Member | None,
    role: str,
) -> None:
    assert community.id is not None
    if role not in CLAIMERS:
        _, names = role_mentions(ctx.session, community.id, event.platform, ("secretary",))
        contact = f"；愿意帮忙可联系书记 {'、'.join(names)}" if names else ""
        ctx.reply(f"只有党员、物业或书记可以认领{contact}。")
        return
    tasks, missing = task_of_message(ctx.session, community, reading, event)
    if not tasks and not missing:
        if names_a_bad_number(event.text):
            ctx.reply(BAD_NUMBER)
            return
        named = things_named(event.text)
        tasks = _open_of_thing_named(ctx, community, reading, named)
        # 我去 孙奶奶稍等: else the one open task whose reporter the claim names
        asked_by = None if len(tasks) == 1 and named else _open_of_reporter_named(ctx, community, event.text)
        if asked_by is not None:
            tasks = [asked_by]
        elif len(tasks) != 1 or not named:
            # 我来认领 naming nothing is told what is waiting, never given a guess.
            shown = "、".join(f"#{t.number}{label(t)}{where(t)}" for t in tasks[:MAX_AT_ONCE])
            more = "等" if len(tasks) > MAX_AT_ONCE else ""
            if tasks:
                ctx.reply(f"待认领的有 {shown}{more}，{ASK_NUMBER}")
            elif named or list_tasks(ctx.session, community.id, "open", limit=1):
                ctx.reply(ASK_NUMBER)
            else:
                ctx.reply(_nothing_waiting(ctx, community, event))
            return
    who = actor_of(event, member)
    # What was taken first, then the numbers not found.
    lines = [_claim_one(ctx, task, community, who) for task in tasks[:MAX_AT_ONCE]]
    lines += [f"没有找到任务 {number_text(n)}，请核对编号。" for n in missing[:MAX_AT_ONCE]]
    ctx.reply("\n".join(lines), task_id=tasks[0].id if len(tasks) == 1 else None)


def _open_of_thing_named(
    ctx: Context, community: Community, reading: Reading, named: frozenset[str]
) -> list[Task]:
    """The open tasks of the thing (and building) a claim without a number names: 垃圾那个
    我去处理 with one rubbish task open takes it. All open ones (the first few) when it
    names no thing."""
    assert community.id is not None
    tasks = list_tasks(ctx.session, community.id, "open", limit=50 if named else MAX_AT_ONCE + 1)
    return about(tasks, named, reading.location.building) if named else tasks


# A reporter's name is looked for in a claim only when it is this long (孙奶奶, 李阿姨).
_NAME_MIN = 2


def _open_of_reporter_named(ctx: Context, community: Community, text: str) -> Task | None:
    """The one open task a claim naming no task names the reporter of (我去 孙奶奶稍等,
    李阿姨 我马上过来), when exactly one open task's reporter is named."""
    assert community.id is not None
    numbers = {n for n, name in open_reporter_names(ctx.session, community.id)
               if len(name) >= _NAME_MIN and name in text}
    return get_task(ctx.session, community.id, numbers.pop()) if len(numbers) == 1 else None


def _nothing_waiting(ctx: Context, community: Community, event: Event) -> str:
    """The answer to 好的我接 when no task waits for a claim: so it says, with the tasks
    the sender already holds (one handed over to them a moment ago, say)."""
    assert community.id is not None
    held = held_by(ctx.session, community.id, event.platform, event.user_id)
    if not held:
        return "现在没有待认领的任务。"
    shown = "、".join(f"#{t.number}{label(t)}{where(t)}" for t in held[:MAX_AT_ONCE])
    more = "等" if len(held) > MAX_AT_ONCE else ""
    return f"现在没有待认领的任务；你负责的有 {shown}{more}。"


def _claim_one(ctx: Context, task: Task, community: Community, who: Actor) -> str:
    """The answer to one claim: won, already held (and by whom), or not claimable now."""
    if task.status == "open":
        now = ctx.now()
        deadline = deadline_for(ctx.settings, community, task.category, now)
        result = claim(ctx.session, task, who, now, deadline)
        if result.won:
            return f"#{task.number} 已由 {who.name} 认领，限期 {day_text(deadline, ctx.settings, ctx.now())} 前完成。"
        task = result.task
    if task.status == "claimed":
        if (task.claimant_platform, task.claimant_user_id) == (who.platform, who.user_id):
            return f"#{task.number} 已由你认领，正在处理中。"
        return f"#{task.number} 已由 {task.claimant_name} 认领。"
    return f"#{task.number} {STATUS_LABELS.get(task.status, task.status)}，无需认领。"
