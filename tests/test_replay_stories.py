"""The stories of product.md, told as transcripts in tests/transcripts, run through
`weizhili replay`: every message the bot sends must be exactly the expected one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from bot.replay import run_replay
from bot.settings import Settings

STORIES = Path(__file__).parent / "transcripts"
TOLD = sorted(
    p
    for p in STORIES.glob("*.jsonl")
    if not p.name.endswith(".expected.jsonl") and p.with_suffix(".expected.jsonl").exists()
)


async def replay(story: Path, db: Path) -> list[dict[str, object]]:
    lines = read_lines(story)
    settings = Settings(_env_file=None, database_url=f"sqlite:///{db}")  # type: ignore[call-arg]
    out, errors = io.StringIO(), io.StringIO()
    status = await run_replay(lines, settings, out, errors)
    assert (status, errors.getvalue()) == (0, "")
    return [json.loads(line) for line in out.getvalue().splitlines()]


def read_lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()


def test_the_stories_are_there() -> None:
    names = {p.stem for p in TOLD}
    assert {"lift_story", "urgent_lift", "hostile", "twenty_days"} <= names


@pytest.mark.parametrize("story", TOLD, ids=[p.stem for p in TOLD])
async def test_story_sends_exactly_what_is_expected(story: Path, tmp_path: Path) -> None:
    expected_lines = read_lines(story.with_suffix(".expected.jsonl"))
    expected = [json.loads(line) for line in expected_lines if line.strip()]
    assert await replay(story, tmp_path / "state.db") == expected


async def test_tasks_json_after_the_lift_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "state.db"
    await replay(STORIES / "lift_story.jsonl", db)
    assert cli_main(["tasks", "--db", str(db), "--json"]) == 0
    (task,) = json.loads(capsys.readouterr().out)
    assert task == {
        "number": 1,
        "community": "锦春小区",
        "category": "elevator",
        "status": "accepted",
        "urgent": False,
        "building": 3,
        "unit": None,
        "summary": "3栋电梯又坏了，有事打我电话138****5678",
        "reporters": 3,
        "claimant": "张党员",
        "deadline": "2026-03-29T23:59:59+08:00",
        "created_at": "2026-03-14T09:00:00+08:00",
        "updated_at": "2026-03-15T12:30:00+08:00",
    }
