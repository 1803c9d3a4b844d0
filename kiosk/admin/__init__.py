"""Staff and technician mode, Qt-free: PINs, roles, settings editing, per-kiosk state.

Import the submodules directly (``kiosk.admin.pin``, ``kiosk.admin.controller`` ...): the config
models import ``kiosk.admin.settings``, so this package must stay light.
"""
