"""Settings from the environment and `.env`; every one is listed in `.env.example`."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as PydanticSettingsError

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


# The report categories of shared/spec/parse.md (tests check handlers.taskkit labels the same).
TASK_CATEGORIES = frozenset({
    "elevator", "water", "sanitation", "facility", "power", "safety", "noise", "parking",
    "greenery", "epidemic", "assistance", "property", "other",
})


class SettingsError(RuntimeError):
    """A setting has a value that cannot be used; the message is one line."""


def parse_hhmm(value: str) -> tuple[int, int]:
    m = _HHMM.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a time of day like 08:00")
    return int(m.group(1)), int(m.group(2))


class Settings(BaseSettings):
    """What an operator can set. Names match the documented environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = "sqlite:///weizhili.db"
    data_dir: Path = Path(".weizhili")
    timezone: str = "Asia/Shanghai"
    log_level: str = "INFO"

    report_confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    deadline_days: int = Field(default=15, ge=1, le=365)
    deadline_days_by_category: dict[str, int] = Field(default_factory=dict)
    accept_after_days: int = Field(default=3, ge=1, le=60)
    urgent_repeat_minutes: int = Field(default=10, ge=1, le=1440)
    quiet_hours_start: str = "22:00"
    quiet_hours_end: str = "08:00"

    send_rate_per_second: float = Field(default=1.0, gt=0.0, le=100.0)
    send_burst: int = Field(default=5, ge=1, le=1000)
    send_max_attempts: int = Field(default=5, ge=1, le=100)

    wechaty_puppet_service_token: str = ""
    wechaty_puppet_service_endpoint: str = ""
    wechaty_room_only: bool = True

    onebot_enabled: bool = False
    onebot_host: str = "127.0.0.1"
    onebot_port: int = Field(default=8080, ge=1, le=65535)
    onebot_access_token: str = ""
    onebot_secret: str = ""
    onebot_api_root: str = ""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("quiet_hours_start", "quiet_hours_end")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        parse_hhmm(value)
        return value.strip()

    @field_validator("deadline_days_by_category")
    @classmethod
    def _category_days(cls, value: dict[str, int]) -> dict[str, int]:
        for category, days in value.items():
            if category not in TASK_CATEGORIES:
                known = ", ".join(sorted(TASK_CATEGORIES))
                raise ValueError(f"unknown category {category[:40]!r} (one of {known})")
            if not 1 <= days <= 365:
                raise ValueError(f"{category}: {days} days; must be 1 to 365")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return value

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def wechaty_configured(self) -> bool:
        return bool(self.wechaty_puppet_service_token and self.wechaty_puppet_service_endpoint)


def load_settings(**overrides: object) -> Settings:
    """Settings from environment and `.env`, or SettingsError naming the bad value."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except PydanticSettingsError as exc:  # a value that is not even JSON (a dict setting)
        raise SettingsError(f"settings: {str(exc)[:200]}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"]).upper() or "settings"
        raise SettingsError(f"setting {name}: {first['msg']}") from None
