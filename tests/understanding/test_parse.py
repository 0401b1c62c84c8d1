"""Message understanding: the readings users depend on, and the quality bars of issue 3."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.understanding import Location, Reading, model, parse, says_me_too, split_quote
from bot.understanding.location import find_location
from bot.understanding.normalise import cn_to_int, normalise
from bot.understanding.refs import command_refs, find_refs

HERE = Path(__file__).resolve().parent
OWN_SET = HERE / "data" / "labelled.jsonl"
DEV_SET = HERE.parents[2] / "shared" / "data" / "dev_eval.jsonl"
# Written blind, before the tables were tuned on it; see README "Message understanding".
HELDOUT_SET = HERE / "data" / "heldout.jsonl"
BLIND3_SET = HERE / "data" / "blind3.jsonl"


def _score(path: Path) -> dict[str, float]:
    """The figures of score_parse.py, computed in-process."""
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    hits = {"intent": [0, 0], "category": [0, 0], "building": [0, 0], "task_refs": [0, 0]}
    urgent_tp = urgent_fn = urgent_fp = chat = chat_as_report = 0
    for g in gold:
        r = parse(g["text"])
        hits["intent"][0] += r.intent == g["intent"]
        hits["intent"][1] += 1
        if g["intent"] == "chat":
            chat += 1
            chat_as_report += r.intent == "report"
        if g["intent"] == "report":
            cats = g["category"] if isinstance(g["category"], list) else [g["category"]]
            hits["category"][0] += r.category in cats
            hits["category"][1] += 1
            if g["building"] != "*":
                hits["building"][0] += r.location.building == g["building"]
                hits["building"][1] += 1
            if g["urgent"] != "*":
                urgent_tp += g["urgent"] and r.urgent
                urgent_fn += g["urgent"] and not r.urgent
                urgent_fp += r.urgent and not g["urgent"]
        if g["intent"] in ("claim", "progress") and g["task_refs"] != "*":
            hits["task_refs"][0] += list(r.task_refs) == g["task_refs"]
            hits["task_refs"][1] += 1
    out = {k: v[0] / v[1] for k, v in hits.items()}
    out["urgent_recall"] = urgent_tp / (urgent_tp + urgent_fn)
    out["urgent_false_alarms"] = urgent_fp
    out["chat_filed_as_report"] = chat_as_report / chat
    out["n"] = len(gold)
    return out


# blind3.jsonl was written without seeing the code and scored blind first (intent 0.905,
# category 0.807, urgent recall 0.667, chat filed as report 0.082: see the commit that
# records it); it was then used for development by class, so its bars are not blind.
@pytest.mark.parametrize(
    "path",
    [OWN_SET, DEV_SET, HELDOUT_SET, BLIND3_SET],
    ids=["own", "dev", "heldout", "blind3_after_tuning"],
)
def test_quality_bars(path: Path) -> None:
    if not path.exists():
        pytest.fail(f"{path} is missing (shared/ belongs beside the repo)")
    got = _score(path)
    assert got["intent"] >= 0.97, got
    assert got["category"] >= 0.93, got
    assert got["building"] >= 0.97, got
    assert got["task_refs"] >= 0.97, got
    assert got["urgent_recall"] == 1.0, got
    assert got["urgent_false_alarms"] == 0, got
    assert got["chat_filed_as_report"] == 0.0, got


def test_own_set_is_large_and_covers_every_category() -> None:
    rows = [json.loads(line) for line in OWN_SET.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 400
    cats = set()
    for row in rows:
        cat = row["category"]
        cats.update(cat if isinstance(cat, list) else [cat])
    assert {
        "elevator",
        "water",
        "sanitation",
        "facility",
        "power",
        "safety",
        "noise",
        "parking",
        "greenery",
        "epidemic",
        "assistance",
        "property",
        "other",
    } <= cats


def test_reading_shape() -> None:
    got = parse("3栋2单元电梯又坏了").to_dict()
    assert got == {
        "intent": "report",
        "category": "elevator",
        "urgent": False,
        "location": {"building": 3, "unit": 2, "floor": None, "room": None, "place": None},
        "task_refs": [],
        "keywords": got["keywords"],
        "confidence": got["confidence"],
    }
    assert "电梯" in got["keywords"] and 0 < got["confidence"] <= 1


def test_readings_are_frozen() -> None:
    reading = parse("你好")
    assert isinstance(reading, Reading) and isinstance(reading.location, Location)
    with pytest.raises(AttributeError):
        reading.intent = "report"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("电梯修好了，谢谢党支部！", "chat"),
        ("以前电梯经常坏，现在好多了", "chat"),
        ("上次困人吓死了", "chat"),
        ("总担心被关在里面", "chat"),
        ("捡到一串钥匙，失主请到物业认领", "chat"),
        ("电梯没坏，是停电了", "report"),
        ("我来认领", "claim"),
        ("#12我来跟进", "claim"),
        ("满意 12", "progress"),
        ("/任务 超期", "command"),
    ],
)
def test_intent_precedence(text: str, intent: str) -> None:
    assert parse(text).intent == intent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("5栋电梯困人了！", True),
        ("好像有煤气泄漏的味道", True),
        ("7栋水管爆裂，楼道全是水", True),
        ("刚才楼上扔下来一个花盆", True),
        ("电梯老是出故障，总担心被关在里面", False),
        ("上次困人的那部电梯现在又响了", False),
        ("高空抛物太可恶了，希望物业装个监控", False),
    ],
)
def test_urgency(text: str, urgent: bool) -> None:
    reading = parse(text)
    assert reading.intent == "report"
    assert reading.urgent is urgent


def test_power_cut_beats_the_negated_lift() -> None:
    assert parse("电梯没坏，是停电了").category == "power"


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("三", 3),
        ("十", 10),
        ("十三", 13),
        ("二十一", 21),
        ("一百零二", 102),
        ("五零二", 502),
        ("两", 2),
        ("abc", None),
        ("", None),
    ],
)
def test_chinese_numerals(word: str, value: int | None) -> None:
    assert cn_to_int(word) == value


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("十三栋二单元", "13栋2单元"),
        ("３栋２单元！！", "3栋2单元!!"),
        ("[强][捂脸]电梯坏了😭", "电梯坏了"),
        ("@雷书记\u2005明天开会吗", "明天开会吗"),
        ("电\u200b梯\u202e坏\x00了", "电梯坏 了"),
        ("一直", "一直"),
        ("第十五号", "第15号"),
        # Wu words and voice-input slips of building and unit
        ("阿拉被关了电梯里向了 侬快点叫物业来", "我们被关在电梯里面了 你快点叫物业来"),
        ("三冬二单原电题停了", "3栋2单元电梯停了"),
        ("今年冬天好冷", "今年冬天好冷"),
    ],
)
def test_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    ("text", "building", "unit", "floor", "room"),
    [
        ("3栋电梯坏了", 3, None, None, None),
        ("三号楼", 3, None, None, None),
        ("二十一栋", 21, None, None, None),
        ("3幢", 3, None, None, None),
        ("3-2-501 漏水", 3, 2, None, 501),
        ("4-1 楼道灯", 4, 1, None, None),
        ("5栋2单元502", 5, 2, None, 502),
        ("12楼楼道灯", None, None, 12, None),
        ("负一楼车库", None, None, -1, None),
        ("2#楼电梯", 2, None, None, None),
        ("3-5天内处理", None, None, None, None),
        ("电话13812345678", None, None, None, None),
    ],
)
def test_locations(
    text: str, building: int | None, unit: int | None, floor: int | None, room: int | None
) -> None:
    loc = find_location(normalise(text))
    assert (loc.building, loc.unit, loc.floor, loc.room) == (building, unit, floor, room)


def test_named_place() -> None:
    assert parse("地下车库天花板滴水").location.place == "地下车库"


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("#12 已修好", [12]),
        ("12号任务修好了", [12]),
        ("认领 12", [12]),
        ("第15号我来", [15]),
        ("#3 和 #4 都处理完了", [3, 4]),
        ("4号和5号任务都修好了", [4, 5]),
        ("任务2：已上报街道", [2]),
        ("满意 12", [12]),
        ("12栋电梯坏了", []),
        ("电话13812345678", []),
        ("明天3点来修", []),
        ("3月22日是世界水日", []),
        ("交了200元", []),
        ("#99999999999999999999", []),
        ("认领 1e309", []),
        ("认领 1.5", []),
        ("10:21栋电梯坏了", []),
        ("12: 已修好", [12]),
    ],
)
def test_task_refs(text: str, refs: list[int]) -> None:
    assert find_refs(normalise(text)) == refs


@pytest.mark.parametrize(
    ("text", "intent", "refs", "building"),
    [
        ("认领 1e309", "claim", (), None),
        ("10:21栋电梯坏了", "report", (), None),
        ("3号 电梯已经坏了三天", "report", (), 3),
        ("15号 垃圾已经清走了", "progress", (15,), None),
        ("3号任务 电梯已经坏了三天", "progress", (3,), None),
        ("#3 电梯已经坏了", "progress", (3,), None),
    ],
)
def test_leading_number_is_a_task_only_in_task_talk(
    text: str, intent: str, refs: tuple[int, ...], building: int | None
) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs, got.location.building) == (intent, refs, building)


@pytest.mark.parametrize(
    "text",
    [
        "转：燃气公司温馨提示 发现燃气泄漏请勿开关电器 立即开窗通风",
        "明天有大风，大家把窗台上的东西收一收，别被吹下去砸到人",
        "我还以为着火了，原来是谁家在烧烤",
        "楼道里的煤气味是我家灶没关好 已经关了 不好意思",
        "水管那边好好的啊，是不是搞错了",
        "辛苦了王书记 昨晚那么晚还来帮我们",
        "「刘姐：16栋楼道灯全黑了」\n- - - - - -\n我也是这么想的",
        "【温馨提示】发现燃气泄漏，请立即关闭阀门，开窗通风",
        "哈哈哈我家猫把水杯打翻了，地上全是水",
        "网上看到说天然气泄漏不能开灯，大家记住",
        "谢谢消防队，昨晚的火很快就灭了",
        "我还以为电梯又坏了，原来是停电检修",
        "之前楼道灯一直坏，现在换了新的，亮堂多了",
        "楼栋长能不能统计一下哪家需要上门打疫苗的老人",
    ],
)
def test_chat_that_names_a_danger_or_a_fault_files_nothing(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.urgent) == ("chat", False)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("物业打药都不提前通知吗 草地上一股农药味 5栋", "greenery"),
        ("请问8栋电梯什么时候能修好？已经停三天了", "elevator"),
        ("电梯里有人遛狗 狗尿了一地 没人清理 2栋", "sanitation"),
    ],
)
def test_a_notice_or_all_clear_that_is_asked_for_is_no_notice(text: str, category: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category)


@pytest.mark.parametrize(
    "text",
    [
        "5栋电梯里关着个送快递的，拍了半天门了",
        "电梯门夹住一个小孩的手了 拔不出来 3栋",
        "有个小孩爬到12栋楼顶护栏外面去了",
        "7栋电梯突然下坠 里面有人在拍门",
        "听说5栋楼道里着火了，有人在吗，快去看看",
        "别坐电梯了！2栋电梯里困着人，门打不开",
    ],
)
def test_danger_classes_are_urgent(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.urgent) == ("report", True)


def test_a_fix_that_did_not_hold_is_still_a_report() -> None:
    assert parse("厨房下水道又堵了，通了好几次都不行").intent == "report"


def test_a_near_miss_of_a_lift_door_is_not_urgent() -> None:
    got = parse("3幢电梯门关得太快，刚才差点夹到孩子的手，麻烦派人调一下")
    assert (got.intent, got.urgent) == ("report", False)


def test_here_too_under_a_quoted_report_is_the_same_report_at_the_replier() -> None:
    got = parse("「刘姐：16栋2单元楼道灯全黑了」\n- - - - - - - -\n我们3单元也是黑的")
    assert (got.intent, got.category, got.location.building, got.location.unit) == (
        "report",
        "power",
        16,
        3,
    )


def test_command_refs() -> None:
    assert command_refs("/合并 12 8") == [12, 8]
    assert command_refs("/限期 12 15天") == [12]
    assert command_refs("/定时 每周一 09:00 电梯提示") == []


def test_quote_reply() -> None:
    text = "「李阿姨：3栋电梯又坏了」\n- - - - - - - - - - - - - - -\n我来认领"
    quote = split_quote(text)
    assert quote is not None
    assert (quote.name, quote.quoted, quote.text) == ("李阿姨", "3栋电梯又坏了", "我来认领")
    assert parse(text).intent == "claim"


def test_quote_reply_reads_only_the_new_text() -> None:
    text = "「王大爷：2栋楼道灯坏了好久了」\n- - - -\n谢谢"
    assert parse(text).intent == "chat"
    assert split_quote("3栋电梯坏了") is None
    assert split_quote("「没有结尾") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02",
        "\u202e\u202d\u200f",
        "[动画表情]",
        "🙂" * 50,
        "「」",
        "#" * 1000,
        "3" * 5000,
        "电梯坏了" * 25_000,
        "/",
        "/:)",
    ],
)
def test_bad_input_gives_a_reading_quickly(text: str) -> None:
    start = time.perf_counter()
    reading = parse(text)
    assert time.perf_counter() - start < 0.5
    assert reading.intent in ("report", "claim", "progress", "command", "chat")
    json.dumps(reading.to_dict(), ensure_ascii=False)


def test_empty_and_emoji_are_chat() -> None:
    assert parse("").intent == "chat"
    assert parse("👍").intent == "chat"


# Seventh pass: classes, in phrasings of our own (not lines of a blind set).
@pytest.mark.parametrize("text, building", [("7动3单元电题不动了", 7), ("十二洞楼下的灯坏了", 12)])
def test_pinyin_slips_of_routing_words(text: str, building: int) -> None:
    got = parse(text)
    assert got.intent == "report" and got.location.building == building


@pytest.mark.parametrize(
    "text",
    [
        "前几年下暴雨 地下车库全淹了 好多车泡坏了",
        "听说城南那个小区电梯掉下来了 吓死人",
        "哈哈 我家狗说它也嫌楼上吵",
        "周末有人一起去不 钓鱼",
        "谁家的钥匙掉了 放在物业前台那里了",
    ],
)
def test_past_hearsay_jokes_invitations_and_found_things_are_chat(text: str) -> None:
    assert parse(text).intent == "chat"


@pytest.mark.parametrize(
    "text",
    [
        "有个大爷倒在3栋门口了 快来人",
        "赶紧打120 楼下有人摔了起不来",
        "电梯卡住了 我外婆在里头",
    ],
)
def test_people_in_danger_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


def test_numbered_task_taken_after_a_space() -> None:
    got = parse("好的 15号我来")
    assert got.intent == "claim" and got.task_refs == (15,)
    assert parse("这个我来 我有工具").intent == "claim"


def test_a_bare_thing_with_a_building_is_a_weak_report() -> None:
    got = parse("8栋 电梯!!")
    assert got.intent == "report" and got.category == "elevator" and got.confidence < 0.7
    assert parse("电梯").intent == "chat"


# Eighth and ninth passes: classes seen missing on blind7–10 after their sealed baselines,
# in phrasings of our own.
@pytest.mark.parametrize(
    "text",
    [
        "地库入口在倒灌，水快到车门了，车停下面的快去挪",
        "我爸刚才说胸口疼，人瘫在沙发上，4栋哪位医生在家",
        "2单元楼道全是烟，什么都看不见了",
        "楼下有人举着菜刀追人，快报警！",
        "屋里有股臭鸡蛋味，是不是漏气了，3栋",
        "12栋1单元电梯把人关起了，快点来人",
        "奶奶在楼梯口跌了一跤，自己爬不起来",
        "厨房水管接头崩了，水哗哗往外流，9栋",
    ],
)
def test_more_ways_of_telling_danger_now_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "6栋门口的下水道堵了，污水往外冒",
        "隔壁在装修，敲墙敲到晚上，吵死了 8栋",
        "门口的指示牌被风吹倒在地上了",
        "1栋楼道的灯都灭了，晚上黑漆漆的",
    ],
)
def test_a_nuisance_is_no_emergency(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and not got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "楼下那辆破车终于被拖走了",
        "虚惊一场，是邻居家在烤肉",
        "提醒大家：台风天阳台上的花盆记得搬进屋",
        "朋友圈说城西有个小区煤气爆炸了，太吓人",
        "物业费在哪里交啊",
        "停车月卡怎么办理",
        "这个阳台算不算违建",
        "谁的手机落在南门岗亭了，快来拿",
        "燃气灶有点味道，师傅看过了说是正常的",
    ],
)
def test_gone_reminders_online_news_and_questions_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("3栋配电箱在打火花，噼啪响", "power"),
        ("10栋这几天宽带老断网", "other"),
        ("北门道闸坏了，抬不起杆", "facility"),
        ("有人从楼上往下丢烟头，差点落到我身上", "safety"),
        ("李奶奶腿脚不便，前几天还摔过，能不能有人帮她买点药", "assistance"),
    ],
)
def test_categories_as_labellers_file_them(text: str, category: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.category == category, got


@pytest.mark.parametrize(
    "text, refs",
    [("认领一下 #21", (21,)), ("我接 #6", (6,)), ("第4个我来处理", (4,)), ("#9 这个我跟到底", (9,))],
)
def test_claims_in_other_words(text: str, refs: tuple[int, ...]) -> None:
    got = parse(text)
    assert got.intent == "claim" and got.task_refs == refs, got


# Tenth to nineteenth passes: classes seen missing on blind12–25 after their sealed
# baselines, in phrasings of our own.
@pytest.mark.parametrize(
    "text",
    [
        "我婆婆在电梯里头关着，喊了半天没人应，6栋",
        "电梯里有个娃娃在哭，门一直打不开，2栋",
        "楼梯间跟下雨似的，上面管子在喷水，4单元",
        "配电房里头噼里啪啦，还冒蓝光，9栋后面",
        "闻到一股烧塑料的味道，车库那边烟越来越大",
        "厨房里嘶嘶地响，味道冲得很，10栋",
        "楼上掼下来一个啤酒瓶，碎在我脚边，7栋",
        "有个老爷子躺在花坛边一动不动，叫也不应",
    ],
)
def test_danger_told_by_what_one_sees_hears_or_smells_is_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "有辆货车堵在单元门口，我们的轮椅出不去，3栋",
        "外墙的落水管裂了，一下雨就往我家阳台淌，8栋",
        "楼道里纸箱堆到顶了，着火了跑都跑不出去，11栋",
    ],
)
def test_a_nuisance_or_a_what_if_is_no_emergency(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and not got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "物业费今年涨没涨",
        "新来的管家姓什么，想加个微信",
        "侬讲的对，楼道里确实不好停车",
        "核酸采样点在哪里啊",
        "多亏邻居发现得早，那点火苗没烧起来",
    ],
)
def test_questions_agreement_and_thanks_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("3栋暖气片冰凉冰凉的，屋里才十四度", "other"),
        ("物业说马上派人来修，一个礼拜了鬼影都没见到，5栋", "property"),
        ("访客车一停就是好几天，13栋门口", "parking"),
        ("12栋楼顶有人养鸡，鸡屎味熏得整个单元都是", "sanitation"),
        ("电梯老是急刹一下，吓死人，2栋", "elevator"),
    ],
)
def test_more_categories_as_labellers_file_them(text: str, category: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.category == category, got


@pytest.mark.parametrize(
    "text, refs",
    [("#3#4 都我来", (3, 4)), ("15号单子我来接", (15,)), ("认领 8，顺便把 9 也认领了", (8, 9))],
)
def test_task_numbers_in_more_spellings(text: str, refs: tuple[int, ...]) -> None:
    got = parse(text)
    assert got.intent == "claim" and got.task_refs == refs, got


def test_dialect_words_are_read_as_standard_ones() -> None:
    assert parse("俺来认领 12号任务").intent == "claim"
    assert parse("七号楼店梯门关不上").category == "elevator"
    assert parse("升降机又坏了，6栋").category == "elevator"
    assert parse("物业办公室冇人接电话，3栋").intent == "report"


# twenty-first pass (blind30): the classes it missed, in phrasings of our own
@pytest.mark.parametrize(
    "text, refs",
    [("认领 三十二", (32,)), ("认领七、八号", (7, 8)), ("接单 十四", (14,)), ("满意 九", (9,))],
)
def test_task_numbers_in_chinese_numerals_after_a_task_verb(text: str, refs: tuple[int, ...]) -> None:
    assert parse(text).task_refs == refs, parse(text)


def test_a_verb_of_tasks_before_a_plain_word_keeps_it() -> None:
    assert parse("认领一下").task_refs == ()
    assert parse("完成了一半").task_refs == ()


@pytest.mark.parametrize(
    "text",
    [
        "11座部lift困咗两个细路 喺入面喊",  # Cantonese: two kids shut in the lift, shouting
        "有个阿伯跌倒喺楼梯口 叫佢都唔应",
        "3栋电梯停在半路 里面有个抱小孩的妈妈",
    ],
)
def test_cantonese_and_who_is_inside_a_stuck_lift_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


def test_who_is_inside_counts_only_in_a_lift_report() -> None:
    got = parse("厕所门锁坏了 里面有人")
    assert got.category == "facility" and not got.urgent, got


@pytest.mark.parametrize(
    "quoted, reply, intent",
    [
        ("9栋垃圾房好几天没人收了", "刚清理完了 拉走三车", "progress"),
        ("2单元楼道灯全灭了", "联系了电工 下午来换", "progress"),
        ("独居的刘伯家里没菜了", "我下班去买了送过去", "claim"),
        ("今天天气真好", "已经跟物业说了", "chat"),  # not under a report: nothing to update
    ],
)
def test_a_reply_under_a_report_telling_what_was_done_or_who_goes(
    quoted: str, reply: str, intent: str
) -> None:
    text = f"「王姐：{quoted}」\n- - - - - - - - - -\n{reply}"
    assert parse(text).intent == intent, parse(text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("楼上水管的水哗哗地往下流 我家吊灯里都是", "water"),
        ("南门口天天有人摆地摊占了人行道 轮椅都推不过去", "facility"),
        ("儿童乐园的秋千被人拆走了", "facility"),
        ("好好的草坪被车轧得一道一道的 7栋前面", "greenery"),
    ],
)
def test_things_taken_wrecked_or_flooding_in_other_words(text: str, category: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.category == category, got


def test_asking_how_a_plan_stands_is_chat() -> None:
    assert parse("加装电梯的事有人知道进度吗").intent == "chat"
    assert parse("外墙翻新啥时候开工 谁知道进展").intent == "chat"


# twenty-second pass (blind29): the classes it missed, in phrasings of our own
def test_nobody_hurt_does_not_call_off_a_danger() -> None:
    got = parse("刚刚楼上往下扔了个酒瓶 碎了一地 还好人没事 6栋")
    assert got.intent == "report" and got.category == "safety", got


def test_a_day_of_last_week_is_not_an_emergency_now() -> None:
    assert not parse("上周三5栋电梯困了人 维保一个钟头才来").urgent


def test_a_quarrel_that_wakes_the_building_is_noise() -> None:
    got = parse("楼上两口子半夜吵架摔东西 吵得我们都睡不着 8栋")
    assert got.intent == "report" and got.category == "noise", got


@pytest.mark.parametrize(
    "text, category",
    [
        ("南门外面共享单车堆成山 轮椅过不去", "parking"),
        ("车都停盲道上了 13栋门口", "parking"),
        ("2号楼后面那个井盖翘起来了 晚上黑灯瞎火的 有人踩空", "facility"),
        ("9栋电梯里头有人一直在按警铃", "elevator"),
    ],
)
def test_more_things_named_by_what_is_wrong_with_them(text: str, category: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.category == category, got


def test_water_coming_down_through_a_light_is_urgent() -> None:
    got = parse("水从卫生间的灯那里往下流 越来越大 4栋302")
    assert got.intent == "report" and got.category == "water" and got.urgent, got


def test_a_task_number_then_taken_is_a_claim() -> None:
    got = parse("#23 领了 下午过去")
    assert got.intent == "claim" and got.task_refs == (23,), got


def test_the_short_way_for_messages_naming_nothing_reads_as_the_long_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.understanding import rules

    data = Path(__file__).parent / "data"
    texts = [json.loads(line)["text"] for path in sorted(data.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    texts += ["大家好", "收到", "哈哈哈", "[强]", "好的好的", "晚安", "", "\x00", "好" * 600]
    short = [parse(t) for t in texts]
    taken = sum(rules._knows_nothing(rules.lexicon(), rules.lexicon().tokens(normalise(t)),
                                     normalise(t)) for t in texts)
    monkeypatch.setattr(rules, "_knows_nothing", lambda *_: False)
    assert taken > 500  # the short way is taken, by a good share of the messages
    assert [parse(t) for t in texts] == short


# twenty-third pass (blind32): the classes it missed, in phrasings of our own
def test_a_polite_closing_does_not_make_a_report_chat() -> None:
    got = parse("打扰大家了，我是3栋的老李，3栋1单元门口的路灯坏了好几天了，麻烦物业看看，给大家添麻烦了")
    assert got.intent == "report" and got.category == "power", got


def test_going_out_blocked_by_a_car_is_no_one_trapped() -> None:
    got = parse("哪个的车把车库门口堵了 我赶着上班出不去 急 5栋")
    assert got.intent == "report" and not got.urgent, got


def test_seeing_someone_inside_a_stuck_lift_is_urgent() -> None:
    got = parse("8栋电梯卡在两层中间 从门缝里看见里面有人")
    assert got.intent == "report" and got.category == "elevator" and got.urgent, got


def test_taking_it_back_at_once_is_chat() -> None:
    assert parse("又停电了？哦不对 是我家跳闸了").intent == "chat"


@pytest.mark.parametrize(
    "text, category, urgent",
    [
        ("楼梯间水流得跟瀑布一样 11栋", "water", True),
        ("燃气突然停了 饭做到一半 2号楼", "other", False),
        ("手机信号时有时无 打电话都听不清 9栋", "other", False),
        ("我家老人不会用手机交电费 有没有邻居教一下 6栋", "assistance", False),
    ],
)
def test_more_reports_in_their_own_words(text: str, category: str, urgent: bool) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", category, urgent), got


def test_a_class_for_old_people_announced_is_chat() -> None:
    assert parse("周六上午社区活动室教老人用手机 欢迎报名").intent == "chat"


def test_a_blocked_fire_lane_is_safety_whoever_parked_there() -> None:
    for text in ("6栋楼下有人乱停车 把消防通道堵了", "消防车道又让私家车占了 9栋后面"):
        got = parse(text)
        assert got.intent == "report" and got.category == "safety", got


# twenty-fourth pass (blind31, opened; and asking for information)
@pytest.mark.parametrize(
    "text",
    [
        "快递柜的码过期了还能取吗",
        "游泳馆这周还开不开",
        "地下车库晚上几点锁门",
        "燃气公司电话换号了吗",
        "电梯困人时千万不要扒门 等救援",
        "停电的时候记得先拔掉电器插头",
        "6栋楼道里别堆纸箱子了 大家注意",
    ],
)
def test_asking_for_information_and_what_to_do_when_it_happens_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_watermarks_on_a_wall_are_no_flood() -> None:
    got = parse("5栋顶楼的墙上全是水印 楼顶可能漏水")
    assert got.intent == "report" and got.category == "water" and not got.urgent, got


def test_a_corridor_piled_with_things_is_a_hazard() -> None:
    got = parse("2单元楼道里堆满了旧家具和纸箱 7栋")
    assert got.intent == "report" and got.category == "safety", got


# twenty-fifth pass (classes of the leave-one-set-out misses), in phrasings of our own
@pytest.mark.parametrize(
    "text, category",
    [
        ("地下车库B区的灯全灭了 停车只能开大灯", "power"),
        ("北门的额温枪坏了好几天 进出都没人测", "epidemic"),
        ("楼下那棵桂花树的枝条都伸到我家阳台上了 5栋", "greenery"),
        ("卧室墙角一直在渗水 墙纸都掉了 8栋", "water"),
    ],
)
def test_the_thing_at_fault_outweighs_the_place(text: str, category: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.category == category, got


def test_a_lift_light_is_still_the_lift_and_a_fast_tree_is_chat() -> None:
    assert parse("7号楼电梯里的灯不亮").category == "elevator"
    assert parse("门口那棵银杏长得真快").intent == "chat"


# twenty-sixth pass (blind34, threads), in phrasings of our own
def test_a_task_number_before_a_corridor_is_a_task_not_a_floor() -> None:
    got = parse("#12 楼道扶手已经焊好了")
    assert got.intent == "progress" and got.task_refs == (12,), got
    assert parse("#3 12楼漏水").task_refs == (3,)


def test_someone_fallen_at_home_and_calling_out_is_urgent() -> None:
    got = parse("7栋的王爷爷在卫生间摔倒了 起不来 在里面喊人")
    assert got.intent == "report" and got.urgent, got


def test_knocking_down_walls_early_is_noise() -> None:
    got = parse("楼上又在砸墙 才早上六点半 10栋")
    assert got.intent == "report" and got.category == "noise", got


@pytest.mark.parametrize(
    "text",
    ["我来报名", "我来两份 9栋", "下周三下午志愿服务活动：清理中心花园落叶，请大家踊跃参加",
     "现在进超市还要扫码吗"],
)
def test_sign_ups_orders_activities_and_rules_asked_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


# twenty-seventh pass (blind33), in phrasings of our own
def test_claims_counted_and_joined() -> None:
    assert parse("认领第12个").task_refs == (12,)
    got = parse("我也来认领一个，#31")
    assert got.intent == "claim" and got.task_refs == (31,), got


def test_water_waist_deep_beside_a_switch_box_is_water_and_urgent() -> None:
    got = parse("地下室的水都齐膝了 旁边就是配电房 赶紧拉闸 4栋")
    assert (got.intent, got.category, got.urgent) == ("report", "water", True), got


@pytest.mark.parametrize(
    "text, category",
    [
        ("楼下有人烧垃圾 烟熏得人头疼 3栋", "safety"),
        ("车库墙上全是黑霉 味道很大 5栋", "sanitation"),
        ("2栋门口的雨水篦子翘起来了 差点绊倒人", "facility"),
    ],
)
def test_smoke_mould_and_loose_covers(text: str, category: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.category == category, got


def test_a_reminder_headed_as_such_is_chat() -> None:
    assert parse("安全提醒：雨天路滑，下楼梯请扶好扶手").intent == "chat"


def test_a_break_in_now_and_water_rushing_in_are_urgent() -> None:
    got = parse("有人正在撬6栋101的防盗门 快叫保安")
    assert got.intent == "report" and got.category == "safety" and got.urgent, got
    got = parse("雨水顺着坡道冲进地库了 3号楼")
    assert got.intent == "report" and got.category == "water" and got.urgent, got
    assert not parse("地库排水沟堵了 脏水漫出来了 3号楼").urgent


# twenty-ninth and thirtieth passes (blind36, blind37), in phrasings of our own
@pytest.mark.parametrize(
    "text",
    [
        "12栋有个娃娃爬到窗台外面了 家里没人 快去敲门",
        "楼下的大狗扑上来咬住一个小孩不放 中心花园",
        "3单元卷帘门把人夹住了 快来",
        "楼上往下扔啤酒瓶了！9栋门口",
        "停车场有小孩被锁在车里 车窗关着 太阳好晒",
        "阿拉3幢电梯关牢了 里厢有人",
        "「老周：谁闻到煤气味了吗」\n- - - - - -\n有！8栋2单元楼道里很浓",
    ],
)
def test_more_emergencies_told_plainly_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "万一楼道里全是烟 往哪边跑",
        "炒菜千万别离人 油锅着火用锅盖盖",
        "遇到电梯下坠别慌 背贴轿厢",
        "家里有老人的记得装烟感",
        "电梯困人要打哪个电话 贴在哪",
        "我妈一做饭厨房就跟着火了似的",
        "朋友说他们小区昨天车库淹了 咱们这还好吧",
        "1998年那年发大水 咱小区一楼全泡了",
    ],
)
def test_advice_questions_similes_and_hearsay_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_rescued_since_is_no_longer_urgent_but_still_a_report() -> None:
    got = parse("8栋电梯刚才困了人 已经救出来了 但是电梯还停着 麻烦维保来修")
    assert got.intent == "report" and got.category == "elevator" and not got.urgent, got


def test_in_case_one_floor_is_not_the_first_floor() -> None:
    assert normalise("万一楼道着火") == "万一楼道着火"
    assert normalise("一楼漏水") == "1楼漏水"


def test_heating_still_lukewarm_is_other() -> None:
    got = parse("暖气到现在还是温的 屋里才十五度 6栋")
    assert got.intent == "report" and got.category == "other", got


# thirty-first pass (blind39), in phrasings of our own
def test_a_person_putting_gas_somewhere_is_no_gas_smell() -> None:
    got = parse("有人把煤气罐搁在过道里 9栋3单元")
    assert got.intent == "report" and got.category == "safety" and not got.urgent, got
    assert parse("楼道里有股液化气味 6栋").urgent


def test_a_mountain_is_no_building() -> None:
    assert parse("南门外的建筑垃圾堆成一座山了").location.building is None
    assert parse("三座的电梯坏了").location.building == 3


def test_out_already_under_a_quoted_emergency_is_progress_but_asking_is_not() -> None:
    quoted = "「刘姐：8栋电梯困人了」\n- - - - - - - -\n"
    assert parse(quoted + "人已经救出来了 维保在查原因").intent == "progress"
    assert parse(quoted + "人已经出来了吧？").intent == "chat"


@pytest.mark.parametrize(
    "text, intent, category",
    [
        ("这个事我来落实 下午回复大家", "claim", None),
        ("想请人给孩子补一下英语 有没有大学生邻居 4栋", "report", "assistance"),
        ("楼上把花盆放在窗台外面 风一吹就晃 12栋", "report", "safety"),
        ("隔壁办丧事哀乐放了两天两夜 3栋", "report", "noise"),
    ],
)
def test_more_of_what_a_resettlement_compound_says(
    text: str, intent: str, category: str | None
) -> None:
    got = parse(text)
    assert (got.intent, got.category) == (intent, category), got


# thirty-second pass (blind40, blind41), in phrasings of our own
@pytest.mark.parametrize(
    "text",
    [
        "「王姐：3栋又停水了」\n- - - - - -\n+1 我家也是",
        "请问访客车能不能停到地库里？",
        "哪家的宽带网速快点？想换一家",
        "打油诗一首：水管爆了修半天，师傅辛苦汗涟涟😂",
    ],
)
def test_bare_me_too_permission_questions_and_verse_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_me_too_naming_where_is_still_a_report() -> None:
    got = parse("「王姐：3栋又停水了」\n- - - - - -\n我们5栋也是")
    assert got.intent == "report" and got.location.building == 5, got


def test_come_and_clean_is_no_cry_for_help() -> None:
    got = parse("9栋楼道有只死猫 味道熏死人 快来人清理一下")
    assert got.intent == "report" and not got.urgent, got
    assert parse("快来人啊 5栋有人晕倒了").urgent


@pytest.mark.parametrize(
    "text, category",
    [
        ("三号楼顶楼又漏了 天花板都黄了", "water"),
        ("南门那几棵桂花树生病了 叶子一片片发黄", "greenery"),
        ("楼上半夜拖家具 吵得睡不着 4栋", "noise"),
        ("8栋电梯楼层显示乱码了", "elevator"),
    ],
)
def test_more_faults_in_their_own_words(text: str, category: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.category == category, got


# thirty-third pass (blind43, what secretaries and Party members write), our own phrasings
@pytest.mark.parametrize(
    "text, refs",
    [
        ("二十一号已完成", (21,)),
        ("我来认领二十二号和二十三号", (22, 23)),
        ("二十四号、二十五号任务我来", (24, 25)),
        ("认领12号和13号", (12, 13)),
    ],
)
def test_task_numbers_spelt_out_and_listed(text: str, refs: tuple[int, ...]) -> None:
    assert parse(text).task_refs == refs, parse(text)


def test_a_date_is_no_task() -> None:
    assert parse("二十号停水").task_refs == ()


def test_an_update_under_a_quoted_report_with_done_later_in_it() -> None:
    text = "「刘叔：7栋垃圾房好多苍蝇」\n- - - - - -\n垃圾房今天已经消杀了 明天再喷一次"
    assert parse(text).intent == "progress", parse(text)


# thirty-fourth pass (blind42), in phrasings of our own
def test_a_question_ending_in_bu_ends_its_clause() -> None:
    got = parse("5栋电梯七楼开门不平层 差点绊倒")
    assert got.intent == "report" and got.category == "elevator", got
    assert parse("物业办公室周六开门不").intent == "chat"


def test_blocked_in_by_cars_is_no_one_trapped() -> None:
    got = parse("车库出口被几辆车堵住 堵得我们出不去 2号楼")
    assert got.intent == "report" and not got.urgent, got


def test_let_out_since_and_a_scare_that_was_cooking() -> None:
    got = parse("8栋电梯早上困人了 后来物业来放出来的 这个月第三次了 到底修不修")
    assert got.intent == "report" and not got.urgent, got
    assert parse("闻到一股烟味吓一跳 原来是楼下在烧烤").intent == "chat"


# thirty-fifth pass (blind45, typed fast on phones), in phrasings of our own
@pytest.mark.parametrize(
    "text, category, urgent",
    [
        ("着活了！！8栋", "safety", True),
        ("楼道里一股然气味 3栋", "safety", True),
        ("💡坏了好几天 5栋2单元楼道", "power", False),
        ("🚗堵在单元门口 出不去 7栋", "parking", False),
        ("电瓶车在车棚里起火了 快来人", "safety", True),
        ("谁能帮12栋的王奶奶取个药 她出不了门", "assistance", False),
    ],
)
def test_slips_and_emoji_read_as_the_words_they_stand_for(
    text: str, category: str, urgent: bool
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", category, urgent), got


def test_the_slips_leave_ordinary_words_alone() -> None:
    assert normalise("我正干着活了") == "我正干着活了"
    assert normalise("天然气") == "天然气"


def test_a_recent_day_goes_on_into_the_next_clause_until_now() -> None:
    got = parse("昨天晚上有人从楼上扔了个花盆 差点砸到人 8栋 得管管")
    assert got.intent == "report" and not got.urgent, got
    assert parse("昨天电梯就坏了 刚才又困人了 6栋").urgent


# thirty-sixth pass (false alarms left in the opened sets), in phrasings of our own
@pytest.mark.parametrize(
    "text",
    [
        "锂电池起火几秒钟就能烧满一屋子",
        "听说南方好几个小区地库都淹了",
        "刚才那股味是楼下烧纸的 不是咱们楼着火",
        "晾衣服别挂在窗户外面 前段时间就有衣架掉下去砸到人了",
    ],
)
def test_what_could_happen_elsewhere_or_not_here_is_no_emergency(text: str) -> None:
    assert not parse(text).urgent, parse(text)


def test_not_a_leak_but_no_gas_is_still_a_report() -> None:
    got = parse("煤气打不着火 不是漏气 是没气了 9栋")
    assert got.intent == "report" and not got.urgent, got
    assert parse("闻到一股臭鸡蛋味 是不是漏气了 3栋").urgent


# thirty-seventh and thirty-eighth passes (blind47, blind46), in phrasings of our own
@pytest.mark.parametrize(
    "text, intent, category",
    [
        ("9栋电梯最近老是晃 坐着心慌 总担心哪天被关在里面", "report", "elevator"),
        ("暖气开得跟没开一样 屋里冰凉 5号楼", "report", "other"),
        ("说好的换灯到现在还没换 2单元楼道还是黑的", "report", "power"),
        ("这事我来跑 明天去街道问", "claim", None),
    ],
)
def test_a_fault_beside_a_worry_and_other_late_additions(
    text: str, intent: str, category: str | None
) -> None:
    got = parse(text)
    assert (got.intent, got.category) == (intent, category), got


# fifth session's passes (blind48–blind51), in phrasings of our own
def test_a_fix_denied_with_scorn_under_a_quoted_all_clear_reports_the_fault_again() -> None:
    quoted = "「物业老周：5栋电梯已经修好了」\n- - - - - - - - - -\n"
    got = parse(quoted + "修好个屁 5栋今早又停了")
    assert (got.intent, got.category) == ("report", "elevator"), got
    got = parse(quoted + "搞定啥子哦，2单元还是坏的")
    assert got.intent == "report", got
    # confirming with thanks under the news of a fix thanks for it: chat, as 66 of the 67 labelled
    # replies that thank are (亮了亮了 谢谢你们; 真的焊好了 … 谢谢张师傅; the other is a claim)
    assert parse(quoted + "修好了 刚坐过 谢谢").intent == "chat"


@pytest.mark.parametrize(
    "text, refs",
    [("#7 #8 我一起来", (7, 8)), ("#12 和 #13 我都来跟", (12, 13)), ("15号和16号 我一并跟进", (15, 16))],
)
def test_several_tasks_taken_at_once_are_a_claim(text: str, refs: tuple[int, ...]) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == ("claim", refs), got


def test_went_and_looked_is_progress_not_a_claim() -> None:
    assert parse("#21 我去看过了，是主水管在修，等通知").intent == "progress"


def test_out_of_the_lift_since_ends_the_emergency_not_the_report() -> None:
    got = parse("刚刚在8栋电梯里关了二十分钟，现在出来了，这电梯得好好查查")
    assert (got.intent, got.category, got.urgent) == ("report", "elevator", False), got
    assert parse("8栋电梯困人了 里面还有人在拍门").urgent


@pytest.mark.parametrize(
    "text",
    [
        "xswl 隔壁那只哈士奇又把电梯按钮全按亮了",
        "昨晚梦见小区着火了 吓出一身汗 还好是梦",
        "在电梯里打了个喷嚏 全电梯的人都看我 社死现场",
        "芭比Q了 停车场绕了三圈都没找到位置",
        "我也被困过一回 那次等了半小时 现在都不敢一个人坐",
        "搬家剩的两个柜子 9栋楼下 可自取",
        "周六晚上物业在篮球场放露天电影 带好小板凳",
    ],
)
def test_young_speech_dreams_giveaways_and_what_happened_once_are_chat(text: str) -> None:
    got = parse(text)
    assert got.intent == "chat" and not got.urgent, got


def test_what_happened_once_does_not_hide_what_happens_now_or_never_happened() -> None:
    assert parse("以前也被困过 今天又被困在6栋电梯里了 快来人").urgent
    got = parse("这排桂花树好几年没修剪过了 挡得一楼白天都要开灯")
    assert got.intent == "report", got


def test_a_wish_is_no_all_clear() -> None:
    got = parse("楼道灯谁要是能来修一下就好了 黑了一个礼拜 4栋")
    assert (got.intent, got.category) == ("report", "power"), got


def _under(quoted: str, reply: str) -> str:
    return f"「{quoted}」\n- - - - - - - - - -\n{reply}"


@pytest.mark.parametrize(
    "quoted, reply",
    [
        ("物业：周四下午2点-5点 8栋停电检修，请提前做好准备", "8栋几单元？电梯也停吗"),
        ("王姐：电梯关人了该打哪个电话啊？", "先按里面的警铃，再打贴在轿厢里的维保电话"),
        ("物业：本周六上午消防演练，会有警报声，请勿惊慌", "到时候电梯还能坐不？"),
    ],
)
def test_a_question_or_advice_under_a_notice_or_question_is_chat(quoted: str, reply: str) -> None:
    got = parse(_under(quoted, reply))
    assert got.intent == "chat" and not got.urgent, got


def test_a_time_said_alone_carries_into_the_next_clause() -> None:
    assert parse("后天上午8点-11点 6栋停水，请大家提前储水").intent == "chat"
    assert parse("明天要开会，3栋电梯坏了").intent == "report"
    assert parse("明天 5栋电梯又坏了").intent == "report"


def test_on_my_way_after_where_i_am_under_an_emergency_is_a_claim() -> None:
    got = parse(_under("小周：4栋水管爆了！！楼道全是水", "我就在门岗，马上过去关阀"))
    assert got.intent == "claim", got


@pytest.mark.parametrize(
    "text",
    ["@王书记 上回说的充电桩的事有进展没", "二单元的邻居，周末家里装修会有点吵，提前说声不好意思", "刚出差回来，跟大家问个好"],
)
def test_asking_how_things_stand_a_word_in_advance_and_greetings_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("单元门口堆满了旧沙发纸箱 楼梯都堵了一半 真着火了跑都跑不出来 6栋", "safety"),
        ("那棵歪脖子树的枯枝老往下掉 砸到人就麻烦大了 3栋旁边", "greenery"),
        ("车库出口被一辆白车横着挡住了 我们都出不去了 车主快来挪车", "parking"),
    ],
)
def test_what_would_follow_and_being_blocked_in_by_a_car_are_no_emergency(
    text: str, category: str
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", category, False), got


def test_real_fire_and_people_who_cannot_get_out_stay_urgent() -> None:
    assert parse("3栋着火了 人跑不出来 快打119").urgent
    assert parse("5栋电梯困人了 里面的人出不来").urgent


@pytest.mark.parametrize(
    "text, intent, refs",
    [
        ("3 维保师傅已经到了，人救出来了", "progress", (3,)),
        ("14 灯换好了", "progress", (14,)),
        ("5 栋电梯修好了", "chat", ()),
        ("3 电梯已经坏了三天了", "report", ()),
    ],
)
def test_a_bare_number_then_something_done_names_the_task(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == (intent, refs), got


@pytest.mark.parametrize(
    "text",
    [
        "物业经理换了四个了 没一个管事的 报修都没人理",
        "这个季度的公摊电费比上个季度高了一倍，物业给个说法",
        "物业换了新公司以后，保洁一个礼拜才来一次",
    ],
)
def test_staff_replaced_and_a_past_time_compared_with_are_no_fix_and_no_past(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", "property"), got


def test_better_than_before_is_chat_and_a_real_fix_still_is() -> None:
    assert parse("今年的苍蝇比去年少多了，消杀还是有用").intent == "chat"
    assert parse("7栋楼道灯换了 现在亮了").intent == "chat"


@pytest.mark.parametrize(
    "text",
    ["电瓶车别推家里充哈，北门有充电桩", "物业搬到3号楼一楼了，大家办事别走错", "前几天有花盆掉下来 大家阳台上的东西注意点"],
)
def test_everyone_told_to_take_care_is_advice(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_a_fault_told_with_a_warning_is_still_a_report() -> None:
    got = parse("大家别坐8栋电梯了 又坏了 卡在3楼")
    assert (got.intent, got.category) == ("report", "elevator"), got


@pytest.mark.parametrize(
    "text, same",
    [
        ("+1", True),
        ("＋1 我家也闻到了", True),
        ("我家也是", True),
        ("我们这边也停了", True),
        ("同样的问题", True),
        ("我也觉得物业该管管", False),
        ("+100 说得好", False),
        ("楼下也有人反映过", False),
        ("谢谢", False),
    ],
)
def test_me_too_is_told_from_an_opinion(text: str, same: bool) -> None:
    assert says_me_too(text) is same


@pytest.mark.parametrize(
    "text",
    [
        "燃气表一直在转 灶台那边有股味 家里啥都没开 6-2-801",
        "7栋电梯把我们关到里面了 快点找人来救一下",
    ],
)
def test_a_gas_leak_told_by_its_signs_and_a_cry_to_be_rescued_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


def test_fear_never_ends_an_emergency_and_kitchen_fumes_are_none() -> None:
    # "afraid to ride it again" or "afraid looking back" may be said while someone is
    # still inside: they end nothing.
    assert parse("3栋电梯困人了 吓得我再也不敢坐电梯了 快叫维保").urgent
    assert parse("好后怕 8栋楼道冒烟了").urgent
    got = parse("楼下烧烤店的油烟直往我家窗户里冒 12栋")
    assert got.intent == "report" and not got.urgent, got


@pytest.mark.parametrize(
    "quoted, reply, intent",
    [
        ("小吴：5栋2单元地漏反水了", "疏通车已经到了，正在通", "progress"),
        ("老王：3栋水管爆了！！", "我马上过来，先关总阀", "claim"),
        ("刘姐：张婆婆家灯泡坏了，她够不着", "我下班去帮她换", "claim"),
    ],
)
def test_arrivals_and_on_my_way_under_a_report(quoted: str, reply: str, intent: str) -> None:
    assert parse(_under(quoted, reply)).intent == intent


def test_asked_is_not_told_and_the_signs_of_danger_stay_narrow() -> None:
    got = parse("6栋着火了 消防车来了没")
    assert got.intent == "report" and got.urgent, got
    assert not parse("物业把我们锁在外面了 进不去 5栋").urgent
    assert not parse("灶台上有股油味 是不是没擦干净").urgent
    assert not parse("快点找物业来救一下急 停水两天了 5栋").urgent


def test_an_emergency_during_planned_works_stays_urgent() -> None:
    assert parse("停电检修的时候电梯困人了 5栋").urgent
    assert parse("周四下午2点-5点 8栋停电检修，请提前做好准备").intent == "chat"


# Emergencies in our own words that every change must leave urgent: the rules that end
# urgency (all-clears, what-ifs, fear, planned works) must never reach them.
@pytest.mark.parametrize(
    "text",
    [
        "吓死了好后怕 老人被关在5栋电梯里了 快来人",
        "好后怕 8栋楼道冒烟了",
        "电梯困人了 我女儿在里面 以后都不敢坐了 快来人",
        "3栋电梯困人了 吓得我再也不敢坐电梯了 快叫维保",
        "6栋着火了 消防车来了没",
        "楼道里全是烟 烟往屋里冒 5栋",
        "厨房油烟机着火了 火好大 3-2-501",
        "油烟机烧起来了 快来人",
        "灶台那边好大的煤气味 7栋",
        "快点来救人 有人掉进化粪池了",
        "有人被困在电梯里 吓得不敢动",
        "电梯门夹住了小孩的手 快来人",
        "8栋真的着火了 不是演习 快打119",
        "3楼着火了跑都跑不出来 快来人",
        "停电检修的时候电梯困人了 5栋",
        "有一个人出来了 还有一个困在电梯里 7栋",
        "人都出来了吗 电梯还困着人 3栋",
        "火太大了 跑都跑不出来了",
        "车库着火了 我们出不去了",
        "明天 5栋电梯困人了",
        "9栋电梯把人关到里面了",
        "十栋电梯上到一半就停了 门打不开 里面好闷",
        "2-2-301 厨房油锅着了 人在往外跑",
        "刚刚一个花盆从楼上砸下来 就在单元门口",
        "有人在撬3栋502的门 现在还在撬",
        "电梯把我关住了 没信号 8栋",
        "电梯门卡住了 有个人卡在门中间",
        "闻到好浓的煤汽味 6栋2单元",
        "气表那里嘶嘶响 味道很大 不敢开灯",
        "燃气灶关了还是有味道 越来越浓",
        "外墙瓷砖还在往下掉 刚掉了两块 大家绕开",
        "小孩坐在天台边上 没大人 9栋",
        "一只大狗追着小孩咬 已经咬到一个了",
        "3栋电梯坠了一层 里面的人在喊",
        "老人从楼梯上滚下来了 头在流血",
        "家里进人了 我躲在卧室 帮我报警",
        "电梯停了！！人还在里面！！3栋",
        "我妈坐轮椅在电梯里面 电梯停在二楼和三楼中间 6栋",
        "5栋电梯卡住了 有人被卡里面了 二十分钟了",
        "燃气表那里一股味道 不敢开灯 2栋",
        "不知道谁家在漏天然气 整个楼道都是味",
        "闻到一股像臭鸡蛋的味道 越来越大 9栋",
        "楼道里烟好浓 从下面往上飘 4栋",
        "隔壁在烧 烟灌到我家来了 我们走不动 7栋",
        "2单元一楼那股味道不对 跟煤气灶打不着火的时候一样",
        "水开了扑出来把火浇熄了 气还在冒 老人耳朵背 8-1-301",
        "孩子不见了！！穿红衣服 天黑前还在小区里玩",
        "我爸突然说不出话了 嘴巴也歪了 5栋1单元",
        "楼下两个人打起来了 一个头上全是血",
        "游泳池有个小孩沉下去了 救生员不在",
        "有个不认识的男的抱着小孩往外走 小孩一直在哭",
        "有个娃儿被反锁在车里面 在哭 车主电话打不通",
        "一个阿姨骑电瓶车摔了 腿压在车下面了",
        "草坪被小孩用打火机点着了 火在往树林那边烧",
        "楼道里有人在打架 掐着脖子 哪个帮忙报个警",
        "马蜂蛰了 脸肿了 说喘不过气",
    ],
)
def test_emergencies_stay_urgent_whatever_ends_urgency_elsewhere(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


def test_a_place_caught_fire_said_short_and_nobody_told_are_reports() -> None:
    got = parse("🔥🔥 车棚那边着了")
    assert got.intent == "report" and got.urgent, got
    assert not parse("孩子在那边睡着了").urgent
    got = parse("小区打药也不提前通知，晒的被子全是药味 6栋")
    assert got.intent == "report" and not got.urgent, got


@pytest.mark.parametrize(
    "text, category",
    [
        ("单元门口的盲道上停满了共享单车 8栋", "parking"),
        ("楼上漏水 我家天花板泡了一大片 墙皮也掉了 6-1-302", "water"),
        ("小区主干道塌了个坑 电瓶车骑过去差点摔", "facility"),
        ("3号楼楼梯扶手松了 老人扶着不安全", "facility"),
        ("楼道墙皮一块块往下掉 7栋2单元", "facility"),
    ],
)
def test_what_went_wrong_decides_the_category_not_what_it_led_to(text: str, category: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


@pytest.mark.parametrize(
    "text", ["卫生间地漏往上返水 臭得要命 3-2-201", "化粪池又满了 整栋楼都是臭味 11栋", "单元门口的窨井在冒黑水 臭死了"]
)
def test_a_drain_blocked_or_backing_up_is_water_whatever_it_smells_like(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", "water"), got


@pytest.mark.parametrize(
    "text, category",
    [
        ("昨晚4栋电梯又关人了，后来放出来了，可这电梯一个月坏三回，得好好修", "elevator"),
        ("家里自来水黄黄的，放了半天还是黄 3-1-402", "water"),
        ("南门人行道上停满了电瓶车，轮椅过不去", "parking"),
        ("有个陌生女的这几天老在单元门口转悠，还挨家敲门", "safety"),
        ("9栋电梯最近有怪声，坐着心慌", "elevator"),
        ("跟大家说一下，我们12栋门口的路灯坏了一个礼拜了", "power"),
    ],
)
def test_more_faults_told_after_but_in_colour_and_in_crowds(text: str, category: str) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", category, False), got


def test_a_drain_backing_up_is_no_flood() -> None:
    got = parse("下水道又堵了，厕所的水从地漏往外冒 8栋")
    assert (got.intent, got.category, got.urgent) == ("report", "water", False), got


@pytest.mark.parametrize(
    "text",
    [
        "疫苗接种点明天还开不开？",
        "3栋楼下捡到一个保温杯，谁家孩子掉的，放门卫了",
        "谁家的被子掉到我家阳台上了，蓝色的，来拿一下 5栋",
        "以后楼道里别放鞭炮了，容易引着东西",
    ],
)
def test_a_question_in_a_not_a_form_lost_property_and_advice_for_later_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_a_thing_that_will_not_open_is_still_a_fault() -> None:
    assert parse("5栋单元门打不开了").intent == "report"


@pytest.mark.parametrize(
    "text, category",
    [
        ("有没有懂手机的年轻人，帮我们老两口在网上交一下医保", "assistance"),
        ("有线电视信号老是断，老人看个新闻都看不成 15栋", "other"),
    ],
)
def test_doing_things_online_and_watching_the_news_are_no_news(text: str, category: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


def test_news_from_online_is_still_news() -> None:
    assert parse("网上说隔壁区有个小区电梯困人困了两个小时").intent == "chat"


@pytest.mark.parametrize(
    "text",
    [
        "孩子高一化学跟不上 小区有没有退休老师能给讲讲",
        "隔壁的王婆婆两天没开门了 有没有人联系得上她女儿",
        "有没有顺路的邻居能陪5栋的李爷爷去医院复查",
    ],
)
def test_asking_neighbours_to_teach_accompany_or_reach_someone_is_assistance(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", "assistance"), got


def test_someone_who_knows_the_owner_of_a_found_thing_is_lost_property() -> None:
    assert parse("捡到一个钱包 里面有身份证 有没有人认识这个人").intent == "chat"


@pytest.mark.parametrize(
    "text",
    [
        "夜里有人在停车场撬车门 保安也没发现",
        "16栋有个独居老人好几天没下楼了，敲门也没人应，网格员能不能去看看",
        "楼下有只流浪猫受伤了 腿在流血 有没有人能帮忙",
    ],
)
def test_a_door_nobody_answers_for_days_a_past_break_in_and_a_hurt_cat_are_not_urgent(
    text: str,
) -> None:
    got = parse(text)
    assert got.intent == "report" and not got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "我的车被人堵在里面出不去了 10栋门口",
        "配电房门开着 小孩在里面玩",
        "有人把车横着停在两个车位中间 17栋",
    ],
)
def test_people_or_cars_inside_or_between_are_no_lift_emergency(text: str) -> None:
    assert not parse(text).urgent, parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "我妈中风后一个人在家 有没有志愿者能帮忙送个饭",
        "那根断了的树枝挂在半空 好几天了没人管 5栋",
        "电梯里风扇不转了 闷得人喘不过气 3栋",
        "小孩玩打火机把纸箱点着了 我已经踩灭了 家长管一管 7栋",
    ],
)
def test_a_stroke_long_ago_a_hanging_branch_a_stuffy_lift_and_a_fire_put_out_are_not_urgent(
    text: str,
) -> None:
    got = parse(text)
    assert got.intent == "report" and not got.urgent, got


# sixth session, after blind67-blind71 and a console session


@pytest.mark.parametrize(
    "text",
    [
        "阀门那里一直滋滋地冒热气，地上湿了一块 8栋",
        "顶上滴水，可能是楼上暖气漏了 2-1-302",
        "走廊的灯像抽风似的闪个不停 4栋",
        "锅炉房烟囱一直冒黑烟，晒的被子都脏了",
        "11栋单元门冻住了，人出不去也进不来",
    ],
)
def test_steam_a_heating_leak_a_flickering_light_a_chimney_and_a_frozen_door_are_not_urgent(
    text: str,
) -> None:
    got = parse(text)
    assert got.intent == "report" and not got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "楼上扔了一把剪刀下来，差一点就扎到人了 6栋",
        "停车场有人在砸车玻璃！！快叫保安",
        "东门口有个老人被电动车撞了 躺地上起不来",
        "有人从7栋阳台上掉下来了",
        "井盖没盖好，小孩掉进去了！！",
    ],
)
def test_things_thrown_smashing_a_road_accident_and_falls_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "暖气片摸着冰手，屋里冷得待不住 5栋",
        "暖气烧得太热了，能不能调小点",
        "家里才13度，老人冻得直哆嗦 2号楼",
    ],
)
def test_heating_too_cold_or_too_hot_is_other(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", "other"), got


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("厨房水管冻住了，拧开龙头一滴水都没有 9栋", "water"),
        ("物业前台态度好差，问个事就不耐烦", "property"),
        ("楼梯口又有人随地吐痰，太恶心了", "sanitation"),
        ("7栋电梯又停了，刚修好没两天就坏", "elevator"),
        ("蚌埠住了，卫生间又往下渗水了 3-1-201", "water"),
    ],
)
def test_frozen_pipes_rude_staff_spitting_and_broken_again_are_reports(
    text: str, category: str
) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("15号任务怎么一直没人管？", [15]),
        ("#22 修好了吗", [22]),
        ("任务八的进展如何？", [8]),
    ],
)
def test_a_question_about_a_numbered_task_is_chat_with_its_number(text: str, refs: list) -> None:
    got = parse(text)
    assert (got.intent, list(got.task_refs)) == ("chat", refs), got


def test_a_number_after_task_in_chinese_and_an_answer_that_tells_are_progress() -> None:
    assert parse("任务十五 已经找了电工 明天上午来").task_refs == (15,)
    got = parse("#22 已修好，大家再看看还有问题吗？")
    assert (got.intent, got.task_refs) == ("progress", (22,)), got


@pytest.mark.parametrize(
    "text",
    [
        "「小李：5栋有个大爷在楼道里摔倒了」\n- - - - - - -\n我就在楼下，马上上去",
        "「王阿姨：独居的刘奶奶想买点药」\n- - - - - - -\n我下班顺路带，七点前送到",
        "「老赵：物业电话一直没人接」\n- - - - - - -\n我找物业主任说一下",
        "这个我跟一下 #9",
    ],
)
def test_on_my_way_errands_taken_and_following_up_are_claims(text: str) -> None:
    assert parse(text).intent == "claim", parse(text)


def test_linked_up_with_someone_is_no_claim() -> None:
    got = parse("#9 已经和燃气公司对接了，明天上门查")
    assert got.intent == "progress", got


def test_a_me_too_from_another_car_park_level_is_a_report() -> None:
    got = parse("「老陈：地库B1的灯全灭了」\n- - - - - - -\nB3也是黑的")
    assert (got.intent, got.category) == ("report", "power"), got


def test_a_slip_for_building_before_a_door_is_read() -> None:
    assert parse("8动门口的垃圾堆了三天没人收").location.building == 8


@pytest.mark.parametrize(
    "text",
    [
        "困电梯了！！ 9栋 地下一层",
        "燃气报警器一直在响，家里就一个老太太 3-1-502",
        "楼道里烟雾报警器响个不停，有股焦味 6栋",
        "车库里有几个小孩在玩火，在点垃圾",
        "卫生间地漏在往外冒脏水，满地都是 2-2-101",
        "5栋电梯井进水了，水还在往下灌",
        "配电箱泡在水里了！！ 12栋架空层",
        "天台上有个小孩在翻栏杆 8栋",
        "孔明灯掉下来了，还燃着的，掉在车棚顶上",
    ],
)
def test_emergencies_of_the_sixth_session_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "水管爆裂的那个楼道，墙皮还在往下掉 4栋",
        "这电梯三天两头关人，今天又停了 9栋",
        "下水道井盖在往外冒脏水，臭得很",
        "截水沟又被叶子堵了，等会下雨肯定要倒灌",
    ],
)
def test_what_happened_there_once_what_happens_often_and_what_may_come_are_not_urgent(
    text: str,
) -> None:
    got = parse(text)
    assert got.intent == "report" and not got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "「王姐：3栋楼道着火了 快打119」\n- - - - - - -\n119已经打了，我正往那边赶",
        "「李叔：2号楼门口有人打架」\n- - - - - - -\n我是保安 马上过来",
        "15号单子我拿了",
    ],
)
def test_on_the_way_after_calling_and_a_numbered_job_taken_are_claims(text: str) -> None:
    got = parse(text)
    assert got.intent == "claim", got
    assert 119 not in got.task_refs


@pytest.mark.parametrize(
    "text",
    [
        "120到了，谢谢大家",
        "今年第7号台风周五登陆，物业已经备好沙袋了",
        "这几天热得要冒烟了🔥",
        "希望今年夏天别再停电了🙏",
        "物业费今年涨了吗？",
        "新栽的月季开花了，真好看",
    ],
)
def test_ambulances_arriving_typhoon_numbers_heat_wishes_fee_questions_and_praise_are_chat(
    text: str,
) -> None:
    got = parse(text)
    assert got.intent == "chat" and not got.task_refs, got


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("厨房晚上好多曱甴，11座", "sanitation"),
        ("隔壁的狗整晚吠个不停 3号楼", "noise"),
        ("物叶的人态度太差了，电话打过去就挂", "property"),
        ("物业办公室一直锁着门，找个人都找不到", "property"),
        ("哪位邻居明天顺路去超市，帮5栋的陈奶奶带袋米", "assistance"),
    ],
)
def test_cantonese_pests_and_barking_a_slip_for_the_management_and_a_request_for_tomorrow(
    text: str, category: str
) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


@pytest.mark.parametrize(
    "text",
    [
        "「小周：4栋有位独居老人两天没出门了」\n- - - - - - -\n敲过门了，老人在家，就是感冒了",
        "「物业：5栋电梯困人」\n- - - - - - -\n维保的已经到了，在盘车",
        "「老张：厨房燃气味很重」\n- - - - - - -\n已经打了燃气公司的电话，人都出来了",
    ],
)
def test_what_was_done_under_a_quoted_report_is_progress(text: str) -> None:
    assert parse(text).intent == "progress", parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "前天5栋电梯关了个人，还好几分钟就出来了",
        "昨晚3栋那家厨房着火了，今天看了窗户都熏黑了，还好人没事",
    ],
)
def test_a_scare_of_a_recent_day_that_ended_well_is_told_not_reported(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_a_scare_that_ended_well_but_left_a_fault_is_still_a_report() -> None:
    got = parse("昨天电梯关了个人，还好就出来了，可是电梯现在还停着 5栋")
    assert (got.intent, got.category) == ("report", "elevator"), got


@pytest.mark.parametrize(
    "text",
    [
        "9栋电梯里有人被关了，喊了好久！！",
        "厨房一股怪味，打火都不敢打 3栋",
    ],
)
def test_someone_shut_in_a_lift_and_afraid_to_strike_a_light_are_urgent(text: str) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


def test_kitchen_fumes_and_cockroaches_in_the_dark_are_not_urgent() -> None:
    assert not parse("楼下饭店油烟熏得人受不了 6栋").urgent
    assert not parse("屋里蟑螂好多，晚上都不敢开灯").urgent


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("31号我认了", [31]),
        ("「小李：2栋电梯困人了」\n- - - - - -\n我是今天值班的，已经联系维保，马上到", []),
    ],
)
def test_taken_in_few_words_and_on_duty_on_the_way_are_claims(text: str, refs: list) -> None:
    got = parse(text)
    assert (got.intent, list(got.task_refs)) == ("claim", refs), got


@pytest.mark.parametrize(
    "text",
    [
        "群里能不能别再发拼单链接了",
        "好的，周日我去参加",
        "下周六志愿者清理楼道，有空的邻居一起哈",
        "大家看看这个视频，别的小区电动车在楼道里烧起来了，太吓人",
        "「物业：周三全天停水」\n- - - - - -\n那二次供水也停吗？我家在顶楼",
    ],
)
def test_links_events_invitations_videos_and_questions_under_a_notice_are_chat(
    text: str,
) -> None:
    got = parse(text)
    assert got.intent == "chat" and not got.urgent, got


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("隔壁KTV好嘈，成晚瞓唔着 5座", "noise"),
        ("楼下花园啲蚊多到离谱", "sanitation"),
        ("想搵人帮手陪阿伯去睇医生，12栋", "assistance"),
    ],
)
def test_more_cantonese_reports(text: str, category: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


def test_agreeing_with_a_quoted_complaint_in_a_few_words_is_no_new_report() -> None:
    got = parse("「李阿姨：物业太不负责了，报修一个礼拜没人来」\n- - - - - -\n我也觉得物业太差了")
    assert got.intent == "chat", got


def test_the_same_fault_elsewhere_under_a_quote_keeps_the_quoted_category() -> None:
    got = parse("「李阿姨：3栋电梯坏了」\n- - - - - -\n5栋也坏了")
    assert (got.intent, got.category, got.location.building) == ("report", "elevator", 5), got


@pytest.mark.parametrize(
    "text, intent, urgent",
    [
        ("下周三上午消防演练，3栋住户听到警报不要慌", "chat", False),
        ("明天下午8栋搞电梯困人应急演练，到时候电梯停半小时", "chat", False),
        ("演练的时候才发现5栋消防栓没水", "report", False),
        ("这次不是演习！8栋真的冒烟了", "report", True),
        ("开个玩笑，楼上装修声音大得能把房子拆了", "chat", False),
        ("下楼梯走到腿都软了😂", "chat", False),
        ("声控灯吗？跺一下脚试试 😂", "chat", False),
        # a laugh lets the model veto a report, never an emergency
        ("电梯困人了😂", "report", True),
        ("5栋电梯又坏了😂 第三次了", "report", False),
    ],
)
def test_drills_jokes_and_laughs_are_chat_unless_a_fault_or_a_danger_is_real(
    text: str, intent: str, urgent: bool
) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == (intent, urgent), r


@pytest.mark.parametrize(
    "text, intent, refs",
    [
        ("任务十五我来跟", "claim", (15,)),
        ("工单二十一已经修好了", "progress", (21,)),
        ("No.9 已完成", "progress", (9,)),
        ("#十 修好了", "progress", (10,)),
        ("#世界环境日# 一起捡垃圾", "chat", ()),
        ("任务一大堆，忙不过来", "chat", ()),
    ],
)
def test_task_numbers_in_chinese_numerals_after_the_noun_or_the_mark(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    r = parse(text)
    assert (r.intent, r.task_refs) == (intent, refs), r


@pytest.mark.parametrize(
    "text, category",
    [
        ("燃气阀门关不上了 一直有火", "safety"),
        ("燃气灶关不掉了，火一直在烧，12栋3单元", "safety"),
        ("有人一直在撬7栋302的门", "safety"),
        # the danger names the category, not the person in it
        ("救命 12栋电梯卡在两层中间 里面有个老奶奶", "elevator"),
    ],
)
def test_a_fire_that_will_not_go_out_a_break_in_going_on_and_whose_danger_it_is(
    text: str, category: str
) -> None:
    r = parse(text)
    assert (r.intent, r.category, r.urgent) == ("report", category, True), r


@pytest.mark.parametrize(
    "text",
    [
        "大家不用担心，8栋刚才晕倒的大妈已经被120拉走了",
        "昨天5栋摔倒的爷爷已经出院了，谢谢帮忙的邻居们",
        "9栋那个烧焦味找到了，是一楼餐馆的排烟管，已经处理好了",
        "谁的电动车钥匙落在2栋车棚了，黑色钥匙扣，来物业办公室领",
    ],
)
def test_an_all_clear_or_a_found_thing_at_a_named_place_is_chat(text: str) -> None:
    assert parse(text).intent == "chat"


@pytest.mark.parametrize(
    "text, category",
    [
        ("9栋电梯跑起来咔咔响，声音好大", "elevator"),
        ("请问6栋电梯啥时候修好？停三天了，楼上的老人都下不了楼", "elevator"),
        ("有人把装修垃圾堆在楼道里一个多星期了 3号楼1单元", "sanitation"),
        ("5栋2单元一楼配电箱冒火星 有烧焦味", "power"),
    ],
)
def test_a_close_call_between_two_categories_goes_to_the_model(text: str, category: str) -> None:
    r = parse(text)
    assert (r.intent, r.category) == ("report", category), r


@pytest.mark.parametrize(
    "text, category",
    [
        # 有时候 is "sometimes", no past time
        ("5栋1单元的声控灯要拍好几下才亮，有时候干脆不亮", "power"),
        # 好久修好 asks when (Sichuan speech), it tells no fix
        ("3单元电梯今天又停了，门口贴了个维修中，也没说好久修好", "elevator"),
    ],
)
def test_sometimes_and_asking_when_take_nothing_from_a_fault(text: str, category: str) -> None:
    r = parse(text)
    assert (r.intent, r.category) == ("report", category), r


@pytest.mark.parametrize(
    "text",
    [
        "12栋天台上有个人站在边上半天了，快去看看",
        "3栋电梯门把小孩的手夹住了！快来人",
        "煤气管被电钻打穿了，好大一股味，6栋2单元",
        "不晓得哪家在烧东西，烟把整个楼梯间都灌满了，5号楼",
        # a step against a gas danger that did not end it
        "厨房一股燃气味，已经关了总阀开了窗户，还是闻得到，7-2-301",
    ],
)
def test_more_dangers_of_now_are_urgent(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r


def test_a_rescue_ends_the_emergency_though_the_lift_stays_broken() -> None:
    r = parse("今天早上8栋电梯困人了，后来物业来放出来的，这电梯一个月困了三次了，到底修不修")
    assert (r.intent, r.urgent) == ("report", False), r


# The eighth session's emergencies, written in our own words after each sealed sample was
# opened: told across clauses (data/situations.tsv), in few or plain words, or as rarer
# dangers; then their look-alikes, and chat that names the same things.
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("9栋电梯关起了 我们两个人 信号不好", "elevator"),
        ("快来人 电梯门打不开 里面有个老人在喊 4单元", "elevator"),
        ("电梯卡在半中间了 上不去下不来 6栋", "elevator"),
        ("楼下王大爷在花园摔了 爬不起来 谁来搭把手", "assistance"),
        ("天然气！！整个三楼都是味 7栋", "safety"),
        ("卫生间反水 客厅已经淹到脚踝了 2-3-101", "water"),
        ("走廊里都有烟 不晓得哪家的 12栋快下楼", "safety"),
        ("北门那辆黑车里锁了个娃 在哭", "safety"),
        ("困梯了！！7栋", "elevator"),
        ("门打不开 卡在两层中间了 3栋2单元", "elevator"),
        ("有贼！正在撬12栋一楼的窗户", "safety"),
        ("隔壁阿姨突然晕倒了 谁懂急救 6-1-302", "assistance"),
        ("两个小孩在楼顶天台边上追着玩 9栋", "safety"),
        ("一楼大厅有股怪味 像天然气 5栋", "safety"),
        ("马桶往外冒水 都流到客厅了 2-2-201", "water"),
        ("楼上漏水 水顺着吊灯往下滴 9栋", "water"),
        ("楼道里一个大爷躺着 叫他没反应 3栋", "assistance"),
        ("有人在撬502的门 我从猫眼看到的", "safety"),
        ("我妈倒在地上了 起不来 5-2-301", "assistance"),
        ("屋头没人 燃气灶还开着 钥匙在我这 赶不回去 7栋", "safety"),
        ("对面4栋的窗口往外冒火", "safety"),
        ("消防水管爆了 水顺着楼梯往下冲 11栋", "water"),
        ("8栋电梯关到个老人家 喊了好久了", "elevator"),
        ("电梯把我们关倒了 按铃没人应 2单元", "elevator"),
        ("不晓得哪家在烧东西 烟子往楼道里灌 6栋", "safety"),
        ("水箱漏了 水一直往楼道里冲 9栋", "water"),
        ("有个人拿块砖头在砸单元门 11栋", "safety"),
        ("有个男的一路跟着我进了电梯 我好怕 3栋", "safety"),
        ("小区人工湖那边有个娃滑下去了 快来人", "safety"),
        ("这个电梯又关到人了 9栋 快来", "elevator"),
        ("娃的手卡进电梯门缝了 电梯还在响 3-2", "elevator"),
        ("有人往下丢酒瓶 楼下好多小孩在玩 6栋", "safety"),
        ("仓库那边火已经蹿上来了 快打119", "safety"),
        ("有个小孩在8楼窗户边上扒着 没有护栏 2栋", "safety"),
        ("电梯门卡住了 我被夹在门缝里 3栋", "elevator"),
        ("电梯停在8楼不动了 里面困着我妈 快来人", "elevator"),
        ("有个小孩坐在阳台栏杆上 14栋6楼", "safety"),
        ("有个娃在池塘里扑腾 快来人", "safety"),
        ("有人翻窗户进了2楼那家 我在对面看到的 5栋", "safety"),
        ("暴雨 水漫进地库了 快去挪车", "water"),
        ("楼上刚又扔了个酒瓶下来 差点砸到人 7栋", "safety"),
        ("卫生间返水 污水已经进卧室了 1-1-101", "water"),
        ("快！有个小孩被关电梯里了 一直哭 6栋", "elevator"),
        ("卡电梯了 12幢 手机快没电了", "elevator"),
        ("热水器一开就一股怪味 我头都晕了 3-2-401", "safety"),
        ("楼梯口有个液化气罐 阀门坏了 在漏", "safety"),
        ("楼顶的冰凌子哗哗往下掉 下面有人 9栋", "safety"),
        ("有个工人吊在半空中 绳子断了一根 8幢", "safety"),
        ("10栋楼顶有个人坐在边上 说要跳下去", "safety"),
        ("独居的王爷爷好几天没开门了 门口有股臭味 2-1-301", "assistance"),
        ("烟花掉到阳台把晾的衣服点着了 7栋", "safety"),
        ("@所有人 6栋2单元发生火情，请该单元住户立即撤离，已报119", "safety"),
        ("有人在吗 电梯停了 门也不开 3栋", "elevator"),
    ],
)
def test_emergencies_told_across_clauses_or_in_plain_words_are_urgent(text: str, category: str) -> None:
    r = parse(text)
    assert (r.intent, r.category, r.urgent) == ("report", category, True), r


@pytest.mark.parametrize(
    "text",
    [
        "8栋电梯门打不开，物业赶紧来修一下",
        "我家在20楼，电梯停了两天了，老人上不去下不来",
        "南门那段路一下雨就积水，今天水都淹到脚脖子了",
        "今天闻到的气味是燃气公司在换表，已确认安全",
        "上周我妈在菜场摔了一跤，现在能走路了",
        "总有人从楼上往下丢垃圾袋，不晓得哪天砸到人",
        "雨水管坏了，下雨天空调水和雨水顺着外墙往下淌",
        "问一下，爆管了先关哪个阀门？以防万一",
        "8栋电梯昨天又困人了，十分钟才放出来",
        "大风把树枝吹断了，挂在半空，8栋门口，麻烦修剪一下",
        "楼下有只流浪猫腿在流血，谁能帮忙送医",
        "他说要跳槽，不是跳楼哈😂",
        "这个月的工资跟电梯一样直线下坠",
        "闻到煤气味是打燃气公司还是打物业？",
        "消防通道又被堵了，真有火情消防车都进不来",
        "下周二消防演练，听到警报请立即撤离",
        "楼下空调外机的热风直往屋里灌，5栋",
        "电梯关门太快，夹到我家孩子的书包了，2单元",
    ],
)
def test_one_sign_alone_a_habit_a_supposition_or_a_settled_scare_is_not_urgent(text: str) -> None:
    assert not parse(text).urgent, parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "物业费今年涨了吗？",
        "请问物业费发票在哪里开",
        "谢谢李哥认领，太给力了",
        "哪个认领了5栋的路灯嘛？",
        "抖音上看到有个小区电梯掉下来了，太吓人",
        "地下室被淹的话总闸在哪里关啊",
        "煤气泄漏的话应该先打119还是先找物业？",
        "水管爆了该先关哪个阀门啊",
        "停车卡丢了能补办不",
        "小区的化粪池多久清一次？",
        "南门那片草坪是哪家公司在管",
        "今天热得我整个人都要冒烟了🔥",
        "刷了个视频，有个小区电梯掉下来了，好吓人",
        "[转发]外地一小区燃气爆炸，提醒大家注意用气安全",
        "被困在高速上了，晚上才能到，谁帮我收下快递",
        "这太阳能把人烤着火",
        "电费又涨了，钱包在漏气",
        "防溺水安全教育周日在活动室，欢迎带孩子来",
        "油锅起火了，用锅盖盖灭了，吓死我了",
    ],
)
def test_questions_thanks_for_a_claim_videos_and_figures_of_speech_are_chat(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("chat", False), r


def test_taken_twice_before_the_number_is_a_claim() -> None:
    r = parse("领了领了 #41")
    assert (r.intent, r.task_refs) == ("claim", (41,)), r


def test_a_forced_lock_found_afterwards_is_not_urgent() -> None:
    r = parse("地下室的门锁被人撬了，物业来看一下")
    assert (r.intent, r.urgent) == ("report", False), r


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("11号楼电梯里面的人按铃按了半天 门就是不开 快叫人", "elevator"),
        ("我在2号楼电梯里 动不了了 已经半个钟头了[大哭]", "elevator"),
        ("不晓得哪家的衣架掉下来了 砸到一个过路的阿姨头上 流血了 4栋2单元", "safety"),
        ("楼上在往下丢装修垃圾 一袋一袋地甩 下面人来人往 6栋一单元", "safety"),
        ("单元门口那个电箱门开着 里面电线掉出来泡在水里 还在滋滋响 6栋2单元", "power"),
        ("电缆井里面噼里啪啦在放电 闪蓝光 十六栋一单元 谁来看下 不敢靠近", "power"),
        ("一根电线从楼上吊下来 垂到人走的地方 碰到铁栏杆上直冒火花 20栋", "power"),
        ("洗衣机的水管脱了 水漫了一屋子 我家在楼下 顶上还在滴 13栋", "water"),
        ("水管冻裂了 楼道全在流水 都结冰了 16栋2单元", "water"),
        ("谁家在烧啥子东西 满楼道的烟 8栋3单元 我屋头都进烟了", "safety"),
        ("有个小孩子在阳台栏杆外面 好像卡住了 4栋三楼 大人不在家", "safety"),
        ("16栋的陈爷爷从床上摔下来了 他老伴抬不动他 快来两个年轻人", "assistance"),
        ("不是开玩笑！！电梯真的困人了 8栋2单元 按警铃没人应", "elevator"),
    ],
)
def test_the_ninth_sessions_emergencies_are_urgent(text: str, category: str) -> None:
    r = parse(text)
    assert (r.intent, r.category, r.urgent) == ("report", category, True), text


@pytest.mark.parametrize(
    "text",
    [
        "电梯门夹到我孙子的手了 还好缩得快没事 这门感应是不是坏了 2号楼",
        "娃儿从滑梯上摔下来磕破了头 已经送医院了 希望物业把滑梯底下铺点软垫",
        "刚才电梯猛地往下掉了一截 吓死 还好门开了 我走楼梯了 3栋",
        "洗衣机排水管堵了，水漫了一地，已经自己拖干了，想问下物业能不能来通一下，7栋",
        "有人私拉电线给电动车充电，线就拖在地上，18栋旁边",
        "我家老头子腿摔了，我一个人搬不动米，有没有志愿者帮忙把米扛上楼，10栋",
    ],
)
def test_the_ninth_sessions_look_alikes_are_reports_but_not_urgent(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", False), text


@pytest.mark.parametrize(
    ("text", "intent", "category"),
    [
        ("电梯里没人被困，刚才是小孩按了警铃玩，已经跟家长说了", "chat", None),
        ("我的心情就像这电梯，上上下下的[捂脸]", "chat", None),
        ("看了我儿子的成绩单，血压直接爆表，比水管爆了还吓人🤣", "chat", None),
        ("早几年小区垃圾堆成山，现在真没得说👍", "chat", None),
        ("我家孩子问能不能在小区里放风筝", "chat", None),
        ("寻物启事没人理，那顺便说一下 南门的门禁又坏了 刷卡没反应", "report", "facility"),
        ("通知说停电到中午，现在天都黑了还没来电 二十栋二单元", "report", "power"),
        ("自己换了好几个灯泡都不亮，估计是线路问题，1栋楼道", "report", "power"),
        ("小区里的桂花树被人折了好多枝", "report", "greenery"),
        ("電梯壞了 3號樓", "report", "elevator"),
        ("認領 #19", "claim", None),
    ],
)
def test_the_ninth_sessions_chat_and_reports_behind_other_words(
    text: str, intent: str, category: str | None
) -> None:
    r = parse(text)
    assert (r.intent, r.category) == (intent, category), text


@pytest.mark.parametrize(
    ("text", "intent", "category", "urgent"),
    [
        ("电体今天又罢工了 叁栋二单元 我提个米上了七楼 累死老子了", "report", "elevator", False),
        ("楼下有人在烧纸，烟子一股一股往上冒，都飘到屋头来了，12栋", "report", "safety", True),
        ("能不能管管在单元门口抽烟的，烟味全飘进屋了 5栋1单元", "report", "sanitation", False),
        ("小区主干道那边自来水管被挖断了，水喷得老高", "report", "water", True),
        ("小区外面修路把水管挖断了，我们一整片都停水了，也没提前通知", "report", "water", False),
        ("19栋的电梯一到8楼就往下掉一截 吓死个人", "report", "elevator", False),
        ("楼顶天台的排水口堵了 一下雨水就往楼道里灌 十栋二单元", "report", "water", False),
        ("厨房的下水道堵死了，通了好几回通不开，17栋1单元，有没有师傅", "report", "water", False),
        ("地下车库负二层好大一滩水，都好几天了，走过去一脚的水", "report", "water", False),
        ("着伙了 2栋1单元三楼 烟都窜到楼梯间了", "report", "safety", True),
        ("哦豁 13栋门口的水管遭挖破了 水一直冒 淹到单元门了", "report", "water", True),
        ("吓死了 刚在楼下走着 上面有人扔了个苹果下来 就落在我前面 4栋", "report", "safety", True),
        ("楼上不知道谁在扔鸡蛋 刚砸我头上了 2号楼", "report", "safety", True),
        ("楼道里的燃气管被装修工人砸歪了，暂时没闻到味道，8栋2单元", "report", "safety", False),
        ("我家水管爆了，总阀已经关了，现在不流了，就是要找人来换管子，5栋", "report", "water", False),
        ("有人有燃气公司抢修电话吗 存一个备用", "chat", None, False),
        ("转给大家看看，隔壁龙湖那边昨晚电瓶车在楼道充电起火了，烧了两层楼", "chat", None, False),
        ("没有发停水通知啊，十一栋怎么突然没水了", "report", "water", False),
        ("通知说晚上停电，怎么现在下午就停了，3号楼2单元整栋黑的", "report", "power", False),
        ("笑死 说好的修好了 结果今天电梯按钮还是没反应 十九栋二单元", "report", "elevator", False),
        ("笑死，我家狗又把拖鞋咬烂了[捂脸]", "chat", None, False),
        ("其实楼道灯用声控的就够了，一直亮着浪费电，个人意见哈", "chat", None, False),
        ("今天股票又是一片绿油油的😭", "chat", None, False),
        ("谁的电动车钥匙插在车上没拔 北门车棚 蓝色那辆 赶紧来拿", "chat", None, False),
        ("北门那段路积水齐膝盖了，电瓶车都过不去", "report", "water", False),
        ("负一楼车库积水已经到膝盖了 还在往里灌 有车被淹了", "report", "water", True),
        ("二十八栋厕所水箱一直流水关不住，好浪费水", "report", "water", False),
        ("楼顶水箱溢水了 哗哗往下流 整个楼道成河了 4栋", "report", "water", True),
        ("双十一被困在购物车里出不来了🤣", "chat", None, False),
        ("这两天嗓子冒烟 大家多喝水哈", "chat", None, False),
        ("看到群里说着火了赶紧跑下去看，结果是有人在楼下烧烤😂", "chat", None, False),
        ("三年前这里还发生过火灾，那时候消防通道全被堵了", "chat", None, False),
    ],
)
def test_the_ninth_sessions_second_pass(
    text: str, intent: str, category: str, urgent: bool
) -> None:
    r = parse(text)
    assert (r.intent, r.category, r.urgent) == (intent, category, urgent), text
    if "叁栋" in text:
        assert (r.location.building, r.location.unit) == (3, 2)


# The linear chat classifier (model.py, README "The linear chat classifier"): it vetoes
# reports the rules find in chat and files what it is sure is a report; with it taken away,
# the rules and the naive Bayes read these the other way.
_VETOED = ["昨晚风太大了，我家阳台晾的衣服全吹跑了", "燃气费又涨了，有点离谱",
           "今年物业费收缴率多少？业委会能不能公示一下"]
_PROMOTED = "上个月电梯关过人，到现在维保公司都没给个说法，8栋"


@pytest.fixture
def without_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    nb = model.load(linear=None)
    monkeypatch.setattr(model, "shipped", lambda: nb)


@pytest.mark.parametrize("text", _VETOED)
def test_the_linear_classifier_vetoes_chat_the_rules_would_file(text: str) -> None:
    assert parse(text).intent == "chat"


@pytest.mark.parametrize("text", _VETOED)
def test_without_the_linear_classifier_the_rules_file_it(text: str, without_linear: None) -> None:
    assert parse(text).intent == "report"


def test_the_linear_classifier_files_a_report_the_rules_read_as_chat() -> None:
    got = parse(_PROMOTED)
    assert (got.intent, got.category, got.urgent, got.location.building) == ("report", "elevator", False, 8)
    assert got.confidence < 0.7


def test_without_the_linear_classifier_it_stays_chat(without_linear: None) -> None:
    assert parse(_PROMOTED).intent == "chat"


def test_the_linear_classifier_leaves_emergencies_denials_and_bare_things() -> None:
    # Never an emergency vetoed; a report read past a denied fault and a bare thing with
    # a building stay the rules' (the model sees grams, not what 没坏 denies).
    assert parse("困人了 5栋电梯").urgent
    assert parse("电梯没坏，是停电了").category == "power"
    assert parse("8栋 电梯!!").intent == "report" and parse("电梯").intent == "chat"


# The linear urgency classifier: it finds an emergency the rules missed and drops one they
# read into a slow fault, where it is sure; without it the rules' reading stands.
_FOUND_URGENT = "3幢1单元有人家里跑水了，水从门口往楼道流，楼下已经在滴"
_DROPPED_URGENT = "外墙的水管裂了一直渗水，墙都发霉了 9栋"


def test_the_linear_urgency_classifier_has_its_say() -> None:
    found, dropped = parse(_FOUND_URGENT), parse(_DROPPED_URGENT)
    assert (found.intent, found.urgent, found.location.building) == ("report", True, 3)
    assert found.confidence >= 0.9
    assert (dropped.intent, dropped.category, dropped.urgent) == ("report", "water", False)


def test_without_the_linear_urgency_classifier_the_rules_stand(without_linear: None) -> None:
    assert not parse(_FOUND_URGENT).urgent
    assert parse(_DROPPED_URGENT).urgent


def test_an_emergency_both_classifiers_call_chat_is_chat() -> None:
    # Praise for a rescue reads urgent to the rules (困人); the chat classifier is sure it is
    # chat and the urgency classifier finds no emergency.
    assert parse("👍 困人那件事处理得真快").intent == "chat"


def test_without_the_classifiers_the_praise_is_an_emergency(without_linear: None) -> None:
    got = parse("👍 困人那件事处理得真快")
    assert got.intent == "report" and got.urgent


def test_the_linear_classifier_files_a_report_that_names_no_fault_word() -> None:
    # No fault and no thing of the tables (a word of them, 单元, is there): only a sure score
    # files it, of the naive Bayes' category.
    got = parse("单元门口结了一大块冰，谁来撒点盐")
    assert got.intent == "report" and got.confidence < 0.7


def test_without_the_linear_classifier_no_fault_word_is_chat(without_linear: None) -> None:
    assert parse("单元门口结了一大块冰，谁来撒点盐").intent == "chat"


@pytest.fixture
def rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "shipped", lambda: None)


@pytest.mark.parametrize(
    "text",
    [
        # the truth after what someone said (其实是, 结果是)
        "刚才那个阿姨说她闻到烧焦味 其实是楼下在熏腊肉 没事没事😂",
        "我妈说闻到煤气味，结果是她自己煮的萝卜汤糊了😂",
        # nothing smelt or seen
        "我也是9栋的，我家没闻到燃气味啊",
        "这个小区我住了十年，从来没见过电梯关人",
        # a clause of its own that all is well, nobody shut in
        "楼下那辆冒烟的车车主已经来了，是水箱开锅，没事",
        "刚才电梯那个是误会，小孩在里面玩，一直按着开门键，没有困住",
    ],
)
def test_a_scare_told_as_over_or_unfelt_is_no_emergency(text: str, rules_alone: None) -> None:
    assert not parse(text).urgent, parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "有没有闻到一股怪味，是不是谁家煤气没关，3栋12楼这层",  # asked whether, not denied
        "电梯困人了 没事 别慌 但是里面的老人喘不过气 3栋",  # danger after the calm
        "5栋楼道着火了！我没看到人出来",
    ],
)
def test_asked_whether_or_danger_after_a_calm_word_stays_urgent(text: str, rules_alone: None) -> None:
    assert parse(text).urgent, parse(text)


@pytest.mark.parametrize(
    "text",
    [
        # a step taken against gas is no all-clear, and a strong or growing smell is gas
        "厨房燃气软管裂了在漏气，我已经关了总阀但是味道好大，人在楼下了，八栋",
        "我打了燃气公司的电话，人家说半小时到。1栋4单元那股味道越来越浓了",
        "我家也有，9栋2单元，味道很明显，头都有点晕",
        # smoke that keeps people in, a pipe spraying, water under a door
        "楼道里看不见人了，全是黑的，呛得不行，我们在12楼下不去 二十一栋",
        "楼道的消防管道冻裂了 往外喷水 楼梯上全是冰 17栋2单元",
        "楼下那户家里漏水，水都从门缝流出来了，人不在家，还在流，2-2-301",
        # a dog going for a child, a child afraid in a stopped lift
        "谁家的比特犬跑出来了 没拴绳 正扑着一个小女孩 3栋门口！！",
        "我是4栋的小朋友 电梯不动了 灯也黑了 我好怕 妈妈电话打不通",
    ],
)
def test_dangers_told_across_clauses_are_urgent(text: str, rules_alone: None) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "厨房水管爆了 我已经关了总阀 3栋",  # the water is off: a report, no longer urgent
        "14栋楼下的消防栓在漏水，一直滋滋往外冒",  # a drip, not a spray
        "谁家的狗狗跑出来了 在喷水池旁边 白色泰迪",
        "好怕电梯又关人，每次坐都提心吊胆",  # a worry, not fear now
    ],
)
def test_a_step_taken_a_drip_or_a_worry_is_no_emergency(text: str, rules_alone: None) -> None:
    assert not parse(text).urgent, parse(text)


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [("阿拉来认领，#33", "claim", [33]), ("这个交给阿拉志愿者队", "claim", []), ("我们来认领 #12", "claim", [12])],
)
def test_we_take_it_is_a_claim(text: str, intent: str, refs: list[int]) -> None:
    got = parse(text)
    assert (got.intent, list(got.task_refs)) == (intent, refs), got


@pytest.mark.parametrize(
    "text",
    [
        "谁家刚扔的菜刀！！！掉在楼下小孩旁边 16幢",
        "头顶上有人往下泼水还扔东西 就现在 2栋 快去看看是哪层",
        "6栋2单元有个老人被反锁在阳台上 喊了好久 天这么热",
        "阿拉被关了电梯里向了 侬快点叫物业来 10号楼",
    ],
)
def test_things_thrown_near_people_and_people_shut_in_are_urgent(text: str, rules_alone: None) -> None:
    got = parse(text)
    assert got.intent == "report" and got.urgent, got


@pytest.mark.parametrize(
    "text",
    [
        "我的工资卡跟停水了一样，一滴都没有",
        "我家那位脾气一点就着，跟煤气罐似的",
        "单位那边又停电了，今天只能回家办公",
        "快递柜超时收费是怎么算的",
        "我家娃把自己关在卫生间里玩了一下午，叫都叫不出来😂",
    ],
)
def test_likenesses_workplaces_and_fees_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_going_up_now_under_a_quoted_report_is_a_claim() -> None:
    text = "「张姐：9栋2单元独居的张奶奶两天没下楼了」\n- - - - - - - - - - - -\n我这就上去敲门"
    assert parse(text).intent == "claim"


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("编号23 我认领了", "claim", [23]),
        ("编号三十六 我来处理", "claim", [36]),
        ("编号23 物业说明天来人", "progress", [23]),
        ("编号 51 完工", "progress", [51]),
        ("wo来认领 #44", "claim", [44]),
        ("#9 我也来帮忙", "claim", [9]),
        ("我来帮忙 #31", "claim", [31]),
    ],
)
def test_numbered_tasks_and_taking_them(text: str, intent: str, refs: list[int]) -> None:
    got = parse(text)
    assert (got.intent, list(got.task_refs)) == (intent, refs), got


def test_helping_tomorrow_in_passing_is_no_claim() -> None:
    assert parse("好的，明天我来帮忙搬桌子").intent == "chat"


@pytest.mark.parametrize("text", ["#20 是哪栋的来着", "第15个任务完成了没", "#7 修好了没有"])
def test_a_question_about_a_numbered_task_is_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [("3栋这几天每晚都停点，是不是线路老化了", "power"), ("5栋的货梯又坏了，搬家的东西上不去", "elevator"), ("货梯坏了", "elevator")],
)
def test_slips_and_lift_names(text: str, category: str, rules_alone: None) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


@pytest.mark.parametrize(
    "text",
    [
        "我家泰迪丢了，白色的，看到的邻居麻烦联系我，9栋",
        "地铁站那边淹了，上班的绕一下",
        "5栋的李爷爷今天九十大寿，祝老人家健康长寿",
    ],
)
def test_a_lost_dog_the_metro_and_a_birthday_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_going_later_under_a_quoted_request_is_a_claim() -> None:
    text = "「王姐：谁能帮4栋李爷爷取个药」\n- - - - - - - - -\n我晚上去"
    assert parse(text).intent == "claim", parse(text)


@pytest.mark.parametrize("text", ["电梯有人来修了没", "灯的事有人管了吗", "楼道灯有人修没？", "那个下水道到底有没有人管啊"])
def test_asking_whether_anyone_is_on_a_thing_is_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


@pytest.mark.parametrize("text", ["电梯坏了有人管没", "3栋电梯有人管没", "楼道灯不亮有人修吗"])
def test_a_fault_or_a_place_asked_after_is_still_a_report(text: str) -> None:
    assert parse(text).intent == "report", parse(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("12栋后面的坡垮了，泥巴往下冲", "safety"),
        ("后山挡土墙裂了好长一条缝，8栋背后的", "safety"),
        ("滑坡那里拉的警戒线被人扯了，小娃儿又跑进去耍", "safety"),
        ("电梯里头有股尿臊味 16栋", "sanitation"),
        ("电梯里面好臭", "sanitation"),
        ("二十三栋楼下的排水沟盖板烂了", "facility"),
        ("帮我屋头老汉理个发，他瘫在床上出不了门 3-1-602", "assistance"),
    ],
)
def test_hillsides_lift_smells_and_the_bedridden(text: str, category: str, rules_alone: None) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


def test_a_lift_shaft_said_to_have_maybe_taken_water_is_no_emergency() -> None:
    assert not parse("电梯井好像进水了，1栋那个电梯停了两天了").urgent
    assert parse("7栋电梯井进水了 水还在往下流").urgent


def test_one_number_after_another_and_a_claim_said_as_mine() -> None:
    assert list(parse("3号4号任务都已经处理完了").task_refs) == [3, 4]
    got = parse("要得，#28 算我的")
    assert (got.intent, list(got.task_refs)) == ("claim", [28])


def test_thanks_under_news_of_a_fix_is_chat() -> None:
    text = "「物业小王：#12 后山排水沟已清理完毕」\n- - - - - - - - - - - - -\n辛苦了，这下放心了"
    assert parse(text).intent == "chat", parse(text)


def test_a_building_after_an_ellipsis_is_read_and_after_a_decimal_point_not() -> None:
    assert parse("不想吐槽但是……十一栋电梯按钮掉了一个").location.building == 11
    assert parse("3.5栋").location.building is None


def test_flooding_each_time_it_rains_hard_is_no_emergency() -> None:
    got = parse("雨一大南门口又淹了，电瓶车都过不去😂")
    assert got.intent == "report" and not got.urgent, got


def test_a_pool_of_water_strangers_and_work_under_way_under_a_quoted_report() -> None:
    got = parse("地库B2那边有一滩水好几天了 每次停车都要踩过去 物业能不能来看看")
    assert got.category == "water", got
    text = "「赵哥：二号楼三单元电梯显示屏黑了」\n- - - - - - - - - -\n维保师傅已经在检修了，大概一个小时能好"
    assert parse(text).intent == "progress", parse(text)


def test_a_northern_winter_lift_and_heating_burst() -> None:
    got = parse("2栋1单元电梯把人关里了！！是个老太太，喊半天没人应")
    assert (got.intent, got.category, got.urgent) == ("report", "elevator", True), got
    got = parse("家里地暖分水器接口崩开了，水嗖嗖往外喷，木地板全泡了！！13栋1单元")
    assert (got.intent, got.category, got.urgent) == ("report", "water", True), got


def test_heating_that_will_not_warm_and_a_tree_broken_by_snow_are_faults(rules_alone: None) -> None:
    assert parse("3栋2单元暖气不热，屋里才十四度").intent == "report"
    assert parse("暖气片冰凉").intent == "report"
    assert parse("小树让雪压折了，横在路上 16号楼前").category == "greenery"


def test_news_of_a_person_found_beside_a_task_number_is_progress() -> None:
    got = parse("#18 老太太联系上了，人没事，在她闺女家呢")
    assert (got.intent, list(got.task_refs)) == ("progress", [18]), got


@pytest.mark.parametrize(
    "text", ["外边大马路上的红绿灯又坏了 过马路那些车都不让人", "马路对面工地天天晚上打桩 街道管不管啊", "外面主干道又堵成一锅粥了"]
)
def test_the_citys_roads_are_never_filed_by_the_classifier(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_voice_slips_for_leaks_and_heating() -> None:
    got = parse("楼房楼水了 二单元三楼往下滴答 18号楼")
    assert (got.intent, got.category, got.location.building) == ("report", "water", 18), got
    assert parse("暖器片一点都不热 十一号楼").intent == "report"
    assert parse("5楼水管爆了").category == "water"


@pytest.mark.parametrize("text", ["水暖师傅到了 在楼下关阀门呢", "电梯公司的人到了 正在往外救人 大家别围着"])
def test_whoever_was_sent_at_work_is_progress(text: str) -> None:
    assert parse(text).intent == "progress", parse(text)


def test_numbers_counted_or_told_on_and_a_task_given_up() -> None:
    assert list(parse("104 105 106 三个都是停车的，我一起认了").task_refs) == [104, 105, 106]
    assert list(parse("203、204两个我都跟物业说了，明天来人").task_refs) == [203, 204]
    assert parse("3 4 两个人去了").task_refs == ()
    got = parse("不好意思，78号我接不了了，太专业了，还是让物业来吧")
    assert (got.intent, list(got.task_refs)) == ("progress", [78]), got


def test_an_errand_asked_for_oneself_is_help(rules_alone: None) -> None:
    got = parse("有没有邻居去医院 帮我捎点降压药")
    assert (got.intent, got.category) == ("report", "assistance"), got


def test_a_dog_mess_in_the_lift_is_the_cleaners() -> None:
    got = parse("二十栋电梯里不知道谁家狗拉了一泡 恶心死了 没人管吗")
    assert (got.intent, got.category) == ("report", "sanitation"), got


@pytest.mark.parametrize(
    "text",
    [
        "有没有热心邻居明天上午陪3栋的陈阿姨去人民医院复查？她儿子在外地",
        "各位邻居，我家老人一个人在家，今天到了几箱东西，没人帮抬上楼，11-1-702 谢谢[抱拳]",
    ],
)
def test_going_along_to_hospital_and_carrying_things_up_are_help(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", "assistance"), got


def test_claims_of_going_along_or_taking_two() -> None:
    got = parse("#9和#10我都领了，一起跑一趟")
    assert (got.intent, list(got.task_refs)) == ("claim", [9, 10]), got
    text = "「王姐：11栋有位老人想办老年卡，不会弄」\n------\n我陪她去，明早九点楼下等"
    assert parse(text).intent == "claim", parse(text)
    assert parse("社区发的抗原试剂到现在还没发到我们40栋，别的栋都领了").intent == "report"


def test_an_all_clear_under_an_all_clear_is_chat() -> None:
    text = "「阿强：13栋电梯好了」\n- - - - - - - - - -\n好了就好，前两天爬楼爬得腿都软了😂"
    assert parse(text).intent == "chat", parse(text)


def test_a_fix_under_a_quoted_report_and_a_worker_upstairs_are_progress() -> None:
    text = "「李孃孃：8栋门口那段梯坎缺了一块」\n- - - - - - - - - - -\n已经补好了，水泥还没干，这两天绕一下"
    assert parse(text).intent == "progress", parse(text)
    assert parse("水电师傅已经上楼了，正在拆吊顶找漏点").intent == "progress"


def test_a_small_child_alone_by_an_open_window_is_an_emergency() -> None:
    got = parse("8-2-1101 家里只有个三四岁的娃在阳台上哭，大人不在，窗户还是开的！！")
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got


@pytest.mark.parametrize(
    "text",
    [
        "大家记住：闻到煤气味不要开关电器，先开窗再出门打电话",
        "老家那边发大水了，我爸妈被困在家里，急死我了[流泪]",
        "「王哥：9栋楼道全是烟！」\n------\n问清楚了，是楼下饭馆炒辣椒，虚惊一场[捂脸]",
    ],
)
def test_advice_home_towns_and_scares_that_were_none_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "谁家的狗丢了 黄色的 脖子上有项圈 在3栋楼下转悠呢",
        "谁家丢了只橘猫 在8栋楼下转悠好久了",
        "小区门口那条市政路又在挖 堵死了 烦",
        "国道边上那个垃圾场太臭了 环保局也不管管",
        "老家下暴雨 我妈家一楼全淹了 心疼",
        "楼道灯不亮是今天检修 物业说晚上八点前来电 大家别报了",
        "上门辅导 数学英语 小学初中 有需要联系",
    ],
)
def test_lost_pets_city_roads_home_towns_known_faults_and_ads_are_chat(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_a_thrown_thing_asked_after_with_whose_is_still_a_report() -> None:
    got = parse("谁家往下丢花盆！！！刚砸在8栋门口 还好没砸到人")
    assert (got.intent, got.category) == ("report", "safety"), got


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("领了 #44", [44]),
        ("我报名 #14 周六上午有空", [14]),
        ("我报名 18号任务", [18]),
        ("我可以帮忙 #45 周末有空", [45]),
        ("18号任务我报名 我有车可以接送老人", [18]),
        ("「居民小陈：楼道灯不亮，黑乎乎的」\n------------\n收到 我下班顺路带个灯泡过去", []),
    ],
)
def test_signing_up_for_a_numbered_task_or_bringing_the_part_is_a_claim(text: str, refs: list) -> None:
    got = parse(text)
    assert (got.intent, list(got.task_refs)) == ("claim", refs), got


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("44号任务已完成，45号还在等配件", [44, 45]),
        ("9号任务进展 物业已派人 10号还在等回复", [9, 10]),
        ("@雷书记 38号那个单子已经搞定了", [38]),
    ],
)
def test_a_second_task_after_the_first_and_that_task_are_named(text: str, refs: list) -> None:
    got = parse(text)
    assert (got.intent, list(got.task_refs)) == ("progress", refs), got
    # a day of the month alone is no task
    assert find_refs(normalise("28号还在等快递")) == []


@pytest.mark.parametrize("text", ["南门的自动门夹人，小孩差点被夹到", "小区大门的电动门夹到人了"])
def test_a_gate_shutting_on_people_is_the_gate_not_a_lift(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", "facility"), got
    assert parse("电梯门夹人了").category == "elevator"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("门岗不查码了 外面的人随便进", "epidemic"),
        ("门口卡点今天咋没人了 外来人随便进", "epidemic"),
        ("电瓶车乱停在消防通道上，救护车都开不进来", "safety"),
    ],
)
def test_checkpoints_are_epidemic_and_a_parked_fire_lane_is_safety(text: str, category: str) -> None:
    got = parse(text)
    assert (got.intent, got.category) == ("report", category), got


@pytest.mark.parametrize(
    "text",
    ["交给我吧 我去买药", "那个送菜的我来吧", "这个困人的我来处理", "12号楼漏水那单我来跟", "这活儿我揽了 #19"],
)
def test_a_first_person_claim_opening_or_closing_the_message_is_a_claim(text: str) -> None:
    assert parse(text).intent == "claim", parse(text)
    # (a resident's 电话也不接了 ends with 接了, but nobody takes anything)
    assert parse("物业的维修师傅说好今天来，等了一天都没来，电话也不接了").intent == "report"


def test_an_ambulance_held_up_now_and_a_gas_smell_back_again_are_emergencies() -> None:
    for text in ("有辆车堵在8栋单元门口 救护车进不来！！车主快挪车", "上次说的煤气味又有了 这回比上次还浓 九栋二单元三楼"):
        got = parse(text)
        assert (got.intent, got.urgent) == ("report", True), got
    # a fire lane blocked, and a fire only feared: no emergency
    got = parse("消防通道又被车堵死了 真着火了消防车进不来 车主赶紧挪一下")
    assert (got.intent, got.urgent) == ("report", False), got
    assert parse("我们单位电梯今天关人了 关了半小时 幸亏我走的楼梯").intent == "chat"


def test_out_by_oneself_is_no_emergency_and_a_laugh_turned_serious_is_no_joke() -> None:
    got = parse("我刚才被关在电梯里二十分钟 自己扒门出来的 物业电话打不通 2栋1单元")
    assert (got.intent, got.category, got.urgent) == ("report", "elevator", False), got
    assert parse("哈哈哈不是 真的 楼下在冒烟 1栋 谁家厨房烧糊了吧 味道很大").intent == "report"
    assert parse("哈哈哈 楼下在冒烟 原来是烧烤").intent == "chat"
    assert parse("我去吧 我就住那栋楼").intent == "claim"


def test_someone_in_a_lift_in_a_power_cut_is_an_emergency_and_a_spaced_slash_a_command() -> None:
    got = parse("停电了 9栋电梯里有人 按铃没人应 谁有物业电话")
    assert (got.intent, got.category, got.urgent) == ("report", "elevator", True), got
    assert parse("停电的时候电梯里有人怎么办，物业有应急预案吗？").intent == "chat"
    assert parse("/ 帮助").intent == "command"
    assert parse("/:smile 好的").intent == "chat"


def test_a_scare_of_yesterday_that_ended_well_is_chat_and_an_offer_under_a_request_claims() -> None:
    assert parse("昨天3栋有人被关电梯里半小时，还好消防来得快，人没事").intent == "chat"
    got = parse("7栋电梯关人了 现在已经出来了")
    assert (got.intent, got.urgent) == ("report", False), got
    for offer in ("我可以，周末下午有空", "我有车，明天我陪他去"):
        text = f"「王阿姨：有没有人能陪楼下张爷爷去医院复查」\n- - - - - - - - - -\n{offer}"
        assert parse(text).intent == "claim", parse(text)


@pytest.mark.parametrize(
    "text",
    ["谁把车停在单元门口 担架抬不出来 120在等着呢 快挪车!!! 5栋1单元", "有人在1单元门口烧纸钱，火还没灭，旁边停着好几辆电瓶车！十栋"],
)
def test_a_stretcher_held_up_and_a_fire_not_yet_out_are_emergencies(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.urgent) == ("report", True), got


@pytest.mark.parametrize(
    ("text", "intent", "building"),
    [
        ("dianti huai le 7 dong 1 danyuan", "report", 7),
        ("menjin huai le 10 dong 2 danyuan, shua ka mei fanying", "report", 10),
        ("renling 18", "claim", None),
        ("ok thx", "chat", None),
        ("see you at 5", "chat", None),
    ],
)
def test_a_message_typed_all_in_pinyin_is_read(text: str, intent: str, building: int | None) -> None:
    got = parse(text)
    assert (got.intent, got.location.building) == (intent, building), got
    urgent = parse("dianti guan ren le 6 dong 3 danyuan kuai lai ren")
    assert (urgent.intent, urgent.urgent) == ("report", True), urgent


def test_power_still_off_is_power_and_help_offered_for_a_task_claims() -> None:
    got = parse("现在还停着电呢 都四个小时了 16栋")
    assert (got.intent, got.category) == ("report", "power"), got
    got = parse("我可以帮忙 任务31")
    assert (got.intent, list(got.task_refs)) == ("claim", [31]), got


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("自来水管冻裂了在楼道里呲水，地上快结成冰山了 三号楼一单元", "water"),
        ("楼上卫生间水管冻裂了 水顺着我家墙往下流 灯都不敢开 23-1-502", "water"),
        ("家里一氧化碳报警器响了，孩子说头疼，二号楼三单元", "safety"),
        ("燃气公司说我家管道有漏点叫物业来封，物业到现在不来，一屋子气味 19号楼", "safety"),
    ],
)
def test_winter_emergencies_a_split_pipe_spraying_and_fumes(text: str, category: str) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", category, True), got


def test_winter_near_misses_and_old_numerals() -> None:
    # a split outside pipe down the outer wall, and wind through a broken door, are no emergencies
    got = parse("10号楼的单元门坏了 冷风呼呼往里灌 楼道水管都快冻了")
    assert (got.intent, got.urgent) == ("report", False), got
    got = parse("3号楼外墙的落水管冻裂了，水顺着墙往下流，冻了一墙冰")
    assert (got.intent, got.urgent) == ("report", False), got
    assert parse("水管冻了 热水器也打不着 洗不了澡 咋整啊 廿三栋").location.building == 23
    assert parse("卅一栋的路灯坏了").location.building == 31
    for text, refs in (("这单给我，我明天一早过去", []), ("接单！#9", [9])):
        got = parse(text)
        assert (got.intent, list(got.task_refs)) == ("claim", refs), got


def test_a_light_inside_the_lift_is_the_lifts() -> None:
    got = parse("16栋电梯里的灯不亮，黑乎乎的")
    assert (got.intent, got.category) == ("report", "elevator"), got


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("谁家在烧东西 烟从楼道窗户进来了 呛得我妈一直咳嗽 26号楼", True),
        ("家里的暖气片那里漏水 哗哗的 地板都泡了 我妈一个人在家不知道怎么关阀门 27栋1单元", True),
        # shut in at home by a stopped lift, and a wheelchair kept in by a blocked ramp: no emergency
        ("我们2栋电梯也停了 我妈困在家里下不来 麻烦一起修一下", False),
        ("单元门口那个无障碍坡道被封了 老人坐轮椅出不去 35栋", False),
        ("楼下天天有人摆摊烧烤，烟全往楼上飘，呛得人咳嗽，窗户都不敢开", False),
    ],
)
def test_smoke_choking_and_water_rushing_into_a_home_are_emergencies(text: str, urgent: bool) -> None:
    got = parse(text)
    assert (got.intent, got.urgent) == ("report", urgent), got


@pytest.mark.parametrize(
    ("text", "intent", "category"),
    [
        # a building without a lift is no lift fault
        ("我们这种老房子没电梯 爬六楼 膝盖遭不住了", "chat", None),
        ("有没有人能帮刘阿姨把煤气罐扛上楼 她七十多了 14栋六楼 没电梯", "report", "assistance"),
        # building without leave is "other"
        ("一楼商户私自扩建雨棚占了人行道 8栋底商", "report", "other"),
        ("5栋有人在露台加盖了一层 钢结构都立起来了 这是明目张胆的违章建筑", "report", "other"),
        # taken to hospital already: news, not a call for help
        ("刚才救护车是来接21栋那个老太太的 她儿子陪着去了 已经在医院了", "chat", None),
        ("我有车 周五送黄阿姨去医院这个活我来", "claim", None),
    ],
)
def test_no_lift_building_without_leave_and_a_trip_to_hospital(
    text: str, intent: str, category: str | None
) -> None:
    got = parse(text)
    assert (got.intent, got.category) == (intent, category), got


@pytest.mark.parametrize(
    "text",
    [
        "楼道里的消防水管被装修的撞裂了 水流了一地往楼下淌 1号楼3单元5楼",
        "漏水啦漏水啦 楼上的水正在往下浇 我家电脑都湿了 快联系1503 5栋2单元",
        "楼上正在拆窗户 玻璃碴子一直往下掉！！下面有人在走 13栋南面",
    ],
)
def test_renovation_emergencies(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.urgent) == ("report", True), got
    frozen = parse("1号楼北边下水管冻裂了 流了一地都结冰了 早上滑倒俩人")
    assert (frozen.intent, frozen.urgent) == ("report", False), frozen


def test_wo_qu_of_surprise_is_no_claim_and_a_blocked_fire_lane_is_safety() -> None:
    got = parse("我去，谁把车停在我家车位上还拉了手刹，推都推不动，40栋地库")
    assert (got.intent, got.category) == ("report", "parking"), got
    assert parse("我去，这个我来跟").intent == "claim"
    got = parse("消防通道被那辆白色面包车堵了一个星期了，13栋后面")
    assert (got.intent, got.category) == ("report", "safety"), got


@pytest.mark.parametrize(
    ("text", "building", "unit"),
    [
        ("17栋电梯坏了 哦不对 是18栋，我看错了", 18, None),
        ("不是1栋，是11栋！刚才少打了一个1 11栋电梯还是坏的", 11, None),
        ("3栋电梯困人 不对 是4栋 4栋2单元 我在现场", 4, 2),
        ("老公刚说我们这栋是3栋 其实是13栋 13栋地下室有积水 蚊子好多", 13, None),
    ],
)
def test_a_message_correcting_its_building_is_read_at_the_one_meant(
    text: str, building: int, unit: int | None
) -> None:
    got = parse(text)
    assert (got.intent, got.location.building, got.location.unit) == ("report", building, unit), got


def test_a_correction_of_the_fault_itself_is_still_a_false_alarm() -> None:
    assert parse("5栋电梯没坏，我看错了").intent == "chat"


def test_thanks_then_another_a_new_problem_and_a_lift_twenty_minutes_on() -> None:
    got = parse("感谢昨天帮忙搬东西的小伙子们🙏 另外10栋楼下那盏路灯闪了一个星期了")
    assert (got.intent, got.category, got.location.building) == ("report", "power", 10), got
    got = parse("人还在电梯里 已经二十分钟了 24栋2单元 物业到底来不来")
    assert (got.intent, got.urgent) == ("report", True), got
    for text in ("停车场有人偷油 我的车油箱盖被撬了 地库B区", "半夜小区里有人偷车牌？我车牌没了 车停在39栋门口"):
        got = parse(text)
        assert (got.intent, got.category) == ("report", "safety"), got


@pytest.mark.parametrize(
    "text",
    [
        "煤气！！！！16栋",
        "烟！！！39栋 楼梯间",
        "不是演习！！！真着火了 10栋二单元12楼 大家快下楼",
        "楼上有人把菜刀扔下来了！！！就落在21栋门口，人没事但是吓死了",
        "好像有瓦斯的味道 很重 25栋2单元 紧来看一下",
        "爆水喉啊！7-1-302门口水浸到成条走廊，快啲嚟关总掣",
    ],
)
def test_shouted_dangers_a_denied_drill_and_southern_speech_are_emergencies(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.urgent) == ("report", True), got


def test_a_what_if_fire_and_southern_claims() -> None:
    got = parse("消防通道又被私家车堵死了，真着火了消防车都进不来")
    assert (got.intent, got.urgent) == ("report", False), got
    for text in ("呢单交畀我", "交给阮处理就好 免烦恼"):
        assert parse(text).intent == "claim", parse(text)
    got = parse("厝内无水啦 早上到现在都无水 15栋 是按怎")
    assert (got.intent, got.category) == ("report", "water"), got
    assert parse("被困在家改方案三天了 下楼看看花园都成奢侈[捂脸]").intent == "chat"


def test_a_day_of_the_month_is_no_task_and_drain_smell_is_no_gas() -> None:
    got = parse("19号上午停电检修，大家记得提前充好手机")
    assert (got.intent, got.task_refs) == ("chat", ()), got
    got = parse("12号 今天下午去修")
    assert (got.intent, got.task_refs) == ("progress", (12,)), got
    got = parse("厨房下水一股臭鸡蛋味 是不是存水弯干了 2-1-101")
    assert (got.intent, got.category, got.urgent) == ("report", "water", False), got
    got = parse("家里一股臭鸡蛋味 5栋")
    assert (got.category, got.urgent) == ("safety", True), got


@pytest.mark.parametrize(
    "text",
    [
        "水管冻裂了 厨房地上一层水 还在流 阀门关不住 3栋1单元",
        "楼上往下漏水 水哗哗的 客厅吊顶塌了一块 人家不在家电话也不接 35栋1单元1102 急急急",
    ],
)
def test_water_still_running_or_bringing_a_ceiling_down_is_an_emergency(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", "water", True), got


@pytest.mark.parametrize(
    "text",
    [
        "8栋1302的空调外机已经掉了一半，吊在半空晃来晃去，楼下还有人走过，快拉警戒线！",
        "窗户被风吹爆了！！玻璃往楼下掉，6-1-1502",
        "十栋二单元楼道里一股烟味 越来越呛 不知道谁家烤东西烤着了 快看看",
    ],
)
def test_something_swinging_or_falling_over_people_and_smoke_getting_worse_are_emergencies(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got


def test_a_branch_swinging_or_a_smokers_smoke_is_no_emergency() -> None:
    assert not parse("大雪把中心花园的树枝压断了，挂在半空中晃荡").urgent
    assert not parse("楼下天天有人抽烟 烟味越来越大 3栋").urgent


def test_after_the_water_went_down_is_when_not_an_all_clear() -> None:
    got = parse("车库水退了之后一股霉臭味，熏死人")
    assert (got.intent, got.category) == ("report", "sanitation"), got
    assert parse("水已经退了，大家放心").intent == "chat"


def test_a_claim_after_saying_who_one_is() -> None:
    for text in ("我系党员，呢单我嚟搞掂", "我是党员小李，这单我来"):
        assert parse(text).intent == "claim", parse(text)
    assert parse("我是党员 周末可以免费给初中生辅导数学 有需要的私聊").intent == "chat"
    assert parse("我系统坏了").intent == "chat"


def test_stuck_in_work_or_a_monday_is_a_joke_but_not_in_a_lift_after_work() -> None:
    for text in ("我被困在这个周一里出不来了", "被困在加班里出不来了[苦涩]"):
        got = parse(text)
        assert (got.intent, got.urgent) == ("chat", False), got
    got = parse("我被困在电梯里了加班回来5栋")
    assert (got.intent, got.category, got.urgent) == ("report", "elevator", True), got


def test_a_bare_call_for_help_is_a_danger_of_no_kind_guessed() -> None:
    for text in ("快来人啊", "来人啊！！ 5栋", "有人吗 快来人"):
        got = parse(text)
        assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got
    got = parse("快来人管管啊")
    assert (got.intent, got.category, got.urgent) == ("report", "other", False), got
    got = parse("快来人啊 电梯困人了")
    assert (got.category, got.urgent) == ("elevator", True), got


def test_one_said_aloud_and_numbers_side_by_side() -> None:
    got = parse("点梯关人了快来人啊幺栋一单元我孙子在里面😭😭😭")
    assert (got.category, got.location.building, got.location.unit, got.urgent) == ("elevator", 1, 1, True)
    assert parse("幺幺栋电梯按钮掉了一个 按五楼那个").location.building == 11
    assert parse("我那个幺儿子过年回来不").intent == "chat"
    got = parse("7号 8号我都认领")
    assert (got.intent, got.task_refs) == ("claim", (7, 8)), got
    got = parse("18号19号都换好了 顺便把3楼那盏也换了")
    assert (got.intent, got.task_refs) == ("progress", (18, 19)), got
    assert parse("5号 6号我不在家 快递放门口").task_refs == ()


def test_a_claim_after_calling_to_someone_or_naming_the_thing_first() -> None:
    got = parse("「刘奶奶：谁能帮我把米扛上楼 我住7楼」\n- - - - - - - -\n奶奶我马上到[抱拳]")
    assert got.intent == "claim", got
    assert parse("那个三号楼的灯我来弄吧我下午有空正好顺路带个灯泡过去").intent == "claim"


def test_a_slip_and_a_figure_of_speech() -> None:
    got = parse("物叶你们管不管 楼上天天漏睡到我家天花板都黄了 十栋")
    assert (got.intent, got.category, got.location.building) == ("report", "water", 10), got
    assert parse("年会抽奖我又是参与奖，运气被电梯带到负一楼了").intent == "chat"
    assert parse("这只股票着火了，一开盘就涨停").intent == "chat"
    got = parse("电梯困人了 我吓得脑子都停电了 5栋")
    assert (got.category, got.urgent) == ("elevator", True), got


def test_yesterday_in_northern_speech_and_a_laugh_that_says_where() -> None:
    got = parse("夜儿个晚上有人从楼上扔了一袋垃圾下来，差点砸着人，十栋")
    assert (got.intent, got.urgent) == ("report", False), got
    got = parse("哈哈我被电梯关住了，8栋1单元，谁帮我打个维保电话，有点闷")
    assert (got.category, got.urgent) == ("elevator", True), got
    assert parse("哈哈 电梯又困住我了 开玩笑的").intent == "chat"
    got = parse("气得我冒烟！！！楼下饭店的油烟天天往我家飘，11栋")
    assert (got.intent, got.urgent) == ("report", False), got
    got = parse("#5 #6 俺都包了")
    assert (got.intent, got.task_refs) == ("claim", (5, 6)), got
    assert parse("年货都包了饺子").intent == "chat"


def test_power_or_water_promised_back_and_still_off() -> None:
    got = parse("说好今天下午3点来电，现在都5点了还黑着，5号楼")
    assert (got.intent, got.category) == ("report", "power"), got
    assert parse("明天来电，大家放心").intent == "chat"


def test_a_cry_for_help_over_a_rat_is_no_emergency_but_over_a_person_is() -> None:
    got = parse("救命！！！楼道里有只好大的老鼠！！！8栋1单元")
    assert (got.intent, got.category, got.urgent) == ("report", "sanitation", False), got
    got = parse("救命 有人晕倒了 5栋")
    assert (got.intent, got.urgent) == ("report", True), got


@pytest.mark.parametrize(
    "text",
    [
        "我妈突然说话不清楚、半边手没力气，像是中风，我在外地，她在18栋1单元，谁在家赶紧去看看！",
        "我爷爷在家突然吐血了，救护车还没到，家里就我一个学生，谁能过来帮忙！3-1-201",
        "十五栋的聋哑阿姨在楼下捂着肚子蹲在地上，疼得直冒冷汗，谁来帮帮她",
    ],
)
def test_sudden_illness_now_is_an_emergency(text: str) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == ("report", "assistance", True), got


def test_asking_whether_someone_took_it_is_no_claim() -> None:
    for text in ("我昨天报的那个楼道灯，有人接了吗？", "这个单子有人接了没"):
        assert parse(text).intent == "chat", parse(text)
    got = parse("#3 我接了")
    assert (got.intent, got.task_refs) == ("claim", (3,)), got


def test_a_cry_over_a_drip_or_a_dark_stairwell_is_no_emergency_but_over_a_flood_is() -> None:
    for text in ("快来人啊！！楼道里的水管接头一直滴滴答答，地上一小滩水",
                 "救命啊，2栋楼道灯又不亮了，黑灯瞎火的"):
        got = parse(text)
        assert (got.intent, got.urgent) == ("report", False), (text, got)
    got = parse("水管报了 楼到里水哗哗的淌 快来人 2栋1单元")
    assert (got.intent, got.category, got.urgent) == ("report", "water", True), got
    got = parse("我妈说家里马桶一直漏水哗哗响关不住，麻烦物业师傅去看看 1栋")
    assert (got.intent, got.category, got.urgent) == ("report", "water", False), got


def test_smoke_at_a_door_nobody_answers_is_an_emergency() -> None:
    got = parse("楼道里好大的烟味 像是哪家烧着东西了 一单元的 二十一栋 我去敲门没人应")
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got


def test_the_lift_light_power_that_comes_and_goes_and_firecrackers_that_wake_people() -> None:
    assert parse("电梯里的灯一闪一闪的 跟鬼片似的 20栋2单元").category == "elevator"
    assert parse("来电了又停，停了又来，到底咋回事啊，20栋").category == "power"
    got = parse("大半夜有人在楼下放鞭炮 把孩子吓醒了 哭到现在")
    assert (got.intent, got.category) == ("report", "noise"), got


def test_wires_reconnected_gossip_and_a_recommendation_are_no_claim_or_report() -> None:
    got = parse("18号任务已完成 电工老张弄好的 线路都重新接了")
    assert (got.intent, got.task_refs) == ("progress", (18,)), got
    got = parse("#7 #9 我都能去")
    assert (got.intent, got.task_refs) == ("claim", (7, 9)), got
    assert parse("八卦一下，12栋那对天天吵架的和好了没[吃瓜]").intent == "chat"
    assert parse("推荐个靠谱的开锁师傅，上次我被锁外面就是他开的，十分钟搞定").intent == "chat"


def test_the_matter_after_greetings_and_a_leak_heard_in_the_wall() -> None:
    got = parse("书记你好 我是七栋的老周 先说声辛苦了 上回你们送来的月饼收到了 好吃 今天想说个事 "
                "我们七栋电梯按钮按了没反应。。。两天了 要走楼梯")
    assert (got.intent, got.category, got.location.building) == ("report", "elevator", 7), got
    got = parse("楼道墙里头有水声 墙皮都鼓起来了 二十二栋三单元")
    assert (got.intent, got.category) == ("report", "water"), got


def test_a_wet_floor_is_no_flood_unless_water_pours() -> None:
    for text in ("架空层地面全是水,小孩在那玩容易滑倒", "楼上空调冷凝管漏水，滴得我家窗台全是水还渗进墙里了 7栋1单元"):
        got = parse(text)
        assert (got.intent, got.category, got.urgent) == ("report", "water", False), (text, got)
    got = parse("水管爆了！水一直往外喷，楼道里全是水，8栋3单元")
    assert (got.intent, got.urgent) == ("report", True), got
    got = parse("家里地上全是水 越来越多 不晓得哪里爆了 20-1-702")
    assert (got.intent, got.urgent) == ("report", True), got


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("认领！！7号", "claim", (7,)),
        ("十九号分给我吧，水电我在行", "claim", (19,)),
        ("@雷书记 二十五号我来负责", "claim", (25,)),
        ("12号：维保说配件要等两天才到", "progress", (12,)),
        ("三十一号进展：已联系自来水公司，明天上午来人", "progress", (31,)),
    ],
)
def test_task_numbers_in_chinese_after_a_mention_or_headed_by_a_colon(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == (intent, refs), got


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("我去，刚才那个闪电正好劈在对面山上，被我拍下来了⚡", "chat", ()),
        ("#40 认了", "claim", (40,)),
        ("我和我老公一起去，这个任务算我们的", "claim", ()),
        ("我报名这个任务，我离得最近", "claim", ()),
        ("@王书记 上次#12修的那个电梯今天又不动了，二单元的，19号楼", "report", ()),
        ("张师傅手艺真好，我家水龙头十分钟就给搞定了👍", "chat", ()),
        ("好人好事👍 7栋的小伙子每天帮对门瘫痪的大爷倒垃圾，坚持一年了", "chat", ()),
        ("「刘阿姨：谁方便帮忙去看看8栋的周奶奶」\n- - - - - - - - - - - - - -\n我现在就过去，五分钟到", "claim", ()),
    ],
)
def test_surprise_praise_a_fault_back_and_claims_said_other_ways(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == (intent, refs), got


def test_broken_glass_that_keeps_falling_is_an_emergency() -> None:
    got = parse("5栋高层有扇窗户被风吹爆了，碎玻璃一直往下掉，楼下千万别走！")
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got


@pytest.mark.parametrize(
    ("text", "intent", "category", "urgent", "refs"),
    [
        ("地下车库角落有人随地大小便，那味儿冲得人头晕", "report", "sanitation", False, ()),
        ("我去我去，我就住隔壁单元", "claim", None, False, ()),
        ("wo lai ren ling 18 输入法坏了", "claim", None, False, (18,)),
        ("楼道里好大的烟味 不知道谁家着了 2-2的 大家快下楼！！", "report", "safety", True, ()),
        ("半夜被燃气报警器吵醒，是隔壁家的，一直滴滴叫，敲门没人应，12栋3单元", "report", "safety", True, ()),
        ("演习！演习！刚才的警报是演习，大家不用下楼", "chat", None, False, ()),
        ("ok 我知道了", "chat", None, False, ()),
    ],
)
def test_filth_pinyin_openings_calls_to_get_out_and_gas_alarms(
    text: str, intent: str, category: str | None, urgent: bool, refs: tuple[int, ...]
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent, got.task_refs) == (intent, category, urgent, refs), got


def test_two_buildings_are_no_building_two_and_water_thrown_down_is_a_report() -> None:
    got = parse("两栋楼中间的路灯全坏了，晚上走路黑麻麻的，老婆婆都不敢出门")
    assert (got.intent, got.category, got.location.building) == ("report", "power", None), got
    assert parse("二栋电梯坏了").location.building == 2
    got = parse("15栋有人天天往楼下倒水")
    assert (got.intent, got.category, got.location.building) == ("report", "safety", 15), got


@pytest.mark.parametrize(
    ("text", "category", "urgent", "building"),
    [
        ("不对不对，刚才打错了，是5栋电梯坏了，不是3栋", "elevator", False, 5),
        ("刚才说的十六栋应该是六栋，打字打快了，六栋门口垃圾堆成山了", "sanitation", False, 6),
        ("「张阿姨：好像闻到煤气味」\n- - - - - - - - - -\n我也闻到了，1栋3单元六楼最明显", "safety", True, 1),
        ("「赵姐：电梯困人了」\n- - - - - - - - - - - - - - -\n在3栋1单元！！已经打了119，物业快来", "elevator", True, 3),
        ("「小王：车位被占」\n- - - - - - - -\n我也是！3栋地库，已经第三回了", "parking", False, 3),
        ("停气检修后重新点火，我家灶台那里有漏气的味道[流泪] 20-1", "safety", True, 20),
        ("楼顶施工的工人正往下扔碎砖头，下面就是人行道，有人在走！", "safety", True, None),
    ],
)
def test_corrections_replies_that_place_a_quoted_report_and_dangers_told_plainly(
    text: str, category: str, urgent: bool, building: int | None
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent, got.location.building) == (
        "report", category, urgent, building), got


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("「小美：有人听到半夜的怪声吗」\n- - - - - - - - - - - - - - - - - - - -\n我也听到了，不过今天早上就没了", "chat"),
        ("谢谢5栋的阿姨今天帮我接了孩子，改天请你吃饭❤️", "chat"),
        ("我报名！给孩子们修自行车那个任务我来，我会修", "claim"),
        ("@雷书记 停电那个单子我来接", "claim"),
    ],
)
def test_fetching_a_child_is_no_claim_and_that_task_i_take_is(text: str, intent: str) -> None:
    assert parse(text).intent == intent, parse(text)


def test_the_first_report_stands_before_an_aside_and_asking_how_to_claim_is_no_claim() -> None:
    got = parse("8栋门口垃圾桶三天没人倒了，苍蝇乱飞，顺便说一句旁边路灯也坏了")
    assert (got.intent, got.category, got.location.building) == ("report", "sanitation", 8), got
    got = parse("寻物启事没人理，那顺便说一下 南门的门禁又坏了")
    assert (got.intent, got.category) == ("report", "facility"), got
    assert parse("问一下，认领任务是直接回复“我来”就行吗？").intent == "chat"


@pytest.mark.parametrize(
    ("text", "intent", "category", "urgent"),
    [
        ("中心花园的喷灌管子裂了，一直在往外冒水，好浪费", "report", "water", False),
        ("有人在绿化带里烧纸，火挺大的，旁边就停着车", "report", "safety", True),
        ("楼下有人办酒席，放鞭炮放了半个钟头，耳朵都要震聋了，十九栋", "report", "noise", False),
        ("我接这个单，俺家那口子是电工", "claim", None, False),
    ],
)
def test_a_sprinkler_a_big_fire_firecrackers_that_deafen_and_taking_this_job(
    text: str, intent: str, category: str | None, urgent: bool
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == (intent, category, urgent), got


def test_thanks_for_a_named_claim_and_a_reminder_about_claims_are_no_claim() -> None:
    got = parse("感谢老张认领了#12，大家就不要重复认领了哈")
    assert (got.intent, got.task_refs) == ("chat", (12,)), got
    assert parse("提醒：认领了任务的同志，完成后记得在群里发“#编号 已完成”，方便统计").intent == "chat"
    got = parse("谢谢大家，#12我认领了")
    assert (got.intent, got.task_refs) == ("claim", (12,)), got


@pytest.mark.parametrize(
    ("text", "intent", "category", "urgent"),
    [
        ("7栋地下室的水管冻裂了，水漫出来都淹到储藏室了", "report", "water", True),
        ("一楼的水管冻裂了，在慢慢滴水，3栋", "report", "water", False),
        ("煤起味好大 十四栋二单元楼到里全是 不知道谁家的", "report", "safety", True),
        ("3-1-602的跌倒报警器一直在响，敲门没人开，老人是一个人住的", "report", "assistance", True),
        ("陈爷爷说话突然含含糊糊的，嘴也歪了，怕是中风", "report", "assistance", True),
        ("四栋一单元电梯卡在5楼不动了，里面是去医院复查的王爷爷和他女儿", "report", "elevator", True),
        ("九号楼突然停电了，我爸在用制氧机，急！！", "report", "power", True),
        ("停电了，9号楼，家里有制氧机的老人怎么办", "report", "power", False),
        ("120进不来！！19栋门口消防通道被私家车堵死了，病人还在楼上等着", "report", "safety", True),
        ("救命！！！", "report", "safety", True),
        ("感冒好几天了，嗓子疼得说不出话", "chat", None, False),
        ("音响没电了 谁家有充电宝 广场上都等着呢", "chat", None, False),
        ("救命😂", "chat", None, False),
        ("辅导作业辅导到心脏骤停，鸡兔同笼我自己都算懵了，救命😂", "chat", None, False),
        ("十二栋李大爷降压药吃完了 儿女都在外地 谁去药店方便帮买一盒", "report", "assistance", False),
        ("楼道里一群小孩跑来跑去尖叫，闹了一个多钟了，4栋1单元", "report", "noise", False),
        ("天花板哗哗往下漏水！！！楼上没人在家，电话也打不通，急急急 9栋", "report", "water", True),
        ("4栋外墙那根排水管裂了 楼上一洗衣服就往下哗哗流", "report", "water", False),
        ("2栋单元门口有人在烧纸，烟都飘进楼道了", "report", "safety", True),
        ("4栋2单元那户人家隔三差五在楼道里烧纸，烟熏火燎的，出事怎么办", "report", "safety", False),
        ("8栋楼道灯进水了，一闪一闪嘅", "report", "power", False),
        ("有人在电梯里抽烟！！一进去烟味熏死人 10号楼", "report", "sanitation", False),
        ("有个陌生人这几天一直在地下车库转，见到车就拉车门", "report", "safety", False),
        ("地库入口水浸，水已经漫到B区车位，车都要浸了，快点开抽水泵！！", "report", "water", True),
        ("消防通道被一辆白色SUV堵死了，消防车现在就在外面进不来！！五栋", "report", "safety", True),
        ("消防通道又被车堵死了，真着火了消防车都进不来", "report", "safety", False),
        ("水箱间那边一直有漏水的声音，嘶嘶的，十七栋地下室", "report", "water", False),
        ("隔壁一直嘶嘶响，还有股臭鸡蛋味", "report", "safety", True),
        ("我差点就打119了，结果一看是对面楼在烧烤😂", "chat", None, False),
        ("刚才是谁在喊“着火了”？我下楼转了一圈啥也没有啊", "chat", None, False),
    ],
)
def test_burst_pipes_care_alarms_oxygen_at_a_power_cut_burning_and_figures_of_speech(
    text: str, intent: str, category: str | None, urgent: bool
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == (intent, category, urgent), got


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("48号 楼道灯换好了，49号明天弄", "progress", (48, 49)),
        ("#11 120已经把人接走了，家属跟去医院了", "progress", (11,)),
        ("我报名陪诊，任务#40", "claim", (40,)),
        ("我也来一个，#36 上门陪聊", "claim", (36,)),
        ("谢谢认领#7的邻居[强]", "chat", (7,)),
        ("#12 是谁认领的啊，怎么还没动静", "chat", (12,)),
        ("我也想认领一只小猫😂", "chat", ()),
        ("党员看到了会认领，修好了会在群里说", "chat", ()),
        ("𠊎来认领", "claim", ()),
        ("@李书记 23号任务转我吧，我离得近", "claim", (23,)),
        ("我领这个任务，有消息在群里说", "claim", ()),
        ("「刘姐：我妈腿摔了不方便出门，谁能帮忙去药店买点降压药」\n- - - - - - - - - -\n我等会儿正要去药店，我帮带",
         "claim", ()),
        ("@刘姐 你明天去还是我去？", "chat", ()),
        ("谁明天下午有空陪我去看看独居的几位老人？", "chat", ()),
        ("好家伙，一个上午任务全被认领完了，大家手太快了", "chat", ()),
        ("请问认领了之后做不完怎么办", "chat", ()),
        ("谁来认领一下 #12 啊，好几天了", "chat", (12,)),
        ("算我一个，#40", "claim", (40,)),
        ("「李姐：有人拼团买榴莲吗」\n- - - - - - - -\n算我一个[呲牙]", "chat", ()),
        ("我接这个活，周末带工具过去修", "claim", ()),
        ("秘书，那个认领任务是咋弄的，我也想参加", "chat", ()),
        ("党员认领任务有积分吗", "chat", ()),
        ("请问第9号任务是啥内容", "chat", (9,)),
    ],
)
def test_claims_by_sign_up_or_hand_over_questions_about_claiming_and_task_numbers(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == (intent, refs), got


def test_a_thing_named_and_nothing_wrong_is_no_report_when_the_linear_classifier_says_chat() -> None:
    # The naive Bayes alone is sure of a report here (尾号 of a licence plate by a fire lane).
    got = parse("12栋1单元有人收到我的快递吗，单号尾号3345")
    assert got.intent == "chat", got


def test_a_building_typed_as_a_homophone_of_dong() -> None:
    assert parse("电梯困人了 5懂1单元 两个人在里面").location.building == 5


@pytest.mark.parametrize(
    ("text", "intent", "category"),
    [
        ("昨晚风大 中心花园那棵老杨树刮歪了 斜靠在围墙上 看着要倒", "report", "greenery"),
        ("@物业小刘 7栋店题又停了 买菜回来提着一兜子菜爬六楼", "report", "elevator"),
        ("从北门到菜市场那条路结冰了，谁能撒点盐或者铺点东西", "report", "facility"),
        ("外地回来过年的车把小区路都停满了，3栋门口车都出不去", "report", "parking"),
        ("科普一下：一氧化碳是没有味道的，光靠鼻子闻不出来，装个报警器最保险", "chat", None),
        ("冬天路面结冰，老人出门注意防滑哦", "chat", None),
        ("9栋前面的银杏叶子都黄了，拍照很好看", "chat", None),
        ("3号楼满意", "chat", None),
        ("「刘姐：今天谁去跳舞」\n- - - - - - - - - - -\n我去 等我吃完饭", "chat", None),
        ("「王姐：周六哪个去赶场」\n- - - - - - - -\n我去我去，算我一个", "chat", None),
        ("「李姐：谁能帮忙去药店买点降压药」\n- - - - - - - -\n我去", "claim", None),
    ],
)
def test_trees_by_kind_ice_cars_filling_a_road_tips_and_joining_an_outing(
    text: str, intent: str, category: str | None
) -> None:
    got = parse(text)
    assert (got.intent, got.category) == (intent, category), got


@pytest.mark.parametrize("text", ["#3 和 #4 我一起领了", "#33 我和老张一起去，算我俩认领的"])
def test_taking_two_tasks_or_taking_one_together(text: str) -> None:
    assert parse(text).intent == "claim"


@pytest.mark.parametrize(
    ("text", "intent", "category", "urgent"),
    [
        ("跟大家说一下哈，9栋3单元五楼走廊有点烟，闻着像塑料烧焦，不知道哪家的", "report", "safety", True),
        ("跟大家讲声，江边步道那里有个小朋友掉下水了，我已经下去拉住他，麻烦过来帮手", "report", "safety", True),
        ("有冇人可以帮下手，我阿妈喺屋企中暑咗，头晕呕吐，我喺公司赶唔返，17栋2单元", "report", "assistance", True),
        ("热得我快中暑了，头晕眼花", "chat", None, False),
        ("东门人脸识别又坏了 一堆人堵门口进不去", "report", "facility", False),
        ("那个五东一单元的电梯又怀了 门关不上", "report", "elevator", False),
    ],
)
def test_smoke_in_a_corridor_a_child_in_the_river_heat_stroke_and_cantonese(
    text: str, intent: str, category: str | None, urgent: bool
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == (intent, category, urgent), got


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("#12 什么时候能修好啊，都等好几天了", "chat", (12,)),
        ("#30还要多久啊 等得花都谢了", "chat", (30,)),
        ("第15个任务是谁负责的呀", "chat", (15,)),
        ("谢谢 #12 的志愿者，灯修得真快", "chat", (12,)),
        ("#19 那个是我报的，谢谢你们这么快处理", "chat", (19,)),
        ("#25 已经修好了，谢谢物业王师傅", "progress", (25,)),
        ("谢谢大家，#9 已经修好，请业主验收", "progress", (9,)),
        ("rl 9", "claim", (9,)),
        ("@张姐 你那个12号要是忙不过来就给我吧，我接手", "claim", (12,)),
        ("这个任务算我的，明早就去", "claim", ()),
        ("「阿强：5栋门口下水道塞咗」\n- - - - - - - -\n交俾我啦", "claim", ()),
    ],
)
def test_asking_after_a_task_thanking_for_one_and_taking_one_over(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == (intent, refs), got


Q = "\n- - - - - - - - - -\n"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (f"「李阿姨：三栋二单元502的刘爷爷要去市一院复查，周四上午，家里没人陪」{Q}我周四调休，我陪刘爷爷去[OK]", "claim"),
        (f"「王哥：我妈不会用智能手机，养老金认证弄不来，有没有懂的邻居帮一下」{Q}我会弄这个，我下班过去，发个门牌号给我",
         "claim"),
        (f"「社区小周：二十一栋的孙奶奶腿脚不方便，能不能每周有人帮她买次菜」{Q}这周的菜已经送过去了，下周继续", "progress"),
        (f"「李阿姨：三栋二单元502的刘爷爷要去市一院复查，周四上午，家里没人陪」{Q}已经陪刘爷爷看完回来了，医生说恢复得不错",
         "progress"),
        (f"「张姐：6栋的张奶奶一个人住，降压药吃完了」{Q}药送到了，奶奶挺好的，还非要塞给我俩苹果😂", "progress"),
        ("这个任务我领了，周三我请半天假陪爷爷去医院", "claim"),
        ("接单接单😄 #33", "claim"),
        ("志愿者群规：认领任务后请在24小时内联系老人，完成后在群里回复任务号", "chat"),
        ("大家要认领任务的话回复“认领+编号”就行，别光发个我来，机器人看不懂", "chat"),
        ("老杨今天一直没开门，平时早上六点就下楼遛弯的，我有点慌，他家是2-1-602", "report"),
        ("今天門口量體溫的都沒人在，也沒有登記，這樣可以嗎", "report"),
        ("东北老家零下三十度，暖气管都冻爆了，还是这边暖和", "chat"),
    ],
)
def test_errands_taken_and_done_under_a_quote_group_rules_and_a_neighbour_not_seen(
    text: str, intent: str
) -> None:
    assert parse(text).intent == intent, parse(text)


def test_a_lift_that_will_not_move_is_no_person_who_will_not() -> None:
    got = parse("二十一栋那电梯又趴窝了，嘎嘎响完就不动弹了，整得我爬了十八楼，赶紧找人瞅瞅吧")
    assert (got.category, got.urgent) == ("elevator", False), got
    got = parse("11号楼楼道里有个老大爷躺地上不动弹了，叫也不应，快来人")
    assert (got.category, got.urgent) == ("assistance", True), got


@pytest.mark.parametrize(
    ("text", "intent", "category", "urgent"),
    [
        ("我妈晚上要用腹透机，现在停电机器停了，一直在报警响，求助！！11栋1单元", "report", "power", True),
        ("家里进蛇了！！在厨房柜子底下，我抱着孩子在门外，3栋1单元602，求助", "report", "safety", True),
        ("马蜂窝被小孩捅了，一群马蜂在追人，好几个人被蛰了，就在儿童游乐场那边", "report", "safety", True),
        ("隔壁两家为狗叫的事打起来了，有人头破了在流血，快来人 3号楼二单元", "report", "safety", True),
        ("今天孩子回来说学校门口有两个家长为了抢车位打起来了 我的天", "chat", None, False),
        ("这天热的，感觉整个小区都要着火了🔥🔥🔥", "chat", None, False),
        ("谁还记得零八年那场大雪 小区里的树压断了一大半", "chat", None, False),
        ("谁家的狗从早嚎到晚，8栋1单元，估计主人上班去了，狗一直叫", "report", "noise", False),
    ],
)
def test_life_support_at_a_power_cut_snakes_at_home_wasps_fights_and_figures_of_speech(
    text: str, intent: str, category: str | None, urgent: bool
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == (intent, category, urgent), got


def test_joining_the_help_a_quoted_report_asks_for_is_a_claim() -> None:
    quoted = "「小周：电梯一停，八楼的王阿姨今天要去医院复查下不来，有没有年轻人帮忙背一下？」\n- - - - - - - -\n"
    assert parse(quoted + "算我一个，我力气大[呲牙]").intent == "claim"
    assert parse("「李姐：有人拼团买榴莲吗」\n- - - - - - - -\n算我一个[呲牙]").intent == "chat"


@pytest.mark.parametrize(
    ("text", "intent", "category", "urgent"),
    [
        ("麻烦大家帮忙叫一下物业，我在19栋2单元电梯里，卡在7楼和8楼之间了，暂时还好不用担心", "report", "elevator", True),
        ("楼上刷油漆那个味道太冲了，门窗关着都熏得头晕", "report", "sanitation", False),
        ("燃气好像邪露了，一进单元门就闻到，15栋三单元", "report", "safety", True),
        ("南门的消火栓被车撞歪了，盖子都掉了", "report", "safety", False),
        ("领", "claim", None, False),
        ("接 #7", "claim", None, False),
        ("「居委会小助手：新任务：3栋电梯故障」\n- - - - - - -\n我", "claim", None, False),
        ("「张姐：今天社区发的鸡蛋领了没」\n- - - - -\n领了", "chat", None, False),
        ("「李阿姨：北门消防车道又被摆摊的占了」\n- - - - - - -\n已经劝离了，城管也来了", "progress", None, False),
        ("「居委会小助手：新任务：电梯异响」\n- - - - - - -\n跟大家汇报一下，维保公司的师傅下午已经来看过了，异响基本没有了",
         "progress", None, False),
    ],
)
def test_calm_people_in_a_lift_paint_fumes_slips_bare_claims_and_reports_back(
    text: str, intent: str, category: str | None, urgent: bool
) -> None:
    got = parse(text)
    assert (got.intent, got.category, got.urgent) == (intent, category, urgent), got


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("#11 算我一个，我跟老张一起去", "claim", (11,)),
        ("党员同志们注意：看到任务后回复“认领+编号”就算接单了，处理好了发“#编号 已完成”。", "chat", ()),
        ("我不是党员可以认领任务不", "chat", ()),
        ("请问党员认领任务以后多久要办完啊？", "chat", ()),
        ("我试了下发 认领 俩字，它没理我", "chat", ()),
        ("好奇问一下，上个月那个#5最后是谁修好的", "chat", (5,)),
        ("「张姐：楼下烧东西好大的烟」\n- - - - - - - - -\n是烧纸，每年都这样，不用担心", "chat", ()),
    ],
)
def test_joining_a_task_rules_on_claiming_and_who_fixed_one(text: str, intent: str, refs: tuple[int, ...]) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == (intent, refs), got


def test_a_lift_stopped_halfway_with_someone_inside_told_calmly_is_an_emergency() -> None:
    got = parse("不急哈，跟大家说一声，我在6栋2单元电梯里，停在半截不动了，门打不开，手机还有电")
    assert (got.intent, got.category, got.urgent) == ("report", "elevator", True), got
    assert not parse("我们电梯经常无缘无故停在半路 8号楼 哪天真关人就完了").urgent


@pytest.mark.parametrize(
    ("text", "intent", "urgent"),
    [
        ("刚看了个视频 有人在电梯里被困了还在直播 笑死[捂脸]", "chat", False),
        ("北边田里有人在烧秸秆，烟都飘进楼里了，呛得喘不上气，窗户关了都没用 7栋", "report", True),
        ("2栋顶楼那户私自加盖了一间屋，砖都运上去了", "report", False),
        ("擦窗的吊篮停在3栋三十几楼半空不动了，上面还有两个工人，风挺大的，一直在晃", "report", True),
        ("「物业小刘：电梯已修复」\n- - - - - - - -\n太好了，终于不用爬十八楼了😂", "chat", False),
        ("「物业：水管已修复，恢复供水」\n- - - - - - - - - -\n来水了来水了，谢天谢地🙏", "chat", False),
        ("「陈姐：健身房那台跑步机又罢工了哈」\n- - - - - - - -\n我明天带工具过来看看", "claim", False),
        ("14-2 有家窗户往外冒黑烟 是不是着火了", "report", True),
    ],
)
def test_videos_straw_fires_gondolas_and_replies_to_news_of_a_fix(text: str, intent: str, urgent: bool) -> None:
    got = parse(text)
    assert (got.intent, got.urgent) == (intent, urgent), got


def test_asking_how_to_tell_an_emergency_next_time_is_no_emergency() -> None:
    assert parse("以后电梯关人可以直接在群里喊吗？还是要打电话").intent == "chat"
    assert parse("电梯关人了！！3栋2单元 快来").urgent


# twenty-fourth session (blind334-341): questions about numbered tasks, their news in
# more shapes, calm words before an emergency, and claims made with someone else
_NUMBERED_TASKS_ASKED_ABOUT_TOLD_OF_AND_TAKEN = [
    ("请问8号任务现在是啥进度了", "chat", (8,)),
    ("#14 那个是谁认领的呀？想问问进度", "chat", (14,)),
    ("任务9是啥来着 忘记了", "chat", (9,)),
    ("#21 #22 这两个是不是重复了", "chat", (21, 22)),
    ("我看第5号和第6号可以合并 说的是一个路灯", "chat", (5, 6)),
    ("请问任务18号是哪个楼的", "chat", (18,)),
    ("#40 偷电的查到是哪家了 物业已经上门了", "progress", (40,)),
    ("我记得#31早就弄好了 怎么还显示进行中", "chat", (31,)),
    ("去年#6那个漏水任务拖了好久才解决", "chat", (6,)),
    ("9号 电梯里的人救出来了 维保在查", "progress", (9,)),
    ("报告书记 44号那个事办妥了", "progress", (44,)),
    ("任务33 我和小张一起去", "claim", (33,)),
    ("那个换灯泡的任务我下午弄好了 都亮了", "progress", ()),
]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("「刘姐：2栋楼下的配电箱在冒烟」\n- - - - - - - - - -\n已经断电了 烟也散了 明天来人换", "progress"),
        ("「老李：6栋电梯卡在两层中间了！！」\n- - - - - - - - - -\n人出来了 没事 电梯停用了", "progress"),
        ("「王哥：楼上厕所的水天天往我家渗」\n- - - - - - - - - -\n已经处理好了，师傅上门接了根管子", "progress"),
        ("「赵姐：车棚有辆电瓶车在冒烟」\n- - - - - - - - - -\n我住得近 我拿灭火器过去", "claim"),
        ("「张姐：谁下午有空帮我接下孩子」\n- - - - - - - - - -\n我去不了 我们楼电梯坏了 我在20楼下不去 7栋", "report"),
    ],
)
def test_replies_under_a_quoted_report_done_taken_or_not(text: str, intent: str) -> None:
    assert parse(text).intent == intent


def test_calm_words_first_do_not_calm_a_flood_still_coming() -> None:
    got = parse("大家别慌啊 说一下 楼上的水一直往下淌 我家卧室地上已经三公分水了 还在流 9栋")
    assert (got.intent, got.category, got.urgent) == ("report", "water", True), got
    assert parse("大家别慌 刚才那股烟是楼下烧烤店的 已经没事了").intent == "chat"
    assert parse("3栋着火了怎么跑").urgent  # asked in a fire, not a what-if


def test_a_fire_imagined_and_a_likeness_are_no_emergency() -> None:
    got = parse("8栋2单元楼道里堆满了纸箱旧床垫 安全通道都过不去 着火就完蛋")
    assert (got.intent, got.urgent) == ("report", False), got
    got = parse("最近5号楼电梯往下走特别快 像要掉下去似的")
    assert (got.intent, got.urgent) == ("report", False), got
    assert parse("哪里着火了？刚下班 看群里好多人在说").intent == "chat"


_TASK_NUMBERS_AND_CLAIMS_AS_NEW_MEMBERS_WRITE_THEM = [
    ("报告书记 我申请认领第9号任务", "claim", (9,)),
    ("认岭 #6", "claim", (6,)),
    ("人领二十号任务", "claim", (20,)),
    ("现正式认领任务编号：31", "claim", (31,)),
    ("认领序号17那个", "claim", (17,)),
    ("21#我接了", "claim", (21,)),
    ("21#已办结", "progress", (21,)),
    ("任务#40 我可以去 下班路过", "claim", (40,)),
    ("我来处理63号", "claim", (63,)),
    ("63号 师傅明早九点上门", "progress", (63,)),
    ("19号跟进：我去看过了，老人没事", "progress", (19,)),
    ("25号的进展跟大家说下 材料已经到了", "progress", (25,)),
    ("任务十三是我的吗 我记不清了", "chat", (13,)),
]


@pytest.mark.parametrize(
    "text",
    [
        "书记 我认领的任务可以转给别人吗",
        "我们新党员是不是都得认领一个任务？",
        "认领和号码中间要不要空格",
        "我不是要认领哈 问问而已",
        "我还以为认领要写申请书呢",
        "这周出差 认领不了 下周再说",
        "有人领任务吗",
    ],
)
def test_talk_about_claiming_is_no_claim(text: str) -> None:
    assert parse(text).intent == "chat", parse(text)


def test_a_retaining_wall_shedding_stones_now_is_an_emergency_and_a_fire_feared_is_not() -> None:
    got = parse("9栋后面的挡墙在掉石头了！！刚刚又滚下来几块 下面的车赶紧挪")
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got
    got = parse("楼道里纸箱越堆越多 轮椅都过不去 5栋2单元 还怕着火")
    assert (got.intent, got.urgent) == ("report", False), got
    got = parse("「孙姐：谁能帮我爸去药店拿下药」\n- - - - - - - -\n我下午正好去那边，顺路帮叔叔拿了")
    assert got.intent == "claim", got


_MORE_WAYS_TO_TAKE_A_TASK_AND_TELL_OF_IT = [
    ("@李书记 8号这个交给我吧，我认识电工", "claim", (8,)),
    ("task 21 finished, 灯 fixed, 我和老刘一起换的", "progress", (21,)),
    ("这个活我揽下了 放心吧", "claim", ()),
    ("我接，我就住那个单元", "claim", ()),
    ("李奶奶取快递的事我包了，我天天路过", "claim", ()),
    ("我来修这个 我有梯子", "claim", ()),
    ("7号、8号两个任务都算我的", "claim", (7, 8)),
    ("33号那边我今天又去问了，物业说下周换", "progress", (33,)),
]


@pytest.mark.parametrize(
    "text",
    [
        "「王书记：谁有空陪5栋的刘奶奶去医院」\n- - - - - - - -\n我开车方便 算我一个",
        "「张姐：12栋的老人腿不好，谁能帮忙买下菜」\n- - - - - - - -\n我报名 周末都可以",
        "「陈姐：谁有空帮9栋的独居老人换下灯泡」\n- - - - - - - -\n我 下班就去",
    ],
)
def test_signing_up_under_a_quoted_request_is_a_claim(text: str) -> None:
    assert parse(text).intent == "claim", parse(text)


def test_english_addresses_a_polite_opening_and_calm_words_amid_an_emergency() -> None:
    got = parse("I have a fever, 谁能帮我买点药 building 9 unit 2 thanks")
    assert (got.intent, got.location.building, got.location.unit) == ("report", 9, 2), got
    got = parse("那个，不好意思打扰大家，我家门口走廊里好像有烟，有点呛，4栋1单元")
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got
    got = parse("车库里一股焦糊味 好像是充电桩在冒烟 大家别慌 谁离得近带个灭火器")
    assert (got.intent, got.urgent) == ("report", True), got
    assert parse("那个燃气味我问了 是在修管道 有人在弄 不用慌").intent == "chat"


_YEAR_END_CHASING_AND_MORE_SIGN_UPS = [
    ("@老张 #45 都超期三天了 啥情况", "chat", (45,)),
    ("老王 你那个9号任务到底还修不修了", "chat", (9,)),
    ("第23号任务还没人接 大家看一眼", "chat", (23,)),
    ("任务14 我们第三党小组负责", "claim", (14,)),
    ("报名！16号任务算我一个", "claim", (16,)),
    ("那个蚊子的任务算我的 编号是12吧", "claim", (12,)),
    ("31号去看了 是楼上水管渗水 已经修了", "progress", (31,)),
    ("昨天那个17号 今天下午处理完毕", "progress", (17,)),
    ("我报名这个 我家有梯子", "claim", ()),
    ("帮刘奶奶取药那个算我一个 我明天去医院", "claim", ()),
    ("这个陪读的我来吧 我以前是老师", "claim", ()),
]


def test_children_on_a_roof_now_and_news_of_elsewhere_before_a_fault_here() -> None:
    got = parse("9栋楼顶上有两个小孩在边上跑！！快叫人上去")
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got
    assert not parse("天台门锁坏了 小孩能随便上去 太危险了 9栋").urgent
    got = parse("看到新闻说外地有个小区电梯掉下去了，我们5栋1单元这台今天也一直卡在3楼，门打不开")
    assert (got.intent, got.category, got.location.building) == ("report", "elevator", 5), got
    assert parse("看到新闻说别的小区电梯困人了，我们小区的电梯也该检查一下了").intent == "chat"
    got = parse("「小陈：南门的宣传栏被小广告贴满了」\n- - - - - - - -\n我和老伴下午去撕")
    assert got.intent == "claim", got


_NORTH_WESTERN_SPEECH_AND_NUMBERED_NEWS = [
    ("额来额来，#31交给额", "claim", (31,)),
    ("#14 #15 都归额", "claim", (14, 15)),
    ("这事儿包在额身上咧", "claim", ()),
    ("38号我跟老刘一块去", "claim", (38,)),
    ("我家有梯子 我拿过去 #52", "claim", (52,)),
    ("王奶奶腿脚不好 取药这事我来负责吧", "claim", ()),
    ("27号阀门关掉了 水不流了", "progress", (27,)),
    ("19号的电线已经用胶布包起来了", "progress", (19,)),
    ("41号 师傅在路上了", "progress", (41,)),
    ("那个早就修好咧", "chat", ()),
]


def test_emergencies_of_a_power_cut_and_an_empty_home() -> None:
    got = parse("我妈在家用呼吸机 现在机器停了 喘得厉害 5栋2单元 谁有户外电源")
    assert (got.intent, got.urgent) == ("report", True), got
    got = parse("谁在家帮我去门口看看 手机收到烟感报警一直在响 7-1-802 家里没人")
    assert (got.intent, got.category, got.urgent) == ("report", "safety", True), got
    got = parse("「小孙：谁家闻到烧焦味了？」\n- - - - - - - -\n我们6栋也有，越来越浓")
    assert (got.intent, got.urgent, got.location.building) == ("report", True, 6), got
    got = parse("12号楼电梯一到冷天就往下坠一下")
    assert (got.intent, got.urgent) == ("report", False), got
    assert parse("额，这个金额好像不对").intent == "chat"


def test_blocked_in_by_a_car_is_no_emergency_but_someone_shut_in_a_car_is() -> None:
    got = parse("谁的车堵在地库卷帘门口了？？我出不去了")
    assert (got.intent, got.urgent) == ("report", False), got
    got = parse("地库进水了 车停在里面 人还在车里出不来")
    assert (got.intent, got.urgent) == ("report", True), got
    assert parse("电梯门打不开 我出不去了 地库负一层").urgent


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [*_NUMBERED_TASKS_ASKED_ABOUT_TOLD_OF_AND_TAKEN, *_TASK_NUMBERS_AND_CLAIMS_AS_NEW_MEMBERS_WRITE_THEM,
     *_MORE_WAYS_TO_TAKE_A_TASK_AND_TELL_OF_IT, *_YEAR_END_CHASING_AND_MORE_SIGN_UPS, *_NORTH_WESTERN_SPEECH_AND_NUMBERED_NEWS],
)
def test_task_numbers_claims_and_news_as_groups_write_them(text: str, intent: str, refs: tuple) -> None:
    got = parse(text)
    assert (got.intent, got.task_refs) == (intent, refs), got
