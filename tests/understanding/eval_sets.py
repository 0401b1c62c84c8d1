"""Leave-one-set-out evaluation of message understanding.

usage: python -m tests.understanding.eval_sets [--sets blind3,blind4,...] [--misses] [--rules]

For each blind set B (blind3 .. blind6 by default) the naive Bayes is trained on every
labelled set except B (the training sets of train.py plus the other blind sets) and B is
scored with that model: the model part is measured on text it has not seen. Rule changes
are judged on all blind sets together, and the older sets are scored with the shipped model.

--rules   also scores every set with the rules alone (no model)
--misses  lists the lines read wrongly, by class (never for a sealed set)
--sealed NAME   a sealed set: figures only, never its lines, never trained on
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.understanding import model, train  # noqa: E402
from bot.understanding.rules import parse  # noqa: E402

DATA = ROOT / "tests" / "understanding" / "data"
BLIND = ("blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind12", "blind13", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind24", "blind25", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind36", "blind37", "blind39", "blind40", "blind41", "blind42", "blind43", "blind45", "blind46", "blind47", "blind48", "blind49", "blind50", "blind51", "blind53", "blind54", "blind56", "blind57", "blind58", "blind59", "blind62", "blind63", "blind64", "blind65", "blind66", "blind67", "blind68", "blind69", "blind71", "blind72", "blind73", "blind74", "blind75", "blind77", "blind78", "blind79", "blind80", "blind81", "blind82", "blind83", "blind84", "blind85", "blind86", "blind88", "blind90", "blind91", "blind92", "blind93", "blind94", "blind95", "blind96", "blind99", "blind100", "blind102", "blind104", "blind106", "blind108", "blind109", "blind110", "blind111", "blind112", "blind113", "blind114", "blind116", "blind117", "blind118", "blind121", "blind122", "blind123", "blind124", "blind125", "blind127", "blind128", "blind130", "blind131", "blind132", "blind133", "blind134", "blind135", "blind136", "blind137", "blind138", "blind139", "blind140", "blind141", "blind142", "blind143", "blind144", "blind147", "blind148", "blind149", "blind151", "blind152", "blind153", "blind155", "blind156", "blind157", "blind159", "blind160", "blind161", "blind163", "blind164", "blind165", "blind167", "blind168", "blind169", "blind174", "blind176", "blind177", "blind178", "blind180", "blind181", "blind183", "blind184", "blind185", "blind186", "blind188", "blind189", "blind190", "blind191", "blind192", "blind194", "blind195", "blind196", "blind198", "blind199", "blind200", "blind202", "blind203", "blind204", "blind206", "blind207", "blind208", "blind210", "blind211", "blind212", "blind214", "blind215", "blind216", "blind218", "blind219", "blind220", "blind222", "blind223", "blind224", "blind226", "blind227", "blind229", "blind230", "blind231", "blind233", "blind234", "blind235", "blind237", "blind238", "blind239", "blind241", "blind242", "blind243", "blind245", "blind246", "blind247", "blind249", "blind250", "blind251", "blind252", "blind253", "blind254", "blind255", "blind257", "blind258", "blind259", "blind261", "blind262", "blind263", "blind265", "blind266", "blind267", "blind269", "blind270", "blind271", "blind273", "blind274", "blind275", "blind277", "blind278", "blind279", "blind281", "blind282", "blind283", "blind285", "blind286", "blind287", "blind289", "blind290", "blind291", "blind293", "blind294", "blind295", "blind297", "blind298", "blind299", "blind301", "blind302", "blind303", "blind305", "blind306", "blind307", "blind309", "blind310", "blind311", "blind313", "blind314", "blind315", "blind317", "blind318", "blind319", "blind321", "blind322", "blind323", "blind325", "blind326", "blind327", "blind329", "blind330", "blind331", "blind333", "blind334", "blind335", "blind337", "blind338", "blind339", "blind341", "blind342", "blind343", "blind345", "blind346", "blind347", "blind349", "blind350", "blind351", "blind353", "blind354", "blind357", "blind358", "blind359", "blind361", "blind362", "blind363", "blind365", "blind366", "blind367", "blind369", "blind370", "blind371", "blind373")
OLDER = ("labelled", "heldout", "heldout2", "dev")
KEYS = ("intent", "category", "building", "task_refs", "urgent_recall", "urgent_false_alarms",
        "chat_filed_as_report")


def path_of(name: str) -> Path:
    if name == "dev":
        return ROOT.parent / "shared" / "data" / "dev_eval.jsonl"
    return DATA / f"{name}.jsonl"


def load(name: str) -> list[dict]:
    return train.rows([path_of(name)])


def _cats(g: dict) -> list:
    return g["category"] if isinstance(g["category"], list) else [g["category"]]


def score(gold: list[dict], misses: list | None = None) -> dict:
    """The figures of score_parse.py, in-process, plus raw counts for pooling."""
    c = {k: [0, 0] for k in ("intent", "category", "building", "task_refs")}
    tp = fn = fp = chat = chat_rep = 0
    for g in gold:
        r = parse(g["text"])
        c["intent"][0] += r.intent == g["intent"]
        c["intent"][1] += 1
        why = []
        if r.intent != g["intent"]:
            why.append(f"intent {g['intent']}->{r.intent}")
        if g["intent"] == "chat":
            chat += 1
            chat_rep += r.intent == "report"
        if g["intent"] == "report":
            ok = r.category in _cats(g)
            c["category"][0] += ok
            c["category"][1] += 1
            if r.intent == "report" and not ok:
                why.append(f"category {g['category']}->{r.category}")
            if g["building"] != "*":
                c["building"][0] += r.location.building == g["building"]
                c["building"][1] += 1
                if r.location.building != g["building"]:
                    why.append(f"building {g['building']}->{r.location.building}")
            if g["urgent"] != "*":
                if g["urgent"] and r.urgent:
                    tp += 1
                elif g["urgent"]:
                    fn += 1
                    why.append("urgent missed")
                elif r.urgent:
                    fp += 1
                    why.append("false alarm")
        if g["intent"] in ("claim", "progress") and g["task_refs"] != "*":
            ok = list(r.task_refs) == g["task_refs"]
            c["task_refs"][0] += ok
            c["task_refs"][1] += 1
            if not ok:
                why.append(f"task_refs {g['task_refs']}->{list(r.task_refs)}")
        if why and misses is not None:
            misses.append((why, g["text"]))
    return {"counts": c, "urgent": [tp, fn, fp], "chat": [chat_rep, chat], "n": len(gold)}


def figures(raw: dict) -> dict:
    c = raw["counts"]
    out = {k: round(v[0] / v[1], 3) if v[1] else None for k, v in c.items()}
    tp, fn, fp = raw["urgent"]
    out["urgent_recall"] = round(tp / (tp + fn), 3) if tp + fn else None
    out["urgent_false_alarms"] = fp
    rep, chat = raw["chat"]
    out["chat_filed_as_report"] = round(rep / chat, 3) if chat else None
    out["n"] = raw["n"]
    return out


def pool(raws: list[dict]) -> dict:
    out = {"counts": {k: [0, 0] for k in raws[0]["counts"]}, "urgent": [0, 0, 0], "chat": [0, 0], "n": 0}
    for raw in raws:
        for k, v in raw["counts"].items():
            out["counts"][k][0] += v[0]
            out["counts"][k][1] += v[1]
        out["urgent"] = [a + b for a, b in zip(out["urgent"], raw["urgent"], strict=True)]
        out["chat"] = [a + b for a, b in zip(out["chat"], raw["chat"], strict=True)]
        out["n"] += raw["n"]
    return out


def with_model(nb: model.NaiveBayes | None, fn: Callable[[], dict]) -> dict:
    """Run fn with nb standing in for the shipped model."""
    shipped = model.shipped
    model.shipped = lambda: nb  # type: ignore[assignment]
    try:
        return fn()
    finally:
        model.shipped = shipped  # type: ignore[assignment]


def leave_one_out(sets: tuple[str, ...], misses: dict | None = None,
                  rules_only: bool = False) -> dict[str, dict]:
    """Each set scored with a model trained on all labelled sets but that one."""
    everything = [n for n in (*OLDER, *BLIND) if path_of(n).exists()]
    out = {}
    for name in sets:
        rest = [r for n in everything if n != name for r in load(n)]
        nb = None if rules_only else train.fitted(rest)
        lost = [] if misses is not None else None
        out[name] = with_model(nb, lambda name=name, lost=lost: score(load(name), lost))
        if misses is not None:
            misses[name] = lost
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(BLIND))
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--rules", action="store_true")
    ap.add_argument("--sealed", default="")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sets = tuple(s for s in args.sets.split(",") if s)
    if args.sealed and args.sealed in sets:
        ap.error(f"{args.sealed} is sealed: pass it only as --sealed (figures, no lines)")
    report: dict[str, dict] = {}
    misses: dict = {}
    loso = leave_one_out(sets, misses if args.misses else None)
    for name, raw in loso.items():
        report[f"loso {name}"] = figures(raw)
    report["loso pooled"] = figures(pool(list(loso.values())))
    if args.rules:
        rules = leave_one_out(sets, rules_only=True)
        for name, raw in rules.items():
            report[f"rules {name}"] = figures(raw)
        report["rules pooled"] = figures(pool(list(rules.values())))
    for name in OLDER:
        if path_of(name).exists():
            report[f"shipped {name}"] = figures(score(load(name)))
    if args.sealed:
        # Scored with the shipped model, which never saw it; figures only.
        report[f"sealed {args.sealed}"] = figures(score(load(args.sealed)))
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(f"{'':18}" + " ".join(f"{k[:10]:>10}" for k in KEYS))
        for name, f in report.items():
            print(f"{name:18}" + " ".join(f"{f[k]!s:>10}" for k in KEYS))
    for name, lost in misses.items():
        for why, text in lost:
            print(name, "|", "; ".join(why), "|", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
