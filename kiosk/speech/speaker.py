"""Speak short texts with espeak-ng on one worker thread, never blocking the caller.

A kiosk step is spoken when it appears; when the citizen moves on, the old step must stop at
once, so ``say`` replaces whatever is queued or playing: it bumps a generation counter (queued
jobs of older generations are skipped) and kills the running espeak-ng process by pid. The check
"is this job still current?" and the registration of the new process happen under one lock, so a
``say`` can never slip between them and leave an old utterance playing.

Backends: "audio" plays to the default sound device (espeak-ng reports a missing device on
stderr and may still exit 0, so stderr is read too; the first failure is logged once, the kiosk
stays silent and keeps trying quietly), "wav_dir" writes one WAV per utterance (written to a
``.partial`` name and renamed when complete, so an interrupted utterance leaves no file), "off".
"""

from __future__ import annotations

import itertools
import logging
import os
import signal
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.runtime.worker import Worker
from kiosk.speech.settings import SpeechSettings

log = logging.getLogger(__name__)

Outcome = Literal["spoken", "interrupted", "skipped", "failed", "off"]
SpeechLanguage = Literal["id", "en"]
_MAX_TEXT = 2000  # a step or a ticket is a sentence or two; anything longer is a bug upstream


@dataclass(frozen=True)
class Utterance:
    """What became of one ``say``: its outcome, the WAV file (wav_dir) and the espeak-ng pid."""

    text: str
    language: SpeechLanguage
    outcome: Outcome
    path: Path | None = None
    pid: int | None = None


