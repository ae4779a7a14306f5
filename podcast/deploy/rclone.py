"""rclone, the transport of `podcast deploy`: every protocol (S3, GCS, B2, SFTP, WebDAV, a local folder) is
rclone's; this module only runs it, one subprocess per operation, and reads its JSON log for progress,
finished files and errors.

Nothing rclone prints reaches the user as it is: its messages repeat the remote's connection string and its
URLs, `pass=` and SAS signatures included, so every text that names the remote or comes from rclone goes
through `redact` first. The destination and paths are always given after `--`, so none is read as an option."""
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

FIRST_CONTACT = ["--contimeout", "5s", "--timeout", "10s", "--low-level-retries", "1"]
"""The listing that opens a deploy: a closed port, a host that does not answer or a refused login fails it
within seconds (10 s at most for a server that accepts the connection and then says nothing), before
anything is read or sent."""
TRANSFER = ["--contimeout", "5s", "--timeout", "20s", "--low-level-retries", "2", "--retries", "2",
            "--retries-sleep", "1s"]
"""Once the remote has answered: rclone's default of 10 low-level retries and 3 retries would wait minutes
on a connection that dropped; a deploy is resumable, so a transfer that fails is simply run again."""
LOG = ["--use-json-log", "--verbose", "--stats", "500ms", "--stats-log-level", "NOTICE"]
DIRECTORY_NOT_FOUND = 3
"""rclone's exit code when the remote folder does not exist yet (a first deploy)."""
SECRET_PARAMETER = re.compile(r"(?i)\b([\w-]*(?:pass|secret|token|key|sig|sas|credential|bearer)[\w-]*)\s*=\s*"
                              r"('[^']*'|\"[^\"]*\"|[^,:&\s'\"]*)")
"""`pass=...`, `password=`, `secret_access_key=`, `token=`, `key_pem=`, `sig=`, `sas_url=` ... in a
connection string or a URL's query."""
URL_PASSWORD = re.compile(r"(://[^/:@\s'\"]+):[^/@\s'\"]+@")
URL_QUERY = re.compile(r"(://[^?\s'\"]*)\?[^\s'\"]+")
"""A URL's query string, whatever its parameters are called: tokens and signatures travel there."""
SECRET_ENVIRONMENT = re.compile(r"^RCLONE_\w*(?:PASS|SECRET|TOKEN|KEY|SIG|SAS|CREDENTIAL|BEARER)\w*$")
UNREACHABLE = re.compile(r"connection refused|no such host|i/o timeout|network is unreachable|no route to host|"
                         r"connection reset|context deadline exceeded|dial tcp|timeout|handshake failed|EOF",
                         re.IGNORECASE)
LOGIN_REFUSED = re.compile(r"\b40[13]\b|unauthori[sz]ed|forbidden|unable to authenticate|authentication failed|"
                           r"permission denied|access denied|invalid.*credentials", re.IGNORECASE)
UNKNOWN_REMOTE = "didn't find section in config file"
"""rclone's words for a `name:` it has no remote of that name for."""
FILESYSTEM_PREFIX = re.compile(r"^.*?Failed to create file system for \"[^\"]*\":\s*")
LOG_PREFIX = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (?:[A-Z]+\s*:\s*)?(?:Failed to \w+ with \d+ errors?: "
                        r"last error was: )?")


