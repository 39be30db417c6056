"""Reading what an employee sent to the reporting number: the suspicious text they forwarded
(and, when the forward says so, who sent it), or the sender alone, or a keyword.

Phones forward an SMS as its bare text (iOS, Google Messages, Samsung Messages), so most
reports need no unwrapping. People also forward with a word of their own and the original
quoted the way mail clients quote (``> ...``), or through a mail client or an e-mail-to-SMS
gateway whose header block names the original sender::

    ---------- Forwarded message ---------            ---------- Mensaje reenviado ---------
    From: +1 415 555 0134                             De: +34 612 345 678
    Date: Sat, Nov 28, 2026 at 8:55 AM                Fecha: sáb, 28 nov 2026, 8:55
    Acme IT: your password expires today...           Acme: su contraseña caduca hoy...

:func:`read_forward` peels those wrappings off one at a time until none is left (so reading
its own answer changes nothing), keeping what the reporter wrote around them apart from the
original. :func:`sender_only` recognises the second step of the 7726 flow, a reply that is
nothing but the number (short code, sender id) the text came from; :func:`keyword_of` the
one-word messages that are not reports (HELP, STOP, thanks).

Pure and total: every function takes any string and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from smishguard.text.sender import SenderKind, classify_sender

__all__ = ["Forward", "Keyword", "keyword_of", "read_forward", "sender_only"]


@dataclass(frozen=True, slots=True)
class Forward:
    """A forwarded text, unwrapped.

    ``text`` is the original message as far as the wrappings tell (the whole body when there
    are none); ``sender`` the original sender when a header or a quote's intro names one, as
    written there; ``note`` what the reporter wrote around the quote; ``wrapped`` whether any
    wrapping was removed.
    """

    text: str
    sender: str | None = None
    note: str = ""
    wrapped: bool = False


class Keyword(StrEnum):
    """One-word messages that are not reports."""

    HELP = "help"  # HELP, AYUDA, INFO: say how reporting works
    OPT_OUT = "opt_out"  # STOP, START, UNSUBSCRIBE, BAJA: the carrier/gateway handles these
    THANKS = "thanks"  # ok, thanks, gracias: answer nothing


_KEYWORDS: dict[str, Keyword] = {
    **dict.fromkeys(("help", "info", "ayuda", "?"), Keyword.HELP),
    **dict.fromkeys(("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "start",
                     "unstop", "yes", "baja", "alta", "parar"), Keyword.OPT_OUT),
    **dict.fromkeys(("ok", "okay", "k", "thanks", "thank you", "thx", "ty", "thanks!",
                     "gracias", "muchas gracias", "vale", "de nada", "hi", "hello", "hey",
                     "hola", "buenas", "no", "si", "sí", "got it", "entendido", "perfecto",
                     "great", "cool", "done", "listo"), Keyword.THANKS),
}

# A line that announces a forwarded message, alone on its line (Gmail, Outlook, Apple Mail,
# in English and Spanish): "---------- Forwarded message ---------", "Begin forwarded message:".
_MARKER = re.compile(
    r"^[\s\-_=*]*(?:forwarded (?:message|sms|text(?: message)?)|original message"
    r"|begin forwarded message|mensaje reenviado|mensaje original|sms reenviado"
    r"|inicio del mensaje reenviado|reenviado)\s*:?[\s\-_=*]*$",
    re.IGNORECASE,
)
# "Key: value" lines of a forward's header block.
_HEADER = re.compile(r"^\s*([^\W\d_][\w-]*(?: [\w-]+){0,2})\s*:\s*(.*?)\s*$")
_SENDER_KEYS = frozenset(("from", "de", "sender", "remitente", "sent by", "enviado por"))
_OTHER_KEYS = frozenset((
    "date", "fecha", "sent", "enviado", "enviado el", "to", "para", "subject", "asunto", "cc",
    "received", "recibido", "time", "hora", "reply-to", "responder a",
))
# "On Sat, Nov 28, 2026 at 8:55 AM +1 415 555 0134 wrote:", "El sáb, 28 nov 2026 a las 8:55,
# Acme <alerts@acme-it.com> escribió:".
_QUOTE_INTRO = re.compile(r"^\s*(?:on|el)\s.{3,160}\s(?:wrote|escribió|escribio)\s*:\s*$",
                          re.IGNORECASE)
_QUOTED = re.compile(r"^\s*>")
_UNQUOTE = re.compile(r"^\s*> ?")
# Subject prefixes of forwards: "Fwd:", "FW:", "RV:" (Outlook in Spanish), "Reenviado:".
_PREFIX = re.compile(r"^\s*(?:fwd?|rv|reenviado)\s*:\s*", re.IGNORECASE)
# Footers mail and messaging apps append, alone on their line.
_FOOTER = re.compile(
    r"^\s*(?:sent from|sent with|sent via|get outlook for|enviado desde|enviado con"
    r"|enviado a través de|obtener outlook para|descargar outlook para)\b.{0,60}$",
    re.IGNORECASE,
)
_PHONE_IN_TEXT = re.compile(r"(?<![\w+])\+?\d[\d \t().\-]{5,18}\d(?!\w)")
_ANGLE = re.compile(r"<([^<>]*)>")
# What people type before the number in step two: "From: 72975", "it came from +1 415...",
# "Número: 612 345 678", "era del 612 345 678".
_SENDER_LABEL = re.compile(
    r"^(?:(?:it |this one |this )?(?:came |was )?from|sender|number|sent by|the number is"
    r"|(?:it |this )?was|de|del|desde|remitente|n[uú]mero|enviado por|era(?: del?)?"
    r"|es(?: del?)?|vino del?|lo envi[oó])\s*[:\-]?\s+",
    re.IGNORECASE,
)
_SENDER_KINDS = (SenderKind.MOBILE, SenderKind.SHORT_CODE, SenderKind.EMAIL,
                 SenderKind.ALPHANUMERIC)
MAX_SENDER_CHARS = 64  # longer than any number, short code, sender id or e-mail address


def read_forward(body: str) -> Forward:
    """The original text in a forwarded message, its sender when named, the reporter's note."""
    text = _lines(body)
    sender: str | None = None
    notes: list[str] = []
    wrapped = False
    while (step := _unwrap_once(text)) is not None and len(step.text) < len(text):
        text = step.text
        sender = step.sender or sender  # the innermost header names the original sender
        if step.note:
            notes.append(step.note)
        wrapped = True
    return Forward(text=text, sender=sender, note="\n".join(notes), wrapped=wrapped)


