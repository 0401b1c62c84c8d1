"""The reading rules: command, then claim, then progress, then report or chat."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.understanding.evidence import Evidence
from bot.understanding.lexicon import Entry, Lexicon, Pattern, lexicon
from bot.understanding.location import find_location
from bot.understanding.normalise import MAX_CHARS, normalise
from bot.understanding.opinions import (
    DANGEROUS,
    linear_chat,
    linear_report,
    linear_urgent,
    second_opinion,
    told_not_urgent,
    unlikely,
)
from bot.understanding.quote import split_quote
from bot.understanding.reading import Location, Reading
from bot.understanding.refs import LEADING, TASK_CONTEXT, command_refs, find_refs

_SEPARATORS = ",.!?;:。、…~ \n\"'()「」『』【】《》-—"
_CLAUSE_BREAKS = frozenset({"但是", "可是", "不过", "但", "而且", "并且", "然后"})
_DISCOUNT = frozenset({"past", "resolved", "thanks"})
_ALWAYS_DISCOUNT = frozenset({"worry", "future", "meeting", "drill"})
_SHORT_CLAIM = 8
_REPORT_MIN = 2.0
_OTHER_MIN = 3.0
_DISCOUNTED_WEIGHT = 0.3
_FAULT_BOOST = 1.5
_STRONG = 2.0
_COMMAND = re.compile(r"^/[^\s/:]")
# A phrasing pattern right after these says the opposite: 不是着火, 没有漏电.
_NEGATED = re.compile(r"不是|没有|并非|不$|没$")
_NOISE = re.compile(r"[\s\d#,.!?;:。、…~()\[\]「」\-]+")
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
# A word asked after, not told (修好了吗, 处理了没): what follows it when it is told.
_ASKED_AFTER_WORD = r"(?!\s*(?:了)?(?:吗|么|没|没有|如何|怎样|怎么样|咋样|\?))"
_ASKED = frozenset({"能", "才能", "能不能", "什么时候", "啥时候", "何时", "几时", "哪天", "好久", "多久"})
# "Here too" under a quoted report: 我们3单元也是黑的, 我家也一样.
# The replier names where (家, 单元, 这边); an opinion (我也是这么想的) does not count.
_ME_TOO = re.compile(
    r"(?:家|楼|单元|栋|层|这边|这里|那边|我们|我这|(?<![A-Za-z])[A-Za-z]\d{1,2})\S{0,3}也(?:是|一样|这样|那样|坏|停|没|漏|不|黑|臭|吵|堵|闻到|听到)"
    r"(?!\S{0,4}(?:想|觉得|认为|说|同意|支持|赞成))|同样的?问题"
)
# A level of a car park (B2也是黑的) is a place of its own.
_LEVEL = re.compile(r"(?<![A-Za-z])[Bb]\d{1,2}(?!\d)")
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
# A notice heading: 温馨提示：…, 【停电通知】…
_HEADING = re.compile(
    r"^[\[【]?\s*(?:温馨提示|友情提示|通知|公告|紧急通知|停水通知|停电通知|[^\s:]{0,4}(?:通知|提醒|小贴士|小知识|小常识))\s*[\]】:]"
    r"|^[^\s:]{0,16}(?:活动|招募|倡议)\s*:"  # 本周六上午九点主题党日活动：清理楼道小广告
)
_BELIEF = frozenset({"以为", "还以为"})
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
_PRESENT = frozenset({"now", "still"})
# The people came out of it well (not a fire put out, whose cause may still be there).
_PEOPLE_SAFE = frozenset({"还好人没事", "还好没事", "幸好没事", "没大碍", "就出来了", "人出来了",
                          "都出来了", "已经出来了", "人已经出来了", "现在出来了", "自己出来了",
                          "开门出来了"})
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
_RECEDING = re.compile(r"水(?:在|已经|开始|慢慢|都|正在)?(?:退了|退下去|在退|退)|水位\S{0,2}(?:下降|降了|退了)")
# A promise for next time (下次不在楼道充电了, 以后再也不会了).
_PROMISE = re.compile(r"^(?:晓得了|知道了|好的|好)?(?:下次|以后|今后)(?:再也|一定|绝对|保证)?(?:不|别)")
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
    r"|(?:现在|已经)(?:是|都)?(?:人)?(?:出来了|放出来了|救出来了)"  # 关了二十分钟，现在是出来了
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
    r"(?:每次|每回|每逢|每到|只要|一到(?:晚上|下雨|夏天|冬天|周末|半夜|\d+楼|[一二三四五六七八九十]+楼)"
    r"|一下(?:大|小|暴)?雨|一刮(?:大)?风|一有(?:人|车)|(?:雨|风)一大)\S{0,8}?就"
)
# Part of a building come loose (墙皮掉下来了，差点砸到人), not a thing thrown from height.
_FELL_OFF_A_WALL = re.compile(r"墙皮|瓷砖|墙砖|天花板|吊顶|石膏|抹灰|水泥块")
_THROWN = re.compile(r"扔|抛|丢|甩|往下倒")
_STILL_FALLING = re.compile(
    r"(?:正在|还在|在|一直在|不停地?)(?:往下)?掉"
    r"|还有\S{0,4}(?:松了|松动|在晃|要掉|快掉)"  # 外墙还有几块松了在晃: more to come
)
# A lift said to hold nobody (停在两层中间，里面没人): out of order, no one shut in.
_NOBODY_INSIDE = re.compile(r"里面(?:没人|没有人)(?!\S{0,2}(?:管|来|应|理))")
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
_REQUEST = re.compile(r"^(?:能不能|能否|可不可以|麻烦|谁能|谁方便|有没有人|哪位|想请人|想找人)")
# An invitation (有人一起去不, 约起), not a problem.
_INVITE = re.compile(
    r"有(?:没有)?人\S{0,2}一起|一起去(?:不|吗|吧|嘛|没)|约起|(?:邻居|大家|朋友们?)\S{0,2}一起(?:哈|吧|来|参加)"
    r"|大家\S{0,2}(?:去|来)(?:听|参加|报名)"  # 社区在架空层讲防诈骗 大家去听一哈
)
# A claim word leading a task number: 认领一下 #15, 接单 12 (认领一下 alone asks others).
_CLAIM_LEAD = re.compile(r"^(?:认领|接单|接手|领了领了|领)(?:一下)?\s*(?:第\s*)?#?\s*\d")
# A task number, then taken: #17 领了, 12号我接了.
_TAKEN = re.compile(r"^#?\s*\d{1,9}\s*号?\s*(?:单子|任务|单)?\s*(?:我)?(?:领了|接了|领走|拿下了?|拿了)")
# Taking "this one" with a bare 我来/我去: 这个我去 我认得电工.
_THIS_ONE = re.compile(
    r"^(?:这个|这单|这件|这事|这活|这个活|这个任务|这个单子|这单子)\s*(?:我来|我去|我接|给我)"
    r"|^(?:我来|我去)(?=[,!])"  # 我来，我下班就过去看
    r"|^[^,.!?\s]{1,10}?那个\s*(?:我来|我去|我接|给我)"  # 车库进水那个我来
)
# Hearsay about somewhere else (听说隔壁县城那个小区着火了) is news, not a report.
_HEARSAY = re.compile(
    r"^(?:听说|据说|听人说|听别人说|听讲|网传|看到新闻|看新闻|朋友圈|刷到|抖音上|看抖音|刷抖音)"
    r"|^\S{0,8}(?:亲戚|朋友|同事|同学)(?:说|讲)"
    r"|^隔壁(?!楼|栋|幢|单元|家|邻居|门)\S{0,4}(?:那边|小区)"
)
# Seen in a video or a post: somewhere else unless the message names a place of ours.
_MEDIA = re.compile(
    r"^(?:我)?(?:刚|刚刚|今天|昨天)?(?:网传|看到新闻|看新闻|刷到|(?:抖音|快手|微博|视频号|朋友圈)上?(?:看到|刷到|说)"
    r"|(?:看|刷)(?:了)?(?:抖音|快手|视频|新闻)|(?:抖音|快手|微博|视频号)上那个)"
)
# A household appliance of one's own, asked about among neighbours (我家热水器打不着火了，
# 是不是坏了; 冰箱门关不严，有懂的邻居吗): no fault of the compound's, unless it leaks, floods
# or the supply is cut.
_OWN_APPLIANCE = re.compile(r"热水器|煤气灶|燃气灶|冰箱|洗衣机|路由器|晾衣架|油烟机|微波炉|电视|遥控")
_ASKS_NEIGHBOURS = re.compile(
    r"有懂|懂行|会弄|懂的|哪位|有没有(?:人|邻居|师傅|靠谱|推荐|哪个)|推荐|怎么弄|知道怎么"
    r"|是不是\S{0,6}坏|坏了吗|正常吗"
)
_NOT_OWN = re.compile(r"漏|水漫|淹|停电|停水|停气|没电|没水|跳闸|冒烟|着火|火花|味")
# Outside the compound, where its branch can do nothing (外面金开大道又堵成狗了, 街对面那个
# 烧烤摊, 我们公司楼下都淹了): talk, unless a building of ours is named.
_OUTSIDE = re.compile(
    r"堵成狗|(?:公司|单位)楼下|整个(?:重庆|城市|市区|城区)|全城|(?:街|马路)对面|这条街上?"
    r"|外面\S{0,4}十字路口"
)
_ELSEWHERE = re.compile(r"隔壁|别[的处家]小区|那个小区|有个小区|他们小区|对面小区|外地|[县市省镇乡村]|新闻|网上|那边")
# A message opening with laughter is a joke or banter (哈哈 我孙子说…).
_LAUGHTER = re.compile(r"^(?:哈哈|呵呵|嘿嘿|笑死|hhh|233)", re.IGNORECASE)
# Somebody's thing found and kept for them: 谁家娃娃的帽子掉了…挂在单元门把手上,
# 哪个掉了一把钥匙 在门卫那里.
_WHOSE = re.compile(
    r"(?:谁|哪个|哪家|哪位|哪一家)\S{0,8}(?:掉|丢|落)(?:了|下|在|的|到)"
    r"|谁的\S{0,6}(?:钥匙|门禁卡|手机|钱包|伞|快递)\S{0,6}(?:插在|忘在|放在|落在|没拔|没拿)"
)
_KEPT = re.compile(
    r"(?:在|放在|放|挂在|交到|交给|放到)\S{0,8}(?:那里|那儿|这里|这儿|那|处|上|门口|前台|室|亭|门卫|物业)"
    r"|来\S{0,4}?(?:领|拿|取)|认领"
)
# A question after information (where to pay, what it costs, a phone number), not a problem:
# 电费在哪里交, 外来车辆怎么收费的, 物业值班电话是多少来着, 物业费涨没涨.
_ASK_INFO = re.compile(
    r"(?:哪里|哪儿|哪|什么地方)(?:交|缴|办|扔|丢|放|领|买|登记|充|报名)"
    r"|怎么(?:收费|交|缴|办理|登记|申请|报名|充值|预约)|收费标准"
    r"|(?:电话|号码|多少钱|费用?)是?多少|(?:电话|号码)是?好多|多少来着|有\S{0,10}(?:电话|号码)(?:吗|么|没)"
    r"|(?:能不能|可不可以|可以)用\S{0,4}(?:付|交|缴)"
    r"|(?:涨|收|交)没(?:涨|收|交)|是不是(?:又)?要(?:涨|收)"
    r"|(?:点|处|站|窗口|服务台|办公室)在哪"
    # 还能取吗, 还开不开, 让不让施工, 几点锁门, 哪家稳定, 换号了吗, 找营业厅就行吧
    r"|还能(?:取|用|退|办|交|领)吗|(?:还)?(开|停|收|放|锁|来|让|准)不\1"
    # asking whether one may (孩子问能不能在小区里放风筝)
    r"|问(?:一下|下|问)?(?:能不能|可不可以|可以不可以|让不让|准不准)(?:在)?"
    r"|几点(?:锁门|开门|关门|开始|结束)|(?:哪家|哪个)\S{0,6}(?:好点|好一点|好些|好|稳定|便宜|靠谱)|换号了吗|找\S{1,4}就行"
    r"|还要(?:戴|测|扫|登记|做|交)\S{0,4}吗|是不是要\S{0,6}(?:批|审批|申请|登记|报备)"
    r"|装的是(?:啥|什么)"
    # 收据搞掉了能补开不, 保险能赔不, 水箱多久清洗一次, 草是哪家公司在管
    r"|能(?:补开|补办|补|赔|退)(?:不|吗)|多久\S{0,4}一次|哪家(?:公司)?在管"

)
# Asking whether a fee went up (物业费今年涨了吗): a question, however much it names.
_ASK_RISE = re.compile(r"(?:涨|涨价)了(?:吗|么|没)|要涨(?:价)?(?:吗|么)")
# Whether something can still be done (过期了还能取吗, 电梯还能用吗) or is allowed (电动车
# 能不能停到地下车库？) asks, however much it names.
_CAN_STILL = re.compile(
    r"还能(?:取|用|退|办|交|领|坐|进)吗|(?:能不能|可不可以|能否|可以)(?:停|放|装|养|带|进)\S{0,8}(?:吗|\?)"
)
# Under a quoted report, a reply that tells what was done about it (已经清理掉了, 问了园林所,
# 已经跟物业说了) is progress, and one that says the replier is on the way (我下班顺路带过去)
# is a claim.
_DONE_REPLY = re.compile(
    r"^(?:人已经?(?:放|救|接)?出来|(?:火|烟)已经?(?:灭|散))"
    r"|^\S{0,10}?已经?(?:清洗|清理|处理|修好|换好|换完|换了|投药|疏通|打扫|消杀|检查过|到场|安排"
    r"|锯掉|砍掉|剪掉|挪走|拖走|拉走|装好|装上|在路上)"
    # the work finished (管道疏通完了, 阀门关了 水停了)
    r"|^\S{0,6}?(?:疏通|清理|清掏|处理|修|换|装|弄|抢修)(?:完|好)了|^(?:阀门|总阀|总闸|水阀|气阀)\S{0,2}关(?:了|好了)"
    r"|^(?:已经?|刚刚?|都)?(?:清理|处理|修好|修了|联系|通知|上报|报修|报给|反映|安排|派人|找了|找过"
    r"|打了?\S{0,6}电话|问了|问过|叫了|喊了|去看了|去看过|敲过门|敲了门|[跟和给]\S{1,6}说(?:了|过))"
    # who or what was sent has come, or the work is under way (清掏车到了，正在抽)
    r"|^(?:师傅|维修师傅|维保|维保的人|维保的|电工|工人|保洁|\S{0,2}车|抽水泵|消防|民警|警察|燃气公司的人|物业的人)"
    r"(?:已经?)?(?:到了|来了|到场|在处理|在修|在抽|在弄|正在)"
)
_ON_MY_WAY = re.compile(
    r"^我\S{0,6}(?:带过去|送过去|送上去|带上去|拿过去|过去看|去看看|去看一下|来处理|来弄|来修|去处理"
    r"|去弄|去买|去帮|来帮|马上到|这就去|现在过去|马上过来|马上过去|这就过来|现在过来"
    r"|顺路\S{0,2}(?:买|带|送|捎)|送到)"
    # 我在物业值班，马上过来关阀门; 我就在附近，马上上去; 我在药店旁边，马上买了送过去
    r"|^我\S{0,8}[,\s]\S{0,2}(?:马上|这就|现在|立刻)\S{0,4}?(?:过来|过去|上去|下去|上来|到|送)"
    r"|^\S{0,4}已经?打了\S{0,2},?我\S{0,2}(?:在往|正往|往)\S{0,4}(?:跑|赶|去)"
    # 我是今天值班党员，已经打维保电话了，马上到
    r"|^我(?:是|在)\S{0,24}?(?:马上|这就|立刻)(?:到|过来|过去|赶到|赶过来)"
    # 我是物业，已经在往那边跑了
    r"|^我是\S{1,8}[,\s]\S{0,4}(?:在往|正往|往|在去)\S{0,6}(?:跑|赶|路上)"
    # taking it up with whoever can fix it (我找物业经理说一下)
    r"|^我\S{0,2}(?:去|来)?找\S{1,6}(?:说|问|反映|商量)"
)
# A question about how things stand (有人知道进度吗) asks for progress, it gives none.
_ASKING = re.compile(
    r"(?:吗|么|呢|\?|有\S{1,4}(?:没|没有|没得))$|有\S{1,4}(?:没|没有|没得)\?|(?:吗|么|呢)\?"
    r"|有人知道|谁知道|什么时候|啥时候|何时|几时|怎么样了|到哪(?:一步)?了|怎么还没(?:人|有人)"
)
# Asking about a numbered task (#19 现在啥子进度了, 书记 #44 派给谁了, #12和#13是不是一个事情,
# 我报的那个15号任务有人管没得哦): news of it asked, none given.
_ASKS_OF_TASK = re.compile(
    r"(?:啥子|什么|啥)进度|进度(?:如何|怎么样|咋样)|派给(?:谁|哪个|哪位)了?|谁在(?:跟|管|负责)"
    r"|是不是(?:一个|同一个|一回|一样的?)事|有\S{1,4}(?:没|没有|没得)(?:哦|啊|嘛|呢|呀)$"
)
# A task number as written (#12, 12号任务), and how short a thanks beside one is.
_REF_MARK = re.compile(r"#\s*\d+|\d+号?任务|任务\s*\d+")
_SHORT_THANKS = 6
# Asking how claiming works (怎么认领任务啊, 认领是什么意思 我们普通业主能认领吗): no claim.
_ASKS_HOW_TO_CLAIM = re.compile(
    r"(?:怎么|怎样|如何|咋个?|咋)(?:样)?(?:才能)?认领|认领是(?:什么|啥|啥子)|"
    r"(?:能|可以|能不能|可不可以)认领(?:吗|么|嘛|不|\?)"
)
# Asking after one's own report, with no number: 我的报修怎么样了, 我反映的问题有人管吗.
_MY_REPORT = re.compile(
    r"我(?:的|报的|反映的|家的|提的|说的|上次的)\S{0,4}(?:报修|报事|问题|任务|事情?|单子)"
    r"\S{0,6}(?:怎么样|咋样|如何|进展|进度|有人管|有人处理|没人管|处理了没|修了没|到哪)"
    # the thing named (我报的路灯修好了吗, 我前天反映的漏水怎么样了)
    r"|我\S{0,3}?(?:报|反映|报修|提)的\S{1,8}?(?:怎么样|咋样|如何|进展|进度|有人管|有人处理|没人管"
    r"|处理了没|修了没|修好没|修好了(?:吗|没)|有消息(?:吗|没)|到哪)"
)


def things_named(text: str) -> frozenset[str]:
    """The categories of the things a message names (电梯 → elevator, 漏水 → water); empty
    when it names none (还是不行, 又停了)."""
    lex = lexicon()
    named = set()
    for token in lex.tokens(normalise(text)):
        entry = lex.entries.get(token)
        if entry is not None and entry.role != "problem" and entry.category is not None:
            named.add(entry.category)
    return frozenset(named)


def asks_after_own_report(text: str) -> bool:
    """Whether the message asks how the sender's own report stands (the bot answers it)."""
    return ("我" in text or "俺" in text) and _MY_REPORT.search(normalise(text)) is not None


