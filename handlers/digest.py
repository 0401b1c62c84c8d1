"""The weekly digest: every Monday 08:30 each secretary gets, privately, the compound's
open, overdue, done and accepted tasks and last week's figures."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from bot.context import Context
from bot.jobs import JobRouter
from handlers.stats import describe, figures_for, period_start
from storage.repo.communities import list_communities
from storage.repo.members import members_of
from storage.repo.stats import overdue_count, status_counts

jobs = JobRouter("digest")


@jobs.cron("weekly", day_of_week="mon", hour=8, minute=30)
async def weekly(ctx: Context, session: Session, now: datetime) -> None:
    tz = ctx.clock.tz
    this_week = period_start(now, "week", tz)
    last_week = this_week - timedelta(days=7)
    for c in list_communities(session):
        assert c.id is not None
        secretaries = members_of(session, c.id, ("secretary",))
        if not secretaries:
            continue
        counts = status_counts(session, [c.id])
        lines = [
            f"【每周简报】{c.name}",
            f"待认领 {counts.get('open', 0)}，处理中 {counts.get('claimed', 0)}，"
            f"超期 {overdue_count(session, [c.id], now)}，待验收 {counts.get('done', 0)}，"
            f"已验收 {counts.get('accepted', 0)}",
            f"上周（{last_week.month}月{last_week.day}日—{(this_week - timedelta(days=1)).day}日）：",
            *describe(figures_for(session, [c.id], last_week, this_week)),
            "详情请在群里发 /任务 或 /统计",
        ]
        text = "\n".join(lines)
        for s in secretaries:
            ctx.tell(s.platform, s.user_id, text)
