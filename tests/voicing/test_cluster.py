"""Voicing on a real two-node Ray cluster on loopback: same bytes as a local build, and a node that dies
mid-build loses nothing but its tasks in flight, which Ray retries on the other node."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.support.show import CORPUS, REPO, copy_show, make_episode, run_podcast

pytestmark = [pytest.mark.slow, pytest.mark.cluster]

HEAD_IP, WORKER_IP = "127.0.0.2", "127.0.0.3"
"""Loopback addresses (the whole 127/8 is this machine's): Ray swaps a literal 127.0.0.1 for the machine's
outward address, so the cluster is pinned to other loopback addresses instead."""
RAY = str(Path(sys.executable).parent / "ray")
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def alive_nodes(address: str) -> int:
    code = ("import ray; ray.init(address=%r, logging_level='ERROR', log_to_driver=False); "
            "print(sum(n['Alive'] for n in ray.nodes()))" % address)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=120)
    return int(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else 0


def start_worker_node(address: str) -> None:
    subprocess.run([RAY, "start", f"--address={address}", f"--node-ip-address={WORKER_IP}", "--num-cpus=1"],
                   check=True, capture_output=True, env=ENV, timeout=120)


def kill_worker_node() -> int:
    """SIGKILL the second node's processes (its raylet and everything under it); returns how many died."""
    victims = set()
    for proc in psutil.process_iter(["cmdline"]):
        if any(WORKER_IP in part for part in proc.info["cmdline"] or []):
            victims.add(proc)
            victims.update(proc.children(recursive=True))
    for proc in victims:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    return len(victims)


@pytest.fixture(scope="module")
def cluster():
    """A head node and a worker node, one CPU each, started with `ray start`; stopped afterwards."""
    address = f"{HEAD_IP}:{free_port(HEAD_IP)}"
    subprocess.run([RAY, "start", "--head", f"--node-ip-address={HEAD_IP}", f"--port={address.split(':')[1]}",
                    "--num-cpus=1", "--include-dashboard=false", "--disable-usage-stats"],
                   check=True, capture_output=True, env=ENV, timeout=120)
    try:
        start_worker_node(address)
        deadline = time.monotonic() + 60
        while alive_nodes(address) < 2:
            assert time.monotonic() < deadline, "the second node never joined"
            time.sleep(1)
        yield address
    finally:
        subprocess.run([RAY, "stop", "--force"], capture_output=True, env=ENV, timeout=120)


@pytest.fixture(scope="module")
def show(tmp_path_factory) -> Path:
    """A show with two real corpus issues: AN #99 (flattened text) and AN #93 (Markdown)."""
    root = copy_show(tmp_path_factory.mktemp("show"))
    make_episode(root / "episodes" / "099", 99, (CORPUS / "an-099.txt").read_text(), "AN #99: Doubling times")
    folder = root / "episodes" / "093"
    folder.mkdir()
    shutil.copy(CORPUS / "an-093.md", folder / "issue.md")
    (folder / "episode.toml").write_text('number = 93\ntitle = "AN #93: The Precipice"\ndate = 2020-04-01\n')
    return root


def build(show: Path, name: str, *extra: str) -> tuple[Path, Path, float]:
    site, cache = show / name / "public", show / name / "cache"
    started = time.perf_counter()
    done = run_podcast("build", str(show / "episodes" / "099"), str(show / "episodes" / "093"), "--site", str(site),
                       "--cache", str(cache), *extra, env=ENV)
    assert done.returncode == 0, done.stderr
    return site, cache, time.perf_counter() - started


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mp3s(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(site.glob("episodes/*/*.mp3"))}


@pytest.fixture(scope="module")
def local_build(show):
    """The same two issues built on this machine alone: the reference."""
    return build(show, "local", "--jobs", "2")


def test_cluster_build_is_byte_identical_to_a_local_build(cluster, show, local_build):
    local_site, local_cache, local_s = local_build
    ray_site, ray_cache, ray_s = build(show, "ray", "--executor", "ray", "--ray-address", cluster)
    print(f"two issues: local {local_s:.1f} s, two-node Ray cluster {ray_s:.1f} s")
    assert len(mp3s(local_site)) == 2
    assert mp3s(ray_site) == mp3s(local_site)
    segments = tree(local_cache / "segments")
    assert len(segments) >= 40  # both issues' segments, not an empty cache
    assert tree(ray_cache / "segments") == segments
    assert tree(ray_cache / "pieces") == tree(local_cache / "pieces")


def test_a_node_killed_mid_build_loses_nothing(cluster, show, local_build):
    """Kill the second node once the first segments are back: its tasks in flight are retried on the head,
    the build completes, and the episode is the same as a local build's."""
    site, cache = show / "killed" / "public", show / "killed" / "cache"
    build_cmd = [sys.executable, "-m", "podcast", "build", str(show / "episodes" / "099"), "--site", str(site),
                 "--cache", str(cache), "--executor", "ray", "--ray-address", cluster]
    process = subprocess.Popen(build_cmd, cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        while not any((cache / "segments").rglob("*.npz")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no segment came back from the cluster"
            time.sleep(0.05)
        assert kill_worker_node() > 0
        out, err = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert alive_nodes(cluster) == 1
    [ours] = mp3s(site).values()
    assert ours in mp3s(local_build[0]).values()
    start_worker_node(cluster)  # leave the cluster as the fixture made it
