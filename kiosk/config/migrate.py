"""Moves an existing terminal's token out of the config folder (run as root by install/upgrade).

Before the config folder became root's and read-only to the kiosk, the token lived beside the
config (``/etc/anjungan/terminal.token``) and the config named it there. The kiosk must be able to
replace its token (enrolment and rotation from the admin screen write a new file next to the old
one), so the token moves into the kiosk's data folder and the config's ``central.token_file`` is
changed to match, keeping the file's comments and layout. Running it again changes nothing.

    python -m kiosk.config.migrate /etc/anjungan/kiosk.toml
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from kiosk.atomic_file import atomic_write

TOKEN_NAME = "terminal.token"


def _data_directory(raw: dict[str, Any], config_path: Path) -> Path:
    directory = Path(str(raw.get("data", {}).get("directory", "var")))
    return directory if directory.is_absolute() else (config_path.parent / directory).resolve()


def migrate_token_location(config_path: Path) -> list[str]:
    """Moves the token named by the config out of the config's folder. Returns what was done."""
    from kiosk.admin.toml_edit import set_value

    text = config_path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []  # check-config names that; nothing is moved on a guess
    central = raw.get("central")
    token_file = central.get("token_file") if isinstance(central, dict) else None
    if not isinstance(token_file, str):
        return []
    old = Path(token_file)
    if not old.is_absolute():
        old = config_path.parent / old
    if old.resolve().parent != config_path.parent.resolve():
        return []
    data_dir = _data_directory(raw, config_path)
    new = data_dir / TOKEN_NAME
    done = []
    if old.exists():
        token = old.read_bytes()
        # The token the config named is the one in use: it wins over any file already there.
        if token.strip() or not new.exists():
            atomic_write(new, token, mode=0o600)
        if data_dir.exists():
            owner = data_dir.stat()
            os.chown(new, owner.st_uid, owner.st_gid)  # the kiosk account owns its data folder
        old.unlink()
        done.append(f"token moved from {old} to {new}")
    mode = config_path.stat().st_mode & 0o777
    atomic_write(config_path, set_value(text, "central.token_file", str(new)).encode("utf-8"), mode=mode)
    done.append(f"{config_path}: central.token_file = {new}")
    return done


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m kiosk.config.migrate CONFIG_FILE", file=sys.stderr)
        return 2
    for line in migrate_token_location(Path(args[0])):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
