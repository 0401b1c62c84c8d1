"""Task numbers a message names: #12, 12号任务, 认领 12, 第15号, 满意 12."""

from __future__ import annotations

import re

_MAX_DIGITS = 9
# A number that runs on into more digits, a decimal or letters (1e309, 1.5) is no task number.
_N = r"(\d{1,9})(?![\d.A-Za-z])"
_NOT_UNIT = r"(?!\s*(?:栋|幢|号楼|楼(?![道梯下上顶里外前后])|单元|层|室|座|区|期|天|点|:\d|\.\d|月|日|号[楼院]|元|块|岁|个|分|#楼|-\d))"
_VERBS = "认领|满意|不满意|完成|跟进|催办|关闭|重开|详情|验收|接单|接手|接|放弃|退回"
_PROGRESS_START = (
    "已|修好|完成|处理|我来|我去|认领|进展|进度|跟进|的(?:进展|进度|情况)|去看了|去过了|看过了|上门看|搞定|解决|满意|不满意|:(?![0-9])|今天|明天|下午|上午|分给我|"
    "维保|物业|师傅|联系|我负责|交给|我接|我认领|我不管|我管不了|我处理不了|我弄不了|我修不了|我放弃|放弃|"
    "的事(?:情|儿)?(?:还|已|我|在|正在|明天|今天|等)"
)
_REF = re.compile(
    rf"(?<![\dA-Za-z#])#\s*{_N}{_NOT_UNIT}"
    rf"|(?<!\d){_N}\s*号?\s*(?=(?:[和、,及与跟]\s*#?\d{{1,9}}\s*号?\s*|(?<=号)\d{{1,9}}\s*号\s*)*(?:(?:那个|这个)\s*)?(?:任务|工单|单子))"
    rf"|(?:任务|工单|单号|编号|序号)\s*(?:号\s*)?(?:是|为)?:?#?\s*{_N}{_NOT_UNIT}"
    # "15#我接了", "15#已办结": a number marked after it, then taken or done (not 3#楼)
    rf"|^\s*{_N}#(?=\s*(?:我|已|认领|接|完成|办结|处理|跟进|进展|修好|搞定))"
    # "顺便把 26 也认领了": a number taken after 把
    rf"|把\s*#?\s*{_N}\s*(?:号)?\s*(?:也)?(?=认领|接了|我来)"
    rf"|第\s*{_N}\s*(?:号|个任务)(?![楼院]|台风|风球)"
    # "第7个我来处理": an ordinal opening the message is a task of the list
    rf"|^\s*第\s*{_N}\s*个(?!月|人|小时|星期|礼拜|钟头)"
    rf"|(?:{_VERBS})\s*(?:一下)?\s*(?:第\s*{_N}\s*个(?!月|人|小时|星期|礼拜|钟头)|(?:第\s*)?#?\s*{_N}{_NOT_UNIT})"
    # (19号上午停电检修: a day of the month and its morning, no task)
    rf"|^\s*{_N}(?:\s*号(?!上午|下午|今天|明天|晚上|早上|中午|凌晨))?\s*(?=(?:{_PROGRESS_START}))"
    # "3 电梯维保已经到了，人救出来了": a bare number leading the message, a space, then
    # something done about it soon after
    rf"|^\s*{_N}{_NOT_UNIT}\s+(?=[^\n,.!?]{{0,10}}?(?:已经?(?:到|修|换|联系|处理|派|通知|上报|报修|安排|解决|完成|清|疏通|救)"
    rf"|修好|换好|弄好|搞定|救出|疏通了|联系了|到场))"
    # "15号 垃圾已经清走了": a number leading the message, then a space, then a done thing
    rf"|^\s*{_N}\s*号\s+(?=[^\n]{{0,12}}(?:已|还在等|在等|正在|在路上|配件到了|明天|今天|明早|今晚|上门|救出来|修好|换好|弄好|搞定|办妥))"
    # "12号的井盖已经用锥桶围起来了": a numbered thing's part, then done
    rf"|^\s*{_N}\s*号的(?=[^\s\d]{{1,6}}已)"
    # "昨天那个22号 今天上午处理完毕": that numbered thing, a space, then news of it
    rf"|(?<=那个|这个){_N}\s*号\s+(?=[^\n]{{0,12}}(?:已|处理|完毕|修好|换好|弄好|搞定|办妥|完成))"
    # "报告书记 27号那个事办妥了": a numbered thing, then that it is done
    rf"|(?:^|(?<=[\s,])){_N}\s*号\s*那个\s*(?:事情?|事儿|任务|活儿?)?\s*(?=(?:已经?|都)?(?:办妥|处理好|修好|搞定|完成|解决|弄好))"
    # "27号那边我今天又去催了一次": a numbered thing's side of it, then the sender's news
    rf"|^\s*{_N}\s*号\s*那边\s*(?=我|已|物业|师傅)"
    # "15号和16号 我一并跟进": a list of numbered things opening the message, then taken or done
    rf"|^\s*{_N}\s*号(?=(?:\s*[和、,及与跟]\s*\d{{1,9}}\s*号)+\s*(?:[两三四五几]个\s*)?(?:任务|单子)?\s*(?:都|也)?\s*(?:我|算我|{_PROGRESS_START}))"
    # "7号 8号我都认领", "18号19号都换好了": numbered things side by side, taken or done
    rf"|^\s*{_N}\s*号(?=(?:\s*\d{{1,9}}\s*号)+\s*(?:都|也)?\s*(?:我(?:都|也|全)?\s*(?:来|去|接|负责|认领|包|跟)"
    rf"|认领|修好|换好|弄好|已|完成|处理|搞定))"
    # "要得 11号我来跟": a numbered thing somebody takes, after a space
    rf"|(?<=[\s,个]){_N}\s*号\s*(?=我来|我去|我接|我负责|我认领|我认了|交给我)"
    rf"|^\s*{_N}\s*号\s*(?=我认了|我领了|我接了|我拿了|(?:这个|那个)\s*(?:交给我|给我吧|我来|我接|归我))"
    # "task 16 finished": a task named in English
    rf"|(?<![A-Za-z])[Tt]ask\s*#?\s*{_N}"
    # "69 70 都我来吧": bare numbers opening the message, then taken
    rf"|^\s*{_N}(?=(?:\s*[、,和及与]?\s*\d{{1,9}})*\s*(?:这个|那个|这单|那单|[两三四五几]个)?\s*(?:都|也)?\s*我(?:都|也|全)?\s*(?:来|去|接|负责|认领|包|跟|和|给|已经?))"
    # "104 105 106 三个都是停车的，我一起认了": bare numbers opening the message, counted
    rf"|^\s*{_N}(?=(?:\s*[、,和及与]?\s*\d{{1,9}})+\s*[两三四五六七八九几]个(?!人|月|小时|星期))"
    # "你那个12号要是忙不过来就给我吧": someone's numbered task, offered to be taken over
    rf"|(?<=[你他她]那个)\s*{_N}\s*号(?=[^\n]{{0,12}}?(?:给我|我来|我接|转给我|我帮))"
    # "我认领吧，67号", "我来认领，73", "认领！！7号": the number said last, after the claim
    rf"|(?:认领|我来|我去|我接|我负责|我\S{{0,2}}过去)\S{{0,2}}(?:[,\s]|(?<=!))\s*#?\s*{_N}\s*号?\s*[.!~]*$"
    # "45号我跟小王一块去": a numbered thing, then going with someone
    rf"|^\s*{_N}\s*号(?![楼院门栋])\s*(?=我(?:跟|和)\S{{1,4}}(?:一块|一起))"
    # "48号阀门关掉了 水不流了": a numbered thing, then a thing done to it
    rf"|^\s*{_N}\s*号(?![楼院门栋])\s*(?=[^\s\d]{{1,6}}(?:关掉了|关好了|修好了|换好了|弄好了|搞定了|处理好了|疏通了|清走了|挪走了))"
    # "我来处理58号": what the sender will do to it, then the number, last
    rf"|我(?:来|去)(?:处理|负责|跟|跟进|弄|修|办)\s*#?\s*{_N}\s*号?(?:任务)?\s*[.!~]*$"
)
# "3号 电梯已经坏了": a leading number that may be a building rather than a task.
LEADING = re.compile(r"^\s*(\d{1,3})\s*号(?![楼院门])")
TASK_CONTEXT = re.compile(r"任务|工单|单号|编号|认领|#|验收")
# (3号4号任务: one 号 after another needs no word between them)
_LIST_TAIL = re.compile(rf"号?(?:\s*(?:[和、,及与跟/]|以及)|\s|(?=#)|(?<=号)(?=\d{{1,9}}号))\s*#?\s*{_N}{_NOT_UNIT}")
_COMMAND_NUMBER = re.compile(rf"(?<![\d:#.\-])#?{_N}(?!\s*(?:[栋幢楼单元层室天点月日号:.\-]|分钟|小时|周))")


