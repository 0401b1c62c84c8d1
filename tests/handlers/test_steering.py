"""/派单 /限期 /催办 /关闭 /重开 /合并: what the secretary steers is stored and announced;
anyone else, and every wrong or hostile argument, gets an answer and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.handlers.commands_chat import CommandChat, command_chat, one

HOSTILE = [
    "#-1 @张党员",
    "99999999999999999999 @张党员",
    "1234567890 @张党员",
    "1; DROP TABLE task;-- @张党员",
    "[CQ:at,qq=all] 1 @张党员",
    "1" * 10_000,
    "@张党员",
    "",
]


async def lift(chat: CommandChat, user: str = "wx_li", building: int = 3) -> None:
    await chat.say(user, f"{building}栋2单元电梯坏了", name="李阿姨")


def snapshot(chat: CommandChat) -> list[tuple[object, ...]]:
    return [
        (t.number, t.status, t.claimant_user_id, t.deadline, t.close_reason, t.reporters)
        for t in chat.tasks()
    ]


async def test_assign_gives_the_task_and_mentions_the_assignee() -> None:
    async with command_chat() as chat:
        await lift(chat)
        sent = await chat.say("wx_lei", "/派单 #1 @张党员", mentions=("wx_zhang",))
        task = chat.task(1)
        kinds = [e.kind for e in chat.events(1)]
    assert one(sent) == "#1【电梯】3栋2单元 已派给 张党员，请在 3月31日 前处理。"
    assert sent[0].msg.mentions == ("wx_zhang",)
    assert (task.status, task.claimant_user_id, task.claimant_name) == (
        "claimed",
        "wx_zhang",
        "张党员",
    )
    assert task.deadline is not None and task.deadline.isoformat() == "2026-03-31T15:59:59+00:00"
    assert "assigned" in kinds


async def test_assign_by_a_typed_name_and_reassign_keeps_the_deadline() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_lei", "/assign 1 @张党员")
        await chat.say("wx_lei", "/限期 1 5天")
        sent = await chat.say("wx_lei", "/派单 1 @吴物业")
        task = chat.task(1)
    assert "已派给 吴物业（原由 张党员 负责），请在 3月21日 前处理" in one(sent)
    assert sent[0].msg.mentions == ("wx_wu",)
    assert task.claimant_user_id == "wx_wu"


async def test_assign_by_a_name_typed_without_at() -> None:
    async with command_chat() as chat:
        await lift(chat)
        sent = await chat.say("wx_lei", "/派单 1 张党员")
        assert chat.task(1).claimant_user_id == "wx_zhang"
        before = snapshot(chat)
        two = await chat.say("wx_lei", "/派单 1 吴物业 张党员")  # two names: which one?
        unknown = await chat.say("wx_lei", "/派单 1 没这个人")
        assert snapshot(chat) == before
    assert "已派给 张党员" in one(sent)
    assert "一次派给一人" in one(two)
    assert "本小区没有登记名叫“没这个人”的人" in one(unknown)


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        ("1 张党员 明天", ()),
        ("1 @张党员 2天", ("wx_zhang",)),
        ("1 @张党员 限期2天", ("wx_zhang",)),
        ("1 张党员 两天内", ()),
    ],
)
async def test_assign_with_a_deadline_sets_it(args: str, mentions: tuple[str, ...]) -> None:
    async with command_chat() as chat:
        await lift(chat)
        now = chat.clock.now()
        sent = await chat.say("wx_lei", f"/派单 {args}", mentions=mentions)
        task = chat.task(1)
    due = 1 if "明天" in args else 2
    assert task.claimant_user_id == "wx_zhang"
    assert task.deadline is not None
    assert (task.deadline.astimezone(now.tzinfo).date() - now.date()).days == due
    assert "已派给 张党员" in one(sent)


async def test_assign_to_the_holder_with_a_deadline_moves_it() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_lei", "/派单 1 张党员")
        sent = await chat.say("wx_lei", "/派单 1 张党员 3天")
        task = chat.task(1)
        kinds = [e.kind for e in chat.events(1)]
    assert one(sent) == "#1 已由 张党员 负责，期限改为 3月19日。"
    assert task.deadline is not None and task.deadline.isoformat() == "2026-03-19T15:59:59+00:00"
    assert kinds.count("assigned") == 1


async def test_assign_with_words_that_are_no_deadline_changes_nothing() -> None:
    async with command_chat() as chat:
        await lift(chat)
        before = snapshot(chat)
        sent = await chat.say("wx_lei", "/派单 1 @张党员 尽快", mentions=("wx_zhang",))
        assert snapshot(chat) == before
    assert one(sent).startswith("用法：/派单 12 @张三，可带期限")


@pytest.mark.parametrize(
    ("mentions", "name"),
    [(("wx_li",), "李阿姨"), (("wx_qian",), "钱党员"), (("wx_admin",), "区管理员")],
)
async def test_assign_only_to_claimers_of_this_compound(
    mentions: tuple[str, ...], name: str
) -> None:
    async with command_chat() as chat:
        await lift(chat)
        before = snapshot(chat)
        sent = await chat.say("wx_lei", f"/派单 1 @{name}", mentions=mentions)
        assert snapshot(chat) == before
    assert "不是本小区的党员、物业或书记" in one(sent)


async def test_assign_to_an_unknown_typed_name_is_answered() -> None:
    async with command_chat() as chat:
        await lift(chat)
        sent = await chat.say("wx_lei", "/派单 1 @钱党员")
        assert chat.task(1).status == "open"
    assert "本小区没有登记名叫“钱党员”的人" in one(sent)


@pytest.mark.parametrize("user", ["wx_zhang", "wx_wu", "wx_li", "wx_sun"])
async def test_only_secretaries_and_admins_steer(user: str) -> None:
    async with command_chat() as chat:
        await lift(chat)
        before = snapshot(chat)
        answers = []
        for cmd in (
            "/派单 1 @张党员",
            "/限期 1 3天",
            "/催办 1",
            "/关闭 1 无效",
            "/重开 1",
            "/合并 1 2",
        ):
            answers.append(one(await chat.say(user, cmd, name="雷书记", mentions=("wx_zhang",))))
        assert snapshot(chat) == before
    assert all(a.startswith("只有书记或管理员可以使用 /") for a in answers)


async def test_an_admin_steers_any_compound() -> None:
    async with command_chat() as chat:
        await chat.say("wx_x", "5栋电梯坏了", group="g2")
        sent = await chat.say("wx_admin", "/派单 1 @钱党员", group="g2", mentions=("wx_qian",))
        assert chat.task(1, "金阳小区").claimant_user_id == "wx_qian"
    assert "已派给 钱党员" in one(sent)


@pytest.mark.parametrize("args", HOSTILE)
async def test_hostile_assign_arguments_get_usage_and_change_nothing(args: str) -> None:
    async with command_chat() as chat:
        await lift(chat)
        before = snapshot(chat)
        sent = await chat.say("wx_lei", f"/派单 {args}", mentions=("wx_zhang",))
        assert snapshot(chat) == before
    assert one(sent).startswith("用法：/派单 12 @张三")


async def test_a_task_of_another_compound_is_not_found_here() -> None:
    async with command_chat() as chat:
        await chat.say("wx_x", "5栋电梯坏了", group="g2")
        sent = await chat.say("wx_lei", "/派单 1 @张党员", mentions=("wx_zhang",))
        assert chat.task(1, "金阳小区").status == "open"
    assert one(sent) == "本小区没有任务 #1。发送 /任务 查看任务列表。"


@pytest.mark.parametrize(
    ("arg", "day"),
    [
        ("15天", "3月31日"),
        ("15", "3月31日"),
        ("3月30日", "3月30日"),
        ("2026-04-02", "4月2日"),
        ("明天", "3月17日"),
        ("两周", "3月30日"),
    ],
)
async def test_deadline_by_days_or_date(arg: str, day: str) -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_lei", "/派单 1 @张党员")
        sent = await chat.say("wx_lei", f"/限期 1 {arg}")
        kinds = [e.kind for e in chat.events(1)]
    assert one(sent) == f"#1【电梯】3栋2单元 期限改为 {day}。"
    assert sent[0].msg.mentions == ("wx_zhang",)
    assert kinds.count("deadline_set") == 2


@pytest.mark.parametrize(
    ("arg", "answer"),
    [
        ("0天", "期限要在今天以后"),
        ("-5天", "期限要在今天以后"),
        ("400天", "期限最长 365 天"),
        ("99999天", "期限最长 365 天"),
        ("60周", "期限最长 365 天"),
        ("2月30日", "没有 2月30日 这一天"),
        ("2027-13-01", "没有 2027-13-01 这一天"),
        ("明年", "用法：/限期 12 15天"),
        ("", "用法：/限期 12 15天"),
        ("1" * 10_000, "用法：/限期 12 15天"),
    ],
)
async def test_absurd_deadlines_are_refused_with_what_is_wrong(arg: str, answer: str) -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_lei", "/派单 1 @张党员")
        before = snapshot(chat)
        sent = await chat.say("wx_lei", f"/限期 1 {arg}")
        assert snapshot(chat) == before
    assert one(sent).startswith(answer), one(sent)


async def test_a_deadline_gone_by_is_told_so() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_lei", "/派单 1 @张党员")
        before = snapshot(chat)
        sent = await chat.say("wx_lei", "/限期 1 今天早上8点")
        assert one(await chat.say("wx_lei", "/限期 1 2025-01-01")) == "2025-01-01 已经过去了，请给一个以后的期限。"
        # /派单 with a deadline gone by is told the same, and gives nothing
        again = one(await chat.say("wx_lei", "/派单 1 王党员 今天 早上8点"))
        assert one(await chat.say("wx_lei", "/派单 1 王党员 2025-01-01")).startswith("2025-01-01 已经过去了")
        assert snapshot(chat) == before
    assert one(sent) == "今天早上8点 已经过去了，请给一个以后的期限。"
    assert again == "今天 早上8点 已经过去了，请给一个以后的期限。"


async def test_deadline_of_an_unclaimed_task_asks_to_assign_first() -> None:
    async with command_chat() as chat:
        await lift(chat)
        sent = await chat.say("wx_lei", "/限期 1 5天")
        assert chat.task(1).deadline is None
    assert "还没有人负责" in one(sent)


async def test_remind_mentions_the_holder_and_says_when_overdue() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_lei", "/派单 1 @张党员")
        await chat.say("wx_lei", "/限期 1 1天")
        await chat.advance(timedelta(days=3))
        sent = await chat.say("wx_lei", "/催办 #1")
        kinds = [e.kind for e in chat.events(1)]
    assert "请 张党员 尽快处理，已超过期限 3月17日" in one(sent)
    assert sent[0].msg.mentions == ("wx_zhang",)
    assert "reminded" in kinds


async def test_remind_an_unclaimed_task_calls_party_and_property() -> None:
    async with command_chat() as chat:
        await lift(chat)
        sent = await chat.say("wx_lei", "/remind 1")
    assert "还没有人认领" in one(sent)
    assert set(sent[0].msg.mentions) == {"wx_zhang", "wx_wang", "wx_wu"}


async def test_close_needs_a_reason_and_keeps_it() -> None:
    async with command_chat() as chat:
        await lift(chat)
        usage = one(await chat.say("wx_lei", "/关闭 1"))
        too_long = one(await chat.say("wx_lei", "/关闭 1 " + "很" * 201))
        assert chat.task(1).status == "open"
        done = one(await chat.say("wx_lei", "/关闭 1 不属于本小区"))
        again = one(await chat.say("wx_lei", "/close 1 无效"))
        task = chat.task(1)
    assert usage.startswith("用法：/关闭 12 原因") and too_long.startswith("用法")
    assert done == "#1【电梯】3栋2单元 已关闭，原因：不属于本小区"
    assert again.startswith("#1 已经关闭")
    assert (task.status, task.close_reason) == ("closed", "不属于本小区")


async def test_close_tells_the_holder_and_each_reporter_in_their_own_group() -> None:
    async with command_chat() as chat:
        await chat.bind("g2")
        await lift(chat)
        await chat.say("wx_chen", "3栋电梯也坏了", name="陈女士", group="g2")
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say("wx_lei", "/关闭 1 重复反映，物业已有工单")
    calls = sorted((s.msg.chat_id, s.msg.mentions) for s in sent)
    assert calls == [("g1", ("wx_zhang", "wx_li")), ("g2", ("wx_chen",))]
    assert all(s.msg.text.endswith("已关闭，原因：重复反映，物业已有工单") for s in sent)


async def test_reopen_a_closed_task_and_refuse_an_active_one() -> None:
    async with command_chat() as chat:
        await lift(chat)
        active = one(await chat.say("wx_lei", "/重开 1"))
        await chat.say("wx_lei", "/关闭 1 误报")
        sent = one(await chat.say("wx_lei", "/重开 1 确有此事"))
        task = chat.task(1)
    assert "无需重开" in active
    assert sent == "#1【电梯】3栋2单元 已重开，待认领，党员或物业可回复“认领 1”。"
    assert (task.status, task.close_reason) == ("open", "")


async def test_merge_closes_the_duplicate_and_moves_its_reporters() -> None:
    async with command_chat() as chat:
        await lift(chat, "wx_li", 3)
        await chat.say("wx_chen", "5栋电梯坏了", name="陈女士")
        sent = await chat.say("wx_lei", "/合并 2 1")
        dup, into = chat.task(2), chat.task(1)
        reporters = chat.reporters(1)
    assert "已并入 #1【电梯】3栋2单元" in one(sent)
    assert dup.status == "closed" and "#1" in dup.close_reason
    assert "wx_chen" in reporters and into.reporters == len(reporters)


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        ("1 1", "不能把 #1 并入它自己"),
        ("1 99", "本小区没有任务 #99"),
        ("1", "用法：/合并 12 8"),
        ("1 2 3", "用法：/合并 12 8"),
        ("1 #-2", "用法：/合并 12 8"),
        ("99 1", "本小区没有任务 #99"),
    ],
)
async def test_merge_refuses_what_cannot_be(args: str, answer: str) -> None:
    async with command_chat() as chat:
        await lift(chat, building=3)
        await lift(chat, building=5)
        before = snapshot(chat)
        sent = await chat.say("wx_lei", f"/合并 {args}")
        assert snapshot(chat) == before
    assert answer in one(sent)


async def test_merge_across_compounds_is_refused() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_x", "5栋电梯坏了", group="g2")
        await chat.say("wx_x", "6栋电梯坏了", group="g2")
        sent = await chat.say("wx_lei", "/合并 1 2")
        assert chat.task(1).status == "open"
    assert "本小区没有任务 #2" in one(sent)


async def test_a_reminder_at_night_is_held_for_the_morning_and_the_secretary_told_so() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_zhang", "认领 1")
        night = chat.clock.now().replace(hour=22, minute=30)
        await chat.advance(to=night)
        sent = await chat.say("wx_lei", "/催办 1")
        assert [s.msg.mentions for s in sent] == [()], [s.msg.text for s in sent]
        assert "免打扰时段" in sent[0].msg.text and "08:00" in sent[0].msg.text
        # The secretary is told what was done, not just that it was taken.
        assert sent[0].msg.text.startswith("已收到：催办：#1【电梯】"), sent[0].msg.text
        morning = await chat.advance(to=night.replace(hour=8) + timedelta(days=1, minutes=1))
        assert any("wx_zhang" in s.msg.mentions and "催办" in s.msg.text for s in morning)


@pytest.mark.parametrize("command", ["/催办 1", "/派单 1 @王党员"])
async def test_chasing_or_assigning_an_emergency_at_night_goes_out_at_once(command: str) -> None:
    async with command_chat() as chat:
        night = chat.clock.now().replace(hour=23, minute=10)
        await chat.advance(to=night)
        await chat.say("wx_li", "3栋2单元电梯困人了！", name="李阿姨")
        assert chat.task(1).urgent
        await chat.say("wx_zhang", "认领 1")
        sent = await chat.say("wx_lei", command)
        texts = [s.msg.text for s in sent]
        assert not any("免打扰" in t for t in texts), texts
        assert any(s.msg.mentions and s.msg.urgent for s in sent), texts


async def test_merge_into_a_finished_task_is_refused_and_a_holder_dropped_is_named() -> None:
    async with command_chat() as chat:
        await lift(chat, building=3)
        await lift(chat, building=5)
        await chat.say("wx_zhang", "认领 1")
        await chat.say("wx_zhang", "#1 修好了")
        before = snapshot(chat)
        refused = one(await chat.say("wx_lei", "/合并 2 1"))
        assert snapshot(chat) == before and "不能把还在处理的问题并入它" in refused
        await lift(chat, building=7)  # #3
        await chat.say("wx_zhang", "认领 2")
        sent = await chat.say("wx_lei", "/合并 2 3")
        assert "原由 张党员 认领" in one(sent) and "wx_zhang" in sent[0].msg.mentions


async def test_a_deadline_in_another_year_shows_the_year() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_zhang", "认领 1")
        answer = one(await chat.say("wx_lei", "/限期 1 2027-03-01"))
        assert "期限改为 2027年3月1日" in answer, answer
        assert "限2027年3月1日" in one(await chat.say("wx_lei", "/任务"))


async def test_a_deadline_at_a_time_of_day_is_kept_and_shown_with_it() -> None:
    async with command_chat() as chat:
        await lift(chat)
        await chat.say("wx_zhang", "认领 1")
        answer = one(await chat.say("wx_lei", "/限期 1 明天下午6点"))
        task = chat.task(1)
        listed = one(await chat.say("wx_lei", "/任务"))
    assert answer == "#1【电梯】3栋2单元 期限改为 3月17日18:00。"
    assert task.deadline is not None and task.deadline.isoformat() == "2026-03-17T10:00:00+00:00"
    assert "限3月17日18:00" in listed


@pytest.mark.parametrize(
    ("args", "mentions", "due"),
    [
        ("1 张党员 明天 18点", (), "2026-03-17T10:00:00+00:00"),
        ("1 @张党员 明天18:30", ("wx_zhang",), "2026-03-17T10:30:00+00:00"),
        ("1 张党员 今晚8点", (), "2026-03-16T12:00:00+00:00"),
    ],
)
async def test_assign_with_a_deadline_at_a_time_of_day(
    args: str, mentions: tuple[str, ...], due: str
) -> None:
    async with command_chat() as chat:
        await lift(chat)
        sent = await chat.say("wx_lei", f"/派单 {args}", mentions=mentions)
        task = chat.task(1)
    assert task.claimant_user_id == "wx_zhang"
    assert task.deadline is not None and task.deadline.isoformat() == due
    assert "已派给 张党员" in one(sent)


async def test_assign_with_a_time_of_day_gone_by_changes_nothing() -> None:
    async with command_chat() as chat:
        await lift(chat)
        before = snapshot(chat)
        sent = await chat.say("wx_lei", "/派单 1 张党员 今天 8点")
        assert snapshot(chat) == before
    assert one(sent) == "今天 8点 已经过去了，请给一个以后的期限。"


async def test_merging_tasks_of_different_categories_asks_for_a_confirmation_first() -> None:
    async with command_chat() as chat:
        await lift(chat, building=3)
        await chat.say("wx_chen", "5栋门口垃圾好几天没人收了", name="陈女士")
        before = snapshot(chat)
        asked = one(await chat.say("wx_lei", "/合并 2 1"))
        assert snapshot(chat) == before
        assert "类别不同" in asked and "/合并 2 1 确认" in asked, asked
        assert "已并入 #1" in one(await chat.say("wx_lei", "/合并 2 1 确认"))
        assert chat.task(2).status == "closed"


async def test_a_secretary_closing_their_own_report_is_not_called_by_name() -> None:
    async with command_chat() as chat:
        await chat.say("wx_lei", "/报事 3栋屋顶防水层老化，下雨就渗水")
        sent = await chat.say("wx_lei", "/关闭 1 重复")
        assert [s.msg.mentions for s in sent] == [()], [s.msg.text for s in sent]
        assert "已关闭，原因：重复" in one(sent)
