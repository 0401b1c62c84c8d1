"""`weizhili parse`: one message, JSON lines, and input that is broken."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bot.cli import main as weizhili

ENV = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": ""}


def _run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "bot.cli", "parse", *args], input=stdin,
                          capture_output=True, env=ENV, timeout=60, check=False)


def test_one_message_prints_one_object_in_utf8_whatever_the_locale() -> None:
    done = _run(["3栋电梯坏了"])
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert "电梯" in lines[0]  # not \\u escapes
    got = json.loads(lines[0])
    assert got["intent"] == "report" and got["location"]["building"] == 3


def test_jsonl_keeps_fields_and_reports_bad_lines() -> None:
    stdin = "\n".join([
        json.dumps({"id": 1, "text": "5栋电梯困人了", "who": "李阿姨"}, ensure_ascii=False),
        "not json",
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "text": 12}),
        json.dumps(["text"]),
        json.dumps({"id": 6, "text": "谢谢"}, ensure_ascii=False),
    ]).encode("utf-8") + b"\n"
    done = _run(["--jsonl"], stdin)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(out) == 6
    assert out[0]["id"] == 1 and out[0]["who"] == "李阿姨"
    assert out[0]["intent"] == "report" and out[0]["urgent"] is True
    assert [set(o) for o in out[1:5]] == [{"error"}] * 4
    assert out[5]["id"] == 6 and out[5]["intent"] == "chat"


def test_invalid_utf8_does_not_crash() -> None:
    stdin = b'{"text": "\xff\xfe3\xe6\xa0\x8b\xe7\x94\xb5\xe6\xa2\xaf\xe5\x9d\x8f\xe4\xba\x86"}\n\xff\n'
    done = _run(["--jsonl"], stdin)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["intent"] == "report"
    assert "error" in json.loads(lines[1])


def test_control_characters_and_huge_lines() -> None:
    stdin = (json.dumps({"text": "\x00\u202e电梯\x07坏了" + "啊" * 100_000}) + "\n").encode()
    done = _run(["--jsonl"], stdin)
    assert done.returncode == 0, done.stderr
    assert "intent" in json.loads(done.stdout.decode("utf-8"))


def test_no_text_is_a_usage_error() -> None:
    assert weizhili(["parse"]) == 2


def test_the_parse_path_stays_light() -> None:
    code = ("import sys, bot.understanding.cli; "
            "print(sorted(m for m in ('sqlmodel','sqlalchemy','pydantic','aiohttp','wechaty','jieba')"
            " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_jsonl_keeps_line_for_line_through_blank_lines_a_bom_and_non_json_numbers() -> None:
    stdin = (
        b"\xef\xbb\xbf" + json.dumps({"text": "3栋电梯坏了"}, ensure_ascii=False).encode()
        + b"\n\n   \n"
        + b'{"text": "ok", "n": NaN}\n{"text": "ok", "n": 1e999}\n{"text": "ok", "n": 1.5}\n'
    )
    done = _run(["--jsonl"], stdin)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(out) == 6
    assert out[0]["intent"] == "report"
    assert [set(o) for o in out[1:5]] == [{"error"}] * 4
    assert out[5]["n"] == 1.5 and out[5]["intent"] == "chat"
