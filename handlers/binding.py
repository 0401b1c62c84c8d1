"""/绑定 锦春小区: tie this chat group to a compound, so that its messages become that
compound's tasks. An admin may bind any group; a secretary only to their own compound,
and never take a group away from another compound."""

from __future__ import annotations

from sqlmodel import Session

from bot.arguments import free_text
from bot.context import Context
from bot.dispatcher import Router
from bot.events import Event
from bot.filters import Command
from handlers.lookup import shown
from storage.models import Community
from storage.repo.communities import bind_group, find_community
from storage.repo.members import find_member
from storage.repo.task_queries import count_tasks

router = Router("binding")

MAX_NAME = 100


@router.message(Command("绑定", "bind"))
async def bind(
    ctx: Context,
    session: Session,
    event: Event,
    community: Community | None,
    role: str,
    command: str,
    args: str,
) -> None:
    """Bind the group, or say plainly why not (nothing is created by this command)."""
    if event.chat_id is None:
        ctx.reply(f"请在要绑定的群里发送：/{command} 小区名称")
        return
    name = free_text(args, MAX_NAME)
    if name is None:
        ctx.reply(f"用法：/{command} 锦春小区")
        return
    target = find_community(session, name)
    if target is None:
        name = shown(name, "小区名称")
        ctx.reply(
            f"还没有名为“{name}”的小区。请街道或区管理员先在服务器上添加："
            f"weizhili community add {name}，再在本群发送 /{command} {name}。"
        )
        return
    assert target.id is not None
    if community is not None and community.id == target.id:
        ctx.reply(f"本群已绑定{target.name}。")
        return
    if not (role == "admin" or _secretary_of(session, event, target.id)):
        ctx.reply(f"只有街道/区管理员或{target.name}的书记可以把本群绑定到{target.name}。")
        return
    if community is not None and role != "admin":
        ctx.reply(f"本群已绑定{community.name}，改绑需要街道/区管理员操作。")
        return
    bind_group(session, event.platform, event.chat_id, target, ctx.now())
    if community is not None:
        assert community.id is not None
        left = count_tasks(session, community.id, "active", ctx.now())
        pending = (
            f"；{community.name}还有 {left} 个未完结任务，请在它的其他群或命令行处理" if left else ""
        )
        ctx.reply(
            f"本群已从{community.name}改绑到{target.name}，今后的反映都记入{target.name}{pending}。"
        )
        return
    ctx.reply(
        f"本群已绑定{target.name}。居民直接在群里说问题即可登记，例如“3栋电梯坏了”；"
        "发送 /帮助 查看可用命令。"
    )


def _secretary_of(session: Session, event: Event, community_id: int) -> bool:
    member = find_member(session, event.platform, event.user_id, community_id)
    return member is not None and member.role == "secretary"
