"""/绑定: an admin binds any group, a secretary only to their own compound; unknown
names are answered with how an admin adds them, and nothing is created."""

from __future__ import annotations

import pytest

from tests.handlers.commands_chat import command_chat, one


async def test_an_admin_binds_a_new_group_and_it_starts_working() -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_admin", "/绑定 锦春小区", group="g9")
        bound = chat.group_of("g9")
        filed = one(await chat.say("wx_li", "3栋电梯坏了", group="g9", name="李阿姨"))
    assert one(sent).startswith("本群已绑定锦春小区。")
    assert bound == "锦春小区"
    assert filed.startswith("已登记 #1")


async def test_a_secretary_binds_a_new_group_to_their_own_compound_only() -> None:
    async with command_chat() as chat:
        own = one(await chat.say("wx_lei", "/bind 锦春小区", group="g9"))
        other = one(await chat.say("wx_lei", "/绑定 金阳小区", group="g8"))
        groups = (chat.group_of("g9"), chat.group_of("g8"))
    assert own.startswith("本群已绑定锦春小区")
    assert other == "只有街道/区管理员或金阳小区的书记可以把本群绑定到金阳小区。"
    assert groups == ("锦春小区", None)


@pytest.mark.parametrize("user", ["wx_li", "wx_zhang"])
async def test_residents_and_party_members_cannot_bind(user: str) -> None:
    async with command_chat() as chat:
        sent = await chat.say(user, "/绑定 锦春小区", group="g9", name="雷书记")
        bound = chat.group_of("g9")
    assert "只有街道/区管理员或锦春小区的书记" in one(sent) and bound is None


async def test_an_unknown_compound_is_answered_with_how_to_add_it() -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_admin", "/绑定 翠湖小区", group="g9")
        names = chat.communities()
        bound = chat.group_of("g9")
    assert "weizhili community add 翠湖小区" in one(sent)
    assert names == ["锦春小区", "金阳小区"] and bound is None


async def test_moving_a_bound_group_takes_an_admin() -> None:
    async with command_chat() as chat:
        refused = one(await chat.say("wx_sun", "/绑定 金阳小区", group="g1"))
        still = chat.group_of("g1")
        await chat.say("wx_li", "3栋电梯坏了", group="g1")
        moved = one(await chat.say("wx_admin", "/绑定 金阳小区", group="g1"))
        now = chat.group_of("g1")
        same = one(await chat.say("wx_admin", "/绑定 金阳小区", group="g1"))
    assert refused == "本群已绑定锦春小区，改绑需要街道/区管理员操作。" and still == "锦春小区"
    assert moved.startswith("本群已从锦春小区改绑到金阳小区") and now == "金阳小区"
    assert "锦春小区还有 1 个未完结任务" in moved
    assert same == "本群已绑定金阳小区。"


async def test_a_secretary_of_both_cannot_take_a_group_from_another_compound() -> None:
    async with command_chat() as chat:
        from storage.repo.members import set_member

        with chat.app.db.session() as s:
            set_member(s, "wechat", "wx_lei", "雷书记", "secretary", 2, chat.clock.now())
            s.commit()
        sent = one(await chat.say("wx_lei", "/绑定 金阳小区"))
        bound = chat.group_of("g1")
    assert sent == "本群已绑定锦春小区，改绑需要街道/区管理员操作。" and bound == "锦春小区"


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        ("", "用法：/绑定 锦春小区"),
        ("小" * 101, "用法：/绑定 锦春小区"),
        ("[CQ:at,qq=all]", "还没有名为“小区名称”的小区"),
        ("'; DROP TABLE community;--", "还没有名为“小区名称”的小区"),
    ],
)
async def test_bad_names_are_answered_and_nothing_is_echoed(args: str, answer: str) -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_admin", f"/绑定 {args}", group="g9")
        names = chat.communities()
    assert one(sent).startswith(answer)
    assert "CQ" not in one(sent) and names == ["锦春小区", "金阳小区"]


async def test_binding_from_a_private_chat_says_where_to_do_it() -> None:
    async with command_chat() as chat:
        sent = await chat.say("wx_admin", "/绑定 锦春小区", group=None)
    assert one(sent) == "请在要绑定的群里发送：/绑定 小区名称"
