"""POST /v1/twilio/sms: the webhook a reporting number on Twilio (or any gateway that speaks
Twilio's webhook format) calls for each SMS it receives.

No bearer key: the ``X-Twilio-Signature`` header is the authentication. The tenant is the one
whose reporting number is the ``To`` field; the signature must verify with that tenant's
Twilio auth token (the twilio library's ``RequestValidator``), over the URL Twilio called.
Behind a proxy that URL is not the one the service sees, so set ``SMISHGUARD_PUBLIC_URL``
(docs/twilio.md). The answer is TwiML: one short message back to the reporter, or none.

Refusals are JSON like every other error: 404 for a number no tenant has, 403 for a missing
or wrong signature (or a tenant with no auth token), 415 for a body that is not a form.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from starlette.datastructures import FormData
from twilio.request_validator import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)
from twilio.twiml.messaging_response import MessagingResponse

from smishguard.api.dependencies import ServicesDep
from smishguard.errors import InvalidInput, NotFound, PermissionDenied
from smishguard.model import Channel
from smishguard.service.phones import masked
from smishguard.service.settings import Settings
from smishguard.service.sms import Outcome, SmsReporting, gateway_number

log = logging.getLogger("smishguard.api.twilio")

router = APIRouter(prefix="/v1/twilio", tags=["twilio"])

FORM = "application/x-www-form-urlencoded"
TWIML = "application/xml"

_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["From", "To", "Body"],
    "properties": {
        "From": {"type": "string", "description": "The reporter's number"},
        "To": {"type": "string", "description": "The tenant's reporting number"},
        "Body": {"type": "string", "description": "The forwarded text, or a sender number"},
        "MessageSid": {"type": "string"},
    },
    "additionalProperties": {"type": "string"},
}


async def twilio_form(request: Request) -> FormData:
    """The webhook's parameters; Twilio posts them form-encoded, never as JSON."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != FORM:
        raise HTTPException(415, f"send the webhook form-encoded ({FORM!r}), as Twilio does, "
                            f"not {media_type or 'no content type'!r}")
    return await request.form()


@router.post(
    "/sms",
    response_class=Response,
    summary="Twilio inbound SMS webhook (signed with X-Twilio-Signature, no bearer key)",
    responses={200: {"description": "TwiML: the reply to the reporter",
                     "content": {TWIML: {"schema": {"type": "string"}}}}},
    openapi_extra={
        "requestBody": {"required": True, "content": {FORM: {"schema": _FORM_SCHEMA}}},
        "parameters": [{"name": SIGNATURE_HEADER, "in": "header", "required": True,
                        "schema": {"type": "string"}}],
    },
)
def inbound_sms(request: Request, app: ServicesDep,
                form: Annotated[FormData, Depends(twilio_form)]) -> Response:
    """Report a forwarded SMS (or give a pending report its sender) and answer in TwiML."""
    to = _field(form, "To")
    if not to:
        raise InvalidInput("the webhook has no 'To' number")
    number = gateway_number(to)
    tenant = app.store.tenants.by_reporting_number(number)
    if tenant is None:
        raise NotFound(f"no tenant has the reporting number {number[:32]}")
    if not tenant.twilio_auth_token:
        raise PermissionDenied("this reporting number has no Twilio auth token configured, so "
                               "its webhooks cannot be verified")
    signature = request.headers.get(SIGNATURE_HEADER)
    if not signature:
        raise PermissionDenied(f"missing {SIGNATURE_HEADER} header")
    url = signed_url(request, app.settings)
    algorithm = get_signature_algorithm(request.headers.get(SIGNATURE_SETTINGS_HEADER))
    validator = RequestValidator(tenant.twilio_auth_token)
    if not validator.validate(url, form, signature, algorithm):
        log.warning("refused an SMS webhook for tenant %s: the signature does not match %s",
                    tenant.name, url)
        raise PermissionDenied(f"the {SIGNATURE_HEADER} does not match this request and "
                               "the tenant's auth token")
    reporter = _field(form, "From") or ""
    answer = SmsReporting(app.reporting, app.secret, app.clock).receive(
        tenant, reporter, _field(form, "Body") or "", _field(form, "MessageSid"))
    if answer.report is not None and answer.outcome is Outcome.REPORTED:
        app.metrics.reports.labels(answer.report.verdict.label.value, Channel.SMS.value).inc()
    log.info("SMS %s from %s for tenant %s: %s%s", (_field(form, "MessageSid") or "-")[:40],
             masked(reporter), tenant.name, answer.outcome.value,
             f" (report {answer.report.id})" if answer.report else "")
    reply = MessagingResponse()
    if answer.reply:
        reply.message(answer.reply)
    return Response(str(reply.to_xml()), media_type=TWIML)


def signed_url(request: Request, settings: Settings) -> str:
    """The URL Twilio signed: the configured public URL with this path (and query), else the
    URL as the request arrived (right only when no proxy rewrites scheme, host or port)."""
    if not settings.public_url:
        return str(request.url)
    query = request.url.query
    return settings.public_url + request.url.path + (f"?{query}" if query else "")


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None
