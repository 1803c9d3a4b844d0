"""The speaker tells the screen whether it can speak: off, failed, or working."""

from __future__ import annotations

import sys

from kiosk.speech import Speaker, SpeechSettings


def test_speech_off_is_not_working():
    with Speaker(SpeechSettings(backend="off")) as speaker:
        assert speaker.working is False


def test_a_missing_program_makes_speech_not_working(tmp_path):
    settings = SpeechSettings(backend="wav_dir", wav_dir=str(tmp_path), executable=str(tmp_path / "no-espeak"))
    with Speaker(settings) as speaker:
        assert speaker.working is None
        result = speaker.say("Halo", "id").result(timeout=10)
        assert result.outcome == "failed" and speaker.working is False


def test_a_working_program_makes_speech_working(tmp_path):
    fake = tmp_path / "espeak-ng"
    # Writes the WAV file it is asked for (-w PATH), as espeak-ng does.
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nargs = sys.argv\nopen(args[args.index('-w') + 1], 'wb').close()\n"
    )
    fake.chmod(0o755)
    settings = SpeechSettings(backend="wav_dir", wav_dir=str(tmp_path / "wav"), executable=str(fake))
    with Speaker(settings) as speaker:
        result = speaker.say("Halo", "id").result(timeout=10)
        assert result.outcome == "spoken" and speaker.working is True
