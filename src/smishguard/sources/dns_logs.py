"""Names from DNS and proxy logs: Zeek's TSV logs, and JSON lines (Zeek, Suricata, passive
DNS, proxies) by a field.

**Zeek** writes TSV behind a header of ``#`` lines::

    #separator \\x09
    #unset_field	-
    #empty_field	(empty)
    #path	dns
    #fields	ts	uid	id.orig_h	...	query	...
    1767225600.1	CHhAvV	10.0.0.5	...	acme-okta.com	...

The column is found by name in ``#fields`` (dns.log's ``query`` unless told otherwise);
unset and empty values are passed. A log rotated in place starts a new header, which is read
again.

**JSON lines**: one object a line, the name at a dotted path (``query`` for Zeek's JSON
logs; ``dns.rrname`` for Suricata's eve.json, whose other event types lack it and are
passed), or at any of several paths, comma-separated (``dns.rrname,tls.sni,http.hostname``:
the names of eve.json's DNS, TLS and HTTP events). A list on the way is read item by item
(``dns.queries.rrname``: every query).
Lines are capped and checked as in a plain list (:mod:`~smishguard.sources.files`); a cell
may hold a URL, whose host is taken.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from smishguard.errors import InvalidInput
from smishguard.sources.files import capped_lines
from smishguard.sources.lists import host_in_cell

ZEEK_DNS_FIELD = "query"
MAX_LOG_LINE = 64 * 1024  # a DNS log line with long answers; JSON events are larger
MAX_JSON_LINE = 1024 * 1024


def zeek_names(
    stream: io.BufferedIOBase, where: str, field: str | None, on_error: Callable[[str], None],
    max_line_bytes: int = MAX_LOG_LINE,
) -> Iterator[str]:
    """The values of ``field`` (default: dns.log's ``query``) in a Zeek TSV log."""
    wanted = field or ZEEK_DNS_FIELD
    separator, unset, empty = "\t", "-", "(empty)"
    index: int | None = None
    for number, line in capped_lines(stream, where, on_error, max_line_bytes):
        if line.startswith("#"):
            if line.startswith("#separator "):
                separator = _unescape(line.removeprefix("#separator "), where)
                continue
            key, _, value = line[1:].partition(separator)
            if key == "unset_field":
                unset = value
            elif key == "empty_field":
                empty = value
            elif key == "fields":
                index = _field_index(value.split(separator), wanted, where)
            continue
        if index is None:
            raise InvalidInput(f"{where}: line {number} comes before any #fields header: "
                               "not a Zeek log (for a CSV file use --format csv)")
        cells = line.split(separator)
        if len(cells) <= index:
            if line.strip():
                on_error(f"{where}: line {number} has no {wanted!r} field; skipped")
            continue
        value = cells[index].strip()
        host = host_in_cell(value, where, number, on_error) if value not in (unset, empty) else ""
        if host:
            yield host


def json_field_names(
    stream: io.BufferedIOBase, where: str, field: str, on_error: Callable[[str], None],
    max_line_bytes: int = MAX_JSON_LINE,
) -> Iterator[str]:
    """The values at the dotted path ``field`` (or paths, comma-separated) in a file of JSON
    lines."""
    paths = [name.strip().split(".") for name in field.split(",") if name.strip()]
    found = lines = 0
    for number, line in capped_lines(stream, where, on_error, max_line_bytes):
        if not line.strip():
            continue
        lines += 1
        try:
            event = json.loads(line)
        except json.JSONDecodeError as exc:
            on_error(f"{where}: line {number} is not JSON ({exc.msg} at column {exc.colno}); "
                     "skipped")
            continue
        for path in paths:
            for value in _at(event, path):
                if isinstance(value, str) and value.strip():
                    found += 1
                    host = host_in_cell(value.strip(), where, number, on_error)
                    if host:
                        yield host
    if lines and not found:
        on_error(f"{where}: no line has a {field!r} value; is that the field the names are in?")


def _at(value: Any, path: list[str]) -> Iterator[Any]:
    """The values at ``path`` under ``value``, lists read item by item."""
    if isinstance(value, list):
        for item in value:
            yield from _at(item, path)
    elif not path:
        yield value
    elif isinstance(value, dict) and path[0] in value:
        yield from _at(value[path[0]], path[1:])


def _field_index(fields: list[str], wanted: str, where: str) -> int:
    if wanted in fields:
        return fields.index(wanted)
    raise InvalidInput(f"{where} has no field {wanted!r} (fields: {', '.join(fields)}); "
                       "name the one with --column")


def _unescape(text: str, where: str) -> str:
    """Zeek writes the separator escaped (``\\x09``)."""
    try:
        separator = codecs.decode(text.strip(), "unicode_escape")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{where}: unreadable #separator {text!r} ({exc})") from exc
    if not separator:
        raise InvalidInput(f"{where}: empty #separator")
    return separator
