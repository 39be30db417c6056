from __future__ import annotations

import time
import timeit

import pytest
from cpu_bound import within_cpu
from hypothesis import given, settings
from hypothesis import strategies as st

from smishguard.text import phrases_en, phrases_es
from smishguard.text.cues import WEAK_STRENGTH, Cue, CueKind, catalogue, find_cues
from smishguard.text.normalize import normalize

K = CueKind


def kinds(text: str) -> set[CueKind]:
    return {c.kind for c in find_cues(normalize(text))}


def full_kinds(text: str) -> set[CueKind]:
    return {c.kind for c in find_cues(normalize(text)) if c.strength >= 1.0}


# (text, a kind that must be found at full strength)
POSITIVES = [
    # 0ktapus-style, English
    ("Your Acme VPN password is expiring, please update at acme-vpn.com", K.CREDENTIAL_PRETEXT),
    ("Acme IT: your password has expired. Reset your password now", K.CREDENTIAL_PRETEXT),
    ("Please verify your account to keep access", K.CREDENTIAL_PRETEXT),
    ("MFA re-enrollment is required for all staff", K.CREDENTIAL_PRETEXT),
    ("Your manager shared a document with you", K.CREDENTIAL_PRETEXT),
    ("Your work schedule has changed, please check acme-okta.com", K.SCHEDULE_HR),
    ("Shift change for next week: see the roster", K.SCHEDULE_HR),
    ("Payroll update: confirm your direct deposit", K.SCHEDULE_HR),
    ("Benefits enrolment closes tonight", K.SCHEDULE_HR),
    ("Message from the HR department", K.SCHEDULE_HR),
    ("This is the IT department: we need you to re-login", K.IT_IMPERSONATION),
    ("Acme Help Desk: ticket assigned", K.IT_IMPERSONATION),
    ("Service desk notice for all staff", K.IT_IMPERSONATION),
    ("ALERT!! Your Acme account will be deactivated. Log in at acme-sso.com", K.ACCOUNT_THREAT),
    ("We noticed unusual activity on your account", K.ACCOUNT_THREAT),
    ("Unauthorized login attempt blocked", K.ACCOUNT_THREAT),
    ("Your card has been suspended", K.ACCOUNT_THREAT),
    ("Act now: within 24 hours or lose access", K.URGENCY),
    ("FINAL NOTICE before suspension", K.URGENCY),
    ("URGENT! respond immediately", K.URGENCY),
    ("USPS: your package is on hold due to an incomplete address", K.PARCEL),
    ("A $0.30 redelivery fee is required", K.PARCEL),
    ("Customs fee pending for your parcel", K.PARCEL),
    ("Please update your address to receive your parcel", K.PARCEL),
    ("E-ZPass: you have an unpaid toll balance of $6.85", K.FINE_TOLL),
    ("Outstanding fine: pay your traffic ticket", K.FINE_TOLL),
    ("You have WON a guaranteed £1000 cash prize", K.PRIZE_LURE),
    ("Claim your prize now", K.PRIZE_LURE),
    ("Txt WIN to 80086 for your chance", K.PRIZE_LURE),
    ("Call 09061701461 to claim. 150p/min", K.PRIZE_LURE),
    ("Your payment failed. Update payment details", K.PAYMENT_REQUEST),
    ("Card declined - pay now to avoid charges", K.PAYMENT_REQUEST),
    ("Please reply with the code we sent you", K.CODE_REQUEST),
    ("Hi mum, I sent you a code by mistake, can you send it back to me?", K.CODE_REQUEST),
    ("Share the code you received with our agent", K.CODE_REQUEST),
    ("Click the link below", K.LINK_CALL_TO_ACTION),
    ("Log in at acme-login.com", K.LINK_CALL_TO_ACTION),
    ("Your Acme verification code is 482913. Don't share it.", K.LEGIT_CODE_NOTICE),
    ("Your code is 4821. Never share this code.", K.LEGIT_CODE_NOTICE),
    ("Reply C to confirm your appointment tomorrow at 10:30 or X to cancel", K.LEGIT_REPLY_KEYWORD),
    ("CVS: your prescription is ready. Reply STOP to opt out", K.LEGIT_REPLY_KEYWORD),
    ("Reply YES to confirm", K.LEGIT_REPLY_KEYWORD),
    # Spanish (accents optional: both sides are normalized)
    ("Su contraseña caducará hoy", K.CREDENTIAL_PRETEXT),
    ("Restablecer contrasena aqui", K.CREDENTIAL_PRETEXT),
    ("Verifica tu cuenta para no perder el acceso", K.CREDENTIAL_PRETEXT),
    ("Debes iniciar sesion y confirmar tu identidad", K.CREDENTIAL_PRETEXT),
    ("RRHH: cambio de horario a partir del lunes", K.SCHEDULE_HR),
    ("Cambio de turno: consulta el nuevo cuadrante", K.SCHEDULE_HR),
    ("Tu nómina de junio está disponible", K.SCHEDULE_HR),
    ("Recursos Humanos informa", K.SCHEDULE_HR),
    ("Departamento de Informática: mantenimiento", K.IT_IMPERSONATION),
    ("Soporte técnico de Acme", K.IT_IMPERSONATION),
    ("El equipo de sistemas necesita que actualices", K.IT_IMPERSONATION),
    ("Su cuenta ha sido suspendida", K.ACCOUNT_THREAT),
    ("Tu cuenta bloqueada por actividad inusual", K.ACCOUNT_THREAT),
    ("Hemos detectado un acceso no autorizado", K.ACCOUNT_THREAT),
    ("Hágalo inmediatamente", K.URGENCY),
    ("En las próximas 24 horas su cuenta será cancelada", K.URGENCY),
    ("ÚLTIMO AVISO", K.URGENCY),
    ("Su paquete retenido en aduanas", K.PARCEL),
    ("No se pudo entregar su envío", K.PARCEL),
    ("Pague las tasas de aduana", K.PARCEL),
    ("Actualiza tu dirección de entrega", K.PARCEL),
    ("Tiene una multa de tráfico pendiente", K.FINE_TOLL),
    ("Peaje pendiente de pago en la AP-7", K.FINE_TOLL),
    ("Deuda pendiente con Hacienda", K.FINE_TOLL),
    ("¡Has ganado un iPhone!", K.PRIZE_LURE),
    ("Reclama tu premio aquí", K.PRIZE_LURE),
    ("Regalo gratis para ti", K.PRIZE_LURE),
    ("Pago pendiente: actualiza tu tarjeta", K.PAYMENT_REQUEST),
    ("Pago fallido en su suscripción", K.PAYMENT_REQUEST),
    ("Responde con el código que te llegó", K.CODE_REQUEST),
    ("Envíame el código que te llegó por SMS", K.CODE_REQUEST),
    ("Dime el código porfa", K.CODE_REQUEST),
    ("Haz clic aquí", K.LINK_CALL_TO_ACTION),
    ("Pulsa aquí para verlo", K.LINK_CALL_TO_ACTION),
    ("Tu código es 123456. No compartas este código.", K.LEGIT_CODE_NOTICE),
    (
        "Tu cita es mañana a las 10:30. Responde SI para confirmar o NO para cancelar",
        K.LEGIT_REPLY_KEYWORD,
    ),
    ("Para darse de baja responda STOP", K.LEGIT_REPLY_KEYWORD),
    ("Envía BAJA al 25500", K.LEGIT_REPLY_KEYWORD),
    ("Hi Mum, I dropped my phone, this is my new number", K.FAMILY_IMPERSONATION),
    ("Hola mamá, se me ha roto el móvil. Escríbeme por WhatsApp", K.FAMILY_IMPERSONATION),
    ("Remote part-time job, earn $300/day from home", K.EASY_MONEY),
    ("Trabajo desde casa, gana hasta 400€ al día", K.EASY_MONEY),
    ("Coinbase: a withdrawal was requested. If this wasn't you, cancel it", K.ACCOUNT_THREAT),
    # obfuscated
    ("Your p.a.s.s.w.o.r.d has exp1red", K.CREDENTIAL_PRETEXT),
    ("Your pa$$word has expired", K.CREDENTIAL_PRETEXT),
    ("Your acc\u200bount has been susp\u200bended", K.ACCOUNT_THREAT),
    ("Yоur раssword hаs еxpirеd", K.CREDENTIAL_PRETEXT),  # Cyrillic look-alikes
]


