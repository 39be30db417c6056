"""Find the links in an SMS: with or without a scheme, defanged, IDN, IP literals.

The scan jumps from hint to hint (``syntax.HINT``), matches one candidate there
(``syntax.CANDIDATE``) and judges it. A rejected candidate resumes the scan at its end, or at
its last label when nothing followed the host (so ``texto.https://acme.com`` still finds the
link), never at its start: with the linear expressions, the whole scan is linear.

A name without a scheme counts only when the writing says it is a link (``bare_names``).
E-mail addresses are not links; ``https://acme.com@evil.example`` is, with host
``evil.example`` and userinfo ``acme.com``.

Normalised form (``Url.url``): the scheme re-fanged (``hxxps`` → ``https``, ``http`` when
none was written), userinfo, the ASCII host (IPv6 in brackets), the port as written, and the
path, query and fragment as written with defanged dots restored and trailing punctuation
removed. ``Url.host`` is that ASCII host; IPv4 written in hex or decimal (``0x7f000001``) is
given as a dotted quad and IPv6 in compressed form, without brackets.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from smishguard.model import Url
from smishguard.urls.bare_names import Cue
from smishguard.urls.host_facts import (
    MAX_WRITTEN_HOST,
    NO_PARTS,
    HostFacts,
    analyse_host,
    judge_bare_host,
)
from smishguard.urls.hosts import normalise_ipv6
from smishguard.urls.syntax import CANDIDATE, HINT, SPELLED_DOTS, refang_host, refang_inline

MAX_URLS: Final = 1000  # links returned per text at most; the scan stops once it has them

_SHORT_SKIP: Final = 32  # below this, scanning is cheaper than looking for the word start
_PLAIN_SCHEMES: Final = frozenset({"http", "https", "ftp", "ftps"})
_TRAILING_PUNCTUATION: Final = frozenset(".,:;!?'\"*…。，、！？；：»«”“’‘")
_OPENER_OF: Final = {")": "(", "]": "[", "}": "{"}


class _Tail(NamedTuple):
    """What follows a host: port, path (trimmed, re-fanged) and where the link ends."""

    port: int | None
    path: str
    end: int
    is_defanged: bool


class _Link(NamedTuple):
    """A candidate judged a link, before it becomes a ``Url`` (only if not a repeat)."""

    start: int
    tail: _Tail
    facts: HostFacts
    scheme: str
    userinfo: str
    has_scheme: bool
    is_defanged: bool

    def normalised(self) -> str:
        """The re-fanged URL with a scheme: the key for removing repeats."""
        host = self.facts.host.ascii
        shown_host = f"[{host}]" if ":" in host else host
        credentials = f"{self.userinfo}@" if self.userinfo else ""
        port = "" if self.tail.port is None else f":{self.tail.port}"
        return f"{self.scheme}://{credentials}{shown_host}{port}{self.tail.path}"

    def to_url(self, text: str, normalised: str) -> Url:
        host, parts, tail = self.facts.host, self.facts.parts, self.tail
        return Url(
            raw=text[self.start : tail.end],
            url=normalised,
            host=host.ascii,
            host_unicode=host.unicode,
            registrable_domain=parts.registrable_domain,
            subdomain=parts.subdomain,
            port=tail.port,
            path=tail.path,
            userinfo=self.userinfo,
            has_scheme=self.has_scheme,
            is_defanged=self.is_defanged,
            is_ip=host.is_ip,
            is_shortener=self.facts.is_shortener,
            start=self.start,
            end=tail.end,
        )


def extract_urls(text: str) -> tuple[Url, ...]:
    """The links in ``text``, in order of appearance, without repeats (by ``Url.url``).

    At most ``MAX_URLS`` are returned. Never raises; time linear in the length of the text.
    """
    spelled = "dot" in text or "DOT" in text or "Dot" in text
    position = _next_start(text, 0, spelled=spelled)
    found: dict[str, Url] = {}
    while position >= 0 and len(found) < MAX_URLS:
        match = CANDIDATE.search(text, position)
        if match is None:
            break
        if match.group("scheme") is not None:
            link, resume = _with_scheme(text, match)
        else:
            link, resume = _without_scheme(text, match)
        if link is not None:
            url = link.normalised()
            if url not in found:  # a Url costs microseconds to build: only once per link
                found[url] = link.to_url(text, url)
        position = _next_start(text, resume, spelled=spelled)
    return tuple(found.values())


def _next_start(text: str, position: int, *, spelled: bool) -> int:
    """Where to resume the scan: at or before the word holding the next hint; -1 if none.

    ``spelled`` says whether the text holds a spelled-out dot at all (checked once per text).
    """
    hint = HINT.search(text, position)
    index = len(text) if hint is None else hint.start()
    if spelled:
        for word in SPELLED_DOTS:
            found = text.find(word, position, index + len(word))
            if found >= 0:
                index = found
    if index == len(text):
        return -1
    if index - position <= _SHORT_SKIP:
        return position
    # The host may begin a word earlier when its dot is spaced: "acme [.] com", "acme dot com".
    if text[index - 1] == " ":
        index -= 1
    word_start = max(text.rfind(" ", position, index), text.rfind("\n", position, index)) + 1
    return max(position, word_start)


def _with_scheme(text: str, match: re.Match[str]) -> tuple[_Link | None, int]:
    written_scheme = match.group("scheme").lower()
    if written_scheme[0] == "f":
        scheme = "ftps" if written_scheme.endswith("s") else "ftp"
    else:
        scheme = "https" if written_scheme.endswith("s") else "http"
    defanged = written_scheme not in _PLAIN_SCHEMES or match.group("colon") != "://"
    userinfo, userinfo_defanged = refang_inline(match.group("userinfo") or "")
    bracketed = match.group("ipv6")
    facts: HostFacts | None = None
    if bracketed is not None:
        host = normalise_ipv6(bracketed[1:-1])
        if host is not None:
            facts = HostFacts(host, NO_PARTS, is_shortener=False)
        host_end = match.end("ipv6")
    else:
        written, host_defanged = refang_host(match.group("shost"))
        if len(written) <= MAX_WRITTEN_HOST:
            facts = analyse_host(written)
        defanged = defanged or host_defanged
        host_end = match.end("shost")
    if facts is None:
        return None, match.end()
    tail = _tail(text, match, host_end)
    defanged = defanged or userinfo_defanged or tail.is_defanged
    return _Link(match.start(), tail, facts, scheme, userinfo, True, defanged), match.end()


def _without_scheme(text: str, match: re.Match[str]) -> tuple[_Link | None, int]:
    host_start, host_end = match.span("bhost")
    if text.startswith("@", host_end):
        return None, match.end()  # the local part of an e-mail address
    written = match.group("bhost")
    if len(written) > MAX_WRITTEN_HOST:
        return None, match.end()
    has_tail = match.end() > host_end
    tail = _tail(text, match, host_end) if has_tail else None
    if tail is None or (tail.port is None and not tail.path):
        tail_cue = Cue.NONE
    else:
        tail_cue = Cue.MARKED if tail.port is not None else Cue.PATH
    verdict, last_label = judge_bare_host(written, tail_cue)
    if verdict is None:
        # Rescan the last label (a scheme may start there), but never a path or port:
        # rescanning those could make the scan quadratic.
        return None, (match.end() if has_tail else host_end - last_label)
    start = host_start + verdict.skip
    if tail is None or not verdict.is_whole:
        tail = _Tail(None, "", start + verdict.length, False)
    defanged = verdict.is_defanged or tail.is_defanged
    link = _Link(start, tail, verdict.facts, "http", "", False, defanged)
    return link, (match.end() if verdict.is_whole or has_tail else tail.end)


def _tail(text: str, match: re.Match[str], host_end: int) -> _Tail:
    if match.group("rootdot") is not None:
        host_end = match.end("rootdot")
    port_text = match.group("port")
    port = None if port_text is None else int(port_text)
    if port is not None and port > 65535:
        return _Tail(None, "", host_end, False)
    raw_path = match.group("path")
    if raw_path is None:
        return _Tail(port, "", match.end(), False)
    trimmed = _trim_path(raw_path)
    path, defanged = refang_inline(trimmed)
    return _Tail(port, path, match.start("path") + len(trimmed), defanged)


def _trim_path(path: str) -> str:
    """Drop trailing punctuation and unbalanced closing brackets: ``/login).`` → ``/login``."""
    end = len(path)
    counts: dict[str, list[int]] | None = None  # closer → [openers, closers], counted once
    while end:
        char = path[end - 1]
        if char in _TRAILING_PUNCTUATION:
            end -= 1
            continue
        opener = _OPENER_OF.get(char)
        if opener is None:
            break
        if counts is None:
            counts = {c: [path.count(o), path.count(c)] for c, o in _OPENER_OF.items()}
        if counts[char][1] <= counts[char][0]:
            break
        counts[char][1] -= 1
        end -= 1
    return path[:end]
