"""`weizhili run`: serve the configured platforms (or the console) until SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from bot.adapters.base import Adapter
from bot.app import App
from bot.settings import Settings
from storage.database import DatabaseError

log = logging.getLogger("weizhili")

CONNECT_HELP = """\
微治理 is running on the console demo compound (锦春小区). To serve real groups:
  WeChat: set WECHATY_PUPPET_SERVICE_TOKEN and WECHATY_PUPPET_SERVICE_ENDPOINT
  QQ:     set ONEBOT_ENABLED=true and point NapCat/Lagrange at ws://ONEBOT_HOST:ONEBOT_PORT/onebot/v11/ws
  (see README.md and .env.example)"""


def platform_adapters(settings: Settings) -> list[Adapter]:
    """The adapters the settings ask for (each imported only when configured)."""
    adapters: list[Adapter] = []
    if settings.wechaty_configured:
        from bot.adapters.wechaty import WechatyAdapter

        adapters.append(WechatyAdapter(settings))
    if settings.onebot_enabled:
        from bot.adapters.onebot import OneBotAdapter

        adapters.append(OneBotAdapter(settings))
    return adapters


async def serve(settings: Settings, console: bool) -> int:
    app = App(settings)
    adapters = platform_adapters(settings)
    console_adapter = None
    if console or not adapters:
        from bot.adapters.console import ConsoleAdapter
        from bot.demo import demo_names

        console_adapter = ConsoleAdapter(names=demo_names())
        app.add_adapter(console_adapter)
    for adapter in adapters:
        app.add_adapter(adapter)
    try:
        app.db.migrate()
    except DatabaseError as exc:
        print(f"weizhili: {exc}", file=sys.stderr)
        return 2
    if console_adapter is not None:
        from bot.demo import seed_demo

        with app.db.session() as s:
            if seed_demo(s, app.clock.now()):
                log.info("seeded the demo compound 锦春小区")
        if not adapters:
            print(CONNECT_HELP, file=sys.stderr)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await app.start()
    except DatabaseError as exc:
        print(f"weizhili: {exc}", file=sys.stderr)
        await app.stop()
        return 2
    except OSError as exc:
        print(f"weizhili: cannot start: {exc}", file=sys.stderr)
        await app.stop()
        return 2
    log.info("weizhili is serving")
    waiters = [asyncio.create_task(stop.wait())]
    if console_adapter is not None and not adapters:
        waiters.append(asyncio.create_task(console_adapter.finished.wait()))
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
        await asyncio.gather(*waiters, return_exceptions=True)
        log.info("stopping")
        await app.stop()
    return 0


def run_main(settings: Settings, console: bool) -> int:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Alembic logs each migration step, which is worth a line; at INFO it also lists every
    # plugin it sets up, which is not.
    logging.getLogger("alembic.runtime.plugins").setLevel(max(logging.WARNING, logging.root.level))
    try:
        return asyncio.run(serve(settings, console))
    except DatabaseError as exc:
        print(f"weizhili: {exc}", file=sys.stderr)
        return 2
