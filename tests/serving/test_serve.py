"""`podcast serve` answered by real HTTP clients (httpx, and http.client for raw request paths)."""
import http.client
from urllib.parse import urlparse

import httpx
import pytest

from tests.support.show import run_podcast

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=10) as c:
        yield c


@pytest.fixture(scope="module")
def catalog_entry(published):
    from podcast.publishing import load_catalog

    return load_catalog(published.site).episodes[99]


def raw_get(server: str, path: str) -> int:
    """Send the path exactly as written (httpx would normalise '..' away)."""
    url = urlparse(server)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_content_types(client, catalog_entry):
    expected = {"feed.xml": "application/rss+xml", catalog_entry.audio: "audio/mpeg",
                catalog_entry.sidecars["vtt"]: "text/vtt", catalog_entry.sidecars["transcript"]: "application/json",
                catalog_entry.sidecars["chapters"]: "application/json", catalog_entry.sidecars["srt"]: "application/x-subrip",
                "episodes/099/": "text/html", "assets/player.js": "text/javascript"}
    for path, content_type in expected.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].split(";")[0] == content_type, path


def test_head_gives_length_without_body(client, published, catalog_entry):
    response = client.head(catalog_entry.audio)
    assert response.status_code == 200 and response.content == b""
    assert int(response.headers["content-length"]) == catalog_entry.audio_bytes
    assert response.headers["accept-ranges"] == "bytes"


def test_byte_ranges(client, published, catalog_entry):
    data = (published.site / catalog_entry.audio).read_bytes()
    response = client.get(catalog_entry.audio, headers={"Range": "bytes=1000-1999"})
    assert response.status_code == 206
    assert response.content == data[1000:2000]
    assert response.headers["content-range"] == f"bytes 1000-1999/{len(data)}"
    tail = client.get(catalog_entry.audio, headers={"Range": "bytes=-500"})
    assert tail.status_code == 206 and tail.content == data[-500:]
    open_ended = client.get(catalog_entry.audio, headers={"Range": f"bytes={len(data) - 10}-"})
    assert open_ended.status_code == 206 and open_ended.content == data[-10:]


def test_unsatisfiable_range_is_416(client, catalog_entry):
    size = catalog_entry.audio_bytes
    response = client.get(catalog_entry.audio, headers={"Range": f"bytes={size}-{size + 10}"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{size}"


def test_a_range_it_cannot_parse_is_ignored_and_a_valid_one_outside_the_file_is_416(client, published, catalog_entry):
    """RFC 9110 §14.2: an invalid Range (bad syntax, last before first, another unit) is ignored, so the whole
    file comes back with 200; a valid one is answered with the ranges inside the file, 416 if there are none."""
    data = (published.site / catalog_entry.audio).read_bytes()
    size = len(data)
    for header in ["bytes=abc", "bytes=5-2", "bytes=", "bytes=-", "bytes=1-2-3", "bytes=0-9,xyz", "items=0-9",
                   "bytes 0-9", "bytes=0x10-20", f"bytes={'9' * 5000}-1", "bytes=" + ",".join(["0-1"] * 101)]:
        response = client.get(catalog_entry.audio, headers={"Range": header})
        assert response.status_code == 200 and response.content == data, header[:40]
        assert "content-range" not in response.headers
    for header in [f"bytes={size}-", "bytes=-0", f"bytes={'9' * 5000}-", f"bytes={size}-{size + 5},{size * 2}-"]:
        response = client.get(catalog_entry.audio, headers={"Range": header})
        assert response.status_code == 416 and response.headers["content-range"] == f"bytes */{size}", header[:40]
    response = client.get(catalog_entry.audio, headers={"Range": f"bytes=0-{'9' * 5000}"})
    assert response.status_code == 206 and response.content == data
    response = client.get(catalog_entry.audio, headers={"Range": f"bytes=10-19,{size}-"})  # one range is inside
    assert response.status_code == 206 and response.content == data[10:20]
    assert response.headers["content-range"] == f"bytes 10-19/{size}"


def test_cors_for_transcripts_and_chapters(client, catalog_entry):
    for kind in ("vtt", "transcript", "chapters", "srt"):
        response = client.get(catalog_entry.sidecars[kind], headers={"Origin": "https://player.example"})
        assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*", kind
    preflight = client.options(catalog_entry.sidecars["transcript"], headers={
        "Origin": "https://player.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "range"})
    assert preflight.status_code == 200 and "GET" in preflight.headers["access-control-allow-methods"]


def test_no_path_outside_the_site(server, client, published):
    (published.root / "secret.txt").write_text("outside the site")
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/episodes/../../secret.txt", "/..%2fsecret.txt"]:
        assert raw_get(server, path) in (400, 404), path
    assert raw_get(server, "/catalog.json") == 200
    partial = published.site / ".feed.xml.partial.tmp"
    partial.write_text("half written")
    try:
        assert client.get(partial.name).status_code == 404
    finally:
        partial.unlink()
    assert client.post("feed.xml").status_code == 405


def test_serve_missing_site_is_one_line(tmp_path):
    done = run_podcast("serve", "--site", str(tmp_path / "nowhere"), "--port", "0")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "no such site folder" in done.stderr


def test_port_in_use_or_out_of_range_is_one_line(published):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        done = run_podcast("serve", "--site", str(published.site), "--port", str(taken.getsockname()[1]))
    assert done.returncode == 1 and done.stderr.strip().count("\n") == 0 and "cannot listen" in done.stderr
    done = run_podcast("serve", "--site", str(published.site), "--port", "70000")
    assert done.returncode == 2 and "not a port number" in done.stderr and "Traceback" not in done.stderr
