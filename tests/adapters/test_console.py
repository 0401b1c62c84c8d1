"""The console chat: a typed "@名字" of someone the console knows arrives as a mention,
as it would from a chat app, so the secretary commands can be tried by hand."""

from __future__ import annotations

import io

from bot.adapters.console import DEMO_GROUP, PLATFORM, ConsoleAdapter, console_user_id
from bot.testing import TestChat

NAMES = {console_user_id(n): n for n in ("雷书记", "张党员", "张", "李阿姨")}


def test_known_names_become_mentions_in_order_and_once() -> None:
    console = ConsoleAdapter(stdin=io.StringIO(""), stdout=io.StringIO(), names=NAMES)
    got = console.mentions_in("/派单 1 @张党员 ＠李阿姨 @张党员")
    assert got == (console_user_id("张党员"), console_user_id("李阿姨"))


def test_the_longest_known_name_wins_and_text_after_it_does_not_matter() -> None:
    console = ConsoleAdapter(stdin=io.StringIO(""), stdout=io.StringIO(), names=NAMES)
    assert console.mentions_in("@张党员请尽快处理") == (console_user_id("张党员"),)
    assert console.mentions_in("@张 在吗") == (console_user_id("张"),)


def test_unknown_names_and_bare_at_signs_are_no_mentions() -> None:
    console = ConsoleAdapter(stdin=io.StringIO(""), stdout=io.StringIO(), names=NAMES)
    assert console.mentions_in("@王五 你好 @ 邮箱 a@b.com") == ()


async def test_a_typed_mention_assigns_a_task_in_the_console() -> None:
    out = io.StringIO()
    async with TestChat(send_burst=1000, send_rate_per_second=100) as chat:
        await chat.compound(
            group=DEMO_GROUP,
            platform=PLATFORM,
            people={
                console_user_id("雷书记"): ("雷书记", "secretary"),
                console_user_id("张党员"): ("张党员", "party"),
            },
        )
        console = ConsoleAdapter(stdin=io.StringIO(""), stdout=out, names=NAMES)
        chat.app.add_adapter(console)
        await console.start(chat.app)
        await console.feed_line("李阿姨: 3栋电梯坏了")
        event = await console.feed_line("雷书记: /派单 1 @张党员")
    assert event is not None and event.mentions == (console_user_id("张党员"),)
    assert "🤖 @张党员 #1【电梯】3栋 已派给 张党员" in out.getvalue()
