"""Filters the feature routers compose: commands, readings, roles."""

from __future__ import annotations

from bot.dispatcher import KNOWN_COMMANDS, Data, Filter, FilterResult, split_command
from bot.events import Event

MANAGERS = ("secretary", "admin")
CLAIMERS = ("party", "property", "secretary", "admin")


def Command(*names: str) -> Filter:
    """Passes `/name args` for any of the names (Chinese and English alias), giving
    `command` and `args` to the handler."""
    wanted = {n.lower() for n in names}
    KNOWN_COMMANDS.update(wanted)

    def check(event: Event, data: Data) -> FilterResult:
        got = split_command(event.text)
        if got is None or got[0] not in wanted:
            return None
        return {"command": got[0], "args": got[1]}

    return Filter(check, f"Command{sorted(wanted)}", frozenset(wanted))


def Intent(*intents: str) -> Filter:
    """Passes when the message's reading has one of these intents."""
    wanted = set(intents)

    def check(event: Event, data: Data) -> FilterResult:
        reading = data.get("reading")
        return reading is not None and reading.intent in wanted

    return Filter(check, f"Intent{sorted(wanted)}")


def Role(*roles: str) -> Filter:
    """Passes when the sender's stored role (never the display name) is one of these."""
    wanted = set(roles)

    def check(event: Event, data: Data) -> FilterResult:
        return data.get("role", "resident") in wanted

    return Filter(check, f"Role{sorted(wanted)}")


def _bound(event: Event, data: Data) -> FilterResult:
    return data.get("community") is not None


Bound = Filter(_bound, "Bound")
