"""The weekly digest: every Monday 08:30 each secretary gets, privately, the compound's
open, overdue, done and accepted tasks and last week's figures."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from bot.context import Context
from bot.figures import compute
from bot.jobs import JobRouter
from handlers.stats import describe, period_start
from storage.repo.communities import list_communities
from storage.repo.members import members_by_community
from storage.repo.stats import (
    inputs_by_community,
    overdue_by_community,
    status_counts_by_community,
)

jobs = JobRouter("digest")


@jobs.cron("weekly", day_of_week="mon", hour=8, minute=30)
async def weekly(ctx: Context, session: Session, now: datetime) -> None:
    """Counted for every compound at once: a district has hundreds."""
    tz = ctx.clock.tz
    this_week = period_start(now, "week", tz)
    last_week = this_week - timedelta(days=7)
    communities = list_communities(session)
    secretaries = members_by_community(
        session, [c.id for c in communities if c.id is not None], ("secretary",)
    )
    ids = [c.id for c in communities if c.id in secretaries]
    if not ids:
        return
    counts = status_counts_by_community(session, ids)
    overdue = overdue_by_community(session, ids, now)
    inputs = inputs_by_community(session, ids, last_week, this_week)
    for c in communities:
        if c.id not in secretaries:
            continue
        mine = counts.get(c.id, {})
        lines = [
            f"【每周简报】{c.name}",
            f"待认领 {mine.get('open', 0)}，处理中 {mine.get('claimed', 0)}，"
            f"超期 {overdue.get(c.id, 0)}，待验收 {mine.get('done', 0)}，"
            f"已验收 {mine.get('accepted', 0)}",
            f"上周（{last_week.month}月{last_week.day}日—{(this_week - timedelta(days=1)).day}日）：",
            *describe(compute(*inputs[c.id])),
            "详情请在群里发 /任务 或 /统计",
        ]
        text = "\n".join(lines)
        for s in secretaries[c.id]:
            ctx.tell(s.platform, s.user_id, text)
