"""The policy's keywords as the look-alike index reads them: peeling them off a label."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.keywords import Keywords
from smishguard.domains.words import english_words
from smishguard.policy import DEFAULT_KEYWORDS

KEYWORDS = Keywords.of(DEFAULT_KEYWORDS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twiiliosso", [("twiilio", "sso")]),
        ("ssotwiilio", [("twiilio", "sso")]),
        ("loginpaypa1verify", [("pa1verify", "login"), ("loginpaypa1", "verify")]),  # pay too
        ("paypa1", []),
        ("ssoabc", []),  # the core keeps 4 letters or more
        ("", []),
    ],
)
def test_peel(text: str, expected: list[tuple[str, str]]) -> None:
    assert KEYWORDS.peel(text) == expected


def _peel_without_gates(text: str) -> list[tuple[str, str]]:
    """peel() as the regexes alone answer it: the gates by first and last letters only
    save time."""
    out: list[tuple[str, str]] = []
    head = KEYWORDS.prefix.match(text)
    if head and head.end() < len(text) - 3:
        first = KEYWORDS.prefix_one.match(head.group())
        out.append((text[head.end() :], first.group() if first else ""))
    tail = KEYWORDS.suffix.match(text[::-1])
    if tail and tail.end() < len(text) - 3:
        last = KEYWORDS.suffix_one.match(tail.group())
        out.append((text[: len(text) - tail.end()], last.group()[::-1] if last else ""))
    return out


_PIECES = st.sampled_from([*DEFAULT_KEYWORDS, "acme", "paypa1", "x", "o", "lo", "in", "ss"])


@given(st.lists(_PIECES, max_size=4).map("".join))
def test_gates_never_change_the_peel(text: str) -> None:
    assert KEYWORDS.peel(text) == _peel_without_gates(text)


def _listed(words: list[str]) -> re.Pattern[str]:
    """The plain regex for a run of ``words``: a list of alternatives, longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(f"(?:{alternatives})+")


# prefix: the keywords of 3 letters or more, as written
_LISTED = _listed([w for k in DEFAULT_KEYWORDS if len(w := k.replace("-", "")) >= 3])
_LISTED_SKELETONS = _listed(list(KEYWORDS.originals))


@given(st.lists(st.one_of(_PIECES, st.text("aeilnorst", min_size=1, max_size=3)), max_size=4)
       .map("".join))
@example("my")  # a keyword of 2 letters, which prefix leaves out
@example("ssologinx")
def test_the_letter_tree_matches_what_the_list_of_keywords_matches(text: str) -> None:
    for tree, listed in ((KEYWORDS.prefix, _LISTED), (KEYWORDS.run, _LISTED_SKELETONS)):
        for how in ("match", "fullmatch", "search"):
            found, expected = getattr(tree, how)(text), getattr(listed, how)(text)
            assert (found and found.span()) == (expected and expected.span()), (how, text)


def test_the_letter_tree_prefers_the_longest_keyword() -> None:
    one = Keywords.of(["log", "login", "logout", "in"]).prefix_one
    assert [one.match(t).group() for t in ("loginx", "logx", "logoutin")] == [  # type: ignore[union-attr]
        "login", "log", "logout"]
    assert one.match("lox") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("livehelp", "help"),  # an English word, then a pointed keyword
        ("issuesupport", "support"),
        ("trustedsecuritycenter", "security"),
        ("supportcenter", "support"),
        ("helpdesk", "helpdesk"),  # one keyword, pointed
        ("proexchange", ""),  # words, no pointed keyword
        ("onlinecenter", ""),  # an everyday keyword is not pointed
        ("xqzhelp", None),  # junk before the keyword
        ("helpxq", None),  # pieces are 3 letters or more
        ("", ""),
    ],
)
def test_read_words(text: str, expected: str | None) -> None:
    assert KEYWORDS.read_words(text, english_words()) == expected


def test_read_words_counts_sign_in_words_of_the_least_length() -> None:
    words = english_words()
    assert KEYWORDS.read_words("paynow", words) == "pay"
    assert KEYWORDS.read_words("paynow", words, 4) == ""  # still words, no long sign-in word
    assert KEYWORDS.read_words("payloginnow", words, 4) == "login"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["verification", "account"], ("verification", True)),  # a pointed one among them
        (["online", "team"], ("online", False)),  # everyday keywords only
        (["l0gin"], ("login", True)),  # read as skeletons, shown as written
        (["login", "qzvrk"], None),  # a part that is no keyword
        ([], ("", False)),
    ],
)
def test_read_each(parts: list[str], expected: tuple[str, bool] | None) -> None:
    assert KEYWORDS.read_each(skeleton(p) for p in parts) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("essonnelogin", "login"),  # a pointed keyword of 4 letters or more ends it
    ("login", "login"),
    ("companyverify", "verify"),
    ("myonline", ""),  # an everyday keyword is not pointed
    ("qzvrkhr", ""),  # nor is one under 4 letters
    ("loginqz", ""),  # it must end the text
])
def test_ending_in(text: str, expected: str) -> None:
    assert KEYWORDS.ending_in(text) == expected
