"""GET /v1/domains reads a tenant's observed names a page at a time, filtered, on both
backends; a cursor it did not give is a 422 with a reason."""

from __future__ import annotations

from typing import Any

from service_fixtures import Api, TenantHandle

ACME = 'include_default_brands = false\n[[brands]]\nname = "Acme"\ndomains = ["acme.com"]\n'


def observe(api: Api, handle: TenantHandle, names: list[str]) -> None:
    answer = api.client.post("/v1/domains", headers=handle.headers(), json={"domains": names})
    assert answer.status_code == 202, answer.text


def get(api: Api, handle: TenantHandle, **params: Any) -> Any:
    return api.client.get("/v1/domains", headers=handle.headers(), params=params)


def test_pages_and_filters(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    lookalikes = [f"acme-sso-{n:02}.com" for n in range(30)]
    observe(api, acme, [*lookalikes, "example.org", "bakery.net"])
    api.clock.advance(minutes=1)
    observe(api, acme, ["acme-okta.com"])
    assert api.client.put("/v1/domains/acme-sso-03.com/decision", headers=acme.headers(),
                          json={"decision": "phishing"}).status_code == 200
    read: list[str] = []
    cursor = None
    while True:
        page = get(api, acme, lookalikes="true", limit=12,
                   **({"cursor": cursor} if cursor else {})).json()
        read += [row["domain"] for row in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert read == ["acme-okta.com", *sorted(lookalikes, reverse=True)]
    assert len(get(api, acme).json()["items"]) == 33
    undecided = get(api, acme, q="sso-0", undecided="true", brand="Acme").json()
    assert [row["domain"] for row in undecided["items"]] == [
        f"acme-sso-0{n}.com" for n in (9, 8, 7, 6, 5, 4, 2, 1, 0)]
    assert get(api, acme, brand="Okta").json() == {"items": [], "next_cursor": None}


def test_a_cursor_it_did_not_give_is_refused(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    for cursor in ("nonsense", "Zm9vIGJhcg", "bm8gc3BhY2U"):
        answer = get(api, acme, cursor=cursor)
        assert answer.status_code == 422, answer.text
        assert "cursor" in answer.json()["error"]
    assert get(api, acme, limit=0).status_code == 422


def test_a_name_keeps_the_ct_entry_it_was_first_seen_in(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    log = "https://ct.example/2026h1"

    def send(names: list[str], entries: dict[str, Any]) -> Any:
        return api.client.post("/v1/domains", headers=acme.headers(),
                               json={"domains": names, "ct_entries": entries})

    assert send(["acme-okta.com", "example.org"],
                {"acme-okta.com": {"log": log, "index": 41227}}).status_code == 202
    assert send(["acme-okta.com", "example.org"],  # seen again: the first entry stays,
                {"acme-okta.com": {"log": log, "index": 99},  # an empty one is filled
                 "example.org": {"log": log, "index": 100}}).status_code == 202
    rows = {row["domain"]: row for row in get(api, acme).json()["items"]}
    assert (rows["acme-okta.com"]["ct_log"], rows["acme-okta.com"]["ct_index"]) == (log, 41227)
    assert (rows["example.org"]["ct_log"], rows["example.org"]["ct_index"]) == (log, 100)
    assert rows["acme-okta.com"]["times_seen"] == 2
    observe(api, acme, ["acme-vpn.net"])  # from a list: no entry
    plain = get(api, acme, q="vpn").json()["items"][0]
    assert (plain["ct_log"], plain["ct_index"]) == (None, None)


def test_a_lookalike_keeps_the_certificate_it_was_first_sent_with(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)

    def send(names: list[str], certified_with: dict[str, list[str]]) -> None:
        answer = api.client.post("/v1/domains", headers=acme.headers(),
                                 json={"domains": names, "certified_with": certified_with})
        assert answer.status_code == 202, answer.text

    send(["acme-okta.com", "acme-vpn.net", "example.org"],
         {"acme-okta.com": ["*.acme-okta.com", "acme-team.com", "ACME-SSO.com."],
          "example.org": ["www.example.org", "example.net"]})
    send(["acme-okta.com", "acme-vpn.net"],  # seen again: the first certificate stays,
         {"acme-okta.com": ["acme-other.com"],  # an empty one is filled
          "acme-vpn.net": ["acme-vpn.org"]})
    rows = {row["domain"]: row for row in get(api, acme).json()["items"]}
    assert rows["acme-okta.com"]["certified_with"] == ["acme-team.com", "acme-sso.com"]
    assert rows["acme-vpn.net"]["certified_with"] == ["acme-vpn.org"]
    assert rows["example.org"]["certified_with"] == []  # imitates nothing: not kept


def test_the_names_certified_with_one_are_found(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    answer = api.client.post("/v1/domains", headers=acme.headers(), json={
        "domains": ["acme-okta.com", "acme-team.com", "acme-vpn.net", "acme-hr.com"],
        "certified_with": {"acme-okta.com": ["acme-team.com", "acme_sso.com"],
                           "acme-team.com": ["acme-okta.com"],
                           "acme-vpn.net": ["www.acme-team.com", "acmexsso.com"]}})
    assert answer.status_code == 202, answer.text

    def certified_with(name: str) -> list[str]:
        page = get(api, acme, certified_with=name)
        assert page.status_code == 200, page.text
        return [row["domain"] for row in page.json()["items"]]

    assert certified_with("acme-team.com") == ["acme-okta.com"]  # not www.acme-team.com's
    assert certified_with("ACME-OKTA.COM.") == ["acme-team.com"]
    assert certified_with("acme_sso.com") == ["acme-okta.com"]  # _ is no wildcard
    assert certified_with("acme%") == []
    other = api.new_tenant("Other", policy_toml=ACME)
    assert get(api, other, certified_with="acme-team.com").json()["items"] == []


def test_a_ct_entry_for_a_name_not_sent_is_refused(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    for entries, words in (
            ({"acme-vpn.net": {"log": "https://ct.example/x", "index": 1}}, "not in domains"),
            ({"acme-okta.com": {"log": "https://ct.example/x", "index": -1}}, "index"),
            ({"acme-okta.com": {"log": "", "index": 1}}, "log")):
        answer = api.client.post("/v1/domains", headers=acme.headers(),
                                 json={"domains": ["acme-okta.com"], "ct_entries": entries})
        assert answer.status_code == 422, answer.text
        assert words in answer.json()["error"], answer.text
    assert get(api, acme).json()["items"] == []  # nothing of a refused call is kept


def test_certified_with_for_a_name_not_sent_or_too_long_is_refused(api: Api) -> None:
    acme = api.new_tenant("Acme", policy_toml=ACME)
    for certified, words in (({"acme-vpn.net": ["acme.com"]}, "certified_with names a domain "
                                                               "not in domains"),
                             ({"acme-okta.com": ["x.com"] * 1001}, "at most 1000"),
                             ({"acme-okta.com": "acme.com"}, "valid list")):
        answer = api.client.post("/v1/domains", headers=acme.headers(), json={
            "domains": ["acme-okta.com"], "certified_with": certified})
        assert answer.status_code == 422, answer.text
        assert words in answer.json()["error"], answer.text
    assert get(api, acme).json()["items"] == []
