"""Atomic output: a build writes into a staging folder next to ``site/`` and swaps it in.

A build that fails, or is killed half-way (Ctrl+C, SIGTERM from CI), leaves the previous
``site/`` exactly as it was; only a finished build replaces it. The staging folder sits next
to ``site/`` (same file system), so the swap is a rename, not a copy: on Linux one atomic
exchange of the two folders (``renameat2(RENAME_EXCHANGE)``), elsewhere two renames.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_STAGING = ".{name}.building-{pid}"
_OLD = ".{name}.previous-{pid}"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir(site_dir: Path) -> Path:
    """Where this process builds the site before it replaces ``site_dir``."""
    return site_dir.parent / _STAGING.format(name=site_dir.name, pid=os.getpid())


def remove_stale(site_dir: Path) -> None:
    """Staging folders of builds that were killed (their process is gone)."""
    prefixes = (f".{site_dir.name}.building-", f".{site_dir.name}.previous-")
    if not site_dir.parent.is_dir():
        return
    for path in site_dir.parent.iterdir():
        pid = next((path.name.removeprefix(p) for p in prefixes
                    if path.name.startswith(p)), None)
        if pid and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier build of this very process (serve, tests): done with it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make ``staging`` the site: ``site_dir`` holds the new build, the old one is gone."""
    if not staging.is_dir():
        staging.mkdir(parents=True)  # a site without a single file: still a site
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging)  # now holds the previous site
        return
    old = site_dir.parent / _OLD.format(name=site_dir.name, pid=os.getpid())
    site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux 3.15+, glibc 2.28+); False where unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    return result == 0
