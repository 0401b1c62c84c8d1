"""/完成 by the holder or a secretary asks the reporters to check; /报事 files what the
parser missed, for anyone in the compound."""

from __future__ import annotations

import pytest

from tests.handlers.commands_chat import command_chat, one

ASK = "#1 已处理完成，请反映的邻居检查：满意请回复“满意 1”，不满意请回复“不满意 1 原因”。"


@pytest.mark.parametrize("user", ["wx_zhang", "wx_lei", "wx_admin"])
async def test_the_holder_or_a_secretary_marks_done_and_reporters_are_asked(user: str) -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say(user, "/完成 1 已更换门机板")
        task = chat.task(1)
        done = [e for e in chat.events(1) if e.kind == "done"]
    assert one(sent) == ASK
    assert sent[0].msg.mentions == ("wx_li",)
    assert task.status == "done" and done[0].detail == "已更换门机板"


@pytest.mark.parametrize("user", ["wx_wang", "wx_li"])
async def test_others_may_not_mark_someone_elses_task_done(user: str) -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say(user, "/done 1", name="张党员")
        assert chat.task(1).status == "claimed"
    assert one(sent) == "#1 由 张党员 负责，只有 Ta 或书记可以标记完成。"


async def test_done_twice_and_bad_numbers_are_answered() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        await chat.say("wx_lei", "/完成 1")
        again = one(await chat.say("wx_lei", "/完成 1"))
        bad = one(await chat.say("wx_lei", "/完成 #-1"))
        missing = one(await chat.say("wx_lei", "/完成 7"))
    assert "无需再标记完成" in again
    assert bad.startswith("用法：/完成 12")
    assert missing.startswith("本小区没有任务 #7")


async def test_a_resident_files_a_report_the_parser_would_miss() -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_li", "/报事 希望物业周末组织一次大扫除", name="李阿姨")
        task = chat.task(1)
    assert one(sent).startswith("已登记 #1【")
    assert task.status == "open" and task.summary == "希望物业周末组织一次大扫除"


async def test_report_reads_the_place_and_category() -> None:
    async with command_chat() as chat:
        await chat.say("wx_lei", "/report 6栋2单元楼道灯不亮")
        task = chat.task(1)
    assert (task.category, task.building, task.unit) == ("power", 6, 2)


@pytest.mark.parametrize("args", ["", "   ", "很" * 10_000])
async def test_empty_or_huge_reports_get_usage_and_file_nothing(args: str) -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_li", f"/报事 {args}")
        assert chat.tasks() == []
    assert one(sent).startswith("用法：/报事 内容")
