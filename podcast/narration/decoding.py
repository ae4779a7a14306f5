"""Reading a take: decode any format and rate, refuse what would harm the episode, trim silence at the ends.

The bundled ffmpeg converts the take to WAV (keeping its rate and channels: podcast.audio.decode_wav) and pydub
reads that. The take file itself is only ever read. Its decoded length is capped while it is decoded
(longest_take_s): a small compressed file of constant signal could otherwise decode to gigabytes."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..audio import SegmentAudio, UndecodableAudio, decode_wav, mono_of
from ..folders import FULL_TAKE

MIN_SAMPLE_RATE_HZ = 16000
"""Below this (telephone-band 8 kHz takes) the take would sound dull beside the TTS, and the recogniser needs
16 kHz."""
SILENT_PEAK_DBFS = -45.0
"""A take whose loudest 10 ms is quieter than this holds no speech."""
CLIPPED_FRACTION = 0.001
"""More than 0.1 % of samples at full scale is audible distortion."""
TRIM_BELOW_PEAK_DB = 40.0
"""Leading and trailing audio this far below the take's loudest 10 ms is trimmed as silence."""
TRIM_MARGIN_MS = 30
LONGEST_TAKE_FACTOR = 3
LONGEST_TAKE_MARGIN_S = 60.0
"""A segment's take may last 3 times the longest segment's TTS plus a minute (a slow reading with pauses and false
starts fits, and so does a reading of another segment filed under this one's id, which the verdict names), the
whole-episode take 3 times the episode's TTS plus a minute; decoding stops past that and the take is refused."""


class TakeError(Exception):
    """A take that cannot be used; the message is one line saying why."""


@dataclass(frozen=True)
class DecodedTake:
    samples: np.ndarray
    """float32 mono, leading and trailing silence trimmed."""
    sample_rate: int
    channels: int
    """Channels in the file (the samples are their mix)."""


def loudest_10ms_dbfs(pcm: np.ndarray, sample_rate: int) -> float:
    """RMS level of the loudest 10 ms of 16-bit samples (the measure pydub's silence functions use)."""
    hop = sample_rate // 100
    mono = pcm.astype(np.float64).mean(axis=1)
    n = len(mono) // hop
    if n == 0:
        return float("-inf")
    rms = np.sqrt(np.max(np.mean(mono[: n * hop].reshape(n, hop) ** 2, axis=1)))
    return float(20 * np.log10(rms / 32768)) if rms > 0 else float("-inf")


def longest_take_s(tts: list[SegmentAudio], segment_id: str) -> float:
    """How long a take of segment_id (FULL_TAKE: of the whole episode) may decode to, from the episode's TTS."""
    durations = [a.duration_s for a in tts] or [0.0]
    tts_s = sum(durations) if segment_id == FULL_TAKE else max(durations)
    return LONGEST_TAKE_FACTOR * tts_s + LONGEST_TAKE_MARGIN_S


def decode_take(path: Path, longest_s: float | None = None) -> DecodedTake:
    """The take as mono float32, checked; TakeError says in one line what is wrong with it. With longest_s,
    decoding stops a second past it and a longer take is refused."""
    if path.stat().st_size == 0:
        raise TakeError("empty file")
    try:  # decode_wav also points pydub at the bundled ffmpeg, before pydub is imported
        wav = decode_wav(path, None if longest_s is None else longest_s + 1.0)
    except UndecodableAudio as e:
        raise TakeError(f"cannot be decoded as audio ({e})") from None
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

    sound = AudioSegment.from_file(io.BytesIO(wav), format="wav")
    if len(sound) == 0:
        raise TakeError("holds no audio")
    if longest_s is not None and len(sound) / 1000 > longest_s:
        raise TakeError(f"longer than {longest_s:.0f} s, the most a take of this episode may last "
                        f"({LONGEST_TAKE_FACTOR} times its longest TTS plus {LONGEST_TAKE_MARGIN_S:.0f} s)")
    if sound.frame_rate < MIN_SAMPLE_RATE_HZ:
        raise TakeError(f"{sound.frame_rate} Hz sample rate is below the {MIN_SAMPLE_RATE_HZ} Hz minimum")
    pcm = np.array(sound.get_array_of_samples(), dtype=np.int16).reshape(-1, sound.channels)
    clipped = float(np.mean(np.abs(pcm.astype(np.int32)) >= 32767))
    if clipped > CLIPPED_FRACTION:
        raise TakeError(f"clipped ({clipped:.1%} of samples at full scale)")
    peak_dbfs = loudest_10ms_dbfs(pcm, sound.frame_rate)
    if peak_dbfs < SILENT_PEAK_DBFS:
        raise TakeError(f"silent (loudest 10 ms at {peak_dbfs:.0f} dBFS)")
    threshold = peak_dbfs - TRIM_BELOW_PEAK_DB
    lead = max(detect_leading_silence(sound, threshold) - TRIM_MARGIN_MS, 0)
    trail = max(detect_leading_silence(sound.reverse(), threshold) - TRIM_MARGIN_MS, 0)
    start, end = lead * sound.frame_rate // 1000, len(pcm) - trail * sound.frame_rate // 1000
    return DecodedTake(mono_of(pcm[start:max(end, start)]), sound.frame_rate, sound.channels)
