"""Card reader service: PC/SC monitoring and card reads on one supervised thread.

Shape (Electrum-style supervision):

* a *supervisor* thread owns the lifecycle and never calls pyscard;
* a *PC/SC thread* (one "generation" at a time) does every pyscard call: context, reader list,
  ``SCardGetStatusChange`` with a timeout (never ``CardRequest(readers=[])``, which spins),
  exclusive connect, APDUs.

PC/SC has no timeout on ``SCardTransmit``: a card that never answers blocks the calling thread
for as long as the card holds the APDU. The supervisor therefore watches each read's start time;
past ``read_timeout_s`` it reports ``CardReadFailed(reason="timeout")``, marks that generation
stale (its late results are dropped) and starts a fresh generation with a fresh context, so the
service keeps working for the other readers and for the next card. pcscd going away
(``SCARD_E_NO_SERVICE`` and friends) is handled inside a generation: drop the context,
report ``no_service``, re-establish with exponential backoff.

Typed passport data must not wait for the PC/SC thread's next poll: a small *wake* thread ends
that thread's ``SCardGetStatusChange`` wait at once with ``SCardCancel``, the one PC/SC call
made for another thread (pcsc-lite sends it over a connection of its own for this purpose).

Privacy: nothing read from a card is logged; log lines carry reader names and reasons only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from kiosk.devices.card import pcsc
from kiosk.devices.card.events import (
    MESSAGES,
    CardEvent,
    CardInserted,
    CardNeedsMrz,
    CardRead,
    CardReadFailed,
    CardRemoved,
    FailReason,
    ReadersChanged,
    ReaderServiceState,
    ServiceState,
)
from kiosk.devices.card.settings import CardReaderSettings
from kiosk.identity.channel import CardProtocolError
from kiosk.identity.model import CardIdentity, MrzNeeded
from kiosk.identity.mrz import MrzInfo
from kiosk.identity.profiles import CardProfile, ReadContext, SamSession, default_profiles, read_card

log = logging.getLogger(__name__)

Listener = Callable[[CardEvent], None]
_SUPERVISOR_TICK_S = 0.05
# SCardCancel only ends a wait already in progress: repeat it this often until the PC/SC thread
# has taken the typed data (it may have been just about to start waiting).
_WAKE_RETRY_S = 0.005


class _Generation:
    """One PC/SC thread and its context. Once ``stale`` it may no longer emit or change state."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.stale = False
        self.read_started: float | None = None
        self.read_reader: str | None = None
        self.read_session: int | None = None  # the owner's session when the read began
        self.ctx: int | None = None  # the PC/SC context, for the wake thread's SCardCancel
        self.thread: threading.Thread | None = None
        self.crashed = False


