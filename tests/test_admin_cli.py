"""`weizhili community|member|group`: the first secretary set up from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def wz(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_compound_its_secretary_and_its_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.db")
    assert wz(capsys, "community", "add", "锦春小区", "--street", "璧泉街道", "--db", db)[0] == 0
    code, out, _ = wz(
        capsys,
        "member",
        "add",
        "--platform",
        "wechat",
        "--user",
        "wxid_lei",
        "--name",
        "雷声福",
        "--role",
        "secretary",
        "--community",
        "锦春小区",
        "--db",
        db,
    )
    assert code == 0 and "secretary" in out
    assert (
        wz(
            capsys,
            "member",
            "add",
            "--platform",
            "qq",
            "--user",
            "10001",
            "--name",
            "区管理员",
            "--role",
            "admin",
            "--db",
            db,
        )[0]
        == 0
    )
    assert (
        wz(
            capsys,
            "group",
            "bind",
            "--platform",
            "wechat",
            "--group",
            "r1@chatroom",
            "--community",
            "锦春小区",
            "--db",
            db,
        )[0]
        == 0
    )
    code, out, _ = wz(capsys, "member", "list", "--db", db)
    assert "wxid_lei\t雷声福\tsecretary\t锦春小区" in out
    assert "10001\t区管理员\tadmin\tall compounds" in out
    code, out, _ = wz(capsys, "community", "list", "--db", db)
    assert out.strip() == "锦春小区\t璧泉街道\t1 group(s)"
    code, out, _ = wz(
        capsys,
        "member",
        "remove",
        "--platform",
        "wechat",
        "--user",
        "wxid_lei",
        "--community",
        "锦春小区",
        "--db",
        db,
    )
    assert code == 0
    assert "wxid_lei" not in wz(capsys, "member", "list", "--db", db)[1]


def test_mistakes_get_clear_answers_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.db")
    code, _, err = wz(
        capsys,
        "member",
        "add",
        "--platform",
        "wechat",
        "--user",
        "x",
        "--role",
        "party",
        "--community",
        "无此小区",
        "--db",
        db,
    )
    assert code == 1 and "no compound named '无此小区'" in err
    code, _, err = wz(
        capsys,
        "member",
        "add",
        "--platform",
        "wechat",
        "--user",
        "x",
        "--role",
        "party",
        "--db",
        db,
    )
    assert code == 1 and "--community is needed" in err
    code, _, err = wz(
        capsys,
        "group",
        "bind",
        "--platform",
        "wechat",
        "--group",
        "g",
        "--community",
        "无此小区",
        "--db",
        db,
    )
    assert code == 1
    code, _, err = wz(
        capsys,
        "member",
        "remove",
        "--platform",
        "wechat",
        "--user",
        "nobody",
        "--community",
        "无此小区",
        "--db",
        db,
    )
    assert code == 1
    assert wz(capsys, "member", "list", "--db", db)[1] == ""
    with pytest.raises(SystemExit):
        main(["member", "add", "--platform", "telegram", "--user", "x", "--role", "party"])
    with pytest.raises(SystemExit):
        main(["community", "add", "x", "--db", db, "--street"])


def test_unknown_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = wz(capsys, "frobnicate")
    assert code == 2 and "usage: weizhili COMMAND" in err


def test_reading_commands_create_no_database_and_admins_are_added_and_removed_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.db"
    assert main(["community", "list", "--db", str(missing)]) == 2
    assert main(["member", "list", "--db", str(missing)]) == 2
    assert not missing.exists()
    db = str(tmp_path / "admins.db")
    add = ["member", "add", "--platform", "wechat", "--user", "wxid_a", "--db", db]
    assert main([*add, "--role", "admin", "--community", "锦春小区"]) == 1
    assert "leave out --community" in capsys.readouterr().err
    assert main([*add, "--role", "admin", "--name", "甲"]) == 0
    assert main(["member", "remove", "--platform", "wechat", "--user", "wxid_a", "--db", db]) == 0
    assert "removed wechat:wxid_a from the admins" in capsys.readouterr().out
    assert main(["member", "add", "--platform", "wechat", "--user", " ", "--role", "admin",
                     "--db", db]) == 2
