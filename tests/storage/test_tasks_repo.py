"""The task repository: numbering, duplicates, claims (also raced), the life cycle."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from storage.database import Database
from storage.models import Community, Task
from storage.repo import task_queries as queries
from storage.repo import tasks as repo
from storage.repo.communities import add_community
from storage.repo.tasks import Actor

NOW = datetime(2026, 3, 16, 1, 0, tzinfo=UTC)
LI = Actor("wechat", "wx_li", "李阿姨")
WANG = Actor("wechat", "wx_wang", "王大爷")
ZHANG = Actor("wechat", "wx_zhang", "张党员")
LEI = Actor("wechat", "wx_lei", "雷书记")


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database("sqlite://")
    database.migrate()
    yield database
    database.close()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with db.session() as s:
        yield s


@pytest.fixture
def jc(session: Session) -> Community:
    return add_community(session, "锦春小区", "璧泉街道", NOW)


def lift(session: Session, c: Community, who: Actor = LI, **kw: object) -> repo.Filed:
    args: dict[str, object] = {"category": "elevator", "building": 3}
    args.update(kw)
    assert c.id is not None
    return repo.file_report(session, c.id, who, "3栋电梯又坏了", NOW, **args)  # type: ignore[arg-type]


def test_numbers_count_per_compound_from_one(session: Session, jc: Community) -> None:
    other = add_community(session, "金阳小区", "", NOW)
    a = lift(session, jc)
    b = lift(session, jc, category="water")
    c = lift(session, other)
    assert (a.task.number, b.task.number, c.task.number) == (1, 2, 1)
    assert not a.merged and a.task.status == "open"
    assert [e.kind for e in queries.task_events(session, a.task)] == ["reported"]


def test_same_building_and_category_merges_and_counts_people_once(
    session: Session, jc: Community
) -> None:
    first = lift(session, jc, unit=2)
    again = lift(session, jc, WANG)
    same_person = lift(session, jc, WANG, unit=2)
    assert again.merged and again.task.number == first.task.number
    assert again.reporters == 2 and same_person.reporters == 2
    assert [r.user_id for r in repo.reporters_of(session, first.task)] == ["wx_li", "wx_wang"]


def test_different_unit_building_or_finished_task_files_anew(
    session: Session, jc: Community
) -> None:
    first = lift(session, jc, unit=1)
    assert not lift(session, jc, WANG, unit=2).merged
    assert not lift(session, jc, WANG, building=5).merged
    assert repo.mark_done(session, first.task, ZHANG, "修好了", NOW)
    assert lift(session, jc, Actor("wechat", "wx_x", "x"), unit=1).task.number == 4


def test_third_report_in_a_building_within_30_days_is_flagged(
    session: Session, jc: Community
) -> None:
    for n in range(3):
        filed = lift(session, jc)
        assert filed.task.repeat_flag == (n == 2)
        repo.close(session, filed.task, LEI, "已处理", NOW)


def test_absurd_or_foreign_numbers_find_nothing(session: Session, jc: Community) -> None:
    other = add_community(session, "金阳小区", "", NOW)
    assert other.id is not None and jc.id is not None
    lift(session, other)
    for n in (0, -1, 99999999999999999999, 2**31, True):
        assert repo.get_task(session, jc.id, n) is None  # type: ignore[arg-type]
    assert repo.get_task(session, jc.id, 1) is None
    assert repo.get_task(session, other.id, 1) is not None


def test_claim_once_then_loser_sees_holder(session: Session, jc: Community) -> None:
    task = lift(session, jc).task
    deadline = NOW + timedelta(days=15)
    won = repo.claim(session, task, ZHANG, NOW, deadline)
    lost = repo.claim(session, task, LEI, NOW, deadline)
    assert won.won and not lost.won
    assert lost.task.claimant_name == "张党员" and lost.task.deadline == deadline
    kinds = [e.kind for e in queries.task_events(session, task)]
    assert kinds == ["reported", "claimed", "deadline_set"]


def test_life_cycle_done_reject_done_accept(session: Session, jc: Community) -> None:
    task = lift(session, jc).task
    repo.claim(session, task, ZHANG, NOW, None)
    repo.add_progress(session, task, ZHANG, "已联系维保", NOW)
    assert repo.mark_done(session, task, ZHANG, "修好了", NOW)
    assert not repo.mark_done(session, task, ZHANG, "again", NOW)
    assert repo.reject(session, task, LI, "还是响", NOW)
    assert task.status == "claimed" and task.claimant_user_id == "wx_zhang"
    assert not repo.accept(session, task, LI, NOW)
    assert repo.mark_done(session, task, ZHANG, "换了零件", NOW)
    assert repo.accept(session, task, LI, NOW)
    assert task.status == "accepted" and task.accepted_at is not None
    kinds = [e.kind for e in queries.task_events(session, task)]
    assert kinds == ["reported", "claimed", "progress", "done", "rejected", "done", "accepted"]


def test_auto_accept_after_three_days_only(session: Session, jc: Community) -> None:
    old = lift(session, jc).task
    new = lift(session, jc, category="water").task
    repo.mark_done(session, old, ZHANG, "", NOW)
    repo.mark_done(session, new, ZHANG, "", NOW + timedelta(days=2))
    got = repo.auto_accept_due(session, NOW + timedelta(days=3), timedelta(days=3))
    assert [t.number for t in got] == [old.number]
    assert old.status == "accepted" and new.status == "done"
    assert queries.task_events(session, old)[-1].kind == "auto_accepted"


def test_close_reopen_assign_merge(session: Session, jc: Community) -> None:
    a = lift(session, jc).task
    b = lift(session, jc, WANG, building=5).task
    assert repo.close(session, a, LEI, "无效", NOW) and a.close_reason == "无效"
    assert not repo.close(session, a, LEI, "again", NOW)
    assert repo.reopen(session, a, LEI, "", NOW) and a.status == "open"
    assert repo.assign(session, a, ZHANG, LEI, NOW) and a.claimant_name == "张党员"
    assert repo.merge(session, b, a, LEI, NOW)
    assert b.status == "closed" and b.merged_into == a.id and a.reporters == 2
    assert not repo.merge(session, a, a, LEI, NOW)


def test_queries_for_reminders_and_lists(session: Session, jc: Community) -> None:
    assert jc.id is not None
    urgent = lift(session, jc, urgent=True).task
    plain = lift(session, jc, category="water").task
    held = lift(session, jc, category="power").task
    repo.claim(session, held, ZHANG, NOW, NOW + timedelta(days=1))
    assert queries.unclaimed_urgent(session, NOW) == [urgent]
    assert queries.unclaimed_urgent(session, NOW - timedelta(minutes=1)) == []
    assert queries.list_tasks(session, jc.id, "open") == [urgent, plain]
    assert queries.list_tasks(session, jc.id, "overdue", NOW) == []
    later = NOW + timedelta(days=2)
    assert queries.list_tasks(session, jc.id, "overdue", later) == [held]
    assert queries.overdue(session, later) == [held]
    assert queries.deadline_between(session, NOW, later) == [held]


def test_quote_of_a_report_or_of_the_bots_reply_finds_the_task(
    session: Session, jc: Community
) -> None:
    from bot.events import Event, Outgoing
    from storage.repo.messages import log_message, set_message_task
    from storage.repo.outbox import add_outgoing, mark_sent

    task = lift(session, jc).task
    assert task.id is not None and jc.id is not None
    ev = Event("wechat", "g1", "wx_li", "李阿姨", "3栋电梯又坏了", "m1", NOW)
    row = log_message(session, ev, jc.id)
    assert row is not None
    set_message_task(session, row, task.id)
    out = add_outgoing(session, Outgoing("wechat", "已登记 #1", chat_id="g1"), NOW, task_id=task.id)
    assert out is not None and out.id is not None
    mark_sent(session, out.id, NOW, "bot-1")
    assert repo.find_task_by_message(session, "wechat", "m1") == task
    assert repo.find_task_by_message(session, "wechat", "bot-1") == task
    assert repo.find_task_by_message(session, "qq", "bot-1") is None
    assert repo.find_task_by_message(session, "wechat", "nope") is None


def test_twenty_claims_on_separate_connections_have_one_winner(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'race.db'}")
    db.migrate()
    with db.session() as s:
        c = add_community(s, "锦春小区", "", NOW)
        assert c.id is not None
        task = repo.file_report(s, c.id, LI, "3栋电梯坏了", NOW, category="elevator").task
    start = threading.Barrier(20)
    results: list[bool] = []
    errors: list[BaseException] = []

    def contender(i: int) -> None:
        try:
            start.wait()
            with db.session() as s:
                who = Actor("wechat", f"wx_p{i}", f"党员{i}")
                results.append(repo.claim(s, task, who, NOW, None).won)
        except BaseException as exc:  # pragma: no cover - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=contender, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [False] * 19 + [True]
    with db.session() as s:
        fresh = s.get(Task, task.id)
        assert fresh is not None and fresh.status == "claimed"
        assert [e.kind for e in queries.task_events(s, fresh)].count("claimed") == 1
    db.close()


def test_the_list_is_ranked_in_the_database_and_counted_in_full(
    session: Session, jc: Community
) -> None:
    assert jc.id is not None
    h = timedelta(hours=1)

    def filed(building: int, at: datetime, urgent: bool = False) -> Task:
        assert jc.id is not None
        text = f"{building}栋灯坏了"
        kw = {"category": "power", "building": building, "urgent": urgent}
        return repo.file_report(session, jc.id, LI, text, at, **kw).task  # type: ignore[arg-type]

    oldest, urgent = filed(1, NOW), filed(2, NOW + h, urgent=True)
    overdue, held = filed(3, NOW + 2 * h), filed(4, NOW + 3 * h)
    repo.claim(session, overdue, ZHANG, NOW + 2 * h, NOW + timedelta(days=1))
    repo.claim(session, held, ZHANG, NOW + 3 * h, NOW + timedelta(days=10))
    done_early, done_urgent, done_late = filed(5, NOW), filed(6, NOW, urgent=True), filed(7, NOW)
    for task, at in ((done_early, 5 * h), (done_late, 7 * h), (done_urgent, 6 * h)):
        repo.mark_done(session, task, ZHANG, "", NOW + at)
    accepted, closed = filed(8, NOW), filed(9, NOW)
    repo.mark_done(session, accepted, ZHANG, "", NOW + h)
    repo.accept(session, accepted, LI, NOW + 8 * h)
    repo.close(session, closed, LEI, "重复", NOW + 9 * h)
    later = NOW + timedelta(days=3)

    def numbers(which: str, limit: int = 20) -> list[int]:
        return [t.number for t in queries.ranked_tasks(session, jc.id, which, later, limit)]

    active = [urgent.number, overdue.number, oldest.number, held.number]
    assert numbers("active") == active
    assert numbers("active", limit=3) == active[:3]
    done = [done_late.number, done_urgent.number, done_early.number]  # newest first
    assert numbers("all") == [*active, *done, closed.number, accepted.number]
    assert numbers("overdue") == [overdue.number]
    counts = {w: queries.count_tasks(session, jc.id, w, later) for w in repo.LIST_FILTERS}
    assert counts == {"open": 2, "claimed": 2, "overdue": 1, "active": 4, "all": 9}
    for which in repo.LIST_FILTERS:
        shown, total = queries.ranked_and_counted(session, jc.id, which, later, 3)
        assert ([t.number for t in shown], total) == (numbers(which, 3), counts[which])
    assert queries.ranked_and_counted(session, jc.id + 1, "all", later, 3) == ([], 0)


def _stored(db: Database, task_id: int | None) -> dict[str, object]:
    with db.session() as s:
        row = s.get(Task, task_id)
        assert row is not None
        return row.model_dump()


def test_a_filed_task_is_the_row_as_stored_and_belongs_to_the_session(db: Database) -> None:
    with db.session() as s:
        c = add_community(s, "锦春小区", "", NOW)
        new = lift(s, c, urgent=False, unit=2, floor=5, room=502, chat_id="g1", message_id="m1")
        joined = lift(s, c, WANG, urgent=True, message_id="m2")
        assert s.get(Task, new.task.id) is new.task and joined.task is new.task
        assert not s.dirty  # nothing left for the ORM to write again
        shown = new.task.model_dump()
    assert shown == _stored(db, new.task.id)
    assert shown["urgent"] is True and shown["reporters"] == 2 and shown["place"] is None


def test_a_repeat_report_merges_once_per_person_and_keeps_urgency(
    session: Session, jc: Community
) -> None:
    first = lift(session, jc)
    urgent = lift(session, jc, WANG, urgent=True)
    again = lift(session, jc, WANG)
    assert (urgent.merged, urgent.new_reporter, urgent.reporters) == (True, True, 2)
    assert (again.merged, again.new_reporter, again.reporters) == (True, False, 2)
    assert first.task.urgent and first.task.reporters == 2
    kinds = [e.kind for e in queries.task_events(session, first.task)]
    assert kinds == ["reported", "merged", "repeated"]


def test_repeats_count_thirty_days_and_not_duplicates(session: Session, jc: Community) -> None:
    assert jc.id is not None
    old = repo.file_report(
        session, jc.id, LI, "电梯坏了", NOW - timedelta(days=31), category="elevator", building=3
    )
    repo.close(session, old.task, LEI, "已处理", NOW)
    one, two = lift(session, jc).task, lift(session, jc, category="water").task
    assert repo.merge(session, two, one, LEI, NOW)  # another category, and merged: not counted
    repo.close(session, one, LEI, "已处理", NOW)
    second = lift(session, jc).task
    repo.close(session, second, LEI, "已处理", NOW)
    assert not second.repeat_flag
    third = lift(session, jc).task
    assert third.repeat_flag
    assert [e.kind for e in queries.task_events(session, third)] == ["reported", "repeat"]


def test_a_task_loaded_in_the_session_follows_its_claim_and_moves(
    db: Database, session: Session, jc: Community
) -> None:
    assert jc.id is not None
    number = lift(session, jc).task.number
    task = repo.get_task(session, jc.id, number)
    assert task is not None
    result = repo.claim(session, task, ZHANG, NOW, NOW + timedelta(days=3))
    assert result.won and result.task is task
    assert task.status == "claimed" and task.claimant_name == "张党员"
    repo.add_progress(session, task, ZHANG, "已联系维保", NOW + timedelta(hours=1))
    assert task.updated_at == NOW + timedelta(hours=1)
    repo.set_deadline(session, task, NOW + timedelta(days=5), LEI, NOW + timedelta(hours=2))
    assert repo.mark_done(session, task, ZHANG, "修好了", NOW + timedelta(hours=3))
    assert repo.get_task(session, jc.id, number) is task and not session.dirty
    session.commit()
    assert task.model_dump() == _stored(db, task.id)
    assert task.status == "done" and task.deadline == NOW + timedelta(days=5)


def test_a_claim_lost_to_another_process_reads_the_holder(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'two.db'}")
    db.migrate()
    with db.session() as s:
        c = add_community(s, "锦春小区", "", NOW)
        assert c.id is not None
        number = lift(s, c).task.number
    with db.session() as mine:
        assert c.id is not None
        task = repo.get_task(mine, c.id, number)
        assert task is not None and task.status == "open"
        with db.session() as theirs:
            other = repo.get_task(theirs, c.id, number)
            assert other is not None and repo.claim(theirs, other, LEI, NOW, None).won
        lost = repo.claim(mine, task, ZHANG, NOW, None)
        assert not lost.won and lost.task is task and task.claimant_name == "雷书记"
    db.close()


def test_writes_are_counted_per_table(db: Database) -> None:
    with db.session() as s:
        c = add_community(s, "锦春小区", "", NOW)
    tables = ("community", "community.next_task_number", "task", "task_reporter", "task_event")
    before = db.version_of(*tables)
    with db.session() as s:
        task = lift(s, c).task
    assert db.version_of(*tables) == (before[0], *(n + 1 for n in before[1:]))
    with db.session() as s:
        task = s.merge(task)
        repo.claim(s, task, ZHANG, NOW, None)
    assert db.version_of("task", "task_event") == (before[2] + 2, before[4] + 2)


def test_reporters_are_counted_once_where_no_upsert_is_known(
    session: Session, jc: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as on a database other than these two
    monkeypatch.setattr(repo, "_add_reporter_statement", lambda _dialect: None)
    first = lift(session, jc)
    assert lift(session, jc, WANG).reporters == 2
    assert lift(session, jc, WANG).new_reporter is False
    assert [r.user_id for r in repo.reporters_of(session, first.task)] == ["wx_li", "wx_wang"]


def _plans(tmp_path: Path, ask: Callable[[Session], object]) -> list[str]:
    """The query plans of the statements `ask` runs on a fresh migrated file database."""
    from sqlalchemy import event as sa_event

    db = Database(f"sqlite:///{tmp_path / 'plan.db'}")
    db.migrate()
    seen: list[tuple[str, object]] = []

    def note(_c: object, _cur: object, statement: str, params: object, *_: object) -> None:
        seen.append((statement, params))

    sa_event.listen(db.engine, "before_cursor_execute", note)
    with db.session() as s:
        ask(s)
    sa_event.remove(db.engine, "before_cursor_execute", note)
    with db.engine.connect() as conn:
        plans = [
            " ".join(
                str(row[-1])
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
            )
            for statement, params in seen
        ]
    db.close()
    return plans


def test_what_one_person_reported_is_found_from_their_rows_not_the_compounds_tasks(
    tmp_path: Path,
) -> None:
    """The tasks awaiting a person's check and their open reports (asked on every plain
    好了 / 还是不行) start from the person's index (0007), whatever the compound's size."""
    from storage.repo.task_queries import done_reported_by, reported_by

    def ask(s: Session) -> None:
        done_reported_by(s, 1, "wechat", "u1")
        reported_by(s, 1, "wechat", "u1")

    plans = _plans(tmp_path, ask)
    assert len(plans) == 2
    assert all("ix_task_reporter_person" in plan for plan in plans), plans


def test_what_one_person_holds_is_found_from_their_rows(tmp_path: Path) -> None:
    """Whether the sender of a plain 修好了 holds a task (asked of many messages) starts
    from the holder's index (0008); nobody holding anything costs that probe alone."""
    from storage.repo.task_queries import held_by

    plans = _plans(tmp_path, lambda s: held_by(s, 1, "wechat", "u1"))
    assert len(plans) == 1 and "ix_task_claimant" in plans[0], plans
