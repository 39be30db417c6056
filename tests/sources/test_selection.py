"""Choosing the adapter by option or by what the input looks like."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from watch_servers import certificate_update, dns_entries

from smishguard.errors import InvalidInput
from smishguard.sources.selection import SourceKind, SourceSpec, open_names, resolve

K = SourceKind


@pytest.mark.parametrize(("spec", "kind", "target", "live"), [
    (SourceSpec(), K.AUTO, "-", False),
    (SourceSpec(path="new.txt"), K.AUTO, "new.txt", False),
    (SourceSpec(path="new.txt", kind=K.LIST), K.LIST, "new.txt", False),
    (SourceSpec(path="x.jsonl", kind=K.CERTSTREAM), K.CERTSTREAM, "x.jsonl", False),
    (SourceSpec(path="wss://certstream.example/"), K.CERTSTREAM, "wss://certstream.example/",
     True),
    (SourceSpec(certstream="ws://127.0.0.1:4000/domains-only"), K.CERTSTREAM,
     "ws://127.0.0.1:4000/domains-only", True),
    (SourceSpec(ct_logs=("https://ct.example/log",)), K.CT, "https://ct.example/log", True),
    (SourceSpec(ct_logs=("https://a.example/log", "https://b.example/log/",
                         "https://a.example/log/")), K.CT, "2 CT logs", True),
    (SourceSpec(path="https://ct.example/log", kind=K.CT), K.CT, "https://ct.example/log",
     True),
    (SourceSpec(path="NEW.CSV", column="domain"), K.CSV, "NEW.CSV", False),
    (SourceSpec(path="export.txt", column="domain"), K.AUTO, "export.txt", False),
    (SourceSpec(path="dns.log", kind=K.ZEEK), K.ZEEK, "dns.log", False),
    (SourceSpec(path="eve.json", kind=K.JSON, column="dns.rrname"), K.JSON, "eve.json", False),
    (SourceSpec(path="-", kind=K.CSV, column="d"), K.CSV, "-", False),
])
def test_resolve(spec: SourceSpec, kind: SourceKind, target: str, live: bool) -> None:
    resolved = resolve(spec)
    assert (resolved.kind, resolved.target, resolved.live) == (kind, target, live)


@pytest.mark.parametrize(("spec", "message"), [
    (SourceSpec(path="a.txt", ct_logs=("https://ct.example/log",)), "give one input"),
    (SourceSpec(ct_logs=("ftp://ct.example/log",)), "http"),
    (SourceSpec(ct_logs=("https://ct.example/log", "ct.example/b")), "http"),
    (SourceSpec(ct_logs=("https://ct.example/log",), kind=K.LIST), "http"),
    (SourceSpec(kind=K.CT), "http"),
    (SourceSpec(certstream="https://certstream.example/"), "ws:// or wss://"),
    (SourceSpec(path="ws://x/", kind=K.LIST), "--format certstream"),
    (SourceSpec(path="https://lists.example/new.txt"), "--ct-log"),
    (SourceSpec(path="new.csv"), "--column NAME"),
    (SourceSpec(path="a.txt", kind=K.LIST, column="d"), "CSV, Zeek and JSON input"),
    (SourceSpec(path="eve.json", kind=K.JSON), "--column FIELD"),
])
def test_resolve_refuses_ambiguous_requests(spec: SourceSpec, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        resolve(spec)


def test_labels() -> None:
    assert resolve(SourceSpec()).label == "stdin"
    assert resolve(SourceSpec(path="a.txt")).label == "a.txt"


@pytest.mark.parametrize("zipped", [False, True])
def test_auto_detects_certstream_lines_by_first_byte(tmp_path: Path, zipped: bool) -> None:
    body = f"\n  {certificate_update(['acme-okta.com'])}\n{dns_entries(['b.com'])}\n".encode()
    path = tmp_path / "feed.log"
    path.write_bytes(gzip.compress(body) if zipped else body)
    assert list(open_names(SourceSpec(path=str(path)), print, io.BytesIO())) == [
        "acme-okta.com", "b.com"]


def test_auto_reads_a_list_from_stdin() -> None:
    stdin = io.BytesIO(b"acme-okta.com\n# c\nhttps://okta-acme.com/x\n")
    assert list(open_names(SourceSpec(), print, stdin)) == ["acme-okta.com", "okta-acme.com"]


def test_csv_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    path.write_text("when,domain\n1,acme-okta.com\n", encoding="utf-8")
    spec = SourceSpec(path=str(path), column="domain")
    assert list(open_names(spec, print, io.BytesIO())) == ["acme-okta.com"]


def test_forced_list_reads_json_lines_as_text(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("{weird}\nacme-okta.com\n", encoding="utf-8")
    found = list(open_names(SourceSpec(path=str(path), kind=K.LIST), print, io.BytesIO()))
    assert found == ["{weird}", "acme-okta.com"]  # the pipeline drops what is not a host


ZEEK_DNS = (
    "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
    "#path\tdns\n#fields\tts\tuid\tid.orig_h\tquery\tqtype_name\n"
    "#types\ttime\tstring\taddr\tstring\tstring\n"
    "1767225600.1\tC1\t10.0.0.5\tacme-okta.com\tA\n"
    "1767225600.2\tC2\t10.0.0.6\t-\t-\n"
)


@pytest.mark.parametrize("column", [None, "query"])
def test_auto_detects_a_zeek_log(tmp_path: Path, column: str | None) -> None:
    path = tmp_path / "dns.log"
    path.write_bytes(gzip.compress(ZEEK_DNS.encode()))  # rotated Zeek logs are gzipped
    assert list(open_names(SourceSpec(path=str(path), column=column), print,
                           io.BytesIO())) == ["acme-okta.com"]


def test_auto_reads_json_lines_at_the_column_and_csv_without_a_csv_name(
        tmp_path: Path) -> None:
    events = tmp_path / "eve.json"
    events.write_text('{"event_type": "dns", "dns": {"rrname": "acme-okta.com"}}\n'
                      '{"event_type": "flow"}\n', encoding="utf-8")
    spec = SourceSpec(path=str(events), column="dns.rrname")
    assert list(open_names(spec, print, io.BytesIO())) == ["acme-okta.com"]
    export = tmp_path / "export.txt"
    export.write_text("when,domain\n1,okta-acme.com\n", encoding="utf-8")
    spec = SourceSpec(path=str(export), column="domain")
    assert list(open_names(spec, print, io.BytesIO())) == ["okta-acme.com"]
