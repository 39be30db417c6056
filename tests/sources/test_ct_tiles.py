"""Following a static-CT log (checkpoint and data tiles), against a local one on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ct_log import FAST
from watch_servers import (
    Entry,
    TiledLogServer,
    cert_entry,
    precert_entry,
    running_ct_log,
    running_tiled_log,
    tile_leaf,
)

from smishguard.sources.ct_entries import EntryType, tile_leaves
from smishguard.sources.ct_log import CtReadOptions, ct_log_names
from smishguard.sources.ct_logs import ct_logs_names
from smishguard.sources.ct_tiles import tile_path

# Ten distinct entries, repeated: entry i names site{i % 10}.example (certificates are slow to
# make, and a tile holds 256).
_TEN = [(precert_entry if i % 2 else cert_entry)([f"site{i}.example"], serial=i + 1)
        for i in range(10)]


def log_entries(count: int) -> list[Entry]:
    return [_TEN[i % 10] for i in range(count)]


def names(first: int, end: int) -> list[str]:
    return [f"site{i % 10}.example" for i in range(first, end)]


def read(log: TiledLogServer, opts: CtReadOptions, errors: list[str] | None = None) -> list[str]:
    return list(ct_log_names(log.url, (errors if errors is not None else []).append, opts,
                             sleep=lambda _: None))


def tiles_asked(log: TiledLogServer) -> list[str]:
    return [p.removeprefix("/static/test2026h2/tile/data/") for p in log.requests
            if "/tile/data/" in p]


@pytest.mark.parametrize(("index", "path"), [
    (0, "000"), (5, "005"), (999, "999"), (1000, "x001/000"), (1234067, "x001/x234/067"),
    (10**9, "x001/x000/x000/000"),
])
def test_tile_indexes_are_written_in_groups_of_three(index: int, path: str) -> None:
    assert tile_path(index) == path


def test_tile_leaves_read_both_kinds_of_entry() -> None:
    leaves = list(tile_leaves(b"".join(tile_leaf(e) for e in _TEN[:4])))
    assert [leaf.entry_type for leaf in leaves] == [EntryType.X509, EntryType.PRECERT] * 2
    with pytest.raises(ValueError, match="truncated certificate chain"):
        list(tile_leaves(tile_leaf(_TEN[0])[:-5]))


@pytest.mark.parametrize("compress", [True, False])
def test_a_tiled_log_is_found_by_its_checkpoint_and_read_by_tiles(compress: bool) -> None:
    with running_tiled_log(*log_entries(300), compress=compress) as log:
        errors: list[str] = []
        found = read(log, CtReadOptions(start=0, polls=1), errors)
    assert found == names(0, 300)
    assert errors == []
    assert tiles_asked(log) == ["000", "001.p/44"]  # the full tile, then the partial one
    assert log.requests[0] == "/static/test2026h2/ct/v1/get-sth"  # not an RFC 6962 log


def test_small_batches_share_a_tile_and_start_inside_it() -> None:
    with running_tiled_log(*log_entries(300)) as log:
        found = read(log, CtReadOptions(start=250, batch_size=7, polls=1))
    assert found == names(250, 300)
    assert tiles_asked(log) == ["000", "001.p/44"]  # each tile fetched once


def test_a_growing_log_is_followed_and_a_gone_partial_tile_is_read_whole(
        tmp_path: Path) -> None:
    state = tmp_path / "ct.json"
    with running_tiled_log(*log_entries(300)) as log:
        opts = CtReadOptions(state_path=state, start=0, polls=1)
        assert read(log, opts) == names(0, 300)
        log.add(*log_entries(520)[300:])
        assert read(log, opts) == names(300, 520)  # a restart: from the saved position
        assert json.loads(state.read_text()) == {"logs": {log.url: 520}}
        # the checkpoint lags: it says 530 while the tiles hold 800, so the partial tile of
        # 530 is gone and the full tile is read instead, up to the checkpoint's size
        log.add(*log_entries(800)[520:])
        log.checkpoint_size = 530
        assert read(log, opts) == names(520, 530)
    assert tiles_asked(log) == ["000", "001.p/44", "001", "002.p/8", "002.p/18", "002"]


def test_an_unreadable_tile_is_reported_and_passed(tmp_path: Path) -> None:
    state = tmp_path / "ct.json"
    with running_tiled_log(*log_entries(5)) as log:
        log.tile_bytes[0] = b"".join(tile_leaf(e) for e in _TEN[:3]) + b"\x00garbage"
        errors: list[str] = []
        found = read(log, CtReadOptions(state_path=state, start=0, polls=1), errors)
    assert found == names(0, 3)
    assert len(errors) == 1
    assert errors[0].startswith(f"CT log {log.url}: data tile 0 unreadable after 3 entries (")
    assert errors[0].endswith("); its other entries skipped")
    assert json.loads(state.read_text()) == {"logs": {log.url: 5}}  # moved past them


def test_a_short_tile_is_reported_and_its_missing_entries_passed() -> None:
    with running_tiled_log(*log_entries(5)) as log:
        log.tile_bytes[0] = b"".join(tile_leaf(e) for e in _TEN[:2])
        errors: list[str] = []
        found = read(log, CtReadOptions(start=0, polls=1), errors)
    assert found == names(0, 2)
    assert errors == [f"CT log {log.url}: data tile 0 holds 2 entries, not 5; the missing "
                      "ones skipped"]


def test_failures_are_retried() -> None:
    with running_tiled_log(*log_entries(3)) as log:
        log.fail_next = 3  # get-sth probe, then two more
        errors: list[str] = []
        found = read(log, CtReadOptions(start=0, polls=1, backoff=FAST), errors)
    assert found == names(0, 3)
    assert len(errors) == 3
    assert all("HTTP 503; retrying" in e for e in errors)


def test_a_tiled_log_and_a_classic_one_are_followed_together() -> None:
    with running_tiled_log(*log_entries(3)) as tiled, running_ct_log(_TEN[5]) as classic:
        found = list(ct_logs_names([tiled.url, classic.url], print,
                                   CtReadOptions(start=0, polls=1)))
    assert sorted(found) == sorted([*names(0, 3), "site5.example"])


def test_parallel_reading_takes_each_tile_once_from_inside_one() -> None:
    with running_tiled_log(*log_entries(1100)) as log:
        found = read(log, CtReadOptions(start=250, batch_size=100, parallel=4, polls=1))
    assert found == names(250, 1100)
    assert sorted(tiles_asked(log)) == ["000", "001", "002", "003", "004.p/76"]
