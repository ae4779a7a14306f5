"""Audio shared by the stages: the voiced segment type both voicing and narration produce, and the one place
that finds ffmpeg, decodes sound files, resamples, mixes to mono and converts sample formats.

ffmpeg is imageio-ffmpeg's static build: no system ffmpeg is needed. Encoded bytes in memory
(each encoded piece, checked for its true peak) are decoded in-process by PyAV, FFmpeg's own decoders as a
library."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Iterator

import numpy as np

PCM16_FULL_SCALE = 32768.0
"""16-bit samples are read as n / 32768 (so -32768 is exactly -1.0)."""


class Source(StrEnum):
    """Who is heard in a segment's audio (the value is what the JSON outputs say)."""

    TTS = "tts"
    NARRATOR = "narrator"


@dataclass(frozen=True)
class SentenceTiming:
    text: str
    """The sentence as written in the script (before the lexicon)."""
    start_s: float
    end_s: float


@dataclass(frozen=True)
class SegmentAudio:
    """One segment's audio, float32 mono, with its sentence timings relative to its own start."""

    segment_id: str
    samples: np.ndarray
    sample_rate: int
    sentences: tuple[SentenceTiming, ...]
    source: Source
    """Text-to-speech or the narrator's take."""
    voice: str
    """What spoke it: the voice's identity (engine, model, settings) for TTS, the take's file for the narrator."""

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


class UndecodableAudio(Exception):
    """A file ffmpeg cannot decode; the message is ffmpeg's own last line (callers name the file)."""


@cache
def ffmpeg_exe() -> str:
    """Path of the bundled ffmpeg; also makes pydub use it."""
    import warnings

    import imageio_ffmpeg

    with warnings.catch_warnings():  # pydub warns at import that no system ffmpeg is on PATH; we set ours
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment

    exe = imageio_ffmpeg.get_ffmpeg_exe()
    AudioSegment.converter = exe
    AudioSegment.ffmpeg = exe
    return exe


def _ffmpeg_output(path: Path, *output_args: str) -> bytes:
    done = subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(path), "-vn", *output_args,
                           "pipe:1"], capture_output=True)
    if done.returncode != 0 or not done.stdout:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["no audio stream"])[-1]
        raise UndecodableAudio(reason)
    return done.stdout


def decode_mono(path: Path, sample_rate: int) -> np.ndarray:
    """Any sound file ffmpeg reads, mixed to mono float32 at sample_rate (ffmpeg resamples)."""
    samples = np.frombuffer(_ffmpeg_output(path, "-f", "f32le", "-ac", "1", "-ar", str(sample_rate)), "<f4")
    if not len(samples):
        raise UndecodableAudio("no audio samples")
    return samples


def decode_encoded(data: bytes) -> tuple[np.ndarray, int]:
    """Mono encoded bytes (an MP3 piece's bare frames, an Ogg Opus stream) -> (float32 samples, their rate), by
    FFmpeg's decoders in-process: a sixth (MP3) to a third (Opus) of the CPU an ffmpeg process takes for the same
    decoding, which pays for its start and the threads it hands every frame across. The frames' own arrays are
    joined: converting each one (av.AudioResampler) cost more than the decoding. UndecodableAudio otherwise."""
    import io

    import av

    try:
        with av.open(io.BytesIO(data)) as container:
            if not container.streams.audio:
                raise UndecodableAudio("no audio stream")
            stream = container.streams.audio[0]
            if stream.channels != 1:
                raise UndecodableAudio(f"{stream.channels} channels, not mono")
            chunks = [frame.to_ndarray().reshape(-1) for frame in container.decode(stream)]
            rate, decoded_as = stream.rate, stream.codec_context.format
            if decoded_as is not None and decoded_as.name not in ("flt", "fltp"):
                raise UndecodableAudio(f"decoded as {decoded_as.name} samples, not float")
    except av.FFmpegError as e:
        raise UndecodableAudio(str(e)) from None
    if not chunks:
        raise UndecodableAudio("no audio samples")
    return np.concatenate(chunks).astype(np.float32, copy=False), rate


def decode_wav(path: Path, max_s: float | None = None) -> bytes:
    """Any sound file ffmpeg reads, as 16-bit WAV bytes at its own rate and channels (for pydub, which would
    otherwise ask ffprobe, which the bundled ffmpeg lacks); with max_s, only its first max_s seconds (ffmpeg
    stops decoding there, so a small file that would decode to hours costs no more)."""
    limit = ["-t", f"{max_s:.3f}"] if max_s is not None else []
    wav = _ffmpeg_output(path, *limit, "-f", "wav", "-acodec", "pcm_s16le")
    if len(wav) <= 44:  # a bare header
        raise UndecodableAudio("no audio stream")
    return wav


def filtered_frames(samples: np.ndarray, sample_rate: int, chain: list[str]) -> Iterator:
    """Mono float32 samples through FFmpeg's filters in-process (PyAV; each "name=arguments"), as the frames they
    give (in whatever sample format the last filter gives)."""
    import av

    graph = av.filter.Graph()
    nodes = [graph.add_abuffer(format="flt", sample_rate=sample_rate, layout="mono")]
    nodes += [graph.add(*f.split("=", 1)) for f in chain] + [graph.add("abuffersink")]
    for a, b in zip(nodes, nodes[1:]):
        a.link_to(b)
    graph.configure()
    frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1), format="flt",
                                       layout="mono")
    frame.sample_rate, frame.pts = sample_rate, 0
    graph.push(frame)
    graph.push(None)
    while True:
        try:
            yield graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return


def filter_float32(samples: np.ndarray, sample_rate: int, chain: list[str]) -> np.ndarray:
    """Mono float32 samples through FFmpeg's filters (each "name=arguments") at their own rate, as float32.
    In-process rather than by an ffmpeg process, which costs its start and two pipe copies of the samples."""
    chunks = [frame.to_ndarray().reshape(-1) for frame in filtered_frames(samples, sample_rate, chain)]
    return np.concatenate(chunks).astype(np.float32, copy=False) if chunks else np.zeros(0, np.float32)


def resample(samples: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    """Samples at from_hz -> to_hz by libsoxr (very high quality), in the samples' own precision (float32 stays
    float32, float64 stays float64)."""
    if from_hz == to_hz:
        return samples.copy()
    import soxr

    return soxr.resample(np.ascontiguousarray(samples), from_hz, to_hz, quality="VHQ")


def pcm16_to_float(pcm: np.ndarray) -> np.ndarray:
    """16-bit samples (any shape) -> float32 in [-1, 1)."""
    return (pcm / PCM16_FULL_SCALE).astype(np.float32)


def mono_of(frames: np.ndarray) -> np.ndarray:
    """16-bit frames (samples x channels) -> their mix, mono float32 in [-1, 1)."""
    return frames.astype(np.float32).mean(axis=1) / np.float32(PCM16_FULL_SCALE)


def float_to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples -> little-endian 16-bit PCM bytes, clipped to full scale."""
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
