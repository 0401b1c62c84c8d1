"""Makes wechaty 0.10.7, its last release, importable on Python 3.11+ without litter in
the working directory. Only the WeChat adapter imports this; nothing else needs wechaty."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import Any


def load_wechaty(cache_dir: Path) -> ModuleType:
    """Patch what wechaty needs, then import it with its cache (job store, payload
    pickles) under `cache_dir` instead of ./.wechaty/."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Read when wechaty is imported: wechaty.schema makes the directory at import time.
    os.environ.setdefault("CACHE_DIR", str(cache_dir))
    # wechaty's loggers do not propagate: at INFO they print every text, at WARNING the token.
    os.environ.setdefault("WECHATY_LOG", "error")
    _pyee_top_level_emitter()
    _urllib3_get_host()
    _hashable_puppet_options()
    return importlib.import_module("wechaty")


def _pyee_top_level_emitter() -> None:
    # pyee 12 moved AsyncIOEventEmitter to pyee.asyncio; wechaty imports it from pyee.
    import pyee

    if not hasattr(pyee, "AsyncIOEventEmitter"):
        from pyee.asyncio import AsyncIOEventEmitter

        pyee.AsyncIOEventEmitter = AsyncIOEventEmitter  # type: ignore[attr-defined]


def _urllib3_get_host() -> None:
    # urllib3 2 removed get_host, which wechaty.user.url_link imports.
    import urllib3

    if not hasattr(urllib3, "get_host"):
        from urllib3.util import parse_url

        def get_host(url: str) -> tuple[str, str | None, int | None]:
            parsed = parse_url(url)
            return parsed.scheme or "http", parsed.host, parsed.port

        urllib3.get_host = get_host  # type: ignore[attr-defined]


def _hashable_puppet_options() -> None:
    # WechatyOptions has `puppet_options: PuppetOptions = PuppetOptions()`; Python 3.11
    # rejects an unhashable dataclass default as mutable. Identity hashing is enough: the
    # adapter always passes its own PuppetOptions, so the shared default is never used.
    from wechaty_puppet.schemas.puppet import PuppetOptions

    options: Any = PuppetOptions
    if options.__hash__ is None:
        options.__hash__ = object.__hash__
