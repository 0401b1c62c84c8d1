"""Readings added after blind121–124: run-on emergencies told without stops, a "here too"
under a quoted danger, English, things falling now; habits, questions about a danger,
figures of speech and the world outside the compound are no reports or no emergencies."""

from __future__ import annotations

import pytest

from bot.understanding import parse

QUOTE_LINE = "\n- - - - - - - - - - - - - -\n"


@pytest.mark.parametrize(
    "text",
    [
        # one clause, no stops (voice input): the signs are as far apart as two clauses'
        "喂喂那个5栋啊5栋1单元的电梯现在卡住了里面有个老人家一直在拍门快点派人来啊",
        "我是五楼的我们这一层好大一股气味像是天然气那种我不敢开灯了在9栋",
        # someone shut in, said of the car
        "9栋电梯不动了，是里面关了人！我听到在喊",
        # a fall onto a car with people still in it; a sheet falling now
        "大树被风刮倒了，砸在一辆车上，车里还坐着人！",
        "11栋楼顶的铁皮被风掀起来了，正在往下掉",
        # English
        "The elevator is stuck with my kid inside!! 4栋1单元 help",
    ],
)
def test_emergencies_told_in_other_ways_are_urgent(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r


def test_here_too_under_a_quoted_gas_smell_is_the_same_emergency_at_the_replier() -> None:
    r = parse("「张姐：7栋好像有股煤气味」" + QUOTE_LINE + "对！我在7栋2单元也闻到了，好浓，已经开窗了")
    assert (r.intent, r.category, r.urgent) == ("report", "safety", True)
    assert (r.location.building, r.location.unit) == (7, 2)


@pytest.mark.parametrize(
    "text",
    [
        "8栋电梯又停了，还好没人在里面",
        "物业接到困人电话半小时才来人，这反应速度也太慢了吧",
        "垃圾站旁边老有人烧垃圾，烟熏得窗户都不敢开",
        "1栋电梯往下走的时候突然往下掉了一截，吓死我了",
    ],
)
def test_no_one_inside_a_call_about_it_or_a_habit_is_no_emergency(text: str) -> None:
    r = parse(text)
    assert r.intent == "report" and not r.urgent, r


@pytest.mark.parametrize(
    "text",
    [
        # questions about a danger the writer does not know of
        "着火了怎么办？家里要不要备个灭火器",
        "刚才消防车开进来是干嘛的？哪里着火了吗",
        "着火那个视频是哪里的？是我们小区吗",
        "群里说的爆管是哪栋哦？修好没有",
        "学到了，电梯困人不要扒门，等救援[强]",
        # figures of speech
        "我的心态跟10栋的电梯一样，说崩就崩[捂脸][捂脸]",
        "上班就跟被困电梯一样，出不去又不敢按警铃😂",
        "今天群里消息太多了，手机都要烧起来了",
        "今天这个雨下得，跟天漏了一样",
        "我老公打呼噜比楼上装修还吵[捂脸]",
        # outside the compound
        "外面金开大道又堵成狗了，天天挖天天修",
        "街对面那个烧烤摊每天晚上吵到一两点",
        "整个重庆都在下暴雨，我们公司楼下都淹了，今天居家办公",
    ],
)
def test_questions_figures_and_the_world_outside_are_chat(text: str) -> None:
    r = parse(text)
    assert r.intent == "chat", r


@pytest.mark.parametrize(
    "text",
    [
        "南门外面的路塌了一个大坑，电瓶车骑过去好危险",
        "12栋3单元的陈婆婆这几天都没看到她了，邻居帮忙敲个门，看看需不需要买点啥",
    ],
)
def test_outside_the_gate_or_a_welfare_check_stays_a_report(text: str) -> None:
    assert parse(text).intent == "report"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("任领 12", "claim"),  # voice-typed 认领
        ("物叶的人来看下嘛 我们家听电了 别人家都有电", "report"),  # 物业, 停电
        ("「小杨：地库灯坏了一大片」" + QUOTE_LINE + "灯已经换完了，大家晚上停车看得清楚了", "progress"),
        ("防火小知识：电动车不进楼道、不飞线充电，发现火情立即拨打119", "chat"),
        ("垃圾分类小贴士：用过的纸巾是其他垃圾", "chat"),
        ("刚看到群里说着火，吓得我赶紧回家看，还好不是我们这栋", "chat"),
        ("以前一到晚上广场舞吵得不行，现在音响调小了，点赞", "chat"),
        ("好消息！7栋加装的无障碍坡道今天完工了", "chat"),
        ("物业收了装修押金说好完工就退，都三个月了还不退", "report"),
    ],
)
def test_slips_tips_all_clears_and_good_news(text: str, intent: str) -> None:
    assert parse(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "对面楼阳台在烧，好大的火，好像是16栋那边",
        "3栋二单元电梯层门开着，里面是空的井道，小孩在旁边跑！！",
        "5号楼电梯里有人，电梯一直往下溜停不住",
        "地下车库一股汽油味，很浓",
        "有人在楼道里泼汽油！！17栋2单元",
        "地下室排污泵坏了，负二楼开始积水了，快淹到车轮了！",
        "电梯门夹到小孩的手了，拔不出来！！！4栋",
    ],
)
def test_fire_seen_an_open_shaft_petrol_and_rising_water_are_urgent(text: str) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r


