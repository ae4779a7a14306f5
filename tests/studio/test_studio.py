"""`podcast studio`: the real server started by the CLI on loopback, spoken to over HTTP, and its page driven in
Debian's headless Chromium recording from a fake microphone fed with a real human reading (LibriVox)."""
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import numpy as np
import psutil
import pytest

from podcast.audio import ffmpeg_exe
from podcast.studio.app import studio_app

from tests.support.browser import chromium
from tests.support.show import REPO
from tests.support.human_speech import READINGS, human_episode, reading, samples
from tests.support.narrator import write_wav

TOKEN_URL = re.compile(r"(http://127\.0\.0\.1:(\d+))/\?token=(\S+)")


class Running:
    """A `podcast studio` process and its address."""

    def __init__(self, episode: Path, cache: Path, port: int = 0):
        self.episode, self.cache = episode, cache
        self.process = subprocess.Popen(  # -X faulthandler: a studio that will not stop shows where it hangs
            [sys.executable, "-X", "faulthandler", "-m", "podcast", "studio", str(episode), "--port", str(port),
             "--no-browser", "--cache", str(cache)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()  # printed once the TTS is voiced and the takes assessed
        found = TOKEN_URL.search(line)
        assert found, (line, self.process.stderr.read() if self.process.poll() is not None else "")
        self.base, self.port, self.token = found[1], int(found[2]), found[3]
        self.url = found[0]

    def put(self, segment_id: str, data: bytes, **headers) -> httpx.Response:
        return httpx.put(f"{self.base}/api/takes/{segment_id}", content=data, timeout=300,
                         headers={"Authorization": f"token {self.token}", **headers})

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.base + path, timeout=60, headers={"Authorization": f"token {self.token}"})

    def stop(self) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack, then it dies
            self.process.wait(timeout=30)
            pytest.fail(f"the studio did not stop within 30 s of Ctrl-C:\n{self.process.stderr.read()}")
        finally:
            if self.process.poll() is None:
                self.process.kill()
        return code, self.process.stderr.read()


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """The segment and recognition cache the studios of this module share (content-keyed)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def studio(show_dir: Path, cache: Path):
    lexicon = show_dir / "voices" / "lexicon.toml"
    lexicon.write_text(lexicon.read_text().replace("[say]\n", '[say]\nNorland = "Nor land"\n', 1))
    running = Running(human_episode(show_dir), cache)
    yield running
    running.stop()


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.slow
def test_no_token_is_403_and_the_first_visit_trades_the_token_for_an_httponly_cookie(studio):
    for path in ["/", "/api/segments", "/assets/studio.js", f"/api/reference/{next(iter(READINGS))}"]:
        assert httpx.get(studio.base + path).status_code == 403, path
    assert httpx.get(studio.base + "/?token=wrong" + studio.token[5:]).status_code == 403
    assert httpx.put(f"{studio.base}/api/takes/901-00-preface", content=reading("901-00-preface").read_bytes()
                     ).status_code == 403
    assert not (studio.episode / "recordings").exists()
    first = httpx.get(studio.url)
    assert first.status_code == 303 and first.headers["location"] == "/"
    cookie = first.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    with httpx.Client(base_url=studio.base, cookies=first.cookies) as client:
        page = client.get("/")
        assert page.status_code == 200 and 'data-segment="901-00-preface"' in page.text
        assert client.get("/api/segments").json()["segments"][0]["id"] == "901-00-intro"
    # another Host than loopback (a DNS-rebinding page) is refused even with the token
    assert httpx.get(studio.url, headers={"Host": "studio.example.com"}).status_code == 400


@pytest.mark.slow
def test_the_server_listens_on_loopback_only_and_ctrl_c_stops_it_cleanly(studio):
    listening = [c for c in psutil.Process(studio.process.pid).net_connections("inet") if c.status == "LISTEN"]
    assert [(c.laddr.ip, c.laddr.port) for c in listening] == [("127.0.0.1", studio.port)]
    others = {a.address for addrs in psutil.net_if_addrs().values() for a in addrs
              if a.family == socket.AF_INET and not a.address.startswith("127.")}
    for address in others:
        with pytest.raises(OSError):
            socket.create_connection((address, studio.port), timeout=2).close()
    code, stderr = studio.stop()
    assert code == 0 and "studio stopped" in stderr and "Traceback" not in stderr, stderr


@pytest.mark.slow
def test_ctrl_c_right_after_the_address_is_printed_still_stops_cleanly(show_dir, cache):
    episode = human_episode(show_dir)
    for _ in range(3):  # the address is printed before uvicorn installs its handlers: that moment counts too
        code, stderr = Running(episode, cache).stop()
        assert code == 0 and "studio stopped" in stderr and "Traceback" not in stderr, stderr


@pytest.mark.slow
def test_unsafe_unknown_oversized_and_undecodable_uploads_are_refused_and_write_nothing(studio, show_dir):
    before = files_under(show_dir)
    wav = reading("901-00-preface").read_bytes()
    for unsafe in ["..%2F..%2Fpodcast.toml", "%2Fetc%2Fpasswd", "%2E%2E", "901-00-preface%2F..%2F..%2Fx",
                   "901-00-PREFACE", "901-00-preface.wav"]:
        response = studio.put(unsafe, wav)
        assert response.status_code == 400, (unsafe, response.text)
        assert "not a segment id" in response.json()["error"]
    assert studio.put("901-42-no-such-segment", wav).status_code == 404
    assert studio.put("901-00-preface", b"this is not audio").status_code == 422
    truncated = studio.put("901-00-preface", wav[:40])
    assert truncated.status_code == 422 and "nothing stored" in truncated.json()["error"]
    # a declared body over the cap is refused before it is read
    with socket.create_connection(("127.0.0.1", studio.port)) as s:
        s.sendall(f"PUT /api/takes/901-00-preface HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token {studio.token}"
                  f"\r\nContent-Length: {200 * 1024 * 1024 + 1}\r\n\r\n".encode())
        assert s.recv(4096).split(b"\r\n")[0] == b"HTTP/1.1 413 Request Entity Too Large"
    assert files_under(show_dir) == before


@pytest.mark.slow
def test_an_uploaded_take_gets_the_builds_verdict_and_a_second_one_moves_the_first_to_earlier(studio, cache):
    sid, other = "901-01-dashwood-summary", "901-03-norland-summary"
    first = studio.put(sid, reading(sid).read_bytes())
    assert first.status_code == 200, first.text
    verdict = first.json()
    assert (verdict["id"], verdict["state"], verdict["source"], verdict["earlier"]) == (sid, "matched", "narrator", [])
    assert verdict["score"] > 0.3 and verdict["duration_s"] == pytest.approx(3.0, abs=0.3)
    second_take_s = studio.put(sid, reading(sid).read_bytes()).json()["take_s"]  # the same take again
    assert second_take_s == pytest.approx(3.0, abs=0.3)
    assert verdict["missed"][:4] == ["dashwood", "summary", "by", "rohin"]
    rec = studio.episode / "recordings"
    assert (rec / f"{sid}.wav").read_bytes() == reading(sid).read_bytes()
    second = studio.put(sid, reading(other).read_bytes()).json()  # another segment's text under this id
    assert (second["state"], second["source"], second["best_match"]) == ("mismatched", "tts", other)
    [earlier] = second["earlier"]
    assert re.fullmatch(rf"recordings/earlier/{sid}\.\d{{8}}T\d{{6}}\.\d{{6}}Z\.wav", earlier)
    assert (studio.episode / earlier).read_bytes() == reading(sid).read_bytes()
    done = subprocess.run([sys.executable, "-m", "podcast", "status", str(studio.episode), "--format", "json",
                           "--cache", str(cache)], cwd=REPO, capture_output=True, text=True, timeout=600)
    status = {s["id"]: s for s in json.loads(done.stdout)["segments"]}
    assert {k: status[sid][k] for k in ("state", "source", "best_match", "score", "missed")} == \
        {k: second[k] for k in ("state", "source", "best_match", "score", "missed")}
    assert not [p for p in json.loads(done.stdout)["problems"] if "earlier" in p]


def fake_microphone(path: Path, speech: np.ndarray, rate: int) -> Path:
    """What Chromium's fake microphone plays: a second of room tone, the speech, half a second more."""
    rng = np.random.default_rng(3)
    tone = lambda s: rng.normal(0, 0.001, int(s * rate)).astype(np.float32)  # noqa: E731  about -60 dBFS
    return write_wav(path, np.concatenate([tone(1.0), speech, tone(0.5)]), rate=rate)


def microphone(capture: Path, loop: bool = False):
    """Headless Chromium whose microphone plays capture once (%noloop) or over and over, permission granted."""
    return chromium("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    f"--use-file-for-fake-audio-capture={capture}{'' if loop else '%noloop'}")


def record(page, segment_id: str, seconds: float, keyboard: bool = False, screenshot: Path | None = None) -> float:
    """Record seconds of the fake microphone into segment_id's take; returns the loudest level the meter showed
    (and saves a screenshot halfway through)."""
    section = page.locator(f'[data-segment="{segment_id}"]')
    if keyboard:
        section.click(position={"x": 5, "y": 5})
        page.keyboard.press("r")
    else:
        section.get_by_role("button", name="Record", exact=True).click()
    page.wait_for_function(f"""() => document.querySelector('[data-segment="{segment_id}"]')
                               .classList.contains('recording')""")
    loudest, end = 0.0, time.monotonic() + seconds
    while time.monotonic() < end:
        loudest = max(loudest, page.evaluate("document.getElementById('level').value"))
        if screenshot and time.monotonic() > end - seconds / 2:
            page.screenshot(path=str(screenshot))
            screenshot = None
        time.sleep(0.1)
    if keyboard:
        page.keyboard.press("r")
    else:
        section.get_by_role("button", name="Stop", exact=True).click()
    return loudest


def wait_for_verdict(page, segment_id: str, timeout_s: float = 300) -> dict:
    page.wait_for_function(f"""() => {{ const el = document.querySelector('[data-segment="{segment_id}"]');
        return !el.dataset.activity && !el.classList.contains('recording') &&
               !el.querySelector('.verdict').textContent.startsWith('Checking'); }}""", timeout=timeout_s * 1000)
    section = page.locator(f'[data-segment="{segment_id}"]')
    return {"state": section.get_attribute("data-state"), "verdict": section.locator(".verdict").inner_text(),
            "warning": page.locator("#level-warning").inner_text()}


@pytest.mark.slow
@pytest.mark.browser
def test_recording_in_chromium_from_a_fake_microphone(studio, cache, tmp_path):
    sid, other = "901-01-dashwood-summary", "901-03-norland-summary"
    speech, rate = samples(sid)
    own = fake_microphone(tmp_path / "own.wav", speech, rate)
    rec = studio.episode / "recordings"
    with microphone(own) as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(studio.url)
        section = page.locator(f'[data-segment="{sid}"]')
        assert section.get_attribute("data-state") == "none"
        for name in ["Record", "Stop", "Play take", "Play reference"]:
            assert section.get_by_role("button", name=name, exact=True).count() == 1
        assert 'Norland (say “Nor land”)' in page.locator('[data-segment="901-03-norland-summary"]').inner_text()
        loudest = record(page, sid, 1.0 + len(speech) / rate + 0.6, screenshot=tmp_path / "studio-recording.png")
        print("screenshot while recording:", tmp_path / "studio-recording.png")
        result = wait_for_verdict(page, sid)
        assert result["state"] == "matched", result
        assert loudest > 0.1  # the meter followed the speech
        takes = sorted(p.name for p in rec.iterdir() if p.is_file())
        assert takes == [f"{sid}.webm"]
        assert (rec / takes[0]).read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # WebM as MediaRecorder wrote it
        # matched: the page moved on to the next segment
        assert page.evaluate("document.querySelector('.segment.current').dataset.segment") == \
            "901-01-dashwood-opinion-rohin"
        assert page.locator("#used").inner_text() == "1"

    # a second take of the same segment, of another segment's text, recorded with the keyboard
    other_speech, _ = samples(other)
    with microphone(fake_microphone(tmp_path / "other.wav", other_speech, rate)) as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(studio.url)
        assert page.locator(f'[data-segment="{sid}"]').get_attribute("data-state") == "matched"
        record(page, sid, 1.0 + len(other_speech) / rate + 0.6, keyboard=True)
        result = wait_for_verdict(page, sid)
        assert result["state"] == "mismatched" and other in result["verdict"], result
        assert [p.name for p in (rec / "earlier").iterdir()][0].startswith(f"{sid}.")
        assert page.locator("#used").inner_text() == "0"

    # a clipped recording: the meter warns, the take is not kept and the earlier take stays in use
    clipped = np.clip(speech * 12, -1, 1)
    with microphone(fake_microphone(tmp_path / "clipped.wav", clipped, rate)) as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(studio.url)
        target = "901-00-preface"
        record(page, target, 1.0 + len(clipped) / rate + 0.6)
        result = wait_for_verdict(page, target)
        print("clipped recording, the page shows:", result)
        assert result["state"] == "none" and "Take not kept: clipped" in result["verdict"]
        assert "turn the input down" in result["warning"]
        assert not list(rec.glob(f"{target}.*"))

    done = subprocess.run([sys.executable, "-m", "podcast", "status", str(studio.episode), "--format", "json",
                           "--cache", str(cache)], cwd=REPO, capture_output=True, text=True, timeout=600)
    status = {s["id"]: s for s in json.loads(done.stdout)["segments"]}
    assert (status[sid]["state"], status[sid]["best_match"]) == ("mismatched", other)
    assert status[target]["state"] == "none"


@pytest.mark.slow
@pytest.mark.browser
def test_a_whole_episode_take_recorded_in_chromium_uses_the_segments_it_holds(studio, tmp_path):
    """The preface and one summary read in one take from the page's whole-episode recorder: those two are used,
    every other segment stays on TTS and is not reported matched."""
    read = ["901-00-preface", "901-01-dashwood-summary"]
    parts = []
    for sid in read:
        speech, rate = samples(sid)
        parts += [speech, np.random.default_rng(5).normal(0, 0.001, rate).astype(np.float32)]
    capture = fake_microphone(tmp_path / "whole.wav", np.concatenate(parts), rate)
    with microphone(capture) as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(studio.url)
        whole = page.locator("[data-take=full]")
        whole.get_by_role("button", name="Record whole episode", exact=True).click()
        page.wait_for_function("() => document.querySelector('[data-take=full]').classList.contains('recording')")
        time.sleep(1.0 + sum(len(p) for p in parts) / rate + 0.6)
        whole.get_by_role("button", name="Stop whole episode", exact=True).click()
        page.wait_for_function("() => /used from the whole take|No segment/.test("
                               "document.querySelector('[data-take=full] .verdict').textContent)", timeout=300_000)
        shown = whole.locator(".verdict").inner_text()
        states = page.evaluate("Object.fromEntries([...document.querySelectorAll('[data-segment]')]"
                               ".map(el => [el.dataset.segment, el.dataset.state]))")
    assert [p.name for p in (studio.episode / "recordings").iterdir()] == ["full.webm"]
    assert shown == f"2 segments used from the whole take: {', '.join(read)}.", shown
    assert {sid for sid, state in states.items() if state == "matched"} == set(read), states
    assert {state for sid, state in states.items() if sid not in read} == {"skipped"}, states


def peak_rss_bytes(pid: int) -> int:
    """The most memory the process has held so far (VmHWM)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) * 1024


def decoding_bomb(path: Path) -> Path:
    """Twenty minutes of a 48 kHz stereo tone as 6 kb/s Opus: under 1 MB that decodes to 230 MB of PCM."""
    subprocess.run([ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000:duration=1200", "-af", "volume=0.5", "-ac", "2",
                    "-c:a", "libopus", "-b:a", "6k", str(path)], check=True)
    return path


@pytest.mark.slow
def test_a_small_file_that_decodes_to_twenty_minutes_is_refused_quickly_in_bounded_memory(studio, tmp_path):
    """A take's decoded length is capped while it is decoded (3 times the longest segment's TTS plus a minute):
    the bomb is refused after a minute and a half of it, not after twenty."""
    data = decoding_bomb(tmp_path / "bomb.ogg").read_bytes()
    assert len(data) < 1_000_000
    before = peak_rss_bytes(studio.process.pid)
    started = time.monotonic()
    response = studio.put("901-00-preface", data)
    elapsed, grown = time.monotonic() - started, peak_rss_bytes(studio.process.pid) - before
    print(f"a {len(data)} byte file of 20 min of 48 kHz stereo: {response.status_code} after {elapsed:.1f} s, "
          f"the studio's peak memory grew by {grown / 1e6:.0f} MB")
    assert response.status_code == 422 and "longer than" in response.json()["error"], response.text
    assert elapsed < 10 and grown < 150e6
    assert not (studio.episode / "recordings").exists()


@pytest.mark.slow
def test_the_studio_reads_recordings_as_the_build_does_any_case_and_never_through_a_link_out(show_dir, cache,
                                                                                         tmp_path):
    """`<id>.WAV` (as field recorders name files) is the segment's take: the studio plays it, and a new take moves
    it to earlier/ as the build expects; a take that links out of recordings/ is never served, one that links
    inside is."""
    upper, linked_out, linked_in = "901-00-preface", "901-01-dashwood-summary", "901-03-norland-summary"
    episode = human_episode(show_dir)
    rec = episode / "recordings"
    (rec / "originals").mkdir(parents=True)
    shutil.copy(reading(upper), rec / f"{upper}.WAV")
    secret = shutil.copy(reading(linked_out), tmp_path / "outside.wav")
    (rec / f"{linked_out}.wav").symlink_to(secret)
    shutil.copy(reading(linked_in), rec / "originals" / "norland.wav")
    (rec / f"{linked_in}.wav").symlink_to(Path("originals") / "norland.wav")
    running = Running(episode, cache)
    try:
        statuses = {s["id"]: s for s in running.get("/api/segments").json()["segments"]}
        assert (statuses[upper]["take"], statuses[upper]["state"]) == (f"recordings/{upper}.WAV", "matched")
        played = running.get(f"/api/takes/{upper}")
        assert played.status_code == 200 and played.content == reading(upper).read_bytes()
        refused = running.get(f"/api/takes/{linked_out}")
        assert refused.status_code == 404 and "no take" in refused.json()["error"], refused.text
        assert running.get(f"/api/takes/{linked_in}").content == reading(linked_in).read_bytes()

        verdict = running.put(upper, reading(upper).read_bytes()).json()
        assert verdict["state"] == "matched" and verdict["take"] == f"recordings/{upper}.wav", verdict
        [earlier] = verdict["earlier"]
        assert re.fullmatch(rf"recordings/earlier/{upper}\.\d{{8}}T\d{{6}}\.\d{{6}}Z\.WAV", earlier), earlier
        assert sorted(p.name for p in rec.glob(f"{upper}.*")) == [f"{upper}.wav"]
    finally:
        running.stop()
    done = subprocess.run([sys.executable, "-m", "podcast", "status", str(episode), "--format", "json",
                           "--cache", str(cache)], cwd=REPO, capture_output=True, text=True, timeout=600)
    report = json.loads(done.stdout)
    assert {s["id"]: s["take"] for s in report["segments"]}[upper] == f"recordings/{upper}.wav"
    assert not [p for p in report["problems"] if upper in p]
    assert [p for p in report["problems"] if linked_out in p and "outside" in p]


def test_every_error_is_json_and_the_cookie_is_named_after_the_port():
    """Unknown routes, a missing take, a request without the token and a failure inside the studio all answer
    JSON {"error": ...}, which the page shows in words."""
    from starlette.testclient import TestClient

    def fail(segment_id, data):
        raise RuntimeError("the recogniser fell over")

    studio = SimpleNamespace(script=SimpleNamespace(segments=[SimpleNamespace(id="s1")]), tts=[], receive=fail,
                             files=SimpleNamespace(recordings=Path("/nonexistent/recordings")), statuses={})
    app = studio_app(studio, "T0KEN", 8123)
    with TestClient(app, base_url="http://127.0.0.1:8123", raise_server_exceptions=False) as client:
        assert client.get("/api/segments").status_code == 403
        assert "not signed in" in client.get("/api/segments").json()["error"]
        first = client.get("/?token=T0KEN", follow_redirects=False)
        assert first.status_code == 303 and first.headers["set-cookie"].startswith("podcast-studio-8123=T0KEN;")
        client.cookies.set("podcast-studio-8123", "T0KEN")
        answers = {"GET /api/nothing": client.get("/api/nothing"), "GET /api/takes/s1": client.get("/api/takes/s1"),
                   "DELETE /api/takes/s1": client.delete("/api/takes/s1"),
                   "PUT /api/takes/s1": client.put("/api/takes/s1", content=b"RIFF")}
        for request, response in answers.items():
            assert response.headers["content-type"] == "application/json", request
            assert response.json()["error"], request
        assert [r.status_code for r in answers.values()] == [404, 404, 405, 500]
        assert "the recogniser fell over" in answers["PUT /api/takes/s1"].json()["error"]
        client.cookies.set("podcast-studio-8124", "T0KEN")  # another studio's cookie is not this one's
        client.cookies.delete("podcast-studio-8123")
        assert client.get("/api/segments").status_code == 403


def verdict_line(page, segment_id: str) -> str:
    return page.locator(f'[data-segment="{segment_id}"] .verdict').inner_text()


@pytest.mark.slow
@pytest.mark.browser
def test_two_studios_open_in_one_browser_each_store_a_take(show_dir, cache, tmp_path):
    """Browsers share cookies across the ports of one host: each studio's session cookie is its own, so opening
    a second studio does not sign the first one's page out."""
    sid = "901-00-preface"
    first = Running(human_episode(show_dir), cache)
    second_show = shutil.copytree(show_dir, tmp_path / "second-show", ignore=shutil.ignore_patterns("episodes"))
    second = Running(human_episode(second_show), cache)
    speech, rate = samples(sid)
    try:
        with microphone(fake_microphone(tmp_path / "mic.wav", speech, rate), loop=True) as browser:
            context = browser.new_context(viewport={"width": 1100, "height": 900})
            pages = [context.new_page(), context.new_page()]
            for page, running in zip(pages, (first, second)):
                page.goto(running.url)
            for page, running in zip(pages, (first, second)):
                record(page, sid, 1.0 + len(speech) / rate + 0.6)
                result = wait_for_verdict(page, sid)
                assert "not stored" not in result["verdict"] and result["state"] != "none", result
                assert [p.name for p in (running.episode / "recordings").iterdir()] == [f"{sid}.webm"]
    finally:
        first.stop()
        second.stop()


@pytest.mark.slow
@pytest.mark.browser
def test_a_take_the_studio_did_not_store_stays_in_the_page_until_retry_stores_it(studio, cache, tmp_path):
    """The studio stopped while the narrator recorded: the take stays in the page with Retry and Download; after
    a restart on the same port it is still refused (this page holds the old studio's token) and kept; once the
    new studio's address is opened, Retry stores it."""
    sid = "901-00-preface"
    speech, rate = samples(sid)
    rec = studio.episode / "recordings"
    with microphone(fake_microphone(tmp_path / "mic.wav", speech, rate)) as browser:
        context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.goto(studio.url)
        studio.stop()
        record(page, sid, 1.0 + len(speech) / rate + 0.6)
        result = wait_for_verdict(page, sid)
        assert "Take not stored: the studio did not answer" in result["verdict"], result
        section = page.locator(f'[data-segment="{sid}"]')
        retry, download = (section.get_by_role("button", name=name, exact=True) for name in ("Retry", "Download"))
        assert retry.is_visible() and download.is_visible()
        with page.expect_download() as saved:
            download.click()
        assert saved.value.suggested_filename == f"{sid}.webm"
        assert Path(saved.value.path()).read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # the WebM recorded

        restarted = Running(studio.episode, cache, port=studio.port)
        try:
            retry.click()
            result = wait_for_verdict(page, sid)
            assert "Take not stored: this page is not signed in" in result["verdict"], result
            assert retry.is_visible() and not rec.exists()
            context.new_page().goto(restarted.url)  # the narrator opens the address the new studio printed
            retry.click()
            result = wait_for_verdict(page, sid)
            assert "not stored" not in result["verdict"] and result["state"] != "none", result
            assert not retry.is_visible()
            assert [p.name for p in rec.iterdir()] == [f"{sid}.webm"]
            assert (rec / f"{sid}.webm").read_bytes() == Path(saved.value.path()).read_bytes()
        finally:
            restarted.stop()


@pytest.mark.slow
@pytest.mark.browser
def test_a_take_read_differently_from_its_text_shows_the_sentence_needing_a_pickup(show_dir, cache, tmp_path):
    """The preface's text says "pleasure" where the reader (LibriVox) said "leisure": recorded in Chromium, the
    take is used and its second sentence is marked as a pickup needed, at once and when the page is opened
    again."""
    sid = "901-00-preface"
    episode = human_episode(show_dir)
    issue = episode / "issue.md"
    issue.write_text(issue.read_text().replace("had then leisure", "had then pleasure"))
    running = Running(episode, cache)
    speech, rate = samples(sid)
    try:
        with microphone(fake_microphone(tmp_path / "mic.wav", speech, rate)) as browser:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(running.url)
            pickups = page.locator(f'[data-segment="{sid}"] .pickups-needed')
            assert pickups.is_hidden()
            record(page, sid, 1.0 + len(speech) / rate + 0.6)
            assert wait_for_verdict(page, sid)["state"] == "matched"
            for opened in ("after the verdict", "opened again"):
                item = pickups.locator("li")
                assert pickups.is_visible() and item.count() == 1, opened
                assert item.get_attribute("data-sentence") == "1" and item.get_attribute("data-why") == "read differently"
                assert item.locator("mark").inner_text().startswith("John Dashwood had then pleasure"), opened
                assert "heard" in item.inner_text() and "leisure" in item.inner_text(), opened
                page.reload()
        segments = running.get("/api/segments").json()["segments"]
        assert [p["sentence"] for p in next(s for s in segments if s["id"] == sid)["pickups_needed"]] == [1]
    finally:
        running.stop()


@pytest.mark.slow
@pytest.mark.browser
def test_a_pickup_recorded_from_a_sentences_button_is_spliced_in_and_a_wrong_one_refused(studio, cache, tmp_path):
    """joe (the tests' second voice) has a take of the Fanny summary; its last sentence's "Record pickup" records
    joe re-reading it: stored as the segment's pickup 1, it replaces that sentence and the segment stays the
    narrator's. A second pickup there reading the preface's sentence is stored as pickup 2 and refused with the
    verdict that names what it sounds like. The take file is only read."""
    from tests.support.narrator import RATE_HZ, level_off, speak

    sid = "901-02-fanny-summary"
    rec = studio.episode / "recordings"
    with httpx.Client(base_url=studio.base, headers={"Authorization": f"token {studio.token}"}) as client:
        sentences = re.findall(rf'data-segment="{sid}".*?<p class="text">(.*?)</p>', client.get("/").text, re.S)[0]
    texts = [re.sub(r"<[^>]+>", "", s).strip() for s in re.findall(r'<span class="sentence[^"]*"[^>]*>(.*?)</span>',
                                                                     sentences, re.S)]
    assert len(texts) == 3 and texts[2].startswith("Had he married"), texts
    take = write_wav(tmp_path / "take.wav", level_off(speak(" ".join(texts)), 2))
    assert studio.put(sid, take.read_bytes()).json()["state"] == "matched"
    before = (rec / f"{sid}.wav").read_bytes()

    def record_pickup(page, sentence: int, seconds: float) -> dict:
        section = page.locator(f'[data-segment="{sid}"]')
        section.get_by_role("button", name=f"Record pickup of sentence {sentence}", exact=True).click()
        page.wait_for_function(f"""() => document.querySelector('[data-segment="{sid}"]').classList.contains('recording')""")
        time.sleep(seconds)
        section.get_by_role("button", name="Stop pickup").click()
        return wait_for_verdict(page, sid)

    pickup = level_off(speak(texts[2], 1.1), 5)
    with microphone(fake_microphone(tmp_path / "pickup.wav", pickup, RATE_HZ)) as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(studio.url)
        section = page.locator(f'[data-segment="{sid}"]')
        assert section.get_by_role("button", name="Record pickup of sentence 1", exact=True).is_enabled()
        assert page.locator('[data-segment="901-00-preface"] .record-pickup').first.is_disabled()  # no take yet
        result = record_pickup(page, 3, 1.0 + len(pickup) / RATE_HZ + 0.6)
        print("the pickup's verdict in the page:", result)
        assert result["state"] == "matched", result
        assert result["verdict"].startswith(f"Pickup recordings/{sid}.pickup-1.webm: replaces sentence 3"), result
        assert section.get_attribute("data-source") == "narrator"
        assert section.locator(".sentence.picked-up").all_inner_texts() == [texts[2]]
        assert f"{sid}.pickup-1.webm: replaces sentence 3" in section.locator(".pickups").inner_text()

    wrong = level_off(speak("And Mr. John Dashwood had then leisure to consider how much there might be prudently in "
                            "his power to do for them."), 6)
    with microphone(fake_microphone(tmp_path / "wrong.wav", wrong, RATE_HZ)) as browser:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(studio.url)
        result = record_pickup(page, 3, 1.0 + len(wrong) / RATE_HZ + 0.6)
        print("the wrong pickup's verdict in the page:", result)
        assert re.match(rf"Pickup recordings/{sid}\.pickup-2\.webm: refused: sounds like segment 901-00-preface "
                        r"sentence \d", result["verdict"]), result
        assert page.locator(f'[data-segment="{sid}"] .verdict.refused').count() == 1

    assert sorted(p.name for p in rec.glob(f"{sid}.*")) == [f"{sid}.pickup-1.webm", f"{sid}.pickup-2.webm", f"{sid}.wav"]
    assert (rec / f"{sid}.wav").read_bytes() == before
    done = subprocess.run([sys.executable, "-m", "podcast", "status", str(studio.episode), "--format", "json",
                           "--cache", str(cache)], cwd=REPO, capture_output=True, text=True, timeout=600)
    status = {s["id"]: s for s in json.loads(done.stdout)["segments"]}[sid]
    assert (status["source"], status["state"]) == ("narrator", "matched"), status
    assert [(p["file"], p["accepted"], p["used"]) for p in status["pickups"]] == \
        [(f"recordings/{sid}.pickup-1.webm", True, True), (f"recordings/{sid}.pickup-2.webm", False, False)]
    # a pickup of a segment with no take is refused before it is stored; "full" takes no pickup
    refused = httpx.put(f"{studio.base}/api/pickups/901-00-preface", content=take.read_bytes(), timeout=300,
                        headers={"Authorization": f"token {studio.token}"})
    assert refused.status_code == 409 and "no take of 901-00-preface" in refused.json()["error"], refused.text
    assert httpx.put(f"{studio.base}/api/pickups/full", content=take.read_bytes(), timeout=60,
                     headers={"Authorization": f"token {studio.token}"}).status_code == 404
    assert not list(rec.glob("901-00-preface*"))


def test_a_pickup_is_stored_under_the_segments_next_free_number(tmp_path):
    """One more than any pickup of the segment in recordings/, whatever its case or format; other segments'
    pickups and the take itself do not count."""
    from podcast.folders import EpisodeFolder
    from podcast.studio.uploads import next_pickup, store_pickup

    episode = EpisodeFolder(tmp_path)
    assert next_pickup(episode.recordings, "901-00-preface") == 1  # no recordings/ yet
    first = store_pickup(episode, "901-00-preface", b"RIFF", ".wav")
    assert first.name == "901-00-preface.pickup-1.wav" and first.read_bytes() == b"RIFF"
    for name in ["901-00-preface.PICKUP-3.WAV", "901-00-preface.wav", "901-01-dashwood-summary.pickup-7.webm"]:
        (episode.recordings / name).write_bytes(b"")
    assert store_pickup(episode, "901-00-preface", b"OggS", ".ogg").name == "901-00-preface.pickup-4.ogg"
    assert next_pickup(episode.recordings, "901-01-dashwood-summary") == 8


def test_a_new_take_moves_the_pickups_recorded_for_the_old_one_to_earlier(tmp_path):
    """A pickup fits only the take it was recorded against: a new take of the segment moves the segment's pickups
    to earlier/ with the old take, and a new whole-episode take those of the segments cut from it; other
    segments' pickups stay. The files are moved, byte for byte."""
    from datetime import datetime, timezone

    from podcast.folders import EpisodeFolder
    from podcast.studio.uploads import store_pickup, store_take

    episode, sid, own, cut = EpisodeFolder(tmp_path), "901-00-preface", "901-01-dashwood-summary", "901-03-norland-summary"
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    store_take(episode, sid, b"RIFF take 1", ".wav", now)
    store_take(episode, own, b"RIFF own", ".wav", now)
    (episode.recordings / "full.wav").write_bytes(b"RIFF full")
    for segment in (sid, sid, own, cut):
        store_pickup(episode, segment, f"RIFF pickup of {segment}".encode(), ".wav")
    (episode.recordings / f"{sid}.PICKUP-5.WAV").write_bytes(b"RIFF by hand")
    _, moved = store_take(episode, sid, b"RIFF take 2", ".wav", now)
    stamp = "20240501T120000.000000Z"
    assert sorted(p.name for p in moved) == sorted([f"{sid}.{stamp}.wav", f"{sid}.{stamp}.pickup-1.wav",
                                                    f"{sid}.{stamp}.pickup-2.wav", f"{sid}.{stamp}.pickup-5.WAV"])
    assert (episode.earlier / f"{sid}.{stamp}.pickup-5.WAV").read_bytes() == b"RIFF by hand"
    assert sorted(p.name for p in episode.recordings.iterdir() if p.is_file()) == sorted([
        f"{own}.pickup-1.wav", f"{own}.wav", f"{cut}.pickup-1.wav", f"{sid}.wav", "full.wav"])
    _, moved = store_take(episode, "full", b"RIFF full 2", ".wav", now)
    assert sorted(p.name for p in moved) == [f"{cut}.{stamp}.pickup-1.wav", f"full.{stamp}.wav"]
    assert (episode.recordings / f"{own}.pickup-1.wav").exists()
