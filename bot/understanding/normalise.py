"""Text clean-up before reading: widths, invisible characters, emoji, mentions, numerals."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_CHARS = 500
"""Only this many characters of a message are analysed, so no message costs much."""

# With the financial forms (叁栋, 壹拾贰号楼) some phones offer first.
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
           "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100}
_NUMERAL = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰"
_NUMERAL_CHARS = _NUMERAL

_EMOTICON = re.compile(r"\[[A-Za-z\u4e00-\u9fff]{1,6}\]")
_MENTION = re.compile(r"@[^\s@]{1,20}(?:\s+|$)")
_SPACES = re.compile(r"[ \t\u3000]+")
# Chongqing and Sichuan speech: 莫得水, 没得电 mean 没水, 没电; Cantonese and Wuhan speech:
# 冇得, 冇 mean 没有, 没 (冇建, 冇人接).
_DIALECT_NOT = re.compile(r"[莫没冒冇]得(?=[^\s了])|冇")
# Pinyin input slips of the words routing depends on: 电题/电提/店梯/店题 (电梯), 梅气/媒气 (煤气),
# 无业费 and 物叶 (物业费, 物业), 然气 (燃气), 煤汽 (煤气), 着活了 (着火了), 任领/认令/认岭/人领 12 (认领), 听电了 and 停点 (停电), 单原/单员 after a number (单元),
# 暖器 (暖气), 楼水了 (漏水了; not 5楼水…),
# 煤起 (煤气: 煤起味好大, not 煤起来),
# and 动/洞/冻/冬/懂/董 after a building number (5动2单元, 四动楼, 三冬, 5懂1单元 are 5栋, 4栋, 3栋, 5栋),
# as 东 before a unit (五东一单元), 怀了 for 坏了 after 又 or a thing (电梯又怀了), and 邪露 for
# 泄露 (燃气好像邪露了).
_SLIPS = re.compile(
    r"电[题提体踢]|店[梯题提]|[梅媒]气|(?<![天燃])然气|[煤燃]汽|煤起(?!来)|无业(?=费|公司|管理|的人)|物叶|(?<![干做在])着[活伙](?=了|啦|!)"
    r"|任领|认令|认岭|(?<![有没无个谁])人领(?=\s*(?:#|\d|第|任务|[一二三四五六七八九十]))|(?<![好难不])听(?=[电水]了)|(?<=[\d一二三四五六七八九十两])单[原员园]|(?<![消公])停点(?!儿)"
    r"|暖器|楼(?<![\d一二三四五六七八九十层]楼)水(?=了|啦)|漏[睡税]|(?<=又|梯|灯|门|管)怀(?=了)|邪露"
)
_SLIP_FOR = {"梅": "煤气", "媒": "煤气", "然": "燃气", "煤": "煤气", "燃": "燃气", "无": "物业", "物": "物业",
             "着": "着火", "任": "认领", "人": "认领", "认": "认领", "听": "停", "单": "单元",
             "停": "停电", "暖": "暖气", "楼": "漏水", "漏": "漏水", "怀": "坏", "邪": "泄露"}
# Emoji that stand for the thing itself in a hurried message (💡💡坏了, 🚗🚗 把门口堵死了).
_EMOJI_WORDS = str.maketrans(
    {"💡": " 灯 ", "🚗": " 车 ", "🚙": " 车 ", "🚪": " 门 ", "💧": " 水 ", "🛗": " 电梯 ",
     "🐀": " 老鼠 ", "🐭": " 老鼠 ", "🔥": " 火 "}
)
# Northern speech: 俺 is 我 (俺来认领, 俺家老头子), as is Hakka 𠊎 (𠊎来认领); and 我 typed in
# pinyin (wo来认领 #53).
_NORTHERN_I = re.compile("俺|𠊎")
# North-western speech (Shaanxi, Gansu): 额 is 我 (额来, 额们, 交给额; not 金额, 名额, 额度), and a
# closing 咧 is 了 (早就修好咧; not 咧嘴).
_NORTHWEST_I = re.compile(
    r"(?<![金名余超份限定配差数总巨])额(?=[们来去家也就是的给在先可住妈爸都觉看要有没不这那身])|(?<=[给归让叫])额"
)
_NORTHWEST_LE = re.compile(r"(?<=[\u4e00-\u9fff])咧(?!嘴)")
_PINYIN_I = re.compile(r"(?<![A-Za-z])wo(?=[\u4e00-\u9fff])")
# 认领 by its pinyin initials before a task number (rl 9, RL#12).
_PINYIN_CLAIM = re.compile(r"(?<![A-Za-z])[rR][lL](?=\s*#?\s*\d)")
# Wu speech (Shanghai, Suzhou, Ningbo): 勿 is 不 except in 请勿/切勿/莫勿, 掼 is 扔, 小囡 is
# 小孩, 落雨 is 下雨, 交拨 is 交给, 升降机 is 电梯, a closing 伐 is 吗 (合理伐), 牢 after a verb
# is 住 (关牢, 咬牢), 里厢 and 里向 are 里面, 阿拉 is 我们, 侬 is 你, 了 after
# 关/困/锁 is 在 (关了电梯里向); and northwestern 嫑 is 不要.
_WU = re.compile(r"(?<![请切莫])勿|掼|小囡|落雨|交拨|升降机|伐(?=[?,.!\s]|$)|(?<=[关锁困夹咬])牢|里厢|里向|嫑|阿拉|侬|(?<=[关困锁])了(?=电梯|轿厢|屋里|里面)")
_WU_FOR = {"勿": "不", "掼": "扔", "小囡": "小孩", "落雨": "下雨", "交拨": "交给", "升降机": "电梯",
           "伐": "吗", "牢": "住", "里厢": "里面", "里向": "里面", "嫑": "不要", "阿拉": "我们", "侬": "你", "了": "在"}
# Cantonese (Guangzhou, Hong Kong): 咗 is 了, 喺 is 在, 唔 is 不, 入面 is 里面, 佢 is 他, 嘅 is
# 的, 啲 is 些, 嚟 is 来, 係 is 是 (我系, 系咪), 睇 is 看, 哋 is 们, 搞掂 is 搞定, and a lift is 电梯
# (部lift困咗个阿婆喺入面).
# (The character class first lets most places in a message fail at once, before the
# alternatives are tried one by one.)
_CANTONESE = re.compile(
    r"(?=[咗喺唔入佢嘅啲落嚟真係睇哋仲啱浸石头而返锁lL水交畀呢𨋢我瓦厝无紧搞系要俾屋阿帮讲细好成今窿咁隔老嗰])"
    r"(?:咗|喺度|喺|唔|入面|佢|嘅|啲|落嚟|嚟|真係惊|係|睇|哋|仲(?!裁|夏|秋|春|冬)|啱啱|浸咗|浸到|石油气|头先|而家|返电"
    r"|锁匙|(?<![A-Za-z])lift(?![A-Za-z])|水喉|交畀|畀|呢单|𨋢|我惊|我系(?!统|列)|搞掂|系咪|要浸了"
    # (俾 is 给 and passive 被, 屋企 家, 帮手 帮忙, 细路 小孩, 好彩 幸好, 成日 整天,
    # 今朝 今早, 窿 洞 (not 窟窿), 呢个 这个, 咁 这样, 隔离 before a place is 隔壁, 老豆 老爸,
    # 细个(嗰阵) 小时候, 嗰阵 那时候)
    r"|细个嗰阵|细个|嗰阵|俾|屋企|阿妈|帮下手|帮手|讲声|细路|好彩|成日|今朝|(?<!窟)窿|呢个|咁|隔离(?=小区|屋|家|栋|楼|单元|嗰)|老豆"
    # Minnan (Hokkien) and Taiwanese usage: 瓦斯 is 煤气, 厝内 家里, 无水 没水, 紧来 快来, 交给阮 交给我
    r"|瓦斯|厝内|厝里|无水|无电|紧来|交给阮)",
    re.IGNORECASE,
)
_CANTONESE_FOR = {"咗": "了", "喺度": "在", "喺": "在", "唔": "不", "入面": "里面", "佢": "他", "嘅": "的",
                  "啲": "些", "落嚟": "下来", "嚟": "来", "係": "是", "睇": "看", "哋": "们",
                  "仲": "还", "啱啱": "刚刚", "浸咗": "淹了", "浸到": "淹到",
                  "石油气": "液化气", "头先": "刚才", "而家": "现在", "返电": "来电", "锁匙": "钥匙",
                  "真係惊": "真是怕", "水喉": "水管", "交畀": "交给", "畀": "给", "呢单": "这单",
                  "𨋢": "电梯", "我惊": "我怕", "我系": "我是", "搞掂": "搞定", "系咪": "是不是", "瓦斯": "煤气", "厝内": "家里", "厝里": "家里",
                  "无水": "没水", "无电": "没电", "紧来": "快来", "交给阮": "交给我",
                  "要浸了": "要淹了", "俾": "给", "屋企": "家", "阿妈": "妈", "帮下手": "帮下忙", "帮手": "帮忙",
                  "讲声": "说声", "细路": "小孩", "好彩": "幸好", "成日": "整天", "今朝": "今早",
                  "窿": "洞", "呢个": "这个", "咁": "这样", "隔离": "隔壁", "老豆": "老爸", "细个嗰阵": "小时候", "细个": "小时候", "嗰阵": "那时候"}
# A fix denied with scorn is no fix: 修好个锤子, 修好啥子哦, 搞定个屁 mean 还没有修好.
_SCORNED_FIX = re.compile(
    r"(修好|弄好|搞好|搞定|解决|处理好|修复|清理干净)了?(?:个锤子|个屁|个鬼|个毛线?|个啥|个头|啥子|什么)"
)
_BUILDING_SLIP = re.compile(rf"(?<=[\d{_NUMERAL_CHARS}])[动洞冻冬懂董](?=\s*(?:楼|\d|单元|[{_NUMERAL_CHARS}]单元|的|门口|电梯|楼道|那边|这边|\s|$))")
# 东 for 栋 only where a unit or a floor follows (五东一单元, 3东2楼), not a gate (3号东门).
_EAST_SLIP = re.compile(rf"(?<=[\d{_NUMERAL_CHARS}])东(?=\s*(?:\d|[{_NUMERAL_CHARS}])\s*(?:单元|楼|层))")
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d)\s*[—–－~～]\s*(?=\d)")
# A span of hours (9点-12点, 8:00~18:00) is one stretch of time, not two clauses.
_TIME_SPAN = re.compile(r"(?:(?<=[点时])|(?<=\d:\d\d))\s*[-—–－~～]\s*(?=\d)")
# A Chinese numeral counts as a number before these words (not in 万一, 统一, 唯一, 哪一栋, 每一层,
# 同一单元, nor 两 alone: 两栋楼中间, 两层楼 count buildings and storeys), or after 第; after a verb of
# tasks or after 任务 (认领 二十一, 认领一下 四十二号, 认领十五、十六号, 任务十二) or in a list after such a number, when a mark, a
# space or the end follows it (so 认领一下 stays as it is).
_TASK_VERB = "认领|接单|跟进|验收|满意|完成|关闭|催办|重开|任务|工单"
_NUMBER_END = r"(?=\s*(?:号|的|[、,和及与跟]|$)|\s)"
_CN_NUMBER = re.compile(
    rf"(?P<lead>第)?(?<![万统唯哪每同])(?P<n>(?!两[栋幢座层楼单])[{_NUMERAL}]+)"
    rf"(?=(?:号楼|号任务|号院|号门|栋|幢|座(?![山桥城位])|单元|层|楼|室|期|区|#))"
    rf"|(?<=第)(?P<after>[{_NUMERAL}]+)"
    rf"|(?<={_TASK_VERB})(?P<gap>(?:一下)?\s*)(?P<task>[{_NUMERAL}]+){_NUMBER_END}"
    # 任务十二我来负责, 任务二十八: 物业回复…, 编号四十一, #十二 修好了: after the noun or the mark,
    # whatever follows (not 任务一大堆, 工单一下子)
    rf"|(?:(?<=任务)|(?<=工单)|(?<=编号))(?P<tgap>\s*)(?P<noun>(?!一[下大些样般直起定共切点个])[{_NUMERAL}]+)"
    rf"|(?<=#)(?P<mark>[{_NUMERAL}]+){_NUMBER_END}"
    # 十五号已完成, 十九号、二十号任务我来, 三十一号进展：…, 十九号分给我吧: a numbered thing
    # opening the message (after an @-mention too), then done,
    # taken or listed (五十五号 问题已解决: after a space, something done soon after)
    rf"|(?:^|(?<=^\s))(?P<head>[{_NUMERAL}]+)(?=号\s*(?:已|我来|我去|我负责|我认|我接|分给我|交给我|修好|完成|处理|到场|进展|进度|:|[、,和])"
    rf"|号\s+[^\n]{{0,12}}已)"
)
# No.8, NO. 12: a number mark, as #.
_NUMBER_MARK = re.compile(r"(?<![A-Za-z])[Nn][Oo]\.\s*(?=\d)")
_CN_LIST_NUMBER = re.compile(
    rf"(?:(?<=\d[、,和及与跟])|(?<=\d号[、,和及与跟]))(?P<more>[{_NUMERAL}]+){_NUMBER_END}"
)


def cn_to_int(word: str) -> int | None:
    """Read a Chinese numeral (二十一, 一百零二, 五零二, 两) as an int; None when it is not one."""
    if not word or any(ch not in _DIGITS and ch not in _UNITS for ch in word):
        return None
    if not any(ch in _UNITS for ch in word):
        return int("".join(str(_DIGITS[ch]) for ch in word))
    total, digit = 0, None
    for ch in word:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def _numeral(match: re.Match[str]) -> str:
    groups = match.groupdict()
    word = groups.get("n") or groups.get("after") or groups.get("task") or groups.get("head")
    word = word or groups.get("noun") or groups.get("mark") or groups["more"]
    value = cn_to_int(word)
    if value is None:
        return match.group(0)
    return (groups.get("lead") or groups.get("gap") or groups.get("tgap") or "") + str(value)


class _CharMap(dict[int, str]):
    """A str.translate table that works each character out once: drops invisible ones and
    turns emoji and line separators into spaces."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        cat = unicodedata.category(ch)
        if ch == "\n":
            out = ch
        elif cat in ("Cc", "Zl", "Zp") or cat == "So" or (cat == "Sk" and code > 0x2000):
            out = " "
        elif cat in ("Cf", "Cs", "Co", "Cn", "Mn", "Me"):
            out = ""
        else:
            out = ch
        if len(self) < _CHAR_MAP_SIZE:
            self[code] = out
        return out


