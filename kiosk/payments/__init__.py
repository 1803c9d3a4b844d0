"""QRIS payments for fee services: payload validation, the payment service the flow drives."""
