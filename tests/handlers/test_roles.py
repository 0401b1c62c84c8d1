"""/党员 /物业 /移除: secretaries and admins set who may claim; secretaries and admins
themselves are protected; permission is by stored role, never by display name."""

from __future__ import annotations

import pytest

from tests.handlers.commands_chat import command_chat, one


async def test_a_mentioned_resident_becomes_a_party_member_and_can_claim() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        sent = await chat.say("wx_lei", "/党员 @赵大爷", mentions=("wx_zhao",))
        role = chat.role("wx_zhao")
        claimed = one(await chat.say("wx_zhao", "认领 1", name="赵大爷"))
    assert one(sent) == "已将 赵大爷 设为党员，可认领和处理任务。"
    assert sent[0].msg.mentions == ("wx_zhao",)
    assert role == "party"
    assert "已由 赵大爷 认领" in claimed


async def test_property_by_typed_name_and_several_at_once() -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_lei", "/物业 @张党员 @王党员")
        roles = (chat.role("wx_zhang"), chat.role("wx_wang"))
    assert roles == ("property", "property")
    assert one(sent).count("设为物业") == 2


async def test_remove_makes_a_resident_and_names_the_tasks_still_held() -> None:
    async with command_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say("wx_lei", "/移除 @张党员", mentions=("wx_zhang",))
        role = chat.role("wx_zhang")
        again = one(await chat.say("wx_lei", "/移除 @张党员", mentions=("wx_zhang",)))
    assert one(sent) == "已移除 张党员 的党员身份。Ta 仍负责 #1，可用 /派单 改派。"
    assert role == "resident"
    assert "没有身份" in again


@pytest.mark.parametrize("user", ["wx_zhang", "wx_wu", "wx_li", "wx_sun"])
async def test_only_secretaries_and_admins_set_roles(user: str) -> None:
    async with command_chat() as chat:
        answers = [
            one(await chat.say(user, cmd, name="雷书记", mentions=("wx_li",)))
            for cmd in ("/党员 @李阿姨", "/物业 @李阿姨", "/移除 @张党员")
        ]
        roles = (chat.role("wx_li"), chat.role("wx_zhang"))
    assert roles == ("resident", "party")
    assert all(a.startswith("只有书记或管理员可以使用") for a in answers)


async def test_a_secretary_cannot_demote_a_secretary_or_an_admin_but_an_admin_can() -> None:
    async with command_chat() as chat:
        await chat.say("wx_admin", "/党员 @小周", mentions=("wx_zhou",))
        await chat.say("wx_admin", "/移除 @小周", mentions=("wx_zhou",))
        # make a second secretary through the stored role, as the command line would
        from storage.repo.members import set_member

        with chat.app.db.session() as s:
            set_member(s, "wechat", "wx_zhou", "周委员", "secretary", 1, chat.clock.now())
            s.commit()
        by_secretary = one(await chat.say("wx_lei", "/移除 @周委员", mentions=("wx_zhou",)))
        on_admin = one(await chat.say("wx_lei", "/党员 @区管理员", mentions=("wx_admin",)))
        still = chat.role("wx_zhou")
        by_admin = one(await chat.say("wx_admin", "/党员 @周委员", mentions=("wx_zhou",)))
        after = chat.role("wx_zhou")
    assert "书记的身份只能由管理员修改" in by_secretary and still == "secretary"
    assert "管理员身份只能在服务器上用命令行修改" in on_admin
    assert "已将 周委员 设为党员" in by_admin and after == "party"


async def test_nobody_changes_their_own_role() -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_lei", "/党员 @雷书记", mentions=("wx_lei",))
        role = chat.role("wx_lei")
    assert one(sent) == "不能修改自己的身份，请联系管理员。" and role == "secretary"


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        ("", "用法：/党员 @张三"),
        ("张党员", "用法：/党员 @张三"),
        ("@不存在的人", "本小区没有登记名叫“不存在的人”的人"),
        ("@[CQ:at,qq=all]", "本小区没有登记名叫“此人”的人"),
        ("@钱党员", "本小区没有登记名叫“钱党员”的人"),
        ("@" + "长" * 10_000, "本小区没有登记名叫“此人”的人"),
    ],
)
async def test_bad_arguments_are_answered_and_change_nothing(args: str, answer: str) -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_lei", f"/党员 {args}")
        roles = (chat.role("wx_qian", "金阳小区"), chat.role("wx_zhang"))
    assert one(sent).startswith(answer)
    assert roles == ("party", "party")
