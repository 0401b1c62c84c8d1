"""Every message passes the middlewares: it is logged once, its group's compound and
its sender's role there are found (and remembered until they change), and the handler
gets them in one transaction."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.context import Context
from bot.dispatcher import Router
from bot.testing import TestChat, texts
from storage.models import Community, Member
from storage.repo.communities import add_community, bind_group
from storage.repo.members import set_member

router = Router("whoami")


@router.message(lambda event, data: event.text == "我是谁")
async def whoami(ctx: Context, community: Community | None, role: str) -> None:
    ctx.reply(f"{community.name if community else '-'} {role}")


@router.message(lambda event, data: event.text == "出错")
async def fails(ctx: Context, community: Community | None, member: Member | None) -> None:
    ctx.reply("不会发出")
    raise RuntimeError("a handler fails after reading who is who")


@pytest.fixture
async def chat() -> TestChat:
    async with TestChat(routers=[router]) as chat:
        await chat.compound("锦春小区", "g1", people={"lei": ("雷书记", "secretary")})
        await chat.compound("春江小区", "g2", people={"lei": ("雷书记", "party")})
        await chat.compound("桂花小区", "g3", people={"boss": ("王主任", "admin")})
        yield chat  # type: ignore[misc]


async def grant(chat: TestChat, user: str, role: str, community: str) -> None:
    now: datetime = chat.clock.now()
    with chat.app.db.session() as s:
        c = add_community(s, community, "", now)
        set_member(s, "wechat", user, user, role, c.id, now)


async def test_a_sender_has_the_role_of_the_groups_compound(chat: TestChat) -> None:
    assert texts(await chat.say("lei", "我是谁", group="g1")) == ["锦春小区 secretary"]
    assert texts(await chat.say("lei", "我是谁", group="g2")) == ["春江小区 party"]
    assert texts(await chat.say("lei", "我是谁", group="g3")) == ["桂花小区 resident"]
    assert texts(await chat.say("li", "我是谁", group="g1")) == ["锦春小区 resident"]


async def test_an_admin_is_admin_in_every_compound_even_with_a_role_there(
    chat: TestChat,
) -> None:
    await grant(chat, "boss", "party", "锦春小区")
    assert texts(await chat.say("boss", "我是谁", group="g1")) == ["锦春小区 admin"]
    assert texts(await chat.say("boss", "我是谁", group="g2")) == ["春江小区 admin"]
    assert texts(await chat.say("boss", "我是谁", group=None)) == ["- admin"]


async def test_a_role_given_is_seen_at_the_next_message(chat: TestChat) -> None:
    assert texts(await chat.say("li", "我是谁", group="g1")) == ["锦春小区 resident"]
    await grant(chat, "li", "property", "锦春小区")
    assert texts(await chat.say("li", "我是谁", group="g1")) == ["锦春小区 property"]
    assert texts(await chat.say("li", "我是谁", group="g2")) == ["春江小区 resident"]


async def test_a_group_bound_later_is_answered_from_then_on(chat: TestChat) -> None:
    assert await chat.say("li", "我是谁", group="g9") == []
    with chat.app.db.session() as s:
        c = add_community(s, "新建小区", "", chat.clock.now())
        bind_group(s, "wechat", "g9", c, chat.clock.now())
    assert texts(await chat.say("li", "我是谁", group="g9")) == ["新建小区 resident"]


async def test_a_failed_message_spoils_nothing_for_the_next(chat: TestChat) -> None:
    assert await chat.say("lei", "出错", group="g1") == []
    assert texts(await chat.say("lei", "我是谁", group="g1")) == ["锦春小区 secretary"]
    assert await chat.say("lei", "我是谁", group="g1", msg_id="m2") == []  # seen before
