"""Weighing: what the words of one message say, clause by clause (see evidence.py): the
cues of cues.tsv turned round by the words about them (不提前通知, 修好了吗), the faults and
things of categories.tsv, the phrasings of patterns.tsv in each clause and the situations of
situations.tsv across the live ones. rules.py reads the evidence into a reading."""

from __future__ import annotations

import re

from bot.understanding.evidence import Evidence
from bot.understanding.lexicon import Entry, Lexicon, Pattern

SEPARATORS = ",.!?;:。、…~ \n\"'()「」『』【】《》-—"
_CLAUSE_BREAKS = frozenset({"但是", "可是", "不过", "但", "而且", "并且", "然后"})
_DISCOUNT = frozenset({"past", "resolved", "thanks"})
_ALWAYS_DISCOUNT = frozenset({"worry", "future", "meeting", "drill", "figure"})

_DISCOUNTED_WEIGHT = 0.3
_FAULT_BOOST = 1.5
STRONG = 2.0

# A phrasing pattern right after these says the opposite: 不是着火, 没有漏电.
_NEGATED = re.compile(r"不是|没有|并非|不$|没$")

# A notice, a plan or an all-clear after these is wanted, not given: 都不提前通知,
# 什么时候能修好, 没通知.
_UNDONE = frozenset({"notice", "future", "meeting", "resolved", "past"})

# Who was replaced (物业经理换了三个了, 物业换了新公司) is no fix.
_STAFF = ("物业", "经理", "公司", "管家", "保安", "保洁", "客服", "师傅", "人")
_NOT = frozenset({"不", "没", "没有", "未", "从不", "从没"})

# What follows a fix that did not work (换了好几个灯泡都不亮, 修了还是漏).
_TRIED_IN_VAIN = re.compile(
    r"(?:都|也|还是|还)(?:不亮|不行|不通|不转|不出水|没用|没反应|坏|漏|堵|不好使|不管用)|没用|没反应"
    r"|(?:好几|几|多)(?:回|次|遍)\S{0,3}(?:不|没)"
)

_DONT = frozenset({"别", "不要", "莫", "勿"})

# An all-clear word after these is wanted or asked for, not told (该换了, 能不能彻底换了).
_OUGHT = frozenset({"该", "早该", "是该", "也该", "真该"})
_ASKING_FOR = frozenset({"能不能", "能否", "可不可以", "可以"})
_ASKED_AFTER = frozenset({"没", "没有", "没得", "吗", "么", "嘛", "?", "不"})

_ASKED = frozenset({"能", "才能", "能不能", "什么时候", "啥时候", "何时", "几时", "哪天", "好久", "多久"})

# A clause that tells people what not to do is advice, not a report (别被风吹下去砸到人).
_WARNING = re.compile(
    r"^(?:大家|各位|请大家|请各位|邻居们|家人们)?(?:千万|一定|切记)?(?:别|不要|请勿|切勿|莫要|勿|莫|记得|注意)"
    # what to do when it happens: 电梯困人时不要扒门, 着火的时候先关燃气, 遇到燃气泄漏…,
    # 厨房着火千万别用水浇, 家里有小孩的记得装防护栏
    r"|^\S{1,12}?(?:时|的时候)(?:请|千万|一定)?(?:不要|别|切勿|勿|莫|记得|先|要)"
    r"|^(?:遇到|如果|假如)|^碰到(?=这|那|类似|有人|紧急|突发|火情|险情)|^\S*?千万(?:别|不要|莫|勿)|^\S{1,10}?的(?:记得|注意|一定要)"
    r"|^\S{1,6}?(?:别|不要)(?:挂|放|堆|晒|乱)"  # 晒被子别挂在阳台外面
    # everyone told to take care (大家晾衣服注意点哈, 大家取件别跑错), or how to charge
    # (电瓶车莫推上楼充电, 电池别拎家里充)
    r"|^\S{0,6}?(?:大家|各位)\S{0,6}?(?:注意点|注意一下|小心点|小心一点|别|不要|莫)"
    r"|^以后\S{0,8}?(?:别|不要|莫)"  # 以后电梯里别让孩子蹦跳了
    r"|^希望\S{0,6}(?:永远|千万|再也)?(?:不要|别|莫)"  # 希望电梯永远不要困人
    r"|^(?:电动车|电瓶车|电瓶|电池)\S{0,3}(?:别|莫|不要)\S{0,10}充"
)

_BELIEF = frozenset({"以为", "还以为"})
# Nearly calling for help, before it turned out nothing was wrong (我差点就打119了，结果一看是烧烤).
_NEARLY_CALLED = re.compile(r"差点(?:就)?(?:打|拨|报警|叫)")
_AFRAID_NOW = frozenset({"我好怕", "好怕", "我害怕", "好害怕", "我好害怕", "我怕", "怕死了", "我很害怕"})
_ALL_CLEAR = frozenset({"没事", "没事没事", "没事的", "没事啦", "没事哈", "没啥事", "都没事", "没什么事"})

