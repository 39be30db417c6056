"""Where each followed CT log is up to: one small JSON file for every log a watch follows.

The file maps each log's URL to the next entry to read::

    {"logs": {"https://ct.example/2026h1": 1234, "https://ct.example/2026h2": 88}}

It is rewritten atomically (a temporary file, fsync, rename), so a crash leaves the old or the
new file, never half of one. Logs the file names that are not being followed now keep their
positions. The one-log form of earlier versions, ``{"log": URL, "next_index": N}``, is still
read.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from smishguard.errors import InvalidInput


def log_key(url: str) -> str:
    """A log's URL as the file keys it (without the trailing slash)."""
    return url.rstrip("/")


class PositionFile:
    """The saved positions, read once; :meth:`save` writes them all back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._positions = _read(path)

    def get(self, url: str) -> int | None:
        """The next entry to read of this log; None when the file has no position for it."""
        return self._positions.get(log_key(url))

    def save(self, url: str, next_index: int) -> None:
        self._positions[log_key(url)] = next_index
        body = json.dumps({"logs": self._positions}, indent=1, sort_keys=True) + "\n"
        path = self.path
        try:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
            ) as tmp:
                tmp.write(body)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp.name, path)
        except OSError as exc:
            raise InvalidInput(f"cannot write state file {path}: {exc.strerror or exc}") from exc


def _read(path: Path) -> dict[str, int]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"state file {path} is unreadable ({exc}); fix or delete it") from exc
    if isinstance(raw, dict) and isinstance(raw.get("log"), str) and _is_index(
            raw.get("next_index")):  # fmt: skip
        return {log_key(raw["log"]): raw["next_index"]}  # the one-log form
    logs = raw.get("logs") if isinstance(raw, dict) else None
    if not isinstance(logs, dict) or not all(
            isinstance(url, str) and _is_index(at) for url, at in logs.items()):  # fmt: skip
        raise InvalidInput(f"state file {path} has no positions of CT logs "
                           '({"logs": {URL: next entry}}); fix or delete it')
    return {log_key(url): at for url, at in logs.items()}


def _is_index(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
