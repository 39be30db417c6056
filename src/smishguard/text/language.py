"""A guess at whether a text is English or Spanish, to answer the person who reported it in
their language.

Two signs are counted, each side: the catalogue cues found in the text (their ``lang``) and
common function words, which even a short SMS has several of ("your", "the" against "tu",
"el", "para"). Spanish-only letters and marks (``ñ``, ``¿``, ``¡``, accented vowels) add one
to Spanish. A tie, or a text with no sign at all, is English: the service's default. A
real language identifier would be overkill for two languages and texts of 160 characters.

Pure and total: never raises.
"""

from __future__ import annotations

import re

from smishguard.text.cues import find_cues
from smishguard.text.normalize import normalize

__all__ = ["ENGLISH", "SPANISH", "guess_language"]

ENGLISH = "en"
SPANISH = "es"

# Words frequent in one language and rare in the other (so not "a", "no", "me", "can").
_WORDS = {
    ENGLISH: frozenset(
        "the and to of your you is are on for with at this that it be from has have will "
        "please now today account our we here click been was were what which who would "
        "should could there their they my his her an or not by".split()
    ),
    SPANISH: frozenset(
        "el la los las de del que y en un una su tu por para con es esta este se al lo le "
        "mi sus hoy usted cuenta nuestro nuestra aqui ha han fue era como pero mas ya "
        "tiene tienes debe debes hola gracias numero enlace pulsa entra ayuda".split()
    ),
}
_SPANISH_MARKS = frozenset("ñÑ¿¡áéíóúÁÉÍÓÚ")
_WORD = re.compile(r"[a-z]+")


def guess_language(text: str) -> str:
    """'es' when the text reads as Spanish, else 'en'."""
    normalized = normalize(text)
    words = _WORD.findall(normalized)
    counts = {lang: sum(word in vocabulary for word in words)
              for lang, vocabulary in _WORDS.items()}
    for cue in find_cues(normalized):
        if cue.lang in counts:
            counts[cue.lang] += 2
    if not _SPANISH_MARKS.isdisjoint(text):
        counts[SPANISH] += 1
    return SPANISH if counts[SPANISH] > counts[ENGLISH] else ENGLISH
