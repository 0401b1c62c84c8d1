"""Pipeline throughput: a generated transcript through replay on a file-backed SQLite
database, against this machine's floor (jieba.lcut plus one INSERT and commit each).

usage: python bench/pipeline.py [N_MESSAGES] [N_GROUPS]   (default 20000 150)
Goals: >= 2,000 messages/s, p99 <= 5 ms, ratio to the floor >= 0.3, memory <= 150 MB.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import median, peak_rss_mb, percentile, report
from bench.transcript import transcript


async def run_pipeline(lines: list[str], db_path: Path) -> tuple[list[float], int]:
    """Per-message seconds through the whole bot, and how many messages it sent."""
    from bot.adapters.recorder import Recorder
    from bot.app import App
    from bot.clock import SimClock
    from bot.events import PLATFORMS
    from bot.replay import Replay, first_ts, read_steps
    from bot.settings import Settings

    settings = Settings(_env_file=None, database_url=f"sqlite:///{db_path}")  # type: ignore[call-arg]
    start = first_ts(lines)
    assert start is not None
    clock = SimClock(start, settings.tz)
    app = App(settings, clock=clock)
    recorders = [Recorder(p, clock) for p in PLATFORMS]
    for r in recorders:
        app.add_adapter(r)
    await app.start(deliver=False)
    replay = Replay(app, clock)
    times: list[float] = []
    try:
        for step in read_steps(lines, sys.stderr):
            assert step is not None
            t0 = time.perf_counter()
            await replay.apply(step)
            if "op" not in step.item:
                times.append(time.perf_counter() - t0)
    finally:
        await app.stop()
    return times, sum(len(r.sent) for r in recorders)


def run_floor(texts: list[str], db_path: Path) -> float:
    """Seconds for jieba.lcut plus one INSERT and commit per message (WAL, synchronous=NORMAL)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, words TEXT)")
    t0 = time.perf_counter()
    for text in texts:
        words = jieba.lcut(text)
        db.execute("INSERT INTO m (words) VALUES (?)", (" ".join(words),))
        db.commit()
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    groups = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    # Only the lines are held while the bot runs, as `weizhili replay FILE` holds them; the
    # generated dicts and the floor's texts would add about 12 MB of the benchmark's own.
    lines = [json.dumps(i, ensure_ascii=False) for i in transcript(n, groups)]
    with tempfile.TemporaryDirectory(prefix="wz-bench-") as tmp:
        t0 = time.perf_counter()
        times, sent = asyncio.run(run_pipeline(lines, Path(tmp) / "pipeline.db"))
        wall = time.perf_counter() - t0
        bot_rss = peak_rss_mb()  # before the floor loads jieba's own dictionary
        texts = [str(i["text"]) for i in map(json.loads, lines) if "op" not in i]
        floor = run_floor(texts, Path(tmp) / "floor.db")
    rate = len(times) / sum(times)
    floor_rate = len(texts) / floor
    report(
        "pipeline",
        {
            "messages": len(times),
            "groups": groups,
            "bot_messages_sent": sent,
            "messages_per_s": round(rate, 1),
            "median_ms": round(median(times) * 1000, 3),
            "p99_ms": round(percentile(times, 99) * 1000, 3),
            "wall_s_incl_startup": round(wall, 2),
            "floor_messages_per_s": round(floor_rate, 1),
            "ratio_to_floor": round(rate / floor_rate, 3),
            "peak_rss_mb": round(bot_rss, 1),
        },
        {
            "messages_per_s": "goal >= 2000",
            "p99_ms": "goal <= 5",
            "ratio_to_floor": "goal >= 0.3",
            "peak_rss_mb": "goal <= 150",
        },
    )


if __name__ == "__main__":
    main()
