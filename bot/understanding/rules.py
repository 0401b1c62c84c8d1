"""The reading rules: command, then claim, then progress, then report or chat, read from
the evidence of weighing.py."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.understanding.evidence import TOLD, Evidence
from bot.understanding.lexicon import Lexicon, lexicon
from bot.understanding.location import find_location, without_correction
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
from bot.understanding.weighing import (
    PRESENT,
    RUN_ON,
    SEPARATORS,
    STRONG,
    candidates,
    situations_in,
    split_clauses,
    weigh,
)

_SHORT_CLAIM = 8
# Thanks to someone by name for their claim (感谢老张认领了#12，大家就不要重复认领了).
_THANKED_CLAIM = re.compile(r"^(?:感谢|谢谢|多谢)(?:[^我\s,]{0,6}?)认领")
# A task of before, named to say its fault is back (上次#12修的那个电梯今天又不动了).
_RECALLED_TASK = re.compile(r"(?:上次|上回|之前|以前|前几天|上个月)\s*(?:的|那个)?\s*(?:#\s*\d|\d{1,9}\s*号任务)")
# A numbered task of long ago told of (去年#12那个油烟任务折腾了半年才解决, 上回#12那个电梯修完
# 真的稳多了), or asked why the bot still shows it open (我记得#23早就修好了啊 怎么还显示进行中):
# no news of it.
_LONG_AGO_TASK = re.compile(r"^(?:去年|前年|上回|上次|当初)\S{0,2}(?:#\s*\d|\d{1,9}\s*号)")
_STILL_SHOWN = re.compile(r"还(?:显示|是)\S{0,2}(?:进行中|没完成|未完成|未处理|没处理|处理中|待处理|没关)")
_REPORT_MIN = 2.0
_OTHER_MIN = 3.0
_COMMAND = re.compile(r"^/\s*[^\s/:]")  # (a space after the slash is still a command: / 帮助)
_NOISE = re.compile(r"[\s\d#,.!?;:。、…~()\[\]「」\-]+")
# A word asked after, not told (修好了吗, 处理了没): what follows it when it is told.
_ASKED_AFTER_WORD = r"(?!\s*(?:了)?(?:吗|么|没|没有|如何|怎样|怎么样|咋样|\?))"
# "Here too" under a quoted report: 我们3单元也是黑的, 我家也一样.
# The replier names where (家, 单元, 这边); an opinion (我也是这么想的) does not count.
_ME_TOO = re.compile(
    r"(?:家|楼|单元|栋|层|这边|这里|那边|我们|我这|(?<![A-Za-z])[A-Za-z]\d{1,2})\S{0,3}也(?:是|一样|这样|那样|坏|停|没|漏|不|黑|臭|吵|堵|闻到|听到)"
    r"(?!\S{0,4}(?:想|觉得|认为|说|同意|支持|赞成))|同样的?问题"
)
# The replier alone, when they say where (我也闻到了，1栋3单元六楼最明显; 我也是！3栋地库).
_ME_TOO_THERE = re.compile(r"^我也(?:是|闻到|听到|看到|遇到)(?!\S{0,4}(?:想|觉得|认为|说|同意|支持|赞成))")
# A reply that opens with where (在3栋1单元！！已经打了119): the quoted report, placed.
_WHERE_FIRST = re.compile(r"^(?:在|是|就在)?\s*\d{1,4}\s*(?:栋|幢|号楼|座)")
# A level of a car park (B2也是黑的) is a place of its own.
_LEVEL = re.compile(r"(?<![A-Za-z])[Bb]\d{1,2}(?!\d)")
# A notice heading: 温馨提示：…, 【停电通知】…
_HEADING = re.compile(
    r"^[\[【]?\s*(?:温馨提示|友情提示|通知|公告|紧急通知|停水通知|停电通知|[^\s:]{0,4}(?:通知|提醒|小贴士|小知识|小常识))\s*[\]】:]"
    r"|^[^\s:]{0,16}(?:活动|招募|倡议)\s*:|^[^\s:]{0,8}(?:同志们|各位|大家)注意\s*:"  # 本周六上午九点主题党日活动：清理楼道小广告
)
# The people came out of it well (not a fire put out, whose cause may still be there).
_PEOPLE_SAFE = frozenset({"还好人没事", "人没事", "还好没事", "幸好没事", "没大碍", "就出来了", "人出来了",
                          "都出来了", "已经出来了", "人已经出来了", "现在出来了", "自己出来了",
                          "开门出来了"})
# Part of a building come loose (墙皮掉下来了，差点砸到人), not a thing thrown from height.
_FELL_OFF_A_WALL = re.compile(r"墙皮|瓷砖|墙砖|天花板|吊顶|石膏|抹灰|水泥块")
_THROWN = re.compile(r"扔|抛|丢|甩|往下倒")
_STILL_FALLING = re.compile(
    r"(?:正在|还在|在|一直在|不停地?)(?:往下)?掉"
    r"|还有\S{0,4}(?:松了|松动|在晃|要掉|快掉)"  # 外墙还有几块松了在晃: more to come
)
# A lift said to hold nobody (停在两层中间，里面没人): out of order, no one shut in.
_NOBODY_INSIDE = re.compile(r"里面(?:没人|没有人)(?!\S{0,2}(?:管|来|应|理))")
# An invitation (有人一起去不, 约起), not a problem.
_INVITE = re.compile(
    r"有(?:没有)?人\S{0,2}一起|一起去(?:不|吗|吧|嘛|没)|约起|(?:邻居|大家|朋友们?)\S{0,2}一起(?:哈|吧|来|参加)"
    r"|大家\S{0,2}(?:去|来)(?:听|参加|报名)"  # 社区在架空层讲防诈骗 大家去听一哈
)
# A claim word leading a task number: 认领一下 #15, 接单 12, 我报名陪诊，任务#40, 算我一个，#40
# (认领一下 alone asks others; 算我一个 alone joins a group buy).
_CLAIM_LEAD = re.compile(
    r"^(?:认领|(?:接单){1,2}|接手|接(?=\s*#|\s+\d)|领了领了|领了|领|算我一个|(?:我|俺)也?(?:报名|可以帮忙|能帮忙|来帮忙|来一个)(?:一下)?\S{0,4}?)(?:一下)?"
    r"[\s!,.~]*(?:第|任务)?\s*#?\s*\d"
)
# A task number, then taken: #17 领了, 12号我接了.
# Signing up under a quoted request (我年轻力气大 算我一个; 我报名 周三周四我可以).
_COUNT_ME_IN = re.compile(r"算我一个[!.~]*$|^我报名(?!参加|参与)")
# Taken in words beside a task number (任务27 我和老王一起去, 报名！18号任务算我一个, 我拿过去 #44,
# 任务19 我们第二党小组负责, 任务#33 我可以去).
_TAKES_THE_NUMBER = re.compile(
    r"算我一个|(?:^|\s)我\S{0,2}(?:拿|送|带)过去|"  # 报名！18号任务算我一个; 我家有灭火器 我拿过去 #44
    r"(?:^|\s)我们\S{0,6}?负责(?:了|吧)?$|"  # 任务19 我们第二党小组负责
    r"(?:^|\s|号)我(?:和|跟|带着?)\S{1,4}?(?:一起|一块儿?)(?:去|过去|来|弄|处理|跟)"
    r"|(?:^|\s)我(?:可以|能)(?:去|过去)(?![^\s]{0,2}(?:吗|么|\?))"  # 任务#33 我可以去 下班顺路
)
# A task named by what it was, then done by the sender (那个落水管的任务我上午弄好了).
_MY_TASK_DONE = re.compile(
    r"(?:那个|这个)\S{1,12}?的?任务\S{0,2}我\S{0,6}?(?:弄好|修好|处理好|搞定|办好|办妥|完成|换好|清理好|疏通)"
)
_TAKEN = re.compile(r"^#?\s*\d{1,9}\s*号?\s*(?:单子|任务|单)?\s*(?:我)?(?:领了|认了|接了|领走|拿下了?|拿了|报名|算我一个)")
# Taking "this one" with a bare 我来/我去: 这个我去 我认得电工.
_THIS_ONE = re.compile(
    r"^(?:这个|这单|这件|这事|这活|这个活|这个任务|这个单子|这单子)\s*(?:我来|我去|我接|给我|我领了|我认领了|我包了|我先上)"
    # this one, to be done by the sender (我来弄这个 我家里有工具, 我来弄吧 我家有人字梯, 我报名这个)
    r"|^我(?:来|去)(?:弄|修|处理|搞|换)(?:这个|这件|这事)|^我(?:来|去)(?:弄|修|处理|搞|换|帮忙)(?:吧|啊|哈)?(?=[,\s!]|$)"
    r"|^我报名(?:这个|这单|这件)|^这个\S{1,8}的\s*(?:我来|我去|我包了|交给我)|^\S{1,12}?那个\s*(?:算我一个|我来|我去|我包了|归我)"
    # an errand named, then taken (王爷爷买菜的事我包了)
    r"|^\S{1,12}?的(?:事|事情|事儿|活|活儿)\s*(?:我来|我去|我包了|我负责|交给我|我接了|我管了)"
    # 我来，我下班就过去看 (not the 我去 of surprise: 我去，谁把车停在我家车位上, 我去，刚才那个闪电)
    r"|^(?:我来|我去|我接){1,2}(?=[,!])(?![,!]+\s*(?:谁|哪个|哪家|什么|啥|咋|怎么|又|居然|竟然|真是|太|刚才|刚刚|吓|笑|原来"
    r"|被|牛|绝了|厉害|好(?!的)|天哪|这么|那么|快看))"
    r"|^[^,.!?\s]{1,10}?那个\s*(?:单子|任务|活儿?|事儿?)?\s*(?:我来|我去|我接|给我)"  # 车库进水那个我来
    r"|^那个[^,.!?\s]{1,10}?(?:我来|我去|我接|给我)"  # 那个三号楼的灯我来弄吧
)
# A quoted question of who comes along to a pastime (今天谁去跳舞, 周六哪个去赶场): a bare
# 我去 under it joins the outing, it takes no task.
_OUTING = re.compile(
    r"(?:谁|哪个|哪些|哪位|有没有人|有人|一起)\S{0,6}?(?:跳舞|广场舞|赶场|赶集|爬山|打牌|打麻将|麻将|钓鱼"
    r"|遛弯|散步|唱歌|合唱|太极|聚餐|逛街|喝茶|下棋|旅游|踏青|游泳|打球|跑步|看电影|吃饭)"
)
# A bare taking (领, 领了, 我领), or a bare 我 under a quoted report or task: a claim with
# nothing else said.
_BARE_TAKE = re.compile(r"(?:领|领了|我领|我领了|接了)[!~.]*")
_BARE_ME = re.compile(r"(?:我|俺)[!~.]*")
# Who is speaking, said first (我是党员小周，这单我来): the claim is what follows.
_SELF_INTRO = re.compile(r"^(?:我是|我也是)(?:党员|物业|楼长|网格员|志愿者|电工|水电工|维修工|医生|护士)[^,.!?\s]{0,6}?[,\s]+")
# Hearsay about somewhere else (听说隔壁县城那个小区着火了) is news, not a report.
_HEARSAY = re.compile(
    r"^(?:听说|据说|听人说|听别人说|听讲|网传|看到新闻|看新闻|朋友圈|刷到|抖音上|看抖音|刷抖音)"
    r"|^(?:刚|刚刚|今天|昨天)?(?:看|刷)了?(?:个|一个|条|一条)视频"
    r"|^\S{0,8}(?:亲戚|朋友|同事|同学)(?:说|讲)|^\S{0,4}(?:孩子|娃|儿子|女儿)(?:放学)?回来(?:说|讲)"
    r"|^隔壁(?!楼|栋|幢|单元|家|邻居|门)\S{0,4}(?:那边|小区)"
)
# Seen in a video or a post: somewhere else unless the message names a place of ours.
_MEDIA = re.compile(
    r"^(?:我)?(?:刚|刚刚|今天|昨天)?(?:网传|看到新闻|看新闻|刷到|(?:抖音|快手|微博|视频号|朋友圈)上?(?:看到|刷到|说)"
    r"|(?:看|刷)(?:了)?(?:个|一个|条|一条)?(?:抖音|快手|视频|新闻)|(?:抖音|快手|微博|视频号)上那个)"
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
    # the city's roads and lights, one's workplace (路口那个红绿灯, 单位那边又停电了; not 小区外面那条路)
    r"|单位那边|我(?:们)?公司|我(?:们)?单位|红绿灯|(?<!小区)(?<!门)外面那条\S{0,3}(?:路|道)|地铁(?:站|口)那边"
    r"|外[面边](?:的)?(?:大马路|主干道|大街)|(?:高铁站|火车站|汽车站|机场|老家)那边"
    # the city's roads, one's home town (市政路又在挖, 国道边上, 老家下暴雨 我妈家全淹了)
    r"|市政路|国道|省道|^\S{0,4}?老家"
)
_ELSEWHERE = re.compile(r"隔壁|别[的处家]小区|那个小区|有个小区|他们小区|对面小区|外地|[县市省镇乡村]|新闻|网上|那边|学校|单位|公司")
# A message opening with laughter is a joke or banter (哈哈 我孙子说…).
# (not when it turns serious at once: 哈哈哈不是 真的 楼下在冒烟)
_LAUGHTER = re.compile(
    r"^(?:哈哈|呵呵|嘿嘿|笑死|hhh|233)(?!\S*[\s,]*(?:不是[\s,]*真的|说真的|没开玩笑|不是开玩笑))",
    re.IGNORECASE,
)
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
# Telling neighbours not to report it (不用再报了, 大家别报了): it is known or fixed.
_NO_NEED = re.compile(r"(?:别|不用|不要|无需|不必)再?报(?:了|修)")
# A pet lost or found (谁家的狗丢了 在3栋楼下转悠呢): lost and found, wherever it was seen.
_PET = re.compile(r"(?:猫|狗|泰迪|比熊|柯基|金毛|鹦鹉|八哥|兔)")
# A question after information (where to pay, what it costs, a phone number), not a problem:
# 电费在哪里交, 外来车辆怎么收费的, 物业值班电话是多少来着, 物业费涨没涨.
_ASK_INFO = re.compile(
    r"(?:哪里|哪儿|哪|什么地方)(?:交|缴|办|扔|丢|放|领|买|登记|充|报名)"
    r"|怎么(?:收费|交|缴|办理|登记|申请|报名|充值|预约)|收费标准"
    r"|(?:电话|号码|多少钱|费用?)是?多少|(?:电话|号码)是?好多|多少来着|有\S{0,10}(?:电话|号码)(?:吗|么|没)"
    r"|(?:能不能|可不可以|可以)用\S{0,4}(?:付|交|缴)"
    r"|(?:涨|收|交)没(?:涨|收|交)|是不是(?:又)?要(?:涨|收)"
    # (是不是可以到居委会现场登记, 电动车进楼道充电的都罚款吗 我想知道具体规定)
    r"|(?:是不是可以|能不能|可不可以)(?:到|去)\S{1,8}?(?:登记|办理|报名|申请)|罚款吗|罚不罚|罚多少|具体规定"
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
    # how a charge is reckoned (快递柜超时收费是怎么算的, 停车费咋算)
    r"|(?:怎么|咋|如何|咋个)(?:算|计算|计费)(?:的|呢|啊)?$"

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
    r"^(?:人(?:已经?)?(?:放|救|接)?出来了?|(?:火|烟)(?:已经?|也)?(?:灭|散|没了))"
    r"|^\S{0,10}?已经?(?:清洗|清理|处理|修好|换好|换完|换了|投药|疏通|打扫|消杀|检查过|到场|安排"
    r"|锯掉|砍掉|剪掉|挪走|拖走|拉走|装好|装上|在路上|放完气|放过气|放了气|断电|断了电|拉了?闸|关了?(?:总)?(?:闸|阀)"
    r"|下来了|领回去|接走|锁上|锁好)"
    # the work finished (管道疏通完了, 阀门关了 水停了)
    r"|^\S{0,6}?(?:疏通|清理|清掏|处理|修|换|装|弄|抢修)(?:完|好)了|^(?:阀门|总阀|总闸|水阀|气阀)\S{0,2}关(?:了|好了)"
    r"|^(?:已经?|刚刚?|都)?(?:清理|处理|修好|修了|联系|通知|上报|报修|报给|反映|安排|派人|找了|找过|去过了"
    r"|打了?\S{0,6}电话|问了|问过|叫了|喊了|去看了|去看过|敲过门|敲了门|[跟和给]\S{1,6}说(?:了|过))"
    # who or what was sent has come, or the work is under way (清掏车到了，正在抽)
    r"|^(?:师傅|维修师傅|维保|维保师傅|维保的人|维保的|电工|工人|保洁|\S{0,2}车|抽水泵|消防|民警|警察|燃气公司的人|物业的人)"
    r"(?:已经?)?(?:到了|来了|到场|在处理|在修|在抽|在弄|正在|在检修|在维修|在抢修|在排查)"
    # people moved on (已经劝离了，城管也来了)
    r"|^(?:已经?|刚)?(?:劝离|劝走|赶走|撵走|叫走|请走)了?"
    # an errand done (这周的菜已经送过去了, 药送到了, 已经陪刘爷爷看完回来了)
    r"|^\S{0,8}?(?:已经?)?(?:送|带|拿|捎)(?:过去|到|上去|上门|回来|回家)了|^(?:已经?|刚)?陪\S{1,6}?(?:看完|回来了|去过了|办完)"
)
# Who is called to, said first (奶奶我马上到, 王姐 我这就过去): the answer is what follows.
_VOCATIVE = re.compile(
    r"^[^\s,.!?]{0,2}(?:奶奶|阿姨|大爷|爷爷|叔叔|叔|大姐|姐|大哥|哥|婆婆|孃孃|嬢嬢|阿婆|阿公|师傅)[,\s!]*(?=我)"
)
# Going now, said after other words (我有401的钥匙 他们托我照看的 我这就过去看看).
_GOING_NOW = re.compile(r"(?:^|[,\s])我(?:这就|马上|现在就?|立刻)(?:过去|过来|上去|下去|赶过去|到)")
_ON_MY_WAY = re.compile(
    r"^我\S{0,6}(?:带过去|送过去|送上去|带上去|拿过去|过去看|过来看看|过来看一下|过来修|去看看|去看一下|来处理|来弄|来修|去处理"
    r"|去弄|去买|去帮|来帮|马上到|这就去|现在过去|马上过来|马上过去|这就过来|现在过来"
    r"|这就上去|这就下去|马上上去|马上下去|(?:现在|马上|这就|立刻)就?(?:过去|过来|上去|下去|到)|去敲门|上门"
    r"|顺路\S{0,2}(?:买|带|送|捎)|送到)"
    # passing by anyway (我下午正好去医院，顺路帮阿姨拿了)
    r"|^我\S{0,10}[,\s]*(?:顺路|顺便)\S{0,2}(?:帮\S{0,4}?)?(?:买|带|送|捎|拿|取)"
    # going with someone at a time said (我和老伴下午去撕)
    r"|^我(?:和|跟)\S{1,3}?(?:今天|明天|下午|上午|晚上|等会儿?|待会儿?|马上)?就?(?:去|过去)"
    # near, and going (我离得近 我拿灭火器过去)
    r"|^我\S{0,2}(?:离得近|住得近|就在附近|在附近|就在旁边)[,\s]+我?\S{0,6}(?:过去|过来|上去|下去|送去)"
    # 我在物业值班，马上过来关阀门; 我就在附近，马上上去; 我在药店旁边，马上买了送过去
    r"|^我\S{0,8}[,\s]\S{0,2}(?:马上|这就|现在|立刻)\S{0,4}?(?:过来|过去|上去|下去|上来|到|送)"
    r"|^\S{0,4}已经?打了\S{0,2},?我\S{0,2}(?:在往|正往|往)\S{0,4}(?:跑|赶|去)"
    # 我是今天值班党员，已经打维保电话了，马上到
    r"|^我(?:是|在)\S{0,24}?(?:马上|这就|立刻)(?:到|过来|过去|赶到|赶过来)"
    # 我是物业，已经在往那边跑了
    r"|^我是\S{1,8}[,\s]\S{0,4}(?:在往|正往|往|在去)\S{0,6}(?:跑|赶|路上)"
    # taking it up with whoever can fix it (我找物业经理说一下)
    r"|^我\S{0,2}(?:去|来)?找\S{1,6}(?:说|问|反映|商量)"
    # going at a time said, and nothing more (我下午去, 我下班就过去)
    r"|^我(?:今天|明天|下午|上午|中午|晚上|待会儿?|等会儿?|一会儿?|下班后?)就?(?:去|过去|上去)(?:吧|哈|啊)?[!.~]*$"
    # joining the help a quoted report asks for (算我一个，我力气大; a group buy quoted is no report)
    r"|^算我一个"
    # going along with whoever needs it (我陪她去，明早九点楼下等; 我周四调休，我陪刘爷爷去)
    r"|^我(?:来)?陪(?:她|他|您|你|老人家?|阿姨|大爷|奶奶|爷爷)\S{0,2}去"
    r"|^\S{0,10}?[,\s]我(?:来)?陪\S{1,6}?去(?!过|了)"
    # going at a time said, after a word on oneself (我会弄这个，我下班过去)
    r"|^\S{0,12}?[,\s]我(?:今天|明天|下午|上午|中午|晚上|待会儿?|等会儿?|一会儿?|下班后?)就?(?:过去|上去|上门|去你家)"
    # bringing what was asked for (我明天正好去 我帮您带)
    r"|^我\S{0,8}?帮(?:您|你)(?:带|捎|买|拿|取)"
    # offering oneself under a request for help (我可以，周末下午有空; 我有车，明天我陪他去)
    r"|^我(?:可以|有空|有车)(?=[,\s!.]|$)"
    # on one's way past it (收到 我下班顺路带个灯泡过去; 我顺路 我给带过去)
    r"|^(?:收到|好的|好|行)?[,\s]*我\S{0,4}顺路\S{0,2}(?:带|捎|拿|送)\S{0,4}过去"
    r"|^我\S{0,4}顺路[,\s]+我\S{0,2}(?:给|帮)?(?:带|捎|送|买|拿)"
)
# A scare that was none (问清楚了，是楼下饭馆炒辣椒，虚惊一场): no news of a task.
_FALSE_ALARM = re.compile(r"虚惊一场|误会一场|是误报|误报了|^是\S{1,8}[,\s]\S{0,8}(?:每年|每次|经常)都这样")
# Whoever was sent has come and is at the work (水暖师傅到了 在楼下关阀门呢, 电梯公司的人到了
# 正在往外救人): news of the work, from whoever saw it.
_AT_WORK = re.compile(
    r"^((?:\S{0,6}师傅|维保\S{0,3}|\S{1,6}的人|工人|电工)(?:已经)?(?:到了|来了|上楼了|上去了))[,\s]*正?在(?!哪|干嘛|干啥)\S"
)
# A question about how things stand (有人知道进度吗) asks for progress, it gives none.
_ASKING = re.compile(
    r"(?:吗|么|呢|\?|有\S{1,4}(?:没|没有|没得))$|有\S{1,4}(?:没|没有|没得)\?|(?:吗|么|呢)\?"
    r"|有人知道|谁知道|什么时候|啥时候|何时|几时|怎么样了|到哪(?:一步)?了|怎么还没(?:人|有人)"
)
# Asking about a numbered task (#19 现在啥子进度了, 书记 #44 派给谁了, #12和#13是不是一个事情,
# 我报的那个15号任务有人管没得哦): news of it asked, none given.
_ASKS_OF_TASK = re.compile(
    r"(?:啥子|什么|啥)进度|进度(?:如何|怎么样|咋样)|派给(?:谁|哪个|哪位)了?|谁在(?:跟|管|负责)|是谁(?:认领|接|领)的|谁(?:来|去)认领|是(?:啥|什么)(?:内容|事|情况)"
    r"|是不是(?:一个|同一个|一回|一样的?)事|有\S{1,4}(?:没|没有|没得)(?:哦|啊|嘛|呢|呀)$"
    # (第15个任务完成了没, #20 是哪栋的来着)
    r"|了(?:没|没有)$"
    # (1号任务为什么关闭, #3 怎么就关了)
    r"|(?:为什么|为啥|凭什么|怎么|咋)(?:就|给)?(?:关闭|关掉|关)了?(?!门|窗|总|阀|水|电|火|灯)"
    # (#30还要多久啊, 第15个任务是谁负责的呀, 十二号任务咋还没人管, #7进展咋样了, #21 报上去到现在都没人回复)
    r"|还要多久|要等多久|是谁负责|谁负责的?|是谁(?:修|弄|搞|处理)(?:好)?的|(?:咋|怎么)还没人|没人(?:管|理|回复|回应|跟进?|认领)"
    r"|进展(?:如何|怎么样|咋样)"
    # (请问15号任务现在啥进度了, 任务7是啥来着 我忘了, #5 #6 这俩是不是重复了, 请问任务12号是修哪个电梯的)
    r"|^请问|想问(?:一?下)?(?:进度|进展|情况)|来着(?=[\s,.!]|$)|是不是(?:重复|同一个人|一个人)|(?<!查到|知道|找到|查出|问到)是(?:修)?哪(?:个|栋|里|儿|家)"
    r"|(?:可以|能不能|要不要|是不是该)合并|是(?:我|你|他|她|谁)的吗"
    # (#40 都超期五天了 啥情况啊, 你那个8号任务到底还做不做了, 第18号任务还没人接, #31 是谁点的完成)
    r"|啥情况|什么情况|咋回事|怎么回事|(?P<a>做|修|管|接|弄|干)不(?P=a)|没人接|是谁(?:点|关|标|改)的?"
)
# Asking when something will be done or who did it (什么时候能修好, 是谁修好的): the word of a fix after it
# tells no news.
_WHEN_ASKED = re.compile(r"(?:什么时候|啥时候|何时|几时|多久|能不能|能否|谁)\S{0,3}$|(?:啥子?|什么|问一?下|问问)$")
# A task number as written (#12, 12号任务), and how short a thanks beside one is.
_REF_MARK = re.compile(r"#\s*\d+|\d+号?任务|任务\s*\d+")
_SHORT_THANKS = 6
# A resident's thanks for a numbered task, not its holder's news (谢谢 #12 的志愿者，灯修得真快;
# #19 那个是我报的，谢谢你们这么快处理; #12 辛苦啦，电梯好用多了): thanks to someone first,
# the sender the one who reported it, or praise of the result; the holder's 已修好，谢谢大家
# tells what was done.
_RESIDENTS_THANKS = re.compile(
    r"^(?:感谢|谢谢|多谢|辛苦)(?!大家|各位|大伙|配合)|我报的|是我(?:反映|提)的"
    r"|(?:好用|清爽|干净|方便|安静|亮堂)多了|(?:修|弄|处理|搞)得(?:真|太|好|很|特别|又)|太漂亮|真快|没得说"
)
_DONE_TOLD = re.compile(r"已经?|送到|完成|完毕|搞定|请\S{0,6}验收|验收一下")
# Asking how claiming works (怎么认领任务啊, 认领是什么意思 我们普通业主能认领吗): no claim.
_ASKS_HOW_TO_CLAIM = re.compile(
    r"(?:怎么|怎样|如何|咋个?|咋)(?:样)?(?:才能)?认领|认领是(?:什么|啥|啥子)|"
    r"(?:能|可以|能不能|可不可以)认领(?:任务)?(?:吗|么|嘛|不|\?)"
    # 认领任务以后多久要办完啊, 我试了下发 认领 俩字: about claiming, not a claim
    r"|认领(?:任务)?(?:以后|之后)\S{0,6}(?:多久|几天|多长时间)|(?:发|回复|打)了?\s*[“\"']?认领\s*[”\"']?\s*(?:俩|两个)字"
    # 认领任务是直接回复“我来”就行吗: how it is done, asked
    r"|认领(?:任务)?(?:是|要|得)\S{0,12}(?:就行|就可以|才行)(?:吗|么|嘛|\?)"
    # 请问认领了之后做不完怎么办: what comes after, asked
    r"|认领(?:了)?(?:之后|以后|后)\S{0,10}(?:怎么办|咋办|咋个办|怎么弄|要干嘛|做什么)"
    # 那个认领任务是咋弄的, 党员认领任务有积分吗: how it goes, what it brings
    r"|认领(?:任务)?(?:是|要)?(?:咋|怎么|如何)(?:弄|搞|操作|办|回事)|认领(?:任务)?有\S{0,4}(?:吗|么|嘛)"
    # 我认领的任务能转给别人吗, 是不是每个人都得认领, 认领和号码中间要不要空格, 我不是要认领哈,
    # 我还以为认领要写申请书呢, 怎么看我自己认领了几个任务: asked or told about claiming
    r"|认领的(?:任务)?(?:能|可以|能不能|可不可以)\S{0,8}(?:吗|么|嘛|\?)|(?:都|也)?(?:得|要|必须)认领\S{0,8}(?:吗|么|嘛|\?)"
    r"|认领\S{0,6}(?:要不要|需不需要|用不用)|不是要认领|以为认领|认领了几个"
)
# Asking after one's own report, with no number: 我的报修怎么样了, 我反映的问题有人管吗.
_MY_REPORT = re.compile(
    r"我(?:的|报的|反映的|家的|提的|说的|上次的)\S{0,4}(?:报修|报事|问题|任务|事情?|单子)"
    r"\S{0,6}(?:怎么样|咋样|如何|进展|进度|有人管|有人处理|没人管|处理了没|修了没|到哪)"
    # the thing named (我报的路灯修好了吗, 我前天反映的漏水怎么样了, 我昨天报的那个电梯怎么还没人来修)
    r"|我\S{0,3}?(?:报|反映|报修|提)的\S{1,8}?(?:怎么样|咋样|如何|进展|进度|有人管|有人处理|没人管"
    r"|处理了没|修了没|修好没|修好了(?:吗|没)|有消息(?:吗|没)|到哪|还没(?:有)?人(?:来|管|修|处理))"
)

# Asking whether anyone is on a thing, naming no fault and no place (电梯有人来修了没, 灯的事
# 有人管了吗): news asked of a thing reported before, nothing new told.
_ANYONE_ON_IT = re.compile(
    r"^(?:那个|这个)?([^\s,.!?]{1,5}?)(?:的事|那个事|的问题|那事)?(?:到底|现在|究竟)?"
    r"有(?:没有)?人(?:来)?(?:管|修|处理|看)(?:过|了)?(?:吗|么|没|没有|没得)[?啊呀呢哦]*$"
)
_FAULT_CHARS = frozenset("坏漏堵停臭响断破掉裂烂不没积爆烧冒")


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


def kinds_named(text: str) -> frozenset[str]:
    """The categories the words of a message weigh toward, things, faults and phrasings
    (电梯, 吵, 漏了, 晕倒); empty for a bare call for help or a nudge (快来人管管啊)."""
    lex = lexicon()
    return frozenset(weigh(lex, lex.tokens(normalise(text))).categories)


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
    # how to tell it next time (以后电梯关人可以直接在群里喊吗？还是要打电话)
    r"|^(?:以后|下次|万一)\S{0,10}(?:可以|能|要|该)(?:直接)?(?:在群里|群里)\S{0,4}(?:吗|么|嘛|\?)"
)
# Asking whether or where something happened, or what to keep ready, learning a tip: the
# writer knows of no danger (哪里着火了吗, 群里说的爆管是哪栋, 那个视频是我们小区吗, 家里要不
# 要备个灭火器, 学到了 电梯困人不要扒门).
_ASK_WHETHER = re.compile(
    r"(?:哪里|哪儿|哪家|哪栋)(?:着火|起火|失火)了?(?:吗|么)|^(?:哪里|哪儿)(?:着火|起火|失火|漏)了?\?|群里(?:说|讲)的?\S{0,8}是(?:哪|在哪)"
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
_YES = re.compile(
    r"^(?:有|是的|是|对的|对|嗯|确实)(?:[!,.\s]|$|(?=\d|[这那]))"
    r"|^(?:我们|我家|咱们)\S{0,6}也有(?:[!,.\s]|$)"  # 我们2栋也有，越来越浓了 under "谁家楼道里有烧焦味？"
)
_ASKS = re.compile(r"\?|？|吗|有没有|是不是|谁|哪")
# A disaster as a figure of speech (做饭就跟着火了一样) is a joke, not a report; both it and
# _ASK_HOW make a message chat however urgent it sounds.
_SIMILE = re.compile(
    r"(?:跟|像|好像)\S{0,6}(?:着火|失火|火灾|发大水)\S{0,2}(?:一样|似的)"
    # a life likened to a fault (工资卡跟停水了一样, 脾气跟煤气罐似的, 心态跟10栋的电梯一样)
    r"|(?:跟|像)\S{0,4}(?:停水|停电|断电|断水|漏水|漏气|煤气罐|爆管|水管爆|电梯)\S{0,3}(?:一样|似的)|热得\S{0,8}(?:要|快)?(?:着火|冒烟|起火)"
    r"|(?:好热|太热|热死|天热|这么热|热的).{0,16}(?:要|快)着火了|感觉\S{0,10}(?:要|快)着火了"
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
    # worn out or angered past bearing (辅导作业辅导到心脏骤停, 气得我吐血, 累到心梗)
    r"|(?:辅导|作业|气|累|烦|笑|加班)\S{0,6}(?:到|得)我?\S{0,2}(?:心脏骤停|心梗|脑溢血|吐血)"
)
# A new matter after something else (…，顺便说一下 南门的门禁又坏了; 另外问下 …).
_NEWS_THEN_HERE = re.compile(
    r"^(?P<news>.{2,50}?(?:新闻|视频|朋友圈|转的|别的小区|隔壁小区|外地|网上)\S{0,30}?)[,\s!?]+(?:不过|但是|可是)?\s*"
    r"(?P<here>(?:咱们|我们|咱|我家)\S.{4,})$"
)
_BY_THE_WAY = re.compile(
    r"顺便(?:说|问|提|反映|讲)(?:一下|下|个事|件事)?|另外(?:说|问|反映|提)(?:一下|下)|还有个事|另外(?=\d{1,3}(?:栋|号楼|幢))"
    # after greetings and thanks, the matter itself: 先说声辛苦了 …… 今天想说个事 电梯按钮没反应
    r"|(?:想|要)(?:跟|给|和|向)?\S{0,3}(?:说|反映|讲)(?:个|件|一个|一件)事(?:情|儿)?|有(?:个|件)事(?:情|儿)?(?:想|要)(?:说|反映|麻烦)"
)
_MIN_ASIDE = 4
# A correction opening the message (不对不对，刚才打错了，; 更正一下：): what follows is the report.
_CORRECTION_LEAD = re.compile(
    r"^(?:(?:不对|更正|纠正)(?:不对)?(?:一下)?|(?:刚才|刚刚|上面)?我?(?:说|写|打|发)错了)[,:\s]+"
    r"(?:(?:刚才|刚刚|上面)?我?(?:说|写|打|发)错了[,:\s]+)?"
)
# A forwarded text: 转：燃气公司温馨提示 …
_FORWARDED = re.compile(
    r"^(?:转|转自|转载|转发)\s*:|^\[(?:转|转发|转载)\]|^转(?:给|发给)大家(?:看看|看下|看一下|参考)?"
)
# A notice never given (没有发停水通知, 也不通知一声): the fault is told, not announced.
_NO_NOTICE = re.compile(r"没(?:有)?(?:发|提前|事先)?\S{0,4}通知|不通知|也不通知")


def _category(ev: Evidence) -> str | None:
    if not ev.categories:
        return "other" if ev.problem >= _OTHER_MIN else None
    return max(ev.categories.items(), key=lambda item: item[1])[0]


# Laughing emoji (gone from the normalised text): a light tone, a chat cue of its own.
_LAUGH = re.compile(r"😂|🤣|😆|😄|\[(?:偷笑|笑哭|破涕为笑|奸笑|呲牙)\]")
_BLOCKED_IN = ("出不去", "出不来")
_IN_CAR = re.compile(r"(?:人|孩子|小孩|娃|老人|宝宝|我|我们|他|她)\S{0,2}(?:在|锁在|困在|关在)车(?:里|内)")
_CAR_BLOCKS = re.compile(r"^(?!.*车(?:里|内|上))\S*?车\S{0,12}?(?:堵|挡|横)")
_EDGE_NOISE = re.compile(r"[\s,.!?~]")
# Smoke of curing meat or a barbecue, and no fire named.
_CURING = re.compile(r"熏(?:腊肉|腊肠|香肠|肉)|烧烤|烤肉")
_FIRE = re.compile(r"着火|起火|失火|火灾|火苗|明火|烧起来")
# (but smoke come into a home, or choking someone, is a danger whatever made it)
_SMOKE_IN = re.compile(r"屋头|屋里|家里|我家|房间|呛|咳|睁不开|喘不")
# The water is cut, and nothing said to be flooding.
_NO_WATER = re.compile(r"没水|停水|断水")
_FLOODING = re.compile(r"淹|灌|漫|喷|涌|冒|一地|到处都是")
# Water let loose: a cry for help over it is a flood, over a drip or weak pressure it is not.
_POURING = re.compile(
    _FLOODING.pattern + r"|泡|进水|哗哗|淌|呲|滋|爆|溢|水柱|满地|越来越多|涨|往下流|流到|冲下来|往下冲|止不住|没过"
)


def _still_urgent(norm: str, category: str, words: list[str]) -> list[str]:
    """The urgent words of a message that the whole message leaves standing: none for
    noise (救命啊！！！楼上又开始电钻了), a lift said to hold nobody (停在两层中间，里面没人),
    or a wall's plaster that missed someone and fell no more (墙皮掉下来了，差点砸到人);
    none of the spraying words for a garden sprinkler (喷灌头坏了，一直在喷水, 喷灌管子裂了 一直在往外冒水)."""
    if category == "noise":
        return []
    if category == "elevator" and _NOBODY_INSIDE.search(norm):
        return []
    if "差点" in norm and _FELL_OFF_A_WALL.search(norm) and not (
        _THROWN.search(norm) or _STILL_FALLING.search(norm)
    ):
        return []
    if "喷灌" in norm:
        return [] if category == "water" else [w for w in words if "喷" not in w]
    if _CURING.search(norm) and not (_FIRE.search(norm) or _SMOKE_IN.search(norm)):
        return [w for w in words if "烟" not in w]  # 熏腊肉的人好多 整个小区都是烟: the season's smoke
    if category == "water" and _NO_WATER.search(norm) and not _FLOODING.search(norm):
        return []  # 外头修路把水管挖爆了 小区没水了: a cut, nothing flooding
    if category == "water" and _WET_ONLY.issuperset(words) and not _POURING.search(norm):
        return []  # 快来人啊！！水管接头一直滴滴答答, 窗台全是水: a drip or a wet floor, nothing pouring
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


# Cries for help make a danger urgent, not a rat (救命！！！楼道里有只好大的老鼠 is no emergency).
_CRIES = frozenset({"救命", "快来人", "来人", "救救", "救人"})
# A wet floor (地上全是水) is a flood only when water pours too; a cry over it adds nothing.
_WET_ONLY = _CRIES | {"全是水"}
# (A cry beside a tree or a window may be a person hurt: only kinds that never hurt anyone
# by themselves; a dark stairwell is no emergency, 救命 or not.)
_HARMLESS = frozenset({"sanitation", "noise", "parking", "epidemic", "property", "power"})


def _blocked_in(norm: str, category: str) -> bool:
    """Whether 出不去 / 出不来 tells of being blocked in by a car (车横起停起，我们都出不去了;
    谁的车堵在车库卷帘门口了 我出不去了), not of someone shut in one (人还在车里出不来)."""
    if "车" in norm and _IN_CAR.search(norm):
        return False
    return category == "parking" or ("车" in norm and _CAR_BLOCKS.search(norm) is not None)


def _is_urgent(ev: Evidence, category: str, blocked_in: bool = False) -> tuple[bool, list[str]]:
    words = [
        word for word, cat, needs_now in ev.urgent
        if (cat is None or cat == category) and (not needs_now or "now" in ev.kinds)
        and not (blocked_in and cat is None and word.endswith(_BLOCKED_IN))
    ]
    if words and category in _HARMLESS and _CRIES.issuperset(words):
        return False, []
    return bool(words), words


# What a message told with three exclamation marks may still be: habitual, past, feared.
_NOT_NOW = frozenset({"habit", "past", "past_day", "worry", "future", "news", "joke", "drill"})
# A danger shouted and nothing else but where (煤气！！！！16栋, 烟！！！39栋 楼梯间).
_SHOUTED = re.compile(r"(煤气|燃气|天然气|液化气|烟|浓烟|黑烟|火|着火)(?:味|了|啦|啊)?!{2,}")
_WHERE_WORDS = re.compile(r"[\d\s!,.~-]|栋|幢|号楼|单元|楼|层|室|座")
# A call for help and nothing more, but where (快来人啊, 来人啊！！ 5栋, 救命！！！): a danger of no kind
# named, so none is guessed (a lift's hint would send people to the wrong help).
# (快来人管管啊 asks for someone to see to something unnamed: no emergency, and of no kind.)
_BARE_CALL = re.compile(r"(?:有人吗\s*)?(?:快来人|快来个人|快点来人|来人|救命|救救我|救人)(管管|管一下)?(?:啊|呀|哪|啦)?")


def _only_where(rest: str, location: Location) -> bool:
    """Whether what follows a shouted danger says only where it is."""
    if location.place:
        rest = rest.replace(location.place, "")
    return not _WHERE_WORDS.sub("", rest)


def _without_intro(norm: str) -> str:
    """The message after who is speaking, said first (我是党员小周，这单我来 → 这单我来)."""
    return _SELF_INTRO.sub("", norm, 1) if norm.startswith("我") else norm


def _claim_at_an_edge(norm: str, claim_words: tuple[str, ...]) -> bool:
    """A first-person claim opening or closing the message (交给我吧 我去买药, 那个送菜的我来吧,
    这个困人的我来处理): the task it names is taken, however much the words name a problem."""
    bare = _EDGE_NOISE.sub("", norm)
    tail = bare.rstrip("吧啊哈呀啦")  # 送菜这事我来负责吧
    return any("我" in w and (bare.startswith(w) or bare.endswith(w) or tail.endswith(w)) for w in claim_words)


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
    norm = without_correction(norm)  # 17栋电梯坏了 哦不对 是18栋，我看错了: no false alarm
    if _COMMAND.match(norm):
        return Reading("command", location=location, task_refs=tuple(command_refs(norm)),
                       keywords=(norm.split()[0],), confidence=1.0)
    if "!!" in norm and (shout := _SHOUTED.match(norm)) and _only_where(norm[shout.end():], location):
        return Reading("report", category="safety", urgent=True, location=location,
                       keywords=(shout[1],), confidence=0.9)
    if ("来" in norm or "救" in norm) and (call := _BARE_CALL.match(norm)) and _only_where(
        norm[call.end():], location
    ) and not _LAUGH.search(said):  # (救命😂 laughs)
        nudge = call[1] is not None
        return Reading("report", category="other" if nudge else "safety", urgent=not nudge,
                       location=location, keywords=(call[0],), confidence=0.7 if nudge else 0.9)
    lex = lexicon()
    tokens = lex.tokens(norm)
    refs = tuple(find_refs(norm))
    if not refs and quote is None and _BARE_TAKE.fullmatch(norm):
        return Reading("claim", location=location, keywords=(norm,), confidence=0.75)  # 领!
    if not refs and quote is None and _knows_nothing(lex, tokens, norm):
        return Reading("chat", location=location, confidence=0.9)
    aside = None
    if quote is None and ("顺便" in norm or "另外" in norm or "事" in norm):
        aside = _BY_THE_WAY.search(norm)
    if aside is not None and aside.start() > 0 and len(norm) - aside.end() >= _MIN_ASIDE:
        # 寻物启事没人理，那顺便说一下 南门的门禁又坏了: what comes after is the report
        # (unless what comes before is one: 垃圾桶三天没人倒了，顺便说一句路灯也坏了).
        after = _read(norm[aside.end():])
        if after.intent == "report" and _read(norm[: aside.start()]).intent != "report":
            return after if after.location.building is not None else replace(
                after, location=location
            )
    if quote is None and ("我" in norm or "咱" in norm) and (here := _NEWS_THEN_HERE.match(norm)) is not None:
        # 刚看到新闻说别的小区电梯困人了，咱们3栋2单元这台今天也一直卡在7楼: news of elsewhere,
        # then what is so here, which is reported (the news alone stays chat).
        after = _read(here["here"])
        if after.intent == "report":
            return after if after.location.building is not None else replace(after, location=location)
    if quote is None and (fixing := _CORRECTION_LEAD.match(norm)) and len(norm) - fixing.end() >= _MIN_ASIDE:
        # 不对不对，刚才打错了，是5栋电梯坏了，不是3栋: the report said again, rightly.
        after = _read(norm[fixing.end():])
        if after.intent == "report":
            return after if after.location.building is not None else replace(after, location=location)
    ev = weigh(lex, tokens)
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
        quoted_category = _category(weigh(lex, lex.tokens(normalise(quote.quoted))))
        category = quoted_category or category
    if quote is not None and location.building is not None and (
        _WHERE_FIRST.match(norm) or _ME_TOO_THERE.match(norm)
    ) and not (ev.kinds & TOLD or set(ev.categories) - {"property", "parking"}) and (
        echoed := _echo(quote.quoted, location)
    ) is not None:
        # 在3栋1单元！！已经打了119 under "电梯困人了", 我也是！3栋地库 under "车位被占": the
        # quoted report, placed (what the reply names besides is the staff or the car park)
        return echoed
    report_like = ev.problem >= _REPORT_MIN and category is not None
    guess = None if quoted_category else second_opinion(norm, ev, category, report_like)
    if guess is not None:
        category, report_like = guess, True
    terse = not report_like and _terse(lex, tokens, norm, location)
    if terse:
        category, report_like = _category(ev), True
    if refs and report_like and not cues_of("progress", "resolved"):
        refs, location = _leading_building(norm, refs, location)
    if refs and report_like and "still" in ev.kinds and _RECALLED_TASK.search(norm):
        refs = ()  # 上次#12修的那个电梯今天又不动了: broken again, a new report
    if quote is not None and (_BARE_ME.fullmatch(norm) or _BARE_TAKE.fullmatch(norm) or _COUNT_ME_IN.search(norm)) and (
        _read(quote.quoted).intent == "report"
    ):
        return Reading("claim", location=location, task_refs=refs, keywords=(norm,), confidence=0.75)
    claim_words, me = lex.claims(norm)
    if reply and claim_words and _DONE_REPLY.match(norm) and not any("我" in w or "认领" in w for w in claim_words):
        claim_words = ()  # 已经处理好了，昨天师傅上门接了管子 under a report: done, not taken
    said_claim = _without_intro(norm)
    if not claim_words and not me and (this_one := _THIS_ONE.match(said_claim)):
        claim_words = (this_one[0],)  # 我报名这个, 这个我先上, 帮老太太买菜那个算我一个
    short = len(_NOISE.sub("", said_claim)) <= _SHORT_CLAIM
    if "lost" not in ev.kinds and not _ASKS_HOW_TO_CLAIM.search(norm):
        explicit = tuple(w for w in claim_words if "认领" in w)
        if refs and not claim_words and (_CLAIM_LEAD.match(norm) or _TAKEN.match(norm) or _TAKES_THE_NUMBER.search(norm)):
            claim_words = (norm.split()[0],)
        if claim_words and "thanks" in ev.kinds and (not refs or _THANKED_CLAIM.match(norm)) and not any(
            "我" in w for w in claim_words
        ):
            claim_words = ()  # 感谢陈姐认领，速度太快了; 感谢老张认领了#12: thanks for someone else's claim
            if refs:
                return Reading("chat", location=location, task_refs=refs, confidence=0.7)
        if claim_words and (
            not report_like or refs or reply or explicit or _THIS_ONE.match(said_claim)
            or _claim_at_an_edge(norm, claim_words)
        ):
            return Reading("claim", location=location, task_refs=refs,
                           keywords=claim_words, confidence=0.95 if refs or reply else 0.85)
        outing = quote is not None and not refs and _OUTING.search(quote.quoted) is not None
        if me and not outing and (short or reply or refs or _THIS_ONE.match(said_claim)):
            return Reading("claim", location=location, task_refs=refs, keywords=me,
                           confidence=0.9 if refs or reply else 0.75)
    progress_words = cues_of("progress", "accept", "resolved")
    if not refs and _MY_REPORT.search(norm) and "still" not in ev.kinds:
        return _chat(norm, location, top, ev, known, confidence=0.8)  # asks, reports nothing new
    if not refs and "有" in norm and location.building is None and not ev.urgent and (
        (anyone := _ANYONE_ON_IT.match(norm)) and _FAULT_CHARS.isdisjoint(anyone[1])
    ):
        return _chat(norm, location, top, ev, known, confidence=0.7)
    told = [w for w in progress_words if (m := re.search(re.escape(w) + _ASKED_AFTER_WORD, norm))
            and not _WHEN_ASKED.search(norm, 0, m.start())]
    if refs and "still" not in ev.kinds and (_LONG_AGO_TASK.match(norm) or _STILL_SHOWN.search(norm)):
        return Reading("chat", location=location, task_refs=refs, confidence=0.7)
    if refs and not told and ("?" in norm or _ASKING.search(norm) or _ASKS_OF_TASK.search(norm)):
        # A question about a numbered task (69号任务都超期三天了，谁在跟？) asks for news of
        # it; it gives none.
        return Reading("chat", location=location, task_refs=refs, confidence=0.7)
    if refs and "thanks" in ev.kinds and not progress_words and (
        len(_NOISE.sub("", _REF_MARK.sub("", norm))) <= _SHORT_THANKS
    ):
        # Only thanks beside a task number (#12 辛苦王哥了): no news of the task.
        return Reading("chat", location=location, task_refs=refs, confidence=0.7)
    if refs and "thanks" in ev.kinds and _RESIDENTS_THANKS.search(norm) and not _DONE_TOLD.search(norm):
        return Reading("chat", location=location, task_refs=refs, confidence=0.7)
    if refs:
        return Reading("progress", location=location, task_refs=refs, keywords=progress_words,
                       confidence=0.95 if progress_words else 0.7)
    if not refs and "still" not in ev.kinds and "?" not in norm and (mine := _MY_TASK_DONE.search(norm)):
        # 那个落水管的任务我上午弄好了: the holder's news of a task named by what it was
        return Reading("progress", location=location, keywords=(mine[0],), confidence=0.7)
    answer = _VOCATIVE.sub("", norm, 1) if reply else norm
    if reply and answer.startswith("我 "):
        answer = "我" + answer[2:]  # 我 下班就去: the space of a pause
    on_way = (
        _ON_MY_WAY.match(answer) or _ON_MY_WAY.match(_without_intro(answer)) or _GOING_NOW.search(answer)
    ) if reply and "?" not in norm else None  # (我是电工 我先去看看)
    if on_way and not cues_of("resolved") and _read(quote.quoted).intent == "report":  # type: ignore[union-attr]
        # On the way to a quoted report, whatever was done first (已经联系维保，马上到): taken.
        return Reading("claim", location=location, keywords=(on_way[0],), confidence=0.75)
    work_told = cues_of("progress")
    if reply and progress_words and not (report_like and "still" in ev.kinds) and not (
        "thanks" in ev.kinds and not work_told
    ) and not _FALSE_ALARM.search(norm) and (
        work_told or cues_of("accept") or _read(quote.quoted).intent not in ("chat", "progress")  # type: ignore[union-attr]
    ):
        # (不是说修好了吗，还没修好，又停了 under "已修好" reports the fault again; 辛苦了，这下
        # 放心了 under news of a fix thanks for it; 好了就好 under an all-clear agrees, an
        # all-clear under a question answers it: neither is news of a task)
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
    done = None if "?" in norm else _DONE_REPLY.match(answer) or _ON_MY_WAY.match(answer)
    if reply and "still" not in ev.kinds and done:
        if _read(quote.quoted).intent == "report":  # type: ignore[union-attr]
            intent = "progress" if done.re is _DONE_REPLY else "claim"
            return Reading(intent, location=location, keywords=(done[0],), confidence=0.75)
    if not refs and not reply and "了" in norm and "?" not in norm and (at_work := _AT_WORK.match(norm)):
        return Reading("progress", location=location, keywords=(at_work[1],), confidence=0.7)
    strong = work_told
    if strong and not report_like and not ev.kinds & {"thanks", "aside"} and not _ASKING.search(norm) and (
        not _STILL_SHOWN.search(norm)  # 15号那个不是已经修好了吗 咋还显示没完成
    ) and (
        not _HEADING.match(norm)  # 提醒：认领了任务的同志，完成后记得…: a notice, no news of a task
    ):
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
        # (nor is one that says where: 哈哈我被电梯关住了，8栋1单元，谁帮我打个维保电话)
        laughing = bool(_LAUGHTER.match(norm)) and not (
            "still" in ev.kinds and category not in (None, "other")
        ) and location.building is None and location.unit is None
        whole_chat |= hearsay or figure_or_asking or laughing or bool(_INVITE.search(norm))
        whole_chat |= outside or bool(_NO_NEED.search(norm))
        whole_chat |= bool(
            _OWN_APPLIANCE.search(norm) and _ASKS_NEIGHBOURS.search(norm) and not _NOT_OWN.search(norm)
        )
        whole_chat |= bool(_WHOSE.search(norm) and (_KEPT.search(norm) or _PET.search(norm)))
        # (nor when a later clause says it is still so: 通知说停电到中午，现在天都黑了还没来电)
        # (not when a later clause says it is so now, or the notice was never given:
        # 通知说晚上停电，怎么现在下午就停了; 没有发停水通知啊，十一栋怎么突然没水了)
        whole_chat |= (
            bool(ev.first_clause_kinds & {"notice", "drill"})
            and ev.last_still <= 0
            and not (ev.kinds - ev.first_clause_kinds) & PRESENT
            and not _NO_NOTICE.search(norm)
        )
        whole_chat |= (
            bool(_ASK_INFO.search(norm)) and ev.problem < STRONG and "still" not in ev.kinds
        )
        whole_chat |= ev.last_resolved > ev.last_still
        # A scare of a recent day that ended well, and nothing said to be so now
        # (上个礼拜电梯关了个人 还好十分钟就出来了) is told, not reported.
        whole_chat |= (
            "past_day" in ev.first_clause_kinds
            and not ev.kinds & PRESENT
            and any(w in _PEOPLE_SAFE for w in cue_words)
        )
        whole_chat |= bool(_CAN_STILL.search(norm)) and "still" not in ev.kinds
        whole_chat |= bool(_ASK_RISE.search(norm)) and "still" not in ev.kinds
        category = _danger_category(ev, category)
        if "!!!" in norm and not ev.kinds & _NOT_NOW:
            ev.kinds.add("now")  # 菜刀扔下来了！！！: shouted as it happens
        urgent, urgent_words = _is_urgent(ev, category, blocked_in=_blocked_in(norm, category))
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
        news |= hearsay or figure_or_asking or outside or laughing
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
    if quote is not None and not chat_words and adds and (
        _ME_TOO.search(norm) or (location.building is not None and _ME_TOO_THERE.match(norm))
    ):
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
        said = _NOISE.sub("", norm)
        if location.place:  # 地下车库 alone names a place, not a fault
            said = said.replace(location.place, "", 1)
        long_enough = len(said) >= _PROMOTE_BARE
        named = ev.problem > 0 or (bool(ev.categories) and long_enough)
        filed = None
        # (a verdict on a fix that names nothing, 3号楼满意, is known only by its verdict)
        knows = known and "accept" not in ev.kinds
        if (named or (long_enough and knows)) and not (
            location.building is None and _OUTSIDE.search(norm)  # the city's, never filed
        ):
            filed = linear_report(norm, location, ev, named)
        if filed is not None:
            return filed
    return Reading("chat", location=location, **fields)


# A message naming a thing but no fault is filed by the linear classifier only when it says
# more than the thing (电梯 alone is chat): at least this many characters, signs, numbers and
# the place named left out (地下车库 alone is chat).
_PROMOTE_BARE = 4


def _knows_nothing(lex: Lexicon, tokens: list[str], norm: str) -> bool:
    """True when no word of the tables, no phrasing pattern, no situation and no claim is
    in the message: then nothing below can read it as more than chat (大家好, 收到, 哈哈哈),
    and most messages of a group are such."""
    if not lex.words.isdisjoint(tokens) or any(lex.claims(norm)):
        return False
    if _THIS_ONE.match(_without_intro(norm)):
        return False  # 这个我先上, 我报名这个: taken in words of no table
    patterns = lex.patterns
    clauses = ["".join(c) for c in split_clauses(tokens)]
    if any(patterns[i].regex.search(text) for text in clauses for i in candidates(lex, text)):
        return False
    joined = " ".join(clauses)
    if len(clauses) < 2 and len(joined) < RUN_ON:
        return True
    return not any(s.regex.search(joined) for s in situations_in(lex, joined))


_PLACE_WORDS = frozenset({"栋", "幢", "号楼", "楼", "单元", "号", "层", "室", "座"})


def _terse(lex: Lexicon, tokens: list[str], norm: str, location: Location) -> bool:
    """A bare thing shouted or placed (电梯！！, 5栋 灯): nothing but object words of one
    category, with a building or an exclamation mark."""
    if "!" not in norm and location.building is None:
        return False
    cats = set()
    for token in tokens:
        if not token.strip(SEPARATORS) or token.isdigit() or token in _PLACE_WORDS:
            continue
        entry = lex.entries.get(token)
        if entry is None or entry.role != "object" or entry.category is None:
            return False
        cats.add(entry.category)
    return len(cats) == 1


def _leading_building(norm: str, refs: tuple[int, ...],
                      location: Location) -> tuple[tuple[int, ...], Location]:
    """A report that starts "3号 电梯已经坏了" names building 3, not task 3, unless it speaks
    of tasks (任务, 认领, #) or heads its news with a colon (12号：…)."""
    lead = LEADING.match(norm)
    if lead is None or refs != (int(lead[1]),) or TASK_CONTEXT.search(norm):
        return refs, location
    if norm[lead.end():].lstrip().startswith((":", "去看", "去过", "看过", "上门", "我跟", "我和")):
        return refs, location  # 12号：维保说配件要等两天: a task's heading, as in a list

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
