"""/完成 and /报事: the two task commands not only for secretaries. The holder (or a
secretary) marks a task done, which asks the reporters to check it; anyone files a
report the parser missed."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from bot.arguments import MAX_REASON, MAX_REPORT, free_text
from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import MANAGERS, Bound, Command
from bot.understanding import parse
from handlers import reports
from handlers.lookup import task_from
from handlers.taskkit import STATUS_LABELS, actor_of, holds, request_acceptance
from storage.models import Community, Member
from storage.repo.tasks import ACTIVE, mark_done

router = Router("done_and_report")
router.filter(Bound)


@router.message(Command("完成", "done"))
async def finish(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community,
    member: Member | None,
    role: str,
    command: str,
    args: str,
) -> None:
    """Mark a task done (its holder or a secretary); the reporters are asked to check."""
    usage = f"用法：/{command} 12 说明（说明可省略，最多 200 字）"
    assert community.id is not None
    found = task_from(ctx, session, community.id, args, usage)
    if found is None:
        return
    task, rest = found
    note = free_text(rest, MAX_REASON) if rest else ""
    if note is None:
        ctx.reply(usage)
        return
    held = holds(task, event)
    if task.status not in ACTIVE:
        ctx.reply(f"#{task.number} {STATUS_LABELS.get(task.status, task.status)}，无需再标记完成。")
        return
    if not held and role not in MANAGERS:
        ctx.reply(
            f"#{task.number} 由 {task.claimant_name} 负责，只有 Ta 或书记可以标记完成。"
            if task.claimant_name
            else f"#{task.number} 还没有人认领，认领后才能标记完成。"
        )
        return
    if not mark_done(session, task, actor_of(event, member), note, ctx.now()):
        ctx.reply(f"#{task.number} 现在不能标记完成。")
        return
    request_acceptance(ctx, task)


@router.message(Command("报事", "report"))
async def report(
    ctx: Context,
    event: Event,
    community: Community,
    member: Member | None,
    message_row_id: int,
    command: str,
    args: str,
) -> None:
    """File what follows the command as a report, read like any group message."""
    content = free_text(args, MAX_REPORT)
    if content is None:
        ctx.reply(
            f"用法：/{command} 内容，例如 /{command} 3栋2单元楼道灯不亮（最多 {MAX_REPORT} 字）"
        )
        return
    await reports.file(
        ctx, replace(event, text=content), parse(content), community, member, message_row_id
    )