# Agreeing with what is quoted: 我也觉得, 同感, 确实, 说得对.
_AGREE = re.compile(r"^(?:我也(?:觉得|认为|这么觉得|这么想)|同感|确实|说得对|说的对|赞同|同意|就是就是|就是)")
_SHORT_OPINION = 8
# Asking whether the people are all right (人没事吧, 伤到没).
_CONCERN = re.compile(r"^\S{0,4}(?:没事吧|没事吗|没事儿吧|要紧吗|要不要紧|还好吗|受伤没|伤到没|伤着没)")
# Asking what to do or whom to call (要打哪个电话, 按哪个按钮, 贴在哪) is asking, even about
# an emergency: it is chat, and never urgent.
_ASK_HOW = re.compile(
    r"(?:打|按|拨)哪个(?!\S{0,3}都)|贴在哪"  # (not 按哪个键都没反应: whichever was pressed)
    # what one should do, asked as a choice (燃气泄漏了该打119还是燃气公司, 先关家里的还是楼道的)
    r"|(?:该|应该|是|到底)(?:先)?(?:打|找|关|联系|报)\S{0,12}还是|(?:该|应该)先(?:关|打|找)哪"
    # whether one may mend it oneself (插座坏了自己能换吗 还是要找电工)
    r"|自己(?:能|可以|会|能不能|可不可以)(?:换|修|弄|装|处理)(?:吗|么|不|嘛|\b)"
)
# Asking whether or where something happened, or what to keep ready, learning a tip: the
# writer knows of no danger (哪里着火了吗, 群里说的爆管是哪栋, 那个视频是我们小区吗, 家里要不
# 要备个灭火器, 学到了 电梯困人不要扒门).
_ASK_WHETHER = re.compile(
    r"(?:哪里|哪儿|哪家|哪栋)(?:着火|起火|失火)了?(?:吗|么)|群里(?:说|讲)的?\S{0,8}是(?:哪|在哪)"
    r"|视频是(?:哪|在哪)|是(?:不是)?我们(?:小区|这里|这边)的?(?:吗|么)"
    # whether a thing is allowed (过年能不能在小区放鞭炮啊)
    r"|^\S{0,4}(?:能不能|可不可以|可以|能)在\S{1,6}?(?:放鞭炮|放烟花|放炮|烧纸|烧香|摆摊)"
    r"|(?:^听说|群里(?:说|讲)).*?(?:真的假的|是真的吗|真的吗)"  # 谁在群里说车棚着火 是真的吗
    r"|(?:要不要|需不需要|该不该|有没有必要)(?:备|买|准备|配|装)(?:个|一个|几个|点|些)?"
    r"(?:灭火器|灭火毯|防毒面具|逃生绳|烟雾报警器|燃气报警器|应急)"
    r"|^(?:今天|刚刚?)?(?:学到了|学习了|涨知识了?|长知识了?|收藏了|记住了|get了)"
    # asking after someone of a known event (今天电梯关人那个小朋友没事吧)
    r"|那个\S{0,4}(?:小朋友|小孩|孩子|大爷|大妈|阿姨|老人|老太太|老太|婆婆|爷爷|奶奶|人)\S{0,3}"
    r"(?:没事吧|还好吗|要紧吗|咋个样了|怎么样了|好点没|好点了吗|好些没)"
    # 刚才困人那个出来了吗: asking after a known emergency's people
    r"|那个\S{0,3}(?:出来了|救出来了|放出来了|送医院了)(?:吗|么|没有?)"
)
# Advice given in answer (先按警铃, 记得关总阀, 可以打12345, 一般半小时到).
_ADVICE = re.compile(r"^(?:先|记得|最好|建议|可以|直接|一般)")
# Yes to a quoted question (有！！, 是7栋电梯里, 对的); yes to a quoted report adds nothing.
_YES = re.compile(r"^(?:有|是的|是|对的|对|嗯|确实)(?:[!,.\s]|$|(?=\d|[这那]))")
_ASKS = re.compile(r"\?|？|吗|有没有|是不是|谁|哪")
# A disaster as a figure of speech (做饭就跟着火了一样) is a joke, not a report; both it and
# _ASK_HOW make a message chat however urgent it sounds.
_SIMILE = re.compile(
    r"(?:跟|像|好像)\S{0,6}(?:着火|失火|火灾|发大水)\S{0,2}(?:一样|似的)|热得\S{0,8}(?:要|快)?(?:着火|冒烟|起火)"
    r"|(?:好热|太热|热死).{0,16}(?:要|快)着火了"
    r"|(?:脑袋|脑子|脑壳|头)(?:都)?(?:要|快)(?:冒烟|着火)"
    r"|比着火还|(?:烤|晒)(?:得)?着火|火都要(?:燃|烧)起来|钱包\S{0,2}漏气"
    r"|被困在(?:加班|高速|路上|堵车|会议|作业|工作|单位|公司|机场|购物车|被窝|题海)"
    r"|(?:嗓子|喉咙|嘴巴?)\S{0,2}(?:冒烟|着火)|辣得\S{0,4}(?:冒烟|着火|冒火)|热到\S{0,4}(?:冒烟|着火)"
    r"|(?:跟|像)电梯一样|坐电梯(?:一样)?往下|(?:做|写|搞|气|烦|累|逼)得\S{0,4}想跳楼"
    # 比水管爆了还吓人, 心情就像这电梯: a thing of the compound as a figure of speech
    r"|比\S{0,10}(?:爆了|着火|困人|漏水|停电|堵了|坏了|装修)\S{0,2}还"
    r"|(?:心情|心态|人生|股票|股市|成绩|血压|体重|工资|房价|脾气|日子)\S{0,3}(?:就像|像|跟)这?\S{0,6}(?:电梯|水管|下水道)"
    # 上班就跟被困电梯一样, 手机都要烧起来了, 跟天漏了一样
    r"|(?:跟|像)\S{0,2}(?:被困|困在|关在)\S{0,2}电梯\S{0,2}(?:一样|似的)"
    r"|(?:手机|电脑|键盘)\S{0,2}(?:都)?(?:要|快)(?:烧|炸|冒烟)|(?:脑子|脑壳)\S{0,2}(?:都)?(?:要|快)(?:烧|冒烟)"
    r"|天(?:都)?漏了"  # (not 脑壳都要炸了: how a real noise feels)
    r"|(?:股票|股市|基金|大盘)\S{0,8}(?:绿|红|跌|涨)"
)
# A new matter after something else (…，顺便说一下 南门的门禁又坏了; 另外问下 …).
_BY_THE_WAY = re.compile(r"顺便(?:说|问|提|反映|讲)(?:一下|下|个事|件事)?|另外(?:说|问|反映)(?:一下|下)|还有个事")
_MIN_ASIDE = 4
# A forwarded text: 转：燃气公司温馨提示 …
_FORWARDED = re.compile(
    r"^(?:转|转自|转载|转发)\s*:|^\[(?:转|转发|转载)\]|^转(?:给|发给)大家(?:看看|看下|看一下|参考)?"
)
# A notice never given (没有发停水通知, 也不通知一声): the fault is told, not announced.
_NO_NOTICE = re.compile(r"没(?:有)?(?:发|提前|事先)?\S{0,4}通知|不通知|也不通知")


