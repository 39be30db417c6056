"""/v1/alert-targets refuses what it cannot use with a 4xx JSON reason, is for admins only,
and never shows one tenant's targets to another (both backends)."""

from __future__ import annotations

from typing import Any

import pytest
from service_fixtures import Api

from smishguard.records import Role


@pytest.mark.parametrize(("body", "reason"), [
    ({"url": "ftp://example.com/hook"}, "must start with https:// or http://, not 'ftp'"),
    ({"url": "javascript:alert(1)"}, "must start with https:// or http://"),
    ({"url": "hooks.example.com/x"}, "must start with https:// or http://"),
    ({"url": "https://"}, "no host"),
    ({"url": "https://exa mple.com/"}, "spaces"),
    ({"url": "https://example.com:70000/"}, "not valid"),
    ({"url": "https://example.com/\u0000"}, "control characters"),
    ({"url": ""}, "url"),
    ({"url": "https://example.com/" + "a" * 2000}, "url"),
    ({"url": "https://example.com/", "format": "xml"}, "format"),
    ({"url": "https://example.com/", "secret": "mine"}, "secret"),
    ({"url": "https://example.com/", "events": ["report.created"]}, "events"),
    ({"url": "https://example.com/", "events": []}, "events"),
    ({"url": "https://example.com/", "events": "domain.lookalike_observed"}, "events"),
    ({}, "url"),
    ([], "invalid request"),
])
def test_unusable_targets_are_refused_with_a_reason(api: Api, body: Any, reason: str) -> None:
    acme = api.new_tenant("Acme")
    answer = api.client.post("/v1/alert-targets", headers=acme.headers(), json=body)
    assert answer.status_code == 422, answer.text
    assert reason in answer.json()["error"]
    assert api.store.alerts.targets(acme.tenant.id) == []


def test_targets_are_for_admins_only(api: Api) -> None:
    acme = api.new_tenant("Acme")
    _, analyst = api.key(acme, Role.ANALYST)
    body = {"url": "https://hooks.example.com/"}
    for method, path in (("POST", "/v1/alert-targets"), ("GET", "/v1/alert-targets"),
                         ("PATCH", "/v1/alert-targets/anything")):
        json_body = {"enabled": False} if method == "PATCH" else body
        denied = api.client.request(method, path, headers=acme.headers(analyst), json=json_body)
        assert denied.status_code == 403, (method, denied.text)
        assert "admin" in denied.json()["error"]
        anonymous = api.client.request(method, path, json=json_body)
        assert anonymous.status_code == 401


def test_a_tenant_never_sees_or_changes_anothers_targets(api: Api) -> None:
    acme, globex = api.new_tenant("Acme"), api.new_tenant("Globex")
    created = api.client.post("/v1/alert-targets", headers=acme.headers(),
                              json={"url": "https://hooks.acme.example/x"}).json()
    assert api.client.get("/v1/alert-targets", headers=globex.headers()).json() == []
    taken = api.client.patch(f"/v1/alert-targets/{created['id']}", headers=globex.headers(),
                             json={"enabled": False})
    assert taken.status_code == 404
    assert "no alert target" in taken.json()["error"]
    [mine] = api.client.get("/v1/alert-targets", headers=acme.headers()).json()
    assert mine["enabled"] is True


@pytest.mark.parametrize(("body", "status"), [
    ({"enabled": "maybe"}, 422), ({}, 422), ({"enabled": False, "url": "https://x.y/"}, 422),
])
def test_bad_updates_are_refused(api: Api, body: dict[str, Any], status: int) -> None:
    acme = api.new_tenant("Acme")
    created = api.client.post("/v1/alert-targets", headers=acme.headers(),
                              json={"url": "https://hooks.acme.example/x"}).json()
    answer = api.client.patch(f"/v1/alert-targets/{created['id']}", headers=acme.headers(),
                              json=body)
    assert answer.status_code == status
    assert answer.json()["error"]


def test_targets_want_json(api: Api) -> None:
    acme = api.new_tenant("Acme")
    answer = api.client.post("/v1/alert-targets", headers=acme.headers(),
                             content=b"url=https://x.y/")
    assert answer.status_code == 415
    assert "application/json" in answer.json()["error"]
