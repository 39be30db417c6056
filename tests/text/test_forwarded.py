"""Reading forwarded SMS: the original text, its sender when the forward names it, the
reporter's own words kept apart; the sender alone (step two of 7726); keywords."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.text.forwarded import Forward, Keyword, keyword_of, read_forward, sender_only

ACME = "Acme IT: your password expires today. Log in at acme-okta.com to keep it."
ACME_ES = "Acme: su contraseña caduca hoy. Inicie sesión en acme-sso.net para mantenerla."
PARCEL_ES = "Correos: su paquete está retenido. Pague 1,99 EUR en correos-envios.top"

FORWARDS = [
    # Phones forward the bare text.
    (ACME, Forward(ACME)),
    (f"  {ACME}\r\n", Forward(ACME)),
    # Copied with a subject-style prefix.
    (f"Fwd: {ACME}", Forward(ACME, wrapped=True)),
    (f"FW: {ACME}", Forward(ACME, wrapped=True)),
    (f"Fwd: Fwd: {ACME}", Forward(ACME, wrapped=True)),
    (f"RV: {ACME_ES}", Forward(ACME_ES, wrapped=True)),
    (f"Reenviado: {ACME_ES}", Forward(ACME_ES, wrapped=True)),
    # Gmail, English and Spanish.
    (f"Is this real?\n\n---------- Forwarded message ---------\nFrom: +1 415 555 0134\n"
     f"Date: Sat, Nov 28, 2026 at 8:55 AM\nTo: <jane@acme.com>\n\n{ACME}\n",
     Forward(ACME, "+1 415 555 0134", "Is this real?", True)),
    (f"¿Es real?\n\n---------- Mensaje reenviado ---------\nDe: +34 612 345 678\n"
     f"Fecha: sáb, 28 nov 2026, 8:55\nAsunto: Aviso\nPara: <ana@acme.es>\n\n{ACME_ES}",
     Forward(ACME_ES, "+34 612 345 678", "¿Es real?", True)),
    # Outlook, English and Spanish.
    (f"-----Original Message-----\nFrom: Acme IT <alerts@acme-it.help>\n"
     f"Sent: Saturday, November 28, 2026 8:55 AM\nTo: Jane Doe\nSubject: Password\n\n{ACME}",
     Forward(ACME, "alerts@acme-it.help", "", True)),
    (f"-----Mensaje original-----\nDe: Correos <avisos@correos-envios.top>\n"
     f"Enviado el: sábado, 28 de noviembre de 2026 8:55\nPara: Ana\nAsunto: Paquete\n\n"
     f"{PARCEL_ES}",
     Forward(PARCEL_ES, "avisos@correos-envios.top", "", True)),
    # Apple Mail, English and Spanish.
    (f"Begin forwarded message:\n\nFrom: 72975\nDate: November 28, 2026 at 8:55:00 AM PST\n"
     f"\n{ACME}",
     Forward(ACME, "72975", "", True)),
    (f"Inicio del mensaje reenviado:\n\nDe: \"ACME-IT\" <ACME-IT>\nFecha: 28 de noviembre\n\n"
     f"{ACME_ES}",
     Forward(ACME_ES, "ACME-IT", "", True)),
    # Quoted the way mail clients quote, with the reporter's words around.
    (f"got this just now, legit?\n> {ACME}", Forward(ACME, None, "got this just now, legit?",
                                                    True)),
    ("> Acme IT: your password expires today.\n> Log in at acme-okta.com to keep it.",
     Forward("Acme IT: your password expires today.\nLog in at acme-okta.com to keep it.",
             wrapped=True)),
    (f"On Sat, Nov 28, 2026 at 8:55 AM +1 415 555 0134 wrote:\n> {ACME}\n\nSent from my iPhone",
     Forward(ACME, "+1 415 555 0134", "Sent from my iPhone", True)),
    (f"El sáb, 28 nov 2026 a las 8:55, +34 612 345 678 escribió:\n> {ACME_ES}",
     Forward(ACME_ES, "+34 612 345 678", "", True)),
    (f">> {ACME}", Forward(ACME, wrapped=True)),
    # The sender written above the text, as some apps share a message.
    (f"From: +1 (415) 555-0134\n{ACME}", Forward(ACME, "+1 (415) 555-0134", "", True)),
    (f"De: 612 345 678\n{PARCEL_ES}", Forward(PARCEL_ES, "612 345 678", "", True)),
    (f"Sender: ACME-IT\n{ACME}", Forward(ACME, "ACME-IT", "", True)),
    # Footers apps append.
    (f"{ACME}\n\nSent from my iPhone", Forward(ACME, wrapped=True)),
    (f"{ACME_ES}\n\nEnviado desde mi Samsung Galaxy", Forward(ACME_ES, wrapped=True)),
    (f"{ACME}\n\nGet Outlook for Android", Forward(ACME, wrapped=True)),
    # A forward inside a forward: the innermost header names the original sender.
    (f"Fwd: ---------- Forwarded message ---------\nFrom: Jane <jane@acme.com>\n\n"
     f"see below\n> From: +1 415 555 0134\n> {ACME}",
     Forward(ACME, "+1 415 555 0134", "see below", True)),
]

NOT_WRAPPINGS = [
    "De: RRHH. Tu nómina de noviembre está retenida, entra en acme-rrhh.com",
    "From: Acme IT. Your password expires today, log in at acme-okta.com",
    "Date: Friday 9am\nTo: all staff\nThe meeting moved to room 4.",
    "Sent from my iPhone",
    "Re: your order. Track it at ups-track.top",
    "Your code is 482913. Don't share it.",
    "Call me > now",
    "",
]


@pytest.mark.parametrize(("body", "expected"), FORWARDS)
def test_forwards_are_unwrapped(body: str, expected: Forward) -> None:
    assert read_forward(body) == expected


@pytest.mark.parametrize("body", NOT_WRAPPINGS)
def test_texts_that_only_look_like_wrappings_are_kept_whole(body: str) -> None:
    found = read_forward(body)
    assert found == Forward(body.strip())


@pytest.mark.parametrize(("body", "expected"), [
    ("+1 415 555 0134", "+1 415 555 0134"),
    ("+14155550134.", "+14155550134"),
    ("  72975 ", "72975"),
    ("ACME-IT", "ACME-IT"),
    ("Santander", "Santander"),
    ("alerts@acme-it.help", "alerts@acme-it.help"),
    ("tel:+14155550134", "tel:+14155550134"),
    ("From: 72975", "72975"),
    ("from +1 415 555 0134", "+1 415 555 0134"),
    ("It came from ACME-IT", "ACME-IT"),
    ("sender: \"ACME-IT\"", "ACME-IT"),
    ("Número: 612 345 678", "612 345 678"),
    ("numero 612345678", "612345678"),
    ("era del 612 345 678", "612 345 678"),
    ("De: +34 612 345 678", "+34 612 345 678"),
    ("555 0134", "555 0134"),
    ("0034 612 345 678", "0034 612 345 678"),
])
def test_a_message_that_is_only_the_sender(body: str, expected: str) -> None:
    assert sender_only(body) == expected


@pytest.mark.parametrize("body", [
    ACME, "thanks", "Thanks!", "ok", "Gracias", "de nada", "hola", "STOP", "help", "ayuda",
    "hello there", "acme-okta.com", "12", "+1 415 555 0134\n+1 415 555 0135",
    "From: Acme IT. Your password", "call me at 10", "", "   ", "¿qué hago?",
    "+1 415 555 0134 sent this to me, is it a scam or not, I am not sure at all",
])
def test_messages_that_are_not_only_a_sender(body: str) -> None:
    assert sender_only(body) is None


@pytest.mark.parametrize(("body", "expected"), [
    ("HELP", Keyword.HELP), ("help.", Keyword.HELP), ("Ayuda", Keyword.HELP),
    ("INFO", Keyword.HELP), ("STOP", Keyword.OPT_OUT), ("unsubscribe", Keyword.OPT_OUT),
    ("Baja", Keyword.OPT_OUT), ("START", Keyword.OPT_OUT), ("thanks!", Keyword.THANKS),
    ("Thank  you", Keyword.THANKS), ("¡Gracias!", Keyword.THANKS), ("ok", Keyword.THANKS),
    ("help me, is this real? acme-okta.com", None), ("stop sending me this", None),
    (ACME, None), ("", None),
])
def test_keywords(body: str, expected: Keyword | None) -> None:
    assert keyword_of(body) is expected


# Texts made of the pieces forwards are made of, so hypothesis explores their combinations.
PIECES = st.sampled_from([
    "> ", ">", "\n", "\r\n", " ", "Fwd: ", "FW:", "RV: ", "From: ", "De: ", "Date: x",
    "---------- Forwarded message ---------", "-----Mensaje original-----", "Sent from my x",
    "On Sat wrote:", "+1 415 555 0134", "72975", "ACME-IT", "<a@b.co>", "acme-okta.com",
    ACME, ACME_ES, ":", "\u2028", "\x00", "é", "¿",
])
BODIES = st.one_of(st.text(), st.lists(PIECES, max_size=12).map("".join))


@given(BODIES)
def test_reading_is_total_and_idempotent(body: str) -> None:
    found = read_forward(body)
    assert isinstance(found, Forward)
    assert bool(found.text) == bool(body.strip())
    assert read_forward(found.text).text == found.text
    if not found.wrapped:
        assert found.text == "\n".join(line.rstrip() for line in body.splitlines()).strip()
    sender_only(body)
    keyword_of(body)


@given(BODIES)
def test_a_sender_found_is_short_and_in_the_body(body: str) -> None:
    found = read_forward(body)
    if found.sender is not None:
        assert 0 < len(found.sender) <= 64
        assert found.sender in body
    alone = sender_only(body)
    if alone is not None:
        assert alone in body
        assert "\n" not in alone
