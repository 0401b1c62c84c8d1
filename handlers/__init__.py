"""Feature modules, one router each. `all_routers` gives them in the order they are tried."""

from __future__ import annotations

from bot.dispatcher import Router
from bot.jobs import JobRouter


def all_routers() -> list[Router]:
    from handlers import (
        acceptance,
        binding,
        claims,
        details,
        done_and_report,
        handover,
        help,
        notices,
        placing,
        progress,
        questions,
        reports,
        roles,
        stats,
        steering,
        task_list,
    )

    commands = [
        binding.router,
        task_list.router,
        steering.router,
        done_and_report.router,
        roles.router,
        notices.router,
        stats.router,
    ]
    # The task life cycle comes after the commands; acceptance before progress, because
    # "满意 12" also reads as a progress note.
    # A handover (1号转给王党员吧) reads as progress or chat: it comes before both.
    task_life = [acceptance.router, placing.router, details.router, questions.early, reports.router,
                 handover.router, claims.router, progress.router, questions.router]
    return [help.router, *commands, *task_life, help.unknown]


def all_job_routers() -> list[JobRouter]:
    """Every feature's scheduled jobs (reminders, notices and tips, digests)."""
    from handlers import digest, notices, reminders

    return [notices.jobs, reminders.jobs, digest.jobs]