# Words that deny a fault: a report found beside one (电梯没坏，是停电了) was read past a
# denial, which a model of bare character grams cannot do.
_NOT_BROKEN = frozenset({"没坏", "没有坏", "没问题"})


def _clauses(tokens: list[str]) -> list[list[str]]:
    clauses: list[list[str]] = [[]]
    for token in tokens:
        if token in _CLAUSE_BREAKS or not token.strip(_SEPARATORS):
            if clauses[-1]:
                clauses.append([])
        else:
            clauses[-1].append(token)
    return [c for c in clauses if c]


def _names_fault(lex: Lexicon, token: str, entry: Entry) -> bool:
    """A strong fault word that names its category itself (狗尿, 转悠), not a thing plus a
    fault (灯不亮)."""
    if entry.role != "both" or entry.weight < _STRONG:
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


def _weigh(lex: Lexicon, tokens: list[str]) -> Evidence:
    ev = Evidence()
    believed = past = past_day = when_next = habitual = False
    clauses = _clauses(tokens)
    live: list[str] = []  # the clauses neither calm nor past, for situations.tsv
    lift = any(t.startswith(_LIFT) for t in tokens)
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
            if "joke" in cue and clause[i - 1 : i] in (["不是"], ["没"], ["没有"], ["并非"], ["没在"]):
                continue  # 不是开玩笑！！电梯真的困人了: said to be no joke
            kinds |= cue
            if i and clause[i - 1] in _OFTEN_WORDS and token in lex.urgent:
                kinds.add("habit")  # 电梯老是关人: what it does now and then, not now
        text = "".join(clause)
        requested = _REQUEST.match(text) is not None
        if _PAST_TIME.match(text) or _ever(lex, clause):
            kinds.add("past")
        if _BROKE_AGAIN.search(text):
            kinds.add("still")  # 刚修好就坏: fixed, then broken again
        if _CONTRAST.match(text) and any(
            (e := lex.entries.get(t)) is not None and e.role != "object" for t in clause
        ):
            kinds.add("still")  # 后来放出来了，可这电梯一个礼拜坏两回: the fault goes on
        if kinds & _PRESENT:
            past = False
            # 差点 tells how near it came, not when: 前天…，差点砸到人 is still the day before.
            past_day = past_day and not any(
                t not in _NEAR and lex.cues.get(t, frozenset()) & _PRESENT for t in clause
            )
        elif "past" in kinds:
            past = True
        elif past and not requested:
            kinds.add("past")
        # A time said alone goes on into the next clause (明天上午9点到12点 3栋停水检修).
        if when_next and not kinds & _PRESENT:
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
        if "就" in text and _HABIT.search(text):
            kinds = kinds | {"habit"}  # 一到8楼就往下掉一截, 一下雨水就往楼道里灌: each time, not now
        if "habit" in kinds:
            habitual = True
        elif habitual and not kinds & _PRESENT and not requested:
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
        elif believed and text.startswith(("原来", "结果是", "结果原来", "其实是", "其实就是")):
            kinds = kinds | {"worry", "resolved"}  # the scare before it was a mistake
        elif ev.last_resolved >= 0 and text.startswith(("是", "原来是", "据说是", "听说是")):
            kinds = kinds | {"past"}  # 火已经灭了，是一楼那家电瓶烧了: the cause of what is over
        believed = believed or any(t in _BELIEF for t in clause) or "吓" in text
        believed = believed or ("说" in text and _HEARD.search(text) is not None)
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
    if (len(live) > 1 or (live and len(live[0]) >= _RUN_ON)) and not ev.denied and not ev.kinds & _SETTLED:
        _match_situations(lex, " ".join(live), ev)
    return ev


