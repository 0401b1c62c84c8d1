"""The weekly digest to each secretary, privately, Monday 08:30."""

from __future__ import annotations

from datetime import timedelta

from bot.testing import TestChat


async def test_each_secretary_gets_the_weekly_digest_privately() -> None:
    async with TestChat() as chat:  # Monday 2026-03-16 09:00
        await chat.compound(people={"wx_lei": ("雷书记", "secretary"), "wx_li": ("李阿姨", "resident")})
        await chat.compound(name="桂园小区", group="g9", people={"wx_wang": ("王书记", "secretary")})
        await chat.say("wx_li", "3栋电梯坏了")
        sent = await chat.advance(timedelta(days=7))
        digests = [s for s in sent if s.msg.text.startswith("【每周简报】")]
        assert [(s.msg.user_id, s.ts.isoformat()) for s in digests] == [
            ("wx_lei", "2026-03-23T08:30:00+08:00"),
            ("wx_wang", "2026-03-23T08:30:00+08:00"),
        ]
        lei = digests[0].msg.text.splitlines()
        assert lei[0] == "【每周简报】锦春小区"
        assert lei[1] == "待认领 1，处理中 0，超期 0，待验收 0，已验收 0"
        assert "反映 1 件" in lei[3]
        assert all(s.msg.chat_id is None for s in digests)
