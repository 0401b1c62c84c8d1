"""/帮助 /help, or asked in words (怎么报修啊, 机器人怎么用): the commands this person may use,
by the role stored for them here."""

from __future__ import annotations

import re

from bot.context import Context
from bot.dispatcher import KNOWN_COMMANDS, Data, Filter, FilterResult, Router, split_command
from bot.events import Event
from bot.filters import Bound, Command, Intent
from handlers.taskkit import safe_echo

router = Router("help")
# Tried after every other router: a command nobody took.
unknown = Router("unknown command")
unknown.filter(Bound)

RESIDENT = """微治理使用说明（居民）
• 有问题直接在群里说，例如“3栋2单元电梯又坏了”，机器人会登记为任务 #编号
• 邻居已经反映过的问题，引用那条消息回复“+1 我家也是”，记为又一位邻居反映
• 紧急情况（困人、起火、燃气味、爆管）请先拨打 119 或物业电话，再在群里说
• 问题修好后：“满意 12” 验收通过；“不满意 12 原因” 退回重修
• 问进度：“12号任务怎么样了？”或“我的报修怎么样了”，机器人回复任务现在的状态和最新进展
• /任务 看进行中的任务，/任务 我的 看自己反映的，/详情 12 看任务 #12 的经过
• /报事 内容：机器人没登记上的问题，用它补登"""

CLAIMER = """微治理使用说明（党员/物业）
• 认领：引用居民的消息回复“我来认领”，或发“认领 12”
• 进展：“#12 已联系维保公司，明天来修”
• 完成：“#12 修好了” 或 /完成 12 说明，机器人会请反映人验收
• 处理不了：“放弃 12”，任务交回，重新等待认领；或“12号转给 @王党员”，直接转交
• /任务 [待认领/处理中/超期/全部/我的] [8栋] [电梯] 任务列表；/详情 12 任务经过
• /报事 内容：补登一个问题"""

MANAGER = """微治理命令（书记/管理员）
任务
• /任务 [待认领/处理中/超期/全部/我的] [8栋] [电梯]　/详情 12
• /派单 12 @张三　/限期 12 15天（或 3月30日）　/催办 12
• /完成 12 说明　/关闭 12 原因　/重开 12　/合并 12 8（12 并入 8）
• /报事 内容：补登机器人没登记上的问题
通知
• /公告 内容　/定时 每周一 09:00 内容　/定时列表　/取消定时 3
• /统计 [本周/本月/上周/上月]
人员与群
• /党员 @张三　/物业 @李四　/移除 @张三
• /绑定 小区名称：把本群绑定到小区
英文别名：/help /tasks /task /assign /deadline /remind /done /close /reopen /merge /report /notice /schedule /stats /party /property /remove /bind"""

BY_ROLE = {"party": CLAIMER, "property": CLAIMER, "secretary": MANAGER, "admin": MANAGER}


# Asking how to use the bot in words: 怎么报修啊, 请问怎么反映问题, 机器人怎么用.
_HOW_TO = re.compile(
    r"^(?:请问|问下|问一下)?(?:这里|在群里|群里)?(?:怎么|如何|咋个?|怎样)(?:报修|报事|反映问题|登记问题"
    r"|认领(?:任务)?|用(?:这个)?机器人|使用(?:这个)?机器人)"
    r"|^(?:这个)?(?:机器人|微治理|小助手)\S{0,2}(?:怎么|如何|咋个?)(?:用|使用)"
    # 这个机器人能干啥, 小助手可以做什么; 帮助 or 使用说明 alone
    r"|^(?:这个)?(?:机器人|微治理|小助手)\S{0,2}(?:能|可以|会)(?:干|做)(?:啥|什么|嘛|些啥|些什么)"
    r"|^(?:帮助|使用说明|说明书|菜单|help)[?？!！。.]*$"
)
_HOW_TO_MAX = 20


def _asks_how_to(event: Event, data: Data) -> FilterResult:
    reading = data.get("reading")
    text = event.text.strip()
    if reading is None or reading.intent != "chat" or len(text) > _HOW_TO_MAX:
        return None
    return True if _HOW_TO.search(text) else None


AsksHowTo = Filter(_asks_how_to, "AsksHowTo")


@router.message(Command("帮助", "help"))
@router.message(AsksHowTo)
async def show_help(ctx: Context, role: str) -> None:
    ctx.reply(BY_ROLE.get(role, RESIDENT))


@unknown.message(Intent("command"))
async def no_such_command(ctx: Context, event: Event) -> None:
    """A slash command no feature knows (/foo, a typo) gets a pointer to /帮助, not silence."""
    got = split_command(event.text)
    if got is None or got[0] in KNOWN_COMMANDS:
        return  # a known command its feature chose to leave unanswered
    name = safe_echo(event.text.strip().split()[0])[:12]
    meant = _MEANT.get(got[0])
    hint = f"是要用 /{meant} 吗？" if meant else ""
    ctx.reply(f"没有“{name}”这个命令，{hint}发 /帮助 查看可用的命令。")


# Words people type for a command by another name (/查看 12 for /详情 12).
_MEANT = {
    "查看": "详情", "查询": "详情", "进度": "详情", "任务详情": "详情", "历史": "详情",
    "任务列表": "任务", "列表": "任务", "所有任务": "任务", "全部任务": "任务",
    "指派": "派单", "分派": "派单", "分配": "派单", "派给": "派单", "转派": "派单",
    "期限": "限期", "截止": "限期", "延期": "限期",
    "催": "催办", "提醒": "催办",
    "结束": "关闭", "撤销": "关闭", "完结": "完成", "办结": "完成",
    "通知": "公告", "广播": "公告",
    "统计数据": "统计", "报表": "统计", "数据": "统计",
    "取消": "取消定时", "删除定时": "取消定时",
    "报修": "报事", "上报": "报事",
}