def _candidates(lex: Lexicon, clause: str) -> list[int]:
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
    for i in _candidates(lex, clause):
        pattern = patterns[i]
        match = pattern.regex.search(clause)
        if match is None or _NEGATED.search(clause, max(0, match.start() - 2), match.start()):
            continue
        _add_pattern(ev, pattern, match.group(0), calm)


# A message that says the danger is over or elsewhere anywhere has no situation in it
# (今天闻到的气味是燃气公司在排空管道，已确认安全).
_RUN_ON = 16
_SETTLED = frozenset({"resolved", "over", "news", "drill", "joke"})


def _match_situations(lex: Lexicon, live: str, ev: Evidence) -> None:
    """Add what situations.tsv finds across the live clauses of a message (they are
    joined by spaces; a pattern that needs one clause only belongs in patterns.tsv)."""
    for pattern in _situations_in(lex, live):
        match = pattern.regex.search(live)
        if match is not None:
            _add_pattern(ev, pattern, match.group(match.lastindex or 0), False)


def _situations_in(lex: Lexicon, text: str) -> list[Pattern]:
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


def _category(ev: Evidence) -> str | None:
    if not ev.categories:
        return "other" if ev.problem >= _OTHER_MIN else None
    return max(ev.categories.items(), key=lambda item: item[1])[0]


