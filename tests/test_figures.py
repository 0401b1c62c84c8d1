"""The three rates, the counts and the medians from rows."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.figures import Due, Reported, compute

T = datetime.fromisoformat("2026-03-02T09:00:00+08:00")
H = timedelta(hours=1)


def test_the_rates_counts_and_medians() -> None:
    reported = [
        Reported(T, T + 2 * H, T + 50 * H, "accepted"),  # claimed in 2 h
        Reported(T, T + 30 * H, None, "claimed", repeat_flag=True),  # claimed late
        Reported(T, T + 24 * H, T + 24 * H, "done"),  # exactly 24 h still counts
        Reported(T, None, None, "open"),
    ]
    due = [Due(T + 100 * H, T + 50 * H), Due(T + 100 * H, T + 101 * H), Due(T + 100 * H, None)]
    f = compute(reported, due, accepted_checks=3, rejected_checks=1, overdue=2)
    assert (f.reported, f.claimed, f.done, f.accepted, f.overdue, f.repeats) == (4, 3, 2, 1, 2, 1)
    assert f.response_rate == 2 / 4
    assert f.solution_rate == 1 / 3
    assert f.satisfaction_rate == 3 / 4
    assert f.median_claim == 24 * H
    assert f.median_fix == 37 * H


def test_no_tasks_give_no_rates_rather_than_zero() -> None:
    f = compute([], [], 0, 0, 0)
    assert f.response_rate is None and f.solution_rate is None and f.satisfaction_rate is None
    assert f.median_claim is None and f.median_fix is None and f.reported == 0
