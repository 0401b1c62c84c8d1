"""Notices: /公告 now, /定时 on a rule, /定时列表, /取消定时; the scheduled runs of those
rules and of the care tips (by default a lift tip every Monday 09:00 per compound, water
saving in 中国水周 3月22–28日)."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta, tzinfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from sqlmodel import Session

from bot.context import Context
from bot.dispatcher import Router
from bot.filters import MANAGERS, Bound, Command, Role
from bot.jobs import JobRouter, last_fire_today, next_after
from bot.settings import Settings
from handlers.tips import TOPICS, next_tip
from storage.models import Community, Member, Schedule
from storage.repo.communities import groups_of, list_communities
from storage.repo.schedules import (
    MAX_ACTIVE_PER_COMMUNITY,
    active_schedules,
    add_schedule,
    add_schedules,
    advance_schedule,
    cancel_schedule,
    communities_without,
    due_schedules,
    has_schedule_kind,
    next_schedule_run,
)

log = logging.getLogger(__name__)
router = Router("notices")
router.filter(Bound)
jobs = JobRouter("notices")

MAX_NOTICE = 500
DEFAULT_TIP_RULE = "每周一 09:00"
WEEKDAYS = {
    "一": "mon",
    "二": "tue",
    "三": "wed",
    "四": "thu",
    "五": "fri",
    "六": "sat",
    "日": "sun",
    "天": "sun",
}
USAGE = {
    "公告": "用法：/公告 内容（发到本小区所有群，最多 500 字）",
    "notice": "用法：/notice 内容（发到本小区所有群，最多 500 字）",
    "定时": (
        "用法：/定时 时间 内容，时间写作：每天 08:30、每周一 09:00、每月1日 09:00"
        "、明天 09:00、3月22日 09:30 或 2026-04-01 09:00（一次）。例：/定时 每周五 17:00 周末请检查门窗水电"
    ),
    "schedule": "用法：/schedule 每天|每周X|每月N日|YYYY-MM-DD HH:MM 内容",
    "定时列表": "用法：/定时列表",
    "schedules": "用法：/schedules",
    "取消定时": "用法：/取消定时 3（编号见 /定时列表）",
    "unschedule": "用法：/unschedule 3",
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
_DAY_RULES = (
    (re.compile(r"^每天$"), lambda m: {}),
    (re.compile(r"^每周([一二三四五六日天])$"), lambda m: {"day_of_week": WEEKDAYS[m.group(1)]}),
    (re.compile(r"^每月([1-9]|[12]\d|3[01])[日号]$"), lambda m: {"day": int(m.group(1))}),
)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Days of the month that some months do not have.
_SHORT_MONTHS = re.compile(r"^每月(29|30|31)[日号]")


class BadRule(ValueError):
    """A schedule rule that cannot be used; `why` says what is wrong with it, when that can
    be told ("" when the words are no rule at all)."""

    def __init__(self, rule: str, why: str = "") -> None:
        super().__init__(rule)
        self.why = why


def rule_trigger(rule: str, tz: tzinfo) -> BaseTrigger:
    """The APScheduler trigger of a rule like "每周一 09:00"; BadRule when it is none."""
    day, _, at = rule.strip().partition(" ")
    m = _TIME.match(at.strip())
    if not m:
        said = at.strip()[:10]
        looks = re.match(r"^\d{1,3}[:：]\d{1,3}$", said)
        raise BadRule(rule, f"没有 {said} 这个时刻，时间写作 00:00 到 23:59。" if looks
                      else f"看不懂时间“{said}”，请写作 09:00 这样。" if said else "")
    hour, minute = int(m.group(1)), int(m.group(2))
    for pattern, fields in _DAY_RULES:
        dm = pattern.match(day)
        if dm:
            return CronTrigger(hour=hour, minute=minute, timezone=tz, **fields(dm))
    dm = _DATE.match(day)
    if dm:
        try:
            when = datetime(
                int(dm.group(1)), int(dm.group(2)), int(dm.group(3)), hour, minute, tzinfo=tz
            )
        except ValueError:
            raise BadRule(rule, f"没有 {day} 这一天，请核对日期。") from None
        return DateTrigger(when, timezone=tz)
    if _CN_DATE.match(day):
        raise BadRule(rule, f"没有 {day} 这一天，请核对日期。")
    raise BadRule(rule, f"看不懂“{day[:12]}”：日子写作 每天、每周一 到 每周日、每月1日 到 每月31日、明天 或 3月22日。")


# A date said the Chinese way (3月22日, 2027年1月1日): kept as YYYY-MM-DD, the next such
# day from now when no year is said.
_JUST_PAST_DAYS = 31
_CN_DATE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]$")


# A day said from today (明天 09:00 明天上午停水): a one-off on that date.
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}


def _plain_date(day: str, at: str, now: datetime | None, tz: tzinfo) -> str:
    if day in _RELATIVE_DAYS:
        local = (now or datetime.now(tz)).astimezone(tz)
        return f"{local.date() + timedelta(days=_RELATIVE_DAYS[day]):%Y-%m-%d}"
    m = _CN_DATE.match(day)
    if m is None:
        return day
    month, dom = int(m.group(2)), int(m.group(3))
    if m.group(1) is not None:
        return f"{m.group(1)}-{month:02d}-{dom:02d}"
    local = (now or datetime.now(tz)).astimezone(tz)
    year = local.year
    tm = _TIME.match(at)
    if tm is not None:
        try:
            when = datetime(year, month, dom, int(tm.group(1)), int(tm.group(2)), tzinfo=tz)
        except ValueError:
            return day  # no such day: refused below with the usage
        if when <= local - timedelta(days=_JUST_PAST_DAYS):
            year += 1  # 3月1日 said in December is next March
        # A date just past (3月6日 on 3月7日) stays this year's, and is refused as past.
    return f"{year}-{month:02d}-{dom:02d}"


def parse_schedule(
    args: str, tz: tzinfo, now: datetime | None = None
) -> tuple[str, BaseTrigger, str]:
    """(rule, trigger, text) of "/定时" arguments; BadRule when they are unusable."""
    parts = args.split(maxsplit=2)
    if len(parts) < 3:
        timed = len(parts) == 2 and re.match(r"^\d{1,2}[:：]\d{2}$", parts[1])
        raise BadRule(args, "请在时间后面写上通知的内容。" if timed else "")
    at = parts[1].replace("：", ":")
    rule = f"{_plain_date(parts[0], at, now, tz)} {at}"
    text = parts[2].strip()
    if len(text) > MAX_NOTICE:
        raise BadRule(args, f"通知内容最多 {MAX_NOTICE} 字。")
    return rule, rule_trigger(rule, tz), text


# A rule for one time only, as stored: "2026-04-01 09:00".
_ONCE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def _when(ts: datetime, tz: tzinfo, now: datetime | None = None) -> str:
    """"3月22日 09:30"; with the year when it is not this year's."""
    local = ts.astimezone(tz)
    year = f"{local.year}年" if now is not None and local.year != now.astimezone(tz).year else ""
    return f"{year}{local.month}月{local.day}日 {local:%H:%M}"


