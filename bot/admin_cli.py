"""`weizhili community|member|group`: set up compounds and the first secretary from the
command line, before anyone can do it from chat."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from bot.events import PLATFORMS
from storage.models import ROLES


def _parser(name: str) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="a SQLite file (default: DATABASE_URL)")
    ap = argparse.ArgumentParser(prog=f"weizhili {name}")
    sub = ap.add_subparsers(dest="action", required=True)

    if name == "community":
        add = sub.add_parser("add", parents=[common], help="add a compound (or update its street)")
        add.add_argument("name")
        add.add_argument("--street", default="")
        sub.add_parser("list", parents=[common], help="list compounds")
    elif name == "member":
        add = sub.add_parser("add", parents=[common], help="give someone a role")
        add.add_argument("--platform", required=True, choices=PLATFORMS)
        add.add_argument("--user", required=True, help="the platform user id (wxid, QQ number)")
        add.add_argument("--name", default="")
        add.add_argument("--role", required=True, choices=ROLES)
        add.add_argument("--community", help="the compound (not for admins)")
        sub.add_parser("list", parents=[common], help="list people with roles")
        rm = sub.add_parser(
            "remove", parents=[common], help="take someone's role in a compound away"
        )
        rm.add_argument("--platform", required=True, choices=PLATFORMS)
        rm.add_argument("--user", required=True)
        rm.add_argument("--community", help="the compound (leave out for an admin)")
    else:
        bind = sub.add_parser("bind", parents=[common], help="bind a chat group to a compound")
        bind.add_argument("--platform", required=True, choices=PLATFORMS)
        bind.add_argument("--group", required=True, help="the platform's group id")
        bind.add_argument("--community", required=True)
    return ap


def main(
    name: str,
    argv: list[str],
    settings_of: Callable[..., Any],
    db_url: Callable[[str | None], dict[str, Any]],
) -> int:
    a = _parser(name).parse_args(argv)
    from bot.clock import Clock
    from storage.database import Database, DatabaseError, missing_sqlite_file
    from storage.repo import communities, members

    settings = settings_of(**db_url(a.db))
    for field in ("user", "group", "name"):
        value = getattr(a, field, None)
        if value is not None and field != "name" and not value.strip():
            print(f"weizhili {name}: --{field} must not be empty", file=sys.stderr)
            return 2
    if a.action in ("list", "remove"):
        missing = missing_sqlite_file(settings.database_url)
        if missing is not None:
            print(f"weizhili {name}: no database file at {missing}", file=sys.stderr)
            return 2
    try:
        db = Database(settings.database_url)
        db.migrate()
    except DatabaseError as exc:
        print(f"weizhili: {exc}", file=sys.stderr)
        return 2
    now = Clock(settings.tz).now()
    try:
        with db.session() as s:

            def community_named(n: str) -> Any:
                found = communities.find_community(s, n)
                if found is None:
                    raise LookupError(
                        f"no compound named {n!r} (add it with: weizhili community add {n})"
                    )
                return found

            if name == "community" and a.action == "add":
                c = communities.add_community(s, a.name, a.street, now)
                print(f"compound {c.name} ({c.street or 'no street'})")
            elif name == "community":
                for c in communities.list_communities(s):
                    groups = communities.groups_of(s, c.id or 0)
                    print(f"{c.name}\t{c.street}\t{len(groups)} group(s)")
            elif name == "member" and a.action == "add":
                if a.role != "admin" and not a.community:
                    raise LookupError("--community is needed for every role but admin")
                if a.role == "admin" and a.community:
                    raise LookupError("an admin holds every compound: leave out --community")
                if a.role == "secretary" and not a.name.strip():
                    raise LookupError("a secretary needs a --name (the bot tells people whom to ask)")
                cid = community_named(a.community).id if a.role != "admin" else None
                m = members.set_member(s, a.platform, a.user, a.name, a.role, cid, now)
                print(f"{m.platform}:{m.user_id} {m.name} is {m.role}")
            elif name == "member" and a.action == "list":
                names = {c.id: c.name for c in communities.list_communities(s)}
                for m in members.list_members(s):
                    where = names.get(m.community_id, "all compounds")
                    print(f"{m.platform}\t{m.user_id}\t{m.name}\t{m.role}\t{where}")
            elif name == "member":
                cid = community_named(a.community).id if a.community else None
                where = a.community or "the admins"
                if not members.remove_member(s, a.platform, a.user, cid):
                    raise LookupError(f"{a.platform}:{a.user} has no role in {where}")
                print(f"removed {a.platform}:{a.user} from {where}")
            else:
                c = community_named(a.community)
                communities.bind_group(s, a.platform, a.group, c, now)
                print(f"{a.platform} group {a.group} is bound to {c.name}")
    except (LookupError, ValueError) as exc:
        print(f"weizhili {name}: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0
