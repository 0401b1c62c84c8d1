"""Readings added after each round of fresh labelled sets (the eleventh session: blind147–169;
the twelfth: blind174–177), one table per kind of reading.

Emergencies now: water running into a home or the rooms, a ground floor flooded to the
ankles, a fall told by its warning (楼下别走) or with more loose above, a hand or bag still
caught, a fall nobody can lift, life support stopped, a child shut in a car, a thud and
silence from an old neighbour, smoke one cannot see through or come into a home, a car
being smashed, a lift shaft's call told in another clause, a gas leak one has left.
Reports without the emergency: a scare that ended and then a mend asked for (该修了, 能不能
好好修一下, 找人看看), the water's mains shut, a burst outside that only cuts the water, ash.
No emergency at all: slow water, wind, a supposed fire or fall (真的着火了…进不来, 砸到人咋办),
a feared day, a safety talk, a rumour asked about, a fountain. Chat: curing smoke in the air,
the compound opposite, 出太阳了, a market's welcome. Task numbers in Chinese numerals and
after 这个, a task's status (待认领) and a question about one.

Twelfth: a lift shut "关了十多分钟" with people in it (Sichuan 关人, not switched off), a
lift stopped with people said to be inside after the fault, water running in and getting
worse are emergencies; a smell put down to something harmless is none; another compound
(她们小区, 那个小区), floodwater going down, work praised, a promise for next time, asking
whether one may mend a thing oneself or set off fireworks, a talk one is invited to, a phone
number asked in dialect (是好多), asking after an old neighbour, news of a law are chat.
Second round: water come into a home is an emergency, a danger word right after 老是/总是 is
what happens now and then; a bare thanks or a question beside a task number (#12 辛苦王哥了,
#44 派给谁了) and asking how claiming works are chat; what was done, told under a quoted
report (已经在路上了, 已经锯掉了, 疏通完了, 阀门关了), is progress. Third round: more
Cantonese words read as Mandarin (仲 还, 啱啱 刚刚, 落嚟 下来, 浸咗 淹了, 石油气 液化气, 头先 刚才,
而家 现在, 返电 来电), water pouring in or still rising, and a pipe split by the cold with the
water still coming are emergencies."""

from __future__ import annotations

import pytest

from bot.understanding import parse

