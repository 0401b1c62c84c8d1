"""Questions about tasks in plain words get where the task stands; chit-chat gets nothing."""

from __future__ import annotations

from tests.handlers.life import compound_chat, one


async def test_a_question_naming_a_task_is_answered_with_where_it_stands() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        answer = one(await chat.say("wx_liu", "1号任务怎么样了？"))
        assert answer.startswith("#1【电梯】3栋 处理中 张党员 限"), answer
        assert "/详情" in answer
        assert one(await chat.say("wx_liu", "#9 到底谁在管？")).startswith("没有找到任务 #9")
        assert chat.events(1) == ["reported", "claimed", "deadline_set"]  # nothing recorded


async def test_asking_after_ones_own_report_lists_it() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_liu", "南门路灯不亮了")
        answer = one(await chat.say("wx_li", "我的报修怎么样了？"))
        assert answer.startswith("#1【电梯】3栋 待认领"), answer
        assert "#2" not in answer
        assert "没有找到你反映的" in one(await chat.say("wx_wang", "我反映的问题有人管吗"))


async def test_chit_chat_naming_no_task_still_gets_nothing() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        assert await chat.say("wx_liu", "今天天气怎么样？") == []
        assert await chat.say("wx_liu", "周六几点开会呀") == []


async def test_asking_after_ones_own_report_by_the_thing_named() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "南门路灯不亮了")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "#1 修好了")
        answer = one(await chat.say("wx_li", "我报的路灯修好了吗"))
        assert answer.startswith("#1【供电照明】南门"), answer
        assert "待验收" in answer or "已完成" in answer, answer
        answer = one(await chat.say("wx_liu", "我前天反映的漏水怎么样了？"))
        assert "没有找到你反映的" in answer
        # telling, not asking: a report as before
        assert "已登记 #2" in one(await chat.say("wx_li", "我报的那个路灯又不亮了"))
