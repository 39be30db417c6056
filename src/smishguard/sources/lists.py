"""Plain lists of names, one a line: newly registered domain feeds, blocklists, exports.

A line may carry a comment (``#``), blanks, a URL instead of a bare name (its host is taken),
a hosts-file entry (``0.0.0.0 evil.example``) or several fields of a feed export, of which
the first dotted host name is taken. Case, wildcards and trailing dots are left
to :func:`smishguard.watch.normalize_name`; this module only finds the name on the line.
"""

from __future__ import annotations

import io
import ipaddress
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from smishguard.sources.files import MAX_LIST_LINE, capped_lines

_URL_MARKS = frozenset("/:@?")


def host_of(token: str) -> str:
    """The host in a URL-ish token ('' when there is none); a bare name comes back as is.

    ``https://User@Acme-Okta.com:8443/x`` → ``acme-okta.com``; ``acme.com/login`` →
    ``acme.com``. Raises ValueError for a malformed URL (an unclosed IPv6 bracket).
    """
    if not _URL_MARKS.intersection(token):
        return token
    # Without '//' urlsplit reads 'acme.com/login' as a path; with it, as a network location.
    netloc_form = token if "//" in token else "//" + token
    parts = urlsplit(netloc_form)
    return parts.hostname or ""


def host_in_cell(value: str, where: str, number: int, on_error: Callable[[str], None]) -> str:
    """The host of a field's value (a name or a URL), '' when it has none; a malformed URL is
    reported, with its line, and gives ''."""
    try:
        return host_of(value)
    except ValueError as exc:
        on_error(f"{where}: line {number}: cannot read a host in {value!r} ({exc}); skipped")
        return ""


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_number(text: str) -> bool:
    return text.replace(".", "").isdigit()


def name_on_line(line: str) -> str:
    """The name a list line stands for, '' for blank and comment lines.

    Raises ValueError when the line holds a URL that cannot be parsed.
    """
    text = line.split("#", 1)[0].strip()
    if not text:
        return ""
    fields = text.split()
    if len(fields) == 1:
        return host_of(fields[0])
    # Several fields: a hosts file ("0.0.0.0 evil.example"), a feed export
    # ("2024-10-12T20:01:09Z<TAB>evil.example<TAB>https://evil.example/x") or a proxy log
    # ("1767225600.123 180 10.0.0.5 TCP_MISS/200 411 GET https://evil.example/x ..."). The
    # name is the first field with a dotted host that is neither an IP address nor a number
    # (a time); else the first non-IP field.
    for field in fields:
        host = host_of(field)
        if "." in host and not _is_ip(host) and not _is_number(host):
            return host
    return host_of(next((f for f in fields if not _is_ip(f)), fields[0]))


def list_names(
    stream: io.BufferedIOBase, where: str, on_error: Callable[[str], None],
    max_line_bytes: int = MAX_LIST_LINE,
) -> Iterator[str]:
    """The names in a list file, one per non-blank, non-comment line."""
    for number, line in capped_lines(stream, where, on_error, max_line_bytes):
        try:
            name = name_on_line(line)
        except ValueError as exc:
            on_error(f"{where}: line {number}: cannot read a host name ({exc}); skipped")
            continue
        if name:
            yield name