_CHAR_MAP_SIZE = 50_000
def _traditional() -> dict[int, str]:
    """data/traditional.tsv: each traditional character and the simplified one it reads as."""
    path = Path(__file__).resolve().parent / "data" / "traditional.tsv"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            old, new = line.split("\t")
            table[ord(old)] = new
    return table


# The emoji that stand for words and the traditional characters, then the rest worked out.
_CHARS = _CharMap({**_EMOJI_WORDS, **_traditional()})
_DASHES = "-—–－~～"
_SCORN_TAILS = ("个", "啥", "什么")
_ANY_NUMERAL = re.compile(f"[{_NUMERAL}]")


# A message typed all in pinyin (dianti huai le 7 dong 1 danyuan), as when the input method
# fails: the words the bot reads put back in characters. Longest first; only when the
# message has no Chinese character and two of these words at least, or one and a number.
_PINYIN_WORDS = {
    "dianti": "电梯", "guan ren": "关人", "guanren": "关人", "kun ren": "困人", "kunren": "困人",
    "kuai lai ren": "快来人", "jiuming": "救命", "huai le": "坏了", "huaile": "坏了",
    "huai": "坏", "xiu hao le": "修好了", "xiuhaole": "修好了", "bu liang": "不亮",
    "buliang": "不亮", "liang le": "亮了", "shui guan": "水管", "shuiguan": "水管",
    "lou shui": "漏水", "loushui": "漏水", "ting shui": "停水", "tingshui": "停水",
    "ting dian": "停电", "tingdian": "停电", "mei dian": "没电", "mei shui": "没水",
    "louti": "楼梯", "lou dao": "楼道", "loudao": "楼道", "dian deng": "电灯", "diandeng": "电灯",
    "lu deng": "路灯", "ludeng": "路灯", "dengpao": "灯泡", "deng": "灯", "menjin": "门禁",
    "shua ka": "刷卡", "mei fanying": "没反应", "la ji": "垃圾", "laji": "垃圾",
    "zao yin": "噪音", "zaoyin": "噪音", "xia shui dao": "下水道", "xiashuidao": "下水道",
    "du le": "堵了", "mao yan": "冒烟", "zhao huo": "着火", "zhaohuo": "着火",
    "ranqi": "燃气", "mei qi": "煤气", "renling": "认领", "ren ling": "认领", "xiexie": "谢谢",
    "dian ti": "电梯", "wo lai": "我来", "bu ping ceng": "不平层", "ping ceng": "平层",
}
_PINYIN = re.compile(
    r"(?<![a-z])(" + "|".join(sorted((re.escape(w) for w in _PINYIN_WORDS), key=len, reverse=True))
    + r")(?![a-z])"
)
_PINYIN_PLACE = re.compile(r"(\d+)\s*(dong|danyuan|hao lou|haolou|lou|ceng)(?![a-z])")
_PINYIN_UNIT = {"dong": "栋", "danyuan": "单元", "hao lou": "号楼", "haolou": "号楼", "lou": "楼",
                "ceng": "层"}
