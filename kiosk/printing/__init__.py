"""Printer-independent documents (tickets, test pages) and their renderers. Qt-free.

``document`` and ``layouts`` are cheap to import; the renderers import python-escpos, qrcode and
Pillow only inside their functions, so the kiosk start path does not pay for them.
"""
