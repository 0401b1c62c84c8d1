"""Acceptance: the reporters check a finished task. "满意 12" accepts it; "不满意 12 原因"
sends it back to its holder. A quote-reply or the only task awaiting the sender's check
may stand for the number; a plain "好了，谢谢" from that reporter is a "满意", a plain
"还是不行" a "不满意"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.arguments import task_number
from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import MANAGERS, Bound
from bot.understanding import things_named
from handlers.taskkit import (
    about,
    actor_of,
    holder_mention,
    holds,
    names_a_bad_number,
    numbers_of,
    role_mentions,
    safe_echo,
    withdraw_acceptance_request,
)
from storage.models import Community, Member, Task
from storage.repo.task_queries import done_reported_by, is_reporter
from storage.repo.tasks import (
    Actor,
    accept,
    add_progress,
    find_task_by_message,
    get_task,
    reject,
)

router = Router("acceptance")
router.filter(Bound)

_VERDICT = re.compile(r"^\s*(不)?满意(?=$|[\s#＃\d,，:：!！。.])[\s,，:：]*(\S*)\s*(.*)$", re.S)
_TRAILING = "!！。.~～"
_NUMBER_MADE_OF = re.compile(r"[0-9A-Za-z#＃０-９Ａ-Ｚａ-ｚ+\-]")
MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the sender said: satisfied or not, about which task (None: not said)."""

    satisfied: bool
    number: int | None
    bad_number: bool
    reason: str


# The verdict said last (灯亮了，很满意; 1号满意; #1 不满意; 满意满意[强]): what comes before
# it may only be the task's number and, for a 满意, a plain "it works now" (_PLAIN_YES).
_TAIL_VERDICT = re.compile(
    r"(?P<lead>.*?)[\s,.!~]*(?:很|非常|挺|十分|特别|蛮|都|也|还是|还算)?(?P<no>不太?|不是很|不怎么)?满意"
    r"(?:了|的|啊|呀|哈)?(?:[\s,.!~]*满意)*(?:[\s,.!~]*(?:谢谢|感谢|辛苦了?|谢啦|多谢)\S{0,6})?[\s.!~]*"
)
_LEAD_NUMBER = re.compile(r"#?\s*(?P<n>\d{1,9})\s*号?(?:任务)?的?[\s,]*")
_TAIL_MAX = 30


def read_verdict(text: str) -> Verdict | None:
    """The verdict a message gives, or None when it is no "满意 / 不满意" answer."""
    m = _VERDICT.match(text)
    if m is None:
        return _tail_verdict(text)
    satisfied = m.group(1) is None
    token = m.group(2).strip(_TRAILING)
    rest = m.group(3).strip()
    number = task_number(token) if token else None
    if number is not None or not token:
        return Verdict(satisfied, number, False, rest)
    if satisfied and not _NUMBER_MADE_OF.search(token):  # 满意，谢谢张师傅: words, no number
        return Verdict(True, None, False, "")
    if names_a_bad_number(token) or satisfied:  # 满意 #-1, 满意 abc: asked for the number
        return Verdict(satisfied, None, True, "")
    return Verdict(satisfied, None, False, f"{token} {rest}".strip())


def _tail_verdict(text: str) -> Verdict | None:
    """A verdict at the end of a short message, after at most a number and a plain yes."""
    from bot.understanding.normalise import normalise

    if len(text) > _TAIL_MAX or "满意" not in text:
        return None
    norm = normalise(text)
    if "吗" in norm or "?" in norm or "么" in norm:
        return None  # 满意吗？ asks
    m = _TAIL_VERDICT.fullmatch(norm)
    if m is None:
        return None
    satisfied = m.group("no") is None
    lead = m.group("lead").strip()
    number = None
    n = _LEAD_NUMBER.match(lead)
    if n is not None:
        number = task_number(n.group("n"))
        if number is None:
            return Verdict(satisfied, None, True, "")
        lead = lead[n.end():].strip()
    if lead and not (satisfied and _PLAIN_YES.fullmatch(lead)):
        return None  # 对物业很不满意; 谁满意: not an answer to a check
    return Verdict(satisfied, number, False, "")


def _verdict_filter(event: Event, data: Data) -> FilterResult:
    """Passes a verdict that names a task (by number or quote), or that can only mean the
    one task awaiting this sender's check; other "不满意…" talk goes on to other routers."""
    verdict = read_verdict(event.text)
    if verdict is None:
        return None
    if verdict.number is not None or verdict.bad_number or event.reply_to:
        return {"verdict": verdict}
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    pending = done_reported_by(data["session"], community.id, event.platform, event.user_id)
    return {"verdict": verdict} if pending else None


