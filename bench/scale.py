"""Scale of data: 1,000,000 tasks over 152 compounds in a file database migrated with the
project's migrations, then the real code paths of /任务 (one compound) and /统计 (the
district over a month), through the repository functions and through the whole bot, and
what a resident's plain 好了 / 还是不行 looks up first (their tasks awaiting a check).

usage: python bench/scale.py [N_TASKS] [N_COMPOUNDS] [--runs R] [--keep FILE] [--db FILE]
       (default 1000000 152; --keep leaves the built database at FILE, --db reuses one)
Goals: /任务 for one compound <= 20 ms, /统计 for the district over a month <= 500 ms.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import median, peak_rss_mb, report

NOW = datetime.fromisoformat("2026-03-31T20:00:00+08:00")  # month-end: 本月 is a whole month
YEAR = timedelta(days=365)
CATEGORIES = [
    ("elevator", 14),
    ("water", 18),
    ("sanitation", 16),
    ("facility", 14),
    ("power", 10),
    ("safety", 7),
    ("noise", 6),
    ("parking", 6),
    ("greenery", 3),
    ("property", 3),
    ("assistance", 1),
    ("epidemic", 1),
    ("other", 1),
]
PLACES = ["地下车库", "南门", "北门", "中心花园", "架空层", "喷水池", None, None, None, None]
PEOPLE = [("张党员", "zhang"), ("王党员", "wang"), ("李物业", "li"), ("雷书记", "lei")]
DAY = 86400
RESIDENTS = 400  # residents who report, per compound (each task has one of them first)


def _fmt(dt: datetime) -> str:
    """How SQLAlchemy stores a UTCDateTime on SQLite: naive UTC with microseconds."""
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _weights(n: int, rnd: random.Random) -> list[float]:
    """Compounds of uneven size: a few large ones, many small (about 1:12 largest to smallest)."""
    return [1.0 / (1 + i) ** 0.5 * rnd.uniform(0.8, 1.2) for i in range(n)]


def build(path: Path, n_tasks: int, n_compounds: int, seed: int = 11) -> dict[str, Any]:
    """Migrate a fresh database at `path` and fill it; what was built."""
    from storage.database import Database

    t0 = time.perf_counter()
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.close()
    rnd = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    created = _fmt(NOW - YEAR - timedelta(days=30))
    conn.executemany(
        "INSERT INTO community (id, name, street, next_task_number, deadline_days, created_at)"
        " VALUES (?, ?, ?, 1, NULL, ?)",
        [(c, f"小区{c:03d}", f"街道{c % 12}", created) for c in range(1, n_compounds + 1)],
    )
    conn.executemany(
        "INSERT INTO chat_group (platform, chat_id, community_id, account, created_at)"
        " VALUES ('wechat', ?, ?, '', ?)",
        [(f"g{c}", c, created) for c in range(1, n_compounds + 1)],
    )
    members = [("wechat", "district", "区管理员", "admin", None, created)]
    for c in range(1, n_compounds + 1):
        for name, uid in PEOPLE:
            role = "secretary" if uid == "lei" else "property" if uid == "li" else "party"
            members.append(("wechat", f"{uid}{c}", name, role, c, created))
    conn.executemany(
        "INSERT INTO member (platform, user_id, name, role, community_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        members,
    )

    weights = _weights(n_compounds, rnd)
    cats = [c for c, _ in CATEGORIES]
    cat_w = [w for _, w in CATEGORIES]
    start = NOW - YEAR
    # Creation times in order, so numbers count up per compound as they would live.
    offsets = sorted(rnd.random() * YEAR.total_seconds() for _ in range(n_tasks))
    owners = rnd.choices(range(1, n_compounds + 1), weights=weights, k=n_tasks)
    numbers = [0] * (n_compounds + 1)
    task_rows: list[tuple[Any, ...]] = []
    event_rows: list[tuple[Any, ...]] = []
    reporter_rows: list[tuple[Any, ...]] = []
    who = random.Random(seed + 1)  # reporters drawn apart: the tasks stay as they were
    counts: dict[str, int] = {}
    for task_id, (off, c) in enumerate(zip(offsets, owners, strict=True), 1):
        numbers[c] += 1
        t_created = start + timedelta(seconds=off)
        age_days = (NOW - t_created).total_seconds() / DAY
        category = rnd.choices(cats, cat_w)[0]
        building = rnd.randint(1, 30) if rnd.random() < 0.85 else None
        unit = rnd.randint(1, 4) if building and rnd.random() < 0.5 else None
        urgent = rnd.random() < 0.03
        status, claimed, done, accepted, closed = _life(rnd, t_created, age_days)
        holder = rnd.choice(PEOPLE) if claimed else None
        deadline = (claimed + timedelta(days=15)) if claimed else None
        merged = None
        if status == "closed" and rnd.random() < 0.4 and task_id > 1:
            merged = rnd.randint(max(1, task_id - 500), task_id - 1)
        updated = max(x for x in (t_created, claimed, done, accepted, closed) if x is not None)
        summary = f"{building or ''}栋{category}问题" if building else f"{category}问题"
        task_rows.append(
            (
                task_id,
                c,
                numbers[c],
                category,
                urgent,
                building,
                unit,
                rnd.choice(PLACES),
                summary,
                summary,
                status,
                "重复" if status == "closed" else "",
                "wechat" if holder else None,
                f"{holder[1]}{c}" if holder else None,
                holder[0] if holder else None,
                _fmt(deadline) if deadline else None,
                1 if rnd.random() < 0.8 else rnd.randint(2, 6),
                merged,
                rnd.random() < 0.05,
                "wechat",
                f"g{c}",
                f"m{task_id}",
                _fmt(t_created),
                _fmt(updated),
                _fmt(claimed) if claimed else None,
                _fmt(done) if done else None,
                _fmt(accepted) if accepted else None,
                _fmt(closed) if closed else None,
            )
        )
        counts[status] = counts.get(status, 0) + 1
        event_rows.append((task_id, _fmt(t_created), "reported"))
        resident = f"res{c}_{who.randrange(RESIDENTS)}"
        reporter_rows.append((task_id, resident, f"m{task_id}", _fmt(t_created)))
        if claimed:
            event_rows.append((task_id, _fmt(claimed), "claimed"))
        if done:
            event_rows.append((task_id, _fmt(done), "done"))
        if accepted:
            kind = "accepted" if rnd.random() < 0.7 else "auto_accepted"
            event_rows.append((task_id, _fmt(accepted), kind))
        if done and rnd.random() < 0.06:  # sent back once before it was accepted
            event_rows.append((task_id, _fmt(done + timedelta(hours=5)), "rejected"))
        if len(task_rows) >= 50_000:
            _flush(conn, task_rows, event_rows, reporter_rows)
    _flush(conn, task_rows, event_rows, reporter_rows)
    conn.executemany(
        "UPDATE community SET next_task_number = ? WHERE id = ?",
        [(numbers[c] + 1, c) for c in range(1, n_compounds + 1)],
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()
    n_events = conn.execute("SELECT count(*) FROM task_event").fetchone()[0]
    conn.close()
    largest = max(range(1, n_compounds + 1), key=lambda c: numbers[c])
    return {
        "build_s": time.perf_counter() - t0,
        "events": n_events,
        "statuses": counts,
        "largest": largest,
        "largest_tasks": numbers[largest],
        "median_compound_tasks": sorted(numbers[1:])[n_compounds // 2],
        "db_mb": path.stat().st_size / 2**20,
    }


def _life(
    rnd: random.Random, created: datetime, age_days: float
) -> tuple[str, datetime | None, datetime | None, datetime | None, datetime | None]:
    """A status and the times of its steps for a task of this age: old tasks mostly
    accepted or closed, a few still open or overdue; recent ones spread out."""
    roll = rnd.random()
    claimed = done = accepted = closed = None
    if roll < 0.08:
        closed = created + timedelta(hours=rnd.uniform(0.5, 48))
        return ("closed", None, None, None, closed) if closed < NOW else ("open", *([None] * 4))
    claim_h = rnd.expovariate(1 / 10)  # hours to claim: mostly within a day
    fix_d = rnd.expovariate(1 / 6)  # days to fix
    claimed = created + timedelta(hours=claim_h)
    done = claimed + timedelta(days=fix_d)
    accepted = done + timedelta(days=rnd.uniform(0.1, 3))
    stuck = rnd.random()
    if claimed > NOW or stuck < (0.01 if age_days > 60 else 0.05):
        return "open", None, None, None, None
    if done > NOW or stuck < (0.03 if age_days > 60 else 0.15):
        return "claimed", claimed, None, None, None
    if accepted > NOW or stuck < (0.035 if age_days > 60 else 0.2):
        return "done", claimed, done, None, None
    return "accepted", claimed, done, accepted, None


def _flush(
    conn: sqlite3.Connection,
    tasks: list[tuple[Any, ...]],
    events: list[tuple[Any, ...]],
    reporters: list[tuple[Any, ...]],
) -> None:
    conn.executemany(
        "INSERT INTO task (id, community_id, number, category, urgent, building, unit, place,"
        " summary, text, status, close_reason, claimant_platform, claimant_user_id,"
        " claimant_name, deadline, reporters, merged_into, repeat_flag, source_platform,"
        " source_chat_id, source_message_id, created_at, updated_at, claimed_at, done_at,"
        " accepted_at, closed_at) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tasks,
    )
    conn.executemany(
        "INSERT INTO task_event (task_id, ts, actor_platform, actor_user_id, actor_name, kind,"
        " detail) VALUES (?, ?, 'wechat', '', '', ?, '')",
        events,
    )
    conn.executemany(
        "INSERT INTO task_reporter (task_id, platform, user_id, name, message_id, ts)"
        " VALUES (?, 'wechat', ?, '居民', ?, ?)",
        reporters,
    )
    conn.commit()
    tasks.clear()
    events.clear()
    reporters.clear()


def timed(fn: Any, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def repo_paths(path: Path, compounds: list[int], runs: int) -> dict[str, list[float]]:
    """The repository code /任务 and /统计 run, on one session, timed."""
    from bot.settings import Settings
    from handlers.stats import figures_for, period_start
    from handlers.task_list import SHOWN, describe
    from storage.database import Database
    from storage.repo.stats import scope_ids
    from storage.repo.task_queries import (
        count_tasks,
        done_reported_by,
        held_by,
        ranked_tasks,
        reported_by,
    )

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    db = Database(f"sqlite:///{path}")
    out: dict[str, list[float]] = {}
    with db.session() as s:
        for c in compounds:

            def task_list(c: int = c) -> None:
                count_tasks(s, c, "active", NOW)
                [describe(t, NOW, settings) for t in ranked_tasks(s, c, "active", NOW, SHOWN)]
                s.expunge_all()

            task_list()  # warm-up, untimed
            out[f"tasks_c{c}"] = timed(task_list, runs)

        month = period_start(NOW, "month", settings.tz)

        def stats() -> None:
            figures_for(s, scope_ids(s), month, NOW)

        stats()
        out["stats"] = timed(stats, runs)

        # What a plain 好了 / 还是不行 from a resident of the largest compound asks first.
        largest = compounds[0]
        platform, user = s.connection().exec_driver_sql(
            "SELECT r.platform, r.user_id FROM task_reporter r JOIN task t ON t.id = r.task_id "
            "WHERE t.community_id = ? LIMIT 1",
            (largest,),
        ).one()

        def reporter() -> None:
            done_reported_by(s, largest, platform, user)
            reported_by(s, largest, platform, user)
            s.expunge_all()

        reporter()
        out["reporter"] = timed(reporter, runs)

        # What a plain 修好了 or note on the work asks first (0008): whether the sender holds
        # a task. A resident holds none (the usual case); a Party member holds the most.
        holder_platform, holder_user = s.connection().exec_driver_sql(
            "SELECT claimant_platform, claimant_user_id FROM task WHERE community_id = ? AND "
            "status = 'claimed' GROUP BY claimant_user_id ORDER BY count(*) DESC LIMIT 1",
            (largest,),
        ).one()

        def resident_holds() -> None:
            held_by(s, largest, platform, user)

        def member_holds() -> None:
            held_by(s, largest, holder_platform, holder_user)
            s.expunge_all()

        resident_holds()
        member_holds()
        out["holder_resident"] = timed(resident_holds, runs)
        out["holder_member"] = timed(member_holds, runs)
    db.close()
    return out


async def bot_paths(path: Path, compounds: list[int], runs: int) -> dict[str, list[float]]:
    """/任务 from the compound's secretary and /统计 本月 from the district admin, through
    the whole bot (middlewares, handler, outbox), timed from event to send."""
    from bot.adapters.recorder import Recorder
    from bot.app import App, feature_routers
    from bot.clock import SimClock
    from bot.events import PLATFORMS, Event
    from bot.settings import Settings
    from storage.database import Database

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=f"sqlite:///{path}", send_rate_per_second=100, send_burst=1000
    )
    clock = SimClock(NOW, settings.tz)
    app = App(
        settings,
        clock=clock,
        db=Database(settings.database_url),
        routers=feature_routers(),
        jobs=[],
    )
    recorders = {p: Recorder(p, clock) for p in PLATFORMS}
    for r in recorders.values():
        app.add_adapter(r)
    await app.start(deliver=False)
    ids = iter(range(10**9))
    stamp = time.time_ns()
    out: dict[str, list[float]] = {}

    async def say(user: str, group: str, text: str) -> str:
        before = len(recorders["wechat"].sent)
        await app.handle(
            Event("wechat", group, user, user, text, f"bench-{stamp}-{next(ids)}", NOW)
        )
        await app.outbox.flush()
        sent = recorders["wechat"].sent[before:]
        assert sent, f"no answer to {text}"
        return sent[-1].msg.text

    try:
        await say(f"lei{compounds[0]}", f"g{compounds[0]}", "/帮助")  # warm-up: the parser loads
        for c in compounds:
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                answer = await say(f"lei{c}", f"g{c}", "/任务")
                times.append(time.perf_counter() - t0)
            assert "任务" in answer, answer
            out[f"tasks_c{c}"] = times
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            answer = await say("district", f"g{compounds[0]}", "/统计 本月")
            times.append(time.perf_counter() - t0)
        assert answer.startswith("全部小区本月"), answer
        out["stats"] = times
        out["_answers"] = [answer]  # type: ignore[list-item]
    finally:
        await app.stop()
    return out


def plans(path: Path, compound: int) -> list[str]:
    """EXPLAIN QUERY PLAN of the /任务 and /统计 queries, for the record."""
    conn = sqlite3.connect(path)
    month, now = _fmt(NOW.replace(day=1, hour=0)), _fmt(NOW)
    queries = {
        "tasks": (
            "SELECT * FROM task WHERE community_id = ? AND status IN ('open', 'claimed')"
            " ORDER BY urgent DESC, created_at, number LIMIT 5000",
            (compound,),
        ),
        "reported": (
            "SELECT created_at, claimed_at, done_at, status, repeat_flag FROM task"
            " WHERE created_at >= ? AND created_at < ? AND merged_into IS NULL",
            (month, now),
        ),
        "due": (
            "SELECT deadline, done_at FROM task WHERE deadline >= ? AND deadline < ?"
            " AND status != 'closed'",
            (month, now),
        ),
        "checks": (
            "SELECT kind, count(*) FROM task_event JOIN task ON task.id = task_event.task_id"
            " WHERE kind IN ('accepted', 'rejected') AND ts >= ? AND ts < ?"
            " GROUP BY kind",
            (month, now),
        ),
    }
    lines = []
    for name, (sql, params) in queries.items():
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params):
            lines.append(f"{name}: {row[-1]}")
    conn.close()
    return lines


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="1,000,000 tasks: /任务 and /统计 timed")
    ap.add_argument("tasks", nargs="?", type=int, default=1_000_000)
    ap.add_argument("compounds", nargs="?", type=int, default=152)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", help="build the database at this path and leave it there")
    ap.add_argument("--db", help="reuse a database built with --keep")
    a = ap.parse_args()
    runs, n_tasks, n_compounds = a.runs, a.tasks, a.compounds
    with tempfile.TemporaryDirectory(prefix="wz-scale-") as tmp:
        if a.db:
            path = Path(a.db)
            conn = sqlite3.connect(path)
            n_tasks = conn.execute("SELECT count(*) FROM task").fetchone()[0]
            n_compounds = conn.execute("SELECT count(*) FROM community").fetchone()[0]
            largest = conn.execute(
                "SELECT community_id FROM task GROUP BY community_id ORDER BY count(*) DESC LIMIT 1"
            ).fetchone()[0]
            conn.close()
            built: dict[str, Any] = {"build_s": 0.0, "largest": largest}
        else:
            path = Path(a.keep) if a.keep else Path(tmp) / "scale.db"
            if path.exists():
                sys.exit(f"{path} exists; use --db to reuse it")
            built = build(path, n_tasks, n_compounds)
        middle = max(1, n_compounds // 2)
        compounds = [built["largest"], middle]
        for line in plans(path, built["largest"]):
            print("plan", line, file=sys.stderr)
        repo = repo_paths(path, compounds, runs)
        whole = asyncio.run(bot_paths(path, compounds, runs))
        print(whole.pop("_answers")[0], file=sys.stderr)  # type: ignore[arg-type]

    def ms(values: list[float], f: Any) -> float:
        return round(f(values) * 1000, 2)

    figures: dict[str, Any] = {
        "tasks": n_tasks,
        "compounds": n_compounds,
        "build_s": round(built["build_s"], 1),
    }
    for key in ("events", "db_mb", "largest_tasks", "median_compound_tasks"):
        if key in built:
            value = built[key]
            figures[key] = round(value, 1) if isinstance(value, float) else value
    goals = {}
    for label, values in (("repo", repo), ("bot", whole)):
        for key, times in values.items():
            which = (
                "largest"
                if key == f"tasks_c{built['largest']}"
                else ("median" if key.startswith("tasks_") else "")
            )
            name = f"{label}_{'tasks_' + which if which else key}"
            figures[f"{name}_median_ms"] = ms(times, median)
            figures[f"{name}_max_ms"] = ms(times, max)
            if "reporter" not in name and "holder" not in name:
                goals[f"{name}_median_ms"] = "goal <= 20" if "tasks" in name else "goal <= 500"
    figures["runs"] = runs
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    report("scale", figures, goals)


if __name__ == "__main__":
    main()
