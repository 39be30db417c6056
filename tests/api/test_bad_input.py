"""Bad input gets a 4xx with a JSON reason, never a 500 (both backends)."""

from __future__ import annotations

import pytest
from service_fixtures import Api


@pytest.mark.parametrize(("content", "content_type", "status", "reason"), [
    (b"{not json", "application/json", 422, "not valid JSON"),
    (b'{"text": ""}', "application/json", 422, "text"),
    (b'{"text": 5}', "application/json", 422, "text"),
    (b'{"txt": "hello"}', "application/json", 422, "text"),
    (b'{"text": "hi", "extra": 1}', "application/json", 422, "extra"),
    (b'{"text": "hi", "received_at": "yesterday"}', "application/json", 422, "received_at"),
    (b'{"text": "hi", "received_at": "2026-11-28T08:00:00"}', "application/json", 422,
     "received_at"),
    (b"[]", "application/json", 422, "invalid request"),
    (b"text=hello", "application/x-www-form-urlencoded", 415, "Content-Type: application/json"),
    (b"hello", "text/plain", 415, "not 'text/plain'"),
    (b'{"text": "hi"}', "", 415, "no content type"),
    (b"\xff\xfe\x00garbage", "application/json", 422, "not valid JSON"),
    (b'{"text": "' + b"a" * 10_001 + b'"}', "application/json", 422, "text"),
    # PostgreSQL cannot store NUL, and times beyond UTC's range cannot be stored at all.
    (b'{"text": "hi\\u0000there"}', "application/json", 422, "NUL"),
    (b'{"text": "hi", "reporter": "+1555\\u0000"}', "application/json", 422, "NUL"),
    (b'{"text": "hi", "received_at": "0001-01-01T00:00:00+10:00"}', "application/json", 422,
     "out of range"),
    (b'{"text": "hi", "received_at": "9999-12-31T23:59:59-10:00"}', "application/json", 422,
     "out of range"),
])
def test_bad_report_bodies(api: Api, content: bytes, content_type: str, status: int,
                           reason: str) -> None:
    acme = api.new_tenant("Acme")
    response = api.client.post("/v1/reports", content=content,
                               headers=acme.headers() | {"Content-Type": content_type})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert reason in response.json()["error"]
    assert api.store.reports.count(acme.tenant.id) == 0


def test_a_one_megabyte_body_is_refused_with_413(api: Api) -> None:
    acme = api.new_tenant("Acme")
    body = b'{"text": "' + b"a" * 1_000_000 + b'"}'
    response = api.client.post("/v1/reports", content=body,
                               headers=acme.headers() | {"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]


def test_a_streamed_body_over_the_limit_is_refused(api: Api) -> None:
    acme = api.new_tenant("Acme")

    def chunks():  # type: ignore[no-untyped-def]  # no Content-Length: chunked encoding
        for _ in range(200):
            yield b"a" * 10_000

    response = api.client.post("/v1/reports", content=chunks(),
                               headers=acme.headers() | {"Content-Type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/v1/nothing-here", 404),
    ("DELETE", "/v1/reports", 405),
    ("GET", "/v1/reports?limit=0", 422),
    ("GET", "/v1/reports?limit=100000", 422),
    ("GET", "/v1/reports?label=spam", 422),
    ("GET", "/v1/reports?cursor=-1", 422),
    ("GET", "/v1/reports?cursor=983696808514", 422),  # past PostgreSQL's 32-bit integers
    ("GET", "/v1/reports?q=a%00b", 422),
    ("GET", "/v1/reports?domain=%00", 422),
    ("GET", "/v1/reports?received_after=9999-12-31T23:59:59-10:00", 422),
    ("GET", "/v1/reports/no-such-id%00", 422),
    ("GET", "/v1/reports/no-such-id", 404),
    ("PUT", "/v1/reports/no-such-id/decision", 415),
])
def test_bad_paths_and_parameters(api: Api, method: str, path: str, status: int) -> None:
    acme = api.new_tenant("Acme")
    response = api.client.request(method, path, headers=acme.headers())
    assert response.status_code == status
    assert response.json()["error"]