EMERGENCIES = [
    # charcoal burnt indoors with its smoke about (carbon monoxide); sewage on into the rooms
    ("12栋3楼那家在屋里烧炭盆取暖 楼道里一股烟味", "safety"),
    ("马桶堵了 一冲水就往外冒 污水都流到卧室了 8-2-301", "water"),
    ("楼上水管脱了 水一直在往我家流 墙上地上都是水 18栋", None),
    ("3栋1单元 一楼进水了!!! 水都淹到脚背了", None),
    ("阳台玻璃被吹爆了 碎玻璃从楼上往下掉！！楼下别走", None),
    ("家里燃气表那里嘶嘶响 一股臭鸡蛋味 我已经出来了 3栋二单元", "safety"),
    ("娃娃的手被电梯门夹到了 哭得好凶 门还没松开 5栋一单元", "elevator"),
    ("老公在厕所摔了 头出血了 我一个人抬不动 有没有邻居能来帮下忙 6栋3单元", "assistance"),
    ("楼上的水漫下来了！！！从吊灯里往下流 4-3-502 快关总阀", "water"),
    ("地下室水泵房一直在往外冒水 已经淹到车位了！！车都泡着", "water"),
    ("21栋电梯井里一直有咚咚的声音，还有人在喊", "elevator"),
    ("8栋独居的王爷爷屋头有人在喊救命 门反锁了敲不开", "assistance"),
    ("刚才6栋二单元有个婆婆在楼梯上滑了一跤，现在坐着说腰痛站不起来，有没有人帮忙打下120", None),
    ("整栋楼都没电了，我爸家的制氧机停了，他离不开氧气的！！！17栋", None),
    ("阳台掉花盆下来了 刚刚", None),
    ("[流泪]电梯困住了 快来", None),
    ("9栋外墙脚手架上掉了根钢管下来 砸在电瓶车棚顶上了 就刚刚 好在下面没人 赶紧派人来看", None),
    ("楼上那个老人家里咚的一声很大的响 然后就没动静了 喊也没人答应 11栋1单元", None),
    ("36栋1单元 电梯门把我儿子书包夹住了！电梯在往上走！！", None),
    ("楼上暖气片漏水 淹到我家客厅了 水还在往下流！29-1-502", None),
    ("隔壁单元有人在楼道头烧香烧纸 烟子大得很 路都看不到了 7栋", None),
    ("楼下有个喝醉了的在砸车 吼得凶 好吓人 快喊保安", None),
    ("楼上那家又在阳台上烧柴火熏腊肉 烟子全部灌到我屋头来了 眼睛都睁不开 10栋", None),
    ("灶台那根管子接头一凑就冒小火苗，赶紧关了总阀，现在屋头还有味道，5-1-602", None),
    ("总阀关了 水还在往下灌 快来人", None),
    ("有小孩被锁在车库的车里 孩子在哭 车里好热 B2区", None),
    ("地漏返水，卫生间全是污水 已经往客厅漫了 4-2-101", None),
    ("刚刚15栋楼上掉了块瓷砖下来 差点砸到人 外墙还有几块松了在晃", None),
    ("5栋楼道着火了 怎么办 快来人", None),
    # (twelfth session)
    ("救命 电梯里好热 已经关了十多分钟了 17栋2单元 小孩在哭", "elevator"),
    ("电梯停电了里面有人！5栋 小孩放学刚进去", "elevator"),
    ("3栋电梯卡住了里头还有个老人 快来人", "elevator"),
    ("我家楼上的洗衣机水管脱了 水从天花板上淌下来 越来越大 家具都泡到了 15-2-802", "water"),
    ("厨房一股味道 应该是煤气的味道 好浓 6栋", "safety"),
    # (twelfth session, second round)
    ("暴雨把一楼灌了 6栋1单元101水已经进屋了", "water"),
    ("雨水灌进家里了 地上全是水 7栋", "water"),
    ("电梯又关人了 老是这样 快来人 5栋", "elevator"),
    # (twelfth session, third round: Cantonese words, a pipe split by the cold)
    ("17栋地库进水啦！水从坡道灌入嚟，好多车仲未移走！！", "water"),
    ("19栋开始返水啦，一楼大堂已经浸到脚眼，水仲喺度升", "water"),
    ("有人喺28楼抛咗个花盆落嚟！！啱啱跌喺我脚边，3栋", "safety"),
    ("有冇人闻到一阵石油气味？喺25栋二楼", "safety"),
    ("8栋地下室的水管冻裂了，水漫了一地，还在往外冒！", "water"),
]

REPORTS_NOT_URGENT = [
    ("12栋电梯早上困了个快递小哥 半小时后救出来了 这电梯能不能好好修一下", None),
    ("4栋地下室储藏室下午就泡了 现在水退了 物业能不能来抽一下剩下的积水", None),
    ("19栋3单元的雨棚塌下来了 砸到一辆电动车 人没事", None),
    ("我昨天被关电梯里半个钟头 吓死我了 后来自己好了 这电梯该修了 11栋", None),
    ("刚才被关电梯里十分钟 还好自己又动了 18栋2单元 这电梯得好好查查", None),
    ("电梯一会好一会坏 维保的来了三回了 3栋2单元 能不能彻底换了", None),
    ("我屋头插座冒火花了 闸刀我拉了 现在不冒了 要找电工看一下 10-1-501", None),
    ("说好今天停水检修 都下午五点了还没来水 大冬天的饭都做不成", None),
    ("冰柱子挂在13栋屋檐上有手臂那么粗 下面就是人走的路 掉下来砸到人咋办", None),
    ("楼道里堆了好多纸壳壳 旧家具 起火咋个办 14幢", None),
    ("一楼大厅门一直开着关不拢 冷风灌进来 8幢2单元", None),
    ("3栋电梯困人了 后来人都出来了", None),
    ("我家老头子腿摔了，我一个人搬不动米，有没有志愿者帮忙把米扛上楼，10栋", None),
    ("电梯卡了一下又好了 有点怕 明天找人看看嘛 3栋", None),
    ("我刚从电梯出来 被关了十来分钟 现在好了 2栋1单元 物业赶紧查查吧", None),
    ("小区入口那里天天有人逆行，迟早要出事", None),
    ("洗手池下面的管子在滋水 柜子全泡了 我先关了总闸 3栋", None),
    ("外头修路把水管挖爆了 小区莫得水了", None),
    ("我们家楼上的管子在漏水，已经流到我屋头客厅了，上面没人在家，咋个办嘛，3-2-402", None),
    ("隔壁早上七点就开始电钻 钻到现在没停过 脑壳都要炸了", None),
    ("邻居家的老人天天在楼道里烧纸，满楼道都是烟灰，5栋2单元", None),
    ("停电时6栋电梯关了人 十几分钟才出来 里面应急灯都不亮 得修一下", "elevator"),
    # (twelfth session, second round)
    ("电梯老是关人 我现在都不敢坐了 每次都提心吊胆的 3栋", "elevator"),
    # (twelfth session, third round: Cantonese words, a pipe split by the cold)
    ("晚上看见13栋门口的水表井一直往外冒水，好像是管子冻裂了", "water"),
]

