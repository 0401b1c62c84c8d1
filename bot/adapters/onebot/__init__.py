"""QQ through OneBot v11: reverse WebSocket and HTTP POST, with token and signature."""

from bot.adapters.onebot.adapter import HTTP_PATH, WS_PATH, OneBotAdapter

__all__ = ["HTTP_PATH", "WS_PATH", "OneBotAdapter"]
