"""Identity from cards and typed numbers: NIK, MRZ, BER-TLV, ICAO 9303 (BAC, secure messaging,
DG1) and card profiles. Pure Python and Qt-free; no pyscard import here — profiles talk to a card
through the small ``CardChannel`` protocol that ``kiosk.devices.card`` implements over PC/SC.

Privacy: nothing in this package logs what it parses. Values leave only inside ``CardIdentity``,
whose ``repr`` is masked.
"""
