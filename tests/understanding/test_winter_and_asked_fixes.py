"""Readings added after blind151–153: a fix asked for or wanted keeps a report whose scare
is over; fires and falls supposed, smoke of the season, the danger gone or elsewhere are
no emergencies; more ways of naming task numbers."""

from __future__ import annotations

import pytest

from bot.understanding import parse


@pytest.mark.parametrize(
    "text",
    [
        "我昨天被关电梯里半个钟头 吓死我了 后来自己好了 这电梯该修了 11栋",
        "刚才被关电梯里十分钟 还好自己又动了 18栋2单元 这电梯得好好查查",
        "电梯一会好一会坏 维保的来了三回了 3栋2单元 能不能彻底换了",
        "我屋头插座冒火花了 闸刀我拉了 现在不冒了 要找电工看一下 10-1-501",
        "说好今天停水检修 都下午五点了还没来水 大冬天的饭都做不成",
    ],
)
def test_a_fault_still_to_mend_is_a_report_and_no_emergency(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", False), r


@pytest.mark.parametrize(
    "text",
    [
        "冰柱子挂在13栋屋檐上有手臂那么粗 下面就是人走的路 掉下来砸到人咋办",
        "楼道里堆了好多纸壳壳 旧家具 起火咋个办 14幢",
        "一楼大厅门一直开着关不拢 冷风灌进来 8幢2单元",
    ],
)
def test_harm_supposed_or_only_wind_is_no_emergency(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", False), r


@pytest.mark.parametrize(
    "text",
    [
        "今天熏腊肉的人好多 整个小区都是烟 哈哈 年味来了",
        "听说对面小区水管爆了 淹了好几户 我们这老管子也差不多吧",
        "雪化了路上全是泥 不过今天出太阳了还是开心",  # 出太阳了 is no 阳了
    ],
)
def test_the_season_elsewhere_and_the_sun_are_chat(text: str) -> None:
    assert parse(text).intent == "chat"


def test_a_missed_fall_with_more_loose_above_stays_urgent() -> None:
    r = parse("刚刚15栋楼上掉了块瓷砖下来 差点砸到人 外墙还有几块松了在晃")
    assert (r.intent, r.urgent) == ("report", True)


def test_a_fire_burning_asked_what_to_do_stays_urgent() -> None:
    r = parse("5栋楼道着火了 怎么办 快来人")
    assert (r.intent, r.urgent) == ("report", True)


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("47号和48号都已经处理好了", "progress", (47, 48)),
        ("这个37号我来跟进", "claim", (37,)),
        ("27这个我来嘛", "claim", (27,)),
        ("42号 还在等配件 别催了😅", "progress", (42,)),
    ],
)
def test_task_numbers(text: str, intent: str, refs: tuple[int, ...]) -> None:
    r = parse(text)
    assert (r.intent, r.task_refs) == (intent, refs), r