@pytest.mark.parametrize(("text", "kind"), POSITIVES)
def test_positive(text: str, kind: CueKind) -> None:
    assert kind in full_kinds(text)


# (text, kinds that must NOT be found at all)
NEGATIVES = [
    ("Your Acme verification code is 482913. Don't share it.", {K.CODE_REQUEST}),
    ("Tu código de verificación es 123456. No lo compartas con nadie.", {K.CODE_REQUEST}),
    ("Please reply with the code we sent you", {K.LEGIT_CODE_NOTICE}),
    (
        "Reply C to confirm your appointment tomorrow at 10:30 or X to cancel",
        {K.CODE_REQUEST, K.CREDENTIAL_PRETEXT, K.PRIZE_LURE},
    ),
    (
        "Tu cita es mañana a las 10:30. Responde SI para confirmar o NO para cancelar",
        {K.CODE_REQUEST, K.CREDENTIAL_PRETEXT},
    ),
    # word boundaries
    ("submit team results", {K.IT_IMPERSONATION}),
    ("Está en el hoyo", {K.URGENCY}),
    ("the winnerless draw", set()),
    ("you won't believe it", {K.PRIZE_LURE}),
    ("caller 0906 ok", set()),
    # words inside links are the link detector's, not cues
    ("see acme-sso.net", {K.CREDENTIAL_PRETEXT}),
    (
        "go to https://login.acme-helpdesk.com/reset-password",
        {K.CREDENTIAL_PRETEXT, K.IT_IMPERSONATION},
    ),
    ("mail me at helpdesk@acme.com", {K.IT_IMPERSONATION}),
    # everyday texts
    ("running 10 min late, sorry!! order me a latte?", set(CueKind)),
    ("Can you pick up milk on the way home? and the dog food", set(CueKind)),
    ("Llego en 10 min, pide tú mientras", set(CueKind)),
    ("mamá ya llegué a casa, mañana te llamo besos", set(CueKind)),
]


