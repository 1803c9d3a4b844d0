"""The Qt shell: screens render ``FlowView`` and emit intents. No I/O happens here."""
