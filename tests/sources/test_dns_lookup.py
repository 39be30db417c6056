"""DNS lookups of look-alike names, against a real resolver on loopback (dns_server.py)."""

from __future__ import annotations

import pytest
from dns_server import Zone, running_resolver

from smishguard.errors import InvalidInput
from smishguard.sources.dns_lookup import Existence, NameRecords, look_up, parse_nameserver

ZONE = {
    # a look-alike registered and set up for mail and a web page
    "acme-okta.com": {"NS": ["ns1.parking.example.", "ns2.parking.example."],
                      "A": ["203.0.113.7"], "MX": ["10 mx.acme-okta.com."]},
    "www.acme-okta.com": {"A": ["203.0.113.7"], "AAAA": ["2001:db8::7"]},
    # registered, parked: no address
    "acme-sso.net": {"NS": ["ns1.registrar.example."]},
    # a tenant of a shared host: not delegated, but it resolves
    "acme-login.vercel.app": {"A": ["198.51.100.4"]},
    "vercel.app": {"NS": ["ns1.vercel-dns.example."]},
}


@pytest.fixture
def zone() -> Zone:
    return Zone(ZONE, silent=frozenset({"acme-vpn.org"}), failing=frozenset({"acme-hr.io"}))


def test_each_name_is_registered_absent_or_unanswered(zone: Zone) -> None:
    names = ["acme-okta.com", "www.acme-okta.com", "acme-sso.net", "acme-login.vercel.app",
             "acme-mfa.vercel.app", "acmee.com", "acme-vpn.org", "acme-hr.io"]
    done: list[str] = []
    with running_resolver(zone) as address:
        found = look_up(names, [parse_nameserver(address)], concurrency=4, timeout=0.5,
                        on_done=lambda records: done.append(records.name))
    assert [r.name for r in found] == names  # in the order given
    assert sorted(done) == sorted(names)
    by_name = {r.name: r for r in found}
    assert by_name["acme-okta.com"] == NameRecords(
        "acme-okta.com", Existence.REGISTERED, ns=("ns1.parking.example", "ns2.parking.example"),
        a=("203.0.113.7",), mx=("10 mx.acme-okta.com",))
    assert by_name["www.acme-okta.com"] == NameRecords(
        "www.acme-okta.com", Existence.REGISTERED, ns=by_name["acme-okta.com"].ns,
        a=("203.0.113.7",), aaaa=("2001:db8::7",))
    assert by_name["acme-sso.net"].existence is Existence.REGISTERED  # parked: NS only
    assert by_name["acme-login.vercel.app"].existence is Existence.REGISTERED
    assert by_name["acme-login.vercel.app"].ns == ()
    assert by_name["acme-mfa.vercel.app"].existence is Existence.ABSENT
    assert by_name["acmee.com"] == NameRecords("acmee.com", Existence.ABSENT)
    assert by_name["acme-vpn.org"] == NameRecords(
        "acme-vpn.org", Existence.UNANSWERED, error="no answer in time")
    assert by_name["acme-hr.io"] == NameRecords(
        "acme-hr.io", Existence.UNANSWERED, error="the resolvers failed (SERVFAIL)")


def test_a_registrable_domain_shared_by_names_is_asked_once(zone: Zone) -> None:
    names = ["acme-okta.com", "www.acme-okta.com", "sso.acme-okta.com", "acmee.com"]
    with running_resolver(zone) as address:
        look_up(names, [parse_nameserver(address)])
    assert zone.asked[("acme-okta.com", "NS")] == 1
    assert zone.asked[("acmee.com", "NS")] == 1
    assert ("acmee.com", "A") not in zone.asked  # absent: nothing more is asked


@pytest.mark.parametrize(("text", "expected"), [
    ("9.9.9.9", ("9.9.9.9", 53)),
    (" 127.0.0.1:5353 ", ("127.0.0.1", 5353)),
    ("2620:fe::fe", ("2620:fe::fe", 53)),
    ("[2620:fe::fe]:5353", ("2620:fe::fe", 5353)),
    ("[::1]", ("::1", 53)),
])
def test_nameserver_addresses(text: str, expected: tuple[str, int]) -> None:
    assert parse_nameserver(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("dns.google", "give a resolver's IP address"),
    ("127.0.0.1:0", "the port must be a number from 1 to 65535"),
    ("127.0.0.1:dns", "the port must be a number"),
    ("[::1]5353", "write [IPv6]:PORT"),
])
def test_bad_nameserver_addresses(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_nameserver(text)
    assert message in str(caught.value)


def test_lookups_work_where_an_event_loop_already_runs(zone: Zone) -> None:
    """As in a notebook or an async application: the lookups get a loop of their own. (The
    loop runs in a thread of the test's: the session may run one here already.)"""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside_a_loop() -> list[NameRecords]:
        with running_resolver(zone) as address:
            return look_up(["acme-okta.com", "acmee.com"], [parse_nameserver(address)])

    with ThreadPoolExecutor(1) as pool:
        found = pool.submit(lambda: asyncio.run(inside_a_loop())).result()
    assert [r.existence for r in found] == [Existence.REGISTERED, Existence.ABSENT]