@router.message(Command(*USAGE), ~Role(*MANAGERS))
async def refuse(ctx: Context, command: str) -> None:
    ctx.reply(f"只有书记或管理员可以使用 /{command}。")


@router.message(Command("公告", "notice"))
async def notice(ctx: Context, community: Community, command: str, args: str) -> None:
    """Send a notice now to every group of the compound."""
    text = args.strip()
    if not text or len(text) > MAX_NOTICE:
        ctx.reply(USAGE[command])
        return
    assert community.id is not None
    now = ctx.now()
    groups = ctx.announce(community.id, f"【公告】{text}")
    note = ""
    ev = ctx.event
    assert ev is not None and ev.chat_id is not None
    held = ctx.outbox.after_quiet_hours(ctx.session, ev.platform, ev.chat_id, now)
    if held != now:
        note = f"（现在是免打扰时段，将于 {_when(held, ctx.clock.tz)} 发出）"
    ctx.reply(f"公告已发往{community.name}的 {groups} 个群{note}。")


@router.message(Command("定时", "schedule"))
async def schedule(
    ctx: Context,
    session: Session,
    community: Community,
    member: Member | None,
    command: str,
    args: str,
) -> None:
    """A notice on a rule: 每天, 每周X, 每月N日 or one date, at HH:MM."""
    tz = ctx.clock.tz
    try:
        rule, trigger, text = parse_schedule(args, tz, ctx.now())
    except BadRule as e:
        ctx.reply(f"{e.why}\n{USAGE[command]}" if e.why else USAGE[command])
        return
    now = ctx.now()
    first = next_after(trigger, now)
    if first is None:
        ctx.reply(f"{rule} 已经过去了。{USAGE[command]}")
        return
    assert community.id is not None
    ensure_default_tip(session, community, now, tz)
    if len(active_schedules(session, community.id)) >= MAX_ACTIVE_PER_COMMUNITY:
        ctx.reply(f"本小区已有 {MAX_ACTIVE_PER_COMMUNITY} 条定时，请先用 /取消定时 停掉不用的。")
        return
    who = member.name if member is not None and member.name else ""
    row = add_schedule(session, community.id, "notice", rule, text, first, who, now)
    short = _SHORT_MONTHS.match(rule)
    skipped = f"（没有 {short.group(1)} 日的月份不发）" if short else ""
    when = (
        f"{_when(first, tz, now)} 发一次" if _ONCE.match(rule)
        else f"{rule}{skipped}，下次 {_when(first, tz, now)}"
    )
    ev = ctx.event
    assert ev is not None and ev.chat_id is not None
    held = ctx.outbox.after_quiet_hours(session, ev.platform, ev.chat_id, first)
    if held != first:  # 每天 23:30: said now, not found out at 08:00
        when += f"（在免打扰时段内，届时推迟到 {held.astimezone(tz):%H:%M} 发出）"
    ctx.reply(f"已设定时 #{row.id}：{when}。取消请发 /取消定时 {row.id}")


