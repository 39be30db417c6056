"""The scan and eval commands, through the real entry point (main) as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smishguard.cli import main

PHISH = "Twilio IT: your password has expired. Log in at twilio-sso.com within 24 hours"
LEGIT = "Your Twilio verification code is 482913. Do not share this code with anyone."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_scan_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", "--json", PHISH, LEGIT)
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["label"] == "phishing"
    assert second["label"] != "phishing"
    assert set(first) >= {"label", "score", "signals"}
    assert 0 <= first["score"] <= 1
    signal = first["signals"][0]
    assert set(signal) == {"detector", "weight", "reason", "evidence"}
    assert signal["detector"] == "url.lookalike"
    assert "twilio-sso.com" in signal["reason"]
    weights = [s["weight"] for s in first["signals"] if ".legit_" not in s["detector"]]
    assert weights == sorted(weights, reverse=True)


def test_scan_table_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", PHISH)
    assert code == 0
    assert "phishing" in out
    assert "twilio-sso.com" in out


def test_scan_reads_stdin(monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    class FakeStdin:
        buffer = __import__("io").BytesIO(PHISH.encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    code, out, _ = run(capsys, "scan", "--json", "-")
    assert code == 0
    assert json.loads(out)["label"] == "phishing"


def test_scan_file_keeps_order_and_reports_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text(
        "\n".join([json.dumps({"text": LEGIT}), "{oops", json.dumps({"text": PHISH})]) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "scan", "--json", "--file", str(path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("label") for line in lines] == [lines[0]["label"], None, "phishing"]
    assert lines[1]["row"] == 2
    assert "not valid JSON" in lines[1]["error"]
    assert code == 2
    assert err.count("\n") == 1
    assert "1 of 3 rows" in err


def test_sender_option_feeds_the_sender_detector(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Acme IT: your VPN password expires today, update it at https://acme-vpn.net"
    _, out, _ = run(capsys, "scan", "--json", "--sender", "+1 415 555 0134", text)
    signals = json.loads(out)["signals"]
    ids = {s["detector"] for s in signals}
    assert "sender.mobile_claims_organization" in ids
    shown = next(s["evidence"] for s in signals
                 if s["detector"] == "sender.mobile_claims_organization")
    assert "415 555" not in shown
    assert shown.endswith("34")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan"], "nothing to scan"),
        (["scan", "  "], "empty"),
        (["scan", "--file", "/nonexistent/x.csv"], "does not exist"),
        (["scan", "--file", "x.csv", "text"], "not both"),
        (["scan", "--policy", "/nonexistent.toml", "hi"], "does not exist"),
        (["eval", "/nonexistent.csv"], "does not exist"),
    ],
)
def test_errors_are_one_line_and_non_zero(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code != 0
    assert err.count("\n") == 1
    assert err.startswith("smishguard: error: ")
    assert message in err


def test_bad_policy_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text('[[brands]]\nname = "Acme"\ndomian = ["acme.com"]\n', encoding="utf-8")
    code, _, err = run(capsys, "scan", "--policy", str(bad), "hello")
    assert code == 2
    assert "brands[0].domian" in err


def test_eval_prints_the_measures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "l.csv"
    path.write_text(f'text,label\n"{PHISH}",smishing\n"{LEGIT}",ham\nsee you at 5,ham\n',
                    encoding="utf-8")
    code, out, _ = run(capsys, "eval", str(path))
    assert code == 0
    for word in ("precision", "recall", "F1", "false-positive rate on ham", "malicious"):
        assert word in out
    assert "recall     1.0000" in out


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    """The installed `smishguard` entry point, in a subprocess, on invalid UTF-8 input."""
    path = tmp_path / "bad.csv"
    path.write_bytes(b"text\nhello \xff\xfe world\n")
    script = Path(sys.executable).parent / "smishguard"
    done = subprocess.run([str(script), "scan", "--json", "--file", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert "not valid UTF-8" in done.stderr
    assert json.loads(done.stdout)["label"] == "clean"


def test_train_seed_default_is_the_shipped_seed() -> None:
    from smishguard.cli.train import SHIPPED_SEED
    from smishguard.textmodel.training import DEFAULT_SEED

    assert SHIPPED_SEED == DEFAULT_SEED


def test_scanning_never_imports_scikit_learn() -> None:
    code = (
        "import sys; from smishguard.cli import main; "
        "main(['scan', '--json', 'hello there']); "
        "assert 'sklearn' not in sys.modules, 'sklearn imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
