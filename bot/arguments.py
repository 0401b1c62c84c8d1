"""Reading the arguments of slash commands: task numbers, deadlines, @-names and free
text. Pure functions that refuse (return None) rather than guess."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, time, timedelta

MAX_TASK_DIGITS = 9
MAX_DEADLINE_DAYS = 365
MAX_REASON = 200
MAX_REPORT = 1000

_SPACES = re.compile(r"[\s\u2005\u3000]+")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TASK = re.compile(rf"^[#＃]?(\d{{1,{MAX_TASK_DIGITS}}})号?$", re.ASCII)
_BEFORE = r"(?:前|之前|以前)?$"
_DAYS = re.compile(
    r"^(\d{1,4}|[零〇一二两三四五六七八九十百]{1,5})(?:天|日内)?(?:内|之内)?$", re.ASCII
)
_COUNT = r"(\d{1,3}|[零〇一二两三四五六七八九十百]{1,5})"
_WEEKS = re.compile(rf"^{_COUNT}(?:周|个?星期|个?礼拜)(?:内|之内)?$", re.ASCII)
_MONTHS = re.compile(rf"^{_COUNT}个月(?:内|之内)?$", re.ASCII)
# Any count of days, weeks or months, however large (99999天: refused as too far ahead).
_SPAN = re.compile(r"^(?:\d+|[零〇一二两三四五六七八九十百千万]+)(?:天|日内|周|个?星期|个?礼拜|个?月)(?:内|之内)?$")
# Days from today said in words; 今天 ends today.
_PAST_DAYS = ("昨天", "昨日", "前天", "大前天", "上周", "上个月", "去年")
_NAMED_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
_MONTH_END = re.compile(r"^(?:本月|这个月)?月底" + _BEFORE)
_DAY_OF_MONTH = re.compile(r"^(\d{1,2})[日号]" + _BEFORE, re.ASCII)
_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})[日号]?" + _BEFORE, re.ASCII)
_YEAR_MONTH_DAY = re.compile(
    r"^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})[日号]?)" + _BEFORE, re.ASCII
)
# A weekday: 周五 (the next one, today included), 本周五/这周五 (this week's, Monday first),
# 下周五 (next week's); 周日, 星期天, 礼拜天 end the week.
_WEEKDAY = re.compile(
    r"^(本|这|下|下个)?(?:周|星期|礼拜)([一二三四五六日天])" + _BEFORE
)
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# A time of day after the day, or alone for today: 明天18点, 明天下午6点半, 周五中午12点前,
# 3月30日18:00, 今晚8点; a part of the day alone ends it: 明天上午 (12:00), 明天下午 (18:00).
_HOUR = r"(\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_PERIODS = "凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|晚"
_CLOCK = re.compile(
    rf"^(.*?)({_PERIODS})?{_HOUR}(?:点钟?|时|[:：](\d{{2}}))(?:(半)|(\d{{1,2}})分?|整)?" + _BEFORE
)
_PART_OF_DAY = re.compile(r"^(.*?)(上午|中午|下午|晚上)" + _BEFORE)
_PART_ENDS = {"上午": 12, "中午": 12, "下午": 18, "晚上": 24}
_AFTERNOON = ("下午", "傍晚", "晚上", "夜里", "晚")
_SHORT_DAYS = {"今晚": "今天晚上", "明晚": "明天晚上", "明早": "明天早上", "今早": "今天早上"}
ROLL_OVER_DAYS = 183  # "1月5日" said in December means next January
_MENTION = re.compile(r"[@＠]([^\s@＠\u2005\u3000]{1,32})")
_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def tokens(args: str) -> list[str]:
    """The words of an argument string, split on any kind of space (WeChat puts U+2005
    after a mention)."""
    return [t for t in _SPACES.split(args.strip()) if t]


def task_number(token: str) -> int | None:
    """12 for "12", "#12", "＃12", "１２" or "12号"; None for anything else, 0, or more
    than nine digits."""
    m = _TASK.match(token.strip().translate(_WIDE_DIGITS))
    if m is None:
        return None
    number = int(m.group(1))
    return number if number > 0 else None


def leading_task(args: str) -> tuple[int, str] | None:
    """The task number that starts the arguments, and the rest of them."""
    words = _SPACES.split(args.strip(), maxsplit=1)
    number = task_number(words[0]) if words and words[0] else None
    if number is None:
        return None
    return number, (words[1].strip() if len(words) > 1 else "")


def chinese_number(text: str) -> int | None:
    """The value of a small Chinese numeral (up to 999): "十五" → 15, "一百零五" → 105."""
    if not text or any(c not in _DIGITS and c not in "十百" for c in text):
        return None
    if len(text) > 1:
        text = text.replace("零", "").replace("〇", "")
    total, digit, last_unit = 0, None, 1000
    for c in text:
        if c in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[c]
            continue
        unit = 10 if c == "十" else 100
        if unit >= last_unit:
            return None
        total += (1 if digit is None else digit) * unit
        digit, last_unit = None, unit
    return total + (digit or 0)


def end_of_day(day: date, like: datetime) -> datetime:
    """23:59:59 of `day` in the time zone of `like`."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=like.tzinfo)