@pytest.mark.parametrize(
    "text",
    [
        "电梯门夹到我家孩子的手了，关门的时候根本不感应，四栋一单元",
        "早上闻到一点燃气味，开窗就散了，燃气公司来看过说没漏，能不能再请人查一次 26栋",
        "厕所一冲水地漏就往上冒，满屋子臭，1栋二单元一楼",
    ],
)
def test_a_hand_let_go_a_smell_checked_and_a_drain_backing_up_are_no_emergency(text: str) -> None:
    r = parse(text)
    assert r.intent == "report" and not r.urgent, r


@pytest.mark.parametrize(
    "text",
    [
        "我家煤气灶打火打不着，电池换了也不行，是灶坏了吗",
        "冰箱门关不严，有懂的邻居吗，4-3-1102",
        "我家阳台的晾衣架摇不下来了，卡住了，有人知道怎么弄吗",
    ],
)
def test_ones_own_appliance_asked_about_among_neighbours_is_chat(text: str) -> None:
    assert parse(text).intent == "chat"


@pytest.mark.parametrize(
    "text",
    ["我家热水器有点漏水 滴滴答答的 有没有师傅推荐", "厨房燃气灶关了还有嘶嘶声，味道很冲，2-3-1702，怎么办"],
)
def test_an_appliance_that_leaks_or_smells_stays_a_report(text: str) -> None:
    assert parse(text).intent == "report"


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("我认领吧，67号", "claim", (67,)),
        ("69 70 都我来吧", "claim", (69, 70)),
        ("我来认领，73", "claim", (73,)),
        ("60号已经换好灯泡了，大家晚上看看亮不亮", "progress", (60,)),
        ("我来认领，3栋那个", "claim", ()),
    ],
)
def test_task_numbers_said_after_the_claim_or_as_a_bare_list(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    r = parse(text)
    assert (r.intent, r.task_refs) == (intent, refs)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("11栋电梯里不知道谁家狗尿了，一进去那个味道熏死人", "report"),
        ("喷水池的水好几天没换了，都发绿了还生蚊子", "report"),  # 没…换了 is no fix
        ("水管一直在滴，一晚上接了半盆，14栋3单元楼道里", "report"),  # 接了 water, no task
        ("车库进水那个我来，已经在去的路上了", "claim"),
        ("「张姐：5栋2单元电梯卡人了，快来人！」" + QUOTE_LINE + "我是物业，已经在往那边跑了", "claim"),
        ("火锅店开业了，小区门口那家，辣得我嘴巴着火[捂脸]", "chat"),
        ("今天36度，家里跟蒸笼一样，热到冒烟", "chat"),
        ("今天学到了，燃气泄漏不能开灯不能打电话，要先出门再打", "chat"),
    ],
)
def test_more_readings_of_the_third_pass(text: str, intent: str) -> None:
    assert parse(text).intent == intent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("5号楼2单元电梯又卡在7楼不动了，物业赶紧来看看", False),  # the lift is out; nobody in it
        ("十一栋电梯卡在8楼和9楼中间，我妈在里面", True),
        ("昨天下午9栋电梯把人关了半个小时，到现在也没见维保的人来查原因", False),
        ("下了一夜雨，单元门口的积水已经漫进一楼住户家里了，26栋三单元", True),
        ("水一直往上涨，已经淹到第二级台阶了，14栋地下室", True),
        ("闻到好大一股烟味，好像是10楼那家，敲门没人应 23栋1单元", True),
        ("电梯里有人抽烟 一股烟味 11栋", False),
        ("3栋2单元楼下有个大爷突然倒地不动了 谁会急救 快下来", True),
    ],
)
def test_stuck_at_a_floor_a_day_past_water_into_homes_and_smoke_smelt(text: str, urgent: bool) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", urgent), r


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("刚才那个晕倒的大爷是我们楼的，已经被120接走了，家属也到了", "chat", ()),
        ("今天电梯关人那个小朋友没事吧？", "chat", ()),
        ("165、166我都认领了", "claim", (165, 166)),
        ("181 182 183 我全包了", "claim", (181, 182, 183)),
        ("我是党员小马，43号我来负责", "claim", (43,)),
        ("我去吧，62号", "claim", (62,)),
    ],
)
def test_over_asked_after_and_numbers_taken_in_a_list(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    r = parse(text)
    assert (r.intent, r.task_refs) == (intent, refs)


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("绿化带的喷灌头坏了，一直在喷水，路上全湿了", False),  # a sprinkler, no flood
        ("3栋水管爆了，一直在喷水", True),
        ("楼上阳台的花盆放在栏杆外面，风一吹晃来晃去，哪天掉下来砸到人怎么办 16栋", False),
        ("有家在楼道点蚊香还拿纸箱子垫着，差点烧起来，我给灭了 20栋", False),
        ("电线让雪压断了，耷拉到人行道上了，就在6栋西边，刚才还有小孩从底下过！", True),
    ],
)
def test_sprinklers_what_ifs_and_fires_put_out_beside_wires_down(text: str, urgent: bool) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", urgent), r


