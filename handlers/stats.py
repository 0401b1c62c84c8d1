"""/统计 [本周/本月/上周/上月]: counts and the three rates for the compound (admins: every
compound)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlmodel import Session

from bot.context import Context
from bot.dispatcher import Router
from bot.figures import Figures, compute
from bot.filters import MANAGERS, Command, Role
from storage.models import Community
from storage.repo.stats import period_inputs, scope_ids

router = Router("stats")
PERIODS = {"本周": "week", "周": "week", "week": "week", "本月": "month", "月": "month",
           "month": "month", "": "month", "上周": "last_week", "上星期": "last_week",
           "上个星期": "last_week", "last week": "last_week", "上月": "last_month",
           "上个月": "last_month", "last month": "last_month"}
USAGE = {"统计": "用法：/统计 [本周/本月/上周/上月]", "stats": "用法：/stats [week/month/last week/last month]"}
TITLES = {"week": "本周", "month": "本月", "last_week": "上周", "last_month": "上月"}


def period_start(now: datetime, which: str, tz: tzinfo) -> datetime:
    """Monday 00:00 of this week, or the 1st 00:00 of this month (local time)."""
    local = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    if which == "week":
        return local - timedelta(days=local.weekday())
    return local.replace(day=1)


def period_bounds(now: datetime, which: str, tz: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) of the period: this week or month up to now, or the whole last one."""
    if which == "last_week":
        end = period_start(now, "week", tz)
        return end - timedelta(days=7), end
    if which == "last_month":
        end = period_start(now, "month", tz)
        return (end - timedelta(days=1)).replace(day=1), end
    return period_start(now, which, tz), now + timedelta(microseconds=1)  # up to now


def figures_for(session: Session, ids: list[int], start: datetime, end: datetime) -> Figures:
    """The figures of these compounds for tasks reported (or due) in [start, end)."""
    return compute(*period_inputs(session, ids, start, end))


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def _span(d: timedelta | None) -> str:
    if d is None:
        return "—"
    hours = d.total_seconds() / 3600
    if hours < 1:
        # (0.0 小时 reads as nothing done; minutes say how quick it was)
        return f"{max(1, round(d.total_seconds() / 60))} 分钟"
    return f"{hours:.1f} 小时" if hours < 48 else f"{hours / 24:.1f} 天"


def describe(f: Figures) -> list[str]:
    """The figures as lines of Chinese text."""
    lines = [
        f"反映 {f.reported} 件，认领 {f.claimed}，完成 {f.done}，验收 {f.accepted}，"
        f"当前超期 {f.overdue}",
        f"响应率 {_pct(f.response_rate)}（24 小时内认领）",
        f"解决率 {_pct(f.solution_rate)}（期限在本期的任务按期完成）",
        f"满意率 {_pct(f.satisfaction_rate)}（居民验收满意）",
        f"认领用时中位 {_span(f.median_claim)}，解决用时中位 {_span(f.median_fix)}",
    ]
    if f.repeats:
        lines.append(f"重复反映 {f.repeats} 件（同楼同类 30 天内多次）")
    return lines


@router.message(Command(*USAGE), ~Role(*MANAGERS))
async def refuse(ctx: Context, command: str) -> None:
    ctx.reply(f"只有书记或管理员可以使用 /{command}。")


@router.message(Command(*USAGE))
async def stats(
    ctx: Context, session: Session, community: Community | None, role: str, command: str, args: str
) -> None:
    which = PERIODS.get(args.strip().lower())
    if which is None:
        ctx.reply(USAGE[command])
        return
    if role == "admin":
        ids, name = scope_ids(session), "全部小区"
    elif community is not None and community.id is not None:
        ids, name = [community.id], community.name
    else:
        ctx.reply("请在小区群里使用 /统计。")
        return
    now = ctx.now()
    tz = ctx.clock.tz
    start, end = period_bounds(now, which, tz)
    f = figures_for(session, ids, start, end)
    if which.startswith("last_"):
        last = end - timedelta(days=1)
        span = f"{start.month}月{start.day}日至{last.month}月{last.day}日"
    else:
        span = f"{start.month}月{start.day}日起"
    head = f"{name}{TITLES[which]}（{span}）"
    ctx.reply("\n".join([head, *describe(f)]))
