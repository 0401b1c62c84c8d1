"""Readings added after blind163–165: the water's mains shut ends its emergency, a gas
valve's does not; a thud and silence from an old neighbour, a bag caught in a moving lift,
water into one's home, smoke so thick one cannot see and a car being smashed are
emergencies; a burst outside that only cuts the water is not; the smoke of curing meat in
the air is the season's, in one's home it is a danger; a noise felt in one's head is a
noise report."""

from __future__ import annotations

import pytest

from bot.understanding import parse


@pytest.mark.parametrize(
    "text",
    [
        "楼上那个老人家里咚的一声很大的响 然后就没动静了 喊也没人答应 11栋1单元",
        "36栋1单元 电梯门把我儿子书包夹住了！电梯在往上走！！",
        "楼上暖气片漏水 淹到我家客厅了 水还在往下流！29-1-502",
        "隔壁单元有人在楼道头烧香烧纸 烟子大得很 路都看不到了 7栋",
        "楼下有个喝醉了的在砸车 吼得凶 好吓人 快喊保安",
        "楼上那家又在阳台上烧柴火熏腊肉 烟子全部灌到我屋头来了 眼睛都睁不开 10栋",
        "灶台那根管子接头一凑就冒小火苗，赶紧关了总阀，现在屋头还有味道，5-1-602",
        "总阀关了 水还在往下灌 快来人",
    ],
)
def test_emergencies(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r


@pytest.mark.parametrize(
    "text",
    [
        "洗手池下面的管子在滋水 柜子全泡了 我先关了总闸 3栋",
        "外头修路把水管挖爆了 小区莫得水了",
        "我们家楼上的管子在漏水，已经流到我屋头客厅了，上面没人在家，咋个办嘛，3-2-402",
        "隔壁早上七点就开始电钻 钻到现在没停过 脑壳都要炸了",
    ],
)
def test_reports_that_are_no_emergency(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", False), r


def test_two_tasks_taken_at_once() -> None:
    r = parse("#45 #46 我都认了")
    assert (r.intent, r.task_refs) == ("claim", (45, 46))
