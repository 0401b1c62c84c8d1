"""`weizhili replay`: set-up lines, messages with a simulated clock, exact sends out,
bad lines reported with their number and skipped."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from bot.context import Context
from bot.dispatcher import Router
from bot.filters import Command
from bot.replay import run_replay
from bot.settings import Settings

SETUP = [
    {"op": "community", "name": "锦春小区", "street": "璧泉街道"},
    {"op": "bind", "platform": "wechat", "group": "g-1", "community": "锦春小区"},
    {
        "op": "member",
        "platform": "wechat",
        "user": "wxid_lei",
        "name": "雷声福",
        "role": "secretary",
        "community": "锦春小区",
    },
]


def echo_router() -> Router:
    router = Router("echo")

    @router.message(Command("echo"))
    async def echo(ctx: Context, args: str, role: str) -> None:
        ctx.reply(f"{role}:{args}")
        if ctx.event is not None:
            ctx.tell(ctx.event.platform, ctx.event.user_id, "私信")

    return router


def msg(ts: str, text: str, user: str = "wxid_li", **extra: object) -> dict[str, object]:
    return {
        "ts": f"2026-03-14T{ts}:00+08:00",
        "platform": "wechat",
        "group": "g-1",
        "user": user,
        "name": "李阿姨",
        "text": text,
        **extra,
    }


async def replay(lines: list[str], tmp_path: Path, db: str = "r.db") -> tuple[int, list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / db}")  # type: ignore[call-arg]
    code = await run_replay(lines, settings, out, err, routers=[echo_router()])
    return code, [json.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def dumps(items: list[dict[str, object]]) -> list[str]:
    return [json.dumps(i, ensure_ascii=False) for i in items]


async def test_a_transcript_gives_the_exact_sends(tmp_path: Path) -> None:
    lines = dumps(
        [
            *SETUP,
            msg("09:00", "/echo 你好", msg_id="m1"),
            msg("09:05", "/echo 书记在", user="wxid_lei", msg_id="m2"),
            msg("09:06", "大家早上好", msg_id="m3"),
        ]
    )
    code, sent, err = await replay(lines, tmp_path)
    assert (code, err) == (0, "")
    assert sent == [
        {
            "ts": "2026-03-14T09:00:00+08:00",
            "platform": "wechat",
            "group": "g-1",
            "text": "resident:你好",
            "mentions": [],
        },
        {
            "ts": "2026-03-14T09:00:00+08:00",
            "platform": "wechat",
            "user": "wxid_li",
            "text": "私信",
            "mentions": [],
        },
        {
            "ts": "2026-03-14T09:05:00+08:00",
            "platform": "wechat",
            "group": "g-1",
            "text": "secretary:书记在",
            "mentions": [],
        },
        {
            "ts": "2026-03-14T09:05:00+08:00",
            "platform": "wechat",
            "user": "wxid_lei",
            "text": "私信",
            "mentions": [],
        },
    ]


async def test_bad_lines_are_reported_by_number_and_skipped(tmp_path: Path) -> None:
    lines = [
        *dumps(SETUP),
        "{not json",
        json.dumps({"ts": "2026-03-14T09:00:00+08:00", "platform": "wechat", "group": "g-1"}),
        json.dumps(msg("09:00", "/echo 一", msg_id="a"), ensure_ascii=False),
        json.dumps(msg("08:00", "/echo 倒回去", msg_id="b"), ensure_ascii=False),
        json.dumps({**msg("09:10", "/echo x"), "platform": "telegram"}),
        json.dumps({"op": "teleport"}),
        json.dumps({"op": "bind", "platform": "wechat", "group": "g-2", "community": "无此小区"}),
        json.dumps({**msg("09:20", "/echo x"), "ts": "yesterday"}),
        json.dumps({**msg("09:20", "/echo x"), "ts": "2026-03-14T09:20:00"}),
        json.dumps(["a", "list"]),
        json.dumps({**msg("09:20", "/echo x"), "mentions": "wxid_lei"}),
        json.dumps(msg("09:30", "/echo 二", msg_id="c"), ensure_ascii=False),
    ]
    code, sent, err = await replay(lines, tmp_path)
    assert code == 1
    assert [s["text"] for s in sent if "group" in s] == ["resident:一", "resident:二"]
    reported = [line.split(":")[0] for line in err.splitlines()]
    assert reported == [f"line {n}" for n in (4, 5, 7, 8, 9, 10, 11, 12, 13, 14)]
    assert "not valid JSON" in err and 'missing field "user"' in err
    assert "out of time order" in err and "无此小区" in err


async def test_state_kept_in_a_file_continues_in_the_next_replay(tmp_path: Path) -> None:
    first = dumps([*SETUP, msg("09:00", "/echo 一", msg_id="m1")])
    assert (await replay(first, tmp_path, "state.db"))[0] == 0
    # the same message id again is not handled twice; the set-up is remembered
    second = dumps(
        [
            msg("10:00", "/echo 一", msg_id="m1"),
            msg("10:01", "/echo 书记", user="wxid_lei", msg_id="m2"),
        ]
    )
    code, sent, _ = await replay(second, tmp_path, "state.db")
    assert code == 0
    assert [s["text"] for s in sent if "group" in s] == ["secretary:书记"]


def test_the_command_line_replays_a_file_with_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    body = "\n".join(dumps(SETUP)).encode() + b"\n\xff\xfe garbage\n"
    path.write_bytes(body)
    p = subprocess.run(
        [sys.executable, "-m", "bot.cli", "replay", str(path), "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 1
    assert "line 4: not valid JSON" in p.stderr
    assert "Traceback" not in p.stderr


def test_the_command_line_says_so_when_the_file_is_missing(tmp_path: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "bot.cli", "replay", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 2
    assert "cannot read" in p.stderr and "Traceback" not in p.stderr


async def test_numbers_given_for_texts_and_names_are_read_as_their_digits(tmp_path: Path) -> None:
    lines = [
        *dumps(SETUP),
        json.dumps({"op": "community", "name": 5, "street": 7}),
        json.dumps({"op": "bind", "platform": "wechat", "group": 42, "community": 5}),
        json.dumps({**msg("09:00", "/echo x"), "text": 12345}),
        json.dumps(msg("09:10", "/echo 一", msg_id="a"), ensure_ascii=False),
    ]
    code, sent, err = await replay(lines, tmp_path)
    assert err == "" and code == 0
    assert [s["text"] for s in sent if s.get("group") == "g-1"] == ["resident:一"]


async def test_a_reused_msg_id_is_taken_once_and_said_on_stderr(tmp_path: Path) -> None:
    lines = [
        *dumps(SETUP),
        json.dumps(msg("09:00", "/echo 一", msg_id="a"), ensure_ascii=False),
        json.dumps(msg("09:10", "/echo 二", msg_id="a"), ensure_ascii=False),
    ]
    code, sent, err = await replay(lines, tmp_path)
    assert code == 0
    assert [s["text"] for s in sent if "group" in s] == ["resident:一"]
    assert err.startswith("line 5: msg_id 'a' was used on line 4")


async def test_a_later_replay_into_the_same_database_cannot_go_back_in_time(tmp_path: Path) -> None:
    first = dumps([*SETUP, msg("09:00", "/echo 一", msg_id="m1")])
    assert (await replay(first, tmp_path, "state.db"))[0] == 0
    earlier = dumps([msg("08:00", "/echo 早", msg_id="m2"), msg("09:30", "/echo 二", msg_id="m3")])
    code, sent, err = await replay(earlier, tmp_path, "state.db")
    assert code == 1
    assert err.startswith("line 1: out of time order")
    assert [s["text"] for s in sent if "group" in s] == ["resident:二"]


def test_send_times_are_printed_to_the_second() -> None:
    from datetime import datetime

    from bot.adapters.recorder import Sent
    from bot.events import Outgoing

    at = datetime.fromisoformat("2026-03-16T09:05:02.000001+08:00")
    sent = Sent(at, Outgoing(platform="wechat", text="好", chat_id="g-1"))
    assert sent.to_dict()["ts"] == "2026-03-16T09:05:02+08:00"