# What nobody smelt or saw is no danger now (我家没闻到燃气味啊, 从来没见过电梯关人); asked
# whether (有没有闻到, 闻没闻到) it is.
_NOT_PERCEIVED = re.compile(r"(?<![有闻看见听遇])(?:没|没有|从没|从来没)(?:闻到|闻见|看到|看见|见过|见到|听到|听见|遇到|遇见|遇过)")

# Heard from others (听说, 群里说): what 结果是 / 原来 tells after it is the truth of it.
_HEARD = re.compile(r"听说|群里(?:有人)?说|有人说|(?:妈|爸|婆|公|爷|奶|姨|叔|婶|哥|姐|他|她|邻居|保安|物业)(?:跟我)?说")

# What a drill brought to light is a fault of now (演练暴露了问题, 演练的时候发现…).
_FOUND = re.compile(r"发现|暴露|才知道|查出")

# A time long gone that opens a clause (那年, 前几年, 上回, 小时候): the clause is past, and so
# are the clauses after it until one says now or still (那年发大水，1楼全部淹了).
_PAST_TIME = re.compile(
    r"^(?!有时)(?:那|去|前|当|有|头)(?:一)?(?:年|次|回|阵子?|会儿|时候?)|^前(?:几|两|些)(?:年|天|个月)|^小时候|^那时"
    r"|^\S{0,8}?那一?年"
    r"|^前段时间|^前阵子|^前一阵|^早(?:几|两|些)?年|^(?:几|好几|好多|[\d一二两三四五六七八九十]+)年前"
)

PRESENT = frozenset({"now", "still"})

# Broken again right after a fix (刚修好就坏, 才换好没两天又不亮了).
_BROKE_AGAIN = re.compile(r"(?:刚|才)\S{0,2}(?:修好|弄好|换好|修完|修过)\S{0,6}(?:就|又)")

# A lift named anywhere (then 关了 + a span is people shut in it, Sichuan 关人).
_LIFT = ("电梯", "轿厢")
_SPAN = re.compile(
    r"(?:\d+|[一二两三四五六七八九十几半]+)多?(?:分钟|分|个?小时|个?钟头|个?钟)|好久|老半天|半天|好一会"
)

# Work praised (草剪得好整齐, 楼道扫得干干净净): thanks, not a complaint.
_PRAISED = re.compile(
    r"(?:剪|扫|打扫|修|弄|搞|收拾|清理|整理|种|装|刷|洗)得(?:好|很|真|蛮|挺|特别|非常|贼|多)?"
    r"(?:整齐|干净|漂亮|利索|巴适|安逸|好看|及时|快|干干净净|整整齐齐|漂漂亮亮)"
)

# Floodwater going down (水在退, 水位降了).
_RECEDING = re.compile(
    r"水(?:在|已经|开始|慢慢|都|正在)?(?:退了|退下去|在退|退)(?!了?(?:之后|以后|后))|水位\S{0,2}(?:下降|降了|退了)"
)
_SINCE = frozenset({"之后", "以后", "后"})

# A promise for next time (下次不在楼道充电了, 以后再也不会了).
_PROMISE = re.compile(r"^(?:晓得了|知道了|好的|好)?(?:下次|以后|今后)(?:再也|一定|绝对|保证)?(?:不|别)")

# What was told before (上次说的…): a past telling, not a past event.
_TOLD_BEFORE = re.compile(r"^(?:我|你|书记)?上(?:次|回)(?:说|讲|提|反映|报)过?的")
# A fault said after "but", once an all-clear or a past event was told.
_CONTRAST = re.compile(r"^(?:可是|但是|但|不过|可(?=这|那|还|就|又|每|一))")

# A clause that only says when (明天上午9点到12点, 下周三 8:00到18:00).
_WHEN_ONLY = re.compile(
    r"^(?:明天|后天|大后天|明早|明晚|下周[一二三四五六日天]?|本周[一二三四五六日天]|周[一二三四五六日天]"
    r"|星期[一二三四五六日天]|\d{1,2}月\d{1,2}[日号]?)(?:上午|下午|晚上|早上|中午|凌晨|白天|全天)?"
    r"(?:\d{1,2}(?::\d\d|点半?|时)?(?:到|至)?)*$"
)

