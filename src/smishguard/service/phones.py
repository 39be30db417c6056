"""Phone numbers of reporters: never stored or logged in full.

A reporter is kept as a keyed hash (HMAC-SHA256 with the deployment's secret) of the
normalised number, so the same person maps to the same pseudonym without the number being
recoverable from the database alone, plus at most its last two digits for people.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_SEPARATORS = re.compile(r"[\s().\-]")


def normalise_number(number: str) -> str:
    """'+1 (415) 555-0134' → '+14155550134'; sender ids ('ACME-IT') keep their letters."""
    compact = _SEPARATORS.sub("", number.strip())
    if compact.startswith("00") and compact[2:].isdigit():
        compact = "+" + compact[2:]
    return compact if compact.lstrip("+").isdigit() else number.strip().upper()


def is_phone_number(text: str) -> bool:
    """True for a bare phone number or short code (what a reporter sends as step two)."""
    compact = normalise_number(text)
    digits = compact.lstrip("+")
    return digits.isdigit() and 3 <= len(digits) <= 15


def pseudonym(secret: bytes, number: str) -> str:
    digest = hmac.new(secret, b"reporter:" + normalise_number(number).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def hint(number: str) -> str:
    """The last two digits, or '' when the number has fewer than four digits."""
    digits = [c for c in number if c.isdigit()]
    return "".join(digits[-2:]) if len(digits) >= 4 else ""


def masked(number: str) -> str:
    """How a number appears in logs: '…34'."""
    last = hint(number)
    return f"…{last}" if last else "…"
