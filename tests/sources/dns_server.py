"""A DNS resolver on 127.0.0.1 for tests: answers from a small zone over UDP (dnspython builds
and reads the messages), so the lookups of ``permutations --registered`` run for real."""

from __future__ import annotations

import socketserver
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


@dataclass
class Zone:
    """``records``: name → {type: [data]} (NS of a delegated domain, A, AAAA, MX of hosts);
    a name neither there nor above a name there does not exist (NXDOMAIN). Names in
    ``silent`` get no answer, those in ``failing`` SERVFAIL. ``asked`` counts the queries."""

    records: Mapping[str, Mapping[str, Sequence[str]]]
    silent: frozenset[str] = frozenset()
    failing: frozenset[str] = frozenset()
    asked: Counter[tuple[str, str]] = field(default_factory=Counter)

    def exists(self, name: str) -> bool:
        return any(known == name or known.endswith("." + name) for known in self.records)


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        data, sock = self.request
        query = dns.message.from_wire(data)
        question = query.question[0]
        name = question.name.to_text(omit_final_dot=True).lower()
        kind = dns.rdatatype.to_text(question.rdtype)
        zone = self.server.zone
        zone.asked[(name, kind)] += 1
        if name in zone.silent:
            return
        response = dns.message.make_response(query)
        response.flags |= dns.flags.RA
        if name in zone.failing:
            response.set_rcode(dns.rcode.SERVFAIL)
        elif not zone.exists(name):
            response.set_rcode(dns.rcode.NXDOMAIN)
        else:
            values = zone.records.get(name, {}).get(kind, ())
            if values:
                response.answer.append(dns.rrset.from_text_list(
                    question.name, 300, "IN", kind, list(values)))
        sock.sendto(response.to_wire(), self.client_address)


class _Server(socketserver.ThreadingUDPServer):
    daemon_threads = True

    def __init__(self, zone: Zone) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.zone = zone


@contextmanager
def running_resolver(zone: Zone) -> Iterator[str]:
    """The resolver's address as ``--nameserver`` takes it (127.0.0.1:PORT)."""
    server = _Server(zone)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
