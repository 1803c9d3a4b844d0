"""``main.py enrol CODE``: a technician enrols the terminal with a one-time code (no GUI needed).

It lives with the launcher, not with the diagnostics: enrolment writes the terminal's token
(kiosk.admin), which checks that only read must not depend on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.config import ConfigError, load_config


def enrol(config_path: Path, code: str, terminal_id: str | None = None) -> int:
    from kiosk.admin.enrolment import enrol as do_enrol
    from kiosk.api.errors import CentralError

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    try:
        result = do_enrol(config, code, terminal_id)
    except CentralError as exc:
        print(f"enrolment refused or failed: {exc}", file=sys.stderr)
        return 1
    print(f"enrolled as terminal {result.terminal_id}; token written to {result.token_file} (mode 0600)")
    if not result.token_file_configured:
        print(f'add  token_file = "{result.token_file}"  to the [central] table of {config_path}')
    if result.terminal_id != config.central.terminal_id:
        print(f'set  terminal_id = "{result.terminal_id}"  in the [central] table of {config_path}')
    return 0
