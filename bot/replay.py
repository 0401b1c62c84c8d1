"""`weizhili replay`: a recorded or hand-written chat through the whole bot with a
simulated clock; prints every message the bot sends (see shared/spec/replay.md)."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from bot.adapters.recorder import Recorder, Sent
from bot.app import App
from bot.clock import SimClock
from bot.dispatcher import Router
from bot.events import PLATFORMS, Event
from bot.settings import Settings
from storage.models import ROLES
from storage.repo.communities import add_community, bind_group, find_community
from storage.repo.members import set_member


class LineError(ValueError):
    """A transcript line that cannot be used; it is reported and skipped."""


@dataclass
class Step:
    lineno: int
    ts: datetime | None
    item: dict[str, Any]


def _text(item: dict[str, Any], key: str, required: bool = True, limit: int = 200) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise LineError(f'missing field "{key}"')
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise LineError(f'field "{key}" must be a string')
    value = str(value)
    if key != "text" and (not value.strip() or len(value) > limit):
        raise LineError(f'field "{key}" must have 1 to {limit} characters')
    item[key] = value  # a number given for a name or a text is used as its digits
    return value


def parse_ts(value: Any) -> datetime:
    if not isinstance(value, str):
        raise LineError('field "ts" must be an ISO 8601 time like 2026-03-14T09:00:00+08:00')
    try:
        ts = datetime.fromisoformat(value)
    except ValueError:
        raise LineError(f'field "ts" is not an ISO 8601 time: {value[:40]!r}') from None
    if ts.tzinfo is None:
        raise LineError('field "ts" needs a UTC offset, like +08:00')
    return ts


def read_steps(
    lines: Iterable[str], errors: IO[str], after: datetime | None = None
) -> Iterator[Step | None]:
    """The usable lines, each checked; a bad line is reported and yields None. `after`:
    the latest time the database already holds, which no line may go back before."""
    last: datetime | None = after
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            try:
                item = json.loads(raw)
            except ValueError as exc:
                raise LineError(f"not valid JSON ({exc.msg})") from None
            except RecursionError:
                raise LineError("not valid JSON (nested too deeply)") from None
            if not isinstance(item, dict):
                raise LineError("a line must be a JSON object")
            ts = None
            if "op" not in item or item.get("op") == "clock" or "ts" in item:
                ts = parse_ts(item.get("ts"))
                if last is not None and ts < last:
                    raise LineError(
                        f"out of time order ({ts.isoformat()} after {last.isoformat()})"
                    )
            _check(item)
            if ts is not None:
                last = ts
            yield Step(lineno, ts, item)
        except LineError as exc:
            print(f"line {lineno}: {exc}; skipped", file=errors)
            yield None


def _check(item: dict[str, Any]) -> None:
    op = item.get("op")
    if op is None:
        platform = _text(item, "platform")
        if platform not in PLATFORMS:
            raise LineError(f'field "platform" must be one of {", ".join(PLATFORMS)}')
        _text(item, "user")
        _text(item, "text", limit=100_000)
        _text(item, "group", required=False)
        _text(item, "msg_id", required=False)
        _text(item, "reply_to", required=False)
        _text(item, "name", required=False, limit=100)
        mentions = item.get("mentions", [])
        if not isinstance(mentions, list) or not all(isinstance(m, str) for m in mentions):
            raise LineError('field "mentions" must be a list of user ids')
    elif op == "community":
        _text(item, "name", limit=100)
        _text(item, "street", required=False, limit=100)
    elif op == "bind":
        if _text(item, "platform") not in PLATFORMS:
            raise LineError(f'field "platform" must be one of {", ".join(PLATFORMS)}')
        _text(item, "group")
        _text(item, "community", limit=100)
    elif op == "member":
        if _text(item, "platform") not in PLATFORMS:
            raise LineError(f'field "platform" must be one of {", ".join(PLATFORMS)}')
        _text(item, "user")
        _text(item, "name", required=False, limit=100)
        role = _text(item, "role")
        if role not in ROLES:
            raise LineError(f'field "role" must be one of {", ".join(ROLES)}')
        if role != "admin":
            _text(item, "community", limit=100)
    elif op != "clock":
        raise LineError(f"unknown op {str(op)[:40]!r}")


class Replay:
    """Drives an App with a simulated clock through transcript steps."""

    def __init__(self, app: App, clock: SimClock, errors: IO[str] | None = None) -> None:
        self.app = app
        self.clock = clock
        self.errors = errors
        self._ids: dict[tuple[str, str], int] = {}  # (platform, msg_id) → the line it came on

    async def apply(self, step: Step) -> None:
        item = step.item
        if step.ts is not None and step.ts > self.clock.now():
            await self.app.advance_to(step.ts)
        op = item.get("op")
        if op is None:
            await self._message(step)
        elif op != "clock":
            await self._setup(op, item)
        await self.app.outbox.flush()

    async def _message(self, step: Step) -> None:
        item = step.item
        if item.get("msg_id") is not None and self.errors is not None:
            key = (item["platform"], str(item["msg_id"]))
            first = self._ids.setdefault(key, step.lineno)
            if first != step.lineno:
                # Not an error (a platform may deliver a message twice), but a transcript that
                # reuses an id by mistake would lose a message without a word.
                print(
                    f"line {step.lineno}: msg_id {key[1][:40]!r} was used on line {first}; "
                    "taken as the same message delivered again",
                    file=self.errors,
                )
        event = Event(
            platform=item["platform"],
            chat_id=str(item["group"]) if item.get("group") is not None else None,
            user_id=str(item["user"]),
            user_name=str(item.get("name") or item["user"]),
            text=item["text"],
            message_id=str(item.get("msg_id") or f"replay-line-{step.lineno}"),
            ts=self.clock.now(),
            reply_to=str(item["reply_to"]) if item.get("reply_to") is not None else None,
            mentions=tuple(item.get("mentions", [])),
        )
        await self.app.handle(event)

    async def _setup(self, op: str, item: dict[str, Any]) -> None:
        now = self.clock.now()
        async with self.app.db_lock:
            with self.app.db.session() as s:
                if op == "community":
                    add_community(s, item["name"], item.get("street") or "", now)
                    return
                community = None
                if item.get("community") is not None:
                    community = find_community(s, item["community"])
                    if community is None:
                        raise LineError(f"no compound named {item['community']!r}")
                if op == "bind":
                    assert community is not None
                    bind_group(s, item["platform"], str(item["group"]), community, now)
                elif op == "member":
                    set_member(
                        s,
                        item["platform"],
                        str(item["user"]),
                        item.get("name") or "",
                        item["role"],
                        community.id if community else None,
                        now,
                    )


def latest_time(app: App) -> datetime | None:
    """The latest time of a message or a task change the database holds, if any."""
    from sqlalchemy import func
    from sqlmodel import select

    from storage.models import Message, TaskEvent

    with app.db.session() as s:
        times = [s.exec(select(func.max(Message.ts))).one(), s.exec(select(func.max(TaskEvent.ts))).one()]
    known = [t for t in times if t is not None]
    return max(known) if known else None


def first_ts(lines: list[str]) -> datetime | None:
    for raw in lines:
        try:
            item = json.loads(raw)
            if isinstance(item, dict) and "ts" in item:
                return parse_ts(item["ts"])
        except (ValueError, LineError):
            continue
    return None


async def run_replay(
    lines: list[str],
    settings: Settings,
    out: IO[str],
    errors: IO[str],
    routers: list[Router] | None = None,
) -> int:
    """Replay `lines` on the database of `settings`; 1 if any line was skipped."""
    start = first_ts(lines) or datetime.now(settings.tz)
    clock = SimClock(start, settings.tz)
    app = App(settings, clock=clock, routers=routers)

    def emit(sent: Sent) -> None:
        out.write(json.dumps(sent.to_dict(), ensure_ascii=False) + "\n")

    for platform in PLATFORMS:
        app.add_adapter(Recorder(platform, clock, emit))
    skipped = 0
    await app.start(deliver=False)
    try:
        replay = Replay(app, clock, errors)
        held = latest_time(app)  # a database replayed into before: time goes on from there
        for step in read_steps(lines, errors, held):
            if step is None:
                skipped += 1
                continue
            try:
                await replay.apply(step)
            except LineError as exc:
                print(f"line {step.lineno}: {exc}; skipped", file=errors)
                skipped += 1
    finally:
        await app.stop()
    out.flush()
    return 1 if skipped else 0


def replay_main(path: str, db: str | None, settings: Settings) -> int:
    """The `weizhili replay FILE [--db FILE]` command."""
    import asyncio

    try:
        raw = Path(path).read_bytes() if path != "-" else sys.stdin.buffer.read()
    except OSError as exc:
        print(f"weizhili replay: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    lines = raw.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines()
    with tempfile.TemporaryDirectory(prefix="weizhili-replay-") as tmp:
        target = Path(db) if db else Path(tmp) / "replay.db"
        settings = settings.model_copy(update={"database_url": f"sqlite:///{target}"})
        return asyncio.run(run_replay(lines, settings, sys.stdout, sys.stderr))
