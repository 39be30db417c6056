"""Heavy misspellings: weak evidence raised only on free hosts and cheap endings."""

from __future__ import annotations

import pytest

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.misspellings import consonants, keyword_slips
from smishguard.domains.words import english_words
from smishguard.model import ImitationKind as K
from smishguard.policy import DEFAULT_BRANDS, Brand, Policy

POLICY = Policy(brands=DEFAULT_BRANDS)


@pytest.fixture(scope="module")
def index() -> LookalikeIndex:
    return LookalikeIndex.from_policy(POLICY)


@pytest.mark.parametrize(
    ("host", "brand", "kind", "keyword"),
    [
        # two slips on a free host, beside a keyword with slips of its own
        ("mircosotf.gitbook.io", "Microsoft", K.TYPO, ""),
        ("conibsae-looginn.vercel.app", "Coinbase", K.TYPO_KEYWORD, "looginn"),
        # (an underscore is a hyphen: vodafnoe_login is one slip and a keyword, 0.9)
        ("vodafnoee_login.weebly.com", "Vodafone", K.TYPO_KEYWORD, "login"),
        # on a cheap ending: one slip, a keyword with a slip beside it, a word brand
        ("mircosotf-logn.top", "Microsoft", K.TYPO_KEYWORD, "logn"),
        ("paypa-wallat.top", "PayPal", K.TYPO_KEYWORD, "wallat"),
        ("ornage-verify.cc", "Orange", K.TYPO_KEYWORD, "verify"),
        ("betflix-login.top", "Netflix", K.TYPO_KEYWORD, "login"),
        # two slips in a long name, its length kept
        ("steamcomunitty.top", "Steam", K.TYPO, ""),
        # or two inside a name of 8 letters or more, its first two letters and last kept
        ("mixrosoqt.top", "Microsoft", K.TYPO, ""),
        ("mirosofft.top", "Microsoft", K.TYPO, ""),
        ("steamecommynity.cfd", "Steam", K.TYPO, ""),
        # three slips of a name of 8+ letters on a free host, beside a sign-in word
        ("mcirosfotx-login.gitbook.io", "Microsoft", K.TYPO_KEYWORD, "login"),
        # a keyword with junk after it (kits make each label new so)
        ("vodafnoeloginaf.weebly.com", "Vodafone", K.TYPO_KEYWORD, "loginaf"),
    ],
)
def test_misspellings_where_phishing_sites_live(
    index: LookalikeIndex, host: str, brand: str, kind: K, keyword: str
) -> None:
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind, found.keyword) == (brand, kind, keyword)
    assert POLICY.thresholds.suspicious <= found.score <= 0.5
    assert found.reason.startswith(f"{host} imitates {brand}: '")


@pytest.mark.parametrize(
    ("host", "keyword"),
    [("ocinbase-verify.com", "verify"), ("coinbasr-login.com", "login")],
)
def test_one_slip_beside_a_sign_in_word_anywhere(
    index: LookalikeIndex, host: str, keyword: str
) -> None:
    found = index.match(host)
    assert found is not None
    assert (found.brand, found.kind, found.keyword) == ("Coinbase", K.TYPO_KEYWORD, keyword)
    assert found.score >= POLICY.thresholds.suspicious


@pytest.mark.parametrize(
    "host",
    [
        "steamconmnuity.com", "steanmcommun1ity.com", "stemcomunity.com", "steamcomminuty.net",
        "steamecommynity.com",
    ],
)  # fmt: skip
def test_two_slips_of_a_long_name_anywhere(index: LookalikeIndex, host: str) -> None:
    """steamcommunity (14 letters) is nobody else's name two slips away, on .com too."""
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind, found.score) == ("Steam", K.TYPO, 0.7)
    assert "'steamcommunity' with letters changed" in found.reason


