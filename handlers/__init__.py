"""Feature modules, one router each. `all_routers` gives them in the order they are tried."""

from __future__ import annotations

from bot.dispatcher import Router


def all_routers() -> list[Router]:
    from handlers import help

    return [help.router]
