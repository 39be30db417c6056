"""Host names as written in a text → the name a browser would resolve, and back for people.

``to_ascii`` applies the UTS #46 mapping through the ``idna`` library (lower-casing, full-width
to ASCII, dropping ignorable code points such as U+200B), so ``аcme.com`` with a Cyrillic ``а``
becomes ``xn--cme-5cd.com``. ``idna`` follows IDNA 2008 and rejects some labels browsers still
accept (``_`` or joiners); for those we fall back to Python's IDNA 2003 codec and, last, to raw
Punycode, so these functions never raise.

Numeric hosts follow the WHATWG URL standard: a host whose last label is a number is an IPv4
address, written in decimal, octal or hex, in one to four parts (``0x7f000001`` and ``127.1``
are both ``127.0.0.1``), and is invalid if those numbers do not fit.
"""

from __future__ import annotations

import encodings.idna
import ipaddress
from dataclasses import dataclass
from typing import Final

import idna

MAX_HOST_LENGTH: Final = 253  # DNS limit on a name, in ASCII
MAX_LABEL_LENGTH: Final = 63

_HEX_DIGITS: Final = frozenset("0123456789abcdefABCDEF")
_OCT_DIGITS: Final = frozenset("01234567")
_DEC_DIGITS: Final = frozenset("0123456789")


@dataclass(frozen=True, slots=True)
class HostName:
    """A normalised host: ``ascii`` for machines, ``unicode`` for people."""

    ascii: str  # lower-case ASCII (punycode), dotted-quad IPv4 or compressed IPv6
    unicode: str
    is_ip: bool = False


def normalise_host(written: str) -> HostName | None:
    """The normal form of a host name written in a URL, or None if it cannot be a host.

    ``written`` has ordinary dots (re-fanged) and no port, brackets or trailing dot.
    """
    if not written or len(written) > MAX_HOST_LENGTH:
        return None
    ascii_name = to_ascii(written)
    if ends_in_number(ascii_name):
        address = parse_ipv4(ascii_name)
        return None if address is None else HostName(address, address, is_ip=True)
    if len(ascii_name) > MAX_HOST_LENGTH:
        return None
    for label in ascii_name.split("."):
        if len(label) > MAX_LABEL_LENGTH or not label.strip("-_"):
            return None  # empty, too long, or no letter or digit at all ("https://-")
    return HostName(ascii_name, to_unicode(ascii_name))


def normalise_ipv6(written: str) -> HostName | None:
    """The compressed form of an IPv6 literal (without brackets), or None if it is not one."""
    try:
        address = ipaddress.IPv6Address(written)
    except ValueError:
        return None
    return HostName(address.compressed, address.compressed, is_ip=True)


def to_ascii(name: str) -> str:
    """Lower-case ASCII form of a host name: UTS #46 + Punycode; never raises."""
    if name.isascii():
        return name.lower()
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except ValueError:  # idna.IDNAError is a UnicodeError, hence a ValueError
        return ".".join(_label_to_ascii(label) for label in name.split("."))


def to_unicode(ascii_name: str) -> str:
    """The Unicode form of an ASCII host name (``xn--`` labels decoded); never raises."""
    if "xn--" not in ascii_name:
        return ascii_name
    try:
        return idna.decode(ascii_name)
    except ValueError:
        return ".".join(_label_to_unicode(label) for label in ascii_name.split("."))


def ends_in_number(ascii_name: str) -> bool:
    """WHATWG's test: is the last label decimal digits, or ``0x`` and hex digits?"""
    last = ascii_name.rpartition(".")[2]
    if not last:
        return False
    if last[:2] in ("0x", "0X"):
        return all(c in _HEX_DIGITS for c in last[2:])
    return all(c in _DEC_DIGITS for c in last)


def parse_ipv4(ascii_name: str) -> str | None:
    """Dotted-quad form of a WHATWG IPv4 host (``0x7f.1`` → ``127.0.0.1``), None if invalid."""
    parts = ascii_name.split(".")
    if len(parts) > 4:
        return None
    numbers: list[int] = []
    for part in parts:
        number = _ipv4_number(part)
        if number is None:
            return None
        numbers.append(number)
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number * 256 ** (3 - index)
    return ".".join(str((value >> shift) & 255) for shift in (24, 16, 8, 0))


def is_dotted_quad(ascii_name: str) -> bool:
    """Plain ``192.168.1.1``: four decimal parts of at most three digits, each <= 255."""
    parts = ascii_name.split(".")
    return len(parts) == 4 and all(
        0 < len(p) <= 3 and all(c in _DEC_DIGITS for c in p) and int(p) <= 255 for p in parts
    )


def _ipv4_number(part: str) -> int | None:
    if not part:
        return None
    digits, base, allowed = part, 10, _DEC_DIGITS
    if part[:2] in ("0x", "0X"):
        digits, base, allowed = part[2:], 16, _HEX_DIGITS
    elif len(part) > 1 and part[0] == "0":
        digits, base, allowed = part[1:], 8, _OCT_DIGITS
    if not digits:
        return 0  # "0x" alone is zero in WHATWG
    # The host is at most 253 characters, so int() never meets a huge digit string.
    if not all(c in allowed for c in digits):
        return None
    return int(digits, base)


def _label_to_ascii(label: str) -> str:
    if label.isascii():
        return label.lower()
    try:
        return idna.encode(label, uts46=True).decode("ascii")
    except ValueError:
        pass
    try:
        # IDNA 2003 (nameprep) still accepts '_' and maps joiners to nothing, as browsers do.
        return encodings.idna.ToASCII(label).decode("ascii")
    except ValueError:
        pass
    return "xn--" + label.lower().encode("punycode").decode("ascii")


def _label_to_unicode(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return idna.decode(label)
    except ValueError:
        pass
    try:
        return label[4:].encode("ascii").decode("punycode")
    except ValueError:
        return label
