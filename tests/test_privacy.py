"""Masking of phone numbers, ID numbers and codes in what the bot repeats."""

from __future__ import annotations

import pytest

from bot.privacy import mask


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("我电话13812345678", "我电话138****5678"),
        ("打138-1234-5678或139 8765 4321", "打138****5678或139****4321"),
        ("座机023-68881234", "座机023-****1234"),
        ("身份证11010119900307123X", "身份证110***********123X"),
        ("门禁密码是1234，进来", "门禁密码是****，进来"),
        ("密码:8888 谢谢", "密码:**** 谢谢"),
        ("门锁 5566#", "门锁 ****"),
        ("密钥=abc-def", "密钥=****"),
        ("电话１３８１２３４５６７８", "电话138****5678"),
        ("电话138\u200b1234\u200c5678", "电话138****5678"),
        ("密码\u2060是\u200b9999", "密码是****"),
        ("\u202e反向文字 电梯坏了", "反向文字 电梯坏了"),
        ("一家人👨\u200d👩\u200d👧", "一家人👨\u200d👩\u200d👧"),
    ],
)
def test_personal_data_is_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "3栋2单元502室电梯坏了",
        "3-2-501 漏水",
        "维保热线96333，火警119",
        "#12 已联系维保公司",
        "2026-03-14 09:00 开会",
        "订单号 123456789012",
    ],
)
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    assert mask(text) == text
