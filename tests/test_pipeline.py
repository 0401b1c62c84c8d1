"""One message through the standard middlewares: dedupe, unbound groups, one transaction
per event, errors kept out of the chat, outbox after commit."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select

from bot.context import Context
from bot.dispatcher import Router
from bot.filters import Command
from bot.testing import TestChat, texts
from storage.models import Community, Message, OutboxMessage


def echo_router() -> Router:
    router = Router("echo")

    @router.message(Command("echo"))
    async def echo(ctx: Context, args: str) -> None:
        ctx.reply(args)

    @router.message(Command("boom"))
    async def boom(ctx: Context) -> None:
        ctx.reply("这句不该发出")
        ctx.session.add(Community(name="半途而废", created_at=ctx.now()))
        raise RuntimeError("secret internal detail")

    @router.message(Command("whoami"))
    async def whoami(ctx: Context, role: str) -> None:
        ctx.reply(f"{ctx.event.user_name if ctx.event else ''}:{role}")

    return router


@pytest.fixture
async def chat() -> TestChat:
    async with TestChat(routers=[echo_router()]) as chat:
        await chat.compound(people={"wx_lei": ("雷书记", "secretary")})
        yield chat  # type: ignore[misc]


async def test_a_message_delivered_twice_is_handled_once(chat: TestChat) -> None:
    assert texts(await chat.say("wx_li", "/echo 你好", msg_id="dup")) == ["你好"]
    assert texts(await chat.say("wx_li", "/echo 你好", msg_id="dup")) == []
    with chat.app.db.session() as s:
        assert len(s.exec(select(Message)).all()) == 1


async def test_an_unbound_group_is_stored_but_never_answered(chat: TestChat) -> None:
    assert await chat.say("wx_li", "/echo 在吗", group="stranger-group") == []
    with chat.app.db.session() as s:
        stored = s.exec(select(Message).where(Message.chat_id == "stranger-group")).one()
    assert stored.text == "/echo 在吗"


async def test_the_role_comes_from_storage_not_the_display_name(chat: TestChat) -> None:
    assert texts(await chat.say("wx_fake", "/whoami", name="雷书记")) == ["雷书记:resident"]
    assert texts(await chat.say("wx_lei", "/whoami", name="随便改的名")) == ["随便改的名:secretary"]


async def test_a_failing_handler_changes_nothing_and_leaks_nothing(
    chat: TestChat, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        sent = await chat.say("wx_li", "/boom")
    assert sent == []
    assert "secret internal detail" in caplog.text
    with chat.app.db.session() as s:
        assert s.exec(select(Community).where(Community.name == "半途而废")).first() is None
        assert s.exec(select(OutboxMessage)).all() == []
    # the bot keeps working afterwards
    assert texts(await chat.say("wx_li", "/echo 还在")) == ["还在"]


async def test_what_the_bot_sends_is_masked_and_marked_sent(chat: TestChat) -> None:
    sent = await chat.say("wx_li", "/echo 有事打我13812345678，门禁密码1234")
    assert texts(sent) == ["有事打我138****5678，门禁密码****"]
    with chat.app.db.session() as s:
        row = s.exec(select(OutboxMessage)).one()
    assert row.status == "sent" and row.sent_at is not None


async def test_a_huge_message_is_cut_before_anything_reads_it(chat: TestChat) -> None:
    sent = await chat.say("wx_li", "/echo " + "啊" * 100_000)
    assert len(sent) == 1 and len(sent[0].msg.text) < 25_000


async def test_a_started_app_has_the_parser_loaded_and_out_of_the_collectors_way() -> None:
    """The first message pays no loading (the tables and model come in at start), and
    what was loaded is frozen out of the garbage collector's passes."""
    import gc

    from bot.understanding import model

    async with TestChat(routers=[echo_router()]):
        assert model.shipped.cache_info().currsize == 1
        assert gc.get_freeze_count() > 0
