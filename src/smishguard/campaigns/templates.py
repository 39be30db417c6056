"""Abstract what changes from one victim to the next, so that one kit looks like one kit.

A kit sends the same words to every organization with the brand, the person's name, the
numbers and the link swapped; it registers ``acme-okta.com`` for one tenant and
``globex-okta.com`` for the next. :class:`Abstractor` turns a tenant's text, domain and path
into templates with those parts replaced by placeholders (``{brand}``, ``{name}``, ``{num}``,
``{link}``, ``{email}``, ``{id}``), using the tenant's own policy to know its brands.

Everything here is pure and never raises on any text: fingerprints are built from whatever
employees forward.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from smishguard.model import Url
from smishguard.policy import Brand
from smishguard.text.normalize import normalize

__all__ = [
    "PLACEHOLDERS",
    "Abstractor",
    "DomainTemplate",
    "TextTemplate",
    "path_pattern",
    "shingles",
]

PLACEHOLDERS = ("{link}", "{email}", "{brand}", "{name}", "{num}")

# Words after which the next word is a person's name: "Hi John", "Dear Ms Smith", "Hola María".
_GREETINGS = frozenset(
    "hi hello hey dear hiya mr mrs ms miss dr sr sra srta hola estimado estimada querido "
    "querida buenos buenas senor senora don dona".split()
)
# Words that follow a greeting but are not names.
_NOT_NAMES = frozenset(
    "there all team customer customers user users sir madam friend friends valued member "
    "members everyone colleague colleagues client cliente clientes usuario usuaria dias tardes "
    "noches amigo amiga equipo and y from to".split()
)
_EMAIL = re.compile(r"[^\s@<>()\[\]{}]+@[^\s@<>()\[\]{}]+\.[a-z]{2,}", re.IGNORECASE)
_TOKEN = re.compile(r"\{(?:link|email|brand|name|num)\}|[^\W_]+(?:'[^\W_]+)*")
_DIGIT = re.compile(r"\d")
_LEADING_NAME = re.compile(r"^([^\W\d_]+),")  # "John, your parcel …"
_TEMPLATE_CHARS = 200  # a text template is for people to read; the signature sees everything
# Serial numbers in names a kit registers in bulk: att-203716, home-208153 (three digits or
# more; "o365" and "2fa" stay words).
_SERIAL = re.compile(r"(?<![0-9a-z])[0-9]{3,}(?![0-9a-z])")
_PLACEHOLDER = re.compile(r"\{[a-z]+\}")
_RANDOM_SEGMENT = re.compile(r"^(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{8,}$|^[0-9a-f]{8,}$")


@dataclass(frozen=True, slots=True)
class TextTemplate:
    """A text with the tenant-specific parts abstracted, as tokens."""

    tokens: tuple[str, ...]
    brand_terms: tuple[str, ...]  # the tenant's brand terms that were replaced

    @property
    def text(self) -> str:
        return " ".join(self.tokens)[:_TEMPLATE_CHARS]

    @property
    def word_count(self) -> int:
        """Tokens that are real words, not placeholders."""
        return sum(1 for t in self.tokens if not t.startswith("{"))


@dataclass(frozen=True, slots=True)
class DomainTemplate:
    """``acme-okta.com`` at the tenant that protects Acme → ``{brand}-okta.com``;
    ``home-208153.weeblysite.com`` → ``home-{num}.weeblysite.com`` (a kit's serial names)."""

    template: str  # "{brand}-okta.com"
    stem: str  # "{brand}okta": the same kit on another ending or hyphenation (.net, -okta)
    brand_term: str  # "acme"


def shingles(tokens: Sequence[str]) -> tuple[str, ...]:
    """Word pairs, with the text's start and end as words: a changed word costs two pairs,
    not the whole text. A one-word text is its single word."""
    if len(tokens) <= 1:
        return tuple(tokens)
    padded = ("^", *tokens, "$")
    return tuple(dict.fromkeys(f"{a} {b}" for a, b in itertools.pairwise(padded)))


def path_pattern(path: str, brand_terms: Sequence[str] = ()) -> str:
    """``/Acme/login/8812/a3f9c2d1e7.php?x=1`` → ``/{brand}/login/{num}/{id}.php``.

    Query and fragment are dropped (they carry the victim's token); numbers and random-looking
    segments become placeholders. '' when nothing distinctive is left (``/``, ``/index.html``
    and other paths shorter than six literal characters).
    """
    bare = path.split("?", 1)[0].split("#", 1)[0].lower()
    parts: list[str] = []
    for segment in bare.split("/"):
        if not segment:
            continue
        stem, dot, extension = segment.rpartition(".")
        if not dot or not extension.isalnum() or len(extension) > 5:
            stem, dot, extension = segment, "", ""
        stem = _abstract_brand(stem, brand_terms)
        if _RANDOM_SEGMENT.match(stem):
            stem = "{id}"
        elif stem.isdigit():
            stem = "{num}"
        parts.append(f"{stem}{dot}{extension}")
    pattern = "/" + "/".join(parts)
    literal = re.sub(r"\{[a-z]+\}|[/.]", "", pattern)
    if len(literal) < 6 or pattern in ("/index.html", "/index.php", "/index.htm"):
        return ""
    return pattern


def _abstract_brand(name: str, brand_terms: Sequence[str]) -> str:
    """Replace the brand terms in a domain label or path segment: long terms anywhere
    (``acmeokta``), three-letter ones only between separators (``ups-track``, not ``groups``)."""
    for term in brand_terms:  # longest first
        start = name.find(term)
        while start != -1:
            end = start + len(term)
            bounded = (start == 0 or not name[start - 1].isalnum()) and (
                end == len(name) or not name[end].isalnum()
            )
            if len(term) >= 4 or bounded:
                name = f"{name[:start]}{{brand}}{name[end:]}"
                start = name.find(term, start + len("{brand}"))
            else:
                start = name.find(term, end)
    return name


class Abstractor:
    """The templates of one tenant's texts and domains (build once per policy, reuse)."""

    def __init__(self, brands: Sequence[Brand]) -> None:
        terms: dict[str, None] = {}
        for brand in brands:
            for name in (brand.name, *brand.aliases, *brand.labels):
                term = normalize(name)
                if len(term) >= 3:
                    terms.setdefault(term, None)
        # Longest first, so "bank of america" wins over "america" and "acmecorp" over "acme".
        self.brand_terms: tuple[str, ...] = tuple(sorted(terms, key=lambda t: (-len(t), t)))
        self._label_terms = tuple(t for t in self.brand_terms if re.fullmatch(r"[a-z0-9-]+", t))
        self._brand_pattern = (
            re.compile(
                r"(?<![^\W_])(" + "|".join(re.escape(t) for t in self.brand_terms) + r")(?![^\W_])"
            )
            if self.brand_terms
            else None
        )

    def text(self, text: str, urls: Sequence[Url]) -> TextTemplate:
        """The text's template: links, e-mail addresses, the tenant's brands, greeted names
        and anything with a digit replaced by placeholders; normalized (case, accents,
        look-alike letters, light obfuscation)."""
        pieces: list[str] = []
        position = 0
        for url in sorted(urls, key=lambda u: u.start):
            if url.start < position or url.end > len(text):
                continue
            pieces.append(text[position : url.start])
            pieces.append(" {link} ")
            position = url.end
        pieces.append(text[position:])
        plain = _EMAIL.sub(" {email} ", "".join(pieces))
        folded = normalize(plain)
        found: dict[str, None] = {}
        if self._brand_pattern is not None:

            def _brand(match: re.Match[str]) -> str:
                found.setdefault(match.group(1), None)
                return "{brand}"

            folded = self._brand_pattern.sub(_brand, folded)
        folded = _LEADING_NAME.sub(_leading_name, folded)
        tokens = _abstract_tokens(_TOKEN.findall(folded))
        return TextTemplate(tokens=tokens, brand_terms=tuple(found))

    def domain(
        self, name: str, suffix: str, extra_terms: Sequence[str] = ()
    ) -> DomainTemplate | None:
        """The template of a site's name (the label left of its public suffix or free host):
        the tenant's brands and serial numbers abstracted. None when there is neither, or
        nothing is left but placeholders (``acme.net`` is the exact name on another
        ending: its own key is enough).
        ``extra_terms``: what else stands for the brand here (the watch's ``acrne``)."""
        terms = self._label_terms
        if extra_terms:
            terms = tuple(sorted({*terms, *extra_terms}, key=lambda t: (-len(t), t)))
        templated = _SERIAL.sub("{num}", _abstract_brand(name, terms))
        literal = _PLACEHOLDER.sub("", templated)
        is_brand_serial = "{brand}" in templated and "{num}" in templated
        if templated == name or (sum(c.isalpha() for c in literal) < 2 and not is_brand_serial):
            return None
        term = next((t for t in terms if t in name), "")
        return DomainTemplate(
            template=f"{templated}.{suffix}", stem=templated.replace("-", ""), brand_term=term
        )


def _leading_name(match: re.Match[str]) -> str:
    word = match.group(1)
    if word in _NOT_NAMES or word in _GREETINGS or word == "brand":
        return match.group(0)
    return "{name},"


def _abstract_tokens(raw: Sequence[str]) -> tuple[str, ...]:
    tokens: list[str] = []
    after_greeting = False
    for token in raw:
        if _DIGIT.search(token):
            token = "{num}"
        elif after_greeting and not token.startswith("{") and token not in _NOT_NAMES:
            token = "{name}"
        after_greeting = token in _GREETINGS
        # "{num} {num}" is one number written with spaces; repeated placeholders say nothing.
        if token.startswith("{") and tokens and tokens[-1] == token:
            continue
        tokens.append(token)
    return tuple(tokens)
