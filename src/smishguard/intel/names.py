"""Domain names fit to block: the one gate every export passes a domain through.

A blocklist entry is dangerous twice over: a wrong one blocks a whole top-level domain or a
shared platform (``com``, ``github.io``), and a malformed one can break the file it sits in (a
zone whose every name is refused because one line has a space or a ``;``). So a name is
accepted only in a narrow, safe shape, and anything else is reported with a reason instead of
being emitted:

* Unicode names become ASCII (UTS #46 + Punycode, ``аcme.com`` → ``xn--cme-5cd.com``);
* every label is 1-63 characters of ``a-z 0-9 - _`` (the letters-digits-hyphen rule, plus the
  underscore that real hosting names carry), the whole name at most 253 characters;
* a single label, a public suffix (PSL, private section included), a dotted number (an IP
  address is not a domain) and an ending that RPZ reads as a special trigger are refused.
"""

from __future__ import annotations

import encodings.idna
import re
from typing import Final

import idna

from smishguard.domains.registrable import split_host

MAX_NAME_LENGTH: Final = 253  # presentation form of a 255-octet wire name, without the root dot
_LABEL: Final = re.compile(r"[a-z0-9_-]{1,63}")
# RPZ triggers ending in these labels are IP, NSDNAME, NSIP or client-IP triggers, not names.
_RPZ_SPECIAL_PREFIX: Final = "rpz-"


def ascii_domain(value: str) -> str:
    """The lower-case ASCII (Punycode) form of a written domain name, '' if it has none.

    Surrounding blanks and one trailing root dot are dropped. Never raises.
    """
    name = value.strip()
    if name.endswith("."):
        name = name[:-1]
    if name.isascii():
        return name.lower()
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except UnicodeError:  # idna.IDNAError is a UnicodeError
        pass
    try:
        # IDNA 2003 still maps some names IDNA 2008 refuses (joiners, symbols) as browsers do.
        return ".".join(encodings.idna.ToASCII(label).decode("ascii") for label in name.split("."))
    except UnicodeError:
        return ""


def is_dns_name(name: str) -> bool:
    """Whether an ASCII name has only 1-63 character labels of a-z 0-9 - _, 253 at most."""
    return len(name) <= MAX_NAME_LENGTH and all(_LABEL.fullmatch(lb) for lb in name.split("."))


def domain_problem(name: str) -> str:
    """Why an ASCII name (from :func:`ascii_domain`) must not be blocked; '' if it may be."""
    if not name:
        return "not a domain name (empty, or Unicode that has no ASCII form)"
    if len(name) > MAX_NAME_LENGTH:
        return f"longer than {MAX_NAME_LENGTH} characters"
    if not is_dns_name(name):
        return "a label is empty, longer than 63 characters, or has a character outside a-z 0-9 - _"
    labels = name.split(".")
    if len(labels) == 1:
        return "a single label would block a whole top-level domain"
    if labels[-1].isdigit():
        return "an IP address or number, not a domain name"
    if labels[-1].startswith(_RPZ_SPECIAL_PREFIX):
        return "ends in an rpz- label, which RPZ reads as a special trigger"
    parts = split_host(name)
    if not parts.name and parts.suffix == name:
        return "a public suffix: blocking it would block every site under it"
    return ""
