"""PostgreSQL's client programs (pg_dump, pg_restore) for backups, and how to hand them a
connection without putting the password on a command line (where ``ps`` shows it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class ToolMissing(RuntimeError):
    pass


def pg_binary(name: str) -> str:
    """The newest installed ``name`` (Debian keeps one folder per major version; pg_dump must be
    at least as new as the server), else the one on PATH."""
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_major, reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} not found: install Debian's postgresql-client")
    return found


def _major(folder: Path) -> int:
    try:
        return int(folder.parent.name)
    except ValueError:
        return 0


def connection(url: str) -> tuple[str, dict[str, str]]:
    """(conninfo without the password, environment with PGPASSWORD if the URL had one)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(url)
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    password = params.pop("password", None)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**{k: str(v) for k, v in params.items() if v is not None}), env
