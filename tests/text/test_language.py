"""English or Spanish: enough to answer a reporter in their language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.text.language import ENGLISH, SPANISH, guess_language


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme IT: your password expires today. Log in at acme-okta.com to keep it.", ENGLISH),
    ("Your USPS package is held: pay the fee at usps-redelivery.top", ENGLISH),
    ("Hi mum, this is my new number, my phone broke. Text me here", ENGLISH),
    ("Your dentist appointment is on Tuesday at 3pm. Reply C to confirm.", ENGLISH),
    ("Acme: su contraseña caduca hoy. Inicie sesión en acme-sso.net para mantenerla.", SPANISH),
    ("Correos: su paquete está retenido. Pague 1,99 EUR en correos-envios.top", SPANISH),
    ("Hola mamá, este es mi nuevo número, escríbeme por WhatsApp", SPANISH),
    ("DGT: tiene una multa pendiente de pago. Evite recargos en dgt-multas.top", SPANISH),
    ("Santander: hemos bloqueado tu cuenta por seguridad, verifica tus datos", SPANISH),
    ("ayuda", SPANISH),
    ("Número: 612 345 678", SPANISH),
    ("+1 415 555 0134", ENGLISH),
    ("acme-okta.com", ENGLISH),
    ("", ENGLISH),
])
def test_guess_language(text: str, expected: str) -> None:
    assert guess_language(text) == expected


@given(st.text())
def test_always_answers_one_of_the_two(text: str) -> None:
    assert guess_language(text) in (ENGLISH, SPANISH)
