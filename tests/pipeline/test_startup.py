"""Start-up pays only for what a command uses: the heavy libraries (the speech recogniser, the voices' runtimes,
Ray, Coqui, scipy) are imported where they are needed, not when the package or a stage is imported. Checked in a
fresh interpreter's sys.modules, not by timing."""
import subprocess
import sys

import pytest

HEAVY = ["scipy", "pocketsphinx", "onnxruntime", "ray", "TTS", "torch", "python_speech_features", "pyloudnorm",
         "hibari", "piper", "faster_whisper", "ctranslate2", "whisper_normalizer", "huggingface_hub"]


def imported_by(code: str) -> set[str]:
    """The top-level packages a fresh interpreter holds after running code."""
    done = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                          capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in done.stdout.split()}


def test_help_imports_no_heavy_library():
    code = "from podcast.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert imported_by(code) & set(HEAVY) == set()


@pytest.mark.parametrize("stage", ["build", "reading", "scripting", "voicing", "narration", "mastering", "publishing",
                                   "deploy", "serving", "audio", "recognition", "listening", "hearing", "listener"])
def test_importing_a_stage_imports_no_heavy_library(stage):
    assert imported_by(f"import podcast.{stage}") & set(HEAVY) == set()
