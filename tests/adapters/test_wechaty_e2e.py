"""WeChat end to end: the real `weizhili run` against a real Wechaty puppet service (Node,
tests/wechaty_peer) whose mock WeChat room lives through a task's whole story."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEER = ROOT / "tests" / "wechaty_peer"
WEIZHILI = [sys.executable, "-m", "bot.cli"]
TOKEN = "weizhili-e2e-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lines:
    """The lines a process writes to one stream, read in a thread."""

    def __init__(self, stream: Any) -> None:
        self.queue: Queue[str] = Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: Any) -> None:
        for line in stream:
            self.queue.put(line)

    def wait_for(self, what: str, timeout: float) -> str | None:
        """The first line (from now on) containing `what`, or None after `timeout`."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.queue.get(timeout=left)
            except Empty:
                return None
            self.seen.append(line)
            if what in line:
                return line
        return None


class Peer:
    """The Node puppet service; its PEER lines as JSON."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.out = Lines(proc.stdout)
        self.err = Lines(proc.stderr)

    def next(self, kind: str, timeout: float) -> dict[str, Any]:
        line = self.out.wait_for(f'PEER {{"type":"{kind}"', timeout)
        if line is None:
            self.err.wait_for("\0", 0.2)
            pytest.fail(
                f"the Wechaty peer sent no {kind!r} within {timeout} s; "
                f"stderr: {''.join(self.err.seen)[-2000:]}"
            )
        return dict(json.loads(line.removeprefix("PEER ")))

    def story(self, timeout: float) -> list[dict[str, Any]]:
        """Every PEER line up to the end of the story."""
        self.next("done", timeout)
        return [json.loads(x.removeprefix("PEER ")) for x in self.out.seen if x.startswith("PEER ")]


def stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed; the WeChat end-to-end test needs Node 18 or newer")
    if not (PEER / "node_modules" / "wechaty-puppet-service").is_dir():
        pytest.fail(
            "the Wechaty peer is not installed: run `npm ci` in tests/wechaty_peer (./dev test does)"
        )
    return found


@pytest.fixture
def peer_factory(node: str) -> Iterator[Any]:
    procs: list[subprocess.Popen[str]] = []

    def start(*args: str) -> tuple[Peer, str]:
        port = free_port()
        proc = subprocess.Popen(
            [node, "peer.mjs", "--port", str(port), "--token", TOKEN, "--timeout", "90", *args],
            cwd=PEER,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        return Peer(proc), f"127.0.0.1:{port}"

    yield start
    for proc in procs:
        stop(proc)


def bot_env(tmp_path: Path, endpoint: str, token: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHATY_", "ONEBOT_"))}
    env.pop("CACHE_DIR", None)
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        DATA_DIR=str(tmp_path / "data"),
        WECHATY_PUPPET_SERVICE_TOKEN=token,
        WECHATY_PUPPET_SERVICE_ENDPOINT=endpoint,
        LOG_LEVEL="INFO",
        # The bot runs on the real clock: without this, a run in the evening (Shanghai time)
        # would hold the story's notices until 08:00 and the test would depend on the hour.
        QUIET_HOURS_START="00:00",
        QUIET_HOURS_END="00:00",
    )
    return env


def admin(env: dict[str, str], cwd: Path, *args: str) -> None:
    done = subprocess.run(
        [*WEIZHILI, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def listening_sockets(pid: int) -> list[str]:
    """Local addresses of the TCP sockets process `pid` listens on."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            cols = row.split()
            if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                found.append(cols[1])
    return found


@pytest.fixture
def bot_factory(tmp_path: Path) -> Iterator[Any]:
    procs: list[subprocess.Popen[str]] = []

    def start(env: dict[str, str]) -> tuple[subprocess.Popen[str], Lines]:
        proc = subprocess.Popen(
            [*WEIZHILI, "run"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        return proc, Lines(proc.stderr)

    yield start
    for proc in procs:
        stop(proc)


def test_a_task_lives_its_whole_story_in_a_wechat_room(
    tmp_path: Path, peer_factory: Any, bot_factory: Any
) -> None:
    began = time.monotonic()
    peer, endpoint = peer_factory("--story")
    ids = peer.next("ready", 30)
    env = bot_env(tmp_path, endpoint, TOKEN)
    admin(env, tmp_path, "community", "add", "锦春小区")
    admin(env, tmp_path, "group", "bind", "--platform", "wechat", "--group", ids["room"],
          "--community", "锦春小区")  # fmt: skip
    for role, name, who in (("party", "张党员", "party"), ("secretary", "雷书记", "secretary")):
        admin(env, tmp_path, "member", "add", "--platform", "wechat", "--user", ids[who],
              "--name", name, "--role", role, "--community", "锦春小区")  # fmt: skip
    bot, log = bot_factory(env)
    assert log.wait_for("WeChat logged in", 30), "".join(log.seen)[-3000:]

    lines = peer.story(45)
    stop(bot)
    assert bot.returncode == 0, "".join(log.seen)[-3000:]

    said = [x for x in lines if x["type"] == "said"]
    replies: list[list[dict[str, Any]]] = [[] for _ in said]
    step = -1
    for x in lines:
        if x["type"] == "said":
            step += 1
        elif x["type"] == "sent":
            assert x["conversation"] == ids["room"]
            replies[step].append(x)
    report, duplicate, claim, progress, done, accept = replies

    # the report, delivered three times, is filed once as #1
    # (one answer per step also shows the bot's own messages, echoed back, went unanswered)
    assert len(report) == 1 and "#1" in report[0]["text"]
    # another resident's report of it joins #1
    assert len(duplicate) == 1 and "#1" in duplicate[0]["text"]
    assert "合并" in duplicate[0]["text"] and "#2" not in duplicate[0]["text"]
    # the quote-reply claims #1 for the Party member
    assert len(claim) == 1 and "#1" in claim[0]["text"] and "张党员" in claim[0]["text"]
    # progress is recorded without a new task
    assert len(progress) <= 1 and all("#2" not in r["text"] for r in progress)
    # done asks both reporters to check, with real mentions of their contact ids
    assert len(done) == 1 and "满意 1" in done[0]["text"]
    assert sorted(done[0]["mentions"]) == sorted([ids["resident"], ids["neighbour"]])
    # the resident's acceptance is confirmed
    assert len(accept) == 1 and "#1" in accept[0]["text"] and "验收" in accept[0]["text"]
    assert not (tmp_path / ".wechaty").exists()
    assert (tmp_path / "data" / "wechaty").is_dir()
    assert "Traceback" not in "".join(log.seen)
    assert time.monotonic() - began < 60


def test_a_wrong_token_is_logged_and_the_bot_keeps_running_without_listening(
    tmp_path: Path, peer_factory: Any, bot_factory: Any
) -> None:
    peer, endpoint = peer_factory()
    peer.next("ready", 30)
    bot, log = bot_factory(bot_env(tmp_path, endpoint, "not-the-token"))
    refused = log.wait_for("refused the token", 30)
    assert refused is not None, "".join(log.seen)[-3000:]
    assert "not-the-token" not in refused
    assert log.wait_for("refused the token", 10), "it should keep trying with backoff"
    assert bot.poll() is None
    assert listening_sockets(bot.pid) == []
    stop(bot)
    assert bot.returncode == 0
    assert not (tmp_path / ".wechaty").exists()