# A danger said not to be (那股烟是烧烤店的，不是咱们小区着火).
_NOT_DANGER = re.compile(
    r"(?<!是)不是\S{0,6}(?:着火|失火|起火|火灾|漏气|漏水|困人)|没(?:有)?人(?:被)?(?:困|关在)|(?<![有了])没(?:有)?(?:被)?(?:困住|关住)(?![吗没])|不像(?:是)?\S{0,2}(?:煤气|燃气|天然气|着火|失火)|(?:暂时|目前|还)没(?:有)?闻到\S{0,3}味|^(?:看了|去看了|查了)?(?:没得|没有|没)(?:烟|火)|误报"
    r"|(?:还好|幸好|幸亏)?不是我们(?:这|那)?(?:栋|幢|个?单元|个?小区|边|里)"
    # looked and found nothing (我下楼转了一圈啥也没有)
    r"|(?:转了一圈|看了一圈|看了看|下去看了|去看了|找了一圈)\S{0,4}(?:啥也没有|什么也没有|啥都没有|什么都没有|没看到|没发现)"
    r"|(?:说|确认|检查|看过|测了)\S{0,3}(?:没漏|没有漏|没泄漏|没有泄漏|不漏)"
    # a smell put down to something harmless (应该是垃圾桶的味道; not 应该是煤气的味道)
    r"|(?:应该|可能|估计|大概)是(?!\S{0,6}(?:煤气|燃气|天然气|焦|烟|火|电线|液化气))\S{1,8}的味道"
)

# Out of danger since, told in more words than one cue (还好缩得快没事, 幸亏门开了, 已经送医院了):
# nothing urgent before it stays urgent. (Not 还好没砸到人: a thing thrown from height
# is urgent whoever it missed.)
_OVER_SINCE = re.compile(
    r"^(?:还好|幸好|幸亏|好在)\S{0,8}?(?:没事|没受伤|没伤到|没夹到|没大碍|门开了|出来了)"
    r"|(?:已经|都)(?:被)?(?:送|接|拉)(?:去|到)?(?:了)?医院|已经送医|(?:已经|都)被?120(?:接走|拉走|送走)"
    r"|我\S{0,2}给?(?:踩|扑|浇)?灭了"  # 差点烧起来，我给灭了
    r"|后来\S{0,3}(?:自己)?(?:开了|好了|出来了)"  # 关了五分钟，后来自己开了
    r"|还好\S{0,2}(?:自己又|自己|又)(?:动了|开了)"  # 被关电梯里十分钟，还好自己又动了
    r"|(?:分钟|小时|钟头|半天)\S{0,2}才(?:被)?(?:放|救|弄)?出来"  # 关了人 十几分钟才出来
    r"|(?:现在|已经)(?:是|都|已经)?(?:人)?(?:出来了|放出来了|救出来了)"  # 关了二十分钟，现在是出来了
    r"|自己\S{0,4}(?:扒|按|推|撬)\S{0,3}出来(?:了|的)"  # 关了二十分钟 自己扒门出来的
    # 管子在滋水 我先关了总闸 (not 关了总阀都没用; for gas or fire see _STEP_TAKEN)
    r"|(?:(?:关了|关掉了?|拉了)总(?:闸|阀)|总(?:闸|阀)(?:已经)?关(?:了|掉了))(?!\S{0,3}(?:没用|不管用|不行|还))"
)

# A step taken, not the danger ended: the people left the place, or the mains were shut.
# Out of a lift or with the water off, that is over; out of a gas leak or a fire, or with
# its valve shut, it is not (一股臭鸡蛋味 我已经出来了; 关了总阀，现在屋头还有味道).
_STEP_TAKEN = re.compile(
    r"(?:我|我们|人|大家|全家|家里人)\S{0,2}(?:已经|都)(?:跑|撤|逃)?出来了|\S{0,6}总(?:闸|阀)\S{0,4}"
)

# Someone is still needed to fix it (就是要找人来换管子, 得找师傅来修).
_STILL_NEEDED = re.compile(
    r"(?:要|得|需要|想)找(?:人|个人|师傅|物业|电工|水电工|维修工|维保)\S{0,4}(?:来|换|修|弄|看|通)"
)

# A fix asked for after a scare that ended (困了个快递小哥，半小时后救出来了，这电梯能不能好好修一下):
# the fault is still to be mended.
_ASKS_FIX = re.compile(
    r"(?:能不能|可不可以|能否|麻烦|是不是该|是不是应该|该)\S{0,10}?(?:好好|彻底|认真)?"
    r"(?:修一下|修修|检修|检查一下|维修一下|整改|大修|来抽一下|抽一下|来清理一下|清理一下)"
    r"|(?:该|得|要)(?:好好|彻底)?(?:修|查查|检查|换)了"  # 这电梯该修了
    r"|赶紧\S{0,3}(?:查查|查一下|检查|修)|找人\S{0,2}(?:看看|看一下|修)|迟早(?:要|会)出事"
    r"|(?:赶紧|快点?|麻烦|请)\S{0,2}派人\S{0,3}(?:看|处理|修|弄)"  # 好在下面没人 赶紧派人来看
)

