"""Masking of personal data in everything the bot repeats to people."""

from __future__ import annotations

import re

# A mobile number, with or without the country code (+86 138…, 86-138…).
_MOBILE = re.compile(r"(?<![\d+])(\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
# A mobile number said in Chinese numerals (一三八一二三四五六七八, 幺三九…).
_CN_DIGIT = "零〇一二三四五六七八九幺两"
_CN_MOBILE = re.compile(rf"(?<![{_CN_DIGIT}])([一幺][三四五六七八九][{_CN_DIGIT}])([{_CN_DIGIT}]{{4}})([{_CN_DIGIT}]{{4}})(?![{_CN_DIGIT}])")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})-(\d{3,4})(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<![\dA-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![\dA-Za-z])")
# Whatever follows 密码/密钥 (and their common variants) up to the end of the clause, and a
# code after 门锁 (门锁 5566#; not 门锁坏了, which is the problem itself). A label right
# after another (门锁密码 1234) is no value: the code after the last one is.
_LABEL = r"(?:密码|密钥|门禁码|开门码|口令)"
_SECRET = re.compile(
    rf"({_LABEL})(\s*(?:是|为|[:：=])?\s*)(?!{_LABEL}|门锁)([^\s，。,.;；！!？?、]+)"
    rf"|(门锁)(\s*(?:是|为|[:：=])?\s*)(?!{_LABEL})([^\s，。,.;；！!？?、]*[\dA-Za-z#*][^\s，。,.;；！!？?、]*)"
)


def _hide(m: re.Match[str]) -> str:
    label, sep = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(4), m.group(5))
    return label + sep + "****"


# Characters that change nothing a reader should see but could hide a number from the
# patterns (138\u200b1234\u200b5678) or turn the rest of the bot's message round (U+202E):
# zero-width spaces and joiners but the emoji joiner, direction marks and overrides.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200E, 0x200F, 0x061C, 0x180E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
     0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
# The emoji joiner is kept only between emoji (👨‍👩‍👧); anywhere else (138\u200d1234…) it
# would hide a number as the other zero-width characters would.
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF"
_LONE_JOINER = re.compile(f"(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])")
# Control characters (NUL, ESC, BEL …) would reach a chat or an operator's terminal as they
# are (an ESC sequence clears the screen): all of them go, but tab and newline.
_CONTROL = dict.fromkeys([*(c for c in range(0x20) if c not in (0x09, 0x0A)), *range(0x7F, 0xA0)])
# Full-width digits (１３８…) are digits: masked like any others.
_PLAIN = {**_INVISIBLE, **_CONTROL, **{0xFF10 + i: str(i) for i in range(10)}}


def mask(text: str) -> str:
    """Text with phone numbers, ID numbers and codes after 密码/门锁/密钥 hidden, and with
    the invisible characters that could hide them or reverse the text, and control
    characters, taken out. Mask before cutting text short: a number cut in half is no
    longer recognised."""
    text = text.translate(_PLAIN)
    if "\u200d" in text:
        text = _LONE_JOINER.sub("", text)
    text = _ID_CARD.sub(lambda m: m.group(1)[:3] + "*" * 11 + m.group(3), text)
    text = _MOBILE.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}****{m.group(4)}", text)
    text = _CN_MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)
    return _SECRET.sub(_hide, text)
