"""Shared PC/SC test harness: Debian's pcscd + vsmartcard's vpcd driver + virtual cards in Python.

``fixtures.py`` starts pcscd (loopback only) and exposes ``pcsc_stack``; ``vpcd.py`` speaks the
vpcd socket protocol; ``cards.py`` holds the virtual cards.
"""
