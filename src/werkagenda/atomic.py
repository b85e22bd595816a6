"""Atomic replacement of a generated directory: build beside it, then swap it in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(target: Path) -> Path:
    """A fresh, empty-to-be sibling of `target` to write into (removed if left over)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(staged, ignore_errors=True)
    return staged


def swap_in(staged: Path, target: Path) -> Path:
    """Replace `target` by `staged` with two renames, so readers never see a half-written tree."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target
