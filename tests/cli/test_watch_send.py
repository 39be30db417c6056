"""``smishguard watch --send URL``: hits sent to a smishguard service, end to end against the
real service on loopback (both backends), and against a stand-in that fails on cue."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import watch_servers as servers
from alert_receiver import Receiver, receiving
from service_fixtures import Api

from smishguard.cli import main
from smishguard.cli.watch import API_KEY_VARIABLE
from smishguard.sinks.service import ServiceSink
from smishguard.sources.backoff import Backoff

HITS = ["okta-verify-login.com", "okta-sso-login.com"]
NAMES = "okta-verify-login.com\nexample.org\nokta-sso-login.com\nokta.com\n"


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str
    source: str  # as the service keeps it: the file's path, cut to 64 characters

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


Runner = Callable[[list[str], str, "str | None"], Run]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Runner:
    """``smishguard watch ARGS FILE`` as a user runs it (errors as one line and an exit code),
    the names in FILE, the key in the environment (or none)."""

    def running(args: list[str], names: str, key: str | None) -> Run:
        path = tmp_path / "names.txt"
        path.write_text(names, encoding="utf-8")
        if key is None:
            monkeypatch.delenv(API_KEY_VARIABLE, raising=False)
        else:
            monkeypatch.setenv(API_KEY_VARIABLE, key)
        capsys.readouterr()
        code = main(["watch", *args, str(path)])
        out, err = capsys.readouterr()
        return Run(code, out, err, str(path)[:64])

    return running


@pytest.fixture
def stand_in() -> Iterator[Receiver]:
    with receiving(status=202) as receiver:
        yield receiver


def test_hits_reach_the_service_and_are_kept_for_the_tenant(api: Api, run: Runner) -> None:
    acme = api.new_tenant("Acme")
    result = run(["--send", str(api.client.base_url)], NAMES, acme.admin_key)
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == HITS
    assert ", 2 sent to the service, 0 errors" in result.stderr.splitlines()[-1]
    assert acme.admin_key not in result.output
    kept = api.client.get("/v1/domains", headers=acme.headers()).json()["items"]
    assert sorted(row["domain"] for row in kept) == sorted(HITS)
    assert {row["brand"] for row in kept} == {"Okta"}
    assert {row["source"] for row in kept} == {result.source}


def test_hits_from_a_ct_log_reach_the_service_with_their_entries(
        api: Api, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    acme = api.new_tenant("Acme")
    monkeypatch.setenv(API_KEY_VARIABLE, acme.admin_key)
    with servers.running_ct_log(servers.cert_entry(["example.org"]),
                                servers.precert_entry(HITS, serial=2)) as log:
        code = main(["watch", "--ct-log", log.url, "--ct-start", "0", "--once",
                     "--send", str(api.client.base_url)])
    assert code == 0, capsys.readouterr()
    kept = api.client.get("/v1/domains", headers=acme.headers()).json()["items"]
    assert sorted((row["domain"], row["ct_log"], row["ct_index"]) for row in kept) == sorted(
        (hit, log.url, 1) for hit in HITS)


def test_a_hit_raised_by_its_certificate_is_raised_in_the_service_too(
        api: Api, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """okta-team.com alone is weak (0.35); certified with okta-verify-login.com the watch
    reports it at 0.5, and the service, given the certificate's names, keeps and alerts it
    so too, rather than judging it alone."""
    acme = api.new_tenant("Acme")
    monkeypatch.setenv(API_KEY_VARIABLE, acme.admin_key)
    with servers.running_ct_log(
            servers.precert_entry(["okta-verify-login.com", "okta-team.com"])) as log:
        code = main(["watch", "--ct-log", log.url, "--ct-start", "0", "--once", "--json",
                     "--send", str(api.client.base_url)])
    out, err = capsys.readouterr()
    assert code == 0, err
    printed = {hit["domain"]: hit for hit in map(json.loads, out.splitlines())}
    assert printed["okta-team.com"]["score"] == 0.5
    assert printed["okta-team.com"]["certified_with"] == ["okta-verify-login.com"]
    kept = {row["domain"]: row for row in api.client.get(
        "/v1/domains", headers=acme.headers()).json()["items"]}
    assert (kept["okta-team.com"]["score"], kept["okta-team.com"]["reason"]) == (
        0.5, printed["okta-team.com"]["reason"])


def test_a_refused_or_missing_key_ends_the_watch_with_one_line(api: Api, run: Runner) -> None:
    refused = run(["--send", str(api.client.base_url)], NAMES, "sg_not-a-key")
    assert refused.exit_code == 2
    assert refused.stderr.strip().startswith("smishguard: error: service ")
    assert "refused the key in SMISHGUARD_API_KEY (401" in refused.stderr
    assert "sg_not-a-key" not in refused.output
    assert "Traceback" not in refused.output
    missing = run(["--send", str(api.client.base_url)], NAMES, None)
    assert missing.exit_code == 2
    assert "needs an API key with the ingest role in SMISHGUARD_API_KEY" in missing.stderr
    bad_url = run(["--send", "ftp://example.org"], NAMES, "k")
    assert bad_url.exit_code == 2
    assert "give the service's http:// or https:// address" in bad_url.stderr


def test_a_busy_service_gets_the_hits_again_until_it_takes_them(
        stand_in: Receiver, run: Runner) -> None:
    stand_in.script = [503, 502]
    result = run(["--send", stand_in.url(""), "--backoff", "0"], NAMES, "k1")
    assert result.exit_code == 0, result.output
    assert [r.path for r in stand_in.requests] == ["/v1/domains"] * 3
    bodies = [json.loads(r.body) for r in stand_in.requests]
    assert all(b == {"domains": HITS, "source": result.source} for b in bodies)  # none lost
    assert stand_in.requests[0].headers["authorization"] == "Bearer k1"
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2
    assert "answered 503" in warnings[0]


def test_a_service_asking_to_wait_is_waited_for_as_long_as_it_asks(stand_in: Receiver) -> None:
    stand_in.script, stand_in.retry_after = [429], "12"
    waits: list[float] = []
    warnings: list[str] = []
    sink = ServiceSink(stand_in.url(""), "k1", "names.txt", Backoff(initial=0.01, jitter=0.0),
                       on_error=warnings.append, sleep=waits.append, batch=2)
    sink.add("okta-sso-login.com")
    sink.add("okta-verify-login.com")  # the batch is sent: 429, a wait, then 202
    sink.close()
    assert waits == [12.0]
    assert warnings[0].endswith("sending again in 12.00 s (attempt 1 of 10)")
    assert sink.sent == 2
    assert len(stand_in.requests) == 2


def test_the_watch_gives_up_after_its_retries_and_says_what_was_not_sent(
        stand_in: Receiver, run: Runner) -> None:
    stand_in.status = 503
    result = run(["--send", stand_in.url(""), "--backoff", "0", "--max-retries", "1"],
                 NAMES, "k1")
    assert result.exit_code == 2
    assert len(stand_in.requests) == 2
    assert "gave up after 2 failed attempts with 2 hits not sent" in result.stderr
    assert "Traceback" not in result.output


def test_a_file_goes_in_batches_of_a_hundred(stand_in: Receiver, run: Runner) -> None:
    names = "".join(f"okta-sso-{n}.com\n" for n in range(250))
    result = run(["--send", stand_in.url("")], names, "k1")
    assert result.exit_code == 0, result.output
    sizes = [len(json.loads(r.body)["domains"]) for r in stand_in.requests]
    assert sizes == [100, 100, 50]
