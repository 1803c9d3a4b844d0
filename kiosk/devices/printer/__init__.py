"""Thermal printer device: settings, transports, real-time status, the service, virtual printers.

``PrinterService`` is the only entry point the rest of the kiosk needs; it owns one worker
thread and answers with ``concurrent.futures.Future`` objects. Qt-free.
"""