# Laughing emoji (gone from the normalised text): a light tone, a chat cue of its own.
_LAUGH = re.compile(r"😂|🤣|😆|😄|\[(?:偷笑|笑哭|破涕为笑|奸笑|呲牙)\]")
_BLOCKED_IN = ("出不去", "出不来")
# Smoke of curing meat or a barbecue, and no fire named.
_CURING = re.compile(r"熏(?:腊肉|腊肠|香肠|肉)|烧烤|烤肉")
_FIRE = re.compile(r"着火|起火|失火|火灾|火苗|明火|烧起来")
# (but smoke come into a home, or choking someone, is a danger whatever made it)
_SMOKE_IN = re.compile(r"屋头|屋里|家里|我家|房间|呛|咳|睁不开|喘不")
# The water is cut, and nothing said to be flooding.
_NO_WATER = re.compile(r"没水|停水|断水")
_FLOODING = re.compile(r"淹|灌|漫|喷|涌|冒|一地|到处都是")


def _still_urgent(norm: str, category: str, words: list[str]) -> list[str]:
    """The urgent words of a message that the whole message leaves standing: none for
    noise (救命啊！！！楼上又开始电钻了), a lift said to hold nobody (停在两层中间，里面没人),
    or a wall's plaster that missed someone and fell no more (墙皮掉下来了，差点砸到人);
    none of the spraying words for a garden sprinkler (喷灌头坏了，一直在喷水)."""
    if category == "noise":
        return []
    if category == "elevator" and _NOBODY_INSIDE.search(norm):
        return []
    if "差点" in norm and _FELL_OFF_A_WALL.search(norm) and not (
        _THROWN.search(norm) or _STILL_FALLING.search(norm)
    ):
        return []
    if "喷灌" in norm:
        return [w for w in words if "喷" not in w]
    if _CURING.search(norm) and not (_FIRE.search(norm) or _SMOKE_IN.search(norm)):
        return [w for w in words if "烟" not in w]  # 熏腊肉的人好多 整个小区都是烟: the season's smoke
    if category == "water" and _NO_WATER.search(norm) and not _FLOODING.search(norm):
        return []  # 外头修路把水管挖爆了 小区没水了: a cut, nothing flooding
    return words


