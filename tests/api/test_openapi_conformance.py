"""schemathesis against the served /openapi.json: on every route, with valid and invalid input,
the API answers with a status, content type and body its description allows, and never a 5xx.

The app runs with uvicorn on loopback (on both backends) and the caller holds a tenant's admin
key, so every route is reachable; routes added later are covered without changes here. The
operations come from the served description at run time, so each one runs as a Hypothesis
test built from ``operation.as_strategy()`` (schemathesis' lazy pytest loader,
``from_fixture``, does not work with pytest 9: it writes ``node._nodeid``).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from service_fixtures import Api

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES_PER_MODE = 10


def test_every_route_conforms_to_its_description(api: Api) -> None:
    headers = api.new_tenant("Acme").headers()
    config = schemathesis.Config.from_dict({"generation": {"database": "none"}})
    schema = schemathesis.openapi.from_url(str(api.client.base_url.join("/openapi.json")),
                                           config=config)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES_PER_MODE, deadline=None, derandomize=True,
                      database=None, suppress_health_check=list(HealthCheck))
            def conforms(case: schemathesis.Case) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                conforms()
            except Unsatisfiable:
                pass  # nothing in this operation can be made invalid (no parameters, no body)
            except (Exception, BaseExceptionGroup) as failure:  # all are reported below
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
