"""Acceptance: reporters (or a secretary) accept or reject a done task."""

from __future__ import annotations

from datetime import datetime

from bot.testing import texts
from tests.handlers.life import LifeChat, compound_chat, one


async def done_task(chat: LifeChat) -> None:
    await chat.say("wx_li", "3栋电梯坏了")
    await chat.say("wx_zhang", "认领 1")
    await chat.say("wx_zhang", "#1 修好了")


async def test_a_reporter_accepts() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        assert one(await chat.say("wx_li", "满意 1")) == "#1 已验收，感谢反馈！"
        task = chat.task(1)
        assert task.status == "accepted" and task.accepted_at is not None
        assert chat.events(1)[-1] == "accepted"


async def test_not_satisfied_sends_it_back_to_the_holder_with_the_reason() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        sent = await chat.say("wx_li", "不满意 1 还是有异响")
        assert texts(sent) == ["#1 验收未通过（原因：还是有异响），已退回 张党员 继续处理。"]
        assert sent[0].msg.mentions == ("wx_zhang",)
        assert chat.task(1).status == "claimed"
        assert "满意 1" in one(await chat.say("wx_zhang", "#1 已修复，更换了钢丝绳"))
        assert one(await chat.say("wx_li", "满意")) == "#1 已验收，感谢反馈！"
        assert chat.events(1)[-4:] == ["done", "rejected", "done", "accepted"]


async def test_a_quote_reply_to_the_request_stands_for_the_number() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        assert one(await chat.say("wx_li", "满意", reply_to="bot-wechat-3")).startswith("#1 已验收")


async def test_others_are_refused_and_nothing_changes() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        refused = "只有反映 #1 的邻居或书记可以验收。"
        assert one(await chat.say("wx_he", "满意 1")) == refused
        assert one(await chat.say("wx_zhang", "满意 1")) == refused
        assert chat.task(1).status == "done"
        assert one(await chat.say("wx_lei", "满意 1")).startswith("#1 已验收")


async def test_a_task_not_done_needs_no_check() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        assert one(await chat.say("wx_li", "满意 1")) == "#1 还没有人认领，修好后会请反映的邻居验收。"
        assert chat.task(1).status == "open"


async def test_not_satisfied_with_a_task_being_worked_on_keeps_the_reason_for_its_holder() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        await chat.say("wx_li", "不满意 1 还是有异响")  # back to 张党员
        sent = await chat.say("wx_li", "不满意 1 而且门关不严", name="李阿姨")
        assert texts(sent) == ["#1 李阿姨 的意见已记在任务里：而且门关不严。请 张党员 一并处理，修好后会请 李阿姨 验收。"]
        assert sent[0].msg.mentions == ("wx_zhang",)
        assert chat.task(1).status == "claimed"
        assert chat.events(1)[-1] == "progress"
        # without a reason there is nothing to keep: the plain answer, nothing recorded
        assert one(await chat.say("wx_li", "不满意 1")) == "#1 正在处理中，修好后会请反映的邻居验收。"
        assert chat.events(1)[-1] == "progress" and len(chat.events(1)) == 6


async def test_hostile_verdicts_get_a_clear_answer_and_change_nothing() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        ask = "请写明任务编号，例如“满意 12”或“不满意 12 原因”。"
        assert one(await chat.say("wx_li", "满意 abc")) == ask
        assert one(await chat.say("wx_li", "满意 #-1")) == ask
        assert one(await chat.say("wx_li", "满意 99999999999999999999")) == ask
        assert one(await chat.say("wx_li", "满意 5")) == "没有找到任务 #5，请核对编号。"
        assert chat.task(1).status == "done"
        assert chat.events(1)[-1] == "done"


async def test_complaints_without_a_pending_check_are_not_verdicts() -> None:
    async with compound_chat() as chat:
        assert one(await chat.say("wx_li", "不满意 物业服务太差，3栋门口垃圾没人清理")).startswith(
            "已登记 #1"
        )


async def test_not_satisfied_after_another_reporter_accepted_is_passed_to_the_secretary() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_liu", "3栋电梯也坏了")  # a second reporter joins #1
        assert chat.task(1).reporters == 2
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "#1 修好了")
        await chat.say("wx_li", "满意 1")
        sent = await chat.say("wx_liu", "不满意 1 还是有异响", name="刘阿姨")
        assert len(sent) == 1 and "已经验收通过" in sent[0].msg.text
        assert sent[0].msg.text == (
            "#1 已经验收通过，刘阿姨 仍不满意：还是有异响。意见已记在任务里，已转告书记 雷书记；"
            "需要时可用 /重开 1 重新处理。"
        )
        assert sent[0].msg.mentions == ("wx_lei",)
        assert chat.task(1).status == "accepted"
        assert chat.events(1)[-1] == "progress"


