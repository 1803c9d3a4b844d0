"""Speaker on the real espeak-ng: files, durations, voices, interruption, no leftover processes."""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

import pytest
from pydantic import ValidationError

from kiosk.speech import Speaker, SpeechSettings, ticket_announcement
from tests.speech.conftest import espeak_children, pid_alive, wav_info

LONG_TEXT = "Silakan tunggu, nomor antrean Anda akan dipanggil sebentar lagi. " * 30


def wav_speaker(tmp_path: Path, **kw) -> Speaker:
    return Speaker(SpeechSettings(backend="wav_dir", wav_dir=tmp_path / "wav", **kw))


def test_each_utterance_is_a_valid_wav_of_plausible_length(tmp_path: Path):
    with wav_speaker(tmp_path) as speaker:
        result = speaker.say(ticket_announcement("B-023", "id"), "id").result(timeout=30)
    assert result.outcome == "spoken"
    assert result.path is not None and result.path.exists()
    head = result.path.read_bytes()[:12]
    assert head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    channels, rate, seconds, _ = wav_info(result.path)
    assert channels == 1 and rate == 22050
    # About nine words at 140 words per minute: a few seconds, never a blip or a minute.
    assert 1.5 < seconds < 10.0


def test_slower_rate_gives_longer_speech(tmp_path: Path):
    text = "Silakan ambil tiket Anda di bawah layar."
    with Speaker(SpeechSettings(backend="wav_dir", wav_dir=tmp_path / "slow", rate_wpm=90)) as slow:
        slow_path = slow.say(text, "id").result(timeout=30).path
    with Speaker(SpeechSettings(backend="wav_dir", wav_dir=tmp_path / "fast", rate_wpm=250)) as fast:
        fast_path = fast.say(text, "id").result(timeout=30).path
    assert wav_info(slow_path)[2] > 1.5 * wav_info(fast_path)[2]


def test_indonesian_and_english_voices_differ(tmp_path: Path):
    text = "dua puluh tiga"  # the same letters, pronounced by each language's rules
    with wav_speaker(tmp_path) as speaker:
        ind = speaker.say(text, "id").result(timeout=30)
        eng = speaker.say(text, "en").result(timeout=30)
    assert ind.path.name.endswith("-id.wav") and eng.path.name.endswith("-en.wav")
    assert wav_info(ind.path)[3] != wav_info(eng.path)[3]


def test_volume_zero_is_silence(tmp_path: Path):
    with Speaker(SpeechSettings(backend="wav_dir", wav_dir=tmp_path / "w", volume=0)) as speaker:
        path = speaker.say("halo", "id").result(timeout=30).path
    assert set(wav_info(path)[3]) == {0}


def test_a_new_say_interrupts_the_one_playing(tmp_path: Path):
    first_pid: list[int] = []
    started = threading.Event()

    def freeze_first(pid: int) -> None:
        # Stop the long utterance's process right after it started, so it is certainly still
        # running when the next say() arrives (no race with how fast espeak-ng synthesises).
        if not first_pid:
            first_pid.append(pid)
            os.kill(pid, signal.SIGSTOP)
            started.set()

    speaker = Speaker(SpeechSettings(backend="wav_dir", wav_dir=tmp_path / "wav"), on_started=freeze_first)
    try:
        long_one = speaker.say(LONG_TEXT, "id")
        assert started.wait(30)
        assert speaker.current_pid() == first_pid[0]
        short_one = speaker.say("Langkah berikutnya.", "id")
        old, new = long_one.result(timeout=30), short_one.result(timeout=30)
    finally:
        assert speaker.close()
    assert old.outcome == "interrupted" and old.pid == first_pid[0]
    assert not pid_alive(first_pid[0])
    assert new.outcome == "spoken" and new.path.exists()
    files = sorted(p.name for p in (tmp_path / "wav").iterdir())
    assert files == [new.path.name]  # the interrupted one left neither a WAV nor a .partial


