"""Anjungan: the Qt-free core of the self-service kiosk.

Nothing under ``kiosk`` except ``kiosk.ui`` may import Qt; ``tests/test_layering.py`` enforces it.
"""

from pathlib import Path

# Without a release build (a checkout, the tests) the version of pyproject.toml; a release built
# by deploy/build-release.sh carries its own (from the git tag or commit) in a VERSION file at
# the top of the tree, and diagnose, the heartbeat and so the fleet page show that one.
DEVELOPMENT_VERSION = "0.1.0"


def read_release_version(tree: Path) -> str:
    try:
        text = (tree / "VERSION").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return DEVELOPMENT_VERSION
    # One short token (deploy/build-release.sh writes nothing else): never a whole file on screen.
    return text if text and len(text) <= 64 and text.isprintable() and " " not in text else DEVELOPMENT_VERSION


__version__ = read_release_version(Path(__file__).resolve().parent.parent)
