"""The `weizhili` command line. Each subcommand imports only what it needs, so that
`weizhili parse` starts fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any


def _settings(**overrides: Any) -> Any:
    from bot.settings import SettingsError, load_settings

    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        print(f"weizhili: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _db_url(db: str | None) -> dict[str, Any]:
    return {"database_url": f"sqlite:///{db}"} if db else {}


def cmd_parse(argv: list[str]) -> int:
    from bot.understanding.cli import main as parse_main

    return parse_main(argv)


def cmd_run(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="weizhili run", description="serve the bot")
    ap.add_argument("--console", action="store_true", help="also chat on the console")
    a = ap.parse_args(argv)
    from bot.runner import run_main

    return run_main(_settings(), a.console)


def cmd_replay(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="weizhili replay", description="run a chat transcript with a simulated clock"
    )
    ap.add_argument("file", help="a JSON-lines transcript, or - for standard input")
    ap.add_argument("--db", help="keep (or continue) the state in this SQLite file")
    a = ap.parse_args(argv)
    from bot.replay import replay_main

    return replay_main(a.file, a.db, _settings())


def cmd_admin(name: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        from bot.admin_cli import main as admin_main

        return admin_main(name, argv, _settings, _db_url)

    return run


def cmd_tasks(argv: list[str]) -> int:
    from bot.tasks_cli import tasks_main

    return tasks_main(argv, _settings, _db_url)


def cmd_export(argv: list[str]) -> int:
    from bot.tasks_cli import export_main

    return export_main(argv, _settings, _db_url)


COMMANDS: dict[str, tuple[Callable[[list[str]], int], str]] = {
    "run": (cmd_run, "serve the bot (the console demo when nothing is configured)"),
    "replay": (cmd_replay, "run a chat transcript through the bot with a simulated clock"),
    "parse": (cmd_parse, "show how a message is understood"),
    "community": (cmd_admin("community"), "add or list compounds"),
    "member": (cmd_admin("member"), "add, list or remove people with roles"),
    "group": (cmd_admin("group"), "bind a chat group to a compound"),
    "tasks": (cmd_tasks, "list the tasks (--json for the replay.md shape)"),
    "export": (cmd_export, "the tasks with their figures as CSV for Excel"),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        lines = [f"  {name:10} {help_}" for name, (_, help_) in COMMANDS.items()]
        print("usage: weizhili COMMAND [ARGS]\n\ncommands:\n" + "\n".join(lines), file=sys.stderr)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    try:
        return COMMANDS[argv[0]][0](argv[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