@pytest.mark.parametrize(("text", "absent"), NEGATIVES)
def test_negative(text: str, absent: set[CueKind]) -> None:
    assert kinds(text).isdisjoint(absent)


def test_winnerless_is_not_a_winner() -> None:
    assert find_cues(normalize("the winnerless draw")) == ()


def test_one_cue_per_distinct_phrase_in_text_order() -> None:
    cues = find_cues(normalize("URGENT urgent! your password has expired. URGENT"))
    phrases = [c.phrase for c in cues]
    assert phrases.count("urgent") == 1
    assert phrases.index("urgent") < phrases.index("password has expired")


def test_weak_phrases_are_found_at_half_strength() -> None:
    found = find_cues(normalize("Hola, tu contraseña de Acme ha caducado"))
    weak = {c.phrase for c in found if c.kind is K.CREDENTIAL_PRETEXT}
    assert {"tu contraseña", "ha caducado"} <= weak
    assert all(c.strength == WEAK_STRENGTH for c in found if c.kind is K.CREDENTIAL_PRETEXT)


def test_weak_phrase_counts_half() -> None:
    (cue,) = [c for c in find_cues(normalize("see you today")) if c.kind is K.URGENCY]
    assert cue == Cue(K.URGENCY, "today", "en", WEAK_STRENGTH)


