"""/帮助 shows each person the commands their stored role allows, never by display name."""

from __future__ import annotations

from tests.handlers.commands_chat import command_chat, one


async def test_a_resident_is_told_how_to_report_and_accept() -> None:
    async with command_chat() as chat:
        text = one(await chat.say("wx_li", "/帮助", name="李阿姨"))
    assert "3栋2单元电梯又坏了" in text and "满意 12" in text
    assert "/派单" not in text and "/党员" not in text


async def test_party_and_property_are_told_how_to_claim_and_finish() -> None:
    async with command_chat() as chat:
        party = one(await chat.say("wx_zhang", "/帮助"))
        staff = one(await chat.say("wx_wu", "/help"))
    assert party == staff
    assert "认领 12" in party and "/完成 12" in party and "/派单" not in party


async def test_secretary_and_admin_see_every_command() -> None:
    async with command_chat() as chat:
        secretary = one(await chat.say("wx_lei", "/帮助"))
        admin = one(await chat.say("wx_admin", "/help"))
    assert secretary == admin
    for command in (
        "/派单",
        "/限期",
        "/催办",
        "/关闭",
        "/重开",
        "/合并",
        "/完成",
        "/报事",
        "/任务",
        "/详情",
        "/党员",
        "/物业",
        "/移除",
        "/绑定",
        "/公告",
        "/统计",
    ):
        assert command in secretary


async def test_a_resident_calling_himself_secretary_gets_the_resident_help() -> None:
    async with command_chat() as chat:
        text = one(await chat.say("wx_fake", "/帮助", name="雷书记"))
    assert "/派单" not in text


async def test_help_in_the_other_compound_follows_the_role_there() -> None:
    async with command_chat() as chat:
        # 张党员 is a Party member in 锦春小区 only; in 金阳小区 he is a resident.
        text = one(await chat.say("wx_zhang", "/帮助", group="g2"))
    assert "认领 12" not in text and "满意 12" in text


async def test_an_unknown_command_points_to_help_and_a_glued_argument_is_read() -> None:
    async with command_chat() as chat:
        assert one(await chat.say("wx_lei", "/foo 12")) == "没有“/foo”这个命令，发 /帮助 查看可用的命令。"
        assert "/帮助" in one(await chat.say("wx_li", "/电梯坏了"))
        # a command by another name is pointed to the right one
        assert one(await chat.say("wx_lei", "/查看 1")) == "没有“/查看”这个命令，是要用 /详情 吗？发 /帮助 查看可用的命令。"
        assert "是要用 /派单 吗？" in one(await chat.say("wx_lei", "/指派 1 @张党员"))
        listed = one(await chat.say("wx_lei", "/任务全部"))
        assert listed == one(await chat.say("wx_lei", "/任务 全部"))
        assert one(await chat.say("wx_lei", "/统计本月")) == one(await chat.say("wx_lei", "/统计 本月"))


async def test_a_resident_using_a_managers_command_is_told_who_may() -> None:
    async with command_chat() as chat:
        assert "只有书记" in one(await chat.say("wx_li", "/派单 1 @张党员"))


async def test_asking_in_words_how_to_use_the_bot_gets_the_help() -> None:
    async with command_chat() as chat:
        assert one(await chat.say("wx_li", "怎么报修啊？")).startswith("微治理使用说明（居民）")
        assert one(await chat.say("wx_zhang", "机器人怎么用")).startswith("微治理使用说明（党员/物业）")
        assert await chat.say("wx_li", "这个灭火器怎么用") == []
        assert one(await chat.say("wx_li", "这个机器人能干啥")).startswith("微治理使用说明（居民）")
        assert one(await chat.say("wx_li", "帮助")).startswith("微治理使用说明（居民）")
        assert one(await chat.say("wx_zhang", "怎么认领任务")).startswith("微治理使用说明（党员/物业）")
        assert await chat.say("wx_li", "帮助老人过马路是美德") == []
        assert await chat.say("wx_li", "这把钥匙能干啥用") == []