# "44号任务已完成，45号还在等配件": after a task number, another N号 opening a clause with
# news of it is a task too (alone, 45号还在等 could be a day of the month; 49号明天弄).
_ANOTHER = re.compile(rf"(?<=[,\s]){_N}\s*号(?![楼院门栋])\s*(?=还|已|也已|正在|在等|明天|今天|马上)")


def _numbers(groups: tuple[str | None, ...]) -> list[int]:
    return [int(g) for g in groups if g is not None and len(g) <= _MAX_DIGITS]


# An emergency number called or come (119已经打了, 120到了, 打了110, #11 120已经把人接走了) is
# no task number.
_EMERGENCY = frozenset({110, 119, 120, 122})
_CALLED = re.compile(r"\s*(?:已经?|都)?(?:打|拨|报|到|来|电话|的车|把|接|拉|送)")


def _called(text: str, match: re.Match[str]) -> bool:
    numbers = _numbers(match.groups())
    if len(numbers) != 1 or numbers[0] not in _EMERGENCY or "#" in match.group(0):
        return False
    return bool(_CALLED.match(text, match.end())) or text[max(0, match.start() - 1) : match.start()] in ("打", "拨", "叫")


def find_refs(text: str) -> list[int]:
    """Task numbers of a normalised message, in order and without repeats."""
    found: list[int] = []
    pos = 0
    while (match := _REF.search(text, pos)) is not None:
        if _called(text, match):
            pos = match.end()
            continue
        found.extend(_numbers(match.groups()))
        pos = match.end()
        while (tail := _LIST_TAIL.match(text, pos)) is not None and not _called(text, tail):
            found.extend(_numbers(tail.groups()))
            pos = tail.end()
    if found:
        found.extend(_numbers(tuple(m[1] for m in _ANOTHER.finditer(text))))
    return list(dict.fromkeys(found))


def command_refs(text: str) -> list[int]:
    """Task numbers among the arguments of a slash command ("/合并 12 8" → [12, 8])."""
    _, _, args = text.partition(" ")
    return list(dict.fromkeys(int(m[1]) for m in _COMMAND_NUMBER.finditer(args)))
