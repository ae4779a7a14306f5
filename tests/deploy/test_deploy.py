"""`podcast deploy` to real servers started on loopback by the test (`rclone serve webdav`, `rclone serve
sftp`) and to a local folder: the remote ends identical to the site, unchanged files are never re-sent,
changed ones always are (a page of the same length and time too), a deploy killed with SIGKILL leaves a
remote whose feed names only files it holds, and credentials never reach the output.

What the server wrote is read from the served folder itself (each file's inode and ctime), not from what the
command says it did."""
from __future__ import annotations

import fcntl
import os
import pty
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import httpx
import pytest

from podcast.deploy.order import MANIFEST, Record, feed_paths, make_plan, parse_manifest, read_site, stage_of
from podcast.deploy.rclone import redact, secrets_of
from podcast.publishing.lock import site_lock
from podcast.publishing.site import producer_only

from tests.support.show import REPO
from tests.support.rclone_servers import (PASSWORD, USER, closed_port, environment, free_port, obscured, remote_spec, serve,
                                     touched, tree)

OURS = {MANIFEST, f"{MANIFEST}.partial"}
"""What deploy keeps on the remote beside the site."""
LOCK = {".lock"}
"""What deploy (like a build) keeps in the site: its lock."""


def published_part(site: Path) -> dict[str, bytes]:
    """What a deploy publishes of the site: every file but its lock and what only the producer reads (the review
    pages and their assets, catalog.json)."""
    return {path: data for path, data in tree(site, LOCK).items() if not producer_only(path)}


