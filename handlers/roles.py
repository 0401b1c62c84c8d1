"""/党员 /物业 /移除: a secretary or admin sets who may claim tasks in this compound.
Secretaries and admins themselves are changed only by an admin (or the command line)."""

from __future__ import annotations

from sqlmodel import Session

from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import MANAGERS, Bound, Command, Role
from handlers.lookup import NotFound, Person, people_named
from storage.models import Community
from storage.repo.members import remove_member, set_member
from storage.repo.task_queries import list_tasks

router = Router("roles")
router.filter(Bound)

SET_COMMANDS = {"党员": "party", "party": "party", "物业": "property", "property": "property"}
REMOVE_COMMANDS = ("移除", "remove")
ROLE_NAMES = {
    "resident": "居民",
    "party": "党员",
    "property": "物业",
    "secretary": "书记",
    "admin": "管理员",
}
MAX_PEOPLE = 20


@router.message(Command(*SET_COMMANDS, *REMOVE_COMMANDS), ~Role(*MANAGERS))
async def refuse(ctx: Context, command: str) -> None:
    ctx.reply(f"只有书记或管理员可以使用 /{command}。")


@router.message(Command(*SET_COMMANDS))
async def give_role(
    ctx: Context, session: Session, event: Event, community: Community, command: str, args: str
) -> None:
    """Make the people mentioned party members or property staff of this compound."""
    role = SET_COMMANDS[command]
    people = _people(ctx, session, event, community, args, f"用法：/{command} @张三（可 @ 多人）")
    if people is None:
        return
    lines = []
    for p in people:
        refusal = _protected(p, ctx.role)
        if refusal:
            lines.append(refusal)
        elif p.role == role:
            lines.append(f"{p.name} 已经是{ROLE_NAMES[role]}。")
        else:
            assert community.id is not None
            set_member(session, p.platform, p.user_id, p.name, role, community.id, ctx.now())
            lines.append(f"已将 {p.name} 设为{ROLE_NAMES[role]}，可认领和处理任务。")
    ctx.reply("\n".join(lines), mentions=tuple(p.user_id for p in people))


@router.message(Command(*REMOVE_COMMANDS))
async def take_role(
    ctx: Context, session: Session, event: Event, community: Community, command: str, args: str
) -> None:
    """Take the role away: the person is a resident again (tasks they hold stay with them
    until reassigned, and the secretary is told which)."""
    people = _people(ctx, session, event, community, args, f"用法：/{command} @张三")
    if people is None:
        return
    assert community.id is not None
    lines = []
    for p in people:
        refusal = _protected(p, ctx.role)
        if refusal:
            lines.append(refusal)
        elif p.member is None or p.member.community_id != community.id:
            lines.append(f"{p.name} 在本小区没有身份，无需移除。")
        else:
            remove_member(session, p.platform, p.user_id, community.id)
            line = f"已移除 {p.name} 的{ROLE_NAMES[p.role]}身份。"
            held = [
                t.number
                for t in list_tasks(session, community.id, "claimed", limit=1000)
                if (t.claimant_platform, t.claimant_user_id) == (p.platform, p.user_id)
            ]
            if held:
                numbers = " ".join(f"#{n}" for n in held)
                line += f"Ta 仍负责 {numbers}，可用 /派单 改派。"
            lines.append(line)
    ctx.reply("\n".join(lines))


def _people(
    ctx: Context, session: Session, event: Event, community: Community, args: str, usage: str
) -> list[Person] | None:
    """The people named, or None after answering with usage or the reason."""
    assert community.id is not None
    try:
        people = people_named(session, event, community.id, args)
    except NotFound as e:
        ctx.reply(str(e))
        return None
    if not people:
        ctx.reply(usage)
        return None
    if len(people) > MAX_PEOPLE:
        ctx.reply(f"一次最多 {MAX_PEOPLE} 人。")
        return None
    if any(p.user_id == event.user_id for p in people) and ctx.role != "admin":
        ctx.reply("不能修改自己的身份，请联系管理员。")
        return None
    return people


def _protected(person: Person, actor_role: str) -> str | None:
    """Why this person's role may not be changed by the actor; None when it may."""
    if person.role == "admin":
        return f"{person.name} 是管理员，管理员身份只能在服务器上用命令行修改。"
    if person.role == "secretary" and actor_role != "admin":
        return f"{person.name} 是书记，书记的身份只能由管理员修改。"
    return None
