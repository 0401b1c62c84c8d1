"""CQ codes and segments: what a resident wrote reaches the core as text, mentions and
the quoted message; what the bot sends can never turn into a CQ code."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.adapters.onebot.cq import (
    MessageFormatError,
    escape,
    outgoing,
    parse_cq,
    read,
    segments_of,
    to_cq,
    unescape,
)
from bot.adapters.onebot.translate import FrameError, to_event

NOW = datetime.fromisoformat("2026-03-16T09:00:00+08:00")
BOT = "10001"


def test_escape_follows_the_v11_table() -> None:
    assert escape("a&b[c]d,e") == "a&amp;b&#91;c&#93;d,e"
    assert escape("a&b[c]d,e", param=True) == "a&amp;b&#91;c&#93;d&#44;e"
    assert unescape("a&amp;b&#91;c&#93;d&#44;e") == "a&b[c]d,e"
    assert unescape(escape("&#91;")) == "&#91;"


def test_a_cq_string_becomes_segments_with_unescaped_text_and_parameters() -> None:
    raw = "[CQ:reply,id=42][CQ:at,qq=20002] 我来认领 &#91;急&#93;[CQ:face,id=178][CQ:image,file=a&#44;b.jpg]"
    assert parse_cq(raw) == [
        {"type": "reply", "data": {"id": "42"}},
        {"type": "at", "data": {"qq": "20002"}},
        {"type": "text", "data": {"text": " 我来认领 [急]"}},
        {"type": "face", "data": {"id": "178"}},
        {"type": "image", "data": {"file": "a,b.jpg"}},
    ]


def test_a_broken_cq_code_is_only_text() -> None:
    assert parse_cq("[CQ:at,qq=1 3栋电梯坏了") == [
        {"type": "text", "data": {"text": "[CQ:at,qq=1 3栋电梯坏了"}}
    ]


def test_segments_round_trip_through_the_string_format() -> None:
    segments = [
        {"type": "at", "data": {"qq": "20002"}},
        {"type": "text", "data": {"text": " 写了 [CQ:at,qq=all] & 别的"}},
    ]
    assert parse_cq(to_cq(segments)) == segments


def test_read_gives_text_mentions_reply_and_to_me() -> None:
    segments = parse_cq(
        "[CQ:reply,id=7][CQ:at,qq=10001] [CQ:at,qq=20002][CQ:at,qq=all] 认领 12[CQ:face,id=1]"
    )
    reading = read(segments, BOT)
    assert reading.text == "认领 12"
    assert reading.mentions == ("20002",)
    assert reading.reply_to == "7"
    assert reading.to_me is True


def test_array_segments_with_numbers_read_the_same_as_strings() -> None:
    array = [
        {"type": "reply", "data": {"id": 7}},
        {"type": "at", "data": {"qq": 20002}},
        {"type": "text", "data": {"text": " 我来认领"}},
        {"type": "image", "data": {"file": "x.jpg", "url": "http://x"}},
    ]
    assert read(segments_of(array), BOT) == read(
        segments_of("[CQ:reply,id=7][CQ:at,qq=20002] 我来认领[CQ:image,file=x.jpg]"), BOT
    )


@pytest.mark.parametrize(
    "message",
    [None, 42, {"type": "text"}, [{"data": {}}], [{"type": "text", "data": "x"}], ["text"]],
)
def test_a_message_of_the_wrong_shape_is_refused(message: object) -> None:
    with pytest.raises(MessageFormatError):
        segments_of(message)


def test_what_a_resident_typed_is_sent_back_only_as_text() -> None:
    typed = "[CQ:at,qq=all] 都来看"
    segments = outgoing(f"已登记：{typed}", ("20002",))
    assert [s["type"] for s in segments] == ["at", "text", "text"]
    assert segments[0]["data"] == {"qq": "20002"}
    assert segments[-1]["data"]["text"] == f"已登记：{typed}"
    assert to_cq(segments).count("[CQ:") == 1


def test_only_qq_numbers_become_at_segments() -> None:
    segments = outgoing("好", ("all", "wxid_abc", "20002"))
    assert [s["data"]["qq"] for s in segments if s["type"] == "at"] == ["20002"]


def group_event(**overrides: object) -> dict[str, object]:
    event: dict[str, object] = {
        "post_type": "message",
        "message_type": "group",
        "sub_type": "normal",
        "message_id": 501,
        "group_id": 777001,
        "user_id": 20002,
        "message": "[CQ:reply,id=500]我来认领",
        "raw_message": "[CQ:reply,id=500]我来认领",
        "sender": {"user_id": 20002, "nickname": "老王", "card": "党员 王师傅", "role": "member"},
        "self_id": 10001,
        "time": 1773622800,
    }
    event.update(overrides)
    return event


def test_a_group_message_becomes_an_event() -> None:
    event = to_event(group_event(), BOT, NOW)
    assert event is not None
    assert (event.platform, event.chat_id, event.user_id) == ("qq", "777001", "20002")
    assert (event.user_name, event.text, event.message_id) == ("党员 王师傅", "我来认领", "501")
    assert (event.reply_to, event.account, event.ts) == ("500", BOT, NOW)


def test_negative_message_ids_of_go_cqhttp_are_kept() -> None:
    event = to_event(group_event(message_id=-21474, message="[CQ:reply,id=-5]好"), BOT, NOW)
    assert event is not None and (event.message_id, event.reply_to) == ("-21474", "-5")


def test_the_nickname_stands_in_for_an_empty_card() -> None:
    event = to_event(group_event(sender={"nickname": "老王", "card": ""}), BOT, NOW)
    assert event is not None and event.user_name == "老王"


def test_a_private_message_has_no_chat_and_is_to_the_bot() -> None:
    event = to_event(group_event(message_type="private", sub_type="friend"), BOT, NOW)
    assert event is not None and event.chat_id is None and event.to_me


@pytest.mark.parametrize(
    "payload",
    [
        {"post_type": "meta_event", "meta_event_type": "heartbeat", "interval": 5000},
        {"post_type": "meta_event", "meta_event_type": "lifecycle", "sub_type": "connect"},
        {"post_type": "notice", "notice_type": "group_increase"},
        {"post_type": "request", "request_type": "friend"},
        {"post_type": "message_sent", "message_type": "group"},
        {"post_type": "something_new"},
        group_event(user_id=10001),
        group_event(sub_type="notice"),
        group_event(message_type="guild"),
    ],
)
def test_what_the_bot_does_not_read_gives_no_event(payload: dict[str, object]) -> None:
    assert to_event(payload, BOT, NOW) is None


@pytest.mark.parametrize(
    "changes",
    [
        {"user_id": "someone"},
        {"user_id": True},
        {"group_id": None},
        {"group_id": [1]},
        {"message_id": None},
        {"message": {"type": "text"}},
    ],
)
def test_a_malformed_message_event_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(FrameError):
        to_event(group_event(**changes), BOT, NOW)