@pytest.mark.parametrize(
    ("host", "brand"),
    [
        ("vodafoqzx.top", "Vodafone"),  # its head kept, the rest garbled, on a cheap ending
        ("instagxzq.top", "Meta"),
        ("instagxzq.vercel.app", "Meta"),  # or on a free host
        ("instagxzq-login.top", "Meta"),  # as a token of the label
    ],
)
def test_a_long_names_head_with_the_rest_garbled_where_phishing_sites_live(
    index: LookalikeIndex, host: str, brand: str
) -> None:
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind) == (brand, K.TYPO)
    assert found.score >= POLICY.thresholds.suspicious


@pytest.mark.parametrize(
    "host",
    [
        "instagxzq.com",  # not on .com
        "whatsqsu.cc",  # an English word opens the name (what): its head is no one name's
        "coinbaqzx.top",  # (coin)
        "vodafoxzqwert.top",  # far longer than the name
        "vodafonesque.top",  # the name whole: read by the other rules, not as a garbling
    ],
)
def test_a_head_is_not_read_elsewhere_or_when_it_is_not_the_names_alone(
    index: LookalikeIndex, host: str
) -> None:
    found = index.match(host)
    assert found is None or found.score < 0.4 or "letters changed" not in found.reason, found


def test_a_head_shared_with_another_brand_is_not_read() -> None:
    """telegxmgom is Telegram's head garbled; beside a Telegraph brand, 'teleg' is no longer
    one name's, so the head alone does not tell which. (telegamgom is read either way: one
    slip from Telegram alone, with a tag run on.)"""
    telegram = Brand(name="Telegram", domains=("telegram.org",))
    alone = LookalikeIndex.from_policy(Policy(brands=(telegram,))).match("telegxmgom.top")
    assert alone is not None
    assert alone.brand == "Telegram"
    assert alone.score >= 0.4
    shared = Policy(brands=(telegram, Brand(name="Telegraph", domains=("telegraph.co.uk",))))
    assert LookalikeIndex.from_policy(shared).match("telegxmgom.top") is None


@pytest.mark.parametrize(
    "host", ["steamcomunutty.com", "staemcomunnity.com", "steamcomnnunilty.net"]
)
def test_three_slips_of_a_name_of_14_letters_anywhere(index: LookalikeIndex, host: str) -> None:
    """A Steam kit garbles steamcommunity three times over, keeping its first two letters:
    weaker than two slips, still suspicious on .com."""
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind, found.score) == ("Steam", K.TYPO, 0.65)


@pytest.mark.parametrize(
    "host",
    [
        "stakecommunity.com",  # three slips of a long name that are two English words
        "saeamcomunnity.com",  # three slips that change its second letter
        "xsteamcommunityx.com",  # its first letter changed
        "bancsebadel.com",  # two slips of a name under 13 letters (deutschebahn.com)
        "coinbasr.com",  # the slip alone
        "cainbase-login.com",  # the second letter changed
        "mircosotf.com",  # the same names elsewhere
        "mircosotf-logn.com",
        "robnihhood.com",
        "mircosotf.top",  # two slips on a cheap ending with nothing pointed beside them,
        "mixrosoqx.top",  # the name's last letter changed
        "mixrosoqt.com",  # its ends kept, but not where phishing sites live
        "betflix.top",  # a changed first letter there
        "checkporn.top",  # look-alike letters do not make two slips of a long name
        "chaser.top",  # English words are never misspellings
        "venom.top",
        "netfilm.top",  # two words are a name of their own
        "tracking-dot-videoads.appspot.com",  # no keyword cut out of a word (trac|kingdot)
        "mcirosfotx.gitbook.io",  # three slips with no sign-in word beside them
        "mcirosfotx-login.top",  # or off the free hosts
        "mcirosfotx-login.com",
    ],
)
def test_misspellings_stay_quiet_elsewhere(index: LookalikeIndex, host: str) -> None:
    found = index.match(host)
    assert found is None or found.score < POLICY.thresholds.suspicious, found


