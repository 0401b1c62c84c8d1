"""The figures' counts and durations, counted in the database: which tasks count, the
24-hour window to the millisecond, deadlines met, verdicts, the scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from bot.figures import Due, Reported
from storage.database import Database
from storage.models import Community, Task
from storage.repo import stats
from storage.repo import tasks as repo
from storage.repo.communities import add_community
from storage.repo.tasks import Actor

START = datetime(2026, 3, 1, 0, 0, 0, 123456, tzinfo=UTC)
END = START + timedelta(days=31)
H = timedelta(hours=1)
LI = Actor("wechat", "wx_li", "李阿姨")
ZHANG = Actor("wechat", "wx_zhang", "张党员")
LEI = Actor("wechat", "wx_lei", "雷书记")


@pytest.fixture
def session() -> Iterator[Session]:
    db = Database("sqlite://")
    db.migrate()
    with db.session() as s:
        yield s
    db.close()


def filed(session: Session, c: Community, building: int, at: datetime) -> Task:
    assert c.id is not None
    return repo.file_report(
        session, c.id, LI, "电梯坏了", at, category="elevator", building=building
    ).task


def test_counts_durations_and_checks_of_a_compound(session: Session) -> None:
    jc = add_community(session, "锦春小区", "璧泉街道", START)
    other = add_community(session, "桂园小区", "璧泉街道", START)
    assert jc.id is not None and other.id is not None
    quick, on_the_dot, a_ms_late, late, untouched = (
        filed(session, jc, building, START) for building in range(1, 6)
    )
    for task, after in ((quick, 2 * H), (on_the_dot, 24 * H), (a_ms_late, 24 * H), (late, 30 * H)):
        extra = timedelta(milliseconds=1) if task is a_ms_late else timedelta(0)
        repo.claim(session, task, ZHANG, START + after + extra, START + 100 * H)
    repo.mark_done(session, quick, ZHANG, "", START + 50 * H)  # before its deadline
    repo.mark_done(session, late, ZHANG, "", START + 101 * H)  # after it
    repo.accept(session, quick, LI, START + 60 * H)
    repo.reject(session, late, LI, "没修好", START + 102 * H)
    late.repeat_flag = True
    session.add(late)
    duplicate = filed(session, jc, 9, START + H)
    repo.merge(session, duplicate, untouched, LEI, START + 2 * H)
    closed = filed(session, jc, 8, START)
    repo.claim(session, closed, ZHANG, START + H, START + 100 * H)
    repo.close(session, closed, LEI, "不归我们管", START + 2 * H)
    filed(session, jc, 7, START - H)  # before the period
    filed(session, other, 1, START)  # another compound
    session.flush()

    ids = [jc.id]
    # The closed one counts as reported and claimed, not as due.
    assert stats.reported_counts(session, ids, START, END) == Reported(
        tasks=6, claimed=5, claimed_in_time=3, done=1, accepted=1, repeats=1, answerable=6
    )
    # `late` was sent back, so only `quick` is done now.
    # closed, quick, on the dot, a millisecond late, late
    seconds = [3600, 7200, 86400, 86400.001, 108000]
    assert stats.claim_seconds(session, ids, START, END) == pytest.approx(seconds, abs=1e-4)
    assert stats.fix_seconds(session, ids, START, END) == pytest.approx([50 * 3600])
    assert stats.due_counts(session, ids, START, END) == Due(tasks=4, done_in_time=1)
    assert stats.checks(session, ids, START, END) == (1, 1)
    assert stats.overdue_count(session, ids, START + 103 * H) == 3  # on the dot, a ms late, late
    assert stats.reported_counts(session, stats.scope_ids(session), START, END).tasks == 7
    assert stats.scope_ids(session, street="璧泉街道") == [jc.id, other.id]


def test_a_task_sent_back_then_accepted_counts_once_as_accepted(session: Session) -> None:
    c = add_community(session, "锦春小区", "", START)
    assert c.id is not None
    task = filed(session, c, 1, START)
    repo.claim(session, task, ZHANG, START + H, START + 100 * H)
    repo.mark_done(session, task, ZHANG, "", START + 2 * H)
    repo.reject(session, task, LI, "还是不亮", START + 3 * H)
    repo.mark_done(session, task, ZHANG, "", START + 4 * H)
    repo.accept(session, task, LI, START + 5 * H)
    session.flush()
    assert stats.checks(session, [c.id], START, END) == (1, 0)


def test_tasks_closed_unclaimed_or_younger_than_a_day_are_not_answerable(session: Session) -> None:
    c = add_community(session, "锦春小区", "", START)
    assert c.id is not None
    claimed = filed(session, c, 1, START)
    repo.claim(session, claimed, ZHANG, START + H, START + 100 * H)
    dropped = filed(session, c, 2, START)
    repo.close(session, dropped, LEI, "不归我们管", START + 2 * H)
    filed(session, c, 3, START)  # unclaimed for more than a day: a missed response
    filed(session, c, 4, END - 2 * H)  # unclaimed, but its day is not over
    session.flush()
    counts = stats.reported_counts(session, [c.id], START, END)
    assert (counts.tasks, counts.claimed_in_time, counts.answerable) == (4, 1, 2)
    assert stats.period_inputs(session, [c.id], START, END).reported == counts


def test_an_empty_period_counts_nothing(session: Session) -> None:
    c = add_community(session, "锦春小区", "", START)
    filed(session, c, 1, START)
    assert c.id is not None
    before = START - timedelta(days=1)
    assert stats.reported_counts(session, [c.id], before, START) == Reported(0, 0, 0, 0, 0, 0, 0)
    assert stats.due_counts(session, [c.id], before, START) == Due(0, 0)
    assert stats.claim_seconds(session, [c.id], before, START) == []


def test_the_grouped_inputs_are_each_compounds_own(session: Session) -> None:
    jc = add_community(session, "锦春小区", "", START)
    gy = add_community(session, "桂园小区", "", START)
    empty = add_community(session, "空小区", "", START)
    assert jc.id is not None and gy.id is not None and empty.id is not None
    for c, shift in ((jc, 0 * H), (gy, 5 * H)):
        quick, late, sent_back, left = (filed(session, c, b, START + shift) for b in (1, 2, 3, 4))
        repo.claim(session, quick, ZHANG, START + shift + 2 * H, START + 100 * H)
        repo.claim(session, late, ZHANG, START + shift + 30 * H, START + 50 * H)
        repo.claim(session, sent_back, ZHANG, START + 3 * H, START + 200 * H)
        repo.mark_done(session, quick, ZHANG, "", START + shift + 40 * H)
        repo.accept(session, quick, LI, START + 60 * H)
        repo.mark_done(session, sent_back, ZHANG, "", START + 4 * H)
        repo.reject(session, sent_back, LI, "没修好", START + 5 * H)
        repo.merge(session, filed(session, c, 9, START + H), left, LEI, START + 2 * H)
        filed(session, c, 7, START - H)  # before the period
    session.flush()
    ids = [jc.id, gy.id, empty.id]
    grouped = stats.inputs_by_community(session, ids, START, END)
    for i in ids:
        one = [i]
        assert grouped[i] == stats.Inputs(
            stats.reported_counts(session, one, START, END),
            stats.due_counts(session, one, START, END),
            stats.claim_seconds(session, one, START, END),
            stats.fix_seconds(session, one, START, END),
            *stats.checks(session, one, START, END),
            stats.overdue_count(session, one, END),
        )
    assert grouped[jc.id] != grouped[gy.id] and grouped[jc.id].reported.tasks == 4
    for scope in ([jc.id], [gy.id], [empty.id], ids):
        assert stats.period_inputs(session, scope, START, END) == stats.Inputs(
            stats.reported_counts(session, scope, START, END),
            stats.due_counts(session, scope, START, END),
            stats.claim_seconds(session, scope, START, END),
            stats.fix_seconds(session, scope, START, END),
            *stats.checks(session, scope, START, END),
            stats.overdue_count(session, scope, END),
        )
    later = START + 60 * H
    assert stats.overdue_by_community(session, ids, later) == {
        i: stats.overdue_count(session, [i], later) for i in (jc.id, gy.id)
    }
    assert stats.status_counts_by_community(session, ids) == {
        i: stats.status_counts(session, [i]) for i in (jc.id, gy.id)
    }
