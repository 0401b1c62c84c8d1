"""Routers, filters and the dispatcher: an event goes through the outer middlewares, then
to the first handler (in registration order) whose filters all pass."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from bot.events import Event

log = logging.getLogger(__name__)

Data = dict[str, Any]
FilterResult = bool | dict[str, Any] | None
FilterFunc = Callable[[Event, Data], FilterResult | Awaitable[FilterResult]]
Handler = Callable[..., Awaitable[Any]]
Next = Callable[[Event, Data], Awaitable[Any]]
Middleware = Callable[[Next, Event, Data], Awaitable[Any]]

UNHANDLED = object()


class Filter:
    """A test on an event; it may pass extra keyword arguments to the handler.

    Filters are tests without side effects: one may be left unchecked when the answer
    is known. `commands`, when not None, are the only command names (as `split_command`
    gives them) the filter can pass for: a handler or router behind such a filter is
    skipped, its filters unchecked, for any other message."""

    def __init__(
        self, func: FilterFunc, name: str | None = None, commands: frozenset[str] | None = None
    ) -> None:
        self.func = func
        self.name = name or getattr(func, "__name__", "filter")
        self.commands = commands

    async def check(self, event: Event, data: Data) -> dict[str, Any] | None:
        """The extra arguments when the filter passes, else None."""
        result = self.func(event, data)
        if result is True:
            return {}
        if result is None or result is False:
            return None
        if inspect.isawaitable(result):
            result = await result
            if result is True:
                return {}
        if isinstance(result, dict):
            return result
        return None

    def __and__(self, other: Filter) -> Filter:
        async def both(event: Event, data: Data) -> FilterResult:
            first = await self.check(event, data)
            if first is None:
                return None
            second = await other.check(event, {**data, **first} if first else data)
            return None if second is None else {**first, **second}

        if self.commands is None or other.commands is None:
            commands = self.commands if other.commands is None else other.commands
        else:
            commands = self.commands & other.commands
        return Filter(both, f"({self.name} & {other.name})", commands)

    def __or__(self, other: Filter) -> Filter:
        async def either(event: Event, data: Data) -> FilterResult:
            first = await self.check(event, data)
            return first if first is not None else await other.check(event, data)

        commands = None
        if self.commands is not None and other.commands is not None:
            commands = self.commands | other.commands
        return Filter(either, f"({self.name} | {other.name})", commands)

    def __invert__(self) -> Filter:
        async def negated(event: Event, data: Data) -> FilterResult:
            return await self.check(event, data) is None

        return Filter(negated, f"~{self.name}")

    def __repr__(self) -> str:
        return f"<Filter {self.name}>"


SLASHES = ("/", "／")
# Every command name a Command filter was made for (filters.Command adds them), so that a
# command typed with its argument glued on (/任务全部, /统计本月) is still split right.
KNOWN_COMMANDS: set[str] = set()


def split_command(text: str) -> tuple[str, str] | None:
    """("派单", "12 @张三") for "/派单 12 @张三"; None when the text is no command."""
    text = text.strip()
    if not text.startswith(SLASHES):
        return None
    body = text[1:].lstrip()
    if not body:
        return None
    name, _, args = body.partition(" ")
    # Chinese commands are often typed without a space: "/派单12 @张三".
    head = name
    i = len(head)
    while i > 0 and not head[:i].isalpha():
        i -= 1
    if 0 < i < len(head) and not head[i - 1].isascii():
        name, args = head[:i], (head[i:] + " " + args).strip()
    if name.lower() not in KNOWN_COMMANDS and not name.isascii():
        for size in range(len(name) - 1, 0, -1):
            if name[:size] in KNOWN_COMMANDS:
                name, args = name[:size], (name[size:] + " " + args).strip()
                break
    return name.lower(), args.strip()


def command_name(text: str) -> str | None:
    """The name of the command `text` gives, or None."""
    got = split_command(text)
    return None if got is None else got[0]


def as_filter(f: Filter | FilterFunc) -> Filter:
    return f if isinstance(f, Filter) else Filter(f)


def _gate(filters: tuple[Filter, ...]) -> frozenset[str] | None:
    """The command names all of `filters` can pass for; None: any message."""
    gate: frozenset[str] | None = None
    for f in filters:
        if f.commands is not None:
            gate = f.commands if gate is None else gate & f.commands
    return gate


async def _check_all(
    filters: tuple[Filter, ...], event: Event, data: Data
) -> dict[str, Any] | None:
    """The filters' extra arguments together when all pass (in order), else None."""
    extra: dict[str, Any] = {}
    for f in filters:
        got = await f.check(event, {**data, **extra} if extra else data)
        if got is None:
            return None
        if got:
            extra.update(got)
    return extra


