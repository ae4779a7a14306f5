"""Coqui TTS (coqui-tts, the optional `coqui` extra): any Coqui model already on this machine, or a local
checkpoint; XTTS-v2 speaks in the narrator's own voice, cloned from his reference clips.

cast.toml, one of:
    voice = "tts_models/en/ljspeech/vits"                   # a Coqui model name, already downloaded
    voice = "tts_models/multilingual/multi-dataset/xtts_v2"  # cloning: needs speaker_wav
    speaker_wav = "narrator"                                 # folder of .wav clips, relative to voices/
    voice = "my-voice"                                       # a local model: any name, and its two files
    model_path = "coqui/my-voice/model.pth"                  # (relative to voices/; a folder for XTTS)
    config_path = "coqui/my-voice/config.json"
Other settings: `speaker` (multi-speaker models), `language` (multilingual ones; default "en"). Nothing is
downloaded: a model that is not here fails before any work, saying how to install it. Each sentence is
synthesized after seeding torch, so the output is repeatable."""
from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import ClassVar

import numpy as np

from .base import Engine, VoiceInfo, unknown_settings

SETTINGS = {"model_path", "config_path", "speaker", "speaker_wav", "language", "device"}
DEVICES = ("cpu", "cuda")
SEED = 0
XTTS = "tts_models/multilingual/multi-dataset/xtts_v2"
INSTALL = ("Coqui TTS is not installed: pip install '.[coqui]' (several GB; the README's \"Coqui TTS\" section "
           "gives the tested pins)")


@dataclass
class CoquiEngine(Engine):
    name: ClassVar[str] = "coqui"
    voice: str
    model_path: Path
    config_path: Path
    speaker: str | None = None
    speaker_wav: tuple[Path, ...] = ()
    language: str | None = None
    device: str = "cpu"
    """"cuda" runs the model on a GPU (and a cluster build asks Ray for one per task)."""
    threads: int = 1
    sample_rate: int = field(default=0, init=False)

    def __post_init__(self):
        import torch
        from TTS.api import TTS

        torch.set_num_threads(self.threads)
        self._tts = TTS(model_path=str(self.model_path), config_path=str(self.config_path), progress_bar=False)
        self._tts.to(self.device)
        if self._tts.is_multi_lingual and self.language is None:
            self.language = "en"
        if self._tts.is_multi_speaker and not self.speaker and not self.speaker_wav:
            speakers = ", ".join((self._tts.speakers or [])[:8])
            raise LookupError(f"Coqui model {self.voice!r} has several speakers: set speaker = one of {speakers}...")
        self.sample_rate = self._tts.synthesizer.output_sample_rate
        self._digest = _digest([self.model_path, self.config_path, *self.speaker_wav])

    @property
    def identity(self) -> str:
        return (f"coqui-tts {version('coqui-tts')} torch {version('torch')} model={self.voice} sha256={self._digest} "
                f"speaker={self.speaker} language={self.language} device={self.device} seed={SEED}")

    def speak(self, sentence: str) -> np.ndarray:
        import torch

        torch.manual_seed(SEED)
        wav = self._tts.tts(sentence, speaker=self.speaker or None, language=self.language,
                            speaker_wav=[str(p) for p in self.speaker_wav] or None, split_sentences=False)
        return np.clip(np.asarray(wav, dtype=np.float32), -1.0, 1.0)  # its vocoders can overshoot full scale

    @classmethod
    def check(cls, voice: str, options: dict) -> None:
        unknown_settings("coqui", options, SETTINGS)
        if options.get("device", "cpu") not in DEVICES:
            raise LookupError(f"coqui: device should be one of {', '.join(DEVICES)}, not {options['device']!r}")
        if not _installed():
            raise LookupError(INSTALL)
        _files(voice, options)
        _clips(voice, options)

    @classmethod
    def load(cls, voice: str, options: dict, threads: int = 1) -> CoquiEngine:
        cls.check(voice, options)
        model, config = _files(voice, options)
        return cls(voice, model, config, speaker=options.get("speaker"), speaker_wav=_clips(voice, options),
                   language=options.get("language"), device=options.get("device", "cpu"), threads=threads)

    @classmethod
    def describe(cls) -> list[VoiceInfo]:
        """XTTS-v2, and every model in Coqui's download folder."""
        if not _installed():
            return [VoiceInfo("coqui", "(any Coqui model)", False, False, None, INSTALL)]
        from TTS.utils.manage import ModelManager

        folder = ModelManager(progress_bar=False).output_prefix
        names = {XTTS} | {p.name.replace("--", "/") for p in folder.glob("tts_models--*") if p.is_dir()}
        out = []
        for name in sorted(names):
            what = "clones the narrator from voices/narrator/*.wav" if name == XTTS else "downloaded Coqui model"
            try:
                _, config = _local_model(name)
                out.append(VoiceInfo("coqui", name, True, True, _config_rate(config), what))
            except LookupError:
                out.append(VoiceInfo("coqui", name, False, False, 24000 if name == XTTS else None,
                                     what + "; needs a download first"))
        return out