class CardReaderService:
    def __init__(
        self,
        settings: CardReaderSettings,
        profiles: list[CardProfile] | None = None,
        *,
        listeners: Iterable[Listener] = (),
        sam: SamSession | None = None,
    ) -> None:
        self._settings = settings
        self._profiles = profiles if profiles is not None else default_profiles(sam, settings.ektp_atr_prefixes())
        self._sam = sam
        self._listeners: list[Listener] = list(listeners)
        self._stop = threading.Event()
        self._emit_lock = threading.Lock()  # makes "is this generation stale?" + emit atomic
        self._mrz_lock = threading.Lock()
        self._session_id: int | None = None  # the owner's tag, carried by every read's outcome
        self._mrz: MrzInfo | None = None
        self._mrz_pending = False
        self._awaiting_mrz: str | None = None
        self._refused: set[str] = set()
        # reader -> pcsc-lite's insertion counter of the card we last saw there (None: empty);
        # a changed counter means the card was swapped faster than pcscd's polling period
        self._known: dict[str, int | None] = {}
        self._state: ServiceState = "stopped"
        self._generation: _Generation | None = None
        self._stale_threads: list[threading.Thread] = []
        self._supervisor: threading.Thread | None = None
        self._wake = threading.Event()
        self._waker: threading.Thread | None = None

    # ----------------------------------------------------------------- public API (any thread)
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def state(self) -> ServiceState:
        return self._state

    def start(self) -> None:
        if self._supervisor is not None:
            raise RuntimeError("CardReaderService already started")
        if self._settings.backend == "none":
            self._set_state(None, "no_readers")
            return
        self._supervisor = threading.Thread(target=self._supervise, name="card-supervisor", daemon=True)
        self._supervisor.start()
        self._waker = threading.Thread(target=self._wake_for_mrz, name="card-wake", daemon=True)
        self._waker.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop and join the threads. Returns False if a thread did not end in time."""
        self._stop.set()
        self._wake.set()
        ok = True
        if self._waker is not None:
            self._waker.join(timeout)
        if self._supervisor is not None:
            self._supervisor.join(timeout)
            ok = not self._supervisor.is_alive()
        # A generation abandoned on a card that never answers is blocked inside pcsc-lite; it
        # ends when the card or pcscd lets go. Give it a moment, then leave it (daemon thread).
        for t in self._stale_threads:
            t.join(0.2)
            if t.is_alive():
                log.warning("card: a PC/SC thread is still blocked on an unanswered APDU")
        self._state = "stopped"
        return ok

    def provide_mrz(self, mrz: MrzInfo | None) -> None:
        """MRZ data for BAC (typed or scanned). The card still on the reader is read again, at once."""
        with self._mrz_lock:
            self._mrz = mrz
            self._mrz_pending = mrz is not None
        if mrz is not None:
            self._wake.set()

    def begin_session(self, session_id: int | None) -> None:
        """A citizen's session begins (the last one ended): forget MRZ data and refused keys,
        and tag the outcome of every read that starts from now on with ``session_id``."""
        with self._mrz_lock:
            self._session_id = session_id
            self._mrz = None
            self._mrz_pending = False
            self._awaiting_mrz = None
            self._refused.clear()

    def _wake_for_mrz(self) -> None:
        """The wake thread: typed MRZ data ends the PC/SC thread's wait for reader events."""
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stop.is_set():
                return
            deadline = time.monotonic() + 2 * self._settings.poll_interval_s  # by then it polled anyway
            while not self._stop.is_set() and time.monotonic() < deadline:
                with self._mrz_lock:
                    if not self._mrz_pending:
                        break
                gen = self._generation
                ctx = gen.ctx if gen is not None else None
                if gen is not None and ctx is not None and gen.read_started is None:  # mid-read it reads the data next
                    pcsc.cancel(ctx)
                self._stop.wait(_WAKE_RETRY_S)

    # ------------------------------------------------------------------------ supervisor
    def _supervise(self) -> None:
        number = 0
        backoff = self._settings.restart_backoff_initial_s
        while not self._stop.is_set():
            number += 1
            gen = _Generation(number)
            gen.thread = threading.Thread(
                target=self._run_generation, args=(gen,), name=f"card-pcsc-{number}", daemon=True
            )
            self._generation = gen
            gen.thread.start()
            while not self._stop.is_set() and gen.thread.is_alive():
                started = gen.read_started
                if started is not None and time.monotonic() - started > self._settings.read_timeout_s:
                    self._abandon(gen)
                    break
                self._stop.wait(_SUPERVISOR_TICK_S)
            if self._stop.is_set():
                gen.thread.join(max(1.0, self._settings.poll_interval_s * 4))
                if gen.thread.is_alive():  # blocked on a card mid-read: leave it, marked stale
                    with self._emit_lock:
                        gen.stale = True
                    self._stale_threads.append(gen.thread)
                break
            if gen.crashed:
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self._settings.restart_backoff_max_s)
            else:
                backoff = self._settings.restart_backoff_initial_s

    def _abandon(self, gen: _Generation) -> None:
        with self._emit_lock:
            gen.stale = True
            reader = gen.read_reader or ""
        assert gen.thread is not None
        self._stale_threads.append(gen.thread)
        log.warning("card: read on %r timed out; restarting the PC/SC thread", reader)
        self._deliver(CardReadFailed(reader, "timeout", MESSAGES["timeout"], gen.read_session))

    # ----------------------------------------------------------------- PC/SC thread body
    def _run_generation(self, gen: _Generation) -> None:
        try:
            _PcscLoop(self, gen).run()
        except Exception as exc:
            gen.crashed = True
            log.error("card: PC/SC thread crashed (%s); restarting", type(exc).__name__)

    # ------------------------------------------------------------------ events and state
    def _emit(self, gen: _Generation, event: CardEvent) -> bool:
        with self._emit_lock:
            if gen.stale:
                return False
        self._deliver(event)
        return True

    def _deliver(self, event: CardEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception as exc:
                log.error("card: listener raised %s", type(exc).__name__)

    def _set_state(self, gen: _Generation | None, state: ServiceState) -> None:
        if state == self._state:
            return
        if gen is not None and gen.stale:
            return
        self._state = state
        log.info("card: reader service state %s", state)
        self._deliver(ReaderServiceState(state))


class _PcscLoop:
    """Everything that touches pyscard. Runs on exactly one thread (its generation's)."""

    def __init__(self, service: CardReaderService, gen: _Generation) -> None:
        self.svc = service
        self.gen = gen
        self.settings = service._settings
        self.ctx: int | None = None
        self.readers: list[str] | None = None  # None: list them again
        self.states: dict[str, int] = {}
        self.pnp_state = pcsc.STATE_UNAWARE
        self.backoff = self.settings.restart_backoff_initial_s

    def running(self) -> bool:
        return not self.svc._stop.is_set() and not self.gen.stale

    def run(self) -> None:
        try:
            while self.running():
                if self.ctx is None and not self._establish():
                    continue
                if self.readers is None and not self._list_readers():
                    continue
                self._wait_for_events()
                self._retry_with_mrz()
        finally:
            self.gen.ctx = None
            if self.ctx is not None:
                pcsc.release(self.ctx)

    # -- context and readers
    def _establish(self) -> bool:
        hr, ctx = pcsc.establish()
        if hr != pcsc.OK:
            self.svc._set_state(self.gen, "no_service")
            self.svc._stop.wait(self.backoff)
            self.backoff = min(self.backoff * 2, self.settings.restart_backoff_max_s)
            return False
        self.ctx = self.gen.ctx = ctx
        self.backoff = self.settings.restart_backoff_initial_s
        self.readers = None
        self.pnp_state = pcsc.STATE_UNAWARE
        return True

    def _drop_context(self) -> None:
        self.gen.ctx = None
        if self.ctx is not None:
            pcsc.release(self.ctx)
        self.ctx = None
        self.readers = None
        self.states.clear()
        self.svc._set_state(self.gen, "no_service")

    def _list_readers(self) -> bool:
        assert self.ctx is not None
        hr, names = pcsc.list_readers(self.ctx)
        if hr == pcsc.NO_READERS:
            names = []
        elif hr != pcsc.OK:
            self._drop_context()
            return False
        wanted = self.settings.reader_name_filter
        if wanted:
            names = [n for n in names if wanted.lower() in n.lower()]
        known = self.svc._known
        if self.readers != names:
            for gone in [r for r in known if r not in names]:
                if known.pop(gone) is not None and not self.gen.stale:
                    self.svc._emit(self.gen, CardRemoved(gone))
            self.states = {n: self.states.get(n, pcsc.STATE_UNAWARE) for n in names}
            self.svc._emit(self.gen, ReadersChanged(tuple(names)))
        self.readers = names
        self.svc._set_state(self.gen, "ok" if names else "no_readers")
        return True

    # -- events
    def _wait_for_events(self) -> None:
        assert self.ctx is not None and self.readers is not None
        query = [(pcsc.PNP_READER, self.pnp_state)] + [(r, self.states[r]) for r in self.readers]
        if self.svc._mrz_pending:
            return  # typed data came in: read with it now, not after the next wait
        hr, result = pcsc.status_change(self.ctx, self.settings.poll_interval_s, query)
        if hr in (pcsc.TIMEOUT, pcsc.CANCELLED) or not self.running():
            return
        if hr in pcsc.SERVICE_GONE:
            log.warning("card: pcscd went away; reconnecting")
            self._drop_context()
            return
        if hr in (pcsc.UNKNOWN_READER, pcsc.READER_UNAVAILABLE):
            self.readers = None
            return
        if hr != pcsc.OK:
            log.warning("card: SCardGetStatusChange failed (0x%08X)", hr)
            self.readers = None
            self.svc._stop.wait(self.settings.poll_interval_s)
            return
        for name, event, atr in result:
            if name == pcsc.PNP_READER:
                if event & pcsc.STATE_CHANGED:
                    self.readers = None
                self.pnp_state = event & ~pcsc.STATE_CHANGED
                continue
            if event & (pcsc.STATE_UNKNOWN | pcsc.STATE_UNAVAILABLE):
                self.readers = None
                continue
            self.states[name] = event & ~pcsc.STATE_CHANGED
            present = bool(event & pcsc.STATE_PRESENT) and not event & pcsc.STATE_MUTE
            counter = (event >> 16) & 0xFFFF
            was = self.svc._known.get(name)
            if present and was != counter:
                if was is not None:  # swapped unseen: report the old one gone first
                    self.svc._emit(self.gen, CardRemoved(name))
                self.svc._known[name] = counter
                self.svc._emit(self.gen, CardInserted(name, atr.hex().upper()))
                self._read(name, atr)
            elif not present and was is not None:
                self.svc._known[name] = None
                if self.svc._awaiting_mrz == name:
                    self.svc._awaiting_mrz = None
                self.svc._emit(self.gen, CardRemoved(name))

    def _retry_with_mrz(self) -> None:
        svc = self.svc
        with svc._mrz_lock:
            reader = svc._awaiting_mrz if svc._mrz_pending else None
            svc._mrz_pending = False
        if reader and self.ctx is not None and svc._known.get(reader) is not None:
            self._read(reader, b"")

    # -- one read
    def _read(self, reader: str, atr: bytes) -> None:
        assert self.ctx is not None
        gen = self.gen
        gen.read_reader = reader
        with self.svc._mrz_lock:
            gen.read_session = self.svc._session_id
        gen.read_started = time.monotonic()
        try:
            self._read_inner(reader, atr)
        finally:
            gen.read_started = None

    def _read_inner(self, reader: str, atr: bytes) -> None:
        assert self.ctx is not None
        started = time.perf_counter()
        hr, hcard, proto = pcsc.connect_exclusive(self.ctx, reader)
        if hr != pcsc.OK:
            if hr in pcsc.SERVICE_GONE:
                self._drop_context()
                return
            if hr == pcsc.SHARING_VIOLATION:
                self._fail(reader, "busy")
            elif hr in pcsc.CARD_GONE:
                self._fail(reader, "removed")
            else:
                self._fail(reader, "unreadable")
            return
        channel = pcsc.PcscChannel(hcard, proto)
        svc = self.svc
        ctx = ReadContext(bac_key_source=self._mrz_source, sam=svc._sam, refused=svc._refused)
        try:
            reading = read_card(channel, atr, svc._profiles, ctx)
        except pcsc.TransmitFailed as exc:
            if exc.hr in pcsc.SERVICE_GONE:
                self._drop_context()
                return
            gone = exc.hr in pcsc.CARD_GONE or self._card_left(reader)
            self._fail(reader, "removed" if gone else "unreadable")
            return
        except CardProtocolError:
            self._fail(reader, "unreadable")
            return
        except Exception as exc:
            log.error("card: read failed with %s", type(exc).__name__)
            self._fail(reader, "error")
            return
        finally:
            pcsc.disconnect(hcard)
        if isinstance(reading, MrzNeeded):
            svc._awaiting_mrz = reader
            if reading.wrong_key:
                self._forget_refused_mrz()
            svc._emit(self.gen, CardNeedsMrz(reader, reading.wrong_key, self.gen.read_session))
            return
        assert isinstance(reading, CardIdentity)
        if svc._awaiting_mrz == reader:
            svc._awaiting_mrz = None
        elapsed = time.perf_counter() - started
        svc._emit(self.gen, CardRead(reader, reading, channel.apdu_count, elapsed, self.gen.read_session))

    def _forget_refused_mrz(self) -> None:
        # Data the chip refused is never sent again, not even when the card is placed again:
        # the citizen corrects it on the keypad. (Unless newer data was typed meanwhile.)
        svc = self.svc
        with svc._mrz_lock:
            if svc._mrz is not None and svc._mrz.key_seed_input() in svc._refused:
                svc._mrz = None

    def _mrz_source(self) -> MrzInfo | None:
        with self.svc._mrz_lock:
            return self.svc._mrz

    def _card_left(self, reader: str) -> bool:
        """After a failed APDU: did the card go? pcscd notices within its polling period."""
        assert self.ctx is not None
        deadline = time.monotonic() + self.settings.removal_grace_s
        current = pcsc.STATE_UNAWARE
        while True:
            left = deadline - time.monotonic()
            hr, result = pcsc.status_change(self.ctx, max(0.0, left), [(reader, current)])
            if hr != pcsc.OK or not result:
                return hr in pcsc.SERVICE_GONE
            _, event, _ = result[0]
            if not event & pcsc.STATE_PRESENT or event & pcsc.STATE_MUTE:
                return True
            current = event & ~pcsc.STATE_CHANGED
            if left <= 0:
                return False

    def _fail(self, reader: str, reason: FailReason) -> None:
        log.info("card: read on %r failed: %s", reader, reason)
        self.svc._emit(self.gen, CardReadFailed(reader, reason, MESSAGES[reason], self.gen.read_session))
