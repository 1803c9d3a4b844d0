"""Threads and timing shared by services and devices (Qt-free)."""