# What happens each time (一到8楼就往下掉, 一下雨水就往楼道里灌, 每次刮风就…): a habit, not
# harm now (not 一开门就闻到煤气味, which is what happened on opening the door).
_HABIT = re.compile(
    r"(?:每次|每回|每逢|每到|只要|一到(?:晚上|下雨|夏天|冬天|冷天|热天|周末|半夜|\d+楼|[一二三四五六七八九十]+楼)"
    r"|一下(?:大|小|暴)?雨|一刮(?:大)?风|一有(?:人|车)|(?:雨|风)一大)\S{0,8}?就"
    r"|(?:见到|看到|碰到|遇到|见着)\S{0,4}就"  # 见到车就拉车门: whenever, not now
    r"|(?:一下(?:大|暴)?雨|(?:雨|风)一大)\S{0,8}?又"  # 雨一大南门口又淹了: each time again
)

# What may happen some day (哪天掉下来砸到人怎么办, 万一着火了咋办).
_WHAT_IF = re.compile(
    r"(?:哪天|万一|要是|真要)\S{0,14}?(?:怎么办|咋办|咋个办|就完了|不得了|谁负责|谁来负责)"
    # 真的着火了消防车都进不来: the fire is supposed; 总有一天我要被关在里面: feared
    r"|真的?(?:着火|失火|起火)了?\S{0,8}?(?:进不来|过不去|开不进来)|总有一天\S{0,4}(?:要|会)"
    # 掉下来砸到人咋办: what it would do, not what it did (砸到人了 怎么办 is what it did)
    r"|(?:砸到|砸着|砸伤)(?:人|小孩|孩子|老人)(?:咋办|咋个办|怎么办|谁负责)"
    # 堆了好多纸壳 起火咋个办: a fire supposed (着火了 怎么办 is one that is burning)
    r"|(?:起火|着火|失火)(?:咋办|咋个办|怎么办|谁负责)"
)

# How often, said right before a danger word (老是关人, 总是跳闸冒火花).
_OFTEN_WORDS = frozenset({"老是", "总是", "经常", "动不动", "隔三差五", "常常", "时常"})

# People who do a thing now and then (老有人烧垃圾, 经常有人往下扔烟头).
_OFTEN = re.compile(r"(?:老|总|总是|老是|经常|常常|时常|天天|动不动就?)有人")

# Now-cues that tell how near a thing came, not when (差点砸到人).
_NEAR = frozenset({"差点"})

# A request opens a clause of its own time: 前几天把腿摔了，能不能有人帮她买点菜.
_REQUEST = re.compile(
    r"^(?:能不能|能否|可不可以|麻烦|谁能|谁方便|有没有人|哪位|想请人|想找人"
    r"|有没有(?:热心的?|好心的?)?(?:邻居|志愿者|党员))"
)

# Words that deny a fault: a report found beside one (电梯没坏，是停电了) was read past a
# denial, which a model of bare character grams cannot do.
_NOT_BROKEN = frozenset({"没坏", "没有坏", "没问题"})


def split_clauses(tokens: list[str]) -> list[list[str]]:
    clauses: list[list[str]] = [[]]
    for token in tokens:
        if token in _CLAUSE_BREAKS or not token.strip(SEPARATORS):
            if clauses[-1]:
                clauses.append([])
        else:
            clauses[-1].append(token)
    return [c for c in clauses if c]


def _names_fault(lex: Lexicon, token: str, entry: Entry) -> bool:
    """A strong fault word that names its category itself (狗尿, 转悠), not a thing plus a
    fault (灯不亮)."""
    if entry.role != "both" or entry.weight < STRONG:
        return False
    for size in range(1, len(token)):
        head = lex.entries.get(token[:size])
        if head is not None and head.role == "object" and head.category == entry.category:
            return False
    return True


_PARTICLES = frozenset({"啊", "呀", "的", "呢", "嘛", "了", "吧", "哦", "哈", "啦", "喔"})


def _modifies(clause: list[str], i: int) -> bool:
    """True when the word at i is followed by more than a particle in its clause."""
    return any(t not in _PARTICLES for t in clause[i + 1 :])


def _undone(clause: list[str], i: int, fixed: bool) -> bool:
    """True when the words before a cue turn it round: 不提前通知, 什么时候能修好; a past
    time compared with (比上个月高了一倍) is no past event; staff replaced is no fix; nor is
    a fix tried in vain (换了好几个灯泡都不亮)."""
    if fixed and _TRIED_IN_VAIN.search("".join(clause[i + 1 :])):
        return True
    before = clause[max(0, i - 2) : i]
    if not before:
        return False
    if before[-1] == "比":
        return True
    if fixed and clause[i].startswith("换") and before[-1].endswith(_STAFF):
        return True
    # (好几天没 换了: a span of time run into its 没 by the segmenter)
    return (fixed and before[-1] in _ASKED) or any(t in _NOT for t in before) or (
        fixed and before[-1].endswith(("没", "没有")) and len(before[-1]) > 1
    )


