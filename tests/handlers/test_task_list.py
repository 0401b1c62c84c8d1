"""/任务 lists urgent, then overdue, then oldest first, in compact lines, capped; /详情
shows one task of this compound with its history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.handlers.commands_chat import command_chat, one


async def test_urgent_then_overdue_then_oldest() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋2单元电梯坏了", name="李阿姨")
        await chat.advance(timedelta(hours=1))
        await chat.say("wx_zhao", "5栋下水道堵了", name="赵大爷")
        await chat.say("wx_lei", "/派单 2 @张党员")
        await chat.say("wx_lei", "/限期 2 1天")
        await chat.advance(timedelta(days=3))
        await chat.say("wx_chen", "7栋有人被困电梯里了！", name="陈女士")
        await chat.say("wx_chen", "8栋门禁坏了", name="陈女士")
        text = one(await chat.say("wx_li", "/任务"))
    lines = text.splitlines()
    assert lines[0] == "进行中的任务（4 条）："
    assert [line.split("【")[0] for line in lines[1:]] == ["#3", "#2", "#1", "#4"]
    assert "紧急 待认领" in lines[1]
    assert lines[2] == "#2【给排水】5栋 处理中 张党员 超期2天"
    assert lines[3] == "#1【电梯】3栋2单元 待认领 3天"


async def test_a_claimed_task_shows_holder_and_deadline() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "5栋电梯坏了", name="李阿姨")
        await chat.say("wx_zhang", "认领 1")
        text = one(await chat.say("wx_lei", "/tasks"))
    assert text.splitlines()[1] == "#1【电梯】5栋 处理中 张党员 限3月31日"


@pytest.mark.parametrize(
    ("which", "numbers"),
    [("待认领", ["#2"]), ("处理中", ["#1"]), ("超期", []), ("全部", ["#1", "#2", "#3"])],
)
async def test_filters(which: str, numbers: list[str]) -> None:
    async with command_chat() as chat:
        for b in (3, 4, 5):
            await chat.say("wx_li", f"{b}栋电梯坏了", name="李阿姨")
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_lei", "/关闭 3 重复")
        text = one(await chat.say("wx_lei", f"/任务 {which}"))
    shown = [line.split("【")[0] for line in text.splitlines()[1:]]
    assert shown == numbers
    if not numbers:
        assert text == "目前没有超期的任务。"
    if which == "全部":
        assert text.splitlines()[3] == "#3【电梯】5栋 已关闭（重复）"


@pytest.mark.parametrize("args", ["随便", "全部 待认领", "'; DROP TABLE task;--", "x" * 10_000,
                                  "8栋 9栋", "电梯 给排水", "0栋", "99999栋", "8栋 随便"])
async def test_unknown_filters_get_usage(args: str) -> None:
    async with command_chat() as chat:
        text = one(await chat.say("wx_lei", f"/任务 {args}"))
    assert text == (
        "用法：/任务 [待认领/处理中/超期/全部/我的]，可加楼栋或类别，如 /任务 8栋、/任务 电梯 待认领"
    )


async def test_a_building_or_a_kind_narrows_the_list() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        await chat.say("wx_li", "8栋电梯坏了", name="李阿姨")
        await chat.say("wx_li", "8栋门口路灯不亮", name="李阿姨")
        await chat.say("wx_zhang", "认领 2")

        async def shown(args: str) -> list[str]:
            text = one(await chat.say("wx_lei", f"/任务 {args}"))
            return [text.splitlines()[0], *(line.split("【")[0] for line in text.splitlines()[1:])]

        assert await shown("8栋") == ["8栋进行中的任务（2 条）：", "#2", "#3"]
        assert await shown("八号楼") == ["8栋进行中的任务（2 条）：", "#2", "#3"]
        assert await shown("电梯") == ["【电梯】进行中的任务（2 条）：", "#1", "#2"]
        assert await shown("待认领 8栋 电梯") == ["目前没有8栋【电梯】待认领的任务。"]
        assert await shown("8栋 照明 待认领") == ["8栋【供电照明】待认领的任务（1 条）：", "#3"]
        assert await shown("5栋") == ["目前没有5栋进行中的任务。"]


async def test_long_lists_are_capped() -> None:
    async with command_chat() as chat:
        for b in range(1, 26):
            await chat.say("wx_li", f"{b}栋电梯坏了", name="李阿姨")
        lines = one(await chat.say("wx_lei", "/任务")).splitlines()
        for b in range(26, 33):
            await chat.say("wx_li", f"{b}栋电梯坏了", name="李阿姨")
        longer = one(await chat.say("wx_lei", "/任务")).splitlines()
    assert len(lines) == 22
    assert lines[0] == "进行中的任务（25 条）："
    # the numbers not listed are named, so each can be looked up
    assert lines[-1] == "还有 5 条：#21、#22、#23、#24、#25，发 /详情 编号 查看"
    assert longer[-1] == "还有 12 条：#21、#22、#23、#24、#25、#26、#27、#28、#29、#30等，发 /详情 编号 查看"


async def test_each_compound_sees_only_its_own_tasks() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        other = one(await chat.say("wx_sun", "/任务", group="g2"))
        detail = one(await chat.say("wx_sun", "/详情 1", group="g2"))
    assert other == "目前没有进行中的任务。"
    assert detail == "本小区没有任务 #1。发送 /任务 查看任务列表。"


async def test_detail_shows_the_history() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        await chat.advance(timedelta(minutes=5))
        await chat.say("wx_lei", "/派单 1 @张党员")
        await chat.say("wx_zhang", "#1 已联系维保公司")
        text = one(await chat.say("wx_li", "/详情 #1"))
    lines = text.splitlines()
    assert lines[0] == "#1【电梯】3栋 处理中 张党员 限3月31日"
    assert lines[1] == "内容：3栋电梯坏了"
    assert "3月16日 09:00 李阿姨 反映 3栋电梯坏了" in lines
    assert "3月16日 09:05 雷书记 派单给 张党员" in lines
    assert any(line.startswith("3月16日 09:05 张党员 进展：") for line in lines)


@pytest.mark.parametrize("args", ["1", "#1"])
async def test_a_task_number_after_the_list_command_shows_that_task(args: str) -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        detail = one(await chat.say("wx_lei", "/详情 1"))
        text = one(await chat.say("wx_lei", f"/任务 {args}"))
        missing = one(await chat.say("wx_lei", "/任务 7"))
    assert text == detail and text.startswith("#1【电梯】3栋 待认领")
    assert missing == "本小区没有任务 #7。发送 /任务 查看任务列表。"


@pytest.mark.parametrize("args", ["", "abc", "#-1", "99999999999999999999", "1 2 x" * 3000])
async def test_detail_with_a_bad_number_gets_usage(args: str) -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        text = one(await chat.say("wx_lei", f"/详情 {args}"))
    assert text == "用法：/详情 12"


async def test_a_task_naming_no_place_is_listed_by_its_first_words_without_mentions() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "@微治理 小区的健身器材坏了一个，跑步机那个", name="李阿姨")
        listed = one(await chat.say("wx_lei", "/任务"))
        detail = one(await chat.say("wx_lei", "/详情 1"))
    assert "#1【设施维修】小区的健身器材坏了一个 待认领" in listed, listed
    assert "内容：小区的健身器材坏了一个，跑步机那个" in detail, detail


async def test_ones_own_tasks_by_command_or_in_words() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "5栋楼道灯不亮")
        await chat.say("wx_liu", "8栋门口垃圾没人收")
        await chat.say("wx_zhang", "认领 1 3")
        mine = one(await chat.say("wx_zhang", "/任务 我的"))
        assert mine.splitlines()[0] == "你负责的任务（2 条）："
        assert [line[:2] for line in mine.splitlines()[1:]] == ["#1", "#3"]
        for words in ("我的任务", "我手上有哪些任务", "/tasks mine"):
            assert one(await chat.say("wx_zhang", words)) == mine
        theirs = one(await chat.say("wx_li", "我的任务"))
        assert theirs.splitlines()[0] == "你反映的未完结任务："
        assert {line[:2] for line in theirs.splitlines()[1:]} == {"#1", "#2"}
        assert one(await chat.say("wx_wang", "/任务 我的")).startswith("你现在没有负责或反映中的任务")
