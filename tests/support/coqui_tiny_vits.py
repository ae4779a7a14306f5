"""Run by test_voices.py in the Coqui venv (scripts/coqui-env): builds a tiny VITS with random weights from a
Coqui config, saves its checkpoint and config as a user's model would be, voices text through the project's
coqui engine (which loads it with the public `TTS(model_path=..., config_path=...)`), and writes what came
out to OUT/result.npz for the test to check. Usage: python tests/support/coqui_tiny_vits.py OUT"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from TTS.tts.configs.vits_config import VitsArgs, VitsConfig
from TTS.tts.models.vits import Vits

from podcast.voicing.engines import check_voice, load_engine
from podcast.voicing.engines.coqui import XTTS

SHORT = "Hello."
LONG = "Hello. Compute needed to train a network to the same performance has halved every sixteen months."


def save_tiny_vits(folder: Path) -> tuple[Path, Path]:
    """A VITS small enough to build in a second (1.5 M parameters), phonemized by espeak-ng like Coqui's own."""
    torch.manual_seed(0)
    args = VitsArgs(hidden_channels=32, hidden_channels_ffn_text_encoder=64, num_layers_text_encoder=2,
                    num_layers_posterior_encoder=2, num_layers_flow=2, upsample_initial_channel_decoder=32,
                    resblock_kernel_sizes_decoder=[3], resblock_dilation_sizes_decoder=[[1, 3, 5]],
                    init_discriminator=False)
    config = VitsConfig(model_args=args, use_phonemes=True, phonemizer="espeak", phoneme_language="en-us",
                        text_cleaner="english_cleaners")
    model = Vits(config)
    folder.mkdir(parents=True, exist_ok=True)
    torch.save({"model": model.state_dict(), "config": config.to_dict()}, folder / "model.pth")
    config.save_json(str(folder / "config.json"))
    return folder / "model.pth", folder / "config.json"


def voice(engine, text: str) -> np.ndarray:
    return np.concatenate([chunk.samples for chunk in engine.synthesize(text)])


def main(out: Path) -> None:
    model, config = save_tiny_vits(out / "tiny-vits")
    started = time.perf_counter()
    engine = load_engine("coqui", "tiny-vits", (("config_path", str(config)), ("model_path", str(model))))
    load_s = time.perf_counter() - started
    short, long, again = voice(engine, SHORT), voice(engine, LONG), voice(engine, LONG)
    try:  # XTTS-v2 is not on this machine: the check must say so, and how to install it, without downloading
        check_voice("coqui", XTTS, (("speaker_wav", str(out)),))
        xtts = "found"
    except LookupError as e:
        xtts = str(e)
    np.savez(out / "result.npz", short=short, long=long, again=again)
    (out / "result.json").write_text(json.dumps({
        "sample_rate": engine.sample_rate, "identity": engine.identity, "sentences": engine.sentences(LONG),
        "load_s": load_s, "xtts": xtts}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
