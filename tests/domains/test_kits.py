"""A kit's copies: one brand's name in front of several new domains named alike."""

from __future__ import annotations

import pytest

from smishguard.domains.kits import KIT_SCORE, MAX_WAITING, KitCopies
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.model import Imitation, ImitationKind
from smishguard.policy import parse_policy

DARB_AND_STEAM = parse_policy({"brands": [
    {"name": "Darb", "domains": ["darb.itc.gov.ae"]},
    {"name": "Steam", "domains": ["steampowered.com", "steamcommunity.com"]},
    {"name": "Spotify", "domains": ["spotify.com"]},
]})


@pytest.fixture(scope="module")
def index() -> LookalikeIndex:
    return LookalikeIndex.from_policy(DARB_AND_STEAM)


def lead(host: str, brand: str = "Darb", matched: str = "darb", score: float = 0.0) -> Imitation:
    registered = ".".join(host.split(".")[-2:])  # the tests' hosts end in one-label suffixes
    return Imitation(domain=host, brand=brand, kind=ImitationKind.SUBDOMAIN, score=score,
                     matched=matched, reason=f"{host} imitates {brand}", registered=registered)


def test_the_third_domain_named_alike_reports_the_kit_and_every_copy_after() -> None:
    kits = KitCopies()
    assert kits.add(lead("darb.qmobilitcma.com")) == []
    assert kits.add(lead("www.darb.qmobilitcma.com")) == []  # the same domain again
    assert kits.add(lead("darb.qmobilicco.com")) == []
    found = kits.add(lead("darb.qmobiliizty.com"))
    assert [i.domain for i in found] == [
        "darb.qmobilitcma.com", "www.darb.qmobilitcma.com", "darb.qmobilicco.com",
        "darb.qmobiliizty.com",
    ]
    assert all(i.score == KIT_SCORE and i.kind is ImitationKind.SUBDOMAIN for i in found)
    assert found[0].reason == (
        "darb.qmobilitcma.com imitates Darb; one of a kit's copies: 'darb' is put in front of "
        "new domains whose names start 'qmobi' (qmobilitcma.com, qmobilicco.com, "
        "qmobiliizty.com)"
    )
    later = kits.add(lead("darb.qmobilitsuoa.com"))
    assert [i.domain for i in later] == ["darb.qmobilitsuoa.com"]
    assert later[0].score == KIT_SCORE


@pytest.mark.parametrize("hosts", [
    # one vendor domain, many hosts: a vendor's naming, not a kit
    ["spotify.demdex.net", "www.spotify.demdex.net", "api.spotify.demdex.net"],
    # three domains, each named otherwise
    ["darb.cdnhub.com", "darb.fastlyedge.net", "darb.akamaiz.com"],
    # two domains named alike: could be a vendor's pair (x-eu, x-us)
    ["darb.vendor-eu.com", "darb.vendor-us.com"],
    # names too short to share a head by design
    ["darb.qmob.com", "darb.qmob.net", "darb.qmob.org"],
    ["darb.qmob.com", "darb.qmoc.com", "darb.qmod.com"],
])
def test_no_kit_without_three_new_domains_named_alike(hosts: list[str]) -> None:
    kits = KitCopies()
    assert [kits.add(lead(h)) for h in hosts] == [[]] * len(hosts)


def test_a_copy_already_reported_counts_and_is_never_returned() -> None:
    """darb.qmobilizz.top is reported on its own (a cheap ending): it is a copy of the kit,
    so it makes the two .com leads before it reportable."""
    kits = KitCopies()
    reported = lead("darb.qmobilizz.top", score=0.55)
    assert kits.add(lead("darb.qmobilitcma.com")) == []
    assert kits.add(lead("darb.qmobilicco.com")) == []
    assert [i.domain for i in kits.add(reported)] == [
        "darb.qmobilitcma.com", "darb.qmobilicco.com"]
    assert kits.add(reported) == []  # formed: a reported copy adds nothing
    assert [i.domain for i in kits.add(lead("darb.qmobiliizty.com"))] == ["darb.qmobiliizty.com"]
    alone = KitCopies()
    assert [alone.add(reported) for _ in range(3)] == [[], [], []]  # one domain, no leads


