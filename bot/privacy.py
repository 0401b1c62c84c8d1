"""Masking of personal data in everything the bot repeats to people."""

from __future__ import annotations

import re

_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})-(\d{3,4})(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<![\dA-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![\dA-Za-z])")
# Whatever follows 密码/门锁/密钥 (and their common variants) up to the end of the clause.
_SECRET = re.compile(
    r"(密码|门锁|密钥|门禁码|开门码|口令)(\s*(?:是|为|[:：=])?\s*)([^\s，。,.;；！!？?、]+)"
)


def mask(text: str) -> str:
    """Text with phone numbers, ID numbers and codes after 密码/门锁/密钥 hidden."""
    text = _ID_CARD.sub(lambda m: m.group(1)[:3] + "*" * 11 + m.group(3), text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)
    return _SECRET.sub(lambda m: m.group(1) + m.group(2) + "****", text)
