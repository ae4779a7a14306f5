"""Loudness and true peak of whole real issues as a listener's player decodes them: AN #99 (flattened text) and two
Markdown issues of the corpus (one of each layout), built by the CLI, decoded by Debian's ffmpeg, measured with
pyloudnorm and a 4x oversampled peak (scipy): -16 +-1 LUFS integrated and at most -1 dBTP, as Apple asks."""
import shutil
import subprocess

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from podcast.publishing import load_catalog

from tests.support.show import AN99, CORPUS, copy_show, make_episode, run_podcast

RATE = 44100
ISSUES = {99: AN99, 89: CORPUS / "an-089.md", 100: CORPUS / "an-100.md"}


def decoded(mp3) -> np.ndarray:
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "Debian's ffmpeg is not installed: scripts/system-packages installs it"
    out = subprocess.run([ffmpeg, "-v", "error", "-i", str(mp3), "-f", "f32le", "-ac", "1", "-ar", str(RATE), "pipe:1"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(out, "<f4").astype(np.float64)


@pytest.mark.slow
def test_whole_issues_are_at_minus_16_lufs_and_peak_under_minus_1_dbtp(tmp_path):
    copy_show(tmp_path)
    folders = []
    for number, source in ISSUES.items():
        folder = make_episode(tmp_path / "episodes" / f"{number:03d}", number, "", f"AN #{number}: corpus issue")
        (folder / "issue.txt").unlink()
        shutil.copy(source, folder / f"issue{source.suffix}")
        folders.append(str(folder))
    site = tmp_path / "public"
    done = run_podcast("build", *folders, "--site", str(site), "--cache", str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr
    meter = pyloudnorm.Meter(RATE)
    for number, entry in sorted(load_catalog(site).episodes.items()):
        samples = decoded(site / entry.audio)
        lufs = meter.integrated_loudness(samples)
        true_peak = 20 * np.log10(np.max(np.abs(resample_poly(samples, 4, 1))))
        print(f"AN #{number}: {lufs:.2f} LUFS, {true_peak:.2f} dBTP, {len(samples) / RATE / 60:.1f} min")
        assert abs(lufs + 16) <= 1.0, (number, lufs)
        assert true_peak <= -1.0, (number, true_peak)
