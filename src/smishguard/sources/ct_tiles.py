"""Read a static-CT log (c2sp.org/static-ct-api, "tiled"; Sunlight and others), as the RFC
6962 reader reads a classic one (:mod:`~smishguard.sources.ct_log`).

The log serves its tree size in ``<prefix>/checkpoint`` (a signed note: origin, size, root
hash) and its entries as data tiles of 256 at ``<prefix>/tile/data/<N>``, where N is written
in 3-digit path elements, all but the last prefixed with ``x`` (1234067 → ``x001/x234/067``).
The rightmost tile of a tree whose size is not a multiple of 256 is partial:
``<N>.p/<W>``, W entries wide. A partial tile may be gone once the full one exists, so the
full tile is asked for then. Tiles may come gzip-compressed (httpx inflates them).

The signatures are not checked: a watch looks for names, and a log that lies about its
entries only hides names from it, as a log that is down does.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from smishguard.model import CtName
from smishguard.sources.ct_entries import TileLeaf, names_in_certificate, tile_leaves
from smishguard.sources.ct_http import EndpointMissing, LogUnavailable, fetch

TILE_WIDTH = 256


def tile_path(index: int) -> str:
    """A tile's index as path elements: 5 → ``005``, 1234067 → ``x001/x234/067``."""
    groups = [f"{index % 1000:03d}"]
    index //= 1000
    while index:
        groups.append(f"x{index % 1000:03d}")
        index //= 1000
    return "/".join(reversed(groups))


class TiledLog:
    """The two reads a watcher needs from a static-CT log, over a client the caller owns."""

    size_call = "checkpoint"
    read_call = "data tile"
    span: int | None = TILE_WIDTH

    def __init__(self, url: str, client: httpx.Client) -> None:
        self.url = url.rstrip("/")
        self.client = client
        self._size = 0  # the last checkpoint's: says which tile is partial, and how wide
        self._tile: tuple[int, int, list[TileLeaf | None]] | None = None  # the last tile read

    def tree_size(self) -> int:
        """The checkpoint's tree size (its second line); EndpointMissing when there is none."""
        text = fetch(self.client, f"{self.url}/checkpoint", "checkpoint").text
        lines = text.split("\n")
        if len(lines) < 3 or not lines[1].isascii() or not lines[1].isdigit():
            raise LogUnavailable("checkpoint: no tree size on its second line")
        self._size = int(lines[1])
        return self._size

    def read(self, first: int, last: int,
             on_error: Callable[[str], None]) -> tuple[tuple[str, ...], int]:
        """The names of entries ``first`` up to ``last`` (inclusive) that lie in ``first``'s
        tile, and how many entries that is; unreadable entries are reported and passed."""
        index = first // TILE_WIDTH
        start = index * TILE_WIDTH
        width = min(TILE_WIDTH, self._size - start)
        if width <= first - start:
            return (), 0  # beyond the checkpoint: nothing to read yet
        leaves = self._leaves(index, width, on_error)
        end = min(last + 1, start + width)
        names: list[str] = []
        for at in range(first, end):
            leaf = leaves[at - start]
            if leaf is None:
                continue  # reported when the tile was read
            try:
                certificate = names_in_certificate(leaf.certificate_der)
            except ValueError as exc:
                on_error(f"CT log {self.url}: entry {at} unreadable ({exc}); skipped")
                continue
            names.extend(CtName(name, self.url, at, certificate) for name in certificate)
        return tuple(names), end - first

    def _leaves(self, index: int, width: int,
                on_error: Callable[[str], None]) -> list[TileLeaf | None]:
        """Tile ``index``'s first ``width`` entries; None for each that cannot be read."""
        if self._tile is not None and self._tile[:2] == (index, width):
            return self._tile[2]
        path = f"{self.url}/tile/data/{tile_path(index)}"
        what = f"data tile {index}"
        try:
            body = fetch(self.client, path if width == TILE_WIDTH else f"{path}.p/{width}", what)
        except EndpointMissing:
            if width == TILE_WIDTH:
                raise LogUnavailable(f"{what}: HTTP 404") from None
            try:  # the partial tile is gone once the tile is full
                body = fetch(self.client, path, what)
            except EndpointMissing:
                raise LogUnavailable(f"{what}: HTTP 404, partial and full") from None
        leaves: list[TileLeaf | None] = []
        try:
            for leaf in tile_leaves(body.content):
                leaves.append(leaf)
                if len(leaves) == width:
                    break
        except ValueError as exc:
            on_error(f"CT log {self.url}: {what} unreadable after {len(leaves)} entries "
                     f"({exc}); its other entries skipped")
        else:
            if len(leaves) < width:
                on_error(f"CT log {self.url}: {what} holds {len(leaves)} entries, not "
                         f"{width}; the missing ones skipped")
        leaves.extend([None] * (width - len(leaves)))
        self._tile = (index, width, leaves)
        return leaves
