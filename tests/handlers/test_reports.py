"""Reports: filing, duplicates, repeats, emergencies, masking, unbound groups."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from bot.testing import texts
from storage.models import Message
from tests.handlers.life import compound_chat, one


async def test_a_report_files_task_one_and_answers_once() -> None:
    async with compound_chat() as chat:
        reply = one(await chat.say("wx_li", "3栋2单元电梯又坏了", name="李阿姨"))
        assert reply == "已登记 #1【电梯】3栋2单元：3栋2单元电梯又坏了。党员或物业可回复“认领 1”。"
        task = chat.task(1)
        assert (task.category, task.building, task.unit, task.status) == ("elevator", 3, 2, "open")
        assert task.summary == "3栋2单元电梯又坏了" and task.reporters == 1
        assert chat.events(1) == ["reported"]
        assert one(await chat.say("wx_liu", "南门路灯不亮了")).startswith("已登记 #2")


async def test_chit_chat_gets_no_answer_and_no_task() -> None:
    async with compound_chat() as chat:
        assert await chat.say("wx_li", "大家早上好") == []
        assert await chat.say("wx_li", "电梯修好了，谢谢党支部！") == []
        assert chat.tasks() == []


async def test_below_the_compounds_confidence_nothing_is_filed() -> None:
    async with compound_chat(report_confidence=1.0) as chat:
        assert await chat.say("wx_li", "3栋电梯坏了") == []
        assert chat.tasks() == []


async def test_duplicates_merge_and_count_each_person_once() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋2单元电梯又坏了")
        assert one(await chat.say("wx_liu", "3栋电梯坏了")) == "已合并到 #1，已有 2 位邻居反映。"
        assert (
            one(await chat.say("wx_liu", "3栋电梯还是坏的")) == "已记在你反映的 #1 中，共 2 位邻居反映。"
        )
        assert (
            one(await chat.say("wx_he", "3栋2单元电梯不动了")) == "已合并到 #1，已有 3 位邻居反映。"
        )
        assert one(await chat.say("wx_ma", "3栋1单元电梯坏了")).startswith("已登记 #2")
        assert [t.reporters for t in chat.tasks()] == [3, 1]
        assert chat.events(1) == ["reported", "merged", "repeated", "merged"]


async def test_a_reporter_saying_more_without_a_place_adds_to_their_own_task() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "12栋3单元501家里水管爆了，水一直往外冒！！")
        # the same reporter, the same kind, no place: more about #1, not a new task
        sent = await chat.say("wx_li", "快点啊 楼下也开始漏水了")
        assert any("#1" in text for text in texts(sent)) and len(chat.tasks()) == 1
        assert chat.events(1) == ["reported", "repeated"] and chat.task(1).reporters == 1
        # another neighbour's unplaced report, or another kind, is a task of its own
        assert one(await chat.say("wx_liu", "楼下也漏水了")).startswith("已登记 #2")
        assert one(await chat.say("wx_li", "楼道灯也不亮了")).startswith("已登记 #3")
        # a day on, or once the task is finished, it is a new report again
        await chat.say("wx_zhang", "认领 1")
        await chat.advance(timedelta(hours=25))
        assert one(await chat.say("wx_li", "水管又漏了")).startswith("已登记 #4")
        await chat.say("wx_zhang", "#4 修好了")
        assert one(await chat.say("wx_li", "楼道水管漏水")).startswith("已登记 #5")


async def test_a_fixed_task_takes_no_more_reports_and_the_third_is_flagged() -> None:
    async with compound_chat() as chat:
        for n in (1, 2, 3):
            assert one(await chat.say("wx_li", "5栋电梯坏了")).startswith(f"已登记 #{n}")
            await chat.say("wx_zhang", f"#{n} 修好了")
        assert [t.repeat_flag for t in chat.tasks()] == [False, False, True]


async def test_an_emergency_calls_secretary_and_party_with_the_safety_hint() -> None:
    async with compound_chat() as chat:
        sent = await chat.say("wx_li", "5栋电梯困人了！快来人")
        assert len(sent) == 1 and sent[0].msg.urgent
        assert "按下轿厢内警铃" in sent[0].msg.text and "不要扒门" in sent[0].msg.text
        assert set(sent[0].msg.mentions) == {"wx_lei", "wx_zhang", "wx_wang"}
        assert chat.task(1).urgent
        again = await chat.say("wx_liu", "5栋电梯里面困了人")
        assert len(again) == 1 and "按下轿厢内警铃" in again[0].msg.text
        assert again[0].msg.mentions == ()  # the people who can act were called already


async def test_an_emergency_in_quiet_hours_goes_out_at_once() -> None:
    night = datetime.fromisoformat("2026-03-16T23:30:00+08:00")
    async with compound_chat(start=night) as chat:
        sent = await chat.say("wx_li", "3栋厨房燃气味很重，好像漏气了")
        assert len(sent) == 1 and sent[0].ts < night.replace(hour=23, minute=45)
        assert "不要开关电器" in sent[0].msg.text and sent[0].msg.urgent


async def test_personal_data_is_masked_in_the_reply_and_kept_raw() -> None:
    async with compound_chat() as chat:
        reply = one(await chat.say("wx_li", "3栋电梯坏了，联系我13812345678，门禁密码是4321"))
        assert "138****5678" in reply and "13812345678" not in reply and "4321" not in reply
        assert "13812345678" in chat.task(1).text
        # a number split by zero-width joiners is masked all the same
        reply = one(await chat.say("wx_he", "5栋水管漏了 电话139\u200d8765\u200d4321"))
        assert "139****4321" in reply and "8765" not in reply


async def test_hostile_report_text_is_stored_raw_and_not_echoed_as_code() -> None:
    async with compound_chat() as chat:
        reply = one(await chat.say("wx_li", "[CQ:at,qq=all] 6栋楼道灯坏了"))
        assert "[CQ:" not in reply and reply.startswith("已登记 #1")
        assert chat.task(1).text.startswith("[CQ:at,qq=all]")
        sql = "7栋电梯坏了'); DROP TABLE task; --"
        assert one(await chat.say("wx_he", sql)).startswith("已登记 #2")
        assert chat.task(2).text == sql and len(chat.tasks()) == 2


async def test_an_unbound_group_is_stored_but_never_answered() -> None:
    async with compound_chat() as chat:
        assert await chat.say("wx_li", "3栋电梯坏了", group="g-unbound") == []
        assert chat.tasks() == []
        with chat.app.db.session() as s:
            stored = s.exec(select(Message).where(Message.chat_id == "g-unbound")).all()
        assert [m.text for m in stored] == ["3栋电梯坏了"]
        assert texts(chat.sent) == []


async def test_me_too_under_a_report_counts_one_more_neighbour_once() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "9栋地下车库好大一股臭味", msg_id="r1")
        sent = await chat.say("wx_a", "+1 我家也闻到了", reply_to="r1", name="王大爷")
        assert texts(sent) == ["已记下，#1 共 2 位邻居反映。"]
        assert chat.task(1).reporters == 2
        assert chat.events(1) == ["reported", "merged"]
        # the same neighbour again, the reporter, an opinion, and no reply: nothing changes
        assert await chat.say("wx_a", "我家也是", reply_to="r1", name="王大爷") == []
        assert await chat.say("wx_li", "+1", reply_to="r1") == []
        assert await chat.say("wx_b", "我也觉得物业该管管", reply_to="r1") == []
        assert await chat.say("wx_c", "+1 我家也是") == []
        assert chat.task(1).reporters == 2
        assert len(chat.tasks()) == 1


async def test_me_too_under_the_bots_answer_counts_and_under_a_finished_task_does_not() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯又坏了", msg_id="r1")
        assert texts(await chat.say("wx_a", "同样的问题", reply_to="bot-wechat-1")) == [
            "已记下，#1 共 2 位邻居反映。"
        ]
        await chat.say("wx_lei", "/关闭 1 已修好")
        assert await chat.say("wx_b", "+1", reply_to="r1") == []
        assert chat.task(1).reporters == 2


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("8栋楼顶有人要跳楼", "110和119"),
        ("8栋有人打架，拿着刀", "拨打110"),
        ("6栋有小孩爬到阳台栏杆外面了", "110和119"),
        ("小区门口有人被车撞了", "拨打120"),
        ("3栋楼道着火了，好大的烟", "拨打119"),
        ("5栋厨房一股煤气味", "燃气公司"),
        ("有小孩被锁在车库的车里 孩子在哭 车里好热 B2区", "车窗"),
    ],
)
async def test_each_kind_of_emergency_gets_its_own_hint(text: str, hint: str) -> None:
    async with compound_chat() as chat:
        sent = await chat.say("wx_li", text)
        assert len(sent) == 1 and sent[0].msg.urgent, [s.msg.text for s in sent]
        assert hint in sent[0].msg.text, sent[0].msg.text
        assert "燃气" not in sent[0].msg.text or "气" in text


async def test_a_report_naming_no_place_is_asked_where_when_a_building_matters() -> None:
    async with compound_chat() as chat:
        assert "请补充在几栋几单元" in one(await chat.say("wx_li", "电梯又坏了"))
        assert "请补充" not in one(await chat.say("wx_li", "5栋水管漏水"))
        assert "请补充" not in one(await chat.say("wx_li", "小区里流浪狗太多了，晚上追人"))
        assert "请补充" not in one(await chat.say("wx_li", "南门路灯不亮了"))


async def test_still_so_after_a_close_tells_the_secretary_instead_of_filing_again() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "7栋1单元的楼道灯不亮了")
        await chat.say("wx_lei", "/关闭 1 已报供电局")
        sent = await chat.say("wx_li", "灯还是不亮啊")
        assert one(sent) == "#1【供电照明】7栋1单元楼道 已关闭（已报供电局）。已转告书记 雷书记，需要时可 /重开 1。"
        assert sent[0].msg.mentions == ("wx_lei",)
        assert len(chat.tasks()) == 1
        # a place named, another kind, or someone else: filed as ever
        assert one(await chat.say("wx_li", "电梯又坏了")).startswith("已登记 #2")
        assert one(await chat.say("wx_liu", "楼道灯不亮")).startswith("已登记 #3")
        assert one(await chat.say("wx_li", "8栋路灯不亮")).startswith("已登记 #4")


async def test_still_so_a_day_after_a_close_is_filed() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "7栋1单元的楼道灯不亮了")
        await chat.say("wx_lei", "/关闭 1 已报供电局")
        await chat.advance(timedelta(hours=25))
        assert one(await chat.say("wx_li", "楼道灯还是不亮")).startswith("已登记 #2")


async def test_a_bare_plus_one_right_after_a_report_counts_for_it() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "3栋电梯坏了")
        assert one(await chat.say("wx_liu", "+1")) == "已记下，#1 共 2 位邻居反映。"
        assert one(await chat.say("wx_he", "我家也是")) == "已记下，#1 共 3 位邻居反映。"  # after a +1
        assert await chat.say("wx_liu", "+1") == []  # the same person counts once
        # the reporter's own +1, a +1 after other talk, or one too late: nothing
        assert await chat.say("wx_li", "+1") == []
        await chat.say("wx_he", "今天天气不错")
        assert await chat.say("wx_sun", "+1") == []
        await chat.say("wx_li", "5栋楼道灯不亮")
        await chat.advance(timedelta(minutes=11))
        assert await chat.say("wx_sun", "+1") == []
        assert chat.task(1).reporters == 3


async def test_a_call_naming_nothing_right_after_ones_own_report_files_nothing_new() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "楼下垃圾桶满了好几天没人清，臭死了")
        sent = await chat.say("wx_li", "快来人管管啊")
        assert one(sent) == "已记在你反映的 #1【环境卫生】 中，正在等党员或物业认领。"
        await chat.say("wx_zhang", "认领 1")
        assert "张党员 正在处理" in one(await chat.say("wx_li", "怎么还没人来管管"))
        assert len(chat.tasks()) == 1 and chat.events(1)[-1] == "repeated"


async def test_a_call_that_names_something_or_comes_from_another_or_late_is_its_own_report() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "楼下垃圾桶满了好几天没人清，臭死了")
        assert "#2" in one(await chat.say("wx_li", "有人晕倒了 快来人"))  # a new emergency
        assert "#3" in one(await chat.say("wx_li", "楼下又在吵了 管管啊"))  # another kind
        assert "#4" in one(await chat.say("wx_sun", "快来人管管啊"))  # not their report
        await chat.say("wx_he", "南门口的垃圾好几天没人收了")
        await chat.advance(timedelta(minutes=31))
        assert "#6" in one(await chat.say("wx_he", "快来人管管啊"))  # too long after
        assert len(chat.tasks()) == 6


async def test_an_emergency_call_after_a_plain_report_is_not_swallowed_but_after_an_emergency_is() -> None:
    async with compound_chat() as chat:
        await chat.say("wx_li", "12栋电梯困人了！！里面有老人")
        assert "已记在你反映的 #1" in one(await chat.say("wx_li", "快来人啊"))
        await chat.say("wx_sun", "3栋楼道灯不亮")
        assert one(await chat.say("wx_sun", "快来人啊")).startswith("紧急 #3")  # a new emergency
        assert len(chat.tasks()) == 3


async def test_the_filing_answer_does_not_close_a_question_or_a_shout_twice() -> None:
    async with compound_chat() as chat:
        sent = one(await chat.say("wx_li", "3栋停水了吗？"))
        assert sent.startswith("已登记 #1【给排水】3栋：3栋停水了吗？党员或物业"), sent
        sent = one(await chat.say("wx_sun", "7栋的单元门禁坏了"))
        assert "：7栋的单元门禁坏了。党员或物业" in sent



async def test_a_unit_and_its_door_are_named_once() -> None:
    async with compound_chat() as chat:
        reply = one(await chat.say("wx_li", "12栋1单元门口垃圾堆成山了，臭死了"))
        assert "12栋1单元门口" in reply and "单元单元" not in reply, reply
