"""Progress: a note on a task from its holder or from those who may act on it ("#12 已联系
维保公司"); when the words say it is fixed, the task is done and the reporters are asked
to check it."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import Context
from bot.dispatcher import Data, Filter, FilterResult, Router
from bot.events import Event
from bot.filters import CLAIMERS, Bound, Intent
from bot.understanding import Reading, things_named
from handlers.task_list import describe
from handlers.taskkit import (
    STATUS_LABELS,
    about,
    actor_of,
    deadline_for,
    held_by_its_number,
    holds,
    label,
    names_a_bad_number,
    number_text,
    numbers_of,
    request_acceptance,
    role_mentions,
    safe_echo,
    task_of_message,
    where,
)
from storage.models import Community, Member, Task
from storage.repo.task_queries import held_by, list_tasks, noted_by
from storage.repo.tasks import add_progress, claim, mark_done, release

router = Router("progress")
router.filter(Bound)

_FIXED = (
    r"修好|修复|维修好|完成|处理完|处理好|已解决|解决了|搞定|弄好|疏通了|疏通好|已疏通|清理干净|"
    r"已清理|恢复正常|恢复供电|恢复供水|已更换|换好|已整改|整改完|搬走|清走|拉走|运走|挪走|移走|"
    r"清掉|清除了|处理掉|已拆除|拆掉了|干净了|抽干净|清干净|抽完了|没味了|不臭了|不漏了|不堵了|"
    r"灯亮了|来水了|来电了|已处理|(?:也|都|已经)处理了|处理过了|"
    r"清理完|打扫完|打扫干净|清运完|修完|弄完|换完|装好了|完工|火灭了|扑灭了|已扑灭|(?<!灯)已经灭了|"
    r"固定好|加固好|补好了|焊好|封好了|盖好了|调好了|修理好|安装好|铺好了|填好了|接好了|拧紧了|复位了|"
    r"(?<![不没])(?:可以|能)(?:正常)?(?:使用|用|坐|乘坐)了|恢复使用|恢复运行|"
    r"换(?:了|上了)\S{0,2}新|换新了|换上了|(?:灯泡|灯管|灯头|锁芯|门锁|零件|配件|电池)(?:已经|都|也)?换了"
)
_DONE = re.compile(_FIXED)
_NOT_DONE = re.compile(r"(没有?|未|尚未|还没有?|不能|无法|没能)\S{0,3}(" + _FIXED + ")")
# A fix promised, not made: 明天修好, 预计周五能修好, 说今天下午就能弄好, 修好后告诉大家.
_PLANNED = re.compile(
    r"(?:明天|明早|明晚|后天|下周|下星期|下个?礼拜|周[一二三四五六日天]|星期[一二三四五六日天]|月底"
    r"|预计|争取|估计|计划|准备|打算|尽快|尽量|等|说)\S{0,10}?(?:" + _FIXED + r")(?!了)"
    r"|(?:能|会|要|才能|就能|可以)\S{0,2}(?:" + _FIXED + r")(?!了)"
    r"|(?:" + _FIXED + r")了?(?:以后|之后|后|再|就|告诉|通知)"
)
MAX_NOTE = 500
# A message that is task numbers and nothing else (#1, 1号, #3 #4).
_BARE_NUMBER = re.compile(r"\s*(?:[#＃]?\s*\d{1,9}\s*号?[\s,，、?？]*)+")
# 我家灯泡换好了 is about the speaker's own flat, not a task of the compound.
_OWN_HOME = re.compile(r"我家|我们家|自己家|家里|屋里|我屋")
# The holder gives the task back: 放弃 12, #12 我处理不了, 1号我不管了.
_GIVE_BACK = re.compile(
    r"^\s*(?:[#＃]?\s*\d+\s*号?\s*)?(?:放弃|退回)(?!\S*(?:维修|厂家|业主))"
    r"|我放弃|放弃认领|我不管了|我管不了|我处理不了|我弄不了|我修不了"
)


def says_fixed(text: str) -> bool:
    """Whether a progress note says the problem is solved ("修好了", not "还没修好")."""
    if _DONE.search(text) is None or _NOT_DONE.search(text) is not None:
        return False
    return _PLANNED.search(text) is None


@router.message(Intent("progress"))
async def note(
    ctx: Context,
    event: Event,
    reading: Reading,
    community: Community,
    member: Member | None,
    role: str,
) -> None:
    assert community.id is not None
    tasks, missing = task_of_message(ctx.session, community, reading, event)
    if not tasks and not missing:
        held = held_by(ctx.session, community.id, event.platform, event.user_id)
        named = things_named(event.text) if len(held) != 1 else frozenset()
        if len(held) > 1 and named:
            # 两个任务在手，"路灯换好了" is about the lamp.
            held = about(held, named, reading.location.building) or held
        if len(held) == 1:
            tasks = held
        elif held:
            ctx.reply("请注明任务编号，例如“#12 已联系维保公司”。")
            return
        elif role in CLAIMERS and named and not _OWN_HOME.search(event.text):
            tasks = _unheld_of_thing_named(ctx, community, reading, named)
            if not tasks:
                return
        else:
            return  # a remark about no task: nothing to record, nothing to say
    if tasks and _BARE_NUMBER.fullmatch(event.text):
        # "#1" alone says nothing to record: where the task stands, as to a question
        now = ctx.now()
        ctx.reply("\n".join(describe(t, now, ctx.settings) for t in tasks[:5]))
        return
    if role not in CLAIMERS and not any(holds(t, event) for t in tasks):
        return  # residents' remarks are not progress notes
    if tasks and _GIVE_BACK.search(event.text):
        _give_back(ctx, event, member, tasks[0], community)
        return
    if missing:
        # Nothing is recorded when one number is wrong (it may be a slip for another task);
        # the tasks found beside it are named, so nobody takes them for recorded.
        unrecorded = f"{numbers_of(tasks)} 这次没有记录，请核对后重发。" if tasks else ""
        ctx.reply(f"没有找到任务 {number_text(missing[0])}，请核对编号。{unrecorded}")
        return
    for task in tasks[:5]:
        if role in CLAIMERS or holds(task, event):
            _record(ctx, event, member, task, community)


# A holder's plain "修好了" / "电梯已经修好了，大家可以用了", or a plain note on the work (人已经
# 救出来了，维保在检修; 师傅明天来换), reads as chat: from anyone else it is thanks, news or
# talk. From the holder of the task it can be about, it is the fix or a progress note.
_HOLDER_MAX = 60
# How long after one's own note on a task a plain "修好了" is taken to be about it.
_NOTED_LATELY = timedelta(hours=6)
_QUESTION = re.compile(r"[吗么嘛?？]|没有?$")
_WORKING = re.compile(
    r"(?:救|放|接)出来|到场|(?:师傅|维保|电工|工人|物业|厂家)\S{0,4}(?:到了|来了|在|说|来(?:修|换|看|处理))"
    r"|在(?:检修|维修|修|处理|弄|排查|抢修)|检修|联系了|报修了|上报了|配件|零件"
    r"|沟通(?:了|过)|上门|敲门|提醒(?:了|过)|转告(?:了|过)|(?:去|上去)(?:看|问)过?了"
)


def _plain_statement(text: str) -> bool:
    """A note that asks nothing, is not about the speaker's own flat, and writes no task
    number (#-1 修好了: a number that is none is no licence to pick one)."""
    if _QUESTION.search(text) or _OWN_HOME.search(text):
        return False
    return not ("#" in text or "＃" in text or names_a_bad_number(text))


def _holder_note_filter(event: Event, data: Data) -> FilterResult:
    """Passes a short fix or note on the work from someone who holds tasks: `tasks`,
    those it can be about (narrowed to the thing and building it names), and `fixed`."""
    text = event.text
    if len(text) > _HOLDER_MAX:
        return None
    fixed = _DONE.search(text) is not None and says_fixed(text)
    if not fixed and _WORKING.search(text) is None:
        return None  # most messages: not read any further
    if not _plain_statement(text):
        return None
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    held = held_by(data["session"], community.id, event.platform, event.user_id)
    if not held:
        return None
    reading: Reading = data["reading"]
    tasks = about(held, things_named(text), reading.location.building)
    return {"tasks": tasks, "fixed": fixed} if tasks else None


HolderNote = Filter(_holder_note_filter, "HolderNote")


@router.message(Intent("chat"), HolderNote)
async def noted_by_holder(
    ctx: Context,
    event: Event,
    tasks: list[Task],
    fixed: bool,
    community: Community,
    member: Member | None,
) -> None:
    if len(tasks) > 1:
        numbers = numbers_of(tasks)
        example = "修好了" if fixed else "已联系维保"
        ctx.reply(f"你负责的有 {numbers}，请带上编号再发，例如“#{tasks[0].number} {example}”。")
        return
    _record(ctx, event, member, tasks[0], community)


def holders_note_in_report(event: Event, data: Data) -> Task | None:
    """The task a message read as a report is its holder's note on: "2号 是有人烧纸 已经灭了"
    from the holder of #2 (taskkit.held_by_its_number), or a note on the work from someone
    holding one task of the report's kind, naming no other building (去看了 门是卡住了 里面
    没人 维保在修, from the holder of the lift task: not a new lift report)."""
    community: Community | None = data.get("community")
    reading: Reading | None = data.get("reading")
    if community is None or community.id is None or reading is None or reading.intent != "report":
        return None
    session = data["session"]
    task = held_by_its_number(session, community.id, event, reading)
    if task is not None or data.get("role") not in CLAIMERS or reading.urgent:
        return task
    text = event.text
    if len(text) > _HOLDER_MAX or (_WORKING.search(text) is None and not says_fixed(text)):
        return None
    building = reading.location.building
    held = [t for t in held_by(session, community.id, event.platform, event.user_id)
            if t.category == reading.category and building in (None, t.building)]
    return held[0] if len(held) == 1 else None


def _numbered_by_holder_filter(event: Event, data: Data) -> FilterResult:
    """Passes a report that is its holder's note on a task (holders_note_in_report)."""
    task = holders_note_in_report(event, data)
    return {"task": task} if task is not None else None


NumberedByHolder = Filter(_numbered_by_holder_filter, "NumberedByHolder")


@router.message(Intent("report"), NumberedByHolder)
async def numbered_by_holder(
    ctx: Context, event: Event, task: Task, community: Community, member: Member | None
) -> None:
    _record(ctx, event, member, task, community)


def _fixed_by_another_filter(event: Event, data: Data) -> FilterResult:
    """Passes a short fix (已经疏通好了) from a Party member, staff or secretary who holds
    no task, when it can be about exactly one task: the one they wrote a note on in the
    last six hours (of the thing named, if any), or, from property staff, the one active
    task of the thing (and building) named (垃圾已经清运完了): `task`. Read as chat, it is
    not acted on; they are asked to give the number (a Party member's "电梯修好了" with no
    note of theirs before is more often news passed on, and gets no answer, as chit-chat)."""
    text = event.text
    if len(text) > _HOLDER_MAX or _DONE.search(text) is None or not says_fixed(text):
        return None  # most messages: not read any further
    role = data.get("role")
    if role not in CLAIMERS or not _plain_statement(text):
        return None
    community: Community | None = data.get("community")
    if community is None or community.id is None:
        return None
    session = data["session"]
    if held_by(session, community.id, event.platform, event.user_id):
        return None  # a holder's note is HolderNote's
    named = things_named(text)
    reading: Reading = data["reading"]
    # The task they wrote a note on lately (收到，马上派人过去疏通 … 已经疏通好了), of the
    # thing named if any; else, for property staff, the one active task of the thing named.
    since = data["ctx"].now() - _NOTED_LATELY
    noted = noted_by(session, community.id, event.platform, event.user_id, since)
    tasks = about(noted, named, reading.location.building) if noted else []
    if not tasks and role == "property" and named:
        tasks = about(list_tasks(session, community.id, "active"), named, reading.location.building)
    return {"task": tasks[0]} if len(tasks) == 1 else None


FixedByAnother = Filter(_fixed_by_another_filter, "FixedByAnother")


@router.message(Intent("chat"), FixedByAnother)
async def fixed_without_number(ctx: Context, task: Task) -> None:
    """垃圾已经清运完了 from the staff while 张党员 holds the rubbish task: which task is
    asked, and nothing is changed on a guess."""
    held = f"（{task.claimant_name} 负责）" if task.status == "claimed" and task.claimant_name else ""
    ctx.reply(
        f"是说 #{task.number}{label(task)}{where(task)}{held}吗？已处理好请回复“#{task.number} 修好了”。",
        task_id=task.id,
    )


def _unheld_of_thing_named(
    ctx: Context, community: Community, reading: Reading, named: frozenset[str]
) -> list[Task]:
    """The one task nobody holds that a note without a number from someone who holds
    nothing is about (灯泡换好了 with one lighting task open); when several are, they are
    asked which, and nothing is recorded."""
    assert community.id is not None
    tasks = about(list_tasks(ctx.session, community.id, "open"), named, reading.location.building)
    if len(tasks) > 1:
        numbers = numbers_of(tasks)
        ctx.reply(f"是哪一个任务？{numbers}，请带上编号再发，例如“#{tasks[0].number} 修好了”。")
        return []
    return tasks


def _give_back(
    ctx: Context, event: Event, member: Member | None, task: Task, community: Community
) -> None:
    """The holder gives the task back: open again for anyone to claim, and the
    secretaries are told so that they can assign it."""
    assert community.id is not None
    if task.status != "claimed" or not holds(task, event):
        holder = f"由 {task.claimant_name} 认领" if task.status == "claimed" else STATUS_LABELS.get(
            task.status, task.status
        )
        ctx.reply(f"#{task.number} {holder}，只有认领人可以退回。", task_id=task.id)
        return
    reason = safe_echo(event.text)[:MAX_NOTE]
    release(ctx.session, task, actor_of(event, member), reason, ctx.now())
    ids, names = role_mentions(ctx.session, community.id, event.platform, ("secretary",))
    told = f"，已告知书记 {'、'.join(names)}，可用 /派单 {task.number} @某人 另派" if names else ""
    ctx.reply(
        f"#{task.number} 已退回，重新等待认领{told}。其他党员或物业可回复“认领 {task.number}”。",
        ids,
        task_id=task.id,
    )


def _record(
    ctx: Context, event: Event, member: Member | None, task: Task, community: Community
) -> None:
    if task.status not in ("open", "claimed"):
        state = STATUS_LABELS.get(task.status, task.status)
        ctx.reply(f"#{task.number} {state}。", task_id=task.id)
        return
    who = actor_of(event, member)
    text = safe_echo(event.text)[:MAX_NOTE]
    if says_fixed(text):
        if task.status == "open":
            # Whoever fixed a task nobody held holds it, so that a resident's "不满意"
            # sends it back to them rather than to nobody.
            now = ctx.now()
            deadline = deadline_for(ctx.settings, community, task.category, now)
            result = claim(ctx.session, task, who, now, deadline)
            task = result.task
            if task.status == "claimed" and not holds(task, event):
                ctx.reply(f"#{task.number} 已由 {task.claimant_name} 认领。", task_id=task.id)
                return
            if task.status != "claimed":  # taken out of reach in the meantime
                state = STATUS_LABELS.get(task.status, task.status)
                ctx.reply(f"#{task.number} {state}。", task_id=task.id)
                return
        mark_done(ctx.session, task, who, text, ctx.now())
        request_acceptance(ctx, task)
        return
    add_progress(ctx.session, task, who, text, ctx.now())
    if task.status == "open":  # a note from someone working on it who has not taken it
        ctx.reply(
            f"#{task.number} 进展已记录。还没有人认领，接手请回复“认领 {task.number}”。",
            task_id=task.id,
        )
        return
    ctx.reply(f"#{task.number} 进展已记录。", task_id=task.id)
