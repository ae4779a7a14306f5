"""rclone, the transport of `podcast deploy`: every protocol (S3, GCS, B2, SFTP, WebDAV, a local folder) is
rclone's; this module only runs it, one subprocess per operation, and reads its JSON log for progress,
finished files and errors.

Nothing rclone prints reaches the user as it is: its messages repeat the remote's connection string,
`pass=` included, so every text taken from it goes through `redact` first."""
from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import PublishError

QUICK_FAILURE = ["--contimeout", "5s", "--timeout", "20s", "--low-level-retries", "2", "--retries", "2",
                 "--retries-sleep", "1s"]
"""A remote that cannot be reached or refuses the login fails within seconds instead of rclone's default of
10 low-level retries and 3 retries (45 s or more on a closed port); a deploy is resumable, so a transfer
that fails is simply run again."""
LOG = ["--use-json-log", "--verbose", "--stats", "500ms", "--stats-log-level", "NOTICE"]
DIRECTORY_NOT_FOUND = 3
"""rclone's exit code when the remote folder does not exist yet (a first deploy)."""
SECRET_PARAMETER = re.compile(r"(?i)\b([\w-]*(?:pass|secret|token|key)[\w-]*)\s*=\s*('[^']*'|\"[^\"]*\"|[^,:\s'\"]*)")
"""`pass=...`, `password=`, `secret_access_key=`, `token=`, `key_pem=` ... in a connection string."""
URL_PASSWORD = re.compile(r"(://[^/:@\s]+):[^/@\s]+@")
SECRET_ENVIRONMENT = re.compile(r"^RCLONE_\w*(?:PASS|SECRET|TOKEN|KEY)\w*$")
UNREACHABLE = re.compile(r"connection refused|no such host|i/o timeout|network is unreachable|no route to host|"
                         r"connection reset|context deadline exceeded|dial tcp|EOF", re.IGNORECASE)
LOGIN_REFUSED = re.compile(r"\b40[13]\b|unauthori[sz]ed|forbidden|unable to authenticate|authentication failed|"
                           r"permission denied|access denied|invalid.*credentials", re.IGNORECASE)
FILESYSTEM_PREFIX = re.compile(r"^.*?Failed to create file system for \"[^\"]*\":\s*")
LOG_PREFIX = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (?:[A-Z]+\s*:\s*)?(?:Failed to \w+ with \d+ errors?: "
                        r"last error was: )?")


