"""The console chat: type `名字: 文本` to speak as that person in the demo group; what the
bot sends is printed. For trying everything on one machine with no account at all."""

from __future__ import annotations

import asyncio
import itertools
import re
import sys
import threading
import uuid
from typing import TYPE_CHECKING, TextIO

from bot.events import Event, Outgoing

if TYPE_CHECKING:
    from bot.app import App

PLATFORM = "console"
DEMO_GROUP = "demo-group"
_SPEAKER = re.compile(r"^\s*([^:：\s][^:：]{0,19})\s*[:：]\s*(.*)$", re.S)
_REPLY = re.compile(r"^\s*[>＞]\s*(\d+)\s+(.*)$", re.S)
_AT = re.compile(r"[@＠]")


def console_user_id(name: str) -> str:
    """The console's stand-in for a platform user id: one per display name."""
    return f"console:{name}"


class ConsoleAdapter:
    """Reads lines from a terminal (or pipe) and prints the bot's messages."""

    platform = PLATFORM
    rate_limited = False  # a terminal has no account that sending fast could get limited

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        names: dict[str, str] | None = None,
        chat_id: str = DEMO_GROUP,
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.chat_id = chat_id
        self.names = dict(names or {})  # user id -> display name, for printing mentions
        self.finished = asyncio.Event()
        self._ids = itertools.count(1)
        # Message ids must differ between runs on one database, or the dedupe drops them.
        self._run = uuid.uuid4().hex[:8]
        self._speaker = "居民"
        self._task: asyncio.Task[None] | None = None
        self._app: App | None = None

    async def start(self, app: App) -> None:
        self._app = app
        self._task = app.dispatcher.spawn(self._read_loop(), name="console")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _read_loop(self) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()

        def reader() -> None:
            # A daemon thread, so that a pending read never keeps the process alive.
            try:
                for line in self.stdin:
                    loop.call_soon_threadsafe(queue.put_nowait, line)
            except (OSError, ValueError, UnicodeDecodeError):
                pass
            loop.call_soon_threadsafe(queue.put_nowait, None)

        threading.Thread(target=reader, name="console-stdin", daemon=True).start()
        self._print(
            "（控制台）输入“名字: 内容”以该身份发言，如“李阿姨: 3栋电梯坏了”；"
            "“名字: > 消息号 内容”引用回复，如“张党员: > 1 我来”；Ctrl-D 或 Ctrl-C 退出。"
        )
        try:
            while True:
                line = await queue.get()
                if line is None:
                    break
                await self.feed_line(line)
        finally:
            self.finished.set()

    async def feed_line(self, line: str) -> Event | None:
        """Turn one typed line into an event and hand it to the app."""
        line = line.rstrip("\r\n")
        if not line.strip():
            return None
        m = _SPEAKER.match(line)
        if m and not line.lstrip().startswith(("/", "／", ">", "＞")):
            self._speaker, text = m.group(1).strip(), m.group(2)
        else:
            text = line
        reply_to = None
        r = _REPLY.match(text)
        if r:
            reply_to, text = self._message_id(int(r.group(1))), r.group(2)
        number = next(self._ids)
        assert self._app is not None
        event = Event(
            platform=PLATFORM,
            chat_id=self.chat_id,
            user_id=console_user_id(self._speaker),
            user_name=self._speaker,
            text=text,
            message_id=self._message_id(number),
            ts=self._app.clock.now(),
            reply_to=reply_to,
            mentions=self.mentions_in(text),
        )
        self.names.setdefault(event.user_id, self._speaker)
        self._print(f"  [消息 {number}] {self._speaker}: {text}", dim=True)
        await self._app.handle(event)
        await self._app.outbox.flush()
        return event

    def mentions_in(self, text: str) -> tuple[str, ...]:
        """The console's "@名字" as mentions, as a chat app would send them: only names
        the console knows (the longest that fits), each once, in order."""
        by_name = {name: user_id for user_id, name in self.names.items()}
        known = sorted(by_name, key=len, reverse=True)
        found: list[str] = []
        for m in _AT.finditer(text):
            name = next((n for n in known if n and text.startswith(n, m.end())), None)
            if name is not None and by_name[name] not in found:
                found.append(by_name[name])
        return tuple(found)

    def _message_id(self, number: int) -> str:
        return f"console-{self._run}-{number}"

    async def send(self, msg: Outgoing) -> str | None:
        mentions = " ".join(
            "@" + self.names.get(u, u.removeprefix("console:")) for u in msg.mentions
        )
        where = (
            ""
            if msg.chat_id is not None
            else f"（私信给 {self.names.get(msg.user_id or '', msg.user_id)}）"
        )
        head = f"{mentions} " if mentions else ""
        self._print(f"🤖 {where}{head}{msg.text}")
        return None

    def _print(self, text: str, dim: bool = False) -> None:
        if dim and self.stdout.isatty():
            text = f"\033[2m{text}\033[0m"
        print(text, file=self.stdout, flush=True)
