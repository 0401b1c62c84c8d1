"""补充: a reporter's word more on their own report is kept in the task's history."""

from __future__ import annotations

from datetime import timedelta

from tests.handlers.life import compound_chat, one


async def test_a_word_more_from_the_reporter_is_kept_on_their_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "地下车库有辆车堵住消防通道三天了")
        assert one(await chat.say("wx_li", "车牌是浙A12345")) == "已补充到 #1【安全隐患】地下车库。"
        assert one(await chat.say("wx_li", "补充一下，车主电话13812345678打不通")).startswith("已补充到 #1")
        assert chat.events(1) == ["reported", "detail", "detail"]
        assert len(chat.tasks()) == 1
        shown = one(await chat.say("wx_lei", "/详情 1"))
        assert "补充：车牌是浙A12345" in shown
        assert "138****5678" in shown and "13812345678" not in shown


async def test_other_talk_others_and_late_words_are_not_details() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "地下车库有辆车堵住消防通道三天了")
        assert await chat.say("wx_li", "大家晚上好") == []  # says no more of it
        assert await chat.say("wx_he", "车牌是浙A12345") == []  # not the reporter
        await chat.advance(timedelta(minutes=40))
        assert await chat.say("wx_li", "补充一下，是B2那辆白车") == []  # too late to be sure
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_lei", "/关闭 2 重复")
        assert await chat.say("wx_li", "补充：是2单元那部") == []  # its task is closed
        assert chat.events(1) == ["reported"]