@router.message(Command("定时列表", "schedules"))
async def list_schedules(ctx: Context, session: Session, community: Community) -> None:
    assert community.id is not None
    ensure_default_tip(session, community, ctx.now(), ctx.clock.tz)
    rows = active_schedules(session, community.id)
    if not rows:
        ctx.reply("本小区没有定时通知。设置请发 /定时 每周一 09:00 内容")
        return
    lines = [f"{community.name}的定时通知："]
    for r in rows:
        if _ONCE.match(r.rule) and r.next_run:
            lines.append(f"#{r.id} {_when(r.next_run, ctx.clock.tz, ctx.now())}（一次） {_describe(r)}")
            continue
        nxt = f"，下次 {_when(r.next_run, ctx.clock.tz, ctx.now())}" if r.next_run else ""
        lines.append(f"#{r.id} {r.rule} {_describe(r)}{nxt}")
    lines.append("取消请发 /取消定时 编号")
    ctx.reply("\n".join(lines))


def _describe(row: Schedule) -> str:
    if row.kind == "tip":
        return f"关爱提示：{TOPICS.get(row.text, row.text)}（轮换）"
    return row.text if len(row.text) <= 30 else row.text[:29] + "…"


@router.message(Command("取消定时", "unschedule"))
async def unschedule(
    ctx: Context, session: Session, community: Community, command: str, args: str
) -> None:
    raw = args.strip().lstrip("#＃")
    if not raw.isdigit() or len(raw) > 9:
        ctx.reply(USAGE[command])
        return
    assert community.id is not None
    if not cancel_schedule(session, community.id, int(raw)):
        ctx.reply(f"本小区没有编号为 {raw} 的定时。查看请发 /定时列表")
        return
    ctx.reply(f"已取消定时 #{raw}。")


# Scheduled work -------------------------------------------------------------------


def _default_tips_due(session: Session, now: datetime, settings: Settings) -> datetime | None:
    return now if communities_without(session, "tip") else None


