"""Readings added after blind167–169: a child shut in a car and sewage spreading into the
rooms are emergencies; out after many minutes is over; a safety talk, and a rumour asked
about, are chat; a numbered task with its part arrived is progress."""

from __future__ import annotations

import pytest

from bot.understanding import parse


@pytest.mark.parametrize(
    "text",
    [
        "有小孩被锁在车库的车里 孩子在哭 车里好热 B2区",
        "地漏返水，卫生间全是污水 已经往客厅漫了 4-2-101",
    ],
)
def test_emergencies(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r


def test_out_after_many_minutes_is_over_and_the_fault_stays() -> None:
    r = parse("停电时6栋电梯关了人 十几分钟才出来 里面应急灯都不亮 得修一下")
    assert (r.intent, r.category, r.urgent) == ("report", "elevator", False)


@pytest.mark.parametrize(
    "text",
    [
        "刚才谁在群里说车棚着火 是真的吗？我下去看了啥事没有",
        "各位邻居 下午三点在党群服务中心有电梯安全讲座 讲困梯了怎么自救 欢迎参加",
        "空调外机装在我家窗户正下方，热风直往屋里灌",
    ],
)
def test_no_emergency(text: str) -> None:
    assert parse(text).urgent is False


def test_a_numbered_task_whose_part_arrived_is_progress() -> None:
    r = parse("70号 配件到了 明天上午装")
    assert (r.intent, r.task_refs) == ("progress", (70,))
