"""What a handler or a scheduled job works with: the event (if any), the session of
its transaction, the clock, settings, and the way to send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot.clock import Clock
from bot.events import Event, Outgoing
from bot.settings import Settings
from storage.models import Community, Member
from storage.repo.communities import groups_of
from storage.repo.outbox import Queued

if TYPE_CHECKING:
    from bot.outbox import Outbox


@dataclass
class Context:
    """One event's (or one job's) view of the bot. Sends are queued in the same
    transaction as the changes, so they go out exactly when the changes are kept."""

    session: Session
    clock: Clock
    settings: Settings
    outbox: Outbox
    event: Event | None = None
    community: Community | None = None
    member: Member | None = None

    @property
    def role(self) -> str:
        return self.member.role if self.member is not None else "resident"

    def now(self) -> datetime:
        return self.clock.now()

    def send(
        self,
        msg: Outgoing,
        *,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        task_id: int | None = None,
    ) -> Queued | None:
        return self.outbox.enqueue(
            self.session, msg, due_at=due_at, dedupe_key=dedupe_key, task_id=task_id
        )

    def reply(
        self,
        text: str,
        mentions: tuple[str, ...] = (),
        *,
        urgent: bool = False,
        task_id: int | None = None,
    ) -> Queued | None:
        """Answer in the chat the event came from (privately for a private message)."""
        ev = self.event
        if ev is None:
            raise RuntimeError("reply() needs an event; a job uses send()")
        msg = Outgoing(
            platform=ev.platform,
            text=text,
            chat_id=ev.chat_id,
            user_id=None if ev.chat_id is not None else ev.user_id,
            mentions=mentions,
            urgent=urgent,
            account=ev.account,
        )
        # An answer to someone who just wrote goes at once, even in quiet hours; one that
        # @-mentions others (the reporters asked to check a fix, a holder reminded) calls
        # people who wrote nothing, and waits for the quiet hours to end like any notice.
        answer = all(m == ev.user_id for m in mentions)
        queued = self.outbox.enqueue(self.session, msg, task_id=task_id, answer=answer)
        if queued is not None and not answer and not urgent and queued.due_at > self.clock.now():
            # Held for the morning: the sender is told at once what was done, and when the
            # people it calls will hear of it.
            local = queued.due_at.astimezone(self.clock.tz)
            done = text.strip().splitlines()[0] if text.strip() else ""
            if len(done) > 60:
                done = done[:59] + "…"
            note = Outgoing(
                platform=ev.platform,
                text=f"已收到：{done}\n现在是免打扰时段，这条通知将于 {local:%H:%M} 发出。",
                chat_id=ev.chat_id,
                user_id=msg.user_id,
                account=ev.account,
            )
            self.outbox.enqueue(self.session, note, task_id=task_id, answer=True)
        return queued

    def tell(self, platform: str, user_id: str, text: str, *, urgent: bool = False) -> None:
        """A private message to one person."""
        self.send(Outgoing(platform=platform, text=text, user_id=user_id, urgent=urgent))

    def announce(
        self,
        community_id: int,
        text: str,
        mentions_by_platform: dict[str, tuple[str, ...]] | None = None,
        *,
        urgent: bool = False,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        task_id: int | None = None,
    ) -> int:
        """Send `text` to every group of the compound; the number of groups."""
        groups = groups_of(self.session, community_id)
        for g in groups:
            mentions = (mentions_by_platform or {}).get(g.platform, ())
            msg = Outgoing(
                platform=g.platform,
                text=text,
                chat_id=g.chat_id,
                mentions=mentions,
                urgent=urgent,
                account=g.account,
            )
            key = f"{dedupe_key}:{g.id}" if dedupe_key else None
            self.send(msg, due_at=due_at, dedupe_key=key, task_id=task_id)
        return len(groups)
