"""/公告, /定时, /定时列表, /取消定时 and the care tips, driven by the simulated clock."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest

from bot.testing import TestChat, texts
from handlers.tips import TOPICS, tips

PEOPLE = {"wx_lei": ("雷书记", "secretary"), "wx_li": ("李阿姨", "resident")}


@pytest.fixture
async def chat() -> TestChat:
    async with TestChat() as chat:  # Monday 2026-03-16 09:00
        await chat.compound(people=PEOPLE)
        await chat.compound(name="桂园小区", group="g9", people={"wx_wang": ("王书记", "secretary")})
        yield chat  # type: ignore[misc]


async def test_a_notice_goes_to_every_group_of_the_compound_only(chat: TestChat) -> None:
    async with chat.app.db_lock:
        with chat.app.db.session() as s:
            from storage.repo.communities import bind_group, find_community

            c = find_community(s, "锦春小区")
            assert c is not None
            bind_group(s, "qq", "q1", c, chat.clock.now())
    sent = await chat.say("wx_lei", "/公告 明天上午 9 点到 12 点停水")
    where = sorted((s.msg.platform, s.msg.chat_id) for s in sent if s.msg.text.startswith("【公告】"))
    assert where == [("qq", "q1"), ("wechat", "g1")]
    assert [t for t in texts(sent) if "个群" in t] == ["公告已发往锦春小区的 2 个群。"]


async def test_a_resident_cannot_send_a_notice(chat: TestChat) -> None:
    assert texts(await chat.say("wx_li", "/公告 大家好")) == ["只有书记或管理员可以使用 /公告。"]


async def test_an_empty_notice_gets_the_usage(chat: TestChat) -> None:
    assert texts(await chat.say("wx_lei", "/公告")) == [
        "用法：/公告 内容（发到本小区所有群，最多 500 字）"
    ]


async def test_a_notice_at_night_waits_for_the_morning(chat: TestChat) -> None:
    await chat.advance(to=datetime.fromisoformat("2026-03-16T23:00:00+08:00"))
    sent = await chat.say("wx_lei", "/公告 明早停电")
    assert texts(sent) == ["公告已发往锦春小区的 1 个群（现在是免打扰时段，将于 3月17日 08:00 发出）。"]
    morning = await chat.advance(timedelta(hours=10))
    assert [(s.msg.text, s.ts.hour) for s in morning if "停电" in s.msg.text] == [
        ("【公告】明早停电", 8)
    ]


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("/定时 每周八 25:00 开会", "没有 25:00 这个时刻"),
        ("/定时 每周八 09:00 开会", "看不懂“每周八”"),
        ("/定时 每周一 09:00", "请在时间后面写上通知的内容"),
        ("/定时 每月32日 09:00 交物业费", "看不懂“每月32日”"),
        ("/定时 下周 09:00 开会", "看不懂“下周”"),
        ("/定时 2026-02-30 09:00 开会", "没有 2026-02-30 这一天"),
        ("/定时 2月30日 09:00 开会", "没有 2月30日 这一天"),
        ("/定时 每天 9点 开会", "看不懂时间“9点”"),
        ("/定时", ""),
    ],
)
async def test_a_schedule_with_a_bad_time_is_answered_with_what_is_wrong_and_its_usage(
    chat: TestChat, bad: str, why: str
) -> None:
    sent = texts(await chat.say("wx_lei", bad))
    assert len(sent) == 1 and sent[0].startswith(why), sent
    assert sent[0].split("\n")[-1].startswith("用法：/定时 时间 内容"), sent
    listing = texts(await chat.say("wx_lei", "/定时列表"))[0]
    assert "开会" not in listing and "交物业费" not in listing


async def test_a_date_in_the_past_is_refused(chat: TestChat) -> None:
    sent = texts(await chat.say("wx_lei", "/定时 2026-03-01 09:00 开会"))
    assert sent[0].startswith("2026-03-01 09:00 已经过去了。")


async def test_a_weekly_notice_goes_out_every_week_at_its_time(chat: TestChat) -> None:
    sent = texts(await chat.say("wx_lei", "/定时 每周五 17:00 周末请检查门窗水电"))
    assert sent[0].startswith("已设定时 #") and "下次 3月20日 17:00" in sent[0]
    two_weeks = await chat.advance(timedelta(days=14))
    notices = [s for s in two_weeks if "门窗水电" in s.msg.text]
    assert [s.ts.isoformat() for s in notices] == [
        "2026-03-20T17:00:00+08:00",
        "2026-03-27T17:00:00+08:00",
    ]
    assert {s.msg.chat_id for s in notices} == {"g1"}


async def test_a_schedule_in_quiet_hours_says_when_it_will_go_out(chat: TestChat) -> None:
    sent = texts(await chat.say("wx_lei", "/定时 每天 23:30 晚安，明天降温"))
    assert sent == [
        "已设定时 #2：每天 23:30，下次 3月16日 23:30（在免打扰时段内，届时推迟到 08:00 发出）。"
        "取消请发 /取消定时 2"
    ]
    night = await chat.advance(timedelta(days=1))
    assert [s.ts.isoformat() for s in night if "晚安" in s.msg.text] == ["2026-03-17T08:00:00+08:00"]
    assert "免打扰" not in texts(await chat.say("wx_lei", "/定时 每天 21:30 关好门窗"))[0]


async def test_daily_monthly_and_one_off_rules(chat: TestChat) -> None:
    await chat.say("wx_lei", "/定时 每天 08:30 今日值班：张党员")
    await chat.say("wx_lei", "/定时 每月1日 09:00 本月交物业费")
    await chat.say("wx_lei", "/定时 2026-03-18 19:30 业主大会在活动室召开")
    sent = await chat.advance(timedelta(days=17))
    daily = [s for s in sent if "值班" in s.msg.text]
    assert len(daily) == 17 and daily[0].ts.isoformat() == "2026-03-17T08:30:00+08:00"
    assert [s.ts.isoformat() for s in sent if "物业费" in s.msg.text] == [
        "2026-04-01T09:00:00+08:00"
    ]
    assert [s.ts.isoformat() for s in sent if "业主大会" in s.msg.text] == [
        "2026-03-18T19:30:00+08:00"
    ]


async def test_a_date_the_chinese_way_a_month_end_and_a_later_year(chat: TestChat) -> None:
    # The chat starts on 2026-03-16 09:00.
    water = texts(await chat.say("wx_lei", "/定时 3月22日 09:30 世界水日，节约用水"))
    assert water == ["已设定时 #2：3月22日 09:30 发一次。取消请发 /取消定时 2"]
    passed = texts(await chat.say("wx_lei", "/定时 1月5日 09:00 新年计划"))
    assert passed and "2027年1月5日 09:00 发一次" in passed[0]
    just_past = texts(await chat.say("wx_lei", "/定时 3月15日 10:00 昨天的通知"))
    assert just_past and "已经过去了" in just_past[0]
    month_end = texts(await chat.say("wx_lei", "/定时 每月31日 10:00 月末检查"))
    assert month_end and "没有 31 日的月份不发" in month_end[0]
    assert "用法" in texts(await chat.say("wx_lei", "/定时 2月30日 10:00 不存在的日子"))[0]
    sent = await chat.advance(timedelta(days=7))
    assert [s.ts.isoformat() for s in sent if "世界水日，节约用水" in s.msg.text] == [
        "2026-03-22T09:30:00+08:00"
    ]
    listed = texts(await chat.say("wx_lei", "/定时列表"))[0]
    assert "2027年1月5日 09:00（一次） 新年计划" in listed and "2026-" not in listed


async def test_today_tomorrow_and_the_day_after_are_one_off_dates(chat: TestChat) -> None:
    # The chat starts on 2026-03-16 09:00.
    tomorrow = texts(await chat.say("wx_lei", "/定时 明天 09:00 明天上午停水"))
    assert tomorrow and "3月17日 09:00 发一次" in tomorrow[0]
    assert "3月18日 08:00" in texts(await chat.say("wx_lei", "/定时 后天 08:00 后天检修"))[0]
    assert "已经过去了" in texts(await chat.say("wx_lei", "/定时 今天 08:00 早上的通知"))[0]
    sent = await chat.advance(timedelta(days=3))
    assert [s.ts.isoformat() for s in sent if "停水" in s.msg.text] == ["2026-03-17T09:00:00+08:00"]


async def test_list_and_cancel(chat: TestChat) -> None:
    made = texts(await chat.say("wx_lei", "/定时 每天 18:00 关好门窗"))[0]
    number = made.split("#")[1].split("：")[0]
    listing = texts(await chat.say("wx_lei", "/定时列表"))[0]
    assert f"#{number} 每天 18:00 关好门窗" in listing
    assert "关爱提示：电梯（轮换）" in listing  # the default weekly lift tip
    assert texts(await chat.say("wx_wang", f"/取消定时 {number}", group="g9")) == [
        f"本小区没有编号为 {number} 的定时。查看请发 /定时列表"
    ]
    assert texts(await chat.say("wx_lei", f"/取消定时 {number}")) == [f"已取消定时 #{number}。"]
    assert [s for s in await chat.advance(timedelta(days=2)) if "关好门窗" in s.msg.text] == []
    assert texts(await chat.say("wx_lei", "/取消定时 abc")) == ["用法：/取消定时 3（编号见 /定时列表）"]


async def test_lift_tips_every_monday_rotate_and_water_week_brings_water_tips(
    chat: TestChat,
) -> None:
    sent = await chat.advance(timedelta(days=28))
    g1 = [s for s in sent if s.msg.chat_id == "g1"]
    mondays = [s for s in g1 if s.ts.hour == 9 and s.ts.minute == 0]
    assert [s.ts.date().isoformat() for s in mondays] == [
        "2026-03-23", "2026-03-30", "2026-04-06", "2026-04-13",
    ]
    assert mondays[0].msg.text in tips("water")  # 3月23日 is in 中国水周
    assert all(s.msg.text in tips("elevator") for s in mondays[1:])
    texts_in_order = [s.msg.text for s in g1 if s.msg.text in tips("water") + tips("elevator")]
    assert all(a != b for a, b in itertools.pairwise(texts_in_order))
    water_day = [s for s in g1 if s.ts.date().isoformat() == "2026-03-22"]
    assert [s.msg.text for s in water_day] == [tips("water")[0]]
    assert "世界水日" in water_day[0].msg.text


async def test_the_tip_library_has_every_topic() -> None:
    for topic in TOPICS:
        assert len(tips(topic)) >= 5
        assert len(set(tips(topic))) == len(tips(topic))


async def test_a_notice_missed_while_down_is_sent_once_the_same_day(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    async with TestChat(database_url=url) as before:
        await before.compound(people=PEOPLE)
        await before.say("wx_lei", "/定时 每天 10:00 今日提醒")
    # Down from 09:00 to 11:00: the 10:00 notice goes out once on coming back.
    later = datetime.fromisoformat("2026-03-16T11:00:00+08:00")
    async with TestChat(start=later, database_url=url) as after:
        assert texts(await after.advance()) == ["【定时通知】今日提醒"]
    async with TestChat(start=later + timedelta(minutes=5), database_url=url) as again:
        assert texts(await again.advance()) == []
    # Down for a whole day: yesterday's notice is not sent late.
    next_day = datetime.fromisoformat("2026-03-18T09:00:00+08:00")
    async with TestChat(start=next_day, database_url=url) as late:
        assert texts(await late.advance()) == []
        assert texts(await late.advance(timedelta(hours=2))) == ["【定时通知】今日提醒"]


async def test_a_notice_missed_for_days_is_sent_once_for_today(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    async with TestChat(database_url=url) as before:
        await before.compound(people=PEOPLE)
        await before.say("wx_lei", "/定时 每天 10:00 今日提醒")
    # Down from the 16th 09:00 until the 17th 12:00: the 17th's 10:00 notice goes out.
    later = datetime.fromisoformat("2026-03-17T12:00:00+08:00")
    async with TestChat(start=later, database_url=url) as after:
        assert texts(await after.advance()) == ["【定时通知】今日提醒"]
    async with TestChat(start=later + timedelta(minutes=5), database_url=url) as again:
        assert texts(await again.advance()) == []
        assert texts(await again.advance(timedelta(days=1))) == ["【定时通知】今日提醒"]


async def test_two_processes_do_not_both_send_a_scheduled_notice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    async with TestChat(database_url=url) as setup:
        await setup.compound(people=PEOPLE)
        await setup.say("wx_lei", "/定时 每天 10:00 今日提醒")
    at = datetime.fromisoformat("2026-03-16T10:00:00+08:00")
    async with TestChat(database_url=url) as one, TestChat(database_url=url) as two:
        await one.advance(to=at)
        await two.advance(to=at)
        both = [s for s in one.sent + two.sent if "今日提醒" in s.msg.text]
        assert len(both) == 1


async def test_every_compound_gets_one_lift_tip_each_monday(chat: TestChat) -> None:
    await chat.compound(name="春江小区", group="g5")
    sent = await chat.advance(timedelta(days=14))
    mondays = sorted(
        (s.msg.chat_id or "", s.ts.date().isoformat())
        for s in sent
        if s.ts.hour == 9 and s.ts.minute == 0 and s.msg.text in tips("water") + tips("elevator")
    )
    assert mondays == [
        (g, day) for g in ("g1", "g5", "g9") for day in ("2026-03-23", "2026-03-30")
    ]
    listed = texts(await chat.say("wx_lei", "/定时列表"))
    assert len(listed) == 1 and listed[0].count("关爱提示") == 1
    assert "下次 4月6日 09:00" in listed[0]
