"""A compound with a secretary, two Party members, property staff and residents, for the
task life cycle tests; each message comes a minute after the one before."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from sqlmodel import select

from bot.adapters.recorder import Sent
from bot.testing import TestChat
from storage.models import Task, TaskEvent

PEOPLE = {
    "wx_lei": ("雷书记", "secretary"),
    "wx_zhang": ("张党员", "party"),
    "wx_wang": ("王党员", "party"),
    "wx_wu": ("吴物业", "property"),
}


class LifeChat(TestChat):
    """TestChat where time moves on a minute before each message, as in a real group."""

    __test__ = False

    async def say(self, user: str, text: str, **kw: Any) -> list[Sent]:
        await self.advance(timedelta(minutes=1))
        return await super().say(user, text, **kw)

    def tasks(self) -> list[Task]:
        with self.app.db.session() as s:
            return list(s.exec(select(Task).order_by(Task.community_id, Task.number)))

    def task(self, number: int = 1) -> Task:
        return next(t for t in self.tasks() if t.number == number)

    def events(self, number: int = 1) -> list[str]:
        task = self.task(number)
        with self.app.db.session() as s:
            rows = s.exec(
                select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id)
            )
            return [e.kind for e in rows]


@asynccontextmanager
async def compound_chat(**settings: Any) -> AsyncIterator[LifeChat]:
    async with LifeChat(**settings) as chat:
        await chat.compound(people=PEOPLE)
        yield chat


def one(sent: list[Sent]) -> str:
    assert len(sent) == 1, [s.msg.text for s in sent]
    return sent[0].msg.text
