"""Atomic writes: a file is replaced whole, a directory is swapped in whole.

Readers see the old content or the new one, never a half-written file and never a missing
directory: files go through a temporary sibling and `os.replace`; directories are built in
a staging sibling and exchanged with the target in one `renameat2(RENAME_EXCHANGE)` call
(Linux), so the target path exists at every instant.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> write_text(root / "a.txt", "one") == root / "a.txt"
True
>>> staged = staging_dir(root / "site")
>>> _ = write_text(staged / "index.html", "new")
>>> (swap_in(staged, root / "site") / "index.html").read_text()
'new'
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
from pathlib import Path

__all__ = ["inside", "staging_dir", "swap_in", "write_bytes", "write_text"]

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def write_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary sibling of `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """`write_bytes` for text."""
    return write_bytes(path, text.encode(encoding))


def inside(root: Path, relative: str) -> Path:
    """`root / relative`, refused (ValueError) unless it stays under `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()) or target == root.resolve():
        raise ValueError(f"refusing to write {relative!r} outside {root}")
    return target


def staging_dir(target: Path) -> Path:
    """A fresh sibling of `target` to build into; stale ones of dead processes are removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    staged = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(staged, ignore_errors=True)
    return staged


def swap_in(staged: Path, target: Path) -> Path:
    """Replace `target` by `staged`; `target` never goes missing where the OS can exchange."""
    if target.exists() and _exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)  # now holds the previous tree
        return target
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():  # no atomic exchange here: two renames, a moment without target
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one system call (Linux renameat2); False where unsupported."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _remove_stale(target: Path) -> None:
    """Remove `.name.tmp-PID` / `.name.old-PID` siblings whose process is gone; an `.old`
    one whose target is missing (killed between the two renames of `swap_in`) is put back."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(tmp|old)-(\d+)$")
    for sibling in sorted(target.parent.iterdir()):
        match = pattern.match(sibling.name)
        if match and not _alive(int(match.group(2))):
            if match.group(1) == "old" and not target.exists():
                sibling.rename(target)  # killed between the two renames: the old one is back
                continue
            with contextlib.suppress(OSError):
                shutil.rmtree(sibling) if sibling.is_dir() else sibling.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftover from an earlier attempt
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
