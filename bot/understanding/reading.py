"""The structured reading of one message, as the spec's JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Intent = Literal["report", "claim", "progress", "command", "chat"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where the message is about; None when not stated."""

    building: int | None = None
    unit: int | None = None
    floor: int | None = None
    room: int | None = None
    place: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The location as the spec's JSON object."""
        return {"building": self.building, "unit": self.unit, "floor": self.floor,
                "room": self.room, "place": self.place}


@dataclass(frozen=True, slots=True)
class Reading:
    """What the bot understood of one message."""

    intent: Intent
    category: str | None = None
    urgent: bool = False
    location: Location = field(default_factory=Location)
    task_refs: tuple[int, ...] = ()
    keywords: tuple[str, ...] = ()
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """The reading as the spec's JSON object."""
        return {
            "intent": self.intent,
            "category": self.category,
            "urgent": self.urgent,
            "location": self.location.to_dict(),
            "task_refs": list(self.task_refs),
            "keywords": list(self.keywords),
            "confidence": self.confidence,
        }
