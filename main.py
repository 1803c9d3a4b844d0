#!/usr/bin/env python3
"""Anjungan kiosk. Commands: run (default), demo, check-config, central. See README.md."""

import sys

from launcher.cli import main

if __name__ == "__main__":
    sys.exit(main())
