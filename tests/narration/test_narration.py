"""The narrator's takes: a simulated narrator (piper's joe voice, slower, 6-10 dB down, pausing, skipping
segments) records an AN #99 excerpt; real builds swap the takes in, real pocketsphinx checks them, and the
review page is driven in Debian's headless Chromium."""
import hashlib
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3

from podcast.episode import load_episode
from podcast.config import load_show
from podcast.audio import ffmpeg_exe
from podcast.mastering.timeline import PAUSE_BETWEEN_CHAPTERS_S, PAUSE_IN_CHAPTER_S
from podcast.narration.episode_take import cut_points
from podcast.narration.sentence_changes import segment_sentences
from podcast.narration.transcripts import Transcripts

from tests.support.audio import decode
from tests.support.browser import chromium, wait_for
from tests.support.files import private_copy
from tests.support.show import AN99, REPO, an99_excerpt, copy_show, make_episode, run_podcast
from tests.support.narrator import RATE_HZ, level_off, record_session, speak, write_wav

pytestmark = pytest.mark.slow

EXCERPT_IDS = ["099-00-intro", "099-00-disclosure", "099-01-ai-and-efficiency-section", "099-01-ai-and-efficiency-summary",
               "099-01-ai-and-efficiency-opinion-flo", "099-02-beri-seeking-new-university-collaborators-section",
               "099-02-beri-seeking-new-university-collaborators-summary", "099-99-outro"]
INTRO, DISCLOSURE, SECTION, SUMMARY, OPINION, BERI_SECTION, BERI, OUTRO = EXCERPT_IDS


def encode(wav: Path, out: Path, *args: str) -> Path:
    """Convert a WAV with the bundled ffmpeg (e.g. to FLAC at 44.1 kHz stereo, MP3, M4A)."""
    subprocess.run([ffmpeg_exe(), "-y", "-loglevel", "error", "-i", str(wav), *args, str(out)], check=True)
    wav.unlink()
    return out


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.is_symlink() and p.name != "takes.lock"}


