"""Real servers for the deploy tests, started on loopback by the test: `rclone serve webdav` and `rclone serve
sftp` (Debian's rclone) over a folder of the test's own, each with a user and password, on a free port."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

USER = "producer"
PASSWORD = "s3cret-Hunter2-deploy"
"""Distinctive, so a test can tell that it never appears in the output."""


def rclone() -> str:
    found = shutil.which("rclone")
    if not found:
        pytest.fail("rclone is not installed (scripts/system-packages installs Debian's rclone)")
    return found


def obscured(password: str) -> str:
    """rclone's obscured form of a password, as its connection strings carry it."""
    return subprocess.run([rclone(), "obscure", password], capture_output=True, text=True, check=True).stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def closed_port() -> int:
    """A loopback port nothing listens on (bound and released: the kernel refuses connections to it)."""
    return free_port()


@dataclass(frozen=True)
class Server:
    kind: str
    root: Path
    """The folder the server serves: what the remote holds."""
    port: int
    dest: str
    """The on-the-fly rclone remote for it, password included (obscured, as rclone requires)."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def remote_spec(kind: str, port: int, password: str) -> str:
    secret = obscured(password)
    if kind == "webdav":
        return f":webdav,url='http://127.0.0.1:{port}/',vendor=other,user={USER},pass={secret}:"
    return f":sftp,host=127.0.0.1,port={port},user={USER},pass={secret}:"


def _wait_listening(port: int, process: subprocess.Popen, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"rclone serve exited: {process.stderr.read().decode(errors='replace')}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail(f"rclone serve did not listen on {port} within {timeout_s} s")


@contextmanager
def serve(kind: str, root: Path, work: Path) -> Iterator[Server]:
    """`rclone serve KIND` of `root` on a free loopback port; its host key and cache live in `work`."""
    root.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [rclone(), "serve", kind, str(root), "--addr", f"127.0.0.1:{port}", "--user", USER, "--pass", PASSWORD,
               "--cache-dir", str(work / "cache"), "--config", str(work / "rclone.conf")]
    if kind == "sftp":
        (work / "no-keys").touch()  # password logins only, none from the machine's ~/.ssh
        command += ["--authorized-keys", str(work / "no-keys")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_listening(port, process)
        yield Server(kind, root, port, remote_spec(kind, port, PASSWORD))
    finally:
        process.terminate()
        process.wait(timeout=10)


def tree(root: Path, skip: set[str] = frozenset()) -> dict[str, bytes]:
    """Every file under root (relative path -> bytes), but the named ones."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).as_posix() not in skip}


def touched(root: Path) -> dict[str, tuple[int, int]]:
    """Each file's (inode, ctime): a file the server wrote, replaced or renamed since changes its pair."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_ctime_ns) for p in root.rglob("*")
            if p.is_file()}


def environment(**extra: str) -> dict[str, str]:
    """The test's environment for `podcast deploy`, rclone's config pointed at nothing (no user remotes)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCLONE_")}
    return {**env, "RCLONE_CONFIG": os.devnull, **extra}