class HandlerObject:
    """A handler with its filters, called with only the arguments it names."""

    def __init__(self, callback: Handler, filters: tuple[Filter, ...]) -> None:
        if not inspect.iscoroutinefunction(callback):
            raise TypeError(f"handler {callback.__qualname__} must be async def")
        self.callback = callback
        self.filters = filters
        self.commands = _gate(filters)
        params = inspect.signature(callback).parameters.values()
        self.takes_all = any(p.kind is p.VAR_KEYWORD for p in params)
        self.names = tuple(p.name for p in params if p.kind is not p.VAR_KEYWORD)

    async def match(self, event: Event, data: Data) -> dict[str, Any] | None:
        return await _check_all(self.filters, event, data)

    async def call(self, event: Event, data: Data) -> Any:
        if self.takes_all:
            return await self.callback(**{"event": event, **data})
        available = {"event": event, **data}
        missing = [n for n in self.names if n not in available]
        if missing:
            raise TypeError(f"handler {self.callback.__qualname__} wants {missing}, not given")
        return await self.callback(**{n: available[n] for n in self.names})


class Router:
    """A feature's handlers. Routers nest; the first matching handler wins."""

    _changes = 0  # counts changes to any router: what was worked out before is stale

    def __init__(self, name: str) -> None:
        self.name = name
        self.handlers: list[HandlerObject] = []
        self.filters: tuple[Filter, ...] = ()
        self.children: list[Router] = []
        self._reach: frozenset[str] | None = None
        self._reach_at = -1

    @staticmethod
    def _changed() -> None:
        Router._changes += 1

    def filter(self, *filters: Filter | FilterFunc) -> None:
        """Filters that every handler of this router (and its children) must pass."""
        self.filters = self.filters + tuple(as_filter(f) for f in filters)
        self._changed()

    def message(self, *filters: Filter | FilterFunc) -> Callable[[Handler], Handler]:
        def register(callback: Handler) -> Handler:
            self.handlers.append(HandlerObject(callback, tuple(as_filter(f) for f in filters)))
            self._changed()
            return callback

        return register

    def include(self, *routers: Router) -> None:
        for r in routers:
            if r is self or r in self.children:
                raise ValueError(f"router {r.name} is already included")
            self.children.append(r)
        self._changed()

    def commands(self) -> frozenset[str] | None:
        """The command names any handler here or below can take; None: any message."""
        if self._reach_at != Router._changes:
            self._reach = self._work_out_reach()
            self._reach_at = Router._changes
        return self._reach

    def _work_out_reach(self) -> frozenset[str] | None:
        reach: set[str] = set()
        for h in self.handlers:
            if h.commands is None:
                return _gate(self.filters)
            reach |= h.commands
        for child in self.children:
            got = child.commands()
            if got is None:
                return _gate(self.filters)
            reach |= got
        own = _gate(self.filters)
        return frozenset(reach) if own is None else own & reach

    async def propagate(self, event: Event, data: Data) -> Any:
        """Run the first matching handler here or below; UNHANDLED when none matched."""
        command = command_name(event.text)
        reach = self.commands()
        if reach is not None and command not in reach:
            return UNHANDLED
        return await self._propagate(event, data, command)

    async def _propagate(self, event: Event, data: Data, command: str | None) -> Any:
        """`propagate`, for a message this router can take (`commands`)."""
        if self.filters:
            extra = await _check_all(self.filters, event, data)
            if extra is None:
                return UNHANDLED
            if extra:
                data = {**data, **extra}
        for handler in self.handlers:
            gate = handler.commands
            if gate is not None and command not in gate:
                continue
            got = await _check_all(handler.filters, event, data)
            if got is not None:
                return await handler.call(event, {**data, **got} if got else data)
        for child in self.children:
            reach = child.commands()
            if reach is not None and command not in reach:
                continue
            result = await child._propagate(event, data, command)
            if result is not UNHANDLED:
                return result
        return UNHANDLED


class Dispatcher(Router):
    """The root router: outer middlewares, and every background task kept for shutdown."""

    def __init__(self) -> None:
        super().__init__("root")
        self.middlewares: list[Middleware] = []
        self._chain: Next = self.propagate  # the middlewares bound around propagate
        self._chain_of: list[Middleware] = []  # ... as they were when bound
        self._tasks: set[asyncio.Task[Any]] = set()

    def middleware(self, mw: Middleware) -> Middleware:
        """Add an outer middleware; the first added runs outermost."""
        self.middlewares.append(mw)
        return mw

    async def feed(self, event: Event, **data: Any) -> Any:
        """Handle one event; the handler's result, or UNHANDLED."""
        if self._chain_of != self.middlewares:
            call: Next = self.propagate
            for mw in reversed(self.middlewares):
                call = _bind(mw, call)
            self._chain, self._chain_of = call, list(self.middlewares)
        return await self._chain(event, data)

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> asyncio.Task[Any]:
        """Start a background task that shutdown will cancel and wait for."""
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    @property
    def pending_tasks(self) -> int:
        return len(self._tasks)

    async def shutdown(self) -> None:
        """Cancel every spawned task and wait until all have ended."""
        while self._tasks:
            tasks = list(self._tasks)
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def _bind(mw: Middleware, nxt: Next) -> Next:
    async def call(event: Event, data: Data) -> Any:
        return await mw(nxt, event, data)

    return call
