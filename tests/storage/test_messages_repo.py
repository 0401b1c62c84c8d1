"""The message log: one row per platform message id, linked to the task it filed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.events import Event
from storage.database import Database
from storage.repo.communities import add_community
from storage.repo.messages import find_message, log_message, set_message_task
from storage.repo.tasks import Actor, file_report

NOW = datetime(2026, 3, 16, 1, 0, tzinfo=UTC)


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database("sqlite://")
    database.migrate()
    yield database
    database.close()


def test_a_message_is_stored_once_and_linked_to_its_task(db: Database) -> None:
    ev = Event("wechat", "g1", "wx_li", "李阿姨", "3栋电梯坏了", "m1", NOW)
    with db.session() as s:
        c = add_community(s, "锦春小区", "", NOW)
        assert c.id is not None
        row = log_message(s, ev, c.id)
        assert row is not None and log_message(s, ev, c.id) is None
        task = file_report(s, c.id, Actor("wechat", "wx_li", "李阿姨"), ev.text, NOW).task
        assert task.id is not None
        loaded = find_message(s, "wechat", "m1")
        assert loaded is not None and loaded.task_id is None
        set_message_task(s, row, task.id)
        assert loaded.task_id == task.id  # a row loaded in the session follows the change
    assert db.version_of("message") == (1,)
    with db.session() as s:
        stored = find_message(s, "wechat", "m1")
        assert stored is not None and stored.task_id == task.id and stored.ts == NOW
        assert stored.text == "3栋电梯坏了" and stored.community_id == c.id


def test_the_same_id_on_another_platform_is_another_message(db: Database) -> None:
    with db.session() as s:
        a = log_message(s, Event("wechat", "g1", "u", "甲", "你好", "m1", NOW), None)
        b = log_message(s, Event("qq", "g1", "u", "甲", "你好", "m1", NOW), None)
        assert a is not None and b is not None and a != b


def test_every_field_is_stored_as_given_and_the_time_in_utc(db: Database) -> None:
    shanghai = datetime.fromisoformat("2026-03-16T09:30:00.250000+08:00")
    ev = Event("qq", None, "u9", "名" * 150, "私聊\u0000文字", "p1", shanghai, reply_to="m0")
    with db.session() as s:
        assert log_message(s, ev, None) is not None
    with db.session() as s:
        stored = find_message(s, "qq", "p1")
        assert stored is not None
        assert (stored.chat_id, stored.user_id, stored.reply_to) == (None, "u9", "m0")
        assert stored.user_name == "名" * 100 and stored.text == "私聊\u0000文字"
        assert stored.ts == shanghai and stored.ts.tzinfo == UTC and stored.task_id is None
