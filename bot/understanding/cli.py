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


def _read_line(line: str) -> dict[str, Any]:
    """The output object for one input line: its fields plus the reading, or an error."""
    try:
        item = json.loads(line)
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
    for raw in stream:
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
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
