"""The file of CT log positions: several logs in one file, the old one-log form still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smishguard.errors import InvalidInput
from smishguard.sources.ct_state import PositionFile


def test_positions_of_several_logs_share_one_file_and_keep_the_others(tmp_path: Path) -> None:
    state = tmp_path / "ct.json"
    first = PositionFile(state)
    assert first.get("https://a.example/log") is None
    first.save("https://a.example/log/", 10)  # the trailing slash names the same log
    first.save("https://b.example/log", 3)
    again = PositionFile(state)
    assert again.get("https://a.example/log") == 10
    assert again.get("https://b.example/log/") == 3
    # a watch that follows only b keeps a's position as it was
    again.save("https://b.example/log", 7)
    assert json.loads(state.read_text()) == {
        "logs": {"https://a.example/log": 10, "https://b.example/log": 7}}
    assert [p.name for p in tmp_path.iterdir()] == ["ct.json"]  # no temporary file left


def test_the_one_log_form_of_earlier_versions_is_read(tmp_path: Path) -> None:
    state = tmp_path / "old.json"
    state.write_text('{"log": "https://ct.example/log", "next_index": 42}\n')
    positions = PositionFile(state)
    assert positions.get("https://ct.example/log") == 42
    assert positions.get("https://other.example/log") is None  # begins at --ct-start / the end
    positions.save("https://other.example/log", 5)
    assert PositionFile(state).get("https://ct.example/log") == 42


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "is unreadable"),
    ("{}", "has no positions of CT logs"),
    ('{"logs": {"https://a.example": -1}}', "has no positions of CT logs"),
    ('{"logs": {"https://a.example": true}}', "has no positions of CT logs"),
    ('{"log": "https://a.example", "next_index": "5"}', "has no positions of CT logs"),
    ("[1, 2]", "has no positions of CT logs"),
])
def test_a_broken_state_file_is_refused_with_what_to_do(
    tmp_path: Path, text: str, message: str
) -> None:
    state = tmp_path / "s.json"
    state.write_text(text)
    with pytest.raises(InvalidInput, match=message) as raised:
        PositionFile(state)
    assert "fix or delete it" in str(raised.value)


def test_unwritable_state_is_invalid_input(tmp_path: Path) -> None:
    positions = PositionFile(tmp_path / "missing-dir" / "s.json")
    with pytest.raises(InvalidInput, match="cannot write state file"):
        positions.save("https://ct.example/log", 1)
