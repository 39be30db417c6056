"""Reports that arrive by SMS at a tenant's reporting number, and the 7726-style two steps.

An employee forwards a suspicious text; smishguard unwraps it (:mod:`smishguard.text.
forwarded`), scores and stores it, and answers with the verdict. A forwarded SMS rarely says
who sent it, so then the answer also asks for the number it came from, and the report waits
for it: when the same reporter's next message, within :data:`SENDER_WINDOW`, is nothing but a
number (short code, sender id), it becomes the report's sender. That is how the UK's 7726
service works, and reporters who know it expect it.

The reporter's number is in clear only inside :meth:`SmsReporting.receive`: the store gets its
keyed hash (and last two digits), logs get :func:`~smishguard.service.phones.masked`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from smishguard.errors import InvalidInput
from smishguard.model import Channel, Report
from smishguard.records import Tenant
from smishguard.service.clock import Clock
from smishguard.service.phones import is_phone_number, normalise_number, pseudonym
from smishguard.service.reporting import Reporting, Submission
from smishguard.service.sms_replies import Notice, imitated_brand, notice, verdict_reply
from smishguard.text.forwarded import Keyword, keyword_of, read_forward, sender_only
from smishguard.text.language import guess_language

SENDER_WINDOW = timedelta(minutes=15)
"""How long a forwarded text waits for its sender (step two of the 7726 flow)."""

_SCHEMES = ("whatsapp:", "sms:", "tel:")


class Outcome(StrEnum):
    """What an inbound SMS turned out to be."""

    REPORTED = "reported"  # a forwarded text, scored and stored
    SENDER_ADDED = "sender_added"  # step two: the number a pending report came from
    NO_PENDING = "no_pending"  # a bare number with no recent forward: nothing stored
    HELP = "help"
    IGNORED = "ignored"  # STOP, START, thanks: nothing stored, nothing answered
    EMPTY = "empty"  # no text (a picture alone): nothing stored


@dataclass(frozen=True, slots=True)
class SmsAnswer:
    """What to text back ('' for nothing) and the report concerned, if any."""

    outcome: Outcome
    reply: str
    report: Report | None = None
    awaits_sender: bool = False


def gateway_number(value: str) -> str:
    """A Twilio address as a plain number: 'whatsapp:+1 415…' → '+1415…' (E.164 when it is
    a phone number)."""
    text = value.strip()
    for scheme in _SCHEMES:
        if text.lower().startswith(scheme):
            text = text[len(scheme):]
            break
    return normalise_number(text)


class SmsReporting:
    """Turns one inbound SMS into a report, a sender for a pending report, or a notice."""

    def __init__(self, reporting: Reporting, secret: bytes, clock: Clock) -> None:
        self._reporting = reporting
        self._secret = secret
        self._clock = clock

    def receive(self, tenant: Tenant, reporter: str, body: str,
                message_id: str | None = None) -> SmsAnswer:
        """Handle what ``reporter`` (their number, in clear) texted to ``tenant``'s number;
        ``message_id`` (Twilio's MessageSid) makes a retried or replayed webhook the same
        report."""
        if not gateway_number(reporter):
            raise InvalidInput("the SMS says nothing of who sent it (no 'From')")
        text = body.strip()
        if not text:
            return SmsAnswer(Outcome.EMPTY, notice(Notice.EMPTY))
        language = guess_language(text)
        keyword = keyword_of(text)
        if keyword is Keyword.HELP:
            return SmsAnswer(Outcome.HELP, notice(Notice.HELP, language))
        if keyword is not None:
            return SmsAnswer(Outcome.IGNORED, "")
        sender = sender_only(text)
        if sender is not None:
            return self._second_step(tenant, reporter, sender, language)
        return self._report(tenant, reporter, text, message_id)

    def _second_step(self, tenant: Tenant, reporter: str, sender: str,
                     language: str) -> SmsAnswer:
        now = self._clock()
        report = self._reporting.store.reports.attach_sender(
            tenant.id, pseudonym(self._secret, gateway_number(reporter)),
            _sender_value(sender), now - SENDER_WINDOW)
        if report is None:
            return SmsAnswer(Outcome.NO_PENDING, notice(Notice.NO_PENDING, language))
        return SmsAnswer(Outcome.SENDER_ADDED,
                         notice(Notice.SENDER_ADDED, guess_language(report.text)), report)

    def _report(self, tenant: Tenant, reporter: str, text: str,
                message_id: str | None) -> SmsAnswer:
        forward = read_forward(text)
        report = self._reporting.submit(tenant.id, Submission(
            text=forward.text,
            sender=_sender_value(forward.sender) if forward.sender else None,
            reporter=gateway_number(reporter),
            channel=Channel.SMS,
            external_id=f"twilio:{message_id[:64]}" if message_id else None,
        ))
        awaits = report.sender is None
        if awaits:
            self._reporting.store.reports.await_sender(
                tenant.id, report.reporter, report.id, self._clock())
        scanner = self._reporting.scanners.for_tenant(tenant)
        reply = verdict_reply(
            report.verdict, imitated_brand(report.verdict, report.text, scanner),
            language=guess_language(report.text), ask_sender=awaits)
        return SmsAnswer(Outcome.REPORTED, reply, report, awaits)


def _sender_value(sender: str) -> str:
    """Phone numbers and short codes in one spelling (E.164 when international); sender ids
    and e-mail addresses as written."""
    return normalise_number(sender) if is_phone_number(sender) else sender.strip()
