"""The whole API, called with data made from its own OpenAPI schema (schemathesis):
no answer is a server error, and every answer matches the schema.

The operations are driven one by one with hypothesis rather than through schemathesis's
pytest plugin, whose parametrisation does not run under this pytest version.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from solidarity.accounts import tokens
from solidarity.accounts.models import User

EXAMPLES = 60


def test_it_answers_every_call_by_its_schema(transactional_db, live_server, world):
    editor = User.objects.create_user("edna", password="p" * 16, is_staff=True, role="editor")
    _token, secret = tokens.create(editor, "schemathesis", ["registry:write"])
    # Every operation, reads and writes, with a live token: the writes run for real.
    auth = {"Authorization": f"Bearer {secret}"}
    # Over real HTTP to a live server: the WSGI shortcut would close the test database
    # at the end of each request, as a real request does.
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        # derandomize: the same examples on every run, so that CI never fails on a lucky
        # draw; a failure found is then reproducible (run with another seed to explore).
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def call(case):  # type: ignore[no-untyped-def]
            # A cursor is opaque: any string fits its schema, but only one this API gave
            # out is accepted (400 otherwise), so "schema-valid data is accepted" cannot hold
            # for it. Every other check runs: no 5xx, documented statuses and bodies.
            case.call_and_validate(headers=auth, excluded_checks=[positive_data_acceptance])

        call()