NOT_URGENT = [
    "楼上洗衣机排水顺着墙往我家流，墙皮都泡了，26栋",
    "空调外机装在我家窗户正下方，热风直往屋里灌",
    "消防通道又被车子堵死了 就是五栋后面那条 真的着火了消防车都进不来",
    "电梯天天坏 总有一天我要被关在里面 唉 7栋",
    "刚才谁在群里说车棚着火 是真的吗？我下去看了啥事没有",
    "各位邻居 下午三点在党群服务中心有电梯安全讲座 讲困梯了怎么自救 欢迎参加",
    # (twelfth session)
    "天然气味？没有啊 我刚下楼闻了 应该是垃圾桶的味道",
    # (twelfth session, second round)
    "刚才摔倒那个婆婆家属已经接去医院了，谢谢几位邻居帮忙[抱拳]",
]

REPORTS = [
    "3栋的电梯今天早上又不动了停在十楼那里按哪个键都没得反应 你们物业还管不管嘛",
    "我要投诉物业 报修了三次 每次都说马上来 一个星期没人影 这个物业该换了",
    "小区门口有人摆摊卖菜，把人行道占了一半",
    "门口摆摊吆喝好吵",
    "物业说月底清垃圾 这种物业能不能换了 投诉三次了 垃圾站臭得很",
    "3栋电梯又在维修，一个星期修两回，到底能不能彻底修好",
    # (twelfth session)
    "物业把门口扫得好干净 就是垃圾桶满了没人倒",  # praise, then the fault
    "电梯里的灯关了半天了 也没人来修",  # a lamp off for long: no one shut in
    "楼道灯又坏了 以后能不能装个好点的",
    # (twelfth session, second round)
    "8栋12楼那家的空调外机架子锈了，感觉随时要掉下来",
]

CHAT = [
    "今天熏腊肉的人好多 整个小区都是烟 哈哈 年味来了",
    "听说对面小区水管爆了 淹了好几户 我们这老管子也差不多吧",
    "雪化了路上全是泥 不过今天出太阳了还是开心",
    "谁家的狗狗跑出来了 在喷水池旁边 白色泰迪",
    "今天好热哦 屋头像蒸笼一样 快着火了",
    "听说昨天有人被关在电梯里头 真的假的",
    "消防车来了，火已经灭了，是一楼那家电瓶车电瓶烧了，万幸没人受伤",
    "刚才困人那个出来了吗",
    "电梯修好了，谢谢物业，麻烦以后多检查一下",
    "这周六小区跳蚤市场，欢迎大家摆摊，不收费",
    # (twelfth session)
    "我表姐她们小区电梯关人关了一个钟头 吓死个人 还是我们这边维保靠谱",
    "我女儿屋那个小区停水停了三天 还是我们这边好",
    "我刚去看了 车库排水泵启动了 水在退",
    "周三下午两点半 社区在25栋架空层讲防诈骗 大家去听一哈",
    "物业把绿化带的草剪得好整齐[强]",
    "插座坏了自己能换吗 还是要找电工",
    "过年能不能在小区放鞭炮啊",
    "高空抛物入刑了 大家莫往下扔东西",
    "晓得了 下次不在楼道充电了",
    "电梯轿厢里贴的那个维保电话是好多 我存一个",
    "2单元那个老太太咋个样了 好点没得",
    # (twelfth session, second round)
    "你们说电梯困人到底打119还是打维保电话？",
    "怎么认领任务啊 我也是党员",
    "认领是什么意思 我们普通业主能认领吗",
    "热水都喝完了",
    # (twelfth session, third round: Cantonese words, a pipe split by the cold)
    "头先停电咗半个钟，而家有返电了",
]

