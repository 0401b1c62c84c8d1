"""The three rates, the counts and the medians from what the database counted."""

from __future__ import annotations

from datetime import timedelta

from bot.figures import Due, Reported, compute

H = 3600.0


def test_the_rates_counts_and_medians() -> None:
    # Four reported: claimed after 2 h, 30 h (late) and exactly 24 h (in time), one open;
    # done after 50 h and 24 h. Three due: one done in time, one late, one not done.
    reported = Reported(
        tasks=4, claimed=3, claimed_in_time=2, done=2, accepted=1, repeats=1, answerable=4
    )
    f = compute(
        reported,
        Due(tasks=3, done_in_time=1),
        claim_seconds=[2 * H, 24 * H, 30 * H],
        fix_seconds=[24 * H, 50 * H],
        accepted_checks=3,
        rejected_checks=1,
        overdue=2,
    )
    assert (f.reported, f.claimed, f.done, f.accepted, f.overdue, f.repeats) == (4, 3, 2, 1, 2, 1)
    assert f.response_rate == 2 / 4
    assert f.solution_rate == 1 / 3
    assert f.satisfaction_rate == 3 / 4
    assert f.median_claim == timedelta(hours=24)
    assert f.median_fix == timedelta(hours=37)


def test_no_tasks_give_no_rates_rather_than_zero() -> None:
    f = compute(Reported(0, 0, 0, 0, 0, 0, 0), Due(0, 0), [], [], 0, 0, 0)
    assert f.response_rate is None and f.solution_rate is None and f.satisfaction_rate is None
    assert f.median_claim is None and f.median_fix is None and f.reported == 0


def test_the_response_rate_counts_only_answerable_tasks() -> None:
    reported = Reported(
        tasks=5, claimed=1, claimed_in_time=1, done=0, accepted=0, repeats=0, answerable=2
    )
    assert compute(reported, Due(0, 0), [H], [], 0, 0, 0).response_rate == 1 / 2
