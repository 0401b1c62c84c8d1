"""Handing a task over in plain words: its holder says "1号转给王党员吧", "#3 交给 @刘物业
处理" or "让王党员接手吧", and the task passes to that Party member, property staff or
secretary of the compound with its deadline unchanged; the new holder is @-mentioned.
A secretary may hand over any active task this way (as with /派单). Someone else is told
who may; a name that is nobody who can hold tasks is said to be so."""

from __future__ import annotations

import re

from sqlmodel import Session

from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import CLAIMERS, MANAGERS, Bound
from bot.understanding import Reading, things_named
from bot.understanding.normalise import normalise
from bot.understanding.refs import find_refs
from handlers.lookup import NotFound, Person, people_named
from handlers.steering import ASSIGNABLE
from handlers.taskkit import (
    STATUS_LABELS,
    about,
    actor_of,
    day_text,
    deadline_for,
    holds,
    label,
    names_a_bad_number,
    number_text,
    where,
)
from storage.models import Community, Member, Task
from storage.repo.members import members_of
from storage.repo.task_queries import held_by
from storage.repo.tasks import ACTIVE, assign, find_task_by_message, get_task

router = Router("handover")
router.filter(Bound)

_MAX_CHARS = 80
# 转给 / 转交(给) / 交给 / 移交(给) a name; 让 a name only with a word of taking over after it.
_GIVE = re.compile(r"转交给?|转给|移交给?|交给|改[派给]给?")
_LET = re.compile(r"让\s*@?\s*(\S{1,12}?)\s*(?:来)?(?:接手|接一下|接过去|负责|跟进|处理)")
_ME = re.compile(r"\s*(?:我|俺|本人|咱)")


def _handover_filter(event: Event, data: Data) -> FilterResult:
    """Passes a short message of a holder, Party member, staff or secretary that hands a
    task to someone: `task` (by number, the message quoted, or the one task the sender
    holds) and `to`, the person named after 转给/交给 (a real @-mention, or a stored name)."""
    text = event.text
    if len(text) > _MAX_CHARS or data.get("role") not in CLAIMERS:
        return None
    give = _GIVE.search(text)
    let = None if give else _LET.search(text)
    if give is None and let is None:
        return None  # most messages: not read any further
    verb = give or let
    assert verb is not None
    after = text[give.end():] if give else text[verb.start(1):]
    if _ME.match(after):
        return None  # 交给我吧 is a claim
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    session = data["session"]
    to = _named(session, event, community.id, after)
    if to is None:
        return None
    reading: Reading = data["reading"]
    refs = list(reading.task_refs) or find_refs(normalise(text[: verb.start()]))
    if len(refs) > 1:
        return None
    if not refs and names_a_bad_number(text[: verb.start()]):
        return {"task": None, "number": -1, "to": to}  # #99999999999999999999: never their one task
    if refs:
        task = get_task(session, community.id, refs[0])
        if task is None:
            return {"task": None, "number": refs[0], "to": to}
    elif event.reply_to:
        task = find_task_by_message(session, event.platform, event.reply_to)
        if task is None or task.community_id != community.id:
            return None
    else:
        held = held_by(session, community.id, event.platform, event.user_id)
        named = things_named(text)
        if len(held) != 1 or (named and not about(held, named, reading.location.building)):
            return None  # (买药的事交给张党员吧 from the holder of the lift task: another matter)
        task = held[0]
    return {"task": task, "number": task.number, "to": to}


def _named(session: Session, event: Event, community_id: int, after: str) -> Person | NotFound | None:
    """The person the words after the verb name: the message's one @-mention, else the
    stored member of the compound whose name they begin with (the longest such name).
    A NotFound when an @-mention is nobody the compound knows."""
    if event.mentions:
        if len(set(event.mentions)) != 1:
            return None
        try:
            people = people_named(session, event, community_id, after)
        except NotFound as e:
            return e
        return people[0] if len(people) == 1 else None
    words = after.lstrip(" @＠")
    best: Member | None = None
    for m in members_of(session, community_id):
        if m.platform == event.platform and m.name and words.startswith(m.name):
            if best is None or len(m.name) > len(best.name or ""):
                best = m
    if best is None:
        return None
    return Person(best.platform, best.user_id, best.name or best.user_id, best)


Handover = Filter(_handover_filter, "Handover")


@router.message(Handover)
async def hand_over(
    ctx: Context,
    event: Event,
    community: Community,
    member: Member | None,
    role: str,
    task: Task | None,
    number: int,
    to: Person | NotFound,
) -> None:
    if task is None:
        ctx.reply(f"没有找到任务 {number_text(number)}，请核对编号。")
        return
    if isinstance(to, NotFound):
        ctx.reply(str(to))
        return
    n = task.number
    if task.status not in ACTIVE:
        ctx.reply(f"#{n} {STATUS_LABELS.get(task.status, task.status)}，不能转交。", task_id=task.id)
        return
    mine = task.status == "claimed" and holds(task, event)
    if not mine and role not in MANAGERS:
        holder = f"由 {task.claimant_name} 负责" if task.status == "claimed" else "还没有人认领"
        ctx.reply(f"#{n} {holder}，只有负责人或书记可以转交。", task_id=task.id)
        return
    if to.role not in ASSIGNABLE or to.member is None or to.member.community_id != community.id:
        ctx.reply(f"{to.name} 不是本小区的党员、物业或书记，不能转交给 Ta。", task_id=task.id)
        return
    if task.status == "claimed" and (task.claimant_platform, task.claimant_user_id) == (to.platform, to.user_id):
        ctx.reply(f"#{n} 已由 {to.name} 负责。", task_id=task.id)
        return
    giver = actor_of(event, member)
    due = task.deadline or deadline_for(ctx.settings, community, task.category, ctx.now())
    if not assign(ctx.session, task, to.as_actor(), giver, ctx.now(), due if task.deadline is None else None):
        ctx.reply(f"#{n} 已有变动，请发 /详情 {n} 查看。", task_id=task.id)
        return
    kept = "不变" if mine else ""
    ctx.reply(
        f"#{n}{label(task)}{where(task)} 由 {giver.name} 转交给 {to.name}，"
        f"限期 {day_text(due, ctx.settings, ctx.now())}{kept}。处理不了可回复“放弃 {n}”。",
        (to.user_id,),
        urgent=task.urgent,
        task_id=task.id,
    )
