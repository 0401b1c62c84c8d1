"""Compounds and the chat groups bound to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlalchemy import select as core_select
from sqlmodel import Session, select

from storage.database import Plain, detached
from storage.models import ChatGroup, Community

_COMMUNITY = Community.__table__  # type: ignore[attr-defined]
_GROUP = ChatGroup.__table__  # type: ignore[attr-defined]
# Built once: every message from a group not remembered yet asks this.
_OF_GROUP = Plain(
    core_select(_COMMUNITY)
    .join(_GROUP, _GROUP.c.community_id == _COMMUNITY.c.id)
    .where(_GROUP.c.platform == bindparam("platform"), _GROUP.c.chat_id == bindparam("chat_id"))
    .limit(1)
)


def get_community(session: Session, community_id: int) -> Community | None:
    return session.get(Community, community_id)


def find_community(session: Session, name: str) -> Community | None:
    return session.exec(select(Community).where(Community.name == name.strip())).first()


def list_communities(session: Session) -> list[Community]:
    return list(session.exec(select(Community).order_by(Community.id)))


def add_community(session: Session, name: str, street: str, now: datetime) -> Community:
    """The compound of that name, created when new (its street updated when given)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValueError("a compound's name has 1 to 100 characters")
    found = find_community(session, name)
    if found is not None:
        if street and found.street != street:
            found.street = street
            session.add(found)
        return found
    community = Community(name=name, street=street.strip(), created_at=now)
    session.add(community)
    session.flush()
    return community


def bind_group(
    session: Session, platform: str, chat_id: str, community: Community, now: datetime
) -> ChatGroup:
    """Bind a chat group to a compound (moving it when it was bound elsewhere)."""
    group = find_group(session, platform, chat_id)
    if group is None:
        assert community.id is not None
        group = ChatGroup(
            platform=platform, chat_id=chat_id, community_id=community.id, created_at=now
        )
    else:
        assert community.id is not None
        group.community_id = community.id
    session.add(group)
    session.flush()
    return group


def find_group(session: Session, platform: str, chat_id: str) -> ChatGroup | None:
    return session.exec(
        select(ChatGroup).where(ChatGroup.platform == platform, ChatGroup.chat_id == chat_id)
    ).first()


def groups_of(session: Session, community_id: int) -> list[ChatGroup]:
    return list(
        session.exec(
            select(ChatGroup).where(ChatGroup.community_id == community_id).order_by(ChatGroup.id)
        )
    )


def community_of_group(session: Session, platform: str, chat_id: str) -> Community | None:
    """The compound this group is bound to, in one statement, as a detached row (so a
    rollback of this session cannot expire it)."""
    session.flush()
    row = _OF_GROUP.first(session.connection(), {"platform": platform, "chat_id": chat_id})
    return None if row is None else detached(Community, row)
