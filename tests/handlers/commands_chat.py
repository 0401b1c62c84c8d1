"""Two compounds with people of every role, for the secretary command tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlmodel import select

from bot.adapters.recorder import Sent
from bot.testing import TestChat
from storage.models import ChatGroup, Community, Member, Task, TaskEvent, TaskReporter

PEOPLE = {
    "wx_lei": ("雷书记", "secretary"),
    "wx_zhang": ("张党员", "party"),
    "wx_wang": ("王党员", "party"),
    "wx_wu": ("吴物业", "property"),
    "wx_admin": ("区管理员", "admin"),
}
OTHER_PEOPLE = {"wx_sun": ("孙书记", "secretary"), "wx_qian": ("钱党员", "party")}


class CommandChat(TestChat):
    """TestChat with two compounds (锦春小区 in g1, 金阳小区 in g2) and a look at the store."""

    __test__ = False

    def tasks(self, community: str = "锦春小区") -> list[Task]:
        with self.app.db.session() as s:
            c = s.exec(select(Community).where(Community.name == community)).one()
            return list(s.exec(select(Task).where(Task.community_id == c.id).order_by(Task.number)))

    def task(self, number: int, community: str = "锦春小区") -> Task:
        return next(t for t in self.tasks(community) if t.number == number)

    def events(self, number: int, community: str = "锦春小区") -> list[TaskEvent]:
        task = self.task(number, community)
        with self.app.db.session() as s:
            q = select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id)
            return list(s.exec(q))

    def reporters(self, number: int) -> list[str]:
        task = self.task(number)
        with self.app.db.session() as s:
            q = select(TaskReporter).where(TaskReporter.task_id == task.id)
            return sorted(r.user_id for r in s.exec(q))

    def role(self, user_id: str, community: str = "锦春小区") -> str:
        with self.app.db.session() as s:
            c = s.exec(select(Community).where(Community.name == community)).one()
            m = s.exec(
                select(Member).where(Member.user_id == user_id, Member.community_id == c.id)
            ).first()
            return m.role if m is not None else "resident"

    def group_of(self, chat_id: str) -> str | None:
        with self.app.db.session() as s:
            g = s.exec(select(ChatGroup).where(ChatGroup.chat_id == chat_id)).first()
            return None if g is None else s.get(Community, g.community_id).name  # type: ignore[union-attr]

    def communities(self) -> list[str]:
        with self.app.db.session() as s:
            return [c.name for c in s.exec(select(Community).order_by(Community.id))]


@asynccontextmanager
async def command_chat() -> AsyncIterator[CommandChat]:
    async with CommandChat(send_burst=1000, send_rate_per_second=100) as chat:
        await chat.compound(people=PEOPLE)
        await chat.compound(name="金阳小区", group="g2", people=OTHER_PEOPLE)
        yield chat


def one(sent: list[Sent]) -> str:
    """The text of the one message sent."""
    assert len(sent) == 1, [s.msg.text for s in sent]
    return sent[0].msg.text