def test_a_name_of_five_letters_shares_all_but_its_last() -> None:
    kits = KitCopies()
    assert kits.add(lead("darb.rtarb.com")) == []
    assert kits.add(lead("darb.rtatr.com")) == []  # rtat-: another group
    assert kits.add(lead("darb.rtare.com")) == []
    assert [i.domain for i in kits.add(lead("darb.rtarm.com"))] == [
        "darb.rtarb.com", "darb.rtare.com", "darb.rtarm.com"]


def test_brands_make_their_own_kits() -> None:
    kits = KitCopies()
    assert kits.add(lead("darb.workshopmake.com")) == []
    assert kits.add(lead("steam.workshopaward.com", "Steam", "steam")) == []
    assert kits.add(lead("darb.workshopmesh.com")) == []
    assert kits.add(lead("steam.workshopcontributor.com", "Steam", "steam")) == []
    assert [i.brand for i in kits.add(lead("steam.workshopskinsinfo.com", "Steam", "steam"))] == [
        "Steam"] * 3


def test_the_memory_of_groups_is_bounded() -> None:
    kits = KitCopies(memory=1)
    assert kits.add(lead("darb.qmobilitcma.com")) == []
    assert kits.add(lead("darb.qmobilicco.com")) == []
    assert kits.add(lead("darb.parcelhub.com")) == []  # another group: the first is forgotten
    assert kits.add(lead("darb.qmobiliizty.com")) == []  # one domain of its group remembered


def test_a_group_holds_a_bounded_number_of_hosts_yet_reports_the_one_that_forms_it() -> None:
    kits = KitCopies()
    many = [lead(f"h{i}.darb.qmobilitcma.com") for i in range(MAX_WAITING + 5)]
    assert all(kits.add(x) == [] for x in many)
    assert kits.add(lead("darb.qmobilicco.com")) == []
    found = kits.add(lead("darb.qmobiliizty.com"))
    assert len(found) == MAX_WAITING + 1
    assert found[-1].domain == "darb.qmobiliizty.com"


@pytest.mark.parametrize(("copies", "memory"), [(1, 10), (0, 10), (3, 0)])
def test_kit_settings_are_checked(copies: int, memory: int) -> None:
    with pytest.raises(ValueError, match="kit"):
        KitCopies(copies, memory)


@pytest.mark.parametrize(("host", "is_lead"), [
    ("darb.qmobilitcma.com", True),  # a tiny name in front of someone else's .com
    ("steam.artusertudions.com", True),  # a word name there (a kit of the feed)
    ("www.darb.qmobilitcma.com", True),
    ("darb.itc.gov.ae", False),  # its own
    ("qmobilitcma.com", False),  # no brand at all
    ("darb-qmobilitcma.com", False),  # not in front: another reading
])
def test_the_index_gives_leads_only_when_asked(index: LookalikeIndex, host: str,
                                               is_lead: bool) -> None:
    plain, found = index.match(host), index.match(host, leads=True)
    if is_lead:
        assert plain is None
        assert found is not None
        assert found.score == 0
        assert found.kind is ImitationKind.SUBDOMAIN
        assert found.registered == host.split(".", host.count(".") - 1)[-1]
    else:
        assert found == plain  # (darb-qmobilitcma.com: the name beside a word, 0.35)


def test_a_lead_the_place_raises_is_a_hit_not_a_lead(index: LookalikeIndex) -> None:
    found = index.match("darb.qmobilizz.top", leads=True)  # a cheap ending: suspicious alone
    assert found is not None
    assert found.score >= 0.4
