"""Settings: what the configuration may say."""

from __future__ import annotations

import pytest

from bot.settings import TASK_CATEGORIES, SettingsError, load_settings
from handlers.taskkit import CATEGORY_LABELS


def test_the_settings_know_the_categories_the_bot_labels() -> None:
    assert set(CATEGORY_LABELS) == TASK_CATEGORIES


def test_deadlines_by_category_are_checked() -> None:
    ok = load_settings(_env_file=None, deadline_days_by_category={"elevator": 3})
    assert ok.deadline_days_by_category == {"elevator": 3}
    for bad in ({"elevator": 0}, {"elevator": 100_000}, {"lift": 3}):
        with pytest.raises(SettingsError):
            load_settings(_env_file=None, deadline_days_by_category=bad)