def test_phrase_keeps_the_catalogue_spelling_and_language() -> None:
    cues = find_cues(normalize("TU CONTRASENA HA CADUCADO"))
    assert Cue(K.CREDENTIAL_PRETEXT, "contraseña ha caducado", "es") in cues


def test_spelling_variants_are_generated() -> None:
    # written once as "don't share it" and "sign-in"
    assert K.LEGIT_CODE_NOTICE in kinds("code 1234, dont share it")
    assert K.ACCOUNT_THREAT in kinds("suspicious signin from Lagos")
    assert K.ACCOUNT_THREAT in kinds("suspicious sign in from Lagos")


def test_prefix_phrase_needs_no_right_boundary() -> None:
    assert K.PRIZE_LURE in full_kinds("call 09061701461 now")
    assert K.PRIZE_LURE not in kinds("ext 10906, or 1090612")


def test_counter_evidence_kinds() -> None:
    assert {k for k in CueKind if k.is_counter_evidence} == {
        K.LEGIT_CODE_NOTICE,
        K.LEGIT_REPLY_KEYWORD,
    }


def test_empty_text() -> None:
    assert find_cues("") == ()


# Catalogue hygiene


@pytest.mark.parametrize("kind", list(CueKind))
def test_every_kind_has_english_and_spanish_phrases(kind: CueKind) -> None:
    assert phrases_en.PHRASES.get(kind.value)
    assert phrases_es.PHRASES.get(kind.value)


@pytest.mark.parametrize(
    ("lang", "by_kind"),
    [("en", phrases_en.PHRASES), ("es", phrases_es.PHRASES), ("mul", phrases_en.SHARED)],
)
def test_catalogue_entries_are_clean(lang: str, by_kind: dict[str, tuple[str, ...]]) -> None:
    for kind, phrases in by_kind.items():
        assert CueKind(kind)  # a known kind
        bare = [p.removeprefix("~").removesuffix("*") for p in phrases]
        duplicated = {p for p in bare if bare.count(p) > 1}
        assert not duplicated, f"{lang}/{kind} lists {duplicated} twice"
        for phrase in bare:
            assert phrase == phrase.strip(), phrase
            assert "  " not in phrase, phrase
            assert phrase == phrase.lower(), f"{lang}/{kind}: write {phrase!r} in lower case"
            assert normalize(phrase), phrase


def test_catalogue_size() -> None:
    rows = catalogue()
    assert len(rows) > 1000
    assert {cue.lang for _, cue, _ in rows} == {"en", "es", "mul"}


# Robustness and speed


@given(st.text())
@settings(max_examples=300)
def test_never_raises(text: str) -> None:
    for cue in find_cues(normalize(text)):
        assert isinstance(cue.kind, CueKind)


@pytest.mark.parametrize(
    "text",
    [
        "urgent " * 15_000,
        "hoy " * 25_000,
        "a" * 100_000,
        "reply with the code " * 5_000,
        "acme-sso.net/" * 8_000,
        "password." * 11_000,
        "you won'" * 12_000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_bounded_time_on_100kb(text: str) -> None:
    cues = within_cpu(1.0, lambda: find_cues(normalize(text)))
    assert len(cues) == len(set(cues))


def test_speed_per_sms() -> None:
    texts = [
        "Your Acme VPN password is expiring, please update at acme-vpn.com",
        "Hola, tu contraseña de Acme ha caducado. Actualízala en acme-login.com",
        "Can you pick up milk on the way home? and the dog food",
        "Tu código de verificación es 123456. No lo compartas con nadie.",
    ]
    find_cues(normalize(texts[0]))  # build the tables
    runs = 2_000
    timer = timeit.Timer(lambda: [find_cues(normalize(t)) for t in texts], timer=time.process_time)
    seconds = timer.timeit(number=runs) / (runs * len(texts))
    # Typically 3-8 µs; the bound leaves room for slow CI machines.
    assert seconds < 100e-6