def _digest(paths: list[Path]) -> str:
    """Content digest of the model, its config and the reference clips (every file under a folder)."""
    h = hashlib.sha256()
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                h.update(file.name.encode())
                with file.open("rb") as f:
                    while chunk := f.read(1 << 20):
                        h.update(chunk)
    return h.hexdigest()[:16]


def _installed() -> bool:
    return importlib.util.find_spec("TTS") is not None and importlib.util.find_spec("torch") is not None


def _catalog_entry(voice: str):
    """(Coqui's own catalog entry, where its download would go) for a model name; LookupError if unknown."""
    from TTS.utils.manage import ModelManager

    manager = ModelManager(progress_bar=False)
    parts = voice.split("/")
    try:
        kind, lang, dataset, model = parts
        item = manager.models_dict[kind][lang][dataset][model]
    except (ValueError, KeyError):
        raise LookupError(f"{voice!r} is not a Coqui model name (`tts --list_models` lists them); for a local "
                          f"model set model_path and config_path") from None
    return item, manager.output_prefix / "--".join(parts)


def _local_model(voice: str) -> tuple[Path, Path]:
    """The model's checkpoint and config on this machine, without downloading; else how to get them."""
    item, folder = _catalog_entry(voice)
    if "repo_id" in item:  # Coqui fetches these from the Hugging Face hub, into its cache
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError

        try:
            folder = Path(snapshot_download(item["repo_id"], allow_patterns=item.get("allow"),
                                            ignore_patterns=item.get("ignore"), local_files_only=True))
        except LocalEntryNotFoundError:
            folder = None
    if folder is None or not (folder / "config.json").is_file():
        extra = "; XTTS-v2 also needs COQUI_TOS_AGREED=1 (its CPML licence)" if voice == XTTS else ""
        raise LookupError(
            f"Coqui model {voice!r} is not on this machine and would need a download: on a machine with internet "
            f"run `python -c \"from TTS.api import TTS; TTS('{voice}')\"`{extra}, then copy its folder here and "
            f"set model_path (that folder or its .pth) and config_path in voices/cast.toml")
    if "repo_id" in item:
        return folder, folder / "config.json"  # hub models (XTTS) load from their folder
    from TTS.utils.manage import ModelManager

    return ModelManager._find_files(folder)  # Coqui's own rule for which file is the checkpoint


def _files(voice: str, options: dict) -> tuple[Path, Path]:
    if "model_path" not in options:
        if "config_path" in options:
            raise LookupError("config_path is given without model_path")
        return _local_model(voice)
    model = Path(options["model_path"])
    config = Path(options.get("config_path") or (model if model.is_dir() else model.parent) / "config.json")
    for path in (model, config):
        if not path.exists():
            raise LookupError(f"Coqui model file {path} not found")
    return model, config


def _clips(voice: str, options: dict) -> tuple[Path, ...]:
    """The reference clips XTTS clones a voice from: every .wav in the speaker_wav folder (or that one file)."""
    if "speaker_wav" not in options:
        if voice == XTTS:
            raise LookupError('XTTS-v2 clones a voice: set speaker_wav = "narrator" '
                              '(the folder of his clips in voices/)')
        return ()
    source = Path(options["speaker_wav"])
    clips = tuple(sorted(source.glob("*.wav"))) if source.is_dir() else (source,) if source.is_file() else ()
    if not clips:
        raise LookupError(f"speaker_wav {source}: no .wav reference clips there")
    return clips


def _config_rate(config: Path) -> int:
    import json

    audio = json.loads(config.read_text(encoding="utf-8")).get("audio", {})
    return int(audio.get("output_sample_rate") or audio.get("sample_rate"))
