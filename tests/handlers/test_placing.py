"""Where a report is: the reporter's bare address after the bot asked for it."""

from __future__ import annotations

from datetime import timedelta

from tests.handlers.life import compound_chat, one


async def test_the_reporters_address_after_the_ask_places_the_task() -> None:
    async with compound_chat() as chat:
        asked = one(await chat.say("wx_li", "电梯又坏了"))
        assert "请补充在几栋几单元" in asked
        assert one(await chat.say("wx_li", "三栋二单元")) == "#1【电梯】3栋2单元 位置已补充，谢谢！"
        task = chat.task(1)
        assert (task.building, task.unit) == (3, 2)
        assert chat.events(1)[-1] == "placed"
        # a later report of the same lift now joins it
        assert "已合并到 #1" in one(await chat.say("wx_he", "3栋2单元电梯坏了"))


async def test_an_address_quoting_the_bots_answer_places_that_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "电梯又坏了")
        await chat.say("wx_li", "楼道灯不亮")
        assert one(await chat.say("wx_li", "在5栋", reply_to="bot-wechat-1")).startswith(
            "#1【电梯】5栋"
        )
        assert chat.task(2).building is None


async def test_an_address_from_others_of_a_placed_task_or_long_after_is_left_alone() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "电梯又坏了")
        assert await chat.say("wx_he", "3栋2单元") == []  # not the reporter
        assert await chat.say("wx_li", "5号") == []  # a date, not an address
        assert await chat.say("wx_li", "3栋2单元的人都知道") == []  # not only an address
        assert chat.task(1).building is None
        await chat.advance(to=chat.clock.now() + timedelta(hours=7))
        assert await chat.say("wx_li", "3栋2单元") == []  # hours later: something else
        assert chat.task(1).building is None
        await chat.say("wx_li", "7栋电梯坏了")
        assert await chat.say("wx_li", "7栋2单元") == []  # #2 says where already
        assert chat.task(2).unit is None


async def test_the_reporter_correcting_the_building_moves_their_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋2单元电梯坏了")
        reply = one(await chat.say("wx_li", "我刚才说错了，是4栋电梯坏了，不是3栋"))
        assert reply == "#1【电梯】4栋 位置已改正，谢谢！"
        task = chat.task(1)
        assert (task.building, task.unit) == (4, None)  # 2单元 was of the wrong building
        assert len(chat.tasks()) == 1
        assert one(await chat.say("wx_li", "打错了 不是4栋是5栋2单元")).startswith("#1【电梯】5栋2单元")
        # the unit alone, in the same building or with it
        assert one(await chat.say("wx_li", "我说错了 是5栋1单元")).startswith("#1【电梯】5栋1单元 位置已改正")
        assert one(await chat.say("wx_li", "写错了，是3单元")).startswith("#1【电梯】5栋3单元 位置已改正")
        assert (chat.task(1).building, chat.task(1).unit) == (5, 3)
        assert await chat.say("wx_li", "说错了 是5栋3单元") == []  # already so: nothing to change


async def test_a_correction_is_left_alone_when_others_reported_or_someone_took_it() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_he", "3栋电梯坏了")  # joins #1: two reporters
        await chat.say("wx_li", "我说错了，是4栋电梯")
        assert chat.task(1).building == 3
        # #1 stays where its other reporter put it; the lift of 4栋 is a task of its own
        assert (chat.task(2).category, chat.task(2).building) == ("elevator", 4)
        await chat.say("wx_liu", "7栋楼道灯不亮")
        await chat.say("wx_zhang", "认领 3")
        await chat.say("wx_liu", "写错了，是8栋")
        assert chat.task(3).building == 7
        assert len(chat.tasks()) == 3


async def test_a_place_alone_from_the_reporter_places_a_task_that_names_none() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "小区的健身器材坏了一个，跑步机那个")
        assert await chat.say("wx_he", "在中心花园") == []  # not the reporter
        assert await chat.say("wx_li", "中心花园的人好多") == []  # not only a place
        assert one(await chat.say("wx_li", "在中心花园")) == "#1【设施维修】中心花园 位置已补充，谢谢！"
        assert chat.task(1).place == "中心花园" and chat.events(1)[-1] == "placed"
        assert await chat.say("wx_li", "就在东门那边") == []  # placed already: left as it is
        assert chat.task(1).place == "中心花园"


def test_a_place_alone_is_chat() -> None:
    from bot.understanding import parse

    assert parse("地下车库").intent == "chat"
    assert parse("地下车库有积水").intent == "report"
