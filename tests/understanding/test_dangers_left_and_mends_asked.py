"""Readings added after blind155–157: leaving a gas leak does not end it, a hand still caught,
a fall nobody can lift, water from a lamp or round the cars are emergencies; a mend asked for
after a scare is a report; a call for help away from a lift is not the lift's; a fountain, a
hot day and a rumour asked about are no emergencies."""

from __future__ import annotations

import pytest

from bot.understanding import parse


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("家里燃气表那里嘶嘶响 一股臭鸡蛋味 我已经出来了 3栋二单元", "safety"),
        ("娃娃的手被电梯门夹到了 哭得好凶 门还没松开 5栋一单元", "elevator"),
        ("老公在厕所摔了 头出血了 我一个人抬不动 有没有邻居能来帮下忙 6栋3单元", "assistance"),
        ("楼上的水漫下来了！！！从吊灯里往下流 4-3-502 快关总阀", "water"),
        ("地下室水泵房一直在往外冒水 已经淹到车位了！！车都泡着", "water"),
        ("21栋电梯井里一直有咚咚的声音，还有人在喊", "elevator"),
        ("8栋独居的王爷爷屋头有人在喊救命 门反锁了敲不开", "assistance"),
    ],
)
def test_emergencies(text: str, category: str) -> None:
    r = parse(text)
    assert (r.intent, r.category, r.urgent) == ("report", category, True), r


@pytest.mark.parametrize(
    "text",
    [
        "3栋电梯困人了 后来人都出来了",  # out of a lift is over
        "我家老头子腿摔了，我一个人搬不动米，有没有志愿者帮忙把米扛上楼，10栋",
        "电梯卡了一下又好了 有点怕 明天找人看看嘛 3栋",
        "我刚从电梯出来 被关了十来分钟 现在好了 2栋1单元 物业赶紧查查吧",
        "小区入口那里天天有人逆行，迟早要出事",
    ],
)
def test_reports_that_are_no_emergency(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", False), r


@pytest.mark.parametrize(
    "text",
    [
        "谁家的狗狗跑出来了 在喷水池旁边 白色泰迪",
        "今天好热哦 屋头像蒸笼一样 快着火了",
        "听说昨天有人被关在电梯里头 真的假的",
    ],
)
def test_chat(text: str) -> None:
    assert parse(text).intent == "chat"


def test_two_tasks_taken_together() -> None:
    r = parse("#52 #53 我一起认了")
    assert (r.intent, r.task_refs) == ("claim", (52, 53))
