from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smishguard.text.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("Your Acme VPN password", "your acme vpn password"),
        # accents and Spanish letters
        ("Tu CONTRASEÑA ha caducado", "tu contrasena ha caducado"),
        ("Actualízala en acme.com", "actualizala en acme.com"),
        ("¿Qué? ¡Urgente!", "?que? !urgente!"),
        ("pingüino", "pinguino"),
        ("Stra\u00dfe", "strasse"),
        ("Æsir", "aesir"),
        # decomposed accents (e + combining acute) fold the same as precomposed ones
        ("cafe\u0301", "cafe"),
        # look-alike letters from other scripts
        ("Yоur аccоunt", "your account"),  # Cyrillic о, а
        ("ΑCME", "acme"),  # Greek capital alpha
        ("İnitech", "initech"),
        # compatibility forms: fullwidth, mathematical bold, ligatures, NBSP
        ("ＰＡＳＳＷＯＲＤ", "password"),
        ("𝐏𝐚𝐬𝐬𝐰𝐨𝐫𝐝", "password"),
        ("ﬁnal notice", "final notice"),
        ("final\u00a0notice", "final notice"),
        # invisible characters
        ("pass\u200bword", "password"),
        ("pass\u00adword", "password"),
        ("re\u200dset", "reset"),
        ("pay\ufeffpal", "paypal"),
        ("log\U000e0041in", "login"),  # a tag character
        # typographic punctuation
        ("don’t share it", "don't share it"),
        ("sign–in", "sign-in"),
        # letters spelt out with separators
        ("p.a.s.s.w.o.r.d", "password"),
        ("P-A-S-S-W-O-R-D expired", "password expired"),
        ("v_e_r_i_f_y now", "verify now"),
        ("a.s.a.p", "asap"),
        ("u.s.a and e.g. and i.e.", "u.s.a and e.g. and i.e."),  # three letters: left alone
        # symbols and digits read as letters inside words
        ("pa$$word", "password"),
        ("p@ssword", "password"),
        ("acc0unt susp3nded", "account suspended"),
        ("verif1cation", "verification"),
        # ...but not codes, times, amounts, product names or e-mail addresses
        ("code 482913 at 10:30", "code 482913 at 10:30"),
        ("24h 3pm office365 mp3", "24h 3pm office365 mp3"),
        ("$50 fee", "$50 fee"),
        ("write to it@acme.com", "write to it@acme.com"),
        ("ana.lopez@mercantil-iberica.es", "ana.lopez@mercantil-iberica.es"),
        # white space
        ("a\n\n b\t\tc  ", "a b c"),
        # things it keeps
        ("price £1000 €5 😀", "price £1000 €5 😀"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@given(st.text())
@settings(max_examples=500)
def test_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


# Characters chosen to hit every branch: separators, leet symbols, combining marks, invisible
# characters, confusables, compatibility forms, Hangul jamo that compose, case oddities.
_TRICKY = list(
    "aeiopsw0134578@$.-_*' :/\u200b\u200d\u0301\u0303\u00adñÁаоеΑ€£¿¡İıßẞﬁ\u3000Ａ"
    "\U0001d400😀\ufe0f\u1100\u1161\u11a8가ꭰᏓǅ"
)


@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40))
@settings(max_examples=1500)
def test_idempotent_on_tricky_alphabet(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
@settings(max_examples=200)
def test_output_has_no_runs_of_white_space(text: str) -> None:
    out = normalize(text)
    assert out == out.strip()
    assert "  " not in out
    assert all(not c.isspace() or c == " " for c in out)


def test_latin_text_comes_out_as_ascii() -> None:
    text = "Él ñandú pingüino Ærø ÇA VA à l'hôtel ¿sí? ¡hola! “quoted” – dash"
    assert normalize(text).isascii()


# Inputs built to trigger backtracking or quadratic work, each about 100 KB.
_ADVERSARIAL = [
    "a" * 100_000,
    "a." * 50_000,
    "a." * 49_999 + "ab",
    "a.b" * 33_333,
    "a0" * 50_000,
    "a$" * 50_000 + "a",
    "@" * 100_000,
    "a@" * 50_000,
    "\u200b" * 100_000,
    "e\u0301" * 50_000,
    "\u1100\u200b\u1161" * 33_000,
    "Ａ" * 100_000,
    "аcme " * 20_000,
    " " * 100_000,
    "p.a.s.s.w.o.r.d " * 6_000,
]


@pytest.mark.parametrize("text", _ADVERSARIAL, ids=lambda t: repr(t[:8]))
def test_bounded_time_on_100kb(text: str) -> None:
    start = time.process_time()
    once = normalize(text)
    elapsed = time.process_time() - start
    # Linear work takes milliseconds; anything quadratic on 100 KB takes minutes.
    assert elapsed < 1.0
    assert normalize(once) == once