def _danger_category(ev: Evidence, category: str) -> str:
    """The category the danger names, in a message urgent whatever its category, when it
    names one other than the category found and the message's words speak of it too:
    电梯卡在8楼和9楼之间 里面有个老人家 is the lift's, not help for the old;
    地下室好多水往上冒，电梯井都灌进去了 is water's."""
    live = [cat for _, cat, needs_now in ev.urgent if not needs_now or "now" in ev.kinds]
    named = {cat for cat in live if cat is not None}
    if None not in live or len(named) != 1 or category in named:
        return category  # only where the message is urgent whatever its category
    (danger,) = named
    return danger if ev.categories.get(danger, 0.0) > 0 else category


def _is_urgent(ev: Evidence, category: str) -> tuple[bool, list[str]]:
    words = [
        word for word, cat, needs_now in ev.urgent
        if (cat is None or cat == category) and (not needs_now or "now" in ev.kinds)
        # Blocked in by a car (车横起停起，我们都出不去了) is parking, nobody is trapped.
        and not (category == "parking" and cat is None and word.endswith(_BLOCKED_IN))
    ]
    return bool(words), words


def parse(text: str) -> Reading:
    """Read one group message into intent, category, urgency, location and task numbers."""
    return _read(text, top=True)


def _read(text: str, top: bool = False) -> Reading:
    """parse() of a message (top) or of a part of one: a quoted message, what follows
    "顺便", a question and its answer read together. The linear classifiers (opinions.py)
    judge only whole messages, the texts they were trained on."""
    text = text[: MAX_CHARS * 4]
    quote = split_quote(text)
    said = quote.text if quote else text
    norm = normalise(said)
    location = find_location(norm)
    if _COMMAND.match(norm):
        return Reading("command", location=location, task_refs=tuple(command_refs(norm)),
                       keywords=(norm.split()[0],), confidence=1.0)
    lex = lexicon()
    tokens = lex.tokens(norm)
    refs = tuple(find_refs(norm))
    if not refs and quote is None and _knows_nothing(lex, tokens, norm):
        return Reading("chat", location=location, confidence=0.9)
    aside = None
    if quote is None and ("顺便" in norm or "另外" in norm or "还有个事" in norm):
        aside = _BY_THE_WAY.search(norm)
    if aside is not None and aside.start() > 0 and len(norm) - aside.end() >= _MIN_ASIDE:
        # 寻物启事没人理，那顺便说一下 南门的门禁又坏了: what comes after is the report.
        after = _read(norm[aside.end():])
        if after.intent == "report":
            return after if after.location.building is not None else replace(
                after, location=location
            )
    ev = _weigh(lex, tokens)
    known = not lex.words.isdisjoint(tokens)  # (a message naming nothing stays chat: see _chat)
    if _LAUGH.search(said):
        ev.kinds.add("laugh")  # the model may then veto a report (opinions.unlikely)
    cue_words = [t for t in dict.fromkeys(tokens) if t in lex.cues]
    reply = quote is not None

    def cues_of(*kinds: str) -> tuple[str, ...]:
        return tuple(w for w in cue_words if lex.cues[w] & set(kinds))

    category = _category(ev)
    quoted_category = None
    if quote is not None and ev.problem > 0 and not ev.categories:
        # A fault told under a quoted message is about the thing it names (修好个屁 又停了
        # under "电梯已经修好了"; 5栋也坏了 under a lift report).
        quoted_category = _category(_weigh(lex, lex.tokens(normalise(quote.quoted))))
        category = quoted_category or category
    report_like = ev.problem >= _REPORT_MIN and category is not None
    guess = None if quoted_category else second_opinion(norm, ev, category, report_like)
    if guess is not None:
        category, report_like = guess, True
    terse = not report_like and _terse(lex, tokens, norm, location)
    if terse:
        category, report_like = _category(ev), True
    if refs and report_like and not cues_of("progress", "resolved"):
        refs, location = _leading_building(norm, refs, location)
    claim_words, me = lex.claims(norm)
    short = len(_NOISE.sub("", norm)) <= _SHORT_CLAIM
    if "lost" not in ev.kinds and not _ASKS_HOW_TO_CLAIM.search(norm):
        explicit = tuple(w for w in claim_words if "认领" in w)
        if refs and not claim_words and (_CLAIM_LEAD.match(norm) or _TAKEN.match(norm)):
            claim_words = (norm.split()[0],)
        if claim_words and "thanks" in ev.kinds and not refs and not any("我" in w for w in claim_words):
            claim_words = ()  # 感谢陈姐认领，速度太快了: thanks for someone else's claim
        if claim_words and (not report_like or refs or reply or explicit or _THIS_ONE.match(norm)):
            return Reading("claim", location=location, task_refs=refs,
                           keywords=claim_words, confidence=0.95 if refs or reply else 0.85)
        if me and (short or reply or refs or _THIS_ONE.match(norm)):
            return Reading("claim", location=location, task_refs=refs, keywords=me,
                           confidence=0.9 if refs or reply else 0.75)
    progress_words = cues_of("progress", "accept", "resolved")
    if not refs and _MY_REPORT.search(norm) and "still" not in ev.kinds:
        return _chat(norm, location, top, ev, known, confidence=0.8)  # asks, reports nothing new
    told = [w for w in progress_words if re.search(re.escape(w) + _ASKED_AFTER_WORD, norm)]
    if refs and not told and ("?" in norm or _ASKING.search(norm) or _ASKS_OF_TASK.search(norm)):
        # A question about a numbered task (69号任务都超期三天了，谁在跟？) asks for news of
        # it; it gives none.
        return Reading("chat", location=location, task_refs=refs, confidence=0.7)
    if refs and "thanks" in ev.kinds and not progress_words and (
        len(_NOISE.sub("", _REF_MARK.sub("", norm))) <= _SHORT_THANKS
    ):
        # Only thanks beside a task number (#12 辛苦王哥了): no news of the task.
        return Reading("chat", location=location, task_refs=refs, confidence=0.7)
    if refs:
        return Reading("progress", location=location, task_refs=refs, keywords=progress_words,
                       confidence=0.95 if progress_words else 0.7)
    on_way = _ON_MY_WAY.match(norm) if reply and "?" not in norm else None
    if on_way and not cues_of("resolved") and _read(quote.quoted).intent == "report":  # type: ignore[union-attr]
        # On the way to a quoted report, whatever was done first (已经联系维保，马上到): taken.
        return Reading("claim", location=location, keywords=(on_way[0],), confidence=0.75)
    if reply and progress_words and not (report_like and "still" in ev.kinds):
        # (不是说修好了吗，还没修好，又停了 under "已修好" reports the fault again)
        return Reading("progress", location=location, keywords=progress_words, confidence=0.8)
    quoted_text = quote.quoted if quote is not None else ""
    if reply and not ev.urgent and not _YES.match(norm) and (
        _ASKING.search(norm) or _ADVICE.match(norm)
    ) and (_ASKS.search(quoted_text) or _read(quoted_text).intent == "chat"):
        # A question or advice under a quoted notice or question (3栋哪个单元？全部都停吗;
        # 先按轿厢里的警铃，再打维保电话) talks about it; it reports nothing.
        return _chat(norm, location, top, ev, known, confidence=0.8)
    agreed = _AGREE.match(norm) if reply else None
    if agreed and len(_NOISE.sub("", norm[agreed.end():])) <= _SHORT_OPINION and (
        location.building is None and location.unit is None
    ):
        # Agreeing with a quoted message in a few words (我也觉得物业太差了, 同感) adds
        # nothing to it: no new report.
        return _chat(norm, location, top, ev, known, keywords=(agreed[0],), confidence=0.75)
    if reply and _CONCERN.match(norm):
        # Asking after the people under a quoted emergency (人没事吧？赶紧报警) is concern
        # and advice; the emergency is the quoted message's.
        return _chat(norm, location, top, ev, known, confidence=0.8)
    done = None if "?" in norm else _DONE_REPLY.match(norm) or _ON_MY_WAY.match(norm)
    if reply and "still" not in ev.kinds and done:
        if _read(quote.quoted).intent == "report":  # type: ignore[union-attr]
            intent = "progress" if done.re is _DONE_REPLY else "claim"
            return Reading(intent, location=location, keywords=(done[0],), confidence=0.75)
    strong = cues_of("progress")
    if strong and not report_like and "thanks" not in ev.kinds and not _ASKING.search(norm):
        return Reading("progress", location=location, keywords=strong, confidence=0.6)
    chat_words = cues_of("ad", "lost", "notice", "thanks", "past", "resolved", "worry",
                         "future", "meeting")
    if report_like and category is not None:
        whole_chat = bool(ev.kinds & {"ad", "lost", "aside", "news", "joke"})
        whole_chat |= bool(_FORWARDED.match(norm) or _HEADING.match(norm))
        hearsay = bool(_HEARSAY.match(norm) and (_ELSEWHERE.search(norm) or _MEDIA.match(norm)))
        figure_or_asking = bool(_SIMILE.search(norm) or _ASK_HOW.search(norm))
        figure_or_asking |= bool(_ASK_WHETHER.search(norm))
        outside = location.building is None and bool(_OUTSIDE.search(norm))
        # (a laugh at a fix that did not hold, 笑死 说好的修好了 结果…还是没反应, is no joke)
        laughing = bool(_LAUGHTER.match(norm)) and not (
            "still" in ev.kinds and category not in (None, "other")
        )
        whole_chat |= hearsay or figure_or_asking or laughing or bool(_INVITE.search(norm))
        whole_chat |= outside
        whole_chat |= bool(
            _OWN_APPLIANCE.search(norm) and _ASKS_NEIGHBOURS.search(norm) and not _NOT_OWN.search(norm)
        )
        whole_chat |= bool(_WHOSE.search(norm) and _KEPT.search(norm))
        # (nor when a later clause says it is still so: 通知说停电到中午，现在天都黑了还没来电)
        # (not when a later clause says it is so now, or the notice was never given:
        # 通知说晚上停电，怎么现在下午就停了; 没有发停水通知啊，十一栋怎么突然没水了)
        whole_chat |= (
            bool(ev.first_clause_kinds & {"notice", "drill"})
            and ev.last_still <= 0
            and not (ev.kinds - ev.first_clause_kinds) & _PRESENT
            and not _NO_NOTICE.search(norm)
        )
        whole_chat |= (
            bool(_ASK_INFO.search(norm)) and ev.problem < _STRONG and "still" not in ev.kinds
        )
        whole_chat |= ev.last_resolved > ev.last_still
        # A scare of a recent day that ended well, and nothing said to be so now
        # (上个礼拜电梯关了个人 还好十分钟就出来了) is told, not reported.
        whole_chat |= (
            "past_day" in ev.first_clause_kinds
            and not ev.kinds & _PRESENT
            and any(w in _PEOPLE_SAFE for w in cue_words)
        )
        whole_chat |= bool(_CAN_STILL.search(norm)) and "still" not in ev.kinds
        whole_chat |= bool(_ASK_RISE.search(norm)) and "still" not in ev.kinds
        category = _danger_category(ev, category)
        urgent, urgent_words = _is_urgent(ev, category)
        if urgent:
            urgent_words = _still_urgent(norm, category, urgent_words)
            urgent = bool(urgent_words)
        # Rescued or put out since (困了个快递小哥，已经救出来了，但电梯还停在那): the
        # problem stays, the emergency is over.
        # A step taken against a gas or fire danger that did not end it (关了阀门开了窗，
        # 还是有点) leaves it urgent; a rescue (后来放出来了) ends it however the fault goes on.
        left_a_danger = category == "safety" and ev.over_by_step
        urgent = urgent and (ev.last_over <= ev.last_urgent or left_a_danger) and (
            ev.last_resolved <= ev.last_urgent
            or (category == "safety" and ev.last_still > ev.last_resolved)
        )
        urgent = urgent and not ev.denied
        # An emergency outweighs a notice or an aside, not news or an all-clear (放心, 修好了).
        # A joke, a notice heading or forwarded news is not an emergency however it reads.
        news = bool(ev.kinds & {"news", "joke"}) or bool(_FORWARDED.match(norm) or _HEADING.match(norm))
        news |= hearsay or figure_or_asking or outside or bool(_LAUGHTER.match(norm))
        if (not whole_chat or (urgent and not news and "resolved" not in ev.kinds)) and not (
            unlikely(norm, location, urgent, ev)
            or (top and not urgent and not terse and not ev.unsaid and linear_chat(norm, location, ev))
            or (top and urgent and told_not_urgent(norm))
        ):
            if top and (urgent or category in DANGEROUS):
                urgent = linear_urgent(norm, urgent)
            keywords = [*ev.keywords.get(category, []), *ev.keywords.get("problem", [])]
            keywords += [w for w in urgent_words if w not in keywords]
            confidence = 0.45 + 0.08 * min(ev.problem, 4) + 0.04 * min(
                ev.categories.get(category, 0.0), 5
            )
            if ev.discounted:
                confidence -= 0.15
            if urgent:
                confidence = max(confidence, 0.9)
            return Reading("report", category=category, urgent=urgent, location=location,
                           keywords=tuple(dict.fromkeys(keywords)),
                           confidence=round(min(confidence, 0.97), 2))
    adds = location.building is not None or location.unit is not None or ev.problem > 0
    adds = adds or bool(_LEVEL.search(norm))
    if quote is not None and not chat_words and adds and _ME_TOO.search(norm):
        # "Here too" names where, or what more is wrong (我们24栋也是, 我们这边电梯也是，往下走
        # 的时候晃得厉害); a bare 我家也是 / +1 adds nothing to the quoted report.
        echoed = _echo(quote.quoted, location)
        if echoed is not None:
            return echoed
    if quote is not None and not chat_words and _YES.match(norm) and _ASKS.search(quote.quoted):
        # "有！！11幢这边越来越浓" under "有没有人闻到烧焦的味道": the answer says yes to
        # what the quoted message asks about, and where.
        answered = _read(f"{quote.quoted}，{quote.text}")
        if answered.intent == "report":
            if location.building is not None:
                answered = replace(answered, location=location)
            return answered
    confidence = 0.9 if chat_words or ev.problem == 0 else 0.7
    return _chat(norm, location, top, ev, known, keywords=chat_words, confidence=confidence)


