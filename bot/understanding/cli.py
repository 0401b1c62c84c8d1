"""`weizhili parse`: print the reading of one message, or of every line of a JSONL file."""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import Any, BinaryIO, TextIO

from bot.understanding.rules import parse


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _read_line(line: str) -> dict[str, Any]:
    """The output object for one input line: its fields plus the reading, or an error."""
    if not line:
        return {"error": "empty line"}
    try:
        # NaN, Infinity and 1e999 are not JSON, and could not be written back as JSON.
        item = json.loads(line, parse_constant=_not_json, parse_float=_finite)
    except ValueError as exc:
        return {"error": f"not valid JSON: {exc}"}
    if not isinstance(item, dict):
        return {"error": "a line must be a JSON object"}
    text = item.get("text")
    if not isinstance(text, str):
        return {"error": 'a line must have a string "text" field'}
    return {**item, **parse(text).to_dict()}


def run_jsonl(stream: BinaryIO, out: TextIO) -> None:
    """Read each line of stream and write one JSON object per line to out."""
    for number, raw in enumerate(stream):
        line = raw.decode("utf-8", errors="replace").strip()
        if number == 0:
            line = line.lstrip("\ufeff")  # a file saved with a byte-order mark
        # An empty line gets its error line too, so that output line N is input line N.
        out.write(_dump(_read_line(line)) + "\n")


def main(argv: list[str]) -> int:
    """Run `weizhili parse`; returns the exit status."""
    ap = argparse.ArgumentParser(prog="weizhili parse", description="读一条群消息，输出理解结果 (JSON)")
    ap.add_argument("text", nargs="?", help="the message; omit with --jsonl")
    ap.add_argument("--jsonl", action="store_true", help="read JSON lines with a text field from stdin")
    args = ap.parse_args(argv)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace",
                           line_buffering=False, write_through=False)
    try:
        if args.jsonl:
            try:
                run_jsonl(sys.stdin.buffer, out)
            except OSError as exc:
                print(f"weizhili parse: cannot read input: {exc}", file=sys.stderr)
                return 1
        elif args.text is not None:
            out.write(_dump(parse(args.text).to_dict()) + "\n")
        else:
            ap.print_usage(sys.stderr)
            return 2
    finally:
        out.flush()
        out.detach()
    return 0
