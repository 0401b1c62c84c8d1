"""Questions about tasks in plain words get where the task stands; chit-chat gets nothing."""

from __future__ import annotations

from datetime import timedelta

from tests.handlers.life import compound_chat, one


async def test_a_question_naming_a_task_is_answered_with_where_it_stands() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        answer = one(await chat.say("wx_liu", "1号任务怎么样了？"))
        assert answer.startswith("#1【电梯】3栋 处理中 张党员 限"), answer
        assert answer.endswith("发 /详情 1 可以看经过。"), answer
        assert one(await chat.say("wx_liu", "#9 到底谁在管？")) == "没有找到任务 #9，请核对编号。"
        assert chat.events(1) == ["reported", "claimed", "deadline_set"]  # nothing recorded


async def test_a_remark_about_a_numbered_task_gets_no_answer_and_a_bare_number_does() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert await chat.say("wx_liu", "去年#1那种事折腾了半年才解决") == []
        assert await chat.say("wx_liu", "#1 辛苦张党员了") == []
        assert one(await chat.say("wx_liu", "#1")).startswith("#1【电梯】3栋 处理中")
        assert one(await chat.say("wx_liu", "任务1是啥来着")).startswith("#1【电梯】3栋 处理中")
        assert chat.events(1) == ["reported", "claimed", "deadline_set"]


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
        # telling, not asking: the fix did not hold, so #1 goes back to its holder
        answer = one(await chat.say("wx_li", "我报的那个路灯又不亮了"))
        assert answer.startswith("#1 验收未通过（原因：我报的那个路灯又不亮了）"), answer


async def test_a_reporter_asking_after_the_thing_they_reported_gets_its_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "5栋路灯不亮")
        await chat.say("wx_zhang", "认领 1")
        answer = one(await chat.say("wx_li", "电梯修好了吗？"))
        assert answer.startswith("#1【电梯】3栋") and "张党员" in answer, answer
        assert "#2" not in answer
        answer = one(await chat.say("wx_li", "灯的事有人管了吗"))
        assert answer.startswith("#2【供电照明】5栋") and "#1" not in answer, answer
        answer = one(await chat.say("wx_li", "电梯有人来修了没"))
        assert answer.startswith("#1【电梯】3栋"), answer
        answer = one(await chat.say("wx_li", "现在怎么样了"))  # names nothing: both of hers
        assert "#1" in answer and "#2" in answer, answer
        # someone who reported nothing, or nothing of that thing, asks the group: no answer
        assert await chat.say("wx_he", "电梯修好了吗？") == []
        assert await chat.say("wx_li", "下水道修好了吗？") == []
        assert await chat.say("wx_li", "王阿姨你现在怎么样了？") == []  # asks after a person


async def test_a_reporter_asking_why_nobody_came_gets_their_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋2单元电梯又坏了")
        answer = one(await chat.say("wx_li", "我昨天报的那个电梯怎么还没人来修"))
        assert answer.startswith("#1【电梯】3栋2单元 待认领"), answer
        assert chat.events(1) == ["reported"]  # asked, not reported again


async def test_a_reporter_asking_why_it_is_still_not_fixed_gets_their_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "5栋楼道灯坏了好几天了")
        await chat.say("wx_zhang", "认领 1")
        for asked in ("灯怎么还没修啊", "灯咋还没人来修"):
            answer = one(await chat.say("wx_li", asked))
            assert answer.startswith("#1【供电照明】5栋楼道 处理中 张党员"), (asked, answer)
        assert await chat.say("wx_he", "灯怎么还没修啊") == []  # not theirs: the group's talk
        assert len(chat.tasks()) == 1 and not {"merged", "repeated"} & set(chat.events(1))


async def test_a_reporter_asking_why_their_task_was_closed_gets_it_with_the_reason() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "7栋1单元的楼道灯不亮了")
        await chat.say("wx_lei", "/关闭 1 已报供电局")
        for asked in ("为什么关了", "我报的灯怎么关了", "1号任务为什么关闭"):
            answer = one(await chat.say("wx_li", asked))
            assert answer.startswith("#1【供电照明】7栋1单元楼道 已关闭（已报供电局）"), answer
        # someone who did not report it, a door shut, or a week later: nothing
        assert await chat.say("wx_liu", "为什么关了") == []
        assert await chat.say("wx_li", "驿站怎么关门了") == []
        await chat.advance(timedelta(days=8))
        assert await chat.say("wx_li", "为什么关了") == []


async def test_the_answer_carries_the_last_note_on_the_work() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了 停在5楼")
        await chat.say("wx_zhang", "认领 1")
        assert "最新进展" not in one(await chat.say("wx_li", "我报的电梯修了没"))
        await chat.say("wx_zhang", "#1 配件明天到")
        reply = one(await chat.say("wx_li", "电梯什么时候能修好啊"))
        assert reply.splitlines()[1].endswith("张党员）：配件明天到"), reply
        assert "最新进展" in one(await chat.say("wx_sun", "1号任务怎么样了"))
        await chat.say("wx_zhang", "#1 修好了")
        assert "最新进展" not in one(await chat.say("wx_sun", "1号任务怎么样了"))  # done: no longer news
