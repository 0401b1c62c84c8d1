"""Command arguments: what a secretary types is read exactly, and nonsense is refused."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.arguments import (
    chinese_number,
    deadline,
    free_text,
    leading_task,
    mention_names,
    task_number,
    tokens,
    without_mentions,
)

TZ = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 3, 16, 9, 30, tzinfo=TZ)


@pytest.mark.parametrize(
    ("token", "number"),
    [
        ("12", 12),
        ("#12", 12),
        ("＃12", 12),
        ("12号", 12),
        ("１２", 12),
        ("123456789", 123456789),
        (" #7 ", 7),
    ],
)
def test_task_numbers_are_read(token: str, number: int) -> None:
    assert task_number(token) == number


@pytest.mark.parametrize(
    "token",
    [
        "",
        "#",
        "0",
        "#0",
        "#-1",
        "-1",
        "1234567890",
        "99999999999999999999",
        "12a",
        "十二",
        "1e3",
        "12.5",
        "'; DROP TABLE task;--",
        "[CQ:at,qq=123]",
        "١٢",
        "#" + "9" * 10_000,
    ],
)
def test_task_numbers_refuse_everything_else(token: str) -> None:
    assert task_number(token) is None


def test_leading_task_splits_number_from_the_rest() -> None:
    assert leading_task("#12 电梯已修好 谢谢") == (12, "电梯已修好 谢谢")
    assert leading_task("12") == (12, "")
    assert leading_task("12\u2005@张三") == (12, "@张三")
    assert leading_task("@张三 12") is None
    assert leading_task("") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十", 30),
        ("两", 2),
        ("一百零五", 105),
        ("三百六十五", 365),
    ],
)
def test_chinese_numbers(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "十十", "十百", "三四", "五个", "abc"])
def test_chinese_numbers_refuse_nonsense(text: str) -> None:
    assert chinese_number(text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15天", "2026-03-31"),
        ("15", "2026-03-31"),
        ("十五天", "2026-03-31"),
        ("15天内", "2026-03-31"),
        ("15天以内", "2026-03-31"),
        ("限期15天", "2026-03-31"),
        ("明天之内", "2026-03-17"),
        ("1", "2026-03-17"),
        ("365天", "2027-03-16"),
        ("3月30日", "2026-03-30"),
        ("3月30日前", "2026-03-30"),
        ("3月16日", "2026-03-16"),
        ("2026-03-30", "2026-03-30"),
        ("2026/4/1", "2026-04-01"),
        ("2026年4月1日", "2026-04-01"),
        ("20号", "2026-03-20"),
        ("１５天", "2026-03-31"),
        ("10号", "2026-04-10"),
        ("今天", "2026-03-16"),
        ("明天", "2026-03-17"),
        ("明天前", "2026-03-17"),
        ("后天", "2026-03-18"),
        ("两周", "2026-03-30"),
        ("1个星期", "2026-03-23"),
        ("15周", "2026-06-29"),
        ("一个月", "2026-04-16"),
        ("月底", "2026-03-31"),
        ("本月月底前", "2026-03-31"),
        ("周五", "2026-03-20"),
        ("周一", "2026-03-16"),
        ("星期天", "2026-03-22"),
        ("礼拜三前", "2026-03-18"),
        ("本周五", "2026-03-20"),
        ("下周五", "2026-03-27"),
        ("下星期一之前", "2026-03-23"),
        ("下个礼拜天", "2026-03-29"),
    ],
)
def test_deadlines_end_at_the_end_of_the_named_day(text: str, day: str) -> None:
    got = deadline(text, MONDAY)
    assert got is not None
    assert got.date().isoformat() == day
    assert (got.hour, got.minute, got.second) == (23, 59, 59)
    assert got.utcoffset() == MONDAY.utcoffset()


def test_a_weekday_said_late_in_the_week() -> None:
    saturday = datetime(2026, 3, 21, 10, tzinfo=TZ)
    assert deadline("周五", saturday).date().isoformat() == "2026-03-27"  # type: ignore[union-attr]
    assert deadline("下周五", saturday).date().isoformat() == "2026-03-27"  # type: ignore[union-attr]
    assert deadline("本周五", saturday) is None  # gone by: refused, not moved on
    assert deadline("周八", saturday) is None


def test_a_date_early_next_year_said_in_december_means_next_year() -> None:
    got = deadline("1月5日", datetime(2026, 12, 20, 10, tzinfo=TZ))
    assert got is not None and got.date().isoformat() == "2027-01-05"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0",
        "0天",
        "-5",
        "366",
        "9999天",
        "99999999999999999999",
        "3月1日",
        "2025-12-31",
        "2028-01-01",
        "2月30日",
        "13月1日",
        "2026-02-30",
        "明年",
        "abc",
        "53周",
        "0周",
        "13个月",
        "一百个月",
        "15天 @张三",
        "'; DROP TABLE task;--",
    ],
)
def test_absurd_deadlines_are_refused(text: str) -> None:
    assert deadline(text, MONDAY) is None


def test_mentions_are_found_and_taken_out() -> None:
    assert mention_names("12 @张三\u2005＠李四 请跟进") == ["张三", "李四"]
    assert without_mentions("12 @张三\u2005请跟进") == "12 请跟进"
    assert mention_names("12 张三") == []


def test_tokens_split_on_every_kind_of_space() -> None:
    assert tokens(" 12\u3000@张三\u2005 好 ") == ["12", "@张三", "好"]


def test_free_text_is_tidied_and_bounded() -> None:
    assert free_text("  重复  报告 ", 200) == "重复 报告"
    assert free_text("   ", 200) is None
    assert free_text("很" * 201, 200) is None
    assert free_text("很" * 200, 200) == "很" * 200


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("明天18点", "2026-03-17 18:00"),
        ("明天18:00", "2026-03-17 18:00"),
        ("明天 18：30", "2026-03-17 18:30"),
        ("明天下午6点", "2026-03-17 18:00"),
        ("明天下午六点半", "2026-03-17 18:30"),
        ("明天下午6点前", "2026-03-17 18:00"),
        ("明天上午10点", "2026-03-17 10:00"),
        ("明天中午12点", "2026-03-17 12:00"),
        ("明天中午1点", "2026-03-17 13:00"),
        ("明晚8点", "2026-03-17 20:00"),
        ("今晚8点", "2026-03-16 20:00"),
        ("18点", "2026-03-16 18:00"),
        ("18点前", "2026-03-16 18:00"),
        ("下午5点20分", "2026-03-16 17:20"),
        ("周五下午3点", "2026-03-20 15:00"),
        ("3月30日18:00", "2026-03-30 18:00"),
        ("20号上午9点", "2026-03-20 09:00"),
        ("明天上午", "2026-03-17 12:00"),
        ("明天下午", "2026-03-17 18:00"),
    ],
)
def test_deadlines_at_a_time_of_day(text: str, when: str) -> None:
    got = deadline(text, MONDAY)
    assert got is not None
    assert got.strftime("%Y-%m-%d %H:%M") == when
    assert got.utcoffset() == MONDAY.utcoffset()


@pytest.mark.parametrize("text", ["今晚", "明天晚上", "明天晚上12点", "明天24点", "明天24:00"])
def test_the_evening_or_midnight_is_the_end_of_the_day(text: str) -> None:
    got = deadline(text, MONDAY)
    assert got is not None
    assert (got.hour, got.minute, got.second) == (23, 59, 59)


@pytest.mark.parametrize(
    "text",
    ["9点", "今天上午9点", "今早8点", "明天25点", "明天18:75", "明天上午18点", "明天18点99分", "明年18点", "张三18点", "400天18点"],
)
def test_times_of_day_gone_by_or_impossible_are_refused(text: str) -> None:
    assert deadline(text, MONDAY) is None  # MONDAY is 09:30


@pytest.mark.parametrize(("text", "gone"), [("今天早上8点", True), ("9点", True), ("2025-12-31", True),
                                            ("明天18点", False), ("明年", False), ("2月30日", False), ("abc", False),
                                            ("昨天", True), ("限期前天", True), ("昨天的", False)])
def test_a_deadline_gone_by_is_told_from_one_that_cannot_be_read(text: str, gone: bool) -> None:
    from bot.arguments import gone_by

    assert gone_by(text, MONDAY) is gone  # MONDAY is 2026-03-16 09:30


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("-5天", "期限要在今天以后"),
        ("0天", "期限要在今天以后"),
        ("99999天", "期限最长 365 天"),
        ("2月30日", "没有 2月30日 这一天"),
        ("2027-02-29", "没有 2027-02-29 这一天"),
        ("昨天", "昨天 已经过去了"),
        ("15天", None),
        ("尽快", None),
    ],
)
def test_a_refused_deadline_says_why(text: str, why: str | None) -> None:
    from bot.arguments import deadline_refused

    got = deadline_refused(text, MONDAY)
    assert (got is None) if why is None else (got is not None and got.startswith(why)), got
