"""The ``[speech]`` table of the kiosk configuration (spoken steps and ticket numbers)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SpeechBackend = Literal["audio", "wav_dir", "off"]


class SpeechSettings(BaseModel):
    """How the kiosk speaks: which output, which voices, how fast and how loud."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    backend: SpeechBackend = "audio"
    """Where speech goes: audio (default sound device; silent if there is none), wav_dir (files), off."""
    wav_dir: Path | None = None
    """Folder for one WAV file per utterance; required when backend = "wav_dir" (tests, walk-through)."""
    executable: str = Field("espeak-ng", min_length=1)
    """The espeak-ng program (a name looked up on PATH, or an absolute path)."""
    voice_id: str = Field("id", pattern=r"^[A-Za-z0-9_+/-]{1,40}$")
    """espeak-ng voice for Bahasa Indonesia sessions (see `espeak-ng --voices=id`)."""
    voice_en: str = Field("en", pattern=r"^[A-Za-z0-9_+/-]{1,40}$")
    """espeak-ng voice for English sessions (see `espeak-ng --voices=en`)."""
    rate_wpm: int = Field(140, ge=80, le=300)
    """Speaking rate in words per minute (espeak-ng -s); 140 is slower than its 175 for clarity."""
    volume: int = Field(100, ge=0, le=200)
    """Amplitude (espeak-ng -a), 0-200; 100 is espeak-ng's normal level."""
    word_gap_10ms: int = Field(0, ge=0, le=50)
    """Extra pause between words in units of 10 ms (espeak-ng -g); a little helps older listeners."""

    @model_validator(mode="after")
    def _wav_dir_needs_a_folder(self) -> SpeechSettings:
        if self.backend == "wav_dir" and self.wav_dir is None:
            raise ValueError('backend "wav_dir" needs wav_dir = "<folder>" for the WAV files')
        return self
