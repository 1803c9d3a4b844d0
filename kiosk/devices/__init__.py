"""Device services (printer, card reader) and their virtual twins. Qt-free.

Each device owns one ``kiosk.runtime.worker.Worker``; all its I/O runs there. Nothing here imports
``kiosk.ui``: results leave as ``concurrent.futures.Future`` objects and plain callbacks.
"""
