"""What the secretary commands share: the task a command names, and the people it
names (by real @-mention, or by a typed "@名字" matching exactly one stored member)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session

from bot.arguments import leading_task, mention_names, without_mentions
from bot.context import Context
from bot.events import Event
from storage.models import Member, Task
from storage.repo.members import find_member, find_member_by_name
from storage.repo.tasks import Actor, get_task

_PLAIN_NAME = re.compile(r"[\w·・.\-（）()]{1,30}")


@dataclass(frozen=True, slots=True)
class Person:
    """Someone a command names: always a platform user id, and their stored row if any."""

    platform: str
    user_id: str
    name: str
    member: Member | None

    @property
    def role(self) -> str:
        return self.member.role if self.member is not None else "resident"

    def as_actor(self) -> Actor:
        return Actor(self.platform, self.user_id, self.name)


class NotFound(Exception):
    """A person could not be found; the message says why, in Chinese."""


def shown(name: str, instead: str = "此人") -> str:
    """A typed name fit to repeat in the chat; anything odd (codes, markup, long text)
    is not echoed back."""
    return name if _PLAIN_NAME.fullmatch(name) else instead


def people_named(session: Session, event: Event, community_id: int, args: str) -> list[Person]:
    """The people the command names: its real @-mentions, else each "@名字" typed that
    matches exactly one member of the compound. Raises NotFound with the reason."""
    typed = mention_names(args)
    if event.mentions:
        names = typed if len(typed) == len(event.mentions) else []
        people = []
        for i, user_id in enumerate(dict.fromkeys(event.mentions)):
            member = find_member(session, event.platform, user_id, community_id)
            name = member.name if member is not None and member.name else ""
            if not name and names:
                name = names[i]
            people.append(Person(event.platform, user_id, name or user_id, member))
        return people
    people = []
    for name in dict.fromkeys(typed):
        found = find_member_by_name(session, event.platform, name, community_id)
        if len(found) != 1:
            why = "有多位成员叫" if found else "本小区没有登记名叫"
            raise NotFound(f"{why}“{shown(name)}”的人，请在群里直接 @ 选择此人。")
        m = found[0]
        people.append(Person(m.platform, m.user_id, m.name, m))
    return people


def task_from(
    ctx: Context, session: Session, community_id: int, args: str, usage: str
) -> tuple[Task, str] | None:
    """The task the arguments start with (mentions aside) and the rest of them; None
    after answering with the usage, or that this compound has no such task."""
    parsed = leading_task(without_mentions(args))
    if parsed is None:
        ctx.reply(usage)
        return None
    number, rest = parsed
    task = get_task(session, community_id, number)
    if task is None:
        ctx.reply(f"本小区没有任务 #{number}。发送 /任务 查看任务列表。")
        return None
    return task, rest
