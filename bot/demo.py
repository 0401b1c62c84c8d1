"""The demo compound the console starts on, seeded on first run."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.adapters.console import DEMO_GROUP, PLATFORM, console_user_id
from storage.repo.communities import add_community, bind_group, find_group
from storage.repo.members import set_member

DEMO_COMMUNITY = "锦春小区"
DEMO_STREET = "璧泉街道"
DEMO_PEOPLE = (
    ("雷书记", "secretary"),
    ("张党员", "party"),
    ("王党员", "party"),
    ("刘物业", "property"),
)
DEMO_RESIDENTS = ("李阿姨", "赵大爷", "陈女士")


def seed_demo(session: Session, now: datetime) -> bool:
    """Create the demo compound, its console group and its people; False if there already."""
    if find_group(session, PLATFORM, DEMO_GROUP) is not None:
        return False
    community = add_community(session, DEMO_COMMUNITY, DEMO_STREET, now)
    bind_group(session, PLATFORM, DEMO_GROUP, community, now)
    for name, role in DEMO_PEOPLE:
        set_member(session, PLATFORM, console_user_id(name), name, role, community.id, now)
    return True


def demo_names() -> dict[str, str]:
    return {console_user_id(n): n for n, _ in DEMO_PEOPLE} | {
        console_user_id(n): n for n in DEMO_RESIDENTS
    }
