"""/统计: the figures of the compound (or of every compound for an admin)."""

from __future__ import annotations

from datetime import timedelta

from bot.testing import TestChat, texts

PEOPLE = {
    "wx_lei": ("雷书记", "secretary"),
    "wx_zhang": ("张党员", "party"),
    "wx_li": ("李阿姨", "resident"),
    "wx_admin": ("区管理员", "admin"),
}


async def test_stats_show_counts_and_the_three_rates() -> None:
    async with TestChat() as chat:  # Monday 2026-03-16 09:00
        await chat.compound(people=PEOPLE)
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_li", "5栋楼道灯不亮了")
        await chat.advance(timedelta(hours=2))
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "#1 修好了")
        await chat.say("wx_li", "满意 1")
        await chat.advance(timedelta(days=2))
        reply = texts(await chat.say("wx_lei", "/统计 本周"))[0]
        assert reply.splitlines() == [
            "锦春小区本周（3月16日起）",
            "反映 2 件，认领 1，完成 1，验收 1，当前超期 0",
            "响应率 50%（24 小时内认领）",
            "解决率 —（期限在本期的任务按期完成）",
            "满意率 100%（居民验收满意）",
            "认领用时中位 2.0 小时，解决用时中位 2.0 小时",
        ]


async def test_an_admin_sees_every_compound_and_a_resident_nothing() -> None:
    async with TestChat() as chat:
        await chat.compound(people=PEOPLE)
        await chat.compound(name="桂园小区", group="g9", people={"wx_wang": ("王阿姨", "resident")})
        await chat.say("wx_li", "3栋电梯坏了")
        await chat.say("wx_wang", "2栋门禁坏了", group="g9")
        assert texts(await chat.say("wx_admin", "/统计"))[0].startswith("全部小区本月")
        assert "反映 2 件" in texts(await chat.say("wx_admin", "/统计"))[0]
        assert "反映 1 件" in texts(await chat.say("wx_lei", "/统计 本月"))[0]
        assert texts(await chat.say("wx_li", "/统计")) == ["只有书记或管理员可以使用 /统计。"]
        assert texts(await chat.say("wx_lei", "/统计 去年")) == ["用法：/统计 [本周/本月/上周/上月]"]


async def test_last_week_and_last_month_are_whole_periods_before_this_one() -> None:
    async with TestChat() as chat:  # Monday 2026-03-16 09:00
        await chat.compound(people=PEOPLE)
        await chat.say("wx_li", "3栋电梯坏了")  # in the week of 3月16日, in March
        await chat.advance(timedelta(days=7))  # Monday 3月23日
        await chat.say("wx_li", "5栋楼道灯不亮了")
        last_week = texts(await chat.say("wx_lei", "/统计 上周"))[0].splitlines()
        assert last_week[0] == "锦春小区上周（3月16日至3月22日）"
        assert last_week[1].startswith("反映 1 件")
        assert texts(await chat.say("wx_lei", "/统计 本周"))[0].splitlines()[1].startswith("反映 1 件")
        await chat.advance(timedelta(days=10))  # 4月2日
        last_month = texts(await chat.say("wx_lei", "/统计 上个月"))[0].splitlines()
        assert last_month[0] == "锦春小区上月（3月1日至3月31日）"
        assert last_month[1].startswith("反映 2 件")
        assert texts(await chat.say("wx_lei", "/统计"))[0].splitlines()[1].startswith("反映 0 件")
