"""English words, to tell a brand that is also a word (``target``) from one that is not.

The list ships as ``smishguard/data/scowl_words.txt.gz``: alphabetic words of 3 to 20 letters
from SCOWL as packaged by Debian 12 (2020.12.07): the lower-case words of ``wamerican-small``
(size 35) are the *common* section; ``wamerican`` (size 50), proper nouns lower-cased, adds the
*more* section. Copyright and terms are in
``scowl_words.COPYRIGHT`` beside it. A few Spanish words that appear in brand and domain names
are added below, since the brands we protect include Spanish ones.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Final

from smishguard.errors import DataError

# fmt: off
_SPANISH_COMMON: Final[tuple[str, ...]] = (
    "correo", "correos", "banco", "bancos", "caja", "pago", "pagos", "cuenta", "cuentas",
    "hacienda", "tributaria", "agencia", "multa", "multas", "envio", "entrega", "paquete", "tienda",
    "casa", "naranja", "plata", "oro", "sol", "mar", "vida", "hogar", "mundo", "tarjeta", "seguro",
    "seguros", "ayuda", "cliente", "clientes", "soporte", "hola",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class Words:
    common: frozenset[str]  # everyday words: a brand named like one is weak
    known: frozenset[str]  # every word we know (common included): a typo that is one is not

    def __reduce__(self) -> tuple[type[Words], tuple[frozenset[str], frozenset[str]]]:
        # By the constructor: compiled (mypyc), a frozen class refuses pickle's setattr.
        return Words, (self.common, self.known)

    def is_common(self, word: str) -> bool:
        return word in self.common

    def is_word(self, word: str) -> bool:
        return word in self.known

    def holds(self, text: str, start: int, stop: int, reach: int, *, longer: int = 0,
              starting: bool = True) -> bool:
        """Whether a word of ``text`` holds ``text[start:stop]``, reaching at most ``reach``
        letters beyond it on either side and ``longer`` letters longer than it or more
        (``intercom`` holds ``interc`` of myintercomsite; ``knowledge`` holds ``edge``);
        with ``starting`` False, not a word that begins where it does (telegrams)."""
        least = stop - start + longer
        for a in range(max(0, start - reach), start + (1 if starting else 0)):
            for b in range(max(stop, a + least), min(len(text), stop + reach) + 1):
                if text[a:b] in self.known:
                    return True
        return False

    def is_words(self, text: str, least: int = 3) -> bool:
        """Whether ``text`` is English words of ``least`` letters or more run together
        (``softnessteapots``; ``talkmarketing``)."""
        known = self.known
        ends = [True] + [False] * len(text)
        for stop in range(least, len(text) + 1):
            ends[stop] = any(ends[start] and text[start:stop] in known
                             for start in range(stop - least + 1))  # fmt: skip
        return ends[-1]

    def in_longer_word(self, text: str, start: int, stop: int, reach: int = 3,
                       longer: int = 1) -> bool:
        """Whether an English word ``longer`` letters longer than ``text[start:stop]`` or
        more holds it, reaching at most ``reach`` letters beyond it on either side
        (``purchase`` holds chase); not its plural alone (``ledgers``, ``apples``: kits write
        brand names so)."""
        known = self.known
        least = stop - start + longer
        for a in range(max(0, start - reach), start + 1):
            for b in range(max(stop, a + least), min(len(text), stop + reach) + 1):
                if text[a:b] in known and not (a == start and b == stop + 1
                                               and text[stop] == "s"):  # fmt: skip
                    return True
        return False


@cache
def english_words() -> Words:
    """The shipped word list (read once; read-only afterwards)."""
    try:
        raw = files("smishguard").joinpath("data/scowl_words.txt.gz").read_bytes()
    except FileNotFoundError as exc:
        raise DataError("smishguard/data/scowl_words.txt.gz is missing: reinstall") from exc
    common: set[str] = set(_SPANISH_COMMON)
    more: set[str] = set()
    section = common
    for line in gzip.decompress(raw).decode("ascii").splitlines():
        if line.startswith("#"):
            section = common if line == "# common" else more
        elif line:
            section.add(line)
    return Words(common=frozenset(common), known=frozenset(common | more))