TASKS = [
    ("认领一下 四十二号 我是这栋楼的楼栋长", "claim", (42,)),
    ("五十五号 问题已解决 垃圾站清理完了", "progress", (55,)),
    ("51号的事情还在等配件 大家耐心等几天", "progress", (51,)),
    ("#60谁认领了？一直显示待认领", "chat", (60,)),
    ("47号和48号都已经处理好了", "progress", (47, 48)),
    ("这个37号我来跟进", "claim", (37,)),
    ("27这个我来嘛", "claim", (27,)),
    ("42号 还在等配件 别催了😅", "progress", (42,)),
    ("#52 #53 我一起认了", "claim", (52, 53)),
    ("#45 #46 我都认了", "claim", (45, 46)),
    ("70号 配件到了 明天上午装", "progress", (70,)),
    ("第33号怎么还没人管啊，老人家等了一个礼拜了", "chat", (33,)),
    ("我来接这个，我是党员小刘，晚上下班去给李奶奶送饭", "claim", ()),
    # (twelfth session, second round)
    ("#12 辛苦王哥了[强]", "chat", (12,)),
    ("满意 7 谢谢师傅", "progress", (7,)),
    ("书记 #44 派给谁了", "chat", (44,)),
    ("#12和#13是不是一个事情", "chat", (12, 13)),
    ("我报的那个15号任务有人管没得哦", "chat", (15,)),
    ("#21 辛苦了 明天还要再去一趟 配件没到", "progress", (21,)),
    ("认领 12", "claim", (12,)),
]


@pytest.mark.parametrize(("text", "category"), EMERGENCIES)
def test_emergencies(text: str, category: str | None) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", True), r
    assert category is None or r.category == category, r


@pytest.mark.parametrize(("text", "category"), REPORTS_NOT_URGENT)
def test_reports_that_are_no_emergency(text: str, category: str | None) -> None:
    r = parse(text)
    assert (r.intent, r.urgent) == ("report", False), r
    assert category is None or r.category == category, r


@pytest.mark.parametrize("text", NOT_URGENT)
def test_no_emergency(text: str) -> None:
    assert parse(text).urgent is False


@pytest.mark.parametrize("text", REPORTS)
def test_complaints_are_reports(text: str) -> None:
    assert parse(text).intent == "report"


@pytest.mark.parametrize("text", CHAT)
def test_chat(text: str) -> None:
    assert parse(text).intent == "chat"


@pytest.mark.parametrize(("text", "intent", "refs"), TASKS)
def test_task_numbers(text: str, intent: str, refs: tuple[int, ...]) -> None:
    r = parse(text)
    assert (r.intent, r.task_refs) == (intent, refs), r


def test_which_building_names_none() -> None:
    assert parse("口罩发到哪一栋了 我们27栋还没拿到").location.building == 27


QUOTED_PROGRESS = [
    # (twelfth session, second round) what was done, told under the quoted report
    ("7栋电梯按钮按了没反应", "维保师傅已经在路上了 大概半小时到"),
    ("5栋楼下那棵黄葛树的大枝丫断了一半", "园林的师傅上午已经锯掉了"),
    ("26栋门口下水道冒臭水 整个单元门口都是", "管道疏通完了 冲洗了一遍 现在不臭了"),
    ("B区3栋楼顶的水管爆了 水一直往下面冲", "阀门关了 水停了 明天找人换管子"),
]


@pytest.mark.parametrize(("quoted", "reply"), QUOTED_PROGRESS)
def test_what_was_done_under_a_quoted_report_is_progress(quoted: str, reply: str) -> None:
    text = f"「邻居：{quoted}」\n- - - - - - - - - - - -\n{reply}"
    assert parse(text).intent == "progress"
