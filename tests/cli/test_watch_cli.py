"""``smishguard watch`` end to end: files, stdin, a local CT log and a local CertStream."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import watch_servers as servers
from click.testing import CliRunner, Result

import smishguard.cli.watch as watch_cli
from smishguard.errors import InvalidInput
from smishguard.model import Imitation, ImitationKind

watch_command = watch_cli.watch_command




class FakeIndex:
    """Any host with 'acme' in it but acme.com and its hosts imitates Acme (the engine has
    its own tests; here it is not the point)."""

    def match(self, host: str, leads: bool = False) -> Imitation | None:
        if "acme" not in host or host == "acme.com" or host.endswith(".acme.com"):
            return None
        return Imitation(domain=host, brand="Acme", kind=ImitationKind.KEYWORD, score=0.9,
                         matched="acme", reason=f"{host} imitates Acme")

    def is_own_domain(self, brand: str, domain: str) -> bool:
        return brand == "Acme" and domain == "acme.com"


@pytest.fixture
def fake_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_cli, "_lookalike_index", lambda policy: FakeIndex())


def run(args: list[str], stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(watch_command, args, input=stdin)


@pytest.mark.usefixtures("fake_index")
def test_list_on_stdin_prints_hits_and_a_summary() -> None:
    result = run([], b"acme-okta.com\nexample.org\n*.ACME-OKTA.COM.\n\xff\xfe\nnot a host\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "acme-okta.com\tAcme\tkeyword\t0.90\tacme-okta.com imitates Acme\n"
    assert "standard input: line 4 is not UTF-8" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "smishguard: watch: 4 names read, 1 hit, 1 error (1 not a host name, 1 repeated)")


@pytest.mark.usefixtures("fake_index")
def test_json_lines_have_the_documented_keys(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_text("acme-okta.com\nokta-acme.com\nexample.org\n", encoding="utf-8")
    result = run(["--json", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        {"domain": d, "brand": "Acme", "kind": "keyword", "score": 0.9,
         "reason": f"{d} imitates Acme", "source": str(path)}
        for d in ("acme-okta.com", "okta-acme.com")
    ]


@pytest.mark.usefixtures("fake_index")
def test_output_file_is_appended(tmp_path: Path) -> None:
    out = tmp_path / "hits.jsonl"
    for name in (b"acme-okta.com\n", b"acme-vpn.net\n"):
        result = run(["--json", "--output", str(out), "-"], name)
        assert result.exit_code == 0
        assert result.stdout == ""
    assert [json.loads(x)["domain"] for x in out.read_text().splitlines()] == [
        "acme-okta.com", "acme-vpn.net"]


@pytest.mark.usefixtures("fake_index")
def test_csv_column(tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    path.write_text("day,domain\n1,https://acme-okta.com/\n2,example.org\n", encoding="utf-8")
    result = run(["--column", "domain", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("acme-okta.com\tAcme")


@pytest.mark.usefixtures("fake_index")
def test_gzipped_certstream_lines_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "certstream-2026-01-01.log"  # no telling name: content decides
    body = "\n".join([servers.certificate_update(["acme-okta.com", "*.acme-okta.com"]),
                      servers.HEARTBEAT, servers.dns_entries(["example.org", "acme-vpn.net"])])
    path.write_bytes(gzip.compress(body.encode()))
    result = run([str(path), "--json"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(h["domain"], h.get("ct_log"), h.get("ct_index")) for h in hits] == [
        ("acme-okta.com", "https://ct.example.test/logs/x", 1_000_000),  # the message's entry
        ("acme-vpn.net", None, None)]  # domains-only messages name none
    assert "4 names read, 2 hits, 0 errors" in result.stderr


@pytest.mark.usefixtures("fake_index")
def test_dns_and_proxy_logs_are_read(tmp_path: Path) -> None:
    zeek = tmp_path / "dns.log"
    zeek.write_text("#separator \\x09\n#unset_field\t-\n#fields\tts\tuid\tquery\n"
                    "1.0\tC1\tacme-okta.com\n2.0\tC2\t-\n3.0\tC3\texample.org\n",
                    encoding="utf-8")
    eve = tmp_path / "eve.json"
    eve.write_text('{"event_type": "dns", "dns": {"rrname": "sso-acme.org"}}\n'
                   '{"event_type": "flow"}\n', encoding="utf-8")
    squid = tmp_path / "access.log"
    squid.write_text("1767225600.779 180 10.0.0.5 TCP_MISS/200 411 GET "
                     "https://acme-vpn.net/login - HIER_DIRECT/203.0.113.7 text/html\n",
                     encoding="utf-8")
    for args, hit in (([str(zeek)], "acme-okta.com"),
                      ([str(eve), "--column", "dns.rrname"], "sso-acme.org"),
                      ([str(squid)], "acme-vpn.net")):
        result = run(args)
        assert result.exit_code == 0, result.output
        assert result.stdout.split("\t")[0] == hit
        assert "0 errors" in result.stderr


@pytest.mark.usefixtures("fake_index")
def test_ct_log_with_state_resumes_without_rereading(tmp_path: Path) -> None:
    state = tmp_path / "argon.json"
    with servers.running_ct_log(servers.cert_entry(["acme-okta.com", "www.acme-okta.com"]),
                                servers.precert_entry(["example.org"], serial=2)) as log:
        args = ["--ct-log", log.url, "--state", str(state), "--ct-start", "0", "--once",
                "--json", "--batch-size", "1"]
        first = run(args)
        assert first.exit_code == 0, first.output
        assert [json.loads(x)["domain"] for x in first.stdout.splitlines()] == [
            "acme-okta.com", "www.acme-okta.com"]
        log.add(servers.precert_entry(["sso-acme.org"], serial=3))
        second = run(args)
        assert second.exit_code == 0, second.output
    hits = [json.loads(x) for x in second.stdout.splitlines()]
    assert [h["domain"] for h in hits] == ["sso-acme.org"]
    assert hits[0]["source"] == log.url
    assert (hits[0]["ct_log"], hits[0]["ct_index"]) == (log.url, 2)  # its certificate's entry
    assert hits[0]["seen_at"].endswith("+00:00")  # live feeds are stamped at the edge
    assert sorted(log.served) == [0, 1, 2]
    assert "3 names read" in first.stderr
    assert "1 name read" in second.stderr


def _log_list(*logs: dict[str, object], tiled: Sequence[dict[str, object]] = (),
              days_old: int = 0) -> str:
    """A CT log list in the shape of Chrome's log_list.json (v3), published ``days_old``
    days ago."""
    stamp = (datetime.now(UTC) - timedelta(days=days_old)).isoformat()
    return json.dumps({"version": "70.1", "log_list_timestamp": stamp,
                       "operators": [{"name": "Test", "email": ["ct@example.org"],
                                      "logs": list(logs), "tiled_logs": list(tiled)}]})


def _listed(url: str, state: str = "usable", until: str | None = None,
            key: str = "url") -> dict[str, object]:
    log: dict[str, object] = {"description": url, "log_id": "x", "key": "x", key: url + "/",
                              "mmd": 86400, "state": {state: {"timestamp": "2025-01-01T00:00:00Z"}}}
    if until is not None:
        log["temporal_interval"] = {"start_inclusive": "2025-01-01T00:00:00Z",
                                    "end_exclusive": until}
    return log


@pytest.mark.usefixtures("fake_index")
def test_several_ct_logs_are_followed_together_and_resumed(tmp_path: Path) -> None:
    state = tmp_path / "ct.json"
    with servers.running_ct_log(servers.cert_entry(["acme-okta.com"]),
                                servers.cert_entry(["example.org"], serial=2)) as a, \
            servers.running_ct_log(servers.precert_entry(["sso-acme.org"], serial=3)) as b:
        args = ["--ct-log", a.url, "--ct-log", b.url, "--state", str(state), "--ct-start", "0",
                "--once", "--json", "--batch-size", "1", "--ct-parallel", "2"]
        first = run(args)
        assert first.exit_code == 0, first.output
        b.add(servers.cert_entry(["acme-vpn.net"], serial=4))
        second = run(args)
        assert second.exit_code == 0, second.output
    hits = [json.loads(x) for x in first.stdout.splitlines()]
    assert sorted(h["domain"] for h in hits) == ["acme-okta.com", "sso-acme.org"]
    assert {h["source"] for h in hits} == {"2 CT logs"}
    assert sorted((h["domain"], h["ct_log"], h["ct_index"]) for h in hits) == [
        ("acme-okta.com", a.url, 0), ("sso-acme.org", b.url, 0)]  # each from its own log
    assert [json.loads(x)["domain"] for x in second.stdout.splitlines()] == ["acme-vpn.net"]
    assert json.loads(state.read_text()) == {"logs": {a.url: 2, b.url: 2}}
    assert "3 names read, 2 hits" in first.stderr


@pytest.mark.usefixtures("fake_index")
def test_look_alikes_certified_with_the_brands_own_domain_are_left_out() -> None:
    """Acme's defensive names on certificates that also name acme.com (or *.acme.com), in a
    classic log and a static-CT one, are Acme's: only the look-alike certified alone, and the
    one beside a host under acme.com (a forgotten subdomain taken over), are reported."""
    with servers.running_ct_log(servers.cert_entry(["acme.com", "acme-okta.com"]),
                                servers.cert_entry(["acme-vpn.net"], serial=2),
                                servers.precert_entry(["*.acme.com", "sso-acme.org"],
                                                      serial=3)) as log, \
            servers.running_tiled_log(
                servers.cert_entry(["acme-hr.net", "www.acme-hr.net", "acme.com"], serial=4),
                servers.cert_entry(["old.acme.com", "acme-sso.com"], serial=5)) as tiled:
        result = run(["--ct-log", log.url, "--ct-log", tiled.url, "--ct-start", "0", "--once",
                      "--json"])
    assert result.exit_code == 0, result.output
    hits = sorted((json.loads(x) for x in result.stdout.splitlines()), key=lambda h: h["domain"])
    assert [(h["domain"], h["ct_log"], h["ct_index"]) for h in hits] == [
        ("acme-sso.com", tiled.url, 1), ("acme-vpn.net", log.url, 1)]
    assert result.stderr.splitlines()[-1] == (
        "smishguard: watch: 10 names read, 2 hits, 4 left out as certified with the brand's "
        "own domain, 0 errors (0 not host names, 2 repeated)")  # acme.com, three times


@pytest.mark.usefixtures("fake_index")
def test_a_certstream_message_certifies_its_names_together(tmp_path: Path) -> None:
    path = tmp_path / "certstream.jsonl"
    path.write_text("\n".join([
        servers.certificate_update(["acme.com", "acme-okta.com"]),
        servers.dns_entries(["*.acme.com", "acme-vpn.net"]),
        servers.dns_entries(["sso-acme.org"])]), encoding="utf-8")
    result = run([str(path)])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["sso-acme.org"]
    assert "2 left out as certified with the brand's own domain" in result.stderr


@pytest.mark.usefixtures("fake_index")
def test_the_growing_logs_of_a_log_list_are_followed(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{servers.dead_port()}/log"
    with servers.running_ct_log(servers.cert_entry(["acme-okta.com"])) as usable, \
            servers.running_ct_log(servers.cert_entry(["sso-acme.org"], serial=2)) as shard, \
            servers.running_tiled_log(servers.precert_entry(["acme-hr.net"], serial=3)) as tiled:
        listing = tmp_path / "log_list.json"
        listing.write_text(_log_list(
            _listed(usable.url), _listed(shard.url, "qualified", until="2099-01-01T00:00:00Z"),
            _listed(dead, "retired"), _listed(dead, "readonly"),
            _listed(dead, until="2025-07-01T00:00:00Z"),
            tiled=[_listed(tiled.url, key="monitoring_url"),
                   _listed(dead, "pending", key="monitoring_url")]))
        result = run(["--ct-log-list", str(listing), "--ct-start", "0", "--once", "--json"])
    assert result.exit_code == 0, result.output
    hits = sorted((json.loads(x) for x in result.stdout.splitlines()), key=lambda h: h["domain"])
    assert [(h["domain"], h["ct_log"], h["ct_index"]) for h in hits] == [
        ("acme-hr.net", tiled.url, 0), ("acme-okta.com", usable.url, 0),
        ("sso-acme.org", shard.url, 0)]
    assert result.stderr.splitlines()[0] == (
        "smishguard: watch: following 3 CT logs of the list (1 of them static CT); left out: "
        "3 not taking new certificates, 1 for periods that have ended")
    assert "warning" not in result.stderr  # the dead URL was never asked


@pytest.mark.usefixtures("fake_index")
def test_an_old_log_list_is_followed_with_a_warning(tmp_path: Path) -> None:
    with servers.running_ct_log(servers.cert_entry(["acme-okta.com"])) as log:
        listing = tmp_path / "log_list.json"
        listing.write_text(_log_list(_listed(log.url), days_old=400))
        result = run(["--ct-log-list", str(listing), "--ct-start", "0", "--once"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("acme-okta.com\t")
    assert result.stderr.splitlines()[1] == (
        "smishguard: warning: the CT log list is 400 days old: logs opened since are not "
        "followed; download a fresh one")


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "is not JSON"),
    ('{"logs": []}', "has no 'operators' list"),
    (_log_list(_listed("https://ct.example/old", "retired")), "no log to follow"),
])
def test_a_log_list_that_is_not_one_is_refused(tmp_path: Path, text: str, message: str) -> None:
    listing = tmp_path / "list.json"
    listing.write_text(text)
    result = run(["--ct-log-list", str(listing), "--once"])
    assert isinstance(result.exception, InvalidInput)
    assert message in str(result.exception)
    missing = run(["--ct-log-list", str(tmp_path / "none.json")])
    assert "cannot read the CT log list" in str(missing.exception)


@pytest.mark.usefixtures("fake_index")
def test_certstream_feed_reconnects_then_gives_up_with_one_line() -> None:
    sessions = [[servers.certificate_update(["acme-okta.com"])],
                [servers.HEARTBEAT, servers.dns_entries(["acme-vpn.net", "example.org"])]]
    with servers.running_certstream(sessions, hold=False) as feed:
        result = run(["--certstream", feed.url, "--max-retries", "2", "--backoff", "0.001"])
    assert result.stdout.splitlines() == [
        "acme-okta.com\tAcme\tkeyword\t0.90\tacme-okta.com imitates Acme",
        "acme-vpn.net\tAcme\tkeyword\t0.90\tacme-vpn.net imitates Acme"]
    assert isinstance(result.exception, InvalidInput)
    assert "gave up after 3 failed attempts" in str(result.exception)
    assert result.stderr.count("reconnecting in") == 3  # drop, drop, refused; then give up
    assert result.stderr.splitlines()[-1].startswith("smishguard: watch: 3 names read, 2 hits")


@pytest.mark.usefixtures("fake_index")
def test_dead_certstream_is_a_clear_error_not_a_traceback() -> None:
    url = f"ws://127.0.0.1:{servers.dead_port()}/"
    result = run([url, "--max-retries", "1", "--backoff", "0.001"])
    assert isinstance(result.exception, InvalidInput)
    assert str(result.exception).startswith(f"certstream {url}: cannot connect (")
    assert "Traceback" not in result.output
    assert "reconnecting in" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--state", "s.json", "names.txt"], "apply to CT logs"),
    (["--once", "names.txt"], "apply to CT logs"),
    (["--ct-parallel", "4", "names.txt"], "apply to CT logs"),
    (["new.csv"], "--column NAME"),
    (["--ct-log", "https://ct.example/log", "names.txt"], "give one input"),
    (["missing-file.txt"], "does not exist"),
    (["--kit-copies", "1", "-"], "a kit has 2 copies or more"),
])
@pytest.mark.usefixtures("fake_index")
def test_misuse_is_invalid_input(args: list[str], message: str) -> None:
    result = run(args)
    assert isinstance(result.exception, InvalidInput)
    assert message in str(result.exception)
    assert "names read" not in result.stderr  # the error is the one line: no summary first


@pytest.mark.usefixtures("fake_index")
def test_warnings_go_through_the_live_display_on_a_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_cli, "stderr_is_terminal", lambda: True)
    result = run([], b"acme-okta.com\n\xff\n" + b"example.org\n" * 600)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("acme-okta.com\t")
    assert "line 2 is not UTF-8" in result.stderr
    assert "602 names read" not in result.stdout
    assert "601 names read, 1 hit, 1 error" in result.stderr


# --- with the real look-alike index and the real entry point ---------------------------------

FIXTURE_POLICY = Path(__file__).parents[1] / "fixtures" / "policy_fixture.toml"


def test_real_index_json_lines() -> None:
    result = run(["--policy", str(FIXTURE_POLICY), "--json", "-"],
                 b"acme-okta.com\nexample.org\n*.twilio-sso.com\nlogin.acme.com\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [sorted(line) for line in lines] == [
        ["brand", "domain", "kind", "reason", "score", "source"]] * 2
    assert [(x["domain"], x["brand"], x["kind"], x["source"]) for x in lines] == [
        ("acme-okta.com", "Acme", "keyword", "stdin"),
        ("twilio-sso.com", "Twilio", "keyword", "stdin")]
    assert "acme-okta.com imitates Acme" in lines[0]["reason"]


def test_main_turns_a_lost_feed_into_one_line_and_an_exit_code(
        capsys: pytest.CaptureFixture[str]) -> None:
    from smishguard.cli import main

    url = f"ws://127.0.0.1:{servers.dead_port()}/"
    code = main(["watch", "--certstream", url, "--max-retries", "0"])
    err = capsys.readouterr().err
    assert code == InvalidInput.exit_code
    assert "Traceback" not in err
    [line] = err.splitlines()  # no summary of a feed that gave nothing
    assert line.startswith(f"smishguard: error: certstream {url}: cannot connect")


def test_a_newly_registered_domains_archive_is_watched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A day of new registrations as the feeds send it: a ZIP of domain-names.txt. A broken
    archive is one line and an exit code."""
    from smishguard.cli import main

    feed = tmp_path / "2026-11-29.zip"
    with zipfile.ZipFile(feed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("domain-names.txt", "example.org\nacme-okta.com\ntwilio-sso.com\n")
    assert main(["watch", "--policy", str(FIXTURE_POLICY), str(feed)]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[:2] for line in out.splitlines()] == [
        ["acme-okta.com", "Acme"], ["twilio-sso.com", "Twilio"]]
    assert "3 names read, 2 hits, 0 errors" in err
    feed.write_bytes(feed.read_bytes()[:-30])  # cut short: its directory is at the end
    assert main(["watch", "--policy", str(FIXTURE_POLICY), str(feed)]) == InvalidInput.exit_code
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith(
        f"smishguard: error: {feed} is not a readable ZIP archive (")
    assert "Traceback" not in err


def test_a_ct_logs_certificates_say_whose_names_they_are() -> None:
    """The real index over a local CT log: Acme's own certificate keeps its defensive name
    out; a campaign's certificate raises its weak name beside a plain look-alike."""
    with servers.running_ct_log(
            servers.cert_entry(["acme.com", "acme-sso.com"]),
            servers.precert_entry(["acme-okta.com", "acme-team.com"], serial=2),
            servers.cert_entry(["acme-parts.com"], serial=3)) as log:
        result = run(["--policy", str(FIXTURE_POLICY), "--ct-log", log.url, "--ct-start", "0",
                      "--once", "--json"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(h["domain"], h["score"], h["ct_index"]) for h in hits] == [
        ("acme-okta.com", 0.88, 1), ("acme-team.com", 0.5, 1)]
    assert result.stderr.splitlines()[-1].startswith(
        "smishguard: watch: 5 names read, 2 hits, 1 left out as certified with the brand's "
        "own domain, 1 raised as certified with a look-alike, 0 errors")


def test_a_policys_not_lookalikes_are_not_reported(tmp_path: Path) -> None:
    policy = tmp_path / "p.toml"
    brand = '[[brands]]\nname = "Suncoast"\ndomains = ["suncoastcreditunion.com"]\n'
    names = b"mysuncoast.com\nwww.mysuncoast.com\nsuncoast-login.com\n"
    policy.write_text(brand, encoding="utf-8")
    before = run(["--policy", str(policy), "-"], names)
    assert [line.split("\t")[0] for line in before.stdout.splitlines()] == [
        "mysuncoast.com", "www.mysuncoast.com", "suncoast-login.com"]
    policy.write_text('not_lookalikes = ["mysuncoast.com"]\n' + brand, encoding="utf-8")
    after = run(["--policy", str(policy), "-"], names)
    assert after.exit_code == 0, after.output
    assert [line.split("\t")[0] for line in after.stdout.splitlines()] == ["suncoast-login.com"]


def test_kit_copies_are_reported_unless_turned_off(tmp_path: Path) -> None:
    policy = tmp_path / "darb.toml"
    policy.write_text('[[brands]]\nname = "Darb"\ndomains = ["darb.itc.gov.ae"]\n',
                      encoding="utf-8")
    kit = b"darb.qmobilitcma.com\ndarb.qmobilicco.com\ndarb.qmobiliizty.com\n"
    found = run(["--policy", str(policy), "-"], kit)
    assert found.exit_code == 0, found.output
    assert [line.split("\t")[:4] for line in found.stdout.splitlines()] == [
        [host, "Darb", "subdomain", "0.50"]
        for host in ("darb.qmobilitcma.com", "darb.qmobilicco.com", "darb.qmobiliizty.com")]
    assert found.stderr.splitlines()[-1].startswith(
        "smishguard: watch: 3 names read, 3 hits (3 of them a kit's copies), 0 errors")
    off = run(["--policy", str(policy), "--kit-copies", "0", "-"], kit)
    assert off.exit_code == 0, off.output
    assert off.stdout == ""
    assert "kit" not in off.stderr


@pytest.mark.data
def test_watch_over_the_shared_phishing_feed(shared_data: Path) -> None:
    feed = shared_data / "domains" / "phishing_feed.txt"
    result = run(["--json", str(feed)])
    assert result.exit_code == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("smishguard: watch: 49,972 names read")
    assert " 0 errors" in summary
    # an OpenPhish sample: brand look-alikes are a minority of it, but there are many
    assert len(hits) > 500
    assert {"keyword", "subdomain", "typo"} <= {h["kind"] for h in hits}


def test_standard_input_from_a_pipe_is_an_endless_feed(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    with open(read_end, encoding="utf-8") as pipe:
        os.close(write_end)
        assert watch_cli._is_endless(pipe)
    regular = tmp_path / "names.txt"
    regular.write_text("acme-okta.com\n", encoding="utf-8")
    with regular.open(encoding="utf-8") as file:
        assert not watch_cli._is_endless(file)
    assert not watch_cli._is_endless(io.StringIO("acme-okta.com\n"))


@pytest.mark.usefixtures("fake_index")
def test_hits_from_an_endless_standard_input_are_stamped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_cli, "_is_endless", lambda stream: True)
    result = run(["--json"], b"acme-okta.com\nexample.org\n")
    assert result.exit_code == 0, result.output
    hit = json.loads(result.stdout)
    assert hit["domain"] == "acme-okta.com"
    assert hit["seen_at"].endswith("+00:00")  # as on a live feed: when the watch read it
    monkeypatch.setattr(watch_cli, "_is_endless", lambda stream: False)
    assert "seen_at" not in json.loads(run(["--json"], b"acme-okta.com\n").stdout)
