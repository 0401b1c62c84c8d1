"""The dispatcher: filter order, filter arguments, middlewares, background tasks."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from bot.dispatcher import UNHANDLED, Data, Dispatcher, Filter, Next, Router
from bot.events import Event
from bot.filters import Command, Role, split_command


def event(text: str, message_id: str = "m1") -> Event:
    return Event(
        platform="console",
        chat_id="g",
        user_id="u",
        user_name="u",
        text=text,
        message_id=message_id,
        ts=datetime.fromisoformat("2026-03-16T09:00:00+08:00"),
    )


async def test_first_matching_handler_in_registration_order_wins() -> None:
    dp = Dispatcher()
    first, second = Router("first"), Router("second")
    calls: list[str] = []

    @first.message(Filter(lambda e, d: "电梯" in e.text))
    async def lift() -> str:
        calls.append("lift")
        return "lift"

    @first.message()
    async def anything() -> str:
        calls.append("anything")
        return "anything"

    @second.message()
    async def never() -> str:
        calls.append("never")
        return "never"

    dp.include(first, second)
    assert await dp.feed(event("电梯坏了")) == "lift"
    assert await dp.feed(event("你好")) == "anything"
    assert calls == ["lift", "anything"]


async def test_a_handler_receives_only_what_it_names_and_filter_arguments() -> None:
    dp = Dispatcher()
    router = Router("cmd")
    seen: dict[str, Any] = {}

    @router.message(Command("派单", "assign"))
    async def assign(args: str, command: str) -> None:
        seen.update(args=args, command=command)

    dp.include(router)
    await dp.feed(event("/assign 12 @张三"), unrelated=object())
    assert seen == {"args": "12 @张三", "command": "assign"}


async def test_filters_compose_and_short_circuit() -> None:
    checked: list[str] = []

    def track(name: str, result: bool) -> Filter:
        def check(e: Event, d: Data) -> bool:
            checked.append(name)
            return result

        return Filter(check, name)

    dp = Dispatcher()
    router = Router("r")

    @router.message(track("a", False) & track("b", True))
    async def never() -> str:
        return "never"

    @router.message(track("c", False) | ~track("d", False))
    async def either() -> str:
        return "either"

    dp.include(router)
    assert await dp.feed(event("x")) == "either"
    assert checked == ["a", "c", "d"]


async def test_role_filter_reads_the_stored_role_not_the_name() -> None:
    dp = Dispatcher()
    router = Router("r")

    @router.message(Role("secretary"))
    async def manage() -> str:
        return "managed"

    dp.include(router)
    impostor = replace(event("/派单 1"), user_name="雷书记")
    assert await dp.feed(impostor, role="resident") is UNHANDLED
    assert await dp.feed(impostor, role="secretary") == "managed"


async def test_router_filters_guard_every_handler_below() -> None:
    dp = Dispatcher()
    parent, child = Router("parent"), Router("child")
    parent.filter(lambda e, d: d.get("bound", False))

    @child.message()
    async def handled() -> str:
        return "yes"

    parent.include(child)
    dp.include(parent)
    assert await dp.feed(event("x")) is UNHANDLED
    assert await dp.feed(event("x"), bound=True) == "yes"


async def test_middlewares_run_outermost_first_and_can_stop_an_event() -> None:
    dp = Dispatcher()
    order: list[str] = []

    @dp.middleware
    async def outer(call_next: Next, ev: Event, data: Data) -> Any:
        order.append("outer>")
        result = await call_next(ev, {**data, "who": "outer"})
        order.append("<outer")
        return result

    @dp.middleware
    async def gate(call_next: Next, ev: Event, data: Data) -> Any:
        order.append("gate")
        if ev.text == "stop":
            return UNHANDLED
        return await call_next(ev, data)

    router = Router("r")

    @router.message()
    async def handler(who: str) -> str:
        order.append(f"handler:{who}")
        return who

    dp.include(router)
    assert await dp.feed(event("go")) == "outer"
    assert await dp.feed(event("stop")) is UNHANDLED
    assert order == ["outer>", "gate", "handler:outer", "<outer", "outer>", "gate", "<outer"]


async def test_shutdown_cancels_every_spawned_task() -> None:
    dp = Dispatcher()
    started = asyncio.Event()

    async def forever() -> None:
        started.set()
        await asyncio.sleep(3600)

    tasks = [dp.spawn(forever()) for _ in range(5)]
    await started.wait()
    assert dp.pending_tasks == 5
    await dp.shutdown()
    assert dp.pending_tasks == 0
    assert all(t.done() for t in tasks)


async def test_command_handlers_are_passed_over_for_other_messages_unchecked() -> None:
    checked: list[str] = []

    def track(name: str) -> Filter:
        def check(e: Event, d: Data) -> bool:
            checked.append(name)
            return True

        return Filter(check, name)

    dp = Dispatcher()
    commands, talk = Router("commands"), Router("talk")
    commands.filter(track("bound"))

    @commands.message(track("role"), Command("任务", "tasks"))
    async def tasks(args: str) -> str:
        return f"tasks {args}"

    @commands.message(Command("帮助") | Command("help"), track("role"))
    async def help_() -> str:
        return "help"

    @talk.message(~Command("任务") & track("talk"))
    async def chat() -> str:
        return "chat"

    dp.include(commands, talk)
    assert await dp.feed(event("大家好")) == "chat"
    assert checked == ["talk"]
    checked.clear()
    assert await dp.feed(event("/TASKS 全部")) == "tasks 全部"
    assert checked == ["bound", "role"]
    checked.clear()
    assert await dp.feed(event("/help")) == "help"
    assert checked == ["bound", "role"]


async def test_a_handler_added_after_its_router_was_included_is_reached() -> None:
    dp = Dispatcher()
    outer, inner = Router("outer"), Router("inner")

    @inner.message(Command("任务"))
    async def tasks() -> str:
        return "tasks"

    outer.include(inner)
    dp.include(outer)
    assert await dp.feed(event("你好")) is UNHANDLED

    @inner.message()
    async def anything() -> str:
        return "anything"

    assert await dp.feed(event("你好", "m2")) == "anything"

    @dp.middleware
    async def stop(call_next: Next, ev: Event, data: Data) -> Any:
        return "stopped"

    assert await dp.feed(event("你好", "m3")) == "stopped"


def test_a_sync_handler_is_refused_at_registration() -> None:
    router = Router("r")
    with pytest.raises(TypeError):
        router.message()(lambda: None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/派单 12 @张三", ("派单", "12 @张三")),
        ("/派单12 @张三", ("派单", "12 @张三")),
        ("／任务", ("任务", "")),
        ("/TASKS 全部", ("tasks", "全部")),
        ("/取消定时3", ("取消定时", "3")),
        ("3栋电梯坏了", None),
        ("/", None),
        ("   ", None),
    ],
)
def test_split_command(text: str, expected: tuple[str, str] | None) -> None:
    assert split_command(text) == expected