def test_a_long_name_less_a_word_is_another_name() -> None:
    """henryschein (the parent company) is henryscheinone with the word "one" cut off: a name
    of its own, not three slips of the longer one."""
    brand = Brand(name="Henry Schein One", domains=("henryscheinone.com",))
    index = LookalikeIndex.from_policy(Policy(brands=(brand,)))
    assert index.match("henryschein.com") is None
    found = index.match("henryscheinoen.com")  # two letters swapped: still its slip
    assert found is not None
    assert (found.brand, found.kind) == ("Henry Schein One", K.TYPO)


def test_three_slips_never_read_a_label_that_opens_with_another_word() -> None:
    """problemrica is three slips from promerica, but it is the word "problem" and more."""
    promerica = Brand(name="Promerica", domains=("promerica.fi.cr",))
    index = LookalikeIndex.from_policy(Policy(brands=(*DEFAULT_BRANDS, promerica)))
    assert index.match("problemrica-login.vercel.app") is None
    found = index.match("prumerixcx-login.vercel.app")  # three slips, no word
    assert found is not None
    assert (found.brand, found.kind, found.score) == ("Promerica", K.TYPO_KEYWORD, 0.42)


@pytest.mark.parametrize(
    ("slip", "expected"),
    [("login", True), ("logn", True), ("looginn", True), ("lgoin", True), ("walet", True),
     ("wallat", True), ("trick", False), ("track", True), ("hr", True), ("lgn", False)],
)  # fmt: skip
def test_keyword_slips(slip: str, expected: bool) -> None:
    slips = keyword_slips(("login", "wallet", "track", "hr"), english_words())
    assert (slip in slips) is expected


@pytest.mark.parametrize(
    ("host", "brand", "kind"),
    [
        # a kit's garble: other vowels, letters doubled, the consonants kept in order
        ("moocraasooft.weebly.com", "Microsoft", K.TYPO),
        ("cuonbaas-looginn.vercel.app", "Coinbase", K.TYPO_KEYWORD),
        ("caanbuus77login.gitbook.io", "Coinbase", K.TYPO),  # letters between digits
        # on a cheap ending, only a name of 5 consonants or more
        ("maacroosuuft.top", "Microsoft", K.TYPO),
        ("leedgrre.weebly.com", "Ledger", K.TYPO),  # an everyday word's name too
        ("ooouutlloook.weebly.com", "Microsoft", K.TYPO),  # a first vowel kept: o-tlk
        # a name of 4 consonants or more run on into more letters
        ("moocraasooftuslogin.weebly.com", "Microsoft", K.TYPO_KEYWORD),
        ("caanbuusuplogin.weebly.com", "Coinbase", K.TYPO_KEYWORD),
        # 3 consonants on a free host beside a sign-in word, as long as the name at least
        ("tuuwiileoo-logn.weebly.com", "Twilio", K.TYPO_KEYWORD),
        ("biinuuncee-signin.vercel.app", "Binance", K.TYPO_KEYWORD),
    ],
)
def test_a_name_read_by_its_consonants_where_phishing_sites_live(
    index: LookalikeIndex, host: str, brand: str, kind: K
) -> None:
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind, found.score) == (brand, kind, 0.42)
    assert "with other vowels or letters doubled" in found.reason


@pytest.mark.parametrize(
    "host",
    [
        "caanbuus.top",  # four consonants (coinbase's) read only on a free host
        "moocraasooft.com",  # not on an ordinary ending
        "aicrosooft.weebly.com",  # the first letter is the name's
        "caanbuusremoress.top",  # no keyword with junk after it peeled off
        "moocraasooftuslogin.top",  # a name run on into more: on a free host only,
        "tuuwiileoouslogin.weebly.com",  # and of 4 consonants or more
        "cannabisclubx.vercel.app",  # and not a word run on (c n b s: not Coinbase's)
        "tuuwiileoo.weebly.com",  # 3 consonants alone,
        "bonca-login.vercel.app",  # or in a token shorter than the name (binance),
        "tuuwiileoo-logn.top",  # or off the free hosts
    ],
)
def test_consonants_alone_stay_quiet_elsewhere(index: LookalikeIndex, host: str) -> None:
    found = index.match(host)
    assert found is None or found.score < POLICY.thresholds.suspicious, found