class Speaker:
    """Owns the "speech" worker and at most one espeak-ng process at a time."""

    def __init__(self, settings: SpeechSettings, *, on_started: Callable[[int], None] | None = None) -> None:
        self.settings = settings
        # Called on the speech worker with the pid right after espeak-ng started (tests, diagnostics).
        self._on_started = on_started
        self._lock = threading.Lock()
        self._generation = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._counter = itertools.count(1)
        self._failure_logged = False
        self._audio_ok: bool | None = None
        # False after the last utterance failed (or with speech off): the screen says so.
        self._working: bool | None = False if settings.backend == "off" else None
        self._closed = False
        if settings.backend == "wav_dir":
            assert settings.wav_dir is not None
            Path(settings.wav_dir).mkdir(parents=True, exist_ok=True)
        self._worker = Worker("speech")

    # -- public API (any thread; never blocks) --------------------------------------------------

    @property
    def audio_ok(self) -> bool | None:
        """True/False after the first audio utterance worked/failed; None before (or other backends)."""
        return self._audio_ok

    @property
    def working(self) -> bool | None:
        """False when speech is off or the last utterance failed, True after one worked, None before."""
        return self._working

    def current_pid(self) -> int | None:
        """pid of the espeak-ng process running now, if any."""
        with self._lock:
            return self._proc.pid if self._proc is not None else None

    def say(self, text: str, language: SpeechLanguage, pace: float = 1.0, loudness: float = 1.0) -> Future[Utterance]:
        """Speak ``text`` in "id" or "en", replacing anything still queued or playing; ``pace``
        and ``loudness`` scale the configured rate and volume (the citizen's easy-access choice)."""
        if language not in ("id", "en"):
            raise ValueError(f"language must be 'id' or 'en', not {language!r}")
        text = " ".join(text.split())[:_MAX_TEXT]
        with self._lock:
            if self._closed:
                raise RuntimeError("Speaker is closed")
            self._generation += 1
            generation = self._generation
            self._kill_locked()
        voice = (min(1.0, max(0.5, pace)), min(1.0, max(0.0, loudness)))
        return self._worker.submit(self._speak, generation, text, language, voice)

    def stop(self) -> None:
        """Silence: drop queued utterances and kill the one playing."""
        with self._lock:
            self._generation += 1
            self._kill_locked()

    def close(self, timeout: float = 5.0) -> bool:
        """Stop speaking and join the worker; True if it ended. Idempotent."""
        with self._lock:
            self._closed = True
            self._generation += 1
            self._kill_locked()
        return self._worker.stop(timeout)

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- worker side ----------------------------------------------------------------------------

    def _kill_locked(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            try:
                # SIGKILL: immediate, and it also ends a process a debugger or test has stopped.
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _command(
        self, text: str, language: SpeechLanguage, wav: Path | None, scale: tuple[float, float] = (1.0, 1.0)
    ) -> list[str]:
        s = self.settings
        voice = s.voice_id if language == "id" else s.voice_en
        rate, volume = max(80, round(s.rate_wpm * scale[0])), round(s.volume * scale[1])
        cmd = [s.executable, "-v", voice, "-s", str(rate), "-a", str(volume), "-g", str(s.word_gap_10ms)]
        if wav is not None:
            cmd += ["-w", str(wav)]
        # "--" then the text as one argument: a text starting with "-" is never read as an option.
        return [*cmd, "--", text]

    def _speak(
        self, generation: int, text: str, language: SpeechLanguage, scale: tuple[float, float] = (1.0, 1.0)
    ) -> Utterance:
        backend = self.settings.backend
        if backend == "off":
            return Utterance(text, language, "off")
        if not text:
            return Utterance(text, language, "skipped")
        final: Path | None = None
        partial: Path | None = None
        if backend == "wav_dir":
            assert self.settings.wav_dir is not None
            final = Path(self.settings.wav_dir) / f"{next(self._counter):05d}-{language}.wav"
            partial = final.with_name(final.name + ".partial")
        with self._lock:
            if generation != self._generation:
                return Utterance(text, language, "skipped")
            try:
                proc = subprocess.Popen(
                    self._command(text, language, partial, scale),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    close_fds=True,
                )
            except OSError as exc:
                self._fail_once(f"cannot run {self.settings.executable!r}: {exc.strerror or exc}")
                return Utterance(text, language, "failed")
            self._proc = proc
        try:
            if self._on_started is not None:
                self._on_started(proc.pid)
            _, err = proc.communicate()
        finally:
            with self._lock:
                self._proc = None
                interrupted = generation != self._generation
        return self._finish(proc, err, text, language, interrupted, partial, final)

    def _finish(
        self,
        proc: subprocess.Popen[bytes],
        err: bytes,
        text: str,
        language: SpeechLanguage,
        interrupted: bool,
        partial: Path | None,
        final: Path | None,
    ) -> Utterance:
        if interrupted or proc.returncode < 0:
            if partial is not None:
                partial.unlink(missing_ok=True)
            return Utterance(text, language, "interrupted", pid=proc.pid)
        # espeak-ng exits 0 even when ALSA has no device, so a complaint on stderr counts as failure.
        complaint = err.decode("utf-8", "replace").strip()
        if proc.returncode != 0 or "error" in complaint.lower():
            if partial is not None:
                partial.unlink(missing_ok=True)
            last = complaint.splitlines()[-1] if complaint else ""
            self._fail_once(f"espeak-ng exit {proc.returncode}: {last[:160]}")
            if self.settings.backend == "audio":
                self._audio_ok = False
            return Utterance(text, language, "failed", pid=proc.pid)
        if self.settings.backend == "audio":
            if self._audio_ok is False:
                log.info("speech: audio output works again")
            self._audio_ok = True
            self._failure_logged = False
        if partial is not None and final is not None:
            partial.replace(final)
        self._working = True
        return Utterance(text, language, "spoken", path=final, pid=proc.pid)

    def _fail_once(self, why: str) -> None:
        self._working = False
        # A kiosk without a sound card would otherwise log on every screen change.
        if not self._failure_logged:
            self._failure_logged = True
            log.warning("speech output unavailable, the kiosk stays silent: %s", why)