def test_a_voice_typed_run_on_about_a_lift_not_working_is_a_report() -> None:
    r = parse("那个我跟大家说一下啊就是我们这个十九栋二单元的电梯呀从昨天晚上开始就不好使了")
    assert (r.intent, r.category, r.location.building) == ("report", "elevator", 19)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("我是8栋的，家里老人要去医院复查，我上班走不开，社区有没有陪诊的志愿者", "assistance"),
        ("楼里有个残疾大哥下周二要去社区医院复查，想找个人帮忙推一下轮椅", "assistance"),
        ("人在外地过年，家里水表一直在走，是不是哪里漏了？12-3-402 有没有人帮忙看一眼", "water"),
    ],
)
def test_asking_the_community_for_a_helper_is_assistance(text: str, category: str) -> None:
    r = parse(text)
    assert (r.intent, r.category) == ("report", category), r


def test_the_default_threshold_files_nearly_every_report_the_rules_find() -> None:
    """A report read below REPORT_CONFIDENCE is never filed and nobody is told: the
    default must not drop more than 1% of the real reports of the labelled sets that
    read as reports (at 0.6 it dropped 4.3%)."""
    import json
    from pathlib import Path

    from bot.settings import Settings

    threshold = Settings(_env_file=None).report_confidence  # type: ignore[call-arg]
    data = Path(__file__).parent / "data"
    found = dropped = 0
    for name in ("labelled", "heldout", "heldout2", "blind108", "blind114", "blind117", "blind121"):
        for line in (data / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            reading = parse(gold["text"])
            if gold["intent"] == "report" and reading.intent == "report":
                found += 1
                dropped += reading.confidence < threshold
    assert found > 1000
    assert dropped / found <= 0.01, (dropped, found)


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("下大雨地库入口水已经漫进去了，车都要泡了！！", True),
        ("二期5幢地下室水漫上来了，已经没过脚脖子", True),
        ("下水道堵了，一楼卫生间往上冒粪水，地上全是，13栋1单元101", True),
        ("厕所一冲水地漏就往上冒，满屋子臭，1栋二单元一楼", False),
        ("六栋门口那个下水道井盖往外冒污水 一股臭味 满地都是", False),
        ("厨房水龙头一打开就哗哗往外喷 关不住 总阀在哪里啊 急 11-3-1502", True),
        ("落大雨后山的泥巴冲下来了，把30栋后门堵了，还在往下滑", True),
        ("我刚才在4栋电梯里关了五分钟，后来自己开了，这电梯有问题赶紧修下", False),
        ("3栋电梯又停起不动了，搞快点喊人来修嘛", False),
        ("昨儿夜里23号楼电梯困了个小伙子，半个钟头才弄出来", False),
        ("5栋门口垃圾堆了好几天了", False),
    ],
)
def test_water_rising_sewage_spreading_and_lifts_that_let_go(text: str, urgent: bool) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", urgent), r
    assert r.confidence >= 0.5


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("10号楼1单元的电梯停在两层中间，门开了一半，里面没人，但是好吓人", False),
        ("3栋二单元电梯层门开着，里面是空的井道，小孩在旁边跑！！", True),
        ("电梯停在两层中间，里面有个老人在喊", True),
    ],
)
def test_a_lift_said_to_hold_nobody_is_no_emergency(text: str, urgent: bool) -> None:
    r = parse(text)
    assert (r.intent, r.category, r.urgent) == ("report", "elevator", urgent), r


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("12栋旁边有根电线被树枝压断掉在积水里了 还有人从旁边走 太危险了！！", True),
        ("小区主路那个下穿口积水好深，有辆车熄火在里面，人还在车里没出来！！", True),
        ("26栋3单元有人在楼道插座上给电瓶车电池充电，烫得很，已经有焦味了！！", True),
        ("车库入口那条排水沟堵死了 雨一大水就往车库里灌", False),
    ],
)
def test_wires_in_water_a_car_in_a_flood_and_a_battery_burning(text: str, urgent: bool) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", urgent), r


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("12栋楼道的墙皮掉下来了，一大块，差点砸到人", False),
        ("楼道天花板在往下掉水泥块，刚掉了一大块，差点砸到老人，25栋", True),
        ("刚才楼上扔下来一个花盆，差点砸到人，5栋", True),
        ("5栋2单元的电梯下午又关人了，我女儿在里头关了二十分钟，现在是出来了，这个电梯必须要彻底检修", False),
    ],
)
def test_a_near_miss_from_a_wall_and_someone_out_again_are_no_emergency(text: str, urgent: bool) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", urgent), r


@pytest.mark.parametrize(
    ("text", "intent", "urgent"),
    [
        ("救命啊！！！十八幢楼上又开始电钻了，从早上八点钻到现在，宝宝刚睡着[捂脸]", "report", False),
        ("停车场收费系统又抽风了，扣了我两次钱", "report", False),
        ("楼下炒菜的油烟从烟道倒灌到我家，一屋子味 10幢3单元", "report", False),
        ("电瓶车棚里的电线被老鼠咬了，插座那边焦黑一片，现在还闻到一股焦味", "report", True),
        ("楼道开关一按就冒火星子，还有股焦味，吓得我不敢碰 17栋", "report", True),
    ],
)
def test_noise_endangers_nobody_and_a_scorched_socket_still_smelling_does(
    text: str, intent: str, urgent: bool
) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == (intent, urgent), r
