"""Claims: by number or quote-reply, roles, deadlines, one holder, hostile numbers."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from bot.testing import TestChat, texts
from storage.models import Community
from tests.handlers.life import compound_chat, one


async def test_claim_by_number_sets_the_holder_and_a_15_day_deadline() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        reply = one(await chat.say("wx_zhang", "认领 1"))
        assert reply == "#1 已由 张党员 认领，限期 3月31日 前完成。"
        task = chat.task(1)
        assert (task.status, task.claimant_user_id, task.claimant_name) == (
            "claimed",
            "wx_zhang",
            "张党员",
        )
        assert task.deadline == datetime.fromisoformat("2026-03-31T23:59:59+08:00")
        assert chat.events(1) == ["reported", "claimed", "deadline_set"]


async def test_quote_reply_to_the_report_or_to_the_bots_answer_claims_it() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", msg_id="r1")
        await chat.say("wx_liu", "南门路灯坏了", msg_id="r2")
        assert one(await chat.say("wx_wu", "我来认领", reply_to="r1")).startswith("#1 已由 吴物业")
        # The bot's answer to the second report was its second message.
        assert one(await chat.say("wx_lei", "我来", reply_to="bot-wechat-2")).startswith(
            "#2 已由 雷书记"
        )


async def test_a_claim_naming_no_task_is_asked_for_the_number() -> None:
    async with compound_chat() as chat:
        # nothing waits: so it says, not "which number?"
        assert one(await chat.say("wx_zhang", "我来认领")) == "现在没有待认领的任务。"
        await chat.say("wx_li", "3栋电梯坏了")
        # the one task waiting is shown, never taken on a guess
        assert (
            one(await chat.say("wx_zhang", "我来认领"))
            == "待认领的有 #1【电梯】3栋，请回复要认领的任务编号，例如“认领 12”。"
        )
        assert chat.task(1).status == "open"
        for n in range(2, 8):
            await chat.say(f"wx_r{n}", f"{n + 1}栋楼道灯不亮")
        reply = one(await chat.say("wx_zhang", "我来"))
        assert reply.count("#") == 5 and "等，请回复" in reply, reply


async def test_a_resident_is_told_who_can_claim_and_nothing_changes() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        sent = await chat.say("wx_li", "认领 1", name="雷书记")
        assert texts(sent) == ["只有党员、物业或书记可以认领；愿意帮忙可联系书记 雷书记。"]
        assert sent[0].msg.mentions == ()  # nobody is called for a resident's offer
        assert chat.task(1).status == "open" and chat.events(1) == ["reported"]


async def test_the_second_claimant_is_told_who_holds_it() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_zhang", "认领 1")
        assert one(await chat.say("wx_wang", "认领 #1")) == "#1 已由 张党员 认领。"
        assert one(await chat.say("wx_zhang", "认领 1")) == "#1 已由你认领，正在处理中。"
        assert chat.task(1).claimant_user_id == "wx_zhang"


async def test_deadline_days_per_category_and_per_compound() -> None:
    async with compound_chat(deadline_days_by_category={"elevator": 3}) as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "南门路灯坏了")
        with chat.app.db.session() as s:
            c = s.get(Community, 1)
            assert c is not None
            c.deadline_days = 7
            s.add(c)
        assert "限期 3月19日" in one(await chat.say("wx_zhang", "认领 1"))
        assert "限期 3月23日" in one(await chat.say("wx_zhang", "认领 2"))


async def test_twenty_simultaneous_claims_have_exactly_one_winner() -> None:
    async with compound_chat(send_burst=50) as chat:
        people = {f"wx_p{i}": (f"党员{i}", "party") for i in range(20)}
        await chat.compound(people=people)
        await chat.say("wx_li", "3栋电梯坏了")
        await asyncio.gather(*(TestChat.say(chat, u, "认领 1") for u in people))
        sent = texts(await chat.advance(timedelta(minutes=1)))
        all_claims = [t for t in texts(chat.sent) if t.startswith("#1 已由")]
        winners = [t for t in all_claims if "限期" in t]
        assert len(all_claims) == 20 and len(winners) == 1, sent
        holder = chat.task(1).claimant_name
        assert winners[0].startswith(f"#1 已由 {holder} 认领")
        assert all_claims.count(f"#1 已由 {holder} 认领。") == 19
        assert chat.events(1).count("claimed") == 1


async def test_claiming_found_and_missing_numbers_says_what_was_taken_first() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        reply = one(await chat.say("wx_zhang", "认领 1 2 3"))
        lines = reply.split("\n")
        assert lines[0].startswith("#1 已由 张党员 认领")
        assert lines[1:] == ["没有找到任务 #2，请核对编号。", "没有找到任务 #3，请核对编号。"]


async def test_hostile_or_foreign_numbers_get_a_clear_answer_and_change_nothing() -> None:
    async with compound_chat() as chat:
        await chat.compound(name="金阳小区", group="g2")
        await chat.say("wx_x", "8栋电梯坏了", group="g2")
        await chat.say("wx_li", "3栋电梯坏了")
        answers = {
            "认领 #-1": "没有找到这个任务编号，请核对后再发，例如“认领 12”。",
            "认领 99999999999999999999": "没有找到这个任务编号，请核对后再发，例如“认领 12”。",
            "认领 2": "没有找到任务 #2，请核对编号。",
            "认领 1'; UPDATE task SET status='closed'; --": None,
        }
        for text, expected in answers.items():
            reply = one(await chat.say("wx_zhang", text))
            if expected is not None:
                assert reply == expected
        # the SQL text claimed #1 as an ordinary claim, and touched nothing else
        assert [(t.community_id, t.number, t.status) for t in chat.tasks()] == [
            (1, 1, "claimed"),
            (2, 1, "open"),
        ]


async def test_a_reply_by_reference_is_read_with_the_message_it_answers() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋楼道好大一股死老鼠的味", msg_id="r1")
        await chat.say("wx_zhang", "认领 1")
        # No quote in the text, only a reference (a QQ reply segment, a WeChat quote the
        # adapter took apart): what was done under the report is its progress.
        sent = await chat.say("wx_zhang", "已经清理掉了 是一只死老鼠", reply_to="r1")
        # A bare "me too" under it files no task of its own: it counts one more neighbour.
        me_too = await chat.say("wx_wu", "+1 我家也是", reply_to="r1")
        assert "progress" in chat.events(1)
        assert chat.task(1).reporters == 2
        assert len(chat.tasks()) == 1
    assert texts(sent) == ["#1 进展已记录。"]
    assert texts(me_too) == ["已记下，#1 共 2 位邻居反映。"]


async def test_a_claim_typed_as_a_command_is_a_claim() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "5栋路灯不亮")
        assert one(await chat.say("wx_zhang", "/认领 1")).startswith("#1 已由 张党员 认领")
        assert one(await chat.say("wx_wang", "/claim 2")).startswith("#2 已由 王党员 认领")
        assert chat.task(1).claimant_user_id == "wx_zhang"


async def test_a_claim_naming_the_thing_takes_the_one_open_task_of_it() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_liu", "5栋门口垃圾好几天没人收了")
        await chat.say("wx_he", "7栋电梯也坏了")
        reply = one(await chat.say("wx_zhang", "垃圾那个我去处理"))
        assert reply.startswith("#2 已由 张党员 认领"), reply
        # two lifts are open: the number is asked for, with the two named
        reply = one(await chat.say("wx_wang", "电梯的我来认领"))
        assert reply == "待认领的有 #1【电梯】3栋、#3【电梯】7栋，请回复要认领的任务编号，例如“认领 12”。"
        assert chat.task(1).status == "open" and chat.task(3).status == "open"
        # the building named picks one of them
        assert one(await chat.say("wx_wang", "7栋电梯我来认领")).startswith("#3 已由")


async def test_a_claim_naming_a_fault_word_takes_its_task_and_files_nothing() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "9栋门口好多狗屎，天天有人遛狗不牵绳")
        reply = one(await chat.say("wx_zhang", "狗屎那个我去处理"))
        assert reply.startswith("#1 已由 张党员 认领"), reply
        assert len(chat.tasks()) == 1


async def test_a_claim_naming_the_reporter_takes_their_open_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了", name="李阿姨")
        await chat.say("wx_sun", "我的降压药吃完了 腿脚不方便 谁能帮我去药店买一下 9栋2单元", name="孙奶奶")
        assert one(await chat.say("wx_wang", "我去 孙奶奶稍等")).startswith("#2 已由 王党员 认领")
        assert chat.task(1).status == "open"
        # a name of nobody who reported, or of two reporters at once, is no pick
        await chat.say("wx_he", "5栋楼道灯不亮", name="何大姐")
        reply = one(await chat.say("wx_zhang", "我来 张三稍等"))
        assert reply.startswith("待认领的有 #1【电梯】3栋、#3"), reply
        reply = one(await chat.say("wx_zhang", "我来吧 李阿姨何大姐稍等"))
        assert reply.startswith("待认领的有"), reply
        assert (chat.task(1).status, chat.task(3).status) == ("open", "open")
