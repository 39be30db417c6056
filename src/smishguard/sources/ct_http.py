"""The HTTP side shared by both CT log APIs: a GET whose failures say whether to retry."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from smishguard.sources.backoff import retry_after


class LogUnavailable(Exception):
    """A log request failed in a way worth retrying (network, 5xx, 429, garbled body);
    ``retry_after``: the seconds the log asked to wait, if it did."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class EndpointMissing(Exception):
    """The log answered 404: it does not serve this path (another API, or a wrong URL)."""


def fetch(client: httpx.Client, url: str, what: str,
          params: Mapping[str, int] | None = None) -> httpx.Response:
    """GET ``url``; the 200 response, else EndpointMissing (404) or LogUnavailable."""
    try:
        response = client.get(url, params=params)
    except httpx.HTTPError as exc:
        raise LogUnavailable(f"{what}: {exc or type(exc).__name__}") from exc
    if response.status_code == 404:
        raise EndpointMissing(what)
    if response.status_code != 200:
        raise LogUnavailable(f"{what}: HTTP {response.status_code}",
                             retry_after(response.headers.get("Retry-After")))
    return response
