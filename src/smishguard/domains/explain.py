"""Sentences a person understands, for each way a name imitates a brand."""

from __future__ import annotations

from typing import Final

from smishguard.model import ImitationKind
from smishguard.policy import Brand

_EDITS: Final = {
    "omission": "a letter left out",
    "repetition": "a letter doubled",
    "transposition": "two letters swapped",
    "insertion": "an extra letter",
    "addition": "a letter added at the end",
    "replacement": "one letter changed",
    "vowel-swap": "one vowel changed",
    "bitsquatting": "one character changed by a flipped bit",
    "hyphenation": "a hyphen added",
    "dot": "a dot added",
    "misspelling": "letters changed",
    "digits": "digits sprinkled in",
    "revowelled": "other vowels or letters doubled",
    "disemvowelled": "its vowels left out",
    "plural": "an 's' added at the end",
    "plural-typo": "a slip and an 's' added at the end",
    "": "two letters changed",
}
LOOK_ALIKE: Final = "+look-alike"  # after an edit: the slip is in a name of look-alike letters
TAGGED: Final = "+tag"  # after an edit: a tag (the keyword field) stands beside the slip


def _edit_words(edit: str) -> str:
    """``edit`` in words: ``transposition+look-alike`` → two letters swapped and look-alike
    characters."""
    if edit.endswith(LOOK_ALIKE):
        base = edit[: -len(LOOK_ALIKE)]
        return f"{_EDITS.get(base, base)} and look-alike characters"
    return _EDITS.get(edit, edit)


def _owned(brand: Brand) -> str:
    if not brand.domains:
        return f"it is not one of {brand.name}'s domains"
    shown = ", ".join(brand.domains[:3]) + (", …" if len(brand.domains) > 3 else "")
    return f"{brand.name}'s own domains are {shown}"


def explain(
    kind: ImitationKind,
    host: str,
    brand: Brand,
    name: str,
    matched: str,
    keyword: str = "",
    edit: str = "",
    where: str = "",
) -> str:
    """One sentence: what the name does and why that is an imitation.

    ``name`` is the brand's own spelling, ``matched`` the part of ``host`` that imitates it,
    ``edit`` the typo category (or "free-host", "beside"), ``where`` the registrable domain
    or suffix the brand sits on.
    """
    who = brand.name
    beside = f" with '{keyword}'" if keyword else ""
    if kind is ImitationKind.KEYWORD and edit == "beside":
        return f"{host} uses the name {who}{beside}, but it is not one of {who}'s domains"
    if kind is ImitationKind.KEYWORD:
        return (
            f"{host} imitates {who}: it joins the name {who}{beside}, "
            f"but it is not one of {who}'s domains"
        )
    if kind is ImitationKind.TYPO:
        tagged = edit.endswith(TAGGED)
        slip = _edit_words(edit[: -len(TAGGED)] if tagged else edit)
        tag = f", tagged '{keyword}'" if tagged else ""
        return f"{host} imitates {who}: '{matched}' is '{name}' with {slip}{tag}"
    if kind is ImitationKind.TYPO_KEYWORD:
        return (
            f"{host} imitates {who}: '{matched}' is '{name}' with {_edit_words(edit)}, "
            f"joined{beside}"
        )
    if kind is ImitationKind.HOMOGLYPH:
        return f"{host} imitates {who}: '{matched}' spells '{name}' with look-alike characters" + (
            f", joined{beside}" if keyword else ""
        )
    if kind is ImitationKind.SUBDOMAIN:
        if edit == "free-host":
            return f"{host} imitates {who}: a free-hosting site named '{matched}' on {where}"
        if keyword:
            return f"{host} imitates {who}: its subdomain joins {who}{beside} on {where}"
        return f"{host} imitates {who}: it puts '{matched}' in front of {where}, not {who}'s"
    if kind is ImitationKind.ALIAS:
        return f"{host} uses '{name}', a name of {who}, on a domain {who} does not own"
    return f"{host} uses the name {who} on another ending (.{where}); {_owned(brand)}"
