"""ICAO 9303 eMRTD access: BAC (Part 11 §4.3), secure messaging (§9.8), LDS files and DG1."""