def deadline(text: str, now: datetime) -> datetime | None:
    """When a deadline ends: the end of the day it names, "15天", "15", "十五天", "15天内",
    "限期15天" (days from today), "今天", "明天", "后天", "两周", "1个月", "月底", "20号"
    (that day of this or next month), "周五" (the next Friday, today included), "本周五",
    "下周五", "3月30日", "2026-03-30"; or the time of day it names after the day (or alone,
    for today): "明天18点", "明天下午6点半", "今晚8点", "3月30日18:00", "明天上午" (12:00).
    None when unreadable, in the past, or more than a year ahead."""
    text = text.strip().replace(" ", "").translate(_WIDE_DIGITS)
    # 限期3天, 3天以内: the same as 3天, 3天内
    text = text.removeprefix("限期").removeprefix("期限").replace("以内", "内")
    for short, long in _SHORT_DAYS.items():
        if text.startswith(short):
            text = long + text[len(short) :]
    clock = _clock(text)
    if clock is not None:
        head, at = clock
        day = _day(head, now.date()) if head else now.date()
        if day is None or (day - now.date()).days > MAX_DEADLINE_DAYS:
            return None
        if at is None:
            due = end_of_day(day, now)
        else:
            due = datetime.combine(day, at, tzinfo=now.tzinfo)
        return due if due > now else None
    day = _day(text, now.date())
    if day is None:
        return None
    return end_of_day(day, now)


