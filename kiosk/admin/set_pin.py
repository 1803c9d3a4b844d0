"""``python -m kiosk.admin.set_pin --config FILE ROLE``: set a PIN (typed twice, not echoed)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from kiosk.admin.demo_pin import pin_file_for
from kiosk.admin.pin import ROLES, PinInUse, PinStore, valid_pin
from kiosk.config import ConfigError, load_config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.admin.set_pin")
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("role", choices=ROLES)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    pin = getpass.getpass(f"New {args.role} PIN (4-12 digits): ")
    if not valid_pin(pin) or getpass.getpass("Again: ") != pin:
        print("PINs differ or are not 4-12 digits; nothing changed", file=sys.stderr)
        return 2
    store = PinStore(pin_file_for(config))
    try:
        store.set_pin(args.role, pin)
    except PinInUse as exc:
        print(f"{exc}; nothing changed", file=sys.stderr)
        return 2
    print(f"{args.role} PIN set in {store.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