def deploy(*args: str, env: dict | None = None, timeout: float = 120, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "podcast", "deploy", *args], cwd=cwd, capture_output=True,
                          text=True, env=env or environment(), timeout=timeout)


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def site(published, tmp_path: Path) -> Path:
    """This test's own copy of the real built site (AN #99's excerpt: MP3, sidecars, pages, feed)."""
    copy = tmp_path / "site"
    shutil.copytree(published.site, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


@pytest.fixture(params=["webdav", "sftp", "folder"])
def remote(request, tmp_path: Path):
    """A destination and the folder that shows what it holds."""
    if request.param == "folder":
        folder = tmp_path / "remote"
        yield str(folder), folder
        return
    with serve(request.param, tmp_path / "remote", tmp_path / "server") as server:
        yield server.dest, server.root


def test_first_deploy_copies_the_site_and_an_unchanged_second_sends_nothing(site, remote):
    dest, folder = remote
    out = ok(deploy(dest, "--site", str(site)))
    assert out.count("\n") == 1 and f"sent {len(published_part(site))} files" in out, out
    assert tree(folder, OURS) == published_part(site)
    before = touched(folder)
    out = ok(deploy(dest, "--site", str(site)))
    assert "nothing sent" in out, out
    assert touched(folder) == before


def search_entries(paths) -> list[str]:
    """The search index's entry files among the paths: each shard's pagefind-entry.json, naming its chunks."""
    return [p for p in paths if re.fullmatch(r"pagefind/[^/]+/pagefind-entry\.json", p)]


def test_media_go_first_pages_next_and_the_feed_last(site, remote):
    """The search index as the build writes it too: a shard's entry file after the chunks it names, the list of
    shards (pagefind/shards.json) after the entry files, so a search on the remote never asks for a missing file."""
    dest, folder = remote
    ok(deploy(dest, "--site", str(site)))
    when = {path: ctime for path, (_, ctime) in touched(folder).items() if path not in OURS}
    entries = [when[p] for p in search_entries(when)]
    pages = [t for p, t in when.items() if p.endswith(".html")]
    media = [t for p, t in when.items() if not p.endswith(".html") and p not in ("feed.xml", "pagefind/shards.json")
             and p not in search_entries([p])]
    assert entries and max(media) <= min(entries)
    assert max(entries) <= min(pages) and max(entries) <= when["pagefind/shards.json"]
    assert max(pages) <= when["feed.xml"] and when["pagefind/shards.json"] <= when["feed.xml"]


@pytest.mark.parametrize("kind", ["webdav", "sftp"])
def test_one_edit_sends_only_what_changed_even_a_page_of_the_same_length_and_time(site, tmp_path, kind):
    with serve(kind, tmp_path / "remote", tmp_path / "server") as server:
        ok(deploy(server.dest, "--site", str(site)))
        page = site / "episodes" / "099" / "index.html"
        stat = page.stat()
        text = page.read_text(encoding="utf-8")
        edited = text.replace("Efficiency", "Effic1ency", 1)
        assert edited != text and len(edited.encode()) == stat.st_size
        page.write_text(edited, encoding="utf-8")
        os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and time: only the bytes differ
        before = touched(server.root)
        out = ok(deploy(server.dest, "--site", str(site)))
        assert "sent 1 file " in out, out
        after = touched(server.root)
        changed = {p for p in after if after[p] != before.get(p)} - OURS
        assert changed == {"episodes/099/index.html"}
        assert tree(server.root, OURS) == published_part(site)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_deploy_killed_mid_transfer_leaves_a_safe_remote_and_a_rerun_finishes_it(site, tmp_path, seed):
    """Throttled so the kill lands mid-upload (between the first file's arrival and about half way through);
    afterwards the remote's feed, if there is one, names only files
    the remote holds whole, and the rerun sends only what the remote's manifest does not vouch for."""
    kind = ["webdav", "sftp"][seed % 2]
    total = sum(len(b) for b in published_part(site).values())
    rate = 250_000  # bytes per second
    with serve(kind, tmp_path / "remote", tmp_path / "server") as server:
        process = subprocess.Popen([sys.executable, "-m", "podcast", "deploy", server.dest, "--site", str(site)],
                                   cwd=REPO, env=environment(RCLONE_BWLIMIT=f"{rate}B"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while not any(p.is_file() for p in server.root.rglob("*")) and time.monotonic() < deadline:
            time.sleep(0.02)  # the upload has begun: the kill lands somewhere in it, the seed says where
        time.sleep(random.Random(seed).uniform(0, 0.6 * total / rate))
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL, "the deploy ended before the kill"
        time.sleep(0.5)  # rclone dies with its parent; let the server finish with the dropped connection
        local, remote = published_part(site), tree(server.root)
        assert {p: b for p, b in remote.items() if p not in OURS} != local, "the kill came after the transfer"
        if "feed.xml" in remote:
            for path in feed_paths(remote["feed.xml"]):
                assert remote.get(path) == local[path], f"the remote feed names {path}, which it lacks"
        vouched = parse_manifest(remote.get(MANIFEST, b"{}"))
        for path, record in vouched.items():
            assert Record(len(remote[path]), record.sha256) == record and remote[path] == local[path], path
        before = touched(server.root)
        out = ok(deploy(server.dest, "--site", str(site)))
        assert tree(server.root, OURS) == local, out
        after = touched(server.root)
        resent = {p for p in after if after[p] != before.get(p)} - OURS
        assert resent == set(local) - set(vouched), out


@pytest.mark.parametrize("kind", ["webdav", "sftp"])
@pytest.mark.parametrize("failure", ["wrong password", "closed port"])
def test_a_refused_login_or_a_closed_port_fails_in_one_line_fast_with_the_remote_unchanged(site, tmp_path, kind, failure):
    with serve(kind, tmp_path / "remote", tmp_path / "server") as server:
        ok(deploy(server.dest, "--site", str(site)))
        (site / "index.html").write_text("<!doctype html><title>new</title>", encoding="utf-8")
        before, contents = touched(server.root), tree(server.root)
        password = "wrong-Pa55word-xyz" if failure == "wrong password" else PASSWORD
        dest = remote_spec(kind, closed_port() if failure == "closed port" else server.port, password)
        started = time.monotonic()
        done = deploy(dest, "--site", str(site))
        elapsed = time.monotonic() - started
        assert done.returncode != 0 and elapsed < 30, (elapsed, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("podcast: error: :") and done.stdout == "", done.stderr
        assert ("refused the login" if failure == "wrong password" else "cannot be reached") in lines[0]
        for secret in (password, obscured(password), PASSWORD, obscured(PASSWORD)):
            assert secret not in done.stderr
        assert "pass=***" in lines[0]
        assert touched(server.root) == before and tree(server.root) == contents


def test_a_same_size_edit_of_the_feed_reaches_a_real_webdav_server(site, tmp_path):
    """WebDAV gives rclone no hashes and (vendor other) no modification times, so it compares sizes only: the
    new feed, uploaded beside the old one and of its size, must still be renamed over it."""
    with serve("webdav", tmp_path / "remote", tmp_path / "server") as server:
        ok(deploy(server.dest, "--site", str(site)))
        feed = site / "feed.xml"
        stat, text = feed.stat(), feed.read_text(encoding="utf-8")
        edited = text.replace("An audio version", "An audio edition", 1)  # the show's description, retold
        assert edited != text and len(edited.encode()) == stat.st_size
        feed.write_text(edited, encoding="utf-8")
        os.utime(feed, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        out = ok(deploy(server.dest, "--site", str(site)))
        assert "sent 1 file " in out, out
        served = httpx.get(server.url + "feed.xml", auth=(USER, PASSWORD), timeout=10)
        assert served.status_code == 200 and served.text == edited
        assert (server.root / "feed.xml").read_text(encoding="utf-8") == edited
        assert tree(server.root, OURS) == published_part(site)


SECRETS = ("SECRETSIG0", "SECRETTOKEN1", "SECRETBEARER2")


@pytest.mark.parametrize("reachable", [True, False])
def test_no_secret_of_a_remote_string_reaches_the_output_sent_or_failed(site, tmp_path, reachable):
    """On-the-fly remotes with `pass=`, a URL with user:password@, a query of `sig=` and `token=` and a bearer
    token: neither the summary line of a deploy that worked nor the error of one that did not shows any."""
    with serve("webdav", tmp_path / "remote", tmp_path / "server") as server:
        port = server.port if reachable else closed_port()
        sig, token, bearer = SECRETS
        dests = {f":webdav,url='http://{USER}:{PASSWORD}@127.0.0.1:{port}/',vendor=other:": True,
                 f":webdav,url='http://127.0.0.1:{port}/?sv=2022&sig={sig}&token={token}',vendor=other,user={USER},"
                 f"pass={obscured(PASSWORD)}:": False,  # rclone puts the files' paths after the query: 404
                 f":webdav,url='http://127.0.0.1:{port}/',vendor=other,bearer_token={bearer}:": False}  # 401
        for dest, works in dests.items():
            done = deploy(dest, "--site", str(site))
            assert (done.returncode == 0) == (reachable and works), done.stderr
            shown = done.stdout + done.stderr
            for secret in (*SECRETS, PASSWORD, obscured(PASSWORD)):
                assert secret not in shown, shown
            assert "127.0.0.1" in shown and "***" in shown, shown
            assert done.returncode == 0 or done.stderr.count("\n") == 1, done.stderr


@pytest.mark.parametrize("kind", ["webdav", "sftp"])
def test_a_silent_server_fails_within_seconds_and_the_site_lock_stays_free(site, tmp_path, kind):
    """A port that accepts connections and never answers (the slowest way to fail): the deploy gives up within
    seconds, and meanwhile a build could take the site's lock, which the deploy holds only while it reads."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        dest = remote_spec(kind, silent.getsockname()[1], PASSWORD)
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "podcast", "deploy", dest, "--site", str(site)], cwd=REPO,
                                   env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert process.poll() is None, process.communicate()
        with site_lock(site, wait_s=0):  # raises if the deploy still held it
            pass
        out, err = process.communicate(timeout=60)
        elapsed = time.monotonic() - started
    print(f"{kind}: a silent server failed the deploy after {elapsed:.1f} s")
    assert process.returncode == 1 and elapsed < 30, (elapsed, err)
    assert err.count("\n") == 1 and "cannot be reached" in err and out == "", err
    assert PASSWORD not in err and obscured(PASSWORD) not in err


@pytest.mark.parametrize("kind", ["webdav", "sftp"])
def test_a_closed_port_fails_within_seconds(site, kind):
    started = time.monotonic()
    done = deploy(remote_spec(kind, closed_port(), PASSWORD), "--site", str(site))
    elapsed = time.monotonic() - started
    print(f"{kind}: a closed port failed the deploy after {elapsed:.1f} s")
    assert done.returncode == 1 and elapsed < 15 and "cannot be reached" in done.stderr, (elapsed, done.stderr)


def test_a_symbolic_link_in_the_site_is_refused_up_front_naming_it(site, tmp_path):
    (site / "episodes" / "099" / "linked.mp3").symlink_to(site / "index.html")
    (site / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (site / "dangling.txt").symlink_to(tmp_path / "nothing")
    folder = tmp_path / "remote"
    done = deploy(str(folder), "--site", str(site))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and done.stdout == "", done.stderr
    for name in ("episodes/099/linked.mp3", "elsewhere", "dangling.txt"):
        assert name in done.stderr
    assert "symbolic link" in done.stderr and not folder.exists()


def test_a_destination_that_starts_with_a_dash_is_a_folder_never_an_option(site, tmp_path):
    ok(deploy("--site", str(site), "--", "-x", cwd=tmp_path))
    assert tree(tmp_path / "-x", OURS) == published_part(site)
    ok(deploy("--site", str(site), "--", "--dry-run", cwd=tmp_path))
    assert tree(tmp_path / "--dry-run", OURS) == published_part(site)


def test_delete_removes_what_the_site_dropped_after_the_feed_and_never_what_the_feed_lists(site, tmp_path):
    with serve("webdav", tmp_path / "remote", tmp_path / "server") as server:
        (site / "episodes" / "098").mkdir()
        (site / "episodes" / "098" / "old.mp3").write_bytes(b"ID3 an old episode's audio")
        ok(deploy(server.dest, "--site", str(site)))
        (server.root / "robots.txt").write_text("put there by the host\n")
        listed = sorted(p for p in feed_paths((site / "feed.xml").read_bytes()) if (site / p).is_file())
        enclosure = next(p for p in listed if p.endswith(".mp3"))
        (site / "episodes" / "098" / "old.mp3").unlink()
        (site / enclosure).unlink()  # gone from the site, still in its feed: a listener may still fetch it

        out = ok(deploy(server.dest, "--site", str(site)))
        assert "nothing sent" in out and (server.root / "episodes" / "098" / "old.mp3").exists()
        assert out.splitlines()[-1] == ("the remote still holds 1 file this site does not publish "
                                        "(episodes/098/old.mp3); deploy with --delete removes them")

        dry = ok(deploy(server.dest, "--site", str(site), "--delete", "--dry-run"))
        assert "would remove: episodes/098/old.mp3" in dry and enclosure not in dry
        assert (server.root / "episodes" / "098" / "old.mp3").exists()

        out = ok(deploy(server.dest, "--site", str(site), "--delete"))
        assert "removed 1" in out, out
        remote = tree(server.root, OURS)
        assert "episodes/098/old.mp3" not in remote and "robots.txt" in remote
        for path in listed:
            assert path in remote, f"--delete removed {path}, which the feed lists"
        assert MANIFEST in tree(server.root) and "episodes/098/old.mp3" not in parse_manifest(
            (server.root / MANIFEST).read_bytes())


def test_dry_run_lists_everything_in_order_and_changes_nothing(site, tmp_path):
    with serve("sftp", tmp_path / "remote", tmp_path / "server") as server:
        out = ok(deploy(server.dest, "--site", str(site), "--dry-run"))
        lines = out.splitlines()
        sent = [m.groups() for line in lines if (m := re.match(r"would send \(([^)]+)\): (\S+)", line))]
        assert {path for _, path in sent} == set(published_part(site))
        assert [stage_of(path) for _, path in sent] == sorted(stage_of(path) for _, path in sent)
        assert {kind for kind, _ in sent} == {"artwork", "asset", "audio", "sidecar", "page", "feed",
                                                "search index", "summaries"}
        assert sent[-1] == ("feed", "feed.xml") and lines[-1].startswith("dry run: would send")
        order = [path for _, path in sent]
        index = [p for p in order if p.startswith("pagefind/")]
        [entry] = search_entries(index)
        assert order.index(entry) > max(order.index(p) for p in index if p not in (entry, "pagefind/shards.json"))
        assert order.index("pagefind/shards.json") > order.index(entry)
        assert tree(server.root) == {}


def test_a_terminal_gets_a_progress_bar_with_bytes_files_and_time_left(site, tmp_path):
    folder = tmp_path / "remote"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))  # a 120-column terminal
    process = subprocess.Popen([sys.executable, "-m", "podcast", "deploy", str(folder), "--site", str(site)],
                               cwd=REPO, env=environment(RCLONE_BWLIMIT="1M"), stdout=subprocess.PIPE,
                               stderr=follower, text=True)
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    out, _ = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0, screen
    drawn = screen.decode("utf-8", "replace")
    assert re.search(r"deploy: \d+/\d+ files", drawn) and re.search(r"[\d.]+[kM]?B/[\d.]+MB", drawn), drawn
    assert "<" in drawn  # tqdm's "elapsed<remaining"
    assert tree(folder, OURS) == published_part(site) and out.startswith("deployed ")


def test_missing_site_or_rclone_is_one_line(tmp_path):
    done = deploy(str(tmp_path / "remote"), "--site", str(tmp_path / "nowhere"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "no feed.xml" in done.stderr
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "feed.xml").write_text("<rss/>")
    done = deploy(str(tmp_path / "remote"), "--site", str(tmp_path / "site"), env=environment(PATH=str(tmp_path)))
    assert done.returncode == 1 and "rclone not found" in done.stderr and done.stderr.count("\n") == 1


# The pure parts, on their own.

def test_redact_hides_passwords_tokens_and_url_credentials_plain_or_obscured():
    dest = ":sftp,host=h,user=u,pass='abc,def':"
    text = f"Failed to create file system for \"{dest}\": key_file_pass=zzz9 token=\"tok1\" https://u:pw99@host/x abc,def"
    shown = redact(text, secrets_of(dest, {"RCLONE_WEBDAV_PASS": "envsecret"}) + ["envsecret"])
    for secret in ("abc,def", "zzz9", "tok1", "pw99"):
        assert secret not in shown
    assert "host=h,user=u" in shown and "https://u:***@host/x" in shown
    assert redact("plain envsecret here", secrets_of("remote:", {"RCLONE_WEBDAV_PASS": "envsecret"})) == "plain *** here"


def test_redact_hides_any_url_query_and_signature_wherever_it_is_printed():
    dest = ":webdav,url='https://acct.blob.example/c?sv=2022-11&se=2030&sig=S1GN%2Fx&st=1',vendor=other:site"
    env = {"RCLONE_WEBDAV_URL": "https://h/dav?access_token=ENVTOK"}
    secrets = secrets_of(dest, env)
    for text in (dest, 'Propfind "https://acct.blob.example/c?sv=2022-11&se=2030&sig=S1GN%2Fx&st=1": EOF',
                 "sig=S1GN%2Fx seen", "Get https://h/dav?access_token=ENVTOK failed", "ENVTOK",
                 ":azureblob,sas_url='https://a.example/c?sp=r&sig=ABCD':"):
        shown = redact(text, secrets)
        for secret in ("S1GN", "ENVTOK", "ABCD", "2030"):
            assert secret not in shown, shown
    assert redact(dest, secrets) == ":webdav,url='https://acct.blob.example/c?***',vendor=other:site"


def test_the_plan_compares_digests_not_sizes_and_removes_only_our_files():
    local = {"a.mp3": Record(10, "new"), "index.html": Record(5, "same"), "feed.xml": Record(3, "f2")}
    remote = {"a.mp3": Record(10, "old"), "index.html": Record(5, "same"), "feed.xml": Record(3, "f1"),
              "gone.mp3": Record(1, "x"), "listed.mp3": Record(1, "y")}
    plan = make_plan(local, remote, protected={"listed.mp3"}, delete=True)
    assert plan.send == (("a.mp3",), (), (), ("feed.xml",)) and plan.unchanged == 1
    assert plan.remove == ("gone.mp3",)
    assert make_plan(local, remote, protected=set(), delete=False).remove == ()


def test_a_file_a_build_replaced_after_the_read_is_not_vouched_for(tmp_path):
    from podcast.files import write_atomic

    write_atomic(tmp_path / "feed.xml", b"<rss/>")
    write_atomic(tmp_path / "a.mp3", b"ID3 old")
    snapshot = read_site(tmp_path)
    assert snapshot.feeds == {"feed.xml": b"<rss/>"} and set(snapshot.records) == {"feed.xml", "a.mp3"}
    assert snapshot.still_read(tmp_path, "a.mp3")
    write_atomic(tmp_path / "a.mp3", b"ID3 new")  # what a build does: a new file renamed into place
    assert not snapshot.still_read(tmp_path, "a.mp3") and snapshot.still_read(tmp_path, "feed.xml")


def test_feed_paths_include_media_behind_an_analytics_prefix(published):
    from dataclasses import replace as _replace

    from podcast.publishing import load_catalog as _load
    from podcast.publishing.feed import build_feed

    catalog = _load(published.site)
    plain = feed_paths((published.site / "feed.xml").read_bytes())
    show = _replace(published.show, stats_prefix="https://op3.dev/e/")
    prefixed = feed_paths(build_feed(show, catalog, show.base_url + "artwork.png"))
    entry = catalog.episodes[99]
    assert {entry.audio, entry.sidecars["opus"]} <= plain
    assert prefixed == plain
