"""Quiet hours: when only emergencies are sent; what falls due then waits for the end."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from bot.settings import parse_hhmm


def parse_window(start: str, end: str) -> tuple[time, time]:
    """(22:00, 08:00) from "22:00" and "08:00"; ValueError for anything else."""
    sh, sm = parse_hhmm(start)
    eh, em = parse_hhmm(end)
    return time(sh, sm), time(eh, em)


def quiet_end(when: datetime, start: time, end: time, tz: tzinfo) -> datetime | None:
    """The end of the quiet hours `when` falls in, or None when it falls outside them."""
    if start == end:
        return None
    local = when.astimezone(tz)
    t = local.time().replace(tzinfo=None)
    day = local.date()
    if start < end:
        inside = start <= t < end
        end_day = day
    elif t >= start:
        inside, end_day = True, day + timedelta(days=1)
    else:
        inside, end_day = t < end, day
    if not inside:
        return None
    return datetime.combine(end_day, end, tzinfo=tz)