def sender_only(body: str) -> str | None:
    """The sender when the message is nothing but a phone number, short code, e-mail address
    or sender id (perhaps after 'From:' or 'Número:'); None otherwise."""
    text = body.strip().rstrip(".!")
    if not text or "\n" in text or len(text) > MAX_SENDER_CHARS or keyword_of(text):
        return None
    label = _SENDER_LABEL.match(text)
    candidate = _unquoted(text[label.end():] if label and text[label.end():].strip() else text)
    if keyword_of(candidate):
        return None
    kind = classify_sender(candidate)
    if kind in (SenderKind.MOBILE, SenderKind.SHORT_CODE, SenderKind.EMAIL):
        return candidate
    if kind is SenderKind.UNKNOWN and _is_digits(candidate, 3, 15):
        return candidate  # a local number without its area code ("555 0134")
    if kind is SenderKind.ALPHANUMERIC and " " not in candidate:
        return candidate
    return None


def keyword_of(body: str) -> Keyword | None:
    """HELP, an opt-out word or a courtesy ('thanks'), when that is the whole message."""
    key = " ".join(body.strip().rstrip(".!¡").lstrip("¡").casefold().split())
    return _KEYWORDS.get(key)


def _unwrap_once(text: str) -> Forward | None:
    """One wrapping removed from ``text`` (the outermost), or None when there is none."""
    prefix = _PREFIX.match(text)
    if prefix and text[prefix.end():].strip():
        return Forward(text[prefix.end():].strip(), None, "", True)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _MARKER.match(line):
            headers, rest = _header_block(lines[index + 1 :])
            body = _joined(rest)
            if body:
                return Forward(body, _sender_of(headers), _joined(lines[:index]), True)
    quoted = [i for i, line in enumerate(lines) if _QUOTED.match(line)]
    if quoted:
        body = _joined(_UNQUOTE.sub("", lines[i]) for i in quoted)
        is_quoted = set(quoted)
        around = [line for i, line in enumerate(lines) if i not in is_quoted]
        intros = [line for line in around if _QUOTE_INTRO.match(line)]
        if body:
            sender = next((s for s in map(_sender_in, intros) if s), None)
            note = _joined(line for line in around if line not in intros)
            return Forward(body, sender, note, True)
    # Without a marker, a header block counts only when it names a sender: a text may well
    # begin "Date: Friday" or "To: all staff".
    headers, rest = _header_block(lines)
    sender = _sender_of(headers)
    if sender and _joined(rest):
        return Forward(_joined(rest), sender, "", True)
    kept = [line for line in lines if not _FOOTER.match(line)]
    if len(kept) < len(lines) and _joined(kept):
        return Forward(_joined(kept), None, "", True)
    return None


def _header_block(lines: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """The ``Key: value`` lines at the top (blank lines around them skipped), and the rest."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    headers: list[tuple[str, str]] = []
    end = start
    while end < len(lines):
        match = _HEADER.match(lines[end])
        if match is None:
            break
        key = match.group(1).casefold()
        if key not in _SENDER_KEYS and key not in _OTHER_KEYS:
            break
        if key in _SENDER_KEYS and not headers and _sender_in(match.group(2)) is None:
            break  # "De: RRHH. Tu nómina..." is a text that begins with "De:", not a header
        headers.append((key, match.group(2)))
        end += 1
    if not headers:
        return [], lines
    return headers, lines[end:]


def _sender_of(headers: list[tuple[str, str]]) -> str | None:
    for key, value in headers:
        if key in _SENDER_KEYS and (sender := _sender_in(value)):
            return sender
    return None


def _sender_in(value: str) -> str | None:
    """The sender a header value or quote intro names: 'Acme IT <+14155550134>', '72975',
    'alerts@acme-it.com', 'On ... +1 415 555 0134 wrote:'."""
    angle = _ANGLE.search(value)
    candidates = [angle.group(1), value[: angle.start()]] if angle else [value]
    for candidate in map(_unquoted, candidates):
        if len(candidate) <= MAX_SENDER_CHARS and classify_sender(candidate) in _SENDER_KINDS \
                and not keyword_of(candidate):
            return candidate
    phone = _PHONE_IN_TEXT.search(value)
    if phone and classify_sender(phone.group()) is SenderKind.MOBILE:
        return phone.group().strip()
    return None


def _unquoted(text: str) -> str:
    return text.strip().strip("\"'“”‘’[]() ").strip()


def _is_digits(text: str, low: int, high: int) -> bool:
    digits = [c for c in text if c.isdigit()]
    return low <= len(digits) <= high and all(c.isdigit() or c in "+ -.()" for c in text)


def _lines(body: str) -> str:
    return "\n".join(line.rstrip() for line in body.splitlines()).strip()


def _joined(lines: Iterable[str]) -> str:
    return "\n".join(lines).strip()
