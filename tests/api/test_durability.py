"""A report answered with 201 is committed: several threads send reports to a real
``smishguard serve`` process, the process is killed with SIGKILL in the middle of the load,
restarted on the same database, and every acknowledged report must be found again by its id.

Requests in flight at the kill get no answer; they may or may not be stored, and nobody was
told either way, so they are counted but not required.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from serve_process import create_tenant, start_serve

SENDERS = 4
KILL_AFTER = 120  # acknowledged reports before the SIGKILL; the senders keep going until it
TEXT = "Okta IT (load {sender}-{n}): your password expires today, sign in at okta-sso-{n}.com"


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0
    acknowledged: dict[str, str] = field(default_factory=dict)  # id -> text
    refused: list[str] = field(default_factory=list)  # any answer other than 201
    unanswered: int = 0
    enough: threading.Event = field(default_factory=threading.Event)


def send_reports(base_url: str, key: str, sender: int, tally: Tally, stop: threading.Event) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        n = 0
        while not stop.is_set():
            n += 1
            text = TEXT.format(sender=sender, n=n)
            with tally.lock:
                tally.sent += 1
            try:
                answer = client.post("/v1/reports", json={
                    "text": text, "sender": "+15550100777", "reporter": f"+1555010{sender:04d}"})
            except httpx.TransportError:
                # The server died under us (or refuses connections now it is dead).
                with tally.lock:
                    tally.unanswered += 1
                return
            with tally.lock:
                if answer.status_code == 201:
                    tally.acknowledged[answer.json()["id"]] = text
                    if len(tally.acknowledged) >= KILL_AFTER:
                        tally.enough.set()
                else:
                    tally.refused.append(f"{answer.status_code} {answer.text[:200]}")


def test_acknowledged_reports_survive_sigkill(database_url: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state"
    key = create_tenant("Acme", state, database_url)
    server = start_serve(state, database_url)
    tally, stop = Tally(), threading.Event()
    senders = [threading.Thread(target=send_reports, args=(server.base_url, key, i, tally, stop))
               for i in range(SENDERS)]
    try:
        for thread in senders:
            thread.start()
        assert tally.enough.wait(timeout=120), "the server never acknowledged enough reports"
        server.kill()
    finally:
        server.kill()
        stop.set()
        for thread in senders:
            thread.join(timeout=60)
    assert tally.refused == []
    with tally.lock:
        acknowledged = dict(tally.acknowledged)

    restarted = start_serve(state, database_url)
    try:
        with httpx.Client(base_url=restarted.base_url, timeout=30,
                          headers={"Authorization": f"Bearer {key}"}) as client:
            found = 0
            for report_id, text in acknowledged.items():
                answer = client.get(f"/v1/reports/{report_id}")
                if answer.status_code == 200 and answer.json()["text"] == text:
                    found += 1
            stored = len(_all_report_ids(client))
    finally:
        restarted.stop()

    lost = len(acknowledged) - found
    backend = database_url.split(":", 1)[0].split("+", 1)[0]
    with capsys.disabled():
        print(f"\ndurability [{backend}]: sent {tally.sent}, acknowledged {len(acknowledged)}, "
              f"unanswered at the kill {tally.unanswered}, found after restart {found}, "
              f"lost {lost}; stored in all {stored}")
    assert len(acknowledged) >= KILL_AFTER
    assert lost == 0
    # Nothing appears that was never sent.
    assert len(acknowledged) <= stored <= tally.sent


def _all_report_ids(client: httpx.Client) -> set[str]:
    ids: set[str] = set()
    cursor: int | None = None
    while True:
        params: dict[str, int] = {"limit": 500} | ({"cursor": cursor} if cursor is not None
                                                   else {})
        page = client.get("/v1/reports", params=params).json()
        ids.update(item["id"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return ids
