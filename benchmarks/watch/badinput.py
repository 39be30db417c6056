"""Bad input through the real ``smishguard watch`` command: what stderr says, and whether the
watch goes on to the look-alikes after the bad part (or ends cleanly when the feed is dead).
Loopback only: the dead WebSocket is a port on 127.0.0.1 that nothing listens on."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    args: list[str]
    expect: tuple[str, ...]  # look-alikes placed after the bad part, which must be reported


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    exit_code: int
    seconds: float
    reported: tuple[str, ...]
    stderr: list[str]

    @property
    def went_on(self) -> bool:
        return set(self.case.expect) <= set(self.reported)

    @property
    def traceback(self) -> bool:
        return any("Traceback" in line for line in self.stderr)


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _certificate(names: list[str]) -> str:
    return json.dumps({"message_type": "certificate_update",
                       "data": {"leaf_cert": {"all_domains": names}}})


def cases(work: Path) -> list[Case]:
    garbage = work / "garbage.txt"
    garbage.write_bytes(b"\n".join([
        b"\xff\xfe\xfa not utf-8 \xc3\x28", "\u202emoc.lapyap".encode(), b"nul\x00byte.com",
        "\U0001f600\U0001f4a9.com".encode(), "\u0440\u0430\u0443\u0440\u0430l.com".encode(),
        b"\x1b[31mred.com", ("x" * 300 + ".com").encode(), b"..", b"-.-",
        "ｐａｙｐａｌ－ｌｏｇｉｎ．ｃｏｍ".encode(), b"paypal-secure-login.xyz",
    ]) + b"\n")
    huge = work / "huge.txt"
    with huge.open("wb") as out:
        out.write(b"coinbase-verify.com\n" + b"a" * (10 * 1024 * 1024) + b"\n")
        out.write(b"secure-paypal-help.top\n")
    stream = work / "certstream.jsonl"
    stream.write_text("\n".join([
        _certificate(["ledger-support.com", "*.ledger-support.com"]), "{broken json",
        json.dumps({"message_type": "nope"}), "[1, 2, 3]", '{"message_type": "certificate_update"}',
        json.dumps({"message_type": "dns_entries", "data": ["trezor-login.app", 7]}),
        _certificate(["metamask-wallet-verify.io"]),
    ]) + "\n", encoding="utf-8")
    dead = f"ws://127.0.0.1:{_dead_port()}/"
    return [
        Case("non-ASCII garbage, control characters, NUL, bad UTF-8", [str(garbage)],
             ("paypal-secure-login.xyz",)),
        Case("a 10 MB line", [str(huge)], ("coinbase-verify.com", "secure-paypal-help.top")),
        Case("broken JSON in a CertStream file", [str(stream)],
             ("ledger-support.com", "metamask-wallet-verify.io")),
        Case("dead WebSocket (--certstream, closed loopback port)",
             ["--certstream", dead, "--max-retries", "2", "--backoff", "0.05"], ()),
    ]


def run(policy: Path, work: Path) -> list[Outcome]:
    command = [str(Path(sys.executable).with_name("smishguard")), "watch", "--policy", str(policy)]
    outcomes = []
    for case in cases(work):
        start = time.perf_counter()
        done = subprocess.run([*command, *case.args], capture_output=True, text=True,
                              errors="replace", timeout=120, check=False)
        reported = tuple(line.split("\t")[0] for line in done.stdout.splitlines() if line)
        outcomes.append(Outcome(case, done.returncode, time.perf_counter() - start, reported,
                                done.stderr.splitlines()))
    return outcomes


def markdown(outcomes: list[Outcome]) -> str:
    rows = ["| input | exit | s | went on (look-alikes after it reported) | traceback |",
            "|---|---|---|---|---|"]
    details = []
    for o in outcomes:
        went_on = ("n/a (no names)" if not o.case.expect
                   else f"{'yes' if o.went_on else 'NO'}: {', '.join(o.reported) or '-'}")
        rows.append(f"| {o.case.name} | {o.exit_code} | {o.seconds:.1f} | {went_on} | "
                    f"{'YES' if o.traceback else 'no'} |")
        details.append(f"stderr, {o.case.name}:")
        details += [f"    {line[:150]}" for line in o.stderr[:6]]
        if len(o.stderr) > 7:
            details.append(f"    ... ({len(o.stderr) - 7} more lines)")
        if len(o.stderr) > 6:
            details.append(f"    {o.stderr[-1][:150]}")
    return "\n".join(rows) + "\n\n```text\n" + "\n".join(details) + "\n```"