VerdictGiven = Filter(_verdict_filter, "VerdictGiven")

# A plain "it works now" (好了，谢谢; 灯亮了; 电梯能坐了; 确实不漏了 谢谢党支部): from a reporter
# who has one fixed task awaiting their check, or quoting it, it is a "满意". What comes
# before the verdict may only name the thing (电梯, 3栋的灯), checked in _plain_yes_filter.
_ADVERBS = "已经|都|也|确实|真的|现在|终于|这次|这回|这下|总算"
_PLAIN_YES = re.compile(
    r"(?:嗯|是的|对)?[,\s]*(?P<thing>[^,.!?\s]{1,6}?)?"
    rf"(?:{_ADVERBS})*"
    r"(?:(?:修)?好(?:了|啦)|(?:可以|能)(?:用|坐|开|关|打开|关上|冲|进|出|走|上下|出水|洗澡|正常用)?了"
    r"|正常了|没问题了?|没毛病|ok了?|亮了|通了|不(?:漏|堵|响|吵|臭|滴|闪|晃|卡|冒)了"
    r"|来水了|来电了|有(?:热)?水了|有电了|热了|(?:修|弄|搞|换|清理?|处理|整|收拾)(?:好|完|干净)(?:了|啦)"
    r"|干净了)(?:啊|哈|呀|的)?"
    r"(?:[,.!\s]*(?:谢谢|感谢|辛苦了?|谢啦|多谢)\S{0,6})?[.!~\s]*",
    re.IGNORECASE,
)
# The words that make a lead-in more than the thing's name (谁说电梯好了, 别的都好了).
_NOT_A_THING = re.compile(r"[不没还又吗呢谁说别其假就只]")

_PLAIN_HINT = re.compile(r"了|啦|没问题|没毛病|ok", re.IGNORECASE)  # one of which each holds
_PLAIN_MAX = 40


def _awaiting(event: Event, data: Data, named: frozenset[str]) -> list[Task]:
    """The tasks a plain answer from this sender can be about: the one quoted, else those
    awaiting their check, narrowed to the things the answer names (灯亮了: the lamp) and
    to the building it names. Never a task the sender holds (their "修好了" is a progress
    note)."""
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return []
    session = data["session"]
    pending = done_reported_by(session, community.id, event.platform, event.user_id)
    if event.reply_to:
        quoted = find_task_by_message(session, event.platform, event.reply_to)
        pending = [t for t in pending if quoted is not None and t.id == quoted.id]
    reading = data.get("reading")
    pending = about(pending, named, reading.location.building if reading is not None else None)
    return [t for t in pending if not holds(t, event)]


def _plain_yes_filter(event: Event, data: Data) -> FilterResult:
    """Passes a plain confirmation from a reporter of exactly the task it can mean; never
    a guess between several."""
    from bot.understanding.normalise import normalise

    text = event.text
    if len(text) > _PLAIN_MAX or not _PLAIN_HINT.search(text):
        return None  # most messages: not read any further
    m = _PLAIN_YES.fullmatch(normalise(text))
    if m is None:
        return None
    thing = re.sub(_ADVERBS, "", m.group("thing") or "")
    if thing and (_NOT_A_THING.search(thing) or not things_named(thing)):
        return None
    tasks = _awaiting(event, data, things_named(text))
    return {"task": tasks[0]} if len(tasks) == 1 else None


PlainYes = Filter(_plain_yes_filter, "PlainYes")

# A plain "it is still broken" (还是不行，又停了; 还没修好; 根本没人来修) from a reporter asked
# to check the task it can mean is a "不满意", with the message as the reason.
_STILL_BAD = re.compile(
    r"还是(?:不行|不好|坏|没好|没修好|老样子|一样|不亮|不通|不能用|没用|在?漏|在?滴|停|堵|没水|没电"
    r"|在?响|有)"
    r"|还在(?:漏|滴|冒|响|堵)|还没(?:有)?(?:修)?好|又(?:坏|停|漏|堵|不亮|不行|出问题|响|没水|没电|不通)"
    r"|没(?:有)?修好|根本没(?:修|人来|好|弄)|白修了|修了(?:跟)?没修一样|一点都?没(?:变|好)"
)
_STILL_HINT = re.compile(r"还|又|没|白")  # one of which each holds
_ASKED = re.compile(r"(?:吗|么|嘛|没有?|呢|不)\s*\?")  # 还没好吗？ asks; 怎么又坏了？ complains
_STILL_MAX = 60
# What a bare "still broken" holds besides the words saying so (还是不行，又停了啊 is bare).
_FILLER = re.compile(r"[\s\W_]|[啊呀哦了的还又都也呢吧哈嘛哎唉]|我家|我们|这个|那个|现在|今天|刚才|结果|根本|一点|怎么")
_BARE = 2


