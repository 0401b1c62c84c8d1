"""Readings added after blind147–149: water running into a home now, a warning to those
below, a supposed fire or a feared day is no emergency, a scare that ended followed by a
fix asked for is still a report, task numbers in Chinese numerals and a task's status."""

from __future__ import annotations

import pytest

from bot.understanding import parse


@pytest.mark.parametrize(
    "text",
    [
        # water running into a home now, or up to the ankles on the ground floor
        "楼上水管脱了 水一直在往我家流 墙上地上都是水 18栋",
        "3栋1单元 一楼进水了!!! 水都淹到脚背了",
        # falling now, told by the warning to those below
        "阳台玻璃被吹爆了 碎玻璃从楼上往下掉！！楼下别走",
    ],
)
def test_dangers_now_are_urgent(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r


@pytest.mark.parametrize(
    "text",
    [
        # slow water, or hot air, running the same way is no flood
        "楼上洗衣机排水顺着墙往我家流，墙皮都泡了，26栋",
        "空调外机装在我家窗户正下方，热风直往屋里灌",
        # a fire supposed, a day feared
        "消防通道又被车子堵死了 就是五栋后面那条 真的着火了消防车都进不来",
        "电梯天天坏 总有一天我要被关在里面 唉 7栋",
    ],
)
def test_supposed_or_slow_harm_is_no_emergency(text: str) -> None:
    assert parse(text).urgent is False


@pytest.mark.parametrize(
    "text",
    [
        "12栋电梯早上困了个快递小哥 半小时后救出来了 这电梯能不能好好修一下",
        "4栋地下室储藏室下午就泡了 现在水退了 物业能不能来抽一下剩下的积水",
        "19栋3单元的雨棚塌下来了 砸到一辆电动车 人没事",
    ],
)
def test_a_scare_that_ended_with_the_fault_still_there_is_a_report(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", False), r


def test_thanks_for_a_fix_with_a_wish_for_checks_is_no_report() -> None:
    assert parse("电梯修好了，谢谢物业，麻烦以后多检查一下").intent == "chat"


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("认领一下 四十二号 我是这栋楼的楼栋长", "claim", (42,)),
        ("五十五号 问题已解决 垃圾站清理完了", "progress", (55,)),
        ("51号的事情还在等配件 大家耐心等几天", "progress", (51,)),
        # a task's status asked about is no claim
        ("#60谁认领了？一直显示待认领", "chat", (60,)),
    ],
)
def test_task_numbers_and_status(text: str, intent: str, refs: tuple[int, ...]) -> None:
    r = parse(text)
    assert (r.intent, r.task_refs) == (intent, refs), r


@pytest.mark.parametrize(
    "text",
    [
        # 按哪个键都没反应: whichever button, not a question of which to press
        "3栋的电梯今天早上又不动了停在十楼那里按哪个键都没得反应 你们物业还管不管嘛",
        # 该换了: wanted, not done
        "我要投诉物业 报修了三次 每次都说马上来 一个星期没人影 这个物业该换了",
    ],
)
def test_complaints_read_as_reports(text: str) -> None:
    assert parse(text).intent == "report"
