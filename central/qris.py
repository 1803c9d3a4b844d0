"""Dynamic QRIS payloads (EMVCo merchant-presented QR) for the reference central's demo payments.

Each data object is ID (2 digits) + length (2 digits) + value; the string ends with tag 63,
a CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) computed over everything before it including
"6304". The acquirer and merchant identifiers below are demo values, not a real merchant.
"""

from __future__ import annotations

from dataclasses import dataclass


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    if len(tag) != 2 or not tag.isdigit():
        raise ValueError(f"bad tag {tag!r}")
    if not 0 < len(value) <= 99:
        raise ValueError(f"tag {tag}: value length {len(value)} out of 1..99")
    return f"{tag}{len(value):02d}{value}"


@dataclass(frozen=True)
class Merchant:
    name: str = "MPP KOTA BANDUNG"
    city: str = "BANDUNG"
    postal_code: str = "40111"
    nmid: str = "ID1026000000001"  # demo national merchant id
    mcc: str = "9399"  # government services


def dynamic_qris(merchant: Merchant, amount_idr: int, reference: str, terminal_label: str) -> str:
    """The full QR string for one payment of ``amount_idr`` rupiah."""
    if amount_idr <= 0:
        raise ValueError("amount must be positive")
    body = "".join(
        [
            tlv("00", "01"),  # payload format indicator
            tlv("01", "12"),  # point of initiation: dynamic (one payment)
            tlv(
                "26",
                tlv("00", "ID.CO.ANJUNGAN.WWW")
                + tlv("01", "936000000000000001")
                + tlv("02", "DEMO0001")
                + tlv("03", "UMI"),
            ),
            tlv("51", tlv("00", "ID.CO.QRIS.WWW") + tlv("02", merchant.nmid) + tlv("03", "UMI")),
            tlv("52", merchant.mcc),
            tlv("53", "360"),  # IDR
            tlv("54", str(amount_idr)),
            tlv("58", "ID"),
            tlv("59", merchant.name[:25]),
            tlv("60", merchant.city[:15]),
            tlv("61", merchant.postal_code),
            tlv("62", tlv("01", reference[:25]) + tlv("07", terminal_label[:25])),
        ]
    )
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"
