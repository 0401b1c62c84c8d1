"""Benchmark of message understanding: time per message, start-up of `weizhili parse`, memory.

usage: python bench/parse_speed.py [--rounds N]
Prints one line of JSON, then a readable table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIX = ROOT / "tests" / "understanding" / "data" / "labelled.jsonl"
_SCRIPT = Path(sys.executable).with_name("weizhili")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]
CLI += ["parse", "3栋电梯坏了"]


def _messages() -> list[str]:
    texts = [json.loads(line)["text"] for line in MIX.read_text(encoding="utf-8").splitlines()]
    # A realistic mix is mostly short chat with a few long run-on messages.
    return texts + ["大家好"] * 50 + ["[强]"] * 20 + ["电梯又坏了，" * 40]


def _per_message(rounds: int) -> tuple[float, float, int]:
    from bot.understanding import parse

    texts = _messages()
    for text in texts:
        parse(text)
    times: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for text in texts:
            start = clock()
            parse(text)
            times.append(clock() - start)
    times.sort()
    return statistics.median(times) / 1e6, times[int(len(times) * 0.99)] / 1e6, len(times)


def _machine_pace() -> float:
    """Milliseconds a fixed piece of plain Python takes here (the best of five): the same
    machine runs 1.5-2.5 times slower on some days than others, and this tells which kind
    of day the other figures were taken on."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _startup(runs: int) -> float:
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(CLI, cwd=ROOT, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def _rss_mb() -> float:
    """Peak resident memory of a fresh process that has loaded the parser."""
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from bot.understanding import parse; parse('3栋电梯坏了'); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout) / 1024


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--startup-runs", type=int, default=7)
    args = ap.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    median_ms, p99_ms, n = _per_message(args.rounds)
    figures = {
        "median_ms_per_message": round(median_ms, 4),
        "p99_ms_per_message": round(p99_ms, 4),
        "messages_timed": n,
        "cli_process_s": round(_startup(args.startup_runs), 3),
        "rss_mb": round(_rss_mb(), 1),
        "bench_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine_pace_ms": round(_machine_pace(), 1),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(figures))
    print()
    rows = [
        ("median per message (after start-up, 1 core)", f"{median_ms * 1000:.1f} µs"),
        ("p99 per message", f"{p99_ms * 1000:.1f} µs"),
        ('`weizhili parse "3栋电梯坏了"` whole process (median)', f"{figures['cli_process_s']} s"),
        ("resident memory with the parser loaded", f"{figures['rss_mb']} MB"),
        ("pace of this machine (1M loop steps of plain Python)", f"{figures['machine_pace_ms']} ms"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
