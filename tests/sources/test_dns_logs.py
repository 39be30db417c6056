"""DNS and proxy logs: Zeek's TSV logs and JSON lines read at a field."""

from __future__ import annotations

import io

import pytest

from smishguard.errors import InvalidInput
from smishguard.sources.dns_logs import json_field_names, zeek_names


def zeek(text: str, field: str | None = None) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    names = list(zeek_names(io.BytesIO(text.encode()), "dns.log", field, errors.append))
    return names, errors


HEADER = ("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
          "#path\tdns\n#open\t2026-11-30-08-00-00\n"
          "#fields\tts\tuid\tid.orig_h\tquery\tanswers\n"
          "#types\ttime\tstring\taddr\tstring\tvector[string]\n")


def test_zeek_dns_queries_are_read_by_the_fields_header() -> None:
    names, errors = zeek(HEADER
                         + "1767225600.1\tC1\t10.0.0.5\tacme-okta.com\t203.0.113.7\n"
                         + "1767225600.2\tC2\t10.0.0.6\t-\t-\n"  # unset: passed
                         + "1767225600.3\tC3\t10.0.0.7\t(empty)\t-\n"
                         + "1767225600.4\tC4\t10.0.0.8\tWWW.Okta-Acme.COM\t-\n"
                         + "#close\t2026-11-30-09-00-00\n")
    assert names == ["acme-okta.com", "WWW.Okta-Acme.COM"]  # the watch lower-cases
    assert errors == []


def test_a_zeek_log_rotated_in_place_is_read_by_its_new_header() -> None:
    moved = HEADER.replace("#fields\tts\tuid\tid.orig_h\tquery\tanswers",
                           "#fields\tts\tquery\tuid")
    names, _ = zeek(HEADER + "1.0\tC1\t10.0.0.5\ta-okta.com\t-\n" + moved + "2.0\tb-okta.com\tC2\n")
    assert names == ["a-okta.com", "b-okta.com"]


def test_another_zeek_log_and_separator_by_a_named_field() -> None:
    http = HEADER.replace("\\x09", "\\x7c").replace("\t", "|").replace("query", "host")
    names, _ = zeek(http.replace("#separator|", "#separator ")
                    + "1.0|C1|10.0.0.5|acme-okta.com|-\n", "host")
    assert names == ["acme-okta.com"]


def test_zeek_problems_are_said() -> None:
    names, errors = zeek(HEADER + "1.0\tC1\n" + "1.0\tC1\t10.0.0.5\thttp://[bad/x\t-\n")
    assert names == []
    assert errors == ["dns.log: line 9 has no 'query' field; skipped",
                      "dns.log: line 10: cannot read a host in 'http://[bad/x' (Invalid IPv6 "
                      "URL); skipped"]
    with pytest.raises(InvalidInput, match=r"has no field 'host' \(fields: ts, uid, "):
        zeek(HEADER, "host")
    with pytest.raises(InvalidInput, match="line 1 comes before any #fields header"):
        zeek("acme-okta.com\n")


def json_lines(text: str, field: str) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    names = list(json_field_names(io.BytesIO(text.encode()), "eve.json", field,
                                  errors.append))
    return names, errors


def test_suricata_dns_events_are_read_and_other_events_passed() -> None:
    names, errors = json_lines(
        '{"event_type": "flow", "src_ip": "10.0.0.5"}\n'
        '{"event_type": "dns", "dns": {"type": "query", "rrname": "acme-okta.com"}}\n'
        "\n"
        '{"event_type": "dns", "dns": {"queries": [{"rrname": "a-okta.com"}, '
        '{"rrname": "b-okta.com"}]}}\n'
        "{not json\n", "dns.rrname")
    assert names == ["acme-okta.com"]
    assert errors == ["eve.json: line 5 is not JSON (Expecting property name enclosed in "
                      "double quotes at column 2); skipped"]
    listed, _ = json_lines('{"dns": {"queries": [{"rrname": "a-okta.com"}, '
                           '{"rrname": "b-okta.com"}]}}\n', "dns.queries.rrname")
    assert listed == ["a-okta.com", "b-okta.com"]  # a list on the way: every item


def test_a_field_no_line_has_is_said_once() -> None:
    names, errors = json_lines('{"query": "acme-okta.com"}\n{"query": 5}\n', "qname")
    assert names == []
    assert errors == ["eve.json: no line has a 'qname' value; is that the field the names "
                      "are in?"]
    proxy, _ = json_lines('{"url": "https://acme-okta.com/login?x=1"}\n', "url")
    assert proxy == ["acme-okta.com"]  # a URL: its host


def test_several_fields_read_every_kind_of_event() -> None:
    names, errors = json_lines(
        '{"event_type": "dns", "dns": {"rrname": "acme-okta.com"}}\n'
        '{"event_type": "tls", "tls": {"sni": "okta-acme.com"}}\n'
        '{"event_type": "http", "http": {"hostname": "sso-acme.org", "url": "/login"}}\n'
        '{"event_type": "flow"}\n', "dns.rrname, tls.sni,http.hostname")
    assert names == ["acme-okta.com", "okta-acme.com", "sso-acme.org"]
    assert errors == []
