"""Start-up: `weizhili run` (console, fresh and existing database) until it has answered
its first message. Goal: <= 2 s.

usage: python bench/startup.py [RUNS]   (default 5)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import median, report

REPO = Path(__file__).resolve().parents[1]


def first_answer(db: Path) -> float:
    """Seconds from spawning `weizhili run` to the first line the bot prints as an answer."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PYTHONPATH": str(REPO)}
    env = {k: v for k, v in env.items() if not k.startswith(("WECHATY_", "ONEBOT_"))}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, cwd=db.parent, env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("雷书记: /帮助\n")
    proc.stdin.flush()
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        for line in proc.stdout:
            if line.startswith("🤖"):
                return time.perf_counter() - t0
        raise RuntimeError("the bot never answered")
    finally:
        watchdog.cancel()
        proc.stdin.close()
        proc.wait(timeout=30)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    fresh, warm = [], []
    with tempfile.TemporaryDirectory(prefix="wz-start-") as tmp:
        for i in range(runs):
            db = Path(tmp) / f"fresh{i}.db"
            fresh.append(first_answer(db))
            warm.append(first_answer(db))
    report(
        "startup",
        {
            "runs": runs,
            "fresh_db_median_s": round(median(fresh), 3),
            "fresh_db_max_s": round(max(fresh), 3),
            "existing_db_median_s": round(median(warm), 3),
            "existing_db_max_s": round(max(warm), 3),
        },
        {"fresh_db_max_s": "goal <= 2", "existing_db_max_s": "goal <= 2"},
    )


if __name__ == "__main__":
    main()