_HAN = re.compile(r"[\u4e00-\u9fff]")


_ASCII_LEAD = re.compile(r"[\x00-\x7f]+")


def _pinyin_lead(text: str) -> str:
    """The text with a pinyin opening in characters (wo lai ren ling 18 输入法坏了: the
    input method failed, then the writer said so), read as _from_pinyin reads a whole one."""
    lead = _ASCII_LEAD.match(text)
    if lead is None or " " not in lead[0].strip():
        return text
    return _from_pinyin(lead[0]) + text[lead.end():]


def _from_pinyin(text: str) -> str:
    """The text with its pinyin words in characters, when it is all pinyin (see above)."""
    low = text.lower()
    found = len(_PINYIN.findall(low))
    if _HAN.search(low) or found < 2 - any(c.isdigit() for c in low):
        return text  # (one word is enough beside a number: renling 18)
    low = _PINYIN_PLACE.sub(lambda m: m[1] + _PINYIN_UNIT[m[2]], low)
    return _PINYIN.sub(lambda m: _PINYIN_WORDS[m[1]], low)


# 幺 for one in a number said digit by digit (幺栋 is 1栋, 幺幺栋 11栋, 三幺二 312).
_SAID_ONE = re.compile(r"幺(?=[幺0-9一二三四五六七八九零〇]*(?:栋|幢|号楼|单元|楼|层|室|座))")