def _still_bad_filter(event: Event, data: Data) -> FilterResult:
    """Passes a plain "still broken" from a reporter with tasks awaiting their check
    that it can be about (it names no other thing or building, and nothing unknown):
    `tasks`, one or more."""
    from bot.understanding.normalise import normalise

    text = event.text
    if len(text) > _STILL_MAX or not _STILL_HINT.search(text):
        return None  # most messages: not read any further
    norm = normalise(text)
    if not _STILL_BAD.search(norm) or _ASKED.search(norm):
        return None
    reading = data.get("reading")
    if reading is None or reading.intent in ("claim", "command"):
        return None
    named = things_named(text)
    if not named and len(_FILLER.sub("", _STILL_BAD.sub("", norm))) > _BARE:
        return None  # 我家wifi还是不行: about something else the bot knows nothing of
    tasks = _awaiting(event, data, named)
    return {"tasks": tasks} if tasks else None


StillBad = Filter(_still_bad_filter, "StillBad")

# One verdict a clause on two things at once (灯好了 电梯还是不行): each clause names one
# thing, and each thing is one task awaiting the sender's check.
_GOOD = re.compile(r"(?:修)?好了|亮了|通了|不漏了|来水了|来电了|可以了|能用了|正常了|没问题")
_CLAUSES = re.compile(r"[,.!;\s]+")


def _mixed_filter(event: Event, data: Data) -> FilterResult:
    """Passes a message of two or more clauses each judging one thing, the things being
    different tasks awaiting the sender's check: `verdicts`, (task, fine, clause) each."""
    from bot.understanding.normalise import normalise

    text = event.text
    if len(text) > _STILL_MAX or "了" not in text or not _STILL_HINT.search(text) or not _GOOD.search(text):
        return None  # most messages: not read any further
    norm = normalise(text)
    if _ASKED.search(norm) or "吗" in norm or not _STILL_BAD.search(norm) or not _GOOD.search(norm):
        return None
    verdicts: list[tuple[Task, bool, str]] = []
    for clause in _CLAUSES.split(norm):
        bad = _STILL_BAD.search(clause) is not None
        if not bad and _GOOD.search(clause) is None:
            continue
        named = things_named(clause)
        tasks = _awaiting(event, data, named) if named else []
        if len(tasks) != 1 or any(t.id == tasks[0].id for t, _, _ in verdicts):
            return None  # a clause that names no one task of theirs: no guessing
        verdicts.append((tasks[0], not bad, clause))
    return {"verdicts": verdicts} if len(verdicts) > 1 else None


MixedVerdicts = Filter(_mixed_filter, "MixedVerdicts")


# What a check of a task that is not waiting for one is told, by the task's status.
_NOT_DUE = {
    "open": "#{n} 还没有人认领，修好后会请反映的邻居验收。",
    "claimed": "#{n} 正在处理中，修好后会请反映的邻居验收。",
    "accepted": "#{n} 已经验收过了，谢谢！",
    "closed": "#{n} 已关闭，不需要验收。",
}


@router.message(VerdictGiven)
async def check(
    ctx: Context,
    event: Event,
    verdict: Verdict,
    community: Community,
    member: Member | None,
    role: str,
) -> None:
    assert community.id is not None
    if verdict.bad_number:
        ctx.reply("请写明任务编号，例如“满意 12”或“不满意 12 原因”。")
        return
    task = _which(ctx, event, verdict, community)
    if task is None:
        return
    if role not in MANAGERS and not is_reporter(ctx.session, task, event.platform, event.user_id):
        ctx.reply(f"只有反映 #{task.number} 的邻居或书记可以验收。", task_id=task.id)
        return
    if task.status == "accepted" and not verdict.satisfied:
        _late_complaint(ctx, event, task, member, community, verdict.reason)
        return
    if task.status == "claimed" and not verdict.satisfied and verdict.reason:
        _note_for_holder(ctx, event, task, member, verdict.reason)
        return
    if task.status != "done":
        answer = _NOT_DUE.get(task.status, "#{n} 不需要验收。")
        ctx.reply(answer.format(n=task.number), task_id=task.id)
        return
    who = actor_of(event, member)
    if verdict.satisfied:
        _accepted(ctx, task, who)
        return
    _send_back(ctx, event, task, who, verdict.reason)