def _chat(norm: str, location: Location, top: bool, ev: Evidence, known: bool, **fields: Any) -> Reading:
    """The chat reading of a whole message, unless it asks nothing and the linear chat
    classifier is sure it is a report (opinions.linear_report)."""
    if top and "?" not in norm and not _ASKING.search(norm):
        long_enough = len(_NOISE.sub("", norm)) >= _PROMOTE_BARE
        named = ev.problem > 0 or (bool(ev.categories) and long_enough)
        filed = linear_report(norm, location, ev, named) if named or (long_enough and known) else None
        if filed is not None:
            return filed
    return Reading("chat", location=location, **fields)


# A message naming a thing but no fault is filed by the linear classifier only when it says
# more than the thing (电梯 alone is chat): at least this many characters, signs and numbers
# left out.
_PROMOTE_BARE = 4


def _knows_nothing(lex: Lexicon, tokens: list[str], norm: str) -> bool:
    """True when no word of the tables, no phrasing pattern, no situation and no claim is
    in the message: then nothing below can read it as more than chat (大家好, 收到, 哈哈哈),
    and most messages of a group are such."""
    if not lex.words.isdisjoint(tokens) or any(lex.claims(norm)):
        return False
    patterns = lex.patterns
    clauses = ["".join(c) for c in _clauses(tokens)]
    if any(patterns[i].regex.search(text) for text in clauses for i in _candidates(lex, text)):
        return False
    joined = " ".join(clauses)
    if len(clauses) < 2 and len(joined) < _RUN_ON:
        return True
    return not any(s.regex.search(joined) for s in _situations_in(lex, joined))


