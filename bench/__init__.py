"""Benchmarks: each module's ``run()`` returns figures; ``python -m bench`` prints them all."""
