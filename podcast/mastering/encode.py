"""MP3 encoding piece by piece with LAME in-process (lameenc), and the pieces joined on frame boundaries (ffmpeg).

Each piece (a few sentences of a chapter, timeline.py) is encoded on its own into bare MPEG audio frames (no tag, no Xing header). A piece begins
with a fresh bit reservoir, so pieces concatenate into a valid stream; they start and end in silence, so the
decoder's overlap between two pieces is silent. One changed piece is the only one encoded again, and every
piece (so every chapter) starts exactly on a frame boundary: its time comes from counting the frames before it."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..audio import UndecodableAudio, decode_encoded, ffmpeg_exe, filter_float32, float_to_pcm16
from ..errors import PodcastError
from .loudness import limiter_filter

ENCODER_DELAY_SAMPLES = 576
"""LAME's encoder delay: a piece's first sample is heard this many output samples after its first frame
starts (ffmpeg's decoder, which honours the Info header of the joined file, was measured to agree)."""

LAME_QUALITY = 3
"""LAME's own default algorithm quality (what ffmpeg's libmp3lame leaves it at)."""

_BITRATES_KBPS = {1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
                  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]}
_RATES_HZ = {1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000]}


@dataclass(frozen=True)
class Mp3Settings:
    bitrate_kbps: int
    sample_rate_hz: int
    true_peak_dbtp: float
    """The ceiling the decoded MP3's true peak is held under (truepeak.py)."""

    def as_key(self) -> str:
        """What goes into a cached piece's key: anything that changes the encoded bytes (the LAME build, and PyAV's
        filters and decoder, whose reading of the true peak sets the limit a piece is encoded with)."""
        from importlib.metadata import version

        return (f"lame-q{LAME_QUALITY}-cbr-{self.bitrate_kbps}k-{self.sample_rate_hz}Hz-mono-{self.true_peak_dbtp:.3f}dBTP-"
                f"lameenc-{version('lameenc')}-pyav-{version('av')}")


def encode_piece(samples: np.ndarray, sample_rate: int, settings: Mp3Settings, limit_db: float) -> bytes:
    """Mono float32 samples -> bare CBR MP3 frames at the episode's rate. FFmpeg's filters resample them and limit
    sample peaks to limit_db (those left by resampling and by the levelling's make-up gain), then LAME encodes
    them, both in-process (lameenc's LAME, fed 16-bit samples, releases the GIL while it works): no ffmpeg process's
    start, pipes and threads (AN #99's cold mastering: median 38.5 s of CPU against 40.5 s, 5 alternating runs)."""
    import av
    import lameenc

    chain = [f"aresample={settings.sample_rate_hz}", limiter_filter(limit_db)]
    try:
        pcm = float_to_pcm16(filter_float32(np.clip(samples, -1.0, 1.0), sample_rate, chain))
        encoder = lameenc.Encoder()
        encoder.set_bit_rate(settings.bitrate_kbps)
        encoder.set_in_sample_rate(settings.sample_rate_hz)
        encoder.set_out_sample_rate(settings.sample_rate_hz)
        encoder.set_channels(1)
        encoder.set_quality(LAME_QUALITY)
        encoder.silence()
        return bytes(encoder.encode(pcm) + encoder.flush())
    except (RuntimeError, av.FFmpegError) as e:  # e.g. a sample rate MPEG has not
        raise PodcastError(f"LAME could not encode an MP3 piece at {settings.sample_rate_hz} Hz, "
                           f"{settings.bitrate_kbps} kbps: {e}") from None


def decode_piece(frames: bytes) -> tuple[np.ndarray, int]:
    """Bare MP3 frames -> (mono float32 samples, their rate) as FFmpeg's decoder plays them."""
    try:
        return decode_encoded(frames)
    except UndecodableAudio as e:
        raise PodcastError(f"an MP3 piece could not be decoded: {e}") from None


def count_frames(data: bytes) -> tuple[int, int]:
    """(frames, samples per frame) of bare MPEG layer III frames; ValueError if the bytes are not whole frames.

    Written by hand because mutagen reads only the first frame's header and estimates the rest, and the join
    needs the exact count: each header gives its frame's length, so the frames are walked one by one."""
    pos, frames, per_frame = 0, 0, 0
    while pos < len(data):
        if pos + 4 > len(data):
            raise ValueError(f"truncated frame header at byte {pos}")
        header = int.from_bytes(data[pos:pos + 4], "big")
        version = {3: 1, 2: 2, 0: 2.5}.get((header >> 19) & 3)
        bitrate_index, rate_index = (header >> 12) & 15, (header >> 10) & 3
        if header >> 21 != 0x7FF or version is None or (header >> 17) & 3 != 1 or rate_index == 3 \
                or bitrate_index in (0, 15):
            raise ValueError(f"no MPEG layer III frame at byte {pos}")
        per_frame = 1152 if version == 1 else 576
        bitrate = _BITRATES_KBPS[1 if version == 1 else 2][bitrate_index] * 1000
        pos += per_frame // 8 * bitrate // _RATES_HZ[version][rate_index] + ((header >> 9) & 1)
        frames += 1
    if pos != len(data):
        raise ValueError("the last frame is truncated")
    return frames, per_frame


def join_pieces(pieces: list[bytes], path: Path) -> None:
    """Concatenate the pieces' frames into path, behind an Info header (exact frame count and seek table)
    written by ffmpeg's muxer, which copies the frames unchanged."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "mp3", "-i", "pipe:0", "-c:a", "copy",
           "-write_xing", "1", "-id3v2_version", "0", "-f", "mp3", str(path)]
    done = subprocess.run(cmd, input=b"".join(pieces), capture_output=True)
    if done.returncode:
        raise PodcastError(f"{path}: ffmpeg could not join the MP3 pieces: {done.stderr.decode(errors='replace').strip()}")