def test_consonants_are_read_only_as_one_brand_s_and_never_as_english_words() -> None:
    words = english_words()
    assert words.is_word("market")
    brands = (
        Brand(name="Marketo", domains=("marketo.com",)),  # m r k t: "market" is a word
        Brand(name="Marvolent", domains=("marvolent.com",)),  # m r v l n t, as ...
        Brand(name="Mirvalont", domains=("mirvalont.com",)),  # ... this one's
        Brand(name="Sulvadrin", domains=("sulvadrin.com",)),
    )
    index = LookalikeIndex.from_policy(Policy(brands=brands))
    assert index.match("market.weebly.com") is None
    assert index.match("maarvuulent.weebly.com") is None  # no one brand's consonants
    found = index.match("soolvuudreen.weebly.com")
    assert found is not None
    assert found.brand == "Sulvadrin"


def test_a_name_s_consonants_run_on_are_not_read_in_english_words() -> None:
    index = LookalikeIndex.from_policy(Policy(brands=(Brand("Zelvarin", ("zelvarin.com",)),)))
    assert index.match("zealvarnishnews.weebly.com") is None  # zeal varnish news: z l v r n
    found = index.match("zeelvaarinuslogon.weebly.com")
    assert found is not None
    assert (found.brand, found.matched, found.keyword) == ("Zelvarin", "zeelvaarin", "uslogon")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("metamask", "mtmsk"), ("moottamusk", "mtmsk"), ("outlook", "otlk"), ("ooouutlloook", "otlk"),
     ("trezor", "trzr"), ("", "")],
)  # fmt: skip
def test_consonants_keep_a_first_vowel_and_write_each_run_once(text: str, expected: str) -> None:
    assert consonants(text) == expected


def test_consonants_are_not_read_in_a_word_run_on_nor_beside_a_two_letter_keyword() -> None:
    brands = (Brand("Intel", ("intel.com",)), Brand("Mail.ru", ("mail.ru",), ("mailru",)))
    index = LookalikeIndex.from_policy(Policy(brands=brands))
    assert index.match("innatelylagos.vercel.app") is None  # innately|l: i n t l
    assert index.match("timelier-elinor.godaddysites.com") is None  # ti|melier: m l r
    found = index.match("meeliiruu-signin.godaddysites.com")  # beside a sign-in word
    assert found is not None
    assert found.brand == "Mail.ru"


def test_a_name_of_4_consonants_written_without_its_vowels_on_a_free_host() -> None:
    brands = (Brand("Trezor", ("trezor.io",)), Brand("Roblox", ("roblox.com",)))
    index = LookalikeIndex.from_policy(Policy(brands=brands))
    for host, brand, kind in (
        ("en-us-trzr-bridge.pages.dev", "Trezor", K.TYPO),
        ("portal-trzr-login.typedream.app", "Trezor", K.TYPO_KEYWORD),
        ("rblx2024-create.netlify.app", "Roblox", K.TYPO),  # then digits
    ):
        found = index.match(host)
        assert found is not None, host
        assert (found.brand, found.kind, found.score) == (brand, kind, 0.42)
        assert "with its vowels left out" in found.reason
    for host in (
        "trzr-bridge.com",  # not on an ordinary ending
        "trzr-bridge.top",  # nor a cheap one: 4 letters are any short tag there
        "app-ea3trzr69-team.vercel.app",  # nor after a digit: a random name's letters
        "trzrx-bridge.pages.dev",  # nor run on into more letters
    ):
        found = index.match(host)
        assert found is None or found.score < POLICY.thresholds.suspicious, (host, found)
