"""Keeping the kiosk's copy of the catalogue and queue lengths fresh."""
