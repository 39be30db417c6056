"""What kind of sender a text came from, and how to show a number without exposing it.

Organisations text from short codes (``72975``) or alphanumeric sender ids (``ACME-IT``,
``Santander``); ordinary people, and smishers on SIM farms, from full phone numbers; bulk
smishers also from e-mail addresses through iMessage or carriers' e-mail-to-SMS gateways.

Phone numbers are personal data: evidence and logs show them only through
:func:`mask_phone` (the last two digits), e-mail addresses through :func:`mask_sender`.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = ["SenderKind", "classify_sender", "mask_phone", "mask_sender"]

MASK = "•"


class SenderKind(StrEnum):
    """How a sender is written, which says what kind of sender it is."""

    SHORT_CODE = "short_code"  # 3-6 digits: 72975, 22395
    ALPHANUMERIC = "alphanumeric"  # a sender id with a letter, 2-11 characters: ACME-IT
    MOBILE = "mobile"  # a full phone number (mobile or landline; not told apart offline)
    EMAIL = "email"  # iMessage or e-mail-to-SMS: someone@example.com
    UNKNOWN = "unknown"  # written, but none of the above (7-8 digits, long text, …)
    NONE = "none"  # no sender given


# Phone numbers as people and phones write them: +1 (555) 201-3344, 0034 612 345 678,
# 612.345.678. A "+" only in front.
_PHONE = re.compile(r"\+?[0-9 \t().\-/]+")
_DIGITS = frozenset("0123456789")
_NOT_DIGIT = re.compile(r"[^0-9]")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@.]{2,}")
# GSM alphanumeric sender ids are at most 11 characters: letters, digits, a few signs.
_ALPHANUMERIC_SIGNS = frozenset(" -._&'!+")
_SCHEMES = ("tel:", "sms:", "mailto:")


def _strip(sender: str) -> str:
    text = sender.strip()
    if ":" in text:
        lowered = text.lower()
        for scheme in _SCHEMES:
            if lowered.startswith(scheme):
                return text[len(scheme) :].strip()
    return text


def _number_kind(text: str, digits: str) -> SenderKind:
    """The kind of a sender written only with digits and phone punctuation."""
    if text.startswith("+"):
        international = True
    elif digits.startswith("00") and len(digits) > 8:
        international, digits = True, digits[2:]
    else:
        international = False
    if international:
        return SenderKind.MOBILE if 8 <= len(digits) <= 15 else SenderKind.UNKNOWN
    if 3 <= len(digits) <= 6:
        return SenderKind.SHORT_CODE
    # National numbers: 9 digits in Spain, 10 in the US and Mexico, 11 in the UK.
    if 9 <= len(digits) <= 15:
        return SenderKind.MOBILE
    return SenderKind.UNKNOWN


def classify_sender(sender: str | None) -> SenderKind:
    """The kind of ``sender``; never raises."""
    if sender is None:
        return SenderKind.NONE
    text = _strip(sender)
    if not text:
        return SenderKind.NONE
    if "@" in text:
        return SenderKind.EMAIL if _EMAIL.fullmatch(text) else SenderKind.UNKNOWN
    if text.isascii() and text.isdigit():  # the common case, without a regex
        return _number_kind(text, text)
    if _PHONE.fullmatch(text):
        return _number_kind(text, _NOT_DIGIT.sub("", text))
    if (
        2 <= len(text) <= 11
        and any(c.isalpha() for c in text)
        and all(c.isalnum() or c in _ALPHANUMERIC_SIGNS for c in text)
    ):
        return SenderKind.ALPHANUMERIC
    return SenderKind.UNKNOWN


def mask_phone(number: str) -> str:
    """``+1 555 201 3344`` → ``+•••••••••44``: the digits hidden but the last two.

    A leading ``+`` is kept (the number was international); anything that is not a digit is
    dropped. Two digits or fewer are all hidden. Never raises.
    """
    digits = [c for c in number if c in _DIGITS]
    plus = "+" if number.strip().startswith("+") else ""
    if len(digits) <= 2:
        return plus + MASK * len(digits)
    return plus + MASK * (len(digits) - 2) + "".join(digits[-2:])


def mask_sender(sender: str | None) -> str:
    """The sender as evidence may show it: phone numbers masked, e-mail local parts hidden
    but their first character (``k•••@icloud.com``), short codes and sender ids as they are."""
    kind = classify_sender(sender)
    if sender is None or kind is SenderKind.NONE:
        return ""
    text = _strip(sender)
    if kind is SenderKind.MOBILE or (kind is SenderKind.UNKNOWN and not _DIGITS.isdisjoint(text)):
        return mask_phone(text)
    if "@" in text:
        local, _, domain = text.rpartition("@")
        return f"{local[:1]}{MASK * 3}@{domain}"
    return text
