"""The citizen's path through the kiosk as data: steps, transitions, guards (no Qt)."""