def _describes(clause: list[str], i: int) -> bool:
    """True when the word at i only says which one (水管爆裂的那个楼道) or what kind of
    thing (接到困人电话, 着火事故): what happened there once, not what is happening."""
    after = clause[i + 1 : i + 2]
    if after and after[0] in _KIND_OF:
        return True
    return after == ["的"] and i + 2 < len(clause) and clause[i + 2][0] in "那这"


# Things an urgent word can name the kind of (困人电话, 火灾事故, 煤气泄漏事件).
_KIND_OF = frozenset({"电话", "事件", "事故", "新闻", "视频", "案例", "演练", "报警电话"})


_BETWEEN = frozenset({"和", "跟", "与", "搭", "到", "之间", "中间", "当中"})


def _at_a_floor(clause: list[str], i: int) -> bool:
    """True when the word at i is followed by one floor (卡在 7 楼 不动了), not by two
    (卡在 8 楼 和 9 楼 中间: between floors, where people are shut in)."""
    after = clause[i + 1 : i + 4]
    return (
        len(after) >= 2
        and after[0].lstrip("-").isdigit()
        and after[1] in ("楼", "层")
        and (len(after) < 3 or after[2] not in _BETWEEN)
    )


def _ever(lex: Lexicon, clause: list[str]) -> bool:
    """A fault with 过 of experience (我也被困过, 坏过好几回): it happened, not now; what
    never happened (好多年没修过) is no past event."""
    if "过" not in clause:
        return False
    for i in range(len(clause) - 1):
        if clause[i + 1] != "过" or clause[i][0] in "没未不从":
            continue
        if not (i and "negation" in lex.cues.get(clause[i - 1], ())):
            entry = lex.entries.get(clause[i])
            if clause[i] in lex.urgent or (entry is not None and entry.role != "object"):
                return True
    return False


# Calming words said first and alone (大家别慌哈, 莫慌莫慌): no all-clear of what follows.
_CALMING = re.compile(r"(?:大家|大伙儿?|各位)?(?:别慌|莫慌|不要慌|不用慌)+(?:哈|啊|呀|哦|啦)?")
_DRILL_WORDS = frozenset({"演习", "演练", "开玩笑", "玩笑"})
# Things that catch fire, lose power or sink only in a figure of speech (这只股票着火了, 脑子
# 停电了, 运气被电梯带到负一楼, 气得我冒烟): what follows them in their clause is no fault of the compound.
_FIGURATIVE = frozenset({"股票", "基金", "大盘", "运气", "人品", "心态", "大脑", "脑子"})
_HEATED = re.compile(r"(?:气|急|恨)得\S{0,2}(?:冒烟|冒火|着火|炸了|爆炸)")
# Stuck in work, a meeting or a Monday (被困在加班里了, 花呗账单把我困住了): a joke, nobody shut in.
_WORK = r"(?:周一|周末|星期一|工作|加班|作业|题海|会议|账单|文件|方案|ddl|deadline|花呗|论文|报表|ppt)"
_STUCK_AT_WORK = re.compile(
    rf"困(?:在|住)(?:(?!电梯|轿厢)\S){{0,4}}{_WORK}|{_WORK}\S{{0,4}}(?:困住|困死|困在)", re.IGNORECASE
)


