"""Reference central service for demos, training and tests (FastAPI + SQLite on loopback).

May import ``kiosk.contract``; nothing under ``kiosk`` imports this package.
"""