def status_of(episode: Path, cache: Path) -> dict[str, dict]:
    done = run_podcast("status", str(episode), "--format", "json", "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    return {s["id"]: s for s in json.loads(done.stdout)["segments"]}


@pytest.fixture(scope="module")
def show(tmp_path_factory):
    return copy_show(tmp_path_factory.mktemp("show"))


@pytest.fixture(scope="module")
def takes_built(show):
    """AN #99 excerpt with per-segment takes in four formats; the two section titles not recorded; the opinion
    and the news summary swapped (each file holds the other's reading)."""
    episode = make_episode(show / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    script = load_episode(episode, load_show(show / "podcast.toml")).script
    assert [s.id for s in script.segments] == EXCERPT_IDS
    text = {s.id: s.text for s in script.segments}
    rec = episode / "recordings"
    write_wav(rec / f"{INTRO}.wav", level_off(speak(text[INTRO]), 1))
    encode(write_wav(rec / "s.wav", level_off(speak(text[SUMMARY]), 2), channels=2), rec / f"{SUMMARY}.flac",
           "-ar", "44100")
    encode(write_wav(rec / "o.wav", level_off(speak(text[BERI]), 3)), rec / f"{OPINION}.mp3", "-b:a", "96k")
    encode(write_wav(rec / "b.wav", level_off(speak(text[OPINION]), 4)), rec / f"{BERI}.m4a")
    write_wav(rec / f"{OUTRO}.wav", level_off(speak(text[OUTRO]), 5), rate=RATE_HZ)
    before = digests(rec)
    site, cache = show / "public", show / "cache"
    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    return episode, site, cache, before, done.stderr


def test_matching_takes_are_used_and_swapped_takes_are_both_caught(takes_built):
    episode, _, cache, _, stderr = takes_built
    status = status_of(episode, cache)
    assert {sid: (s["source"], s["state"]) for sid, s in status.items()} == {
        INTRO: ("narrator", "matched"), DISCLOSURE: ("tts", "none"), SECTION: ("tts", "none"),
        SUMMARY: ("narrator", "matched"),
        OPINION: ("tts", "mismatched"), BERI_SECTION: ("tts", "none"), BERI: ("tts", "mismatched"),
        OUTRO: ("narrator", "matched")}
    assert status[OPINION]["best_match"] == BERI and status[BERI]["best_match"] == OPINION
    for sid in (OPINION, BERI):
        [line] = [line for line in stderr.splitlines() if f"recordings/{sid}." in line]
        assert "sounds like segment" in line and f"TTS voices segment {sid}" in line
    # the scores vary with the second voice's random variation (0.28 to 0.75 seen for the summary); a matched
    # take's own text always fits it better than a swapped take's own text fits that one
    assert min(status[sid]["score"] for sid in (INTRO, SUMMARY, OUTRO)) > max(status[sid]["score"]
                                                                          for sid in (OPINION, BERI))
    # the narrator reads slower than the show's TTS would for a take's own length: durations are the takes'
    assert status[SUMMARY]["duration_s"] == pytest.approx(len(speak_text(episode, SUMMARY)) / RATE_HZ, abs=0.15)


def speak_text(episode: Path, sid: str) -> np.ndarray:
    script = load_episode(episode, load_show(episode.parents[1] / "podcast.toml")).script
    return speak(next(s.text for s in script.segments if s.id == sid))


def test_takes_are_only_read_and_acceptance_is_locked(takes_built):
    episode, _, _, before, _ = takes_built
    rec = episode / "recordings"
    assert digests(rec) == before
    lock = json.loads((rec / "takes.lock").read_text())["takes"]
    assert sorted(lock) == sorted([INTRO, SUMMARY, OUTRO])
    script = load_episode(episode, load_show(episode.parents[1] / "podcast.toml")).script
    hashes = {s.id: s.text_hash for s in script.segments}
    assert all(lock[sid]["text_hash"] == hashes[sid] for sid in lock)


def test_mp3_holds_the_takes_at_the_shows_loudness(takes_built):
    """The episode's opening is the narrator's take of the intro (its length), then the statement of who reads
    it, levelled like the TTS around it."""
    episode, site, cache, _, _ = takes_built
    [mp3] = site.glob("episodes/099/*.mp3")
    chapters = sorted(ID3(mp3).getall("CHAP"), key=lambda c: c.start_time)
    intro_s = status_of(episode, cache)[INTRO]["duration_s"]
    statement = opening_statement(episode)
    assert statement["start_s"] == pytest.approx(intro_s + PAUSE_IN_CHAPTER_S, abs=0.07)
    # chapters start on whole MP3 frames (1152 samples, 26 ms) after LAME's 13 ms delay; the take is resampled
    assert chapters[1].start_time / 1000 == pytest.approx(
        statement["start_s"] + statement["duration_s"] + PAUSE_BETWEEN_CHAPTERS_S, abs=0.07)
    samples = decode(mp3)
    import pyloudnorm

    meter = pyloudnorm.Meter(44100)
    take = samples[: int(intro_s * 44100)]
    tts = samples[int(chapters[1].start_time / 1000 * 44100):][: int(1.0 * 44100)]
    assert abs(meter.integrated_loudness(take.astype(np.float64)) + 16) < 2.5
    assert np.sqrt(np.mean(tts ** 2)) > 0.01


def opening_statement(episode: Path) -> dict:
    """The statement of who reads the episode in the build's segment report: where it starts, how long it lasts."""
    return next(row for row in json.loads((episode / "segments.json").read_text())["segments"]
                if row["kind"] == "disclosure")


def own_copy(takes_built, tmp_path) -> tuple[Path, Path]:
    """The built show copied for a test that changes it: (episode folder, cache)."""
    root = private_copy(takes_built[0].parents[1], tmp_path / "show")
    return root / "episodes" / "099", root / "cache"


def test_stale_takes_small_change_kept_big_change_voiced_by_tts(takes_built, tmp_path):
    episode, cache = own_copy(takes_built, tmp_path)
    issue, meta = episode / "issue.txt", episode / "episode.toml"
    text = issue.read_text().replace("roughly measure algorithmic progress", "roughly measure algorithmic advances")
    assert text != issue.read_text()
    issue.write_text(text)
    meta.write_text(meta.read_text().replace("AN #99: Excerpt", "AN #99: An Entirely Different Long Title Here"))
    status = status_of(episode, cache)
    assert (status[SUMMARY]["source"], status[SUMMARY]["state"]) == ("narrator", "stale")
    assert "changed by 1 word " in status[SUMMARY]["note"] and "still used" in status[SUMMARY]["note"]
    assert (status[INTRO]["source"], status[INTRO]["state"]) == ("tts", "stale")
    assert (status[OUTRO]["source"], status[OUTRO]["state"]) == ("narrator", "matched")


def test_producer_can_force_a_mismatched_take(takes_built, tmp_path):
    episode, cache = own_copy(takes_built, tmp_path)
    meta = episode / "episode.toml"
    meta.write_text(meta.read_text() + f'\n[narration]\nforce = ["{OPINION}"]\n')
    status = status_of(episode, cache)
    assert (status[OPINION]["source"], status[OPINION]["state"], status[OPINION]["forced"]) == \
        ("narrator", "mismatched", True)
    assert (status[BERI]["source"], status[BERI]["forced"]) == ("tts", False)


def test_status_table_and_recording_script(takes_built, tmp_path):
    episode, cache = own_copy(takes_built, tmp_path)  # the recording script is written into the episode folder
    done = run_podcast("status", str(episode), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split()[1:3] for line in done.stdout.splitlines()[1:]}
    assert rows[INTRO] == ["narrator", "matched"] and rows[OPINION] == ["tts", "mismatched"]
    done = run_podcast("script", str(episode), "--recording-script", "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    md = (episode / "recording-script.md").read_text()
    html = (episode / "recording-script.html").read_text()
    for sid in EXCERPT_IDS:
        assert f"## {sid}" in md and f'id="{sid}"' in html
    assert md.count("*recorded*") == 3 and md.count("*not recorded*") == 3  # the section titles, the statement
    assert md.count("*take does not match: record again*") == 2
    assert "Given the exponential increase in compute" in md and "Given the exponential increase in compute" in html


def test_bad_takes_each_warn_once_and_tts_fills_in(show_dir):
    """Corrupt, empty, silent, clipped, 8 kHz stereo, a name of no segment, a name with path parts, and a link
    out of the folder: each one line naming the file; the build goes on with TTS."""
    episode = make_episode(show_dir / "episodes" / "098", 98, an99_excerpt(), "AN #98: Bad takes")
    rec = episode / "recordings"
    rec.mkdir()
    script = load_episode(episode, load_show(show_dir / "podcast.toml")).script
    ids = [s.id for s in script.segments]
    voice = speak(script.segments[6].text)
    from scipy.signal import resample_poly

    bad = {
        f"{ids[0]}.wav": lambda p: write_wav(p, resample_poly(voice, 8000, RATE_HZ) * 0.3, rate=8000, channels=2),
        f"{ids[1]}.wav": lambda p: p.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + os.urandom(200)),
        f"{ids[2]}.mp3": lambda p: p.write_bytes(b""),
        f"{ids[3]}.wav": lambda p: write_wav(p, np.random.default_rng(0).normal(0, 1e-4, RATE_HZ * 3)),
        f"{ids[4]}.flac": lambda p: encode(write_wav(p.with_suffix(".wav"), np.clip(voice * 6, -1, 1)), p),
        "098-07-no-such-item-summary.wav": lambda p: write_wav(p, voice),
        f"..\\{ids[6]}.wav": lambda p: write_wav(p, voice),
    }
    for name, make in bad.items():
        make(rec / name)
    outside = write_wav(show_dir / "outside.wav", voice)
    (rec / f"{ids[6]}.wav").symlink_to(os.path.relpath(outside, rec))
    before = digests(rec)
    site, cache = show_dir / "public", show_dir / "cache"
    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    expected = {f"{ids[0]}.wav": "8000 Hz", f"{ids[1]}.wav": "cannot be decoded", f"{ids[2]}.mp3": "empty",
                f"{ids[3]}.wav": "silent", f"{ids[4]}.flac": "clipped", "098-07-no-such-item-summary.wav":
                "named after no segment", f"..\\{ids[6]}.wav": "path parts", f"{ids[6]}.wav": "outside"}
    for name, problem in expected.items():
        lines = [line for line in done.stderr.splitlines() if str(rec / name) in line]
        assert len(lines) == 1, (name, done.stderr)
        assert problem in lines[0] and ("TTS voices segment" in lines[0] or "not used" in lines[0]), lines[0]
    assert "Traceback" not in done.stderr
    assert digests(rec) == before
    status = status_of(episode, cache)
    assert {s["source"] for s in status.values()} == {"tts"}
    assert status[ids[0]]["state"] == "unusable" and status[ids[5]]["state"] == "none"


@pytest.fixture(scope="module")
def an99_session():
    """The whole AN #99 script read by the narrator in one take with two segments skipped."""
    script = load_episode(AN99.parent, load_show(REPO / "podcast.toml")).script
    skip = {6, 18}  # two summaries: "Is BERT really robust?" and the SimCLR paper
    return script, record_session([s.text for s in script.segments], skip), skip


@pytest.mark.slow
def test_whole_episode_take_of_an99_is_cut_at_its_boundaries(an99_session, tmp_path):
    """Cuts land within 50 ms of where each segment's speech really starts and ends (the simulated session's
    join points, independent of the recogniser)."""
    script, session, skip = an99_session
    spans = cut_points(session.samples, RATE_HZ, [s.text for s in script.segments], Transcripts(tmp_path), "an99")
    assert {i for i, span in enumerate(spans) if span is None} == skip
    errors_ms = [abs(got - want) * 1000 for i, span in enumerate(spans) if span is not None
                 for got, want in zip((span.start_s, span.end_s), session.spans_s[i])]
    assert len(errors_ms) == 2 * (len(script.segments) - len(skip))
    print(f"cut errors: median {np.median(errors_ms):.0f} ms, p95 {np.percentile(errors_ms, 95):.0f} ms, "
          f"max {max(errors_ms):.0f} ms over {len(errors_ms)} cuts")
    assert max(errors_ms) <= 50


def test_whole_episode_take_in_a_build_skipped_segments_by_tts(show_dir):
    """A full take of the excerpt read from the recording script (the opinion and the news summary skipped: the
    statement says some parts are in a synthetic voice) is cut and used; chapters follow the cuts."""
    episode = make_episode(show_dir / "episodes" / "097", 97, an99_excerpt(), "AN #99: Excerpt")
    script = load_episode(episode, load_show(show_dir / "podcast.toml"), narrator_reads_statement=True).script
    assert script.segments[1].text == "This episode is read by Rohin Shah, with some parts in a synthetic voice."
    skip = {4, 6}
    session = record_session([s.text for s in script.segments], skip, seed=11)
    write_wav(episode / "recordings" / "full.wav", session.samples)
    site, cache = show_dir / "public", show_dir / "cache"
    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    status = status_of(episode, cache)
    ids = [s.id for s in script.segments]
    for i, sid in enumerate(ids):
        if i in skip:
            assert (status[sid]["source"], status[sid]["state"]) == ("tts", "skipped"), (sid, status[sid])
        else:
            assert (status[sid]["source"], status[sid]["state"]) == ("narrator", "matched"), (sid, status[sid])
            start, end = session.spans_s[i]
            assert status[sid]["duration_s"] == pytest.approx(end - start, abs=0.1)
    [mp3] = site.glob("episodes/097/*.mp3")
    chapters = sorted(ID3(mp3).getall("CHAP"), key=lambda c: c.start_time)
    statement = opening_statement(episode)
    assert statement["source"] == "narrator"
    assert statement["start_s"] == pytest.approx(status[ids[0]]["duration_s"] + PAUSE_IN_CHAPTER_S, abs=0.07)
    assert chapters[1].start_time / 1000 == pytest.approx(  # whole MP3 frames after LAME's delay, as above
        statement["start_s"] + status[ids[1]]["duration_s"] + PAUSE_BETWEEN_CHAPTERS_S, abs=0.07)


@pytest.mark.browser
def test_review_page_in_headless_chromium(takes_built):
    _, site, cache, _, _ = takes_built
    page_path = site / "episodes" / "099" / "review.html"
    with chromium() as browser:
        page = browser.new_page()
        page.goto(page_path.as_uri())
        bands = page.locator("svg .band")
        assert bands.count() == 8
        colours = [bands.nth(i).get_attribute("class").split()[1] for i in range(8)]
        assert colours == ["narrator", "tts", "tts", "narrator", "mismatched", "tts", "mismatched", "narrator"]
        assert page.locator("svg line.chapter").count() == 4
        xs = [float(bands.nth(i).get_attribute("x")) for i in range(8)]
        assert xs == sorted(xs) and xs[0] < 1  # within a pixel of the start (LAME's 13 ms delay)
        assert page.locator("svg path.wave").get_attribute("d").count("L") == 2 * 1200 + 1  # both edges, the turn
        assert page.locator("svg path.wave").bounding_box()["height"] > 50  # drawn, not an invisible outline
        duration = page.evaluate("""() => new Promise(ok => { const a = document.getElementById('episode');
            if (a.readyState >= 1) ok(a.duration); else a.addEventListener('loadedmetadata', () => ok(a.duration)); })""")
        assert duration > 100
        row = page.locator(f'tr[data-id="{SECTION}"]')
        start, end = (float(row.locator("button.play").get_attribute(k)) for k in ("data-start", "data-end"))
        row.locator("button.play").click()
        wait_for(page, "() => !document.getElementById('episode').paused")
        assert page.locator(f'.band.playing[data-id="{SECTION}"]').count() == 1
        wait_for(page, "() => document.getElementById('episode').paused", timeout=15000)
        stopped = page.evaluate("document.getElementById('episode').currentTime")
        assert end - 0.05 <= stopped <= end + 0.5 and stopped > start
        browser.close()


PICKUP_SENTENCE = "This paper presents clear evidence against that belief, measured over seven years of results."


@pytest.mark.browser
def test_an_edited_sentence_re_read_as_a_pickup_is_spliced_into_the_episode(takes_built, tmp_path):
    """The summary's take (accepted by the build) and then one sentence of its text edited in the episode source:
    joe's pickup of the new sentence makes the segment the narrator's again, the published MP3 says the new
    sentence there (Whisper hears it between the splice points), the review page marks both splice points,
    playable, and the take and pickup files are only read. A pickup of a segment with no take is one warning."""
    episode, cache = own_copy(takes_built, tmp_path)
    site = episode.parents[1] / "public"
    script = load_episode(episode, load_show(episode.parents[1] / "podcast.toml")).script
    sentences = segment_sentences(next(s.text for s in script.segments if s.id == SUMMARY))
    [changed] = [n for n, s in enumerate(sentences) if s.startswith("This paper presents strong evidence")]
    issue = episode / "issue.txt"
    issue.write_text(issue.read_text().replace(sentences[changed], PICKUP_SENTENCE, 1))
    rec = episode / "recordings"
    pickup = write_wav(rec / f"{SUMMARY}.pickup-1.wav", level_off(speak(PICKUP_SENTENCE), 6))
    stray = write_wav(rec / f"{SECTION}.pickup-1.wav", level_off(speak("AI and Efficiency."), 7))
    before = digests(rec)

    status = status_of(episode, cache)[SUMMARY]
    assert (status["source"], status["state"]) == ("narrator", "matched"), status
    assert status["pickups"] == [{"file": f"recordings/{pickup.name}", "sentences": [changed, changed], "accepted": True,
                                  "used": True, "reason": "", "verdict": f"recordings/{pickup.name}: replaces sentence "
                                                                         f"{changed + 1}"}]
    assert len(status["joins_s"]) == 2

    done = run_podcast("build", str(episode), "--site", str(site), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    [warning] = [line for line in done.stderr.splitlines() if stray.name in line]
    assert "no take to splice it into" in warning and str(stray) in warning, warning
    assert digests(rec) == before  # the take and the pickups byte for byte
    row = next(r for r in json.loads((episode / "segments.json").read_text())["segments"] if r["id"] == SUMMARY)
    [mp3] = site.glob("episodes/099/*.mp3")
    audio = decode(mp3)
    first, last = (row["start_s"] + j for j in status["joins_s"])
    stretch = audio[round((first - 0.2) * 44100):round((last + 0.2) * 44100)]
    heard = " ".join(w.word for w in Transcripts(tmp_path / "ears").words(stretch, 44100)).lower()
    print(f"Whisper between the splice points ({first:.2f}-{last:.2f} s): {heard}")
    assert "clear evidence" in heard and "seven years" in heard and "strong" not in heard

    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / "episodes" / "099" / "review.html").as_uri())
        assert page.locator("svg line.splice").count() == 2
        rows = page.locator(f'#splices tr.splice[data-id="{SUMMARY}"]')
        assert rows.count() == 2
        play = rows.nth(0).locator("button.play")
        start, end = (float(play.get_attribute(k)) for k in ("data-start", "data-end"))
        assert start < first < end
        play.click()
        wait_for(page, "() => !document.getElementById('episode').paused")
        wait_for(page, "() => document.getElementById('episode').paused", timeout=15000)
        stopped = page.evaluate("document.getElementById('episode').currentTime")
        assert end - 0.05 <= stopped <= end + 0.5
