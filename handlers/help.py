"""/帮助: the commands this person may use (a stand-in until the task commands land)."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.filters import Command

router = Router("help")


@router.message(Command("帮助", "help"))
async def show_help(ctx: Context) -> None:
    ctx.reply("微治理：直接在群里说问题即可登记，例如“3栋电梯坏了”。")
