from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.text.sender import SenderKind, classify_sender, mask_phone, mask_sender

S = SenderKind


@pytest.mark.parametrize(
    ("sender", "kind"),
    [
        (None, S.NONE),
        ("", S.NONE),
        ("   ", S.NONE),
        # short codes
        ("72975", S.SHORT_CODE),
        ("22395", S.SHORT_CODE),
        ("227898", S.SHORT_CODE),
        ("247", S.SHORT_CODE),
        # alphanumeric sender ids
        ("ACME-IT", S.ALPHANUMERIC),
        ("Santander", S.ALPHANUMERIC),
        ("O2", S.ALPHANUMERIC),
        ("DentSonrie", S.ALPHANUMERIC),
        ("AT&T", S.ALPHANUMERIC),
        ("Correos", S.ALPHANUMERIC),
        ("ElCorteIng", S.ALPHANUMERIC),
        # full phone numbers, in the formats phones show
        ("+1 555 201 3344", S.MOBILE),
        ("+15552013344", S.MOBILE),
        ("+1 (312) 555-0148", S.MOBILE),
        ("(646) 555-0117", S.MOBILE),
        ("415.555.0163", S.MOBILE),
        ("+34 612 345 678", S.MOBILE),
        ("612 345 678", S.MOBILE),  # Spanish national: 9 digits
        ("0034 612 345 678", S.MOBILE),
        ("07700 900871", S.MOBILE),  # UK national: 11 digits
        ("+52 1 81 5555 0133", S.MOBILE),
        ("+54 9 11 5555-0147", S.MOBILE),
        ("3005551234", S.MOBILE),
        ("tel:+14155550132", S.MOBILE),
        # e-mail (iMessage, e-mail-to-SMS)
        ("kd83jfk2@icloud.com", S.EMAIL),
        ("mwx0921@gmail.com", S.EMAIL),
        ("5552013344@txt.att.net", S.EMAIL),
        # none of the above
        ("1234567", S.UNKNOWN),  # 7 digits: a local number, or not a number
        ("+1 234", S.UNKNOWN),
        ("12", S.UNKNOWN),
        ("not@an-address", S.UNKNOWN),
        ("A sender name far too long for GSM", S.UNKNOWN),
        ("+1 555 201 3344 ext", S.UNKNOWN),
        ("1234567890123456789", S.UNKNOWN),
    ],
)
def test_classify_sender(sender: str | None, kind: SenderKind) -> None:
    assert classify_sender(sender) is kind


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("+1 555 201 3344", "+•••••••••44"),
        ("(646) 555-0117", "••••••••17"),
        ("+34 612 345 678", "+•••••••••78"),
        ("72975", "•••75"),
        ("12", "••"),
        ("", ""),
    ],
)
def test_mask_phone(number: str, masked: str) -> None:
    assert mask_phone(number) == masked


@given(st.text())
def test_mask_phone_shows_at_most_the_last_two_digits(number: str) -> None:
    masked = mask_phone(number)
    shown = [c for c in masked if c in "0123456789"]
    digits = [c for c in number if c in "0123456789"]
    assert len(shown) <= 2
    assert shown == (digits[-2:] if len(digits) > 2 else [])


@pytest.mark.parametrize(
    ("sender", "shown"),
    [
        ("+1 555 201 3344", "+•••••••••44"),
        ("kd83jfk2@icloud.com", "k•••@icloud.com"),
        ("72975", "72975"),
        ("ACME-IT", "ACME-IT"),
        ("1234567", "•••••67"),
        ("not@an-address", "n•••@an-address"),
        (None, ""),
    ],
)
def test_mask_sender(sender: str | None, shown: str) -> None:
    assert mask_sender(sender) == shown


@given(st.one_of(st.none(), st.text()))
def test_never_raises(sender: str | None) -> None:
    assert isinstance(classify_sender(sender), SenderKind)
    shown = mask_sender(sender)
    if classify_sender(sender) is S.MOBILE:
        assert sum(c in "0123456789" for c in shown) <= 2
