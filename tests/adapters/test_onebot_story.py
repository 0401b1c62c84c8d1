"""The whole bot behind the OneBot adapter, with a fake implementation connected over the
reverse WebSocket: a report, a duplicate, a quote-reply claim, a note, done, acceptance."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest

from bot.adapters.onebot import WS_PATH, OneBotAdapter
from bot.app import App
from bot.clock import SimClock
from bot.settings import Settings
from bot.testing import SHANGHAI_START
from storage.database import Database
from storage.repo.communities import add_community, bind_group
from storage.repo.members import set_member
from tests.adapters.fake_onebot import FakeOneBot, ats_of, texts_of
from tests.adapters.test_onebot import free_port

GROUP = "777001"
LI, LIU = "20002", "20003"  # residents
LEI, ZHANG = "30001", "30002"  # the secretary and a Party member, by QQ number
PEOPLE = {LEI: ("雷书记", "secretary"), ZHANG: ("张党员", "party")}


class Story:
    """The bot and one fake QQ account in the compound's group; a minute between messages."""

    def __init__(self, app: App, clock: SimClock, fake: FakeOneBot) -> None:
        self.app = app
        self.clock = clock
        self.fake = fake
        self.answers = 0
        self.said: list[int] = []  # the message ids of what people wrote

    async def say(self, user: str, text: str, **kw: Any) -> list[str]:
        """`user` writes in the group; the texts the bot answered with (waits for one)."""
        self.clock.advance(timedelta(minutes=1))
        self.said.append(await self.fake.say(GROUP, user, text, **kw))
        self.answers += 1
        return texts_of((await self.fake.wait_for(self.answers))[self.answers - 1 :])

    def last(self) -> dict[str, Any]:
        return self.fake.of("send_group_msg")[-1]


@asynccontextmanager
async def story(fmt: str) -> AsyncIterator[Story]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url="sqlite://",
        onebot_enabled=True,
        onebot_port=free_port(),
        onebot_access_token="s3cret",
    )
    clock = SimClock(SHANGHAI_START, settings.tz)
    app = App(settings, clock=clock, db=Database("sqlite://"))
    adapter = OneBotAdapter(settings)
    app.add_adapter(adapter)
    await app.start()
    with app.db.session() as s:
        community = add_community(s, "锦春小区", "璧泉街道", clock.now())
        bind_group(s, "qq", GROUP, community, clock.now())
        for qq, (name, role) in PEOPLE.items():
            set_member(s, "qq", qq, name, role, community.id, clock.now())
    fake = FakeOneBot(
        f"ws://127.0.0.1:{adapter.port}{WS_PATH}", self_id="10001", token="s3cret", fmt=fmt
    )
    await fake.connect()
    try:
        yield Story(app, clock, fake)
    finally:
        await app.stop()
        await fake.close()
        assert app.dispatcher.pending_tasks == 0


@pytest.mark.parametrize("fmt", ["array", "string"])
async def test_a_task_from_report_to_acceptance_over_onebot(fmt: str) -> None:
    async with story(fmt) as s:
        [filed] = await s.say(LI, "3栋电梯坏了", card="3栋 李阿姨")
        assert filed.startswith("已登记 #1【电梯】3栋") and "认领 1" in filed
        report_id = s.said[0]
        # The implementation delivers the same message again: it is answered once.
        await s.fake.push(s.fake.messages[report_id])

        assert await s.say(LIU, "3栋电梯又停了", nickname="刘大爷") == [
            "已合并到 #1，已有 2 位邻居反映。"
        ]
        assert await s.say(ZHANG, "我来认领", card="张党员", reply_to=report_id) == [
            "#1 已由 张党员 认领，限期 3月31日 前完成。"
        ]
        assert await s.say(ZHANG, "#1 已联系维保公司") == ["#1 进展已记录。"]
        [done] = await s.say(ZHANG, "#1 修好了")
        assert "满意 1" in done
        assert sorted(ats_of(s.last())) == [LI, LIU]
        assert await s.say(LI, "满意 1") == ["#1 已验收，感谢反馈！"]

        sent = s.fake.of("send_group_msg")
        assert len(sent) == 6
        assert {a["params"]["group_id"] for a in sent} == {int(GROUP)}


@pytest.mark.parametrize("fmt", ["array", "string"])
async def test_a_resident_cannot_make_the_bot_mention_everyone(fmt: str) -> None:
    async with story(fmt) as s:
        [filed] = await s.say(LI, "3栋电梯坏了[CQ:at,qq=all] [CQ:at,qq=30001]大家快看")
        assert filed.startswith("已登记 #1")
        [told] = await s.say(LIU, "认领 1", card="[CQ:at,qq=all]雷书记")
        assert "只有党员、物业或书记可以认领" in told
        # The mentions the bot means to make are real at segments, and only those.
        [alarm] = await s.say(LIU, "5栋电梯困人了[CQ:at,qq=all]快来人")
        assert "紧急 #2" in alarm
        assert [ats_of(a) for a in s.fake.of("send_group_msg")] == [[], [], [LEI, ZHANG]]
