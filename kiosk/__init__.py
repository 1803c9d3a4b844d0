"""Anjungan: the Qt-free core of the self-service kiosk.

Nothing under ``kiosk`` except ``kiosk.ui`` may import Qt; ``tests/test_layering.py`` enforces it.
"""

__version__ = "0.1.0"
