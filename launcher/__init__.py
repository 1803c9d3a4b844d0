"""Command-line entry points and the demo set-up: the one layer that may wire everything
together, the reference central service included (``kiosk`` itself never imports ``central``)."""