def redact(text: str, secrets: list[str]) -> str:
    """Text with every password, key and token hidden: the literal values of `secrets` (as given, which
    covers rclone's obscured form), parameters named like a secret, the password of a URL and any URL's
    query string. The one function every message naming the remote or relaying rclone passes through."""
    for secret in sorted({s for s in secrets if len(s) >= 3}, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = URL_QUERY.sub(r"\1?***", text)
    text = SECRET_PARAMETER.sub(lambda m: f"{m.group(1)}=***", text)
    return URL_PASSWORD.sub(r"\1:***@", text)


def secrets_of(dest: str, environ: dict[str, str]) -> list[str]:
    """The secret values a destination may carry: those of its connection string and of rclone's environment
    (parameters named like a secret, URL passwords, URL query strings), and every RCLONE_*PASS*-like value."""
    texts = [dest, *(value for name, value in environ.items() if name.startswith("RCLONE_"))]
    values = []
    for text in texts:
        values += [m.group(2).strip("'\"") for m in SECRET_PARAMETER.finditer(text)]
        values += [m.group(0).split(":", 2)[-1].rstrip("@") for m in URL_PASSWORD.finditer(text)]
        values += [m.group(0).split("?", 1)[1] for m in URL_QUERY.finditer(text)]
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

    def _start(self, operation: str, options: list[str], paths: list[str], limits: list[str] = TRANSFER,
               stdin=subprocess.DEVNULL) -> subprocess.Popen:
        """rclone OPERATION with the options, then `--` and the paths: a destination or folder that starts
        with `-` is a path, never an option."""
        return subprocess.Popen([self.executable, operation, *options, *limits, *LOG, "--", *paths], stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.environ,
                                preexec_fn=_die_with_parent)

    def _run(self, operation: str, options: list[str], paths: list[str], data: bytes | None = None,
             missing_ok: bool = False, limits: list[str] = TRANSFER) -> bytes:
        process = self._start(operation, options, paths, limits,
                              stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL)
        out, err = process.communicate(data)
        if process.returncode == DIRECTORY_NOT_FOUND and missing_ok:
            return b""
        if process.returncode:
            self._fail(err.decode("utf-8", "replace").splitlines(), operation)
        return out

    def _fail(self, log_lines: list[str], operation: str):
        logged = [entry["msg"].strip() for line in log_lines if (entry := _json(line))
                  and entry.get("level") in ("error", "critical") and entry.get("msg")]
        final = [text for line in log_lines if not _json(line) and (text := _plain_message(line))]
        detail = redact((logged or final or [f"rclone {operation} failed"])[-1], self._secrets)
        if UNKNOWN_REMOTE in detail:
            name = self.display.split(":", 1)[0]
            raise PublishError(f"{self.display}: rclone has no remote named {name!r} ({UNKNOWN_REMOTE}); set one up "
                               f"with `rclone config` (`rclone listremotes` lists those there are), or give a local "
                               f"folder or an on-the-fly remote (:webdav,url=...:path)")
        if LOGIN_REFUSED.search(detail):
            raise PublishError(f"{self.display} refused the login ({detail})")
        if UNREACHABLE.search(detail):
            raise PublishError(f"{self.display} cannot be reached ({detail})")
        raise PublishError(f"{self.display}: rclone {operation} failed ({detail})")

    def list_sizes(self) -> dict[str, int]:
        """Every file under the destination with its size; empty when the folder does not exist yet. The
        first contact with the remote, so it fails fast (FIRST_CONTACT)."""
        out = self._run("lsjson", ["--recursive", "--files-only", "--no-modtime", "--no-mimetype"], [self.dest],
                        missing_ok=True, limits=FIRST_CONTACT)
        return {entry["Path"]: entry["Size"] for entry in json.loads(out or b"[]")}

    def read(self, path: str) -> bytes:
        return self._run("cat", [], [join(self.dest, path)])

    def write(self, path: str, data: bytes) -> None:
        """Replace one small file: upload beside it, then rename over it (one step on every backend that
        renames; the others copy), so a deploy killed mid-write leaves the old file whole. The rename is
        unconditional (--ignore-times): rclone would otherwise skip it when the old file has the same size,
        and WebDAV would keep serving an edited feed's previous text."""
        partial = f"{path}.partial"
        self._run("rcat", [], [join(self.dest, partial)], data=data)
        self._run("moveto", ["--ignore-times"], [join(self.dest, partial), join(self.dest, path)])

    def delete(self, paths: list[str]) -> None:
        if paths:
            self._run("delete", ["--files-from-raw", "-"], [self.dest], data="".join(f"{p}\n" for p in paths).encode())

    def copy(self, site: Path, paths: list[str], on_stats: Callable[[Stats], None],
             on_copied: Callable[[str], None]) -> None:
        """Send these files of the site (paths relative to it), whatever the remote holds under their names
        (the caller decided they changed), reporting progress and each file once it is complete."""
        process = self._start("copy", ["--files-from-raw", "-", "--ignore-times", "--no-traverse"],
                              [str(site), self.dest], stdin=subprocess.PIPE)
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
