"""What the words of one message say, summed up by weighing.py and read by the rules
(rules.py) and the models' second opinions (opinions.py); and the kinds of cue that make a
message chat."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of cue (cues.tsv) that say a message is something other than a report.
NOT_REPORT = frozenset({"ad", "lost", "aside", "joke", "news", "notice", "drill", "thanks", "resolved",
                        "past", "worry", "future", "meeting", "progress", "claim", "claim_me"})
# Kinds that lean a message towards chat: a model's veto needs one where a place is named.
CHAT_CUES = NOT_REPORT | {"hedge", "past_day", "neutral", "laugh", "not_claim", "figure"}
# Cues that tell of a thing over or elsewhere, not of a danger now.
TOLD = frozenset({"resolved", "over", "thanks", "past", "past_day", "progress", "news", "joke",
                  "ad", "lost", "notice", "drill"})


@dataclass(slots=True)
class Evidence:
    """What the words of one message say, summed up."""

    problem: float = 0.0
    categories: dict[str, float] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)
    urgent: list[tuple[str, str | None, bool]] = field(default_factory=list)
    keywords: dict[str, list[str]] = field(default_factory=dict)
    discounted: bool = False
    first_clause_kinds: set[str] = field(default_factory=set)
    # The last clause saying it is fixed, and the last saying it is still broken: "之前一直坏，
    # 现在换了新的" ends fixed.
    last_resolved: int = -1
    last_still: int = -1
    last_urgent: int = -1  # the last clause with an urgent cue
    last_over: int = -1  # the last clause saying the people are out of danger (人出来了)
    over_by_step: bool = False  # and it tells only of a step taken (我已经出来了, 关了总阀)
    denied: bool = False  # a clause says the danger is not one (不是着火)
    unsaid: bool = False  # a fault is denied (电梯没坏, 没问题, 不是漏水)

    def note(self, key: str, word: str) -> None:
        words = self.keywords.setdefault(key, [])
        if word not in words:
            words.append(word)
