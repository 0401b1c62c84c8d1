"""The `weizhili` command line. Each subcommand imports only what it needs, so that
`weizhili parse` starts fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _parse(argv: Sequence[str]) -> int:
    from bot.understanding.cli import main as parse_main

    return parse_main(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "parse": _parse,
    }
    if not argv or argv[0] not in commands:
        ap = argparse.ArgumentParser(prog="weizhili", description="微治理 bot")
        ap.add_argument("command", choices=sorted(commands))
        ap.print_help(sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
