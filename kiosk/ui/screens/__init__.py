"""One screen per flow step. Each draws a ``FlowView`` and emits intents; none does I/O."""