async def test_each_reporter_is_asked_in_the_group_they_reported_in() -> None:
    async with compound_chat() as chat:
        await chat.bind("g2")
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_liu", "3栋电梯也坏了，好几天了", group="g2")
        assert chat.task(1).reporters == 2
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say("wx_zhang", "#1 修好了")
        calls = sorted((s.msg.chat_id, s.msg.mentions) for s in sent)
        assert calls == [("g1", ("wx_li",)), ("g2", ("wx_liu",))]
        assert all("满意 1" in s.msg.text for s in sent)


async def test_a_plain_it_works_from_the_reporter_accepts_the_one_task_awaiting_them() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        assert one(await chat.say("wx_li", "好了，谢谢[强]")) == "#1 已验收，感谢反馈！"
        assert chat.task(1).status == "accepted"
        assert chat.events(1)[-1] == "accepted"


async def test_a_plain_it_works_quoting_the_request_names_the_task() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        await chat.say("wx_li", "5栋路灯不亮")
        await chat.say("wx_zhang", "认领 2")
        await chat.say("wx_zhang", "#2 修好了")
        # two tasks await wx_li's check: a bare "好了" names neither, a quote names one
        assert await chat.say("wx_li", "可以了 谢谢") == []
        assert chat.task(1).status == "done" and chat.task(2).status == "done"
        assert one(await chat.say("wx_li", "灯亮了，谢谢！", reply_to="bot-wechat-3")).startswith(
            "#1 已验收"
        )
        assert chat.task(1).status == "accepted" and chat.task(2).status == "done"


async def test_a_plain_it_works_that_names_the_thing_picks_that_task() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        await chat.say("wx_li", "5栋路灯不亮")
        await chat.say("wx_zhang", "认领 2")
        await chat.say("wx_zhang", "#2 修好了")
        assert one(await chat.say("wx_li", "路灯亮了，谢谢")) == "#2 已验收，感谢反馈！"
        assert chat.task(1).status == "done" and chat.task(2).status == "accepted"


async def test_a_plain_it_works_is_no_verdict_from_others_or_about_something_else() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        assert await chat.say("wx_he", "好了，谢谢") == []  # not a reporter of #1
        await chat.say("wx_li", "好了好了，别吵了")  # not a plain "it works"
        await chat.say("wx_li", "还没好吗？")  # asks; says nothing of how it is
        assert chat.task(1).status == "done"


async def test_a_plain_still_broken_from_the_reporter_sends_the_task_back() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        sent = await chat.say("wx_li", "还是不行，又停了[发怒]")
        assert texts(sent) == [
            "#1 验收未通过（原因：还是不行，又停了[发怒]），已退回 张党员 继续处理。"
        ]
        assert sent[0].msg.mentions == ("wx_zhang",)
        assert chat.task(1).status == "claimed"
        assert chat.events(1)[-1] == "rejected"
        assert len(chat.tasks()) == 1  # no new task for the same fault


async def test_still_leaking_from_the_reporter_sends_a_fixed_leak_back() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "5栋2单元水管漏水")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "#1 修好了")
        assert one(await chat.say("wx_li", "水管还在漏")).startswith("#1 验收未通过")
        assert chat.task(1).status == "claimed" and len(chat.tasks()) == 1


async def test_a_still_broken_about_another_thing_or_place_is_a_report_of_its_own() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        await chat.say("wx_li", "5栋路灯又不亮了")  # another fault
        await chat.say("wx_li", "7栋电梯又坏了")  # the same fault in another building
        assert chat.task(1).status == "done"
        assert chat.task(2) is not None and chat.task(3) is not None


async def test_a_still_broken_is_no_verdict_from_the_holder_from_others_or_between_two() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        await chat.say("wx_zhang", "还是不行，我再去看看")  # the holder's own note
        await chat.say("wx_he", "还是不行啊")  # not a reporter of #1
        assert chat.task(1).status == "done"
        await chat.say("wx_li", "5栋路灯不亮")
        await chat.say("wx_zhang", "认领 2")
        await chat.say("wx_zhang", "#2 修好了")
        # two await wx_li's check and neither is named: she is asked which
        assert one(await chat.say("wx_li", "还没修好")) == (
            "你反映的 #1、#2 都在等你验收；不满意请回复“不满意 编号 原因”，例如“不满意 1 还是坏的”。"
        )
        assert chat.task(1).status == "done" and chat.task(2).status == "done"
        await chat.say("wx_li", "根本没修好", reply_to="bot-wechat-3")  # quoting #1's request
        assert chat.task(1).status == "claimed" and chat.task(2).status == "done"
        await chat.say("wx_li", "灯还是不亮")  # names #2's lamp
        assert chat.task(2).status == "claimed"


