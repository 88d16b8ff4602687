"""The open data's real responses checked against its own OpenAPI document with schemathesis:
every operation, with generated ids (a public partnership, one that is not public, nonsense),
its status codes, content types and bodies as /oppna-data/openapi.json describes them."""

from decimal import Decimal

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from partnerships.models import Partnership
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)


@pytest.fixture
def connection_kept():
    """Django closes a connection whose autocommit is off when a request starts and finishes
    (close_old_connections). Called as plain WSGI, as here, inside the test's transaction, that
    would close the test's own connection on PostgreSQL; Django's test client leaves the call
    out in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def open_data(db, settings, connection_kept):
    """Public partnerships of every shape the record has: with and without dnr, org nr,
    compensation and a party that left; partly secret; and ones that are not public."""
    full = PartnershipFactory(pk=1, title="=Avtal med formel", target_group="Unga")
    party = ParticipationFactory(partnership=full)
    CompensationFactory(
        annex=AnnexFactory(partnership=full, participation=party), amount=Decimal("1234.50")
    )
    left = ParticipationFactory(partnership=full, organisation=OrganisationFactory(org_number=""))
    left.left_on = full.end_date
    left.save()
    PartnershipFactory(
        pk=2,
        registration_number=None,
        status=Partnership.Status.DECIDED,
        secrecy="partial",
        secrecy_ground="26 kap. 1 § OSL",
        secret_fields=["purpose"],
    )
    PartnershipFactory(pk=3, status=Partnership.Status.DRAFT)
    # Every example is answered (the limit's 429 is tested in test_register).
    settings.IOP_PUBLIC_RATE_PER_MINUTE = 0
    PartnershipFactory(pk=4, secrecy="whole", secrecy_ground="18 kap. 1 § OSL")


# Read from the running application, as a client would (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/oppna-data/openapi.json", get_wsgi_application())


# The fixture's rows are only read: set up once for all of an operation's examples.
@schema.parametrize()
@hypothesis.settings(
    max_examples=40, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture]
)
def test_open_data_answers_as_its_openapi_document_says(case, open_data):
    case.call_and_validate()
