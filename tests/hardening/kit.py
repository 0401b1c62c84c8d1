"""What the hardening tests share: a compound with people, the rows that must not change
behind anyone's back, and the checks every answer of the bot must pass."""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import text

from bot.adapters.recorder import Sent
from storage.database import Database

PEOPLE = {
    "wx_lei": ("雷书记", "secretary"),
    "wx_zhang": ("张党员", "party"),
    "wx_wang": ("王党员", "party"),
    "wx_wu": ("吴物业", "property"),
}
# What no chat may ever see: internals of an exception or of the code.
LEAKS = re.compile(
    r"Traceback|File \"|Error\b|Exception|sqlalchemy|sqlite|NoneType|\bline \d+|"
    r"object at 0x|KeyError|ValueError|TypeError|AttributeError|IntegrityError"
)
CQ = re.compile(r"\[CQ:")


def snapshot(db: Database, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of these tables, in id order."""
    out = {}
    with db.engine.connect() as conn:
        for table in tables:
            out[table] = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
    return out


def check_sends(sent: list[Sent], allowed_mentions: set[str], cq_ok: bool = False) -> list[str]:
    """What is wrong with these sends: leaked internals, CQ codes, unexpected mentions."""
    problems = []
    for s in sent:
        if LEAKS.search(s.msg.text):
            problems.append(f"leaks internals: {s.msg.text[:200]!r}")
        if CQ.search(s.msg.text) and not cq_ok:
            problems.append(f"carries a CQ code: {s.msg.text[:200]!r}")
        if "@all" in s.msg.text or "all" in s.msg.mentions:
            problems.append(f"mentions everyone: {s.msg.text[:200]!r}")
        extra = set(s.msg.mentions) - allowed_mentions
        if extra:
            problems.append(f"mentions {sorted(extra)}: {s.msg.text[:200]!r}")
    return problems


def tracebacks(records: list[logging.LogRecord]) -> list[str]:
    """Log records with an exception attached, or at ERROR and above."""
    return [
        f"{r.name}: {r.getMessage()[:200]}"
        for r in records
        if r.exc_info is not None or r.levelno >= logging.ERROR
    ]
