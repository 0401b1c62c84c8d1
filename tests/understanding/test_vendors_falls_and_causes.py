"""Readings added after blind159–161: vendors are complained of, not advertised; a slip
with nobody able to get up, life support stopped, a pot fallen just now and a lift said to
shut people in are emergencies; the cause told after an all-clear, ash and asking after
the rescued are not; a change asked for is not one done; 哪一栋 names no building."""

from __future__ import annotations

import pytest

from bot.understanding import parse


@pytest.mark.parametrize(
    "text",
    [
        "小区门口有人摆摊卖菜，把人行道占了一半",
        "门口摆摊吆喝好吵",
        "物业说月底清垃圾 这种物业能不能换了 投诉三次了 垃圾站臭得很",
        "3栋电梯又在维修，一个星期修两回，到底能不能彻底修好",
    ],
)
def test_complaints_are_reports(text: str) -> None:
    assert parse(text).intent == "report"


def test_a_market_that_welcomes_stalls_is_an_offer() -> None:
    assert parse("这周六小区跳蚤市场，欢迎大家摆摊，不收费").intent == "chat"


@pytest.mark.parametrize(
    "text",
    [
        "刚才6栋二单元有个婆婆在楼梯上滑了一跤，现在坐着说腰痛站不起来，有没有人帮忙打下120",
        "整栋楼都没电了，我爸家的制氧机停了，他离不开氧气的！！！17栋",
        "阳台掉花盆下来了 刚刚",
        "[流泪]电梯困住了 快来",
        "9栋外墙脚手架上掉了根钢管下来 砸在电瓶车棚顶上了 就刚刚 好在下面没人 赶紧派人来看",
    ],
)
def test_emergencies(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r


@pytest.mark.parametrize(
    "text",
    [
        "消防车来了，火已经灭了，是一楼那家电瓶车电瓶烧了，万幸没人受伤",
        "刚才困人那个出来了吗",
    ],
)
def test_over_or_asked_after_is_chat(text: str) -> None:
    assert parse(text).intent == "chat"


def test_ash_is_no_smoke() -> None:
    r = parse("邻居家的老人天天在楼道里烧纸，满楼道都是烟灰，5栋2单元")
    assert (r.intent, r.urgent) == ("report", False)


def test_which_building_names_none() -> None:
    assert parse("口罩发到哪一栋了 我们27栋还没拿到").location.building == 27


def test_a_task_number_asked_about_is_no_progress() -> None:
    r = parse("第33号怎么还没人管啊，老人家等了一个礼拜了")
    assert (r.intent, r.task_refs) == ("chat", (33,))


def test_taking_this_one_is_a_claim() -> None:
    assert parse("我来接这个，我是党员小刘，晚上下班去给李奶奶送饭").intent == "claim"
