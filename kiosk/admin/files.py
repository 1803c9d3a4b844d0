"""Writing small files so that a power cut never leaves a half-written one behind.

Every file here is written to a temporary name in the same folder, fsynced, then renamed over the
old one (rename is atomic on POSIX file systems), and the folder is fsynced so the rename itself
survives. Files that hold secrets (PIN hashes) are created 0600 from their first byte.
"""

from __future__ import annotations

import os
from pathlib import Path


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600, backup: bool = False) -> None:
    """Replace ``path`` with ``data``; with ``backup`` the previous content is kept as ``path.bak``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup and path.exists():
        # The backup is itself written atomically, before the new file replaces the old one,
        # so at every instant either the old or the new config exists in full.
        atomic_write(path.with_name(path.name + ".bak"), path.read_bytes(), mode=path.stat().st_mode & 0o777)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.fchmod(fd, mode)  # an older tmp file left by a crash could carry wider permissions
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)