def test_queued_utterances_are_replaced_not_played(tmp_path: Path):
    gate = threading.Event()
    with wav_speaker(tmp_path) as speaker:
        speaker._worker.submit(gate.wait, 30)  # hold the worker so the next says queue up
        queued = [speaker.say(f"langkah {i}", "id") for i in range(3)]
        gate.set()
        results = [f.result(timeout=30) for f in queued]
    assert [r.outcome for r in results] == ["skipped", "skipped", "spoken"]
    assert len(list((tmp_path / "wav").glob("*.wav"))) == 1


def test_stop_and_close_leave_no_espeak_process(tmp_path: Path):
    pids: list[int] = []
    speaker = Speaker(
        SpeechSettings(backend="wav_dir", wav_dir=tmp_path / "wav"),
        on_started=lambda pid: (pids.append(pid), os.kill(pid, signal.SIGSTOP)),
    )
    fut = speaker.say(LONG_TEXT, "id")
    while not pids:  # on_started runs on the worker right after the process started
        threading.Event().wait(0.01)
    assert pid_alive(pids[0]) and pids[0] in espeak_children()
    speaker.stop()
    assert fut.result(timeout=30).outcome == "interrupted"
    assert espeak_children() == []
    second = speaker.say(LONG_TEXT, "en")
    while len(pids) < 2:
        threading.Event().wait(0.01)
    assert speaker.close()
    assert second.result(timeout=1).outcome == "interrupted"
    assert espeak_children() == [] and not any(pid_alive(p) for p in pids)
    assert not speaker._worker.thread.is_alive()
    with pytest.raises(RuntimeError):
        speaker.say("x", "id")


def test_audio_without_a_sound_device_stays_silent_and_logs_once(tmp_path, monkeypatch, caplog):
    # Point ALSA (and PulseAudio) nowhere so this machine has "no sound device" whatever it has.
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "no-alsa.conf"))
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/no-pulse")
    caplog.set_level(logging.WARNING, logger="kiosk.speech.speaker")
    with Speaker(SpeechSettings(backend="audio")) as speaker:
        results = [speaker.say(f"langkah {i}", "id").result(timeout=30) for i in range(3)]
        assert speaker.audio_ok is False
    assert [r.outcome for r in results] == ["failed"] * 3
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "silent" in warnings[0].getMessage()
    assert espeak_children() == []


def test_missing_program_fails_quietly(tmp_path: Path, caplog):
    caplog.set_level(logging.WARNING, logger="kiosk.speech.speaker")
    settings = SpeechSettings(backend="audio", executable=str(tmp_path / "no-espeak"))
    with Speaker(settings) as speaker:
        outcomes = [speaker.say("halo", "id").result(timeout=10).outcome for _ in range(2)]
    assert outcomes == ["failed", "failed"]
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_off_backend_runs_nothing(tmp_path: Path):
    with Speaker(SpeechSettings(backend="off")) as speaker:
        result = speaker.say("halo", "id").result(timeout=10)
    assert result.outcome == "off" and result.pid is None


def test_a_text_that_looks_like_an_option_is_spoken(tmp_path: Path):
    with wav_speaker(tmp_path) as speaker:
        result = speaker.say("-w /tmp/evil.wav", "en").result(timeout=30)
    assert result.outcome == "spoken" and wav_info(result.path)[2] > 0.5
    assert not Path("/tmp/evil.wav").exists()


def test_settings_validation():
    assert SpeechSettings().backend == "audio" and SpeechSettings().rate_wpm == 140
    with pytest.raises(ValidationError, match="wav_dir"):
        SpeechSettings(backend="wav_dir")
    with pytest.raises(ValidationError):
        SpeechSettings(rate_wpm=20)
    with pytest.raises(ValidationError):
        SpeechSettings(volume=10, unknown=1)
    assert SpeechSettings.model_fields["rate_wpm"].description.startswith("Speaking rate")
