"""WeChat through a Wechaty puppet service: room messages become `Event`s, the bot's
messages go back with `room.say` and real @-mentions. It translates and never decides."""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from grpclib.const import Status
from grpclib.exceptions import GRPCError, StreamTerminatedError

from bot.adapters.base import SendError
from bot.events import Event, Outgoing
from bot.settings import Settings
from bot.understanding.quote import Quote, split_quote

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

PLATFORM = "wechat"
TEXT_TYPE = "MESSAGE_TYPE_TEXT"
SEEN_IDS = 4096  # message ids remembered to drop repeated deliveries
RECENT_PER_ROOM = 200  # messages per room a quote-reply can point at
ROOMS_REMEMBERED = 2000
PREFLIGHT_TIMEOUT = 5.0
_LEADING_MENTIONS = re.compile(r"^(?:@[^\s\u2005@]{1,40}[\s\u2005]+)+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Recent:
    """One message of a room, kept to resolve quote-replies to it."""

    message_id: str
    name: str
    text: str


def _plain(text: str) -> str:
    """Text as compared with a quote: leading @-mentions and spacing left out."""
    return _SPACES.sub(" ", _LEADING_MENTIONS.sub("", text.strip())).strip()


def _quotes(quoted: str, text: str) -> bool:
    """Whether `quoted` (as WeChat shows it, perhaps shortened with …) is `text`."""
    if quoted == text:
        return True
    shortened = quoted.rstrip("…. ")
    return len(shortened) >= 6 and shortened != quoted and text.startswith(shortened)


class WechatyAdapter:
    """One WeChat account served by a Wechaty puppet service, reconnecting with backoff."""

    platform = PLATFORM

    def __init__(
        self, settings: Settings, *, backoff_start: float = 1.0, backoff_cap: float = 60.0
    ) -> None:
        self.settings = settings
        self.backoff_start = backoff_start
        self.backoff_cap = backoff_cap
        self.bot: Any = None  # the wechaty.Wechaty of the live connection
        self.self_id = ""  # the bot's own contact id, once logged in
        self.self_name = ""
        self._app: App | None = None
        self._task: asyncio.Task[None] | None = None
        self._scheduler: Any = None
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._recent: OrderedDict[str, deque[Recent]] = OrderedDict()

    async def start(self, app: App) -> None:
        self._app = app
        self._task = app.dispatcher.spawn(self._run(), name="wechaty")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    # connection

    async def _run(self) -> None:
        attempt = 0
        endpoint = self.settings.wechaty_puppet_service_endpoint
        while True:
            try:
                await self._session()
                log.warning("the WeChat puppet service at %s closed the connection", endpoint)
            except asyncio.CancelledError:
                raise
            except GRPCError as exc:
                if exc.status is Status.UNAUTHENTICATED:
                    # Not exc.message: the service quotes the wrong token back in it.
                    log.error(
                        "WeChat puppet service refused the token (%s); "
                        "check WECHATY_PUPPET_SERVICE_TOKEN",
                        exc.status.name,
                    )
                else:
                    log.warning("WeChat puppet service at %s: %s", endpoint, exc)
            except (OSError, StreamTerminatedError, TimeoutError) as exc:
                log.warning(
                    "cannot reach the WeChat puppet service at %s: %s",
                    endpoint,
                    exc or type(exc).__name__,
                )
            except Exception:
                log.exception("the WeChat connection failed")
            finally:
                was_logged_in = bool(self.self_id)
                await self._disconnect()
            attempt = 0 if was_logged_in else attempt + 1
            delay = min(self.backoff_cap, self.backoff_start * 2 ** max(0, attempt - 1))
            log.info("reconnecting to the WeChat puppet service in %.0f s", delay)
            await asyncio.sleep(delay)

    async def _session(self) -> None:
        """Connect, log in and serve until the event stream ends."""
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        from bot.adapters.wechaty_compat import load_wechaty

        wechaty = load_wechaty(self.settings.data_dir.resolve() / "wechaty")
        await self._preflight()
        from wechaty_puppet import PuppetOptions

        self._scheduler = AsyncIOScheduler()
        options = wechaty.WechatyOptions(
            puppet_options=PuppetOptions(
                token=self.settings.wechaty_puppet_service_token,
                end_point=self.settings.wechaty_puppet_service_endpoint,
            ),
            # Wechaty serves plugin pages on host:port; with no plugin it serves nothing,
            # and port 0 keeps its "port in use" probe from ever failing.
            host="127.0.0.1",
            port=0,
            # Our own scheduler instead of its default (a job store file), shut down below.
            scheduler=self._scheduler,
        )
        bot = wechaty.Wechaty(options)
        bot.on("login", self._logged_in)
        bot.on("logout", self._logged_out)
        bot.on("message", self.received)
        self.bot = bot
        await bot.init_puppet()
        await bot.init_puppet_event_bridge(bot.puppet)
        log.info("connecting to the WeChat puppet service at %s", options.puppet_options.end_point)
        await bot.puppet.start()  # returns when the event stream ends

    async def _preflight(self) -> None:
        # The library probes the endpoint with a blocking telnet; fail fast here instead.
        from wechaty_puppet_service.utils import extract_host_and_port

        host, port = extract_host_and_port(self.settings.wechaty_puppet_service_endpoint)
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), PREFLIGHT_TIMEOUT)
        writer.close()
        await writer.wait_closed()

    async def _disconnect(self) -> None:
        bot, self.bot = self.bot, None
        self.self_id = ""
        if bot is None:
            return
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._scheduler = None
        try:
            puppet = bot.puppet
        except Exception:
            return
        try:
            await asyncio.wait_for(puppet.stop(), 3)
        except (Exception, TimeoutError) as exc:
            log.debug("closing the WeChat connection: %s", exc)
        channel = getattr(puppet, "channel", None)
        if channel is not None:
            channel.close()

    async def _logged_in(self, contact: Any) -> None:
        self.self_id = contact.contact_id
        self.self_name = contact.name
        log.info("WeChat logged in as %s (%s)", self.self_name, self.self_id)

    async def _logged_out(self, contact: Any) -> None:
        log.warning("WeChat account %s logged out", getattr(contact, "contact_id", "?"))
        self.self_id = ""

    # receiving

    def received(self, msg: Any) -> None:
        """A message from the puppet service: translated and handled in its own task."""
        if self._app is not None:
            self._app.dispatcher.spawn(self._receive(msg), name="wechat-message")

    async def _receive(self, msg: Any) -> None:
        assert self._app is not None
        try:
            event = await self.translate(msg)
        except Exception as exc:
            log.warning("WeChat message %s could not be read: %s", msg.message_id, exc)
            return
        if event is not None:
            await self._app.handle(event)

    async def translate(self, msg: Any) -> Event | None:
        """The platform-neutral event for a wechaty message; None for what the bot skips
        (its own messages, repeats, private chat when rooms only, non-text)."""
        assert self._app is not None
        message_id = str(msg.message_id)
        if message_id in self._seen:
            log.debug("dropped repeated WeChat delivery of %s", message_id)
            return None
        self._seen[message_id] = None
        if len(self._seen) > SEEN_IDS:
            self._seen.popitem(last=False)
        await msg.ready()
        room = msg.room()
        talker = msg.talker()
        raw = msg.text() or ""
        if talker.contact_id == self.self_id:
            if room is not None:
                self._remember(room.room_id, message_id, self.self_name, raw)
            return None
        if getattr(msg.type(), "name", "") != TEXT_TYPE:
            return None
        if room is None and self.settings.wechaty_room_only:
            return None
        name = talker.name or ""
        if room is not None:
            await room.ready()
            name = (await room.alias(talker)) or name
        text, reply_to = raw, None
        quote = split_quote(raw)
        if quote is not None:
            text = quote.text
            reply_to = self.find_quoted(room.room_id, quote) if room is not None else None
        mentions = tuple(c.contact_id for c in await msg.mention_list())
        if room is not None:
            self._remember(room.room_id, message_id, name, text)
        return Event(
            platform=PLATFORM,
            chat_id=room.room_id if room is not None else None,
            user_id=talker.contact_id,
            user_name=name,
            text=text,
            message_id=message_id,
            ts=self._app.clock.now(),
            reply_to=reply_to,
            mentions=mentions,
            to_me=bool(self.self_id) and self.self_id in mentions,
            account=self.self_id,
        )

    def find_quoted(self, room_id: str, quote: Quote) -> str | None:
        """The id of the recent message in the room that `quote` quotes, newest first,
        preferring one by the quoted name."""
        wanted = _plain(quote.quoted)
        if not wanted:
            return None
        fallback = None
        for item in reversed(self._recent.get(room_id, ())):
            if not _quotes(wanted, _plain(item.text)):
                continue
            if item.name == quote.name:
                return item.message_id
            fallback = fallback or item.message_id
        return fallback

    def _remember(self, room_id: str, message_id: str, name: str, text: str) -> None:
        ring = self._recent.get(room_id)
        if ring is None:
            ring = self._recent[room_id] = deque(maxlen=RECENT_PER_ROOM)
            if len(self._recent) > ROOMS_REMEMBERED:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(room_id)
        if all(item.message_id != message_id for item in ring):
            ring.append(Recent(message_id, name, text))

    # sending

    async def send(self, msg: Outgoing) -> str | None:
        bot = self.bot
        if bot is None or not self.self_id:
            raise SendError("WeChat is not connected", retry=True)
        try:
            if msg.chat_id is not None:
                room = bot.Room.load(msg.chat_id)
                await room.ready()
                sent = await room.say(msg.text, mention_ids=list(msg.mentions) or None)
            else:
                contact = bot.Contact.load(msg.user_id)
                await contact.ready()
                sent = await contact.say(msg.text)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            raise SendError(f"WeChat send failed: {exc or type(exc).__name__}") from exc
        if sent is None:
            return None
        message_id = str(sent.message_id)
        if msg.chat_id is not None:
            text = sent.text() if getattr(sent, "payload", None) is not None else msg.text
            self._remember(msg.chat_id, message_id, self.self_name, text)
        return message_id