def _accepted(ctx: Context, task: Task, who: Actor) -> None:
    accept(ctx.session, task, who, ctx.now())
    withdraw_acceptance_request(ctx, task)
    ctx.reply(f"#{task.number} 已验收，感谢反馈！", task_id=task.id)


def _send_back(ctx: Context, event: Event, task: Task, who: Actor, reason: str) -> None:
    """Reject a done task: back to its holder, or back to waiting for a claim."""
    reason = safe_echo(reason)[:MAX_REASON]
    reject(ctx.session, task, who, reason, ctx.now())
    withdraw_acceptance_request(ctx, task)
    why = f"原因：{reason}" if reason else "未说明原因"
    if task.status == "claimed" and task.claimant_user_id:
        ctx.reply(
            f"#{task.number} 验收未通过（{why}），已退回 {task.claimant_name} 继续处理。",
            holder_mention(task, event),
            task_id=task.id,
        )
    else:
        ctx.reply(f"#{task.number} 验收未通过（{why}），已重新等待认领。", task_id=task.id)


@router.message(MixedVerdicts)
async def mixed(
    ctx: Context, event: Event, verdicts: list[tuple[Task, bool, str]], member: Member | None
) -> None:
    """灯好了 电梯还是不行: the lamp accepted, the lift sent back with its clause as the reason."""
    who = actor_of(event, member)
    for task, fine, clause in verdicts:
        if fine:
            _accepted(ctx, task, who)
        else:
            _send_back(ctx, event, task, who, clause)


@router.message(PlainYes)
async def plain_yes(ctx: Context, event: Event, task: Task, member: Member | None) -> None:
    _accepted(ctx, task, actor_of(event, member))


@router.message(StillBad)
async def still_bad(ctx: Context, event: Event, tasks: list[Task], member: Member | None) -> None:
    if len(tasks) > 1:
        numbers = numbers_of(tasks, len(tasks))
        ctx.reply(
            f"你反映的 {numbers} 都在等你验收；不满意请回复“不满意 编号 原因”，"
            f"例如“不满意 {tasks[0].number} 还是坏的”。"
        )
        return
    _send_back(ctx, event, tasks[0], actor_of(event, member), event.text.strip())


def _note_for_holder(
    ctx: Context, event: Event, task: Task, member: Member | None, reason: str
) -> None:
    """A "不满意 12 还是会卡" while the task is being worked on (sent back already, or never
    finished): the reason is kept on the task and its holder told, not dropped."""
    reason = safe_echo(reason)[:MAX_REASON]
    who = actor_of(event, member)
    add_progress(ctx.session, task, who, f"居民意见：{reason}", ctx.now())
    # Addressed to the holder (mentioned), so the resident is named, not called 你.
    ctx.reply(
        f"#{task.number} {who.name} 的意见已记在任务里：{reason}。"
        f"请 {task.claimant_name} 一并处理，修好后会请 {who.name} 验收。",
        holder_mention(task, event),
        task_id=task.id,
    )


def _late_complaint(
    ctx: Context, event: Event, task: Task, member: Member | None, community: Community,
    reason: str,
) -> None:
    """A "不满意" after the task was accepted (by another reporter, or for lack of an
    answer): kept on the task and passed to the secretaries, who may reopen it."""
    assert community.id is not None
    reason = safe_echo(reason)[:MAX_REASON]
    why = f"：{reason}" if reason else ""
    who = actor_of(event, member)
    add_progress(ctx.session, task, who, f"验收后仍不满意{why}", ctx.now())
    ids, names = role_mentions(ctx.session, community.id, event.platform, ("secretary",))
    told = f"，已转告书记 {'、'.join(names)}" if names else ""
    ctx.reply(
        f"#{task.number} 已经验收通过，{who.name} 仍不满意{why}。意见已记在任务里{told}；"
        f"需要时可用 /重开 {task.number} 重新处理。",
        ids,
        task_id=task.id,
    )


def _which(ctx: Context, event: Event, verdict: Verdict, community: Community) -> Task | None:
    """The task the verdict is about; when it cannot be told, the sender is asked."""
    assert community.id is not None
    if verdict.number is not None:
        task = get_task(ctx.session, community.id, verdict.number)
        if task is None:
            ctx.reply(f"没有找到任务 #{verdict.number}，请核对编号。")
        return task
    if event.reply_to:
        task = find_task_by_message(ctx.session, event.platform, event.reply_to)
        if task is not None and task.community_id == community.id:
            return task
    pending = done_reported_by(ctx.session, community.id, event.platform, event.user_id)
    if len(pending) == 1:
        return pending[0]
    ctx.reply("请写明任务编号，例如“满意 12”或“不满意 12 原因”。")
    return None
