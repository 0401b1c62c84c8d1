"""People with roles, known by platform user id."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam
from sqlalchemy import select as core_select
from sqlmodel import Session, col, or_, select

from storage.database import Plain, detached
from storage.models import ROLES, Member

# Built once: composing this statement cost more than running it, and it runs for
# every message whose sender is not remembered yet.
_FIND = select(Member).where(
    Member.platform == bindparam("platform"),
    Member.user_id == bindparam("user_id"),
    or_(Member.community_id == bindparam("community_id"), col(Member.community_id).is_(None)),
)


_MEMBER = Member.__table__  # type: ignore[attr-defined]
_ROLES_OF = Plain(
    core_select(_MEMBER)
    .where(_MEMBER.c.platform == bindparam("platform"), _MEMBER.c.user_id == bindparam("user_id"))
    .order_by(_MEMBER.c.id)
)
_MEMBER_KEYS = tuple(c.key for c in _MEMBER.c)


def roles_of(session: Session, platform: str, user_id: str) -> list[Member]:
    """Every role row of this person (in any compound), in one statement, as detached
    rows (a rollback of this session cannot expire them); most senders have none."""
    session.flush()
    rows = _ROLES_OF.all(session.connection(), {"platform": platform, "user_id": user_id})
    return [detached(Member, dict(zip(_MEMBER_KEYS, row, strict=True))) for row in rows]


def role_in(roles: list[Member], community_id: int | None) -> Member | None:
    """Of someone's role rows, the one that counts in this compound (as `find_member`)."""
    here = [m for m in roles if m.community_id is None or m.community_id == community_id]
    admin = next((m for m in here if m.role == "admin"), None)
    return admin or next(iter(here), None)


def find_member(
    session: Session, platform: str, user_id: str, community_id: int | None
) -> Member | None:
    """The sender's role row in this compound; an admin row (no compound) counts too."""
    rows = session.exec(
        _FIND, params={"platform": platform, "user_id": user_id, "community_id": community_id}
    ).all()
    # A compound role is more specific than an admin row, except that admin outranks all.
    admin = next((m for m in rows if m.role == "admin"), None)
    return admin or next(iter(rows), None)


def has_any_role(session: Session, platform: str, user_id: str) -> bool:
    """Whether this person has a role in any compound (most senders have none)."""
    return (
        session.exec(
            select(Member.id).where(Member.platform == platform, Member.user_id == user_id).limit(1)
        ).first()
        is not None
    )


def set_member(
    session: Session,
    platform: str,
    user_id: str,
    name: str,
    role: str,
    community_id: int | None,
    now: datetime,
) -> Member:
    """Give someone a role (admins have no compound); updates name and role when known."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if role == "admin":
        community_id = None
    elif community_id is None:
        raise ValueError("only an admin has no compound")
    member = session.exec(
        select(Member).where(
            Member.platform == platform,
            Member.user_id == user_id,
            Member.community_id == community_id
            if community_id is not None
            else col(Member.community_id).is_(None),
        )
    ).first()
    if member is None:
        member = Member(
            platform=platform,
            user_id=user_id,
            name=name,
            role=role,
            community_id=community_id,
            created_at=now,
        )
    else:
        member.role = role
        if name:
            member.name = name
    session.add(member)
    session.flush()
    return member


def remove_member(
    session: Session, platform: str, user_id: str, community_id: int | None
) -> bool:
    """Take a role away: in a compound, or (community_id None) an admin's."""
    where = (
        col(Member.community_id).is_(None)
        if community_id is None
        else Member.community_id == community_id
    )
    member = session.exec(
        select(Member).where(Member.platform == platform, Member.user_id == user_id, where)
    ).first()
    if member is None:
        return False
    session.delete(member)
    session.flush()
    return True


def members_of(session: Session, community_id: int, roles: tuple[str, ...] = ROLES) -> list[Member]:
    return list(
        session.exec(
            select(Member)
            .where(Member.community_id == community_id, col(Member.role).in_(roles))
            .order_by(Member.id)
        )
    )


@cache
def _contacts(n: int) -> Select[Any]:
    """The `contacts` statement for `n` roles, bound as `role_i`: one per count, compiled
    once, where an expanding IN would be rendered again on every call."""
    return (
        select(_MEMBER.c.user_id, _MEMBER.c.name)
        .where(
            _MEMBER.c.community_id == bindparam("community_id"),
            _MEMBER.c.platform == bindparam("platform"),
            _MEMBER.c.role.in_([bindparam(f"role_{i}") for i in range(n)]),
        )
        .order_by(_MEMBER.c.id)
    )


def contacts(
    session: Session, community_id: int, platform: str, roles: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(user id, name) of the compound's people on this platform with these roles, in
    one prebuilt statement and without loading Member objects (urgent reports call them)."""
    if not roles:
        return []
    session.flush()
    params: dict[str, Any] = {"community_id": community_id, "platform": platform}
    for i, role in enumerate(roles):
        params[f"role_{i}"] = role
    rows = session.connection().execute(_contacts(len(roles)), params)
    return [(user_id, name) for user_id, name in rows]


def members_by_community(
    session: Session, community_ids: list[int], roles: tuple[str, ...] = ROLES
) -> dict[int, list[Member]]:
    """members_of each of these compounds that has any, in one statement."""
    found: dict[int, list[Member]] = {}
    for m in session.exec(
        select(Member)
        .where(col(Member.community_id).in_(community_ids), col(Member.role).in_(roles))
        .order_by(Member.id)
    ):
        assert m.community_id is not None
        found.setdefault(m.community_id, []).append(m)
    return found


def list_members(session: Session) -> list[Member]:
    return list(session.exec(select(Member).order_by(Member.community_id, Member.id)))


def find_member_by_name(
    session: Session, platform: str, name: str, community_id: int
) -> list[Member]:
    """Members whose stored name is exactly this (for mentions typed as plain text)."""
    return list(
        session.exec(
            select(Member).where(
                Member.platform == platform,
                Member.community_id == community_id,
                Member.name == name,
            )
        )
    )
