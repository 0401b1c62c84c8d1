"""The figures of product.md for a compound, a street or the district over a period:
counts, median times, and the response, solution and satisfaction rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

RESPONSE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Reported:
    """A task reported in the period (duplicates merged away are not counted)."""

    created_at: datetime
    claimed_at: datetime | None
    done_at: datetime | None
    status: str
    repeat_flag: bool = False


@dataclass(frozen=True, slots=True)
class Due:
    """A task whose deadline falls in the period."""

    deadline: datetime
    done_at: datetime | None


@dataclass(frozen=True, slots=True)
class Figures:
    reported: int
    claimed: int
    done: int
    accepted: int
    overdue: int
    repeats: int
    response_rate: float | None  # claimed within 24 hours / reported
    solution_rate: float | None  # due in the period and done by the deadline / due
    satisfaction_rate: float | None  # accepted by residents / checked by residents
    median_claim: timedelta | None  # report to claim
    median_fix: timedelta | None  # report to done


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=median(v.total_seconds() for v in values))


def compute(
    reported: list[Reported],
    due: list[Due],
    accepted_checks: int,
    rejected_checks: int,
    overdue: int,
) -> Figures:
    """The figures from the period's rows. Checks count residents' verdicts (满意 and
    不满意) given in the period; an automatic acceptance is no verdict."""
    claims = [r.claimed_at - r.created_at for r in reported if r.claimed_at is not None]
    fixes = [r.done_at - r.created_at for r in reported if r.done_at is not None]
    in_time = sum(1 for c in claims if c <= RESPONSE_WINDOW)
    solved = sum(1 for d in due if d.done_at is not None and d.done_at <= d.deadline)
    return Figures(
        reported=len(reported),
        claimed=len(claims),
        done=len(fixes),
        accepted=sum(1 for r in reported if r.status == "accepted"),
        overdue=overdue,
        repeats=sum(1 for r in reported if r.repeat_flag),
        response_rate=_share(in_time, len(reported)),
        solution_rate=_share(solved, len(due)),
        satisfaction_rate=_share(accepted_checks, accepted_checks + rejected_checks),
        median_claim=_median(claims),
        median_fix=_median(fixes),
    )
