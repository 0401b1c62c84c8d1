"""The figures of product.md for a compound, a street or the district over a period:
counts, median times, and the response, solution and satisfaction rates, from what the
database counted (storage/repo/stats.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

RESPONSE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Reported:
    """Counts over the tasks reported in the period (duplicates merged away are not counted)."""

    tasks: int
    claimed: int
    claimed_in_time: int  # claimed within RESPONSE_WINDOW of the report
    done: int
    accepted: int
    repeats: int
    # The tasks a response could be asked of: all but those closed (duplicates, not ours)
    # before anyone claimed them, and those still unclaimed less than RESPONSE_WINDOW old
    # at the end of the period (their 24 hours are not over).
    answerable: int


@dataclass(frozen=True, slots=True)
class Due:
    """The tasks whose deadline falls in the period, and how many were done by it."""

    tasks: int
    done_in_time: int


@dataclass(frozen=True, slots=True)
class Figures:
    reported: int
    claimed: int
    done: int
    accepted: int
    overdue: int
    repeats: int
    response_rate: float | None  # claimed within 24 hours / reported and answerable
    solution_rate: float | None  # due in the period and done by the deadline / due
    satisfaction_rate: float | None  # accepted by residents / checked by residents
    median_claim: timedelta | None  # report to claim
    median_fix: timedelta | None  # report to done


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _median(seconds: Sequence[float]) -> timedelta | None:
    return timedelta(seconds=median(seconds)) if seconds else None


def compute(
    reported: Reported,
    due: Due,
    claim_seconds: Sequence[float],
    fix_seconds: Sequence[float],
    accepted_checks: int,
    rejected_checks: int,
    overdue: int,
) -> Figures:
    """The figures from the period's counts and the seconds from report to claim and from
    report to done of the tasks reported in it. Checks count residents' verdicts (满意 and
    不满意) given in the period; an automatic acceptance is no verdict."""
    return Figures(
        reported=reported.tasks,
        claimed=reported.claimed,
        done=reported.done,
        accepted=reported.accepted,
        overdue=overdue,
        repeats=reported.repeats,
        response_rate=_share(reported.claimed_in_time, reported.answerable),
        solution_rate=_share(due.done_in_time, due.tasks),
        satisfaction_rate=_share(accepted_checks, accepted_checks + rejected_checks),
        median_claim=_median(claim_seconds),
        median_fix=_median(fix_seconds),
    )