def normalise(text: str) -> str:
    """Return the text cut to MAX_CHARS and cleaned for keyword and number reading."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])[:MAX_CHARS]
    text = text.translate(_CHARS)
    if text.isascii() and " " in text:
        text = _from_pinyin(text)
    elif text[:1].isascii() and text[:1].isalpha():
        text = _pinyin_lead(text)
    # Each rewrite below that needs a character most messages lack is skipped without it.
    if "[" in text:
        # (a shared article, [链接], passes news on: as 转发)
        text = _EMOTICON.sub(lambda m: " 转发 " if m[0] == "[链接]" else " ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    if any(dash in text for dash in _DASHES):
        text = _TIME_SPAN.sub("到", text)
        text = _DASH_BETWEEN_DIGITS.sub("-", text)
    text = _SLIPS.sub(lambda m: _SLIP_FOR.get(m[0][0], "电梯"), text)
    text = _BUILDING_SLIP.sub("栋", text)
    if "东" in text:
        text = _EAST_SLIP.sub("栋", text)
    if "o" in text or "O" in text:
        text = _NUMBER_MARK.sub("#", text)
    if "廿" in text or "卅" in text:  # 廿三栋 is 二十三栋
        text = text.replace("廿", "二十").replace("卅", "三十")
    if "幺" in text:  # 幺栋, 幺幺栋: one said aloud (not 幺儿, 幺妹)
        text = _SAID_ONE.sub("1", text)
    if _ANY_NUMERAL.search(text):
        text = _CN_NUMBER.sub(_numeral, text)
        text = _CN_LIST_NUMBER.sub(_numeral, text)
    if "得" in text or "冇" in text:
        text = _DIALECT_NOT.sub("没", text)
    if any(tail in text for tail in _SCORN_TAILS):
        text = _SCORNED_FIX.sub(r"还没有\1", text)
    if "俺" in text or "𠊎" in text:
        text = _NORTHERN_I.sub("我", text)
    if "额" in text or "咧" in text:
        text = _NORTHWEST_LE.sub("了", _NORTHWEST_I.sub("我", text))
    if "wo" in text:
        text = _PINYIN_I.sub("我", text)
    if "l" in text or "L" in text:
        text = _PINYIN_CLAIM.sub("认领", text)
    text = _WU.sub(lambda m: _WU_FOR[m[0]], text)
    text = _CANTONESE.sub(lambda m: _CANTONESE_FOR.get(m[0], "电梯"), text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()
