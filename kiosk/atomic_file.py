"""Writing small files so that a power cut never leaves a half-written one behind.

The one writer for the kiosk's state files (PINs, admin state, the edited configuration, the
terminal token, the catalogue cache, the crash markers). The data goes to a fresh temporary file
in the same folder (mkstemp: unique, so two writers never share it, and 0600 from its first byte),
is fsynced, gets its final mode, is renamed over the old file (atomic on POSIX file systems), and
the folder is fsynced so that the rename itself survives a power cut.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600, backup: bool = False) -> None:
    """Replace ``path`` with ``data`` (file mode ``mode``); with ``backup`` the previous content
    is kept as ``path.bak``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup and path.exists():
        # The backup is itself written atomically, before the new file replaces the old one,
        # so at every instant either the old or the new file exists in full.
        atomic_write(path.with_name(path.name + ".bak"), path.read_bytes(), mode=path.stat().st_mode & 0o777)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, mode)  # explicit: the umask must not narrow a 0644 config either
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
