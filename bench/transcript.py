"""Generate a realistic group-chat transcript for `weizhili replay` (benchmarks, tests).

usage: python bench/transcript.py N_MESSAGES [N_GROUPS] [--seed S] > chat.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta

CHAT = [
    "大家早上好", "谢谢物业师傅[强]", "今天天气不错", "有人知道快递柜在哪吗", "收到",
    "好的好的", "电梯修好了，谢谢党支部！", "周六几点开业主大会？", "哈哈哈", "[捂脸]",
    "以前电梯经常坏，现在好多了", "出售二手婴儿车，九成新", "谁家的钥匙掉在南门了", "辛苦了",
    "明天几号停水？", "晚安", "群主好", "楼下新开了一家面馆，味道不错",
]
REPORTS = [
    "{b}栋电梯又坏了", "{b}栋{u}单元楼道灯不亮", "{b}号楼下水道堵了，好臭", "{b}栋门口垃圾没人收",
    "{b}栋{u}单元门禁坏了，刷不开", "地下车库漏水好严重，{b}栋那边", "{b}幢楼下有人乱停车堵消防通道",
    "{b}栋楼上装修噪音太大了", "{b}栋电梯困人了！快来人", "{b}栋{u}单元水管爆了，楼道全是水",
]
PROGRESS = ["#{n} 已联系维保公司，明天来修", "#{n} 修好了", "#{n} 师傅在处理了"]


def transcript(n: int, groups: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """Set-up lines for `groups` compounds, then `n` messages: about 70% chat, 20%
    reports (with duplicates), 10% claims, progress and commands."""
    rnd = random.Random(seed)
    for g in range(groups):
        name = f"小区{g:03d}"
        yield {"op": "community", "name": name, "street": f"街道{g % 10}"}
        yield {"op": "bind", "platform": "wechat", "group": f"g{g}", "community": name}
        yield {"op": "member", "platform": "wechat", "user": f"lei{g}", "name": "雷书记",
               "role": "secretary", "community": name}
        yield {"op": "member", "platform": "wechat", "user": f"zhang{g}", "name": "张党员",
               "role": "party", "community": name}
    ts = datetime.fromisoformat("2026-03-16T08:00:00+08:00")
    tasks = [0] * groups
    for i in range(n):
        ts += timedelta(seconds=rnd.randint(1, 6))
        g = rnd.randrange(groups)
        roll = rnd.random()
        user, name = f"res{rnd.randrange(50)}", "居民"
        if roll < 0.70:
            text = rnd.choice(CHAT)
        elif roll < 0.90:
            text = rnd.choice(REPORTS).format(b=rnd.randint(1, 12), u=rnd.randint(1, 4))
            tasks[g] += 1
        elif roll < 0.95 and tasks[g]:
            user, name = f"zhang{g}", "张党员"
            text = f"认领 {rnd.randint(1, tasks[g])}"
        elif roll < 0.98 and tasks[g]:
            user, name = f"zhang{g}", "张党员"
            text = rnd.choice(PROGRESS).format(n=rnd.randint(1, tasks[g]))
        else:
            user, name = f"lei{g}", "雷书记"
            text = rnd.choice(["/任务", "/帮助", "/统计"])
        yield {"ts": ts.isoformat(), "platform": "wechat", "group": f"g{g}", "user": user,
               "name": name, "text": text, "msg_id": f"m{i}"}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    n = int(args[0]) if args else 1000
    groups = int(args[1]) if len(args) > 1 else 10
    for item in transcript(n, groups, seed):
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