async def test_a_still_broken_about_something_the_bot_does_not_know_is_no_verdict() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        assert await chat.say("wx_li", "我家wifi还是不行") == []
        assert await chat.say("wx_li", "孩子的作业还是没写完") == []
        assert chat.task(1).status == "done"
        assert one(await chat.say("wx_li", "还是不行啊，又停了！")).startswith("#1 验收未通过")


async def test_two_verdicts_in_one_message_settle_each_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "3栋楼道灯也不亮")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "认领 2")
        await chat.say("wx_zhang", "1号修好了")
        await chat.say("wx_zhang", "2号灯换好了")
        sent = await chat.say("wx_li", "灯好了 电梯还是不行")
        assert [s.msg.text for s in sent] == [
            "#2 已验收，感谢反馈！",
            "#1 验收未通过（原因：电梯还是不行），已退回 张党员 继续处理。",
        ]
        assert (chat.task(1).status, chat.task(2).status) == ("claimed", "accepted")
        await chat.say("wx_zhang", "#1 修好了 换了门机")
        assert one(await chat.say("wx_li", "这次好了 谢谢")) == "#1 已验收，感谢反馈！"


async def test_mixed_verdicts_that_do_not_name_one_task_each_are_not_guessed() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "5栋电梯也坏了")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "认领 2")
        await chat.say("wx_zhang", "1号修好了")
        await chat.say("wx_zhang", "2号修好了")
        # both clauses name the lift: two tasks each, so the sender is asked which
        reply = one(await chat.say("wx_li", "电梯好了 电梯还是不行"))
        assert reply.startswith("你反映的 #1、#2 都在等你验收"), reply
        assert (chat.task(1).status, chat.task(2).status) == ("done", "done")


async def test_a_plain_it_works_may_name_the_thing_and_say_it_in_many_ways() -> None:
    for answer in ("确实能坐了，谢谢", "电梯能坐了", "3栋电梯已经修好啦！", "现在电梯正常了 辛苦了",
                   "这回电梯不卡了[强]", "嗯 电梯可以用了"):
        async with compound_chat() as chat:
            await done_task(chat)
            assert one(await chat.say("wx_li", answer)) == "#1 已验收，感谢反馈！", answer
            assert chat.task(1).status == "accepted"


async def test_a_lead_in_that_is_more_than_the_thing_is_no_verdict() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        for answer in ("谁说电梯好了", "别的都好了", "楼下那家好了", "电梯能坐了吗", "就电梯好了"):
            assert await chat.say("wx_li", answer) == [], answer
        assert chat.task(1).status == "done"


async def test_a_request_held_for_the_morning_is_withdrawn_once_the_reporter_has_checked() -> None:
    day = datetime.fromisoformat("2026-03-16T21:00:00+08:00")
    for answer, status in (("灯亮了，谢谢", "accepted"), ("不满意 1 还是不亮", "claimed")):
        async with compound_chat(start=day) as chat:
            await chat.say("wx_li", "5栋路灯不亮")
            await chat.say("wx_zhang", "认领 1")
            await chat.advance(to=day.replace(hour=23, minute=30))
            held = await chat.say("wx_zhang", "#1 修好了")
            assert "08:00 发出" in one(held)
            await chat.say("wx_li", answer)
            assert chat.task(1).status == status
            morning = await chat.advance(to=day.replace(day=17, hour=8, minute=5))
            assert not [s for s in morning if "请反映的邻居检查" in s.msg.text], answer


async def test_a_verdict_said_last_or_with_thanks_is_a_verdict() -> None:
    for answer in ("满意，谢谢张师傅", "电梯修好了 满意", "1号任务的电梯确实能坐了，很满意", "非常满意[强]",
                   "#1满意", "1号满意满意", "满意满意👍"):
        async with compound_chat() as chat:
            await done_task(chat)
            assert one(await chat.say("wx_li", answer)) == "#1 已验收，感谢反馈！", answer
            assert chat.task(1).status == "accepted"
    for answer in ("1号不满意", "不太满意"):
        async with compound_chat() as chat:
            await done_task(chat)
            reply = one(await chat.say("wx_li", answer))
            assert reply == "#1 验收未通过（未说明原因），已退回 张党员 继续处理。", answer
            assert chat.task(1).status == "claimed"


async def test_satisfied_talk_that_is_no_answer_to_the_check_changes_nothing() -> None:
    async with compound_chat() as chat:
        await done_task(chat)
        for answer in ("大家满意吗", "你满意么？", "我对物业很不满意", "谁满意了", "3号楼满意", "这个小区我很满意"):
            assert await chat.say("wx_li", answer) == [], answer
        assert chat.task(1).status == "done"