@jobs.due("default_tips", next_at=_default_tips_due, tables=("community", "chat_group", "schedule"))
async def make_default_tips(ctx: Context, session: Session, now: datetime) -> None:
    """Every compound with a group gets the weekly lift tip (the secretary may cancel it);
    all of them in one statement (a district starts with hundreds)."""
    first = next_after(rule_trigger(DEFAULT_TIP_RULE, ctx.clock.tz), now)
    add_schedules(
        session,
        [
            {
                "community_id": c.id,
                "kind": "tip",
                "rule": DEFAULT_TIP_RULE,
                "text": "elevator",
                "last_tip": "",
                "next_run": first,
                "last_run": None,
                "active": True,
                "created_by": "",
                "created_at": now,
            }
            for c in communities_without(session, "tip")
        ],
    )


def ensure_default_tip(session: Session, community: Community, now: datetime, tz: tzinfo) -> None:
    """Make the compound's weekly lift tip unless it has (or had) a tip schedule."""
    assert community.id is not None
    if has_schedule_kind(session, community.id, "tip"):
        return
    trigger = rule_trigger(DEFAULT_TIP_RULE, tz)
    add_schedule(
        session,
        community.id,
        "tip",
        DEFAULT_TIP_RULE,
        "elevator",
        next_after(trigger, now),
        "",
        now,
    )


def _schedules_due(session: Session, now: datetime, settings: Settings) -> datetime | None:
    return next_schedule_run(session)


def in_water_week(day: date) -> bool:
    """世界水日 3月22日 and 中国水周 3月22–28日."""
    return day.month == 3 and 22 <= day.day <= 28


@jobs.due("schedules", next_at=_schedules_due, tables=("schedule",))
async def run_schedules(ctx: Context, session: Session, now: datetime) -> None:
    """Send each due notice or tip once; one missed while the bot was down is sent now if
    still the same day, else skipped. Moving next_run claims the run."""
    tz = ctx.clock.tz
    for row in due_schedules(session, now):
        assert row.id is not None and row.next_run is not None
        fire = row.next_run
        sent_for = fire
        try:
            trigger = rule_trigger(row.rule, tz)
            following = next_after(trigger, now)
            if fire.astimezone(tz).date() != now.astimezone(tz).date():
                # Down since an earlier day: today's run, if one is past, is still sent.
                today = last_fire_today(trigger, now, tz)
                sent_for = today if today is not None and today > fire else fire
        except BadRule:
            log.warning("schedule #%s has an unusable rule %r; stopped", row.id, row.rule)
            following = None
        same_day = sent_for.astimezone(tz).date() == now.astimezone(tz).date()
        text, tip_key = _text_of(row, now, tz)
        if not advance_schedule(session, row.id, fire, following, same_day, tip_key):
            continue  # another process took this run
        if not same_day:
            log.info("schedule #%s due %s was missed (not today); skipped", row.id, fire)
            continue
        ctx.announce(
            row.community_id, text, dedupe_key=f"schedule:{row.id}:{sent_for.isoformat()}"
        )


def _text_of(row: Schedule, now: datetime, tz: tzinfo) -> tuple[str, str | None]:
    if row.kind != "tip":
        return f"【定时通知】{row.text}", None
    topic = "water" if in_water_week(now.astimezone(tz).date()) else row.text
    if topic not in TOPICS:
        topic = "elevator"
    last = row.last_tip
    if topic == "water" and not last.startswith("water:"):
        last = "water:0"  # the first water tip is World Water Day's own (see water_day)
    key, text = next_tip(topic, last)
    return text, key


@jobs.cron("water_day", month=3, day=22, hour=9, minute=30)
async def water_day(ctx: Context, session: Session, now: datetime) -> None:
    """World Water Day: a water-saving tip to every compound that has groups."""
    for c in list_communities(session):
        assert c.id is not None
        if groups_of(session, c.id):
            _, text = next_tip("water", "")
            day = now.astimezone(ctx.clock.tz).date().isoformat()
            ctx.announce(c.id, text, dedupe_key=f"waterday:{c.id}:{day}")
