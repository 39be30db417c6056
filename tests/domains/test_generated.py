"""The letters free hosts generate in their customers' names are not read as brands."""

from __future__ import annotations

import pytest

from smishguard.domains.generated import owners_part
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.policy import Brand, Policy


@pytest.mark.parametrize(
    ("label", "host", "expected"),
    [
        ("acme-3kd9xlq2z-team", "vercel.app", "acme-team"),  # a deployment's id
        ("acme-loginpage-team", "vercel.app", "acme-loginpage-team"),  # no digit: a word
        ("acme-app-k1tmw", "ondigitalocean.app", "acme-app"),
        ("d9thcqehz2otb", "amplifyapp.com", ""),  # the whole name is the app's id
        ("0123456789abcdef01234567--shop", "netlify.app", "shop"),  # a deploy of site "shop"
        ("melodious-manatee-c2a637", "netlify.app", "melodious-manatee"),
        ("acme-decade", "netlify.app", "acme-decade"),  # hex letters, no digit: a word
        ("acme-102835", "netlify.app", "acme-102835"),  # digits only: a kit's copy number
        ("hometax-3dc2a", "web.app", "hometax"),
        ("pub-" + "0a" * 16, "r2.dev", ""),
        ("acme365-my", "sharepoint.com", "acme365"),  # the tenant's OneDrive
        ("acme-3kd9xlq2z-team", "weebly.com", "acme-3kd9xlq2z-team"),  # another host's rules
    ],
)
def test_the_owners_part_of_a_platform_named_site(label: str, host: str, expected: str) -> None:
    assert owners_part(label, host) == expected


@pytest.fixture(scope="module")
def index() -> LookalikeIndex:
    brands = (
        Brand("Klarna", ("klarna.com",)),
        Brand("DBS Bank", ("dbs.com",), ("dbs",)),
        Brand("Qantas", ("qantas.com",)),
        Brand("PayPal", ("paypal.com",)),
        Brand("Yahoo", ("yahoo.com",)),
        Brand("Adobe", ("adobe.com",)),
        Brand("myGov", ("my.gov.au",), ("mygov",)),
    )
    return LookalikeIndex.from_policy(Policy(brands=brands))


@pytest.mark.parametrize(
    "host",
    [
        "acme-app-k1tmw.ondigitalocean.app",  # k1tmw: no Klarna
        "alpha-app-yaw00.ondigitalocean.app",  # yaw00: no Yahoo
        "garden-demo-a10be.web.app",  # a10be: no Adobe
        "deakin365-my.sharepoint.com",  # a OneDrive: no myGov's "my" beside a number
        "main.dbs2omt3camoqa.amplifyapp.com",  # an id opening with dbs: no DBS
        "acme-3fn6x9s8q-notes.vercel.app",  # q|notes: no Qantas's consonants
    ],
)
def test_a_platform_s_random_id_is_no_brand(index: LookalikeIndex, host: str) -> None:
    assert index.match(host) is None


@pytest.mark.parametrize(
    "host",
    [
        "paypal-login-3kd9xlq2z-team.vercel.app",
        "0123456789abcdef01234567--paypal-login.netlify.app",
        "paypal-login-c2a637.netlify.app",
        "dbs-login.d9thcqehz2otb.amplifyapp.com",  # a branch named so, in front of the id
    ],
)
def test_the_name_its_owner_chose_is_still_read(index: LookalikeIndex, host: str) -> None:
    found = index.match(host)
    assert found is not None, host
    assert found.score >= 0.6
