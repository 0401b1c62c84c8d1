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
    """A test on an event; it may pass extra keyword arguments to the handler."""

    def __init__(self, func: FilterFunc, name: str | None = None) -> None:
        self.func = func
        self.name = name or getattr(func, "__name__", "filter")

    async def check(self, event: Event, data: Data) -> dict[str, Any] | None:
        """The extra arguments when the filter passes, else None."""
        result = self.func(event, data)
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
            second = await other.check(event, {**data, **first})
            return None if second is None else {**first, **second}

        return Filter(both, f"({self.name} & {other.name})")

    def __or__(self, other: Filter) -> Filter:
        async def either(event: Event, data: Data) -> FilterResult:
            first = await self.check(event, data)
            return first if first is not None else await other.check(event, data)

        return Filter(either, f"({self.name} | {other.name})")

    def __invert__(self) -> Filter:
        async def negated(event: Event, data: Data) -> FilterResult:
            return await self.check(event, data) is None

        return Filter(negated, f"~{self.name}")

    def __repr__(self) -> str:
        return f"<Filter {self.name}>"


def as_filter(f: Filter | FilterFunc) -> Filter:
    return f if isinstance(f, Filter) else Filter(f)


class HandlerObject:
    """A handler with its filters, called with only the arguments it names."""

    def __init__(self, callback: Handler, filters: tuple[Filter, ...]) -> None:
        if not inspect.iscoroutinefunction(callback):
            raise TypeError(f"handler {callback.__qualname__} must be async def")
        self.callback = callback
        self.filters = filters
        params = inspect.signature(callback).parameters.values()
        self.takes_all = any(p.kind is p.VAR_KEYWORD for p in params)
        self.names = tuple(p.name for p in params if p.kind is not p.VAR_KEYWORD)

    async def match(self, event: Event, data: Data) -> dict[str, Any] | None:
        extra: dict[str, Any] = {}
        for f in self.filters:
            got = await f.check(event, {**data, **extra})
            if got is None:
                return None
            extra.update(got)
        return extra

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

    def __init__(self, name: str) -> None:
        self.name = name
        self.handlers: list[HandlerObject] = []
        self.filters: tuple[Filter, ...] = ()
        self.children: list[Router] = []

    def filter(self, *filters: Filter | FilterFunc) -> None:
        """Filters that every handler of this router (and its children) must pass."""
        self.filters = self.filters + tuple(as_filter(f) for f in filters)

    def message(self, *filters: Filter | FilterFunc) -> Callable[[Handler], Handler]:
        def register(callback: Handler) -> Handler:
            self.handlers.append(HandlerObject(callback, tuple(as_filter(f) for f in filters)))
            return callback

        return register

    def include(self, *routers: Router) -> None:
        for r in routers:
            if r is self or r in self.children:
                raise ValueError(f"router {r.name} is already included")
            self.children.append(r)

    async def propagate(self, event: Event, data: Data) -> Any:
        """Run the first matching handler here or below; UNHANDLED when none matched."""
        extra: dict[str, Any] = {}
        for f in self.filters:
            got = await f.check(event, {**data, **extra})
            if got is None:
                return UNHANDLED
            extra.update(got)
        data = {**data, **extra} if extra else data
        for handler in self.handlers:
            got = await handler.match(event, data)
            if got is not None:
                return await handler.call(event, {**data, **got} if got else data)
        for child in self.children:
            result = await child.propagate(event, data)
            if result is not UNHANDLED:
                return result
        return UNHANDLED


class Dispatcher(Router):
    """The root router: outer middlewares, and every background task kept for shutdown."""

    def __init__(self) -> None:
        super().__init__("root")
        self.middlewares: list[Middleware] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    def middleware(self, mw: Middleware) -> Middleware:
        """Add an outer middleware; the first added runs outermost."""
        self.middlewares.append(mw)
        return mw

    async def feed(self, event: Event, **data: Any) -> Any:
        """Handle one event; the handler's result, or UNHANDLED."""

        async def innermost(ev: Event, d: Data) -> Any:
            return await self.propagate(ev, d)

        call: Next = innermost
        for mw in reversed(self.middlewares):
            call = _bind(mw, call)
        return await call(event, data)

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