_PLACE_WORDS = frozenset({"栋", "幢", "号楼", "楼", "单元", "号", "层", "室", "座"})


def _terse(lex: Lexicon, tokens: list[str], norm: str, location: Location) -> bool:
    """A bare thing shouted or placed (电梯！！, 5栋 灯): nothing but object words of one
    category, with a building or an exclamation mark."""
    if "!" not in norm and location.building is None:
        return False
    cats = set()
    for token in tokens:
        if not token.strip(_SEPARATORS) or token.isdigit() or token in _PLACE_WORDS:
            continue
        entry = lex.entries.get(token)
        if entry is None or entry.role != "object" or entry.category is None:
            return False
        cats.add(entry.category)
    return len(cats) == 1


def _leading_building(norm: str, refs: tuple[int, ...],
                      location: Location) -> tuple[tuple[int, ...], Location]:
    """A report that starts "3号 电梯已经坏了" names building 3, not task 3, unless it speaks
    of tasks (任务, 认领, #)."""
    lead = LEADING.match(norm)
    if lead is None or refs != (int(lead[1]),) or TASK_CONTEXT.search(norm):
        return refs, location
    if location.building is None:
        location = replace(location, building=refs[0])
    return (), location


def _echo(quoted: str, location: Location) -> Reading | None:
    """A "here too" reply to a quoted report: the same problem, at the replier's place."""
    first = _read(quoted)
    if first.intent != "report":
        return None
    there = first.location
    if location.building is None:
        location = replace(location, building=there.building,
                           unit=location.unit if location.unit is not None else there.unit)
    return replace(first, location=location, keywords=("也", *first.keywords),
                   confidence=round(max(first.confidence - 0.1, 0.5), 2))