def weigh(lex: Lexicon, tokens: list[str]) -> Evidence:
    ev = Evidence()
    believed = past = past_day = when_next = habitual = False
    clauses = split_clauses(tokens)
    live: list[str] = []  # the clauses neither calm nor past, for situations.tsv
    lift = any(t.startswith(_LIFT) for t in tokens)
    # 不是演习！！！真着火了: "真着火" is no what-if where a drill or a joke is denied
    real = "不是" in tokens and not _DRILL_WORDS.isdisjoint(tokens)
    for index, clause in enumerate(clauses):
        kinds: set[str] = set()
        urgent_before = len(ev.urgent)
        for i, token in enumerate(clause):
            cue = lex.cues.get(token)
            if cue is None:  # most words cue nothing: only 老是 + an urgent word is left to see
                if i and token in lex.urgent and clause[i - 1] in _OFTEN_WORDS and not (
                    token.endswith("不") and _modifies(clause, i)
                ):
                    kinds.add("habit")
                continue
            if cue & _UNDONE and _undone(clause, i, "resolved" in cue):
                continue
            if "resolved" in cue and token.endswith("的") and _modifies(clause, i):
                continue  # 好好的绿地 (搞得乱七八糟): a good thing spoilt, not an all-clear
            if "resolved" in cue and i + 1 < len(clause) and clause[i + 1] in _ASKED_AFTER:
                continue  # 消防车来了没, 修好了吗: asked, not told
            if "resolved" in cue and i + 1 < len(clause) and clause[i + 1] in _SINCE:
                continue  # 水退了之后一股霉臭味: when the rest began, not an all-clear
            if "resolved" in cue and lift and token.endswith("关了") and _SPAN.match(
                "".join(clause[i + 1 : i + 3])
            ):
                continue  # 电梯里…已经关了十多分钟了: shut in that long (关人), not switched off
            if "resolved" in cue and i and (
                clause[i - 1] in _OUGHT
                or _REQUEST.match(clause[0])
                or not _ASKING_FOR.isdisjoint(clause[:i])
            ):
                continue  # 这个物业该换了, 能不能彻底换了: wanted or asked for, not done
            if token.endswith("不") and _modifies(clause, i):
                continue  # a question ending in 不 (开门不) ends its clause: 开门不平层 is none
            if "drill" in cue and (
                clause[i - 1 : i] in (["不是"], ["并非"], ["不"]) or _FOUND.search("".join(clause))
            ):
                continue  # 今天不是演练, 演练的时候发现灭火器都是空的: the fault is real
            if real and "worry" in cue and token.startswith("真"):
                continue  # 不是演习！！！真着火了: said to be real
            if "joke" in cue and clause[i - 1 : i] in (["不是"], ["没"], ["没有"], ["并非"], ["没在"]):
                continue  # 不是开玩笑！！电梯真的困人了: said to be no joke
            kinds |= cue
            if i and clause[i - 1] in _OFTEN_WORDS and token in lex.urgent:
                kinds.add("habit")  # 电梯老是关人: what it does now and then, not now
        text = "".join(clause)
        if (not _FIGURATIVE.isdisjoint(clause) and _figure_of_speech(lex, clause)) or (
            "得" in text and _HEATED.search(text)
        ):
            kinds.add("figure")
        requested = _REQUEST.match(text) is not None
        if _PAST_TIME.match(text) or _ever(lex, clause):
            kinds.add("past")
        if _BROKE_AGAIN.search(text):
            kinds.add("still")  # 刚修好就坏: fixed, then broken again
        if "still" in kinds and _TOLD_BEFORE.match(text):
            kinds.discard("past")  # 上次说的煤气味又有了: told before, and back now
        if _CONTRAST.match(text) and any(
            (e := lex.entries.get(t)) is not None and e.role != "object" for t in clause
        ):
            kinds.add("still")  # 后来放出来了，可这电梯一个礼拜坏两回: the fault goes on
        if kinds & PRESENT:
            past = False
            # 差点 tells how near it came, not when: 前天…，差点砸到人 is still the day before.
            past_day = past_day and not any(
                t not in _NEAR and lex.cues.get(t, frozenset()) & PRESENT for t in clause
            )
        elif "past" in kinds:
            past = True
        elif past and not requested:
            kinds.add("past")
        # A time said alone goes on into the next clause (明天上午9点到12点 3栋停水检修).
        if when_next and not kinds & PRESENT:
            kinds.add("future")
        when_next = "future" in kinds and bool(_WHEN_ONLY.match(text))
        if requested:
            kinds.discard("future")  # asked for later is asked now: 哪位明天顺路帮刘奶奶带鸡蛋
        if "future" in kinds and any(t in lex.urgent for t in clause):
            kinds.discard("future")  # 停电检修的时候电梯困人了: the danger is now
        # A recent day goes on too (前天晚上有人扔了一袋垃圾，差点砸到人), until now or still.
        if "past_day" in kinds:
            past_day = True
        elif past_day and not requested:
            kinds.add("past_day")
        # Advice (别被风吹下去), or the truth after a mistaken belief (以为着火了，原来是烧烤).
        if _NOT_DANGER.search(text):
            kinds = kinds | {"worry"}  # 不是咱们小区着火, 不是漏气: no danger, the rest stays
            ev.denied = True
        if "找" in text and _STILL_NEEDED.search(text):
            kinds = kinds | {"still"}  # 总阀关了，现在不流了，就是要找人来换管子: still to be done
        if index and "resolved" not in kinds and (fix := _ASKS_FIX.search(text)):
            kinds = kinds | {"still"}
            ev.problem += 1.0  # a mend asked for tells of a fault (卡了一下又好了，明天找人看看)
            ev.note("problem", fix[0])
        if "有人" in text and _OFTEN.search(text):
            kinds = kinds | {"habit"}  # 垃圾站旁边老有人烧垃圾: now and then, not now
        if ("就" in text or "又" in text) and _HABIT.search(text):
            kinds = kinds | {"habit"}  # 一到8楼就往下掉一截, 一下雨水就往楼道里灌: each time, not now
        if "habit" in kinds:
            habitual = True
        elif habitual and not kinds & PRESENT and not requested:
            kinds = kinds | {"habit"}  # 老有人烧垃圾，烟熏得窗户都不敢开: what it does each time
        else:
            habitual = False
        if ("好" in text or "幸" in text or "医" in text or "120" in text or "灭" in text
                or "后来" in text or "出来" in text or "总" in text) and (
            _OVER_SINCE.search(text)
        ):
            kinds = kinds | {"over"}
            ev.over_by_step = bool(_STEP_TAKEN.fullmatch(text))
            if ev.over_by_step:
                kinds = kinds - {"resolved"}  # 我已经关了总阀: a step taken, not an all-clear
        if _WHAT_IF.search(text):
            kinds = kinds | {"habit"}  # 哪天掉下来砸到人怎么办: feared, not happening (calm)
        if text in _AFRAID_NOW:
            kinds = kinds - {"worry"}  # 电梯不动了 灯也黑了 我好怕: afraid now, not worried what may come
        if text in _ALL_CLEAR:
            kinds = kinds | {"resolved"}  # …是水箱开锅，没事: a clause of its own that all is well
        if _PRAISED.search(text):
            kinds = kinds | {"thanks"}  # 草剪得好整齐: the work praised
        if "退" in text and _RECEDING.search(text):
            kinds = kinds | {"resolved"}  # 排水泵启动了 水在退: going down
        if _PROMISE.match(text):
            kinds = kinds | {"future"}  # 晓得了 下次不在楼道充电了: a promise, nothing wrong now
        if _WARNING.match(text):
            kinds = kinds | {"worry"}
        elif believed and text.startswith(("原来", "结果是", "结果原来", "其实是", "其实就是", "结果一看", "一看是", "走近一看")):
            kinds = kinds | {"worry", "resolved"}  # the scare before it was a mistake
        elif ev.last_resolved >= 0 and text.startswith(("是", "原来是", "据说是", "听说是")):
            kinds = kinds | {"past"}  # 火已经灭了，是一楼那家电瓶烧了: the cause of what is over
        believed = believed or any(t in _BELIEF for t in clause) or "吓" in text
        believed = believed or ("差点" in text and _NEARLY_CALLED.search(text) is not None)
        believed = believed or ("说" in text and _HEARD.search(text) is not None)
        if index < len(clauses) - 1 and _CALMING.fullmatch(text):
            # 大家别慌哈 | 楼上的水一直往下漫…; …在冒烟 | 大家别慌 | 谁离得近带个灭火器: calm words
            # before more news calm, they tell no all-clear (as they do last: …有人在弄 不用慌)
            kinds = kinds - {"resolved"}
        if index == 0:
            ev.first_clause_kinds = kinds
        if "resolved" in kinds:
            ev.last_resolved = index
        if "still" in kinds:
            ev.last_still = index
        if "over" in kinds:
            ev.last_over = index
        ev.kinds |= kinds
        off = bool(kinds & _ALWAYS_DISCOUNT) or (bool(kinds & _DISCOUNT) and "still" not in kinds)
        calm = off or bool(kinds & {"past", "past_day", "hedge", "habit"})
        calm = calm or ("没" in text and _NOT_PERCEIVED.search(text) is not None)
        ev.discounted |= off
        negated = False
        for i, token in enumerate(clause):
            if token not in lex.words:
                negated = False
                continue
            entry = lex.entries.get(token)
            cue = lex.cues.get(token, frozenset())
            ev.unsaid |= token in _NOT_BROKEN
            if "absence" in cue and entry is None:
                if not off and any(t in lex.entries for t in clause[i + 1 : i + 3]):
                    ev.problem += 2.0
                    ev.note("problem", token)
                continue
            if "negation" in cue and entry is None and 0 < i < len(clause) - 1 and (
                clause[i - 1] == clause[i + 1]
            ):
                negated = True  # a yes-no question (算不算, 涨没涨): neither a lack nor a fault
                if len(clauses) == 1:  # a question and nothing more (这个阳台算不算违建)
                    ev.kinds.add("neutral")  # leaves the model nothing to take as a report
                continue
            if "negation" in cue and entry is None:
                after = [lex.entries.get(t) for t in clause[i + 1 : i + 3]]
                following = after[0] if after else None
                lacks = token not in _DONT  # 没有消毒 is a lack; 别堆纸箱 asks not to
                if lacks and not off and any(e is not None and e.role == "object" for e in after):
                    ev.problem += 2.0
                    ev.note("problem", token)
                    # What is missing is what the message is about (没有消毒 → epidemic).
                    missing = next(e for e in after if e is not None and e.role == "object")
                    if missing.category:
                        ev.categories[missing.category] = (
                            ev.categories.get(missing.category, 0.0) + 2.0
                        )
                negated = following is not None and following.role != "object"
                negated = negated or (i + 1 < len(clause) and clause[i + 1] in lex.urgent)
                continue
            if entry is not None:
                scale = _DISCOUNTED_WEIGHT if off else 1.0
                if entry.category and not negated:
                    # What went wrong names the category more than where it went wrong:
                    # 电梯里 + 狗尿了一地 is sanitation.
                    boost = _FAULT_BOOST if _names_fault(lex, token, entry) else 1.0
                    ev.categories[entry.category] = (
                        ev.categories.get(entry.category, 0.0) + entry.weight * scale * boost
                    )
                    ev.note(entry.category, token)
                if entry.role != "object" and not off and not negated:
                    ev.problem += entry.weight
                    ev.note("problem", token)
                ev.unsaid |= negated and entry.role != "object"
            urgent = lex.urgent.get(token)
            if urgent is not None and token == "卡在" and _at_a_floor(clause, i):
                urgent = None  # 电梯又卡在7楼不动了: the lift is out, nobody said to be in it
            if urgent is not None and not calm and not negated and not _describes(clause, i):
                ev.urgent.append((token, urgent.category, urgent.needs_now))
            negated = False
        if not off:
            _match_patterns(lex, "".join(clause), ev, calm)
        if not calm:
            live.append(text)
        if len(ev.urgent) > urgent_before:
            ev.last_still = index  # danger now outweighs an all-clear before it (来水了，往下灌)
            ev.last_urgent = index
    # One long clause is a run-on told without stops (voice input: 电梯现在卡住了里面有个
    # 送外卖的小哥一直在拍门): its signs are as far apart as two clauses' would be.
    if (len(live) > 1 or (live and len(live[0]) >= RUN_ON)) and not ev.denied and not ev.kinds & _SETTLED:
        _match_situations(lex, " ".join(live), ev)
    joined = "".join(tokens)
    if "困" in joined and _STUCK_AT_WORK.search(joined):
        ev.kinds.add("joke")
    return ev