def gone_by(text: str, now: datetime) -> bool:
    """Whether a deadline that is refused now names a time already past (今天早上7点 at
    10:00, 2025-12-31), rather than nothing readable: it reads as one from the start of
    last year."""
    if deadline(text, now) is not None:
        return False
    if text.strip().removeprefix("限期") in _PAST_DAYS:
        return True
    long_ago = now.replace(year=now.year - 1, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return deadline(text, long_ago) is not None


def deadline_refused(text: str, now: datetime) -> str | None:
    """Why a deadline the secretary wrote is refused, when it is one that `deadline` reads
    the form of but cannot take: past, no such day, more than a year ahead, or no days at
    all; None when it is readable after all, or nothing like a deadline."""
    if deadline(text, now) is not None:
        return None
    said = text.strip().replace(" ", "").translate(_WIDE_DIGITS)
    if gone_by(text, now):
        return f"{said[:20]} 已经过去了，请给一个以后的期限。"
    bare = said.removeprefix("限期").removeprefix("期限")
    if m := _MONTH_DAY.match(bare):
        if _date(2028, int(m.group(1)), int(m.group(2))) is None:  # (a leap year: 2月29日 is a day)
            return f"没有 {m.group(1)}月{m.group(2)}日 这一天，请核对日期。"
    if (m := _YEAR_MONTH_DAY.match(bare)) is not None:
        month, dom = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        if _date(int(m.group(1)), int(month), int(dom)) is None:
            return f"没有 {bare[:20]} 这一天，请核对日期。"
    if re.match(r"^[-－—]\s*\d", bare) or re.match(r"^[0零〇]+(?:天|日|周|个?月)", bare):
        return "期限要在今天以后：请写 1 天以上，例如 /限期 12 15天。"
    if _SPAN.match(bare) or _MONTH_DAY.match(bare) or _YEAR_MONTH_DAY.match(bare):
        return f"期限最长 {MAX_DEADLINE_DAYS} 天（一年以内）。"
    return None


def is_time_of_day(text: str) -> bool:
    """Whether the text names a time of day and no day: 18点, 下午6点半, 18:00."""
    clock = _clock(text.strip().translate(_WIDE_DIGITS))
    return clock is not None and not clock[0]


def _clock(text: str) -> tuple[str, time | None] | None:
    """The day's words and the time of day of "明天下午6点半" ("明天", 18:30); None for the
    time when it is the end of the day (晚上12点, 24:00); None when no time is named or the
    time is not one."""
    if m := _CLOCK.match(text):
        head, period, raw, colon, half, minutes = m.groups()
        hour = int(raw) if raw.isdigit() else chinese_number(raw)
        minute = int(colon or minutes or 0) + (30 if half else 0)
        if hour is None or minute > 59:
            return None
        if period in _AFTERNOON:
            hour += 12 if 1 <= hour <= 12 else 0  # 晚上12点 is midnight, the day's end
        elif period == "中午":
            hour += 12 if 1 <= hour <= 2 else 0
        elif period is not None and hour > 12:
            return None  # 上午18点
        if hour == 24 and minute == 0:
            return head, None
        if hour > 23:
            return None
        return head, time(hour, minute)
    if m := _PART_OF_DAY.match(text):
        head, period = m.groups()
        ends = _PART_ENDS[period]
        return head, None if ends == 24 else time(ends)
    return None


def _day(text: str, today: date) -> date | None:
    """The day a deadline's words name (see `deadline`), or None."""
    for ending in ("前", "之前", "以前", "内", "之内"):
        if text.endswith(ending) and text[: -len(ending)] in _NAMED_DAYS:
            text = text[: -len(ending)]
    days: int | None = None
    day: date | None = None
    if text in _NAMED_DAYS:
        day = today + timedelta(days=_NAMED_DAYS[text])
    elif m := _WEEKS.match(text) or _MONTHS.match(text):
        raw = m.group(1)
        count = int(raw) if raw.isdigit() else chinese_number(raw)
        if count is None or count < 1 or count > MAX_DEADLINE_DAYS:
            return None
        if m.re is _WEEKS:
            day = today + timedelta(days=7 * count)
        else:
            year, month = divmod(today.year * 12 + today.month - 1 + count, 12)
            day = _date(year, month + 1, min(today.day, monthrange(year, month + 1)[1]))
    elif m := _WEEKDAY.match(text):
        weekday = _WEEKDAYS[m.group(2)]
        if m.group(1) is None:
            day = today + timedelta(days=(weekday - today.weekday()) % 7)
        else:
            monday = today - timedelta(days=today.weekday())
            day = monday + timedelta(days=weekday + (7 if m.group(1).startswith("下") else 0))
    elif _MONTH_END.match(text):
        day = today.replace(day=monthrange(today.year, today.month)[1])
    elif m := _DAYS.match(text):
        raw = m.group(1)
        days = int(raw) if raw.isdigit() else chinese_number(raw)
        if days is None or not 1 <= days <= MAX_DEADLINE_DAYS:
            return None
        day = today + timedelta(days=days)
    elif m := _DAY_OF_MONTH.match(text):
        day = _date(today.year, today.month, int(m.group(1)))
        if day is not None and day < today:
            year, month = divmod(today.year * 12 + today.month, 12)
            day = _date(year, month + 1, day.day)
    elif m := _MONTH_DAY.match(text):
        day = _date(today.year, int(m.group(1)), int(m.group(2)))
        if day is not None and day < today:
            later = _date(today.year + 1, day.month, day.day)
            if later is not None and (later - today).days <= ROLL_OVER_DAYS:
                day = later
    elif m := _YEAR_MONTH_DAY.match(text):
        month, dom = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        day = _date(int(m.group(1)), int(month), int(dom))
    if day is None or day < today or (day - today).days > MAX_DEADLINE_DAYS:
        return None
    return day


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def mention_names(args: str) -> list[str]:
    """The names written as "@名字" in the arguments, in order."""
    return _MENTION.findall(args)


def without_mentions(args: str) -> str:
    """The arguments with every "@名字" taken out."""
    return " ".join(tokens(_MENTION.sub(" ", args)))


def free_text(text: str, limit: int) -> str | None:
    """Free text (a reason, a note, a report) with its spaces tidied; None when empty or
    longer than `limit` characters."""
    cleaned = " ".join(tokens(text))
    if not cleaned or len(cleaned) > limit:
        return None
    return cleaned