def redact(text: str, secrets: list[str]) -> str:
    """Text with every password, key and token hidden: parameters named like a secret, the password of a
    URL, and the literal values of `secrets` (as given, which covers rclone's obscured form)."""
    for secret in sorted({s for s in secrets if len(s) >= 3}, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = SECRET_PARAMETER.sub(lambda m: f"{m.group(1)}=***", text)
    return URL_PASSWORD.sub(r"\1:***@", text)


def secrets_of(dest: str, environ: dict[str, str]) -> list[str]:
    """The secret values a destination may carry: its connection string's, and rclone's environment's."""
    values = [m.group(2).strip("'\"") for m in SECRET_PARAMETER.finditer(dest)]
    values += [m.group(0).split(":", 2)[-1].rstrip("@") for m in URL_PASSWORD.finditer(dest)]
    return values + [value for name, value in environ.items() if SECRET_ENVIRONMENT.match(name)]


def join(dest: str, path: str) -> str:
    """A path under the destination: `remote:` + `a/b`, `remote:dir` + `/a/b`, `/folder` + `/a/b`."""
    return dest + path if dest.endswith(":") else dest.rstrip("/") + "/" + path


def _die_with_parent() -> None:
    """Run in the child before exec: the kernel kills rclone if `podcast` dies, even by SIGKILL, so no
    orphaned upload keeps running after its deploy is gone (the rerun would race it)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


@dataclass(frozen=True)
class Stats:
    """rclone's running totals for the current transfer."""

    bytes: int
    """Bytes sent so far."""
    transfers: int
    """Files finished so far."""


@dataclass
class Rclone:
    """One destination, driven through the `rclone` command."""

    dest: str
    """As the user gave it: `name:path`, an on-the-fly `:backend,opt=...:path`, or a local folder."""
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    executable: str = field(init=False)

    def __post_init__(self) -> None:
        found = shutil.which("rclone", path=self.environ.get("PATH"))
        if not found:
            raise PublishError("rclone not found: install it (Debian: apt-get install rclone; "
                               "scripts/system-packages does)")
        self.executable = found
        self._secrets = secrets_of(self.dest, self.environ)

    @property
    def display(self) -> str:
        """The destination as it may be printed: credentials hidden."""
        return redact(self.dest, self._secrets)

    def _start(self, args: list[str], stdin=subprocess.DEVNULL) -> subprocess.Popen:
        return subprocess.Popen([self.executable, *args, *QUICK_FAILURE, *LOG], stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.environ,
                                preexec_fn=_die_with_parent)

    def _run(self, args: list[str], data: bytes | None = None, missing_ok: bool = False) -> bytes:
        process = self._start(args, stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL)
        out, err = process.communicate(data)
        if process.returncode == DIRECTORY_NOT_FOUND and missing_ok:
            return b""
        if process.returncode:
            self._fail(err.decode("utf-8", "replace").splitlines(), args[0])
        return out

    def _fail(self, log_lines: list[str], operation: str):
        logged = [entry["msg"].strip() for line in log_lines if (entry := _json(line))
                  and entry.get("level") in ("error", "critical") and entry.get("msg")]
        final = [text for line in log_lines if not _json(line) and (text := _plain_message(line))]
        detail = redact((logged or final or [f"rclone {operation} failed"])[-1], self._secrets)
        if LOGIN_REFUSED.search(detail):
            raise PublishError(f"{self.display} refused the login ({detail})")
        if UNREACHABLE.search(detail):
            raise PublishError(f"{self.display} cannot be reached ({detail})")
        raise PublishError(f"{self.display}: rclone {operation} failed ({detail})")

    def list_sizes(self) -> dict[str, int]:
        """Every file under the destination with its size; empty when the folder does not exist yet."""
        out = self._run(["lsjson", "--recursive", "--files-only", "--no-modtime", "--no-mimetype", self.dest],
                        missing_ok=True)
        return {entry["Path"]: entry["Size"] for entry in json.loads(out or b"[]")}

    def read(self, path: str) -> bytes:
        return self._run(["cat", join(self.dest, path)])

    def write(self, path: str, data: bytes) -> None:
        """Replace one small file: upload beside it, then rename over it (one step on every backend that
        renames; the others copy), so a deploy killed mid-write leaves the old file whole."""
        partial = f"{path}.partial"
        self._run(["rcat", join(self.dest, partial)], data=data)
        self._run(["moveto", join(self.dest, partial), join(self.dest, path)])

    def delete(self, paths: list[str]) -> None:
        if paths:
            self._run(["delete", self.dest, "--files-from-raw", "-"], data="".join(f"{p}\n" for p in paths).encode())

    def copy(self, site: Path, paths: list[str], on_stats: Callable[[Stats], None],
             on_copied: Callable[[str], None]) -> None:
        """Send these files of the site (paths relative to it), whatever the remote holds under their names
        (the caller decided they changed), reporting progress and each file once it is complete."""
        process = self._start(["copy", str(site), self.dest, "--files-from-raw", "-", "--ignore-times",
                               "--no-traverse"], stdin=subprocess.PIPE)
        process.stdin.write("".join(f"{p}\n" for p in paths).encode())
        process.stdin.close()
        seen = []
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace")
            seen.append(line)
            entry = _json(line)
            if entry.get("stats"):
                on_stats(Stats(int(entry["stats"].get("bytes", 0)), int(entry["stats"].get("transfers", 0))))
            elif entry.get("msg", "").startswith("Copied") and entry.get("object"):
                on_copied(entry["object"])
        process.stdout.read()
        if process.wait():
            self._fail(seen, "copy")


def _json(line: str) -> dict:
    try:
        entry = json.loads(line)
    except ValueError:
        return {}
    return entry if isinstance(entry, dict) else {}


def _plain_message(line: str) -> str:
    """rclone's last words (not JSON), without its prefixes: the time, and the connection string."""
    return FILESYSTEM_PREFIX.sub("", LOG_PREFIX.sub("", line.strip()))