def _figure_of_speech(lex: Lexicon, clause: list[str]) -> bool:
    """Whether a figurative subject (股, 脑子, 运气) comes before a word of some kind of
    fault or thing in the clause, within a few words."""
    for i, token in enumerate(clause):
        if token in _FIGURATIVE:
            for later in clause[i + 1 : i + 4]:
                entry = lex.entries.get(later)
                if later in lex.urgent or (entry is not None and entry.category is not None):
                    return True
    return False


def candidates(lex: Lexicon, clause: str) -> list[int]:
    """The patterns (by index, in table order) that can match somewhere in a clause."""
    index = lex.pattern_index
    found: set[int] = set(lex.patterns_always)
    for ch in set(clause):
        ids = index.get(ch)
        if ids is not None:
            found.update(ids)
    return sorted(found)


def _match_patterns(lex: Lexicon, clause: str, ev: Evidence, calm: bool) -> None:
    """Add what the phrasing patterns of patterns.tsv find in one clause."""
    patterns = lex.patterns
    for i in candidates(lex, clause):
        pattern = patterns[i]
        match = pattern.regex.search(clause)
        if match is None or _NEGATED.search(clause, max(0, match.start() - 2), match.start()):
            continue
        _add_pattern(ev, pattern, match.group(0), calm)


