"""Progress notes, done with the request to check, and who may write them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.testing import texts
from handlers.progress import says_fixed
from tests.handlers.life import compound_chat, one


async def test_a_note_is_recorded_and_fixed_words_make_it_done() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_liu", "3栋电梯又停了")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_zhang", "#1 已联系维保公司，明天来修")) == "#1 进展已记录。"
        assert one(await chat.say("wx_zhang", "#1 还没修好，零件明天到")) == "#1 进展已记录。"
        assert chat.task(1).status == "claimed"
        sent = await chat.say("wx_zhang", "#1 修好了")
        assert texts(sent) == [
            "#1 已处理完成，请反映的邻居检查：满意请回复“满意 1”，不满意请回复“不满意 1 原因”。"
        ]
        assert set(sent[0].msg.mentions) == {"wx_li", "wx_liu"}
        task = chat.task(1)
        assert task.status == "done" and task.done_at is not None
        assert chat.events(1)[-3:] == ["progress", "progress", "done"]


async def test_the_holder_may_leave_out_the_number_of_their_only_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_zhang", "已联系维保公司")) == "#1 进展已记录。"


async def test_a_residents_remark_is_no_note() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert await chat.say("wx_li", "#1 修好了") == []
        assert chat.task(1).status == "claimed"


async def test_a_note_on_a_missing_or_finished_task_says_so() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        assert one(await chat.say("wx_zhang", "#7 已联系物业")) == "没有找到任务 #7，请核对编号。"
        # one number wrong: nothing recorded, and the task found beside it is named as such
        assert one(await chat.say("wx_zhang", "#1 修好了 #2 也修好了")) == (
            "没有找到任务 #2，请核对编号。#1 这次没有记录，请核对后重发。"
        )
        assert chat.events(1) == ["reported"]
        await chat.say("wx_zhang", "#1 修好了")
        assert one(await chat.say("wx_zhang", "#1 已处理完成")) == "#1 已完成，待验收。"
        assert chat.events(1) == ["reported", "claimed", "deadline_set", "done"]


async def test_a_note_on_a_task_nobody_holds_is_recorded_and_says_how_to_take_it() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯困人了！")
        sent = await chat.say("wx_wu", "1 维保师傅已经到了，人救出来了")
        assert one(sent) == "#1 进展已记录。还没有人认领，接手请回复“认领 1”。"
        assert chat.task(1).status == "open"
        assert chat.events(1) == ["reported", "progress"]


async def test_whoever_fixes_a_task_nobody_held_holds_it_and_gets_it_back_when_rejected() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "5栋2单元楼道堆满了纸箱")
        sent = await chat.say("wx_zhang", "#1 纸箱都搬走了")
        assert "已处理完成" in one(sent)
        task = chat.task(1)
        assert (task.status, task.claimant_user_id) == ("done", "wx_zhang")
        assert task.deadline is not None
        assert "验收未通过" in one(await chat.say("wx_li", "不满意 1 还有两箱"))
        assert chat.task(1).status == "claimed"
        assert "已处理完成" in one(await chat.say("wx_zhang", "#1 剩下的也清走了"))
        assert "已验收" in one(await chat.say("wx_li", "满意 1"))
        assert chat.events(1) == [
            "reported", "claimed", "deadline_set", "done", "rejected", "done", "accepted"
        ]


async def test_a_fix_without_a_number_names_the_one_task_of_its_thing() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋1单元楼道灯坏了好几天了")
        await chat.say("wx_sun", "5栋电梯坏了")
        assert await chat.say("wx_zhang", "我家灯泡换好了") == []  # their own flat
        sent = await chat.say("wx_zhang", "楼道灯泡换好了")
        task = chat.task(1)
        assert "#1 已处理完成" in one(sent)
        assert (task.status, task.claimant_user_id) == ("done", "wx_zhang")
        assert chat.task(2).status == "open"


async def test_a_fix_without_a_number_with_several_tasks_of_its_thing_asks_which() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋楼道灯坏了")
        await chat.say("wx_sun", "7栋路灯不亮")
        sent = await chat.say("wx_zhang", "灯泡换好了")
        assert "#1、#2" in one(sent) and "请带上编号" in one(sent)
        assert [chat.task(n).status for n in (1, 2)] == ["open", "open"]
        assert "#2 已处理完成" in one(await chat.say("wx_zhang", "7栋的灯泡换好了"))


async def test_a_holder_of_several_tasks_may_leave_out_the_number_when_the_thing_tells() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_sun", "7栋路灯不亮")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "认领 2")
        assert "请注明任务编号" in one(await chat.say("wx_zhang", "已联系师傅"))
        assert "#2 已处理完成" in one(await chat.say("wx_zhang", "路灯修好了"))
        assert chat.task(1).status == "claimed"


@pytest.mark.parametrize("words", ["修好了", "电梯修好了", "电梯已经修好了，大家可以用了", "搞定了",
                                   "已经固定好了", "焊好了，可以用了", "好了 电梯可以用了"])
async def test_the_holders_plain_fixed_is_done(words: str) -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say("wx_zhang", words)
        assert "#1 已处理完成" in one(sent)
        assert chat.task(1).status == "done"


@pytest.mark.parametrize("words", ["修好了吗？", "修好了没", "我家空调修好了", "路灯修好了",
                                   "明天来固定好", "还没固定好", "电梯还是不能用了", "可以用了吗"])
async def test_the_holders_question_or_other_fix_is_no_note(words: str) -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", words)
        assert chat.task(1).status == "claimed"


async def test_the_holders_plain_fixed_with_two_tasks_asks_which() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_sun", "7栋路灯不亮")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "认领 2")
        assert "你负责的有 #1、#2" in one(await chat.say("wx_zhang", "修好了"))
        assert [chat.task(n).status for n in (1, 2)] == ["claimed", "claimed"]
        assert "#1 已处理完成" in one(await chat.say("wx_zhang", "电梯修好了"))
        assert chat.task(2).status == "claimed"


async def test_someone_elses_plain_fixed_changes_nothing() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert await chat.say("wx_wang", "电梯修好了") == []
        assert await chat.say("wx_li", "电梯修好了") == []
        assert chat.task(1).status == "claimed"


async def test_staffs_plain_fixed_of_a_task_someone_else_holds_asks_for_the_number() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "8栋楼下垃圾桶满了好几天没人清")
        await chat.say("wx_zhang", "认领 1")
        answer = one(await chat.say("wx_wu", "垃圾已经清运完了"))
        assert answer == "是说 #1【环境卫生】8栋（张党员 负责）吗？已处理好请回复“#1 修好了”。"
        assert chat.task(1).status == "claimed" and chat.events(1)[-1] != "done"
        # about another thing, a question, or their own flat: no answer
        assert await chat.say("wx_wu", "电梯修好了") == []
        assert await chat.say("wx_wu", "垃圾清运完了吗") == []
        assert await chat.say("wx_wu", "我家垃圾清运完了") == []
        assert "#1 已处理完成" in one(await chat.say("wx_wu", "#1 修好了"))


async def test_a_plain_fix_after_ones_own_note_on_an_unheld_task_asks_if_it_is_that_one() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "8栋2单元下水道堵了，一楼在反水")
        await chat.say("wx_wu", "#1 收到，马上派人过去疏通")  # a note, nobody holds #1
        answer = one(await chat.say("wx_wu", "已经疏通好了"))
        assert answer == "是说 #1【给排水】8栋2单元吗？已处理好请回复“#1 修好了”。"
        assert chat.task(1).status == "open"
        # a Party member the same; someone with no note of theirs gets no answer
        await chat.say("wx_zhang", "#1 我也去看看情况")
        assert one(await chat.say("wx_zhang", "下水道疏通好了")).startswith("是说 #1")
        assert await chat.say("wx_wang", "已经疏通好了") == []
        # hours later the note is no longer taken as the context
        await chat.advance(timedelta(hours=7))
        assert await chat.say("wx_zhang", "疏通好了") == []


async def test_a_residents_fix_without_a_number_is_no_note() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋楼道灯坏了")
        assert await chat.say("wx_sun", "灯泡换好了") == []
        assert chat.task(1).status == "open"


async def test_a_fix_reported_on_a_task_someone_else_holds_is_not_taken_from_them() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_wang", "认领 1")
        assert await chat.say("wx_zhang", "#1 修好了") != []
        task = chat.task(1)
        assert task.claimant_user_id == "wx_wang"


@pytest.mark.parametrize(
    ("note", "fixed"),
    [
        ("#1 修好了", True),
        ("#1 纸箱都搬走了", True),
        ("#1 抽干净了", True),
        ("#1 又冲洗了一遍，现在没味了", True),
        ("#1 灯亮了", True),
        ("#1 还没修好，零件明天到", False),
        ("#1 还没抽干净", False),
        ("#1 电话打通了，师傅明天来", False),
        ("#1 已联系维保公司", False),
        ("#1 明天修好", False),
        ("#1 预计周五能修好", False),
        ("#1 争取今天修好", False),
        ("#1 维保说下周一来修好", False),
        ("#1 已联系维保，说今天下午就能弄好", False),
        ("#1 修好后告诉大家", False),
        ("#1 等配件到了才能修好", False),
        ("#1 今天下午修好了", True),
        ("#1 应该修好了，大家试试", True),
        ("#1 修好了，明天再来复查一遍", True),
        ("#1 已修好，维保说是主板坏了", True),
        ("#1 异响也处理了", True),
        ("#1 已处理", True),
        ("#1 还没处理", False),
        ("#1 明天处理", False),
        ("#1 正在处理", False),
        ("#2 清理完了 拍照发群里了", True),
        ("#1 管子换完了", True),
        ("编号51 完工", True),
        ("#2 还没清理完", False),
        ("#1 明天上午修完", False),
        ("#1 修完再通知大家", False),
        ("#1 电梯可以正常使用了", True),
        ("#1 还是不能用了", False),
        ("#1 明天就能用了", False),
        ("#1 已经换了新灯泡", True),
        ("#1 灯泡换了", True),
        ("#1 换上了新的门锁", True),
        ("#1 明天换上新的", False),
        ("#1 还没换上", False),
    ],
)
def test_what_counts_as_fixed(note: str, fixed: bool) -> None:
    assert says_fixed(note) is fixed


async def test_a_fix_at_night_asks_the_reporters_in_the_morning() -> None:
    day = datetime.fromisoformat("2026-03-16T21:00:00+08:00")
    async with compound_chat(start=day) as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        await chat.advance(to=day.replace(hour=23, minute=30))
        held = await chat.say("wx_zhang", "#1 修好了")  # nobody is called at 23:30
        assert [s.msg.mentions for s in held] == [()] and "08:00 发出" in held[0].msg.text
        assert chat.task(1).status == "done"
        # an answer that calls nobody else still goes at once
        assert one(await chat.say("wx_zhang", "#1 今晚加班换的零件")).startswith("#1 ")
        morning = await chat.advance(to=day.replace(day=17, hour=8, minute=5))
        asked = [s for s in morning if "wx_li" in s.msg.mentions]
        assert len(asked) == 1 and asked[0].ts.hour == 8 and "满意 1" in asked[0].msg.text


@pytest.mark.parametrize("words", ["放弃 1", "#1 我处理不了，请书记另派人", "1号我不管了"])
async def test_the_holder_gives_a_task_back(words: str) -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_wang", words)).endswith("只有认领人可以退回。")
        sent = await chat.say("wx_zhang", words)
        assert len(sent) == 1 and sent[0].msg.text.startswith("#1 已退回，重新等待认领")
        assert "雷书记" in sent[0].msg.text and sent[0].msg.mentions == ("wx_lei",)
        task = chat.task(1)
        assert (task.status, task.claimant_user_id, task.deadline) == ("open", None, None)
        assert chat.events(1)[-1] == "released"
        assert one(await chat.say("wx_wang", "认领 1")).startswith("#1 已由 王党员 认领")
        assert chat.tasks() == [chat.task(1)]  # nothing was filed as a report


def test_a_note_naming_a_refusal_by_others_gives_nothing_back() -> None:
    from handlers.progress import _GIVE_BACK

    assert _GIVE_BACK.search("#1 业主放弃维修了，先关闭吧") is None
    assert _GIVE_BACK.search("#1 配件退回厂家了，等新的") is None


@pytest.mark.parametrize("words", ["人已经救出来了，维保在检修", "维保师傅到了", "师傅明天来换", "在等配件",
                                   "上去敲门沟通了 对方说会注意"])
async def test_the_holders_plain_note_on_the_work_is_recorded(words: str) -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_zhang", words)) == "#1 进展已记录。"
        assert chat.task(1).status == "claimed"
        assert chat.events(1)[-1] == "progress"


@pytest.mark.parametrize("words", ["明天来我家吃饭", "师傅你好", "维保公司电话多少？"])
async def test_the_holders_other_talk_is_no_note(words: str) -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", words)
        assert chat.events(1)[-1] == "deadline_set"


async def test_the_holders_n_hao_opening_a_note_is_their_task_not_building_n() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "5栋楼下有人在车库里烧东西 好大的烟")
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领2")
        # "2号 …" read alone names building 2; from the holder of #2 it is their note on it
        assert one(await chat.say("wx_zhang", "2号 电梯维保说配件要等 先贴了告示")) == "#2 进展已记录。"
        await chat.say("wx_zhang", "认领1")
        sent = await chat.say("wx_zhang", "1号 是有人烧纸 已经灭了")
        assert one(sent).startswith("#1 已处理完成，请反映的邻居检查")
        assert [t.number for t in chat.tasks()] == [1, 2]
        # from someone who does not hold #2 it is a report of building 2, as before
        sent = await chat.say("wx_wang", "2号 路灯已经坏了三天")
        assert one(sent).startswith("已登记 #3【供电照明】2栋")


async def test_the_holders_note_on_the_work_read_as_a_report_is_their_note() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯困人了！！")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_zhang", "去看了 门是卡住了 里面没人 维保在修")) == "#1 进展已记录。"
        assert len(chat.tasks()) == 1
        # another building, or from someone holding nothing, is a report as ever
        assert one(await chat.say("wx_zhang", "5栋电梯门也卡住了 维保在修")).startswith("已登记 #2")
        assert one(await chat.say("wx_wang", "7栋电梯门卡住了 维保在修")).startswith("已登记 #3")


async def test_a_bare_task_number_is_answered_with_where_it_stands_and_nothing_recorded() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        assert one(await chat.say("wx_zhang", "#1")).startswith("#1【电梯】3栋 待认领")
        assert one(await chat.say("wx_li", "#1")).startswith("#1【电梯】3栋 待认领")
        assert chat.events(1) == ["reported"]


async def test_the_holders_new_bulb_is_the_fix_of_their_lamp_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_sun", "8栋门口路灯不亮")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_wang", "2号我来")
        assert "#2 已处理完成" in one(await chat.say("wx_wang", "路灯已经换了新灯泡"))
        assert (chat.task(1).status, chat.task(2).status) == ("claimed", "done")
