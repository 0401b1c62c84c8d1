"""Handing a task over in plain words: 1号转给王党员吧."""

from __future__ import annotations

import pytest

from tests.handlers.life import compound_chat, one


@pytest.mark.parametrize(
    "words",
    ["我有事 1号转给王党员吧", "#1 交给王党员处理", "1号让王党员接手吧", "这个转交给王党员"],
)
async def test_the_holder_hands_a_task_to_a_party_member(words: str) -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "8栋门口的垃圾三天没人收了")
        await chat.say("wx_zhang", "认领 1")
        due = chat.task(1).deadline
        sent = await chat.say("wx_zhang", words)
        assert one(sent).startswith("#1【环境卫生】8栋门口 由 张党员 转交给 王党员，限期 ")
        assert one(sent).endswith("不变。处理不了可回复“放弃 1”。")
        assert sent[0].msg.mentions == ("wx_wang",)
        task = chat.task(1)
        assert (task.status, task.claimant_user_id, task.deadline) == ("claimed", "wx_wang", due)
        assert chat.events(1)[-1] == "assigned"
        # the new holder's 好的我接 is told there is nothing to claim, and what they hold
        assert one(await chat.say("wx_wang", "好的我接")) == (
            "现在没有待认领的任务；你负责的有 #1【环境卫生】8栋门口。"
        )


async def test_a_real_mention_names_the_new_holder() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say("wx_zhang", "#1 转给 @吴物业", mentions=("wx_wu",))
        assert "由 张党员 转交给 吴物业" in one(sent)
        assert chat.task(1).claimant_user_id == "wx_wu"


async def test_only_the_holder_or_a_secretary_hands_over() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_wu", "1号交给王党员吧")) == "#1 由 张党员 负责，只有负责人或书记可以转交。"
        assert chat.task(1).claimant_user_id == "wx_zhang"
        # a resident's suggestion is chat: no answer, nothing changed
        assert await chat.say("wx_li", "1号交给王党员吧") == []
        assert chat.task(1).claimant_user_id == "wx_zhang"
        # the secretary may, as with /派单; the deadline is kept
        sent = await chat.say("wx_lei", "1号交给王党员")
        assert "由 雷书记 转交给 王党员" in one(sent)
        assert chat.task(1).claimant_user_id == "wx_wang"


async def test_a_name_that_cannot_hold_tasks_or_a_finished_task_is_refused() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_zhang", "#1 转给 @李阿姨", mentions=("wx_li",))) == (
            "李阿姨 不是本小区的党员、物业或书记，不能转交给 Ta。"
        )
        assert one(await chat.say("wx_zhang", "#7 转给王党员")) == "没有找到任务 #7，请核对编号。"
        # a number that is none is never taken for the sender's one task
        assert one(await chat.say("wx_zhang", "#99999999999999999999 转给王党员")) == (
            "没有找到任务 这个编号，请核对编号。"
        )
        assert chat.task(1).claimant_user_id == "wx_zhang"
        assert one(await chat.say("wx_zhang", "#1 转给张党员")) == "#1 已由 张党员 负责。"
        await chat.say("wx_zhang", "#1 修好了")
        assert one(await chat.say("wx_zhang", "#1 转给王党员")) == "#1 已完成，待验收，不能转交。"
        assert chat.task(1).claimant_user_id == "wx_zhang"


async def test_words_that_hand_nothing_over_are_left_alone() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        # 交给我 is a claim; 交给物业 names nobody stored; a name nobody has is no handover
        assert "已由你认领" in one(await chat.say("wx_zhang", "1号交给我吧"))
        assert await chat.say("wx_zhang", "这个事情要交给物业公司") == []
        assert await chat.say("wx_zhang", "让一让 别挡道") == []
        assert chat.task(1).claimant_user_id == "wx_zhang"


async def test_without_a_number_another_matter_named_is_not_handed_over() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert await chat.say("wx_zhang", "孙奶奶买药的事交给王党员吧") == []
        assert chat.task(1).claimant_user_id == "wx_zhang"
        assert "转交给 王党员" in one(await chat.say("wx_zhang", "电梯的事交给王党员吧"))
