"""One build at a time writes into a site: an advisory lock on SITE/.lock, held while publishing.

Written on fcntl.flock rather than the filelock package because the lock must also be taken on a site whose
files cannot be written (the failure is then reported as the site's, in one line) and must say which
process holds it; the kernel drops the lock when its holder dies, even by SIGKILL, so it never goes stale."""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import PublishError

LOCK_NAME = ".lock"
WAIT_S = 600.0
"""How long a build waits for another one to finish publishing into the same site before giving up."""
POLL_S = 0.1

log = logging.getLogger("podcast")


def _holder(fd: int) -> str:
    """The pid the current holder wrote into the lock file, for the message; empty if unknown."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextmanager
def site_lock(site: Path, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold SITE/.lock for the duration of the block; wait (saying so) while another build holds it, and
    raise PublishError if it is still held after wait_s or the site cannot be written at all."""
    try:
        site.mkdir(parents=True, exist_ok=True)
        fd = os.open(site / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise PublishError(f"{e.filename or site}: cannot write the site ({e.strerror}); "
                           f"the published feed is unchanged") from None
    try:
        deadline = time.monotonic() + wait_s
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise
            if not waiting:
                log.info("%s: another build%s is publishing into this site; waiting for it", site, _holder(fd))
                waiting = True
            if time.monotonic() >= deadline:
                raise PublishError(f"{site}: another build{_holder(fd)} is still publishing into this site after "
                                   f"{wait_s:.0f} s; nothing was changed, try again when it has finished")
            time.sleep(POLL_S)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # the pid only names the holder in another build's message; a full disk must not stop us here
        yield
    finally:
        os.close(fd)