# A message that says the danger is over or elsewhere anywhere has no situation in it
# (今天闻到的气味是燃气公司在排空管道，已确认安全).
RUN_ON = 16
_SETTLED = frozenset({"resolved", "over", "news", "drill", "joke"})


def _match_situations(lex: Lexicon, live: str, ev: Evidence) -> None:
    """Add what situations.tsv finds across the live clauses of a message (they are
    joined by spaces; a pattern that needs one clause only belongs in patterns.tsv)."""
    for pattern in situations_in(lex, live):
        match = pattern.regex.search(live)
        if match is not None:
            _add_pattern(ev, pattern, match.group(match.lastindex or 0), False)


def situations_in(lex: Lexicon, text: str) -> list[Pattern]:
    """The situations whose required characters are in the text (see requiredchars.py)."""
    chars = set(text)
    found = []
    for needs, p in lex.situation_index:
        for n in needs:  # a plain loop: a generator per situation cost more than the test
            if n.isdisjoint(chars):
                break
        else:
            found.append(p)
    return found


def _add_pattern(ev: Evidence, pattern: Pattern, word: str, calm: bool) -> None:
    ev.problem += pattern.weight
    ev.note("problem", word)
    if pattern.category and pattern.weight:
        ev.categories[pattern.category] = (
            ev.categories.get(pattern.category, 0.0) + pattern.weight * _FAULT_BOOST
        )
        ev.note(pattern.category, word)
    if pattern.urgent and not calm:
        category = None if pattern.any_category else pattern.category
        ev.urgent.append((word, category, pattern.needs_now))
