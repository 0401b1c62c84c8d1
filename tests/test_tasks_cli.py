"""`weizhili tasks` and `weizhili export --csv`: shape, masking, figures, bad input."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from tests.handlers.life import compound_chat


async def story_db(tmp_path: Path) -> Path:
    """A file database: #1 claimed and fixed on time and accepted, #2 open."""
    db = tmp_path / "state.db"
    async with compound_chat(database_url=f"sqlite:///{db}") as chat:
        await chat.say("wx_li", "3栋电梯坏了，电话13812345678，门禁密码是4321")
        await chat.advance(timedelta(hours=2))
        await chat.say("wx_zhang", "认领 1")
        await chat.advance(timedelta(days=1))
        await chat.say("wx_zhang", "#1 修好了")
        await chat.say("wx_li", "满意 1")
        await chat.say("wx_liu", "南门路灯坏了")
    return db


async def test_export_writes_bom_csv_masked_with_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = await story_db(tmp_path)
    out = tmp_path / "tasks.csv"
    assert cli_main(["export", "--db", str(db), "--csv", "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"weizhili export: 2 tasks written to {out}\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["编号"] for r in rows] == ["1", "2"]
    first = rows[0]
    assert "138****5678" in first["摘要"] and "4321" not in raw.decode("utf-8-sig")
    assert (first["类别"], first["状态"], first["认领人"]) == ("电梯", "已验收", "张党员")
    assert first["认领用时(小时)"] == "2.0" and first["按期完成"] == "是"
    assert float(first["处理用时(小时)"]) > 24
    assert rows[1]["状态"] == "待认领" and rows[1]["认领用时(小时)"] == ""


async def test_tasks_without_json_is_a_readable_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = await story_db(tmp_path)
    assert cli_main(["tasks", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("锦春小区 #1")
    assert "138****5678" in lines[0] and "13812345678" not in lines[0]


def test_a_missing_database_file_is_an_error_not_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.db"
    assert_exit(["tasks", "--db", str(missing), "--json"], 2)
    assert "no database file" in capsys.readouterr().err and not missing.exists()


async def test_an_unknown_compound_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = await story_db(tmp_path)
    assert cli_main(["tasks", "--db", str(db), "--community", "无此小区"]) == 2
    assert "no compound named" in capsys.readouterr().err


def assert_exit(argv: list[str], code: int) -> None:
    with pytest.raises(SystemExit) as exc:
        cli_main(argv)
    assert exc.value.code == code


async def test_a_number_at_the_cut_and_formulas_and_control_codes_never_leave(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "state.db"
    long = "3栋电梯又坏了，家里老人腿脚不方便，下不了楼，麻烦物业尽快派人来看看，谢谢，着急的话可以直接打我电话13812345678"
    async with compound_chat(database_url=f"sqlite:///{db}") as chat:
        answer = (await chat.say("wx_li", long))[0].msg.text
        await chat.say("wx_liu", '=HYPERLINK("http://evil.example","5栋路灯不亮")')
        await chat.say("wx_wu", "7栋下水道堵了\x1b[2J\x1b]0;pwned\x07\x00")
        await chat.say("wx_lei", "/关闭 2 业主13612345678说不用修")
        listed = (await chat.say("wx_lei", "/任务 全部"))[0].msg.text
    for shown in (answer, listed):
        assert "1381234" not in shown and "1361234" not in shown, shown
    assert "\x1b" not in listed and "\x07" not in listed
    out = tmp_path / "tasks.csv"
    assert cli_main(["export", "--db", str(db), "--csv", "--out", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "1381234" not in text and "1361234" not in text and "\x1b" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert all(not r["摘要"].startswith("=") for r in rows)
    assert cli_main(["tasks", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    assert "\x1b" not in table and "1381234" not in table
