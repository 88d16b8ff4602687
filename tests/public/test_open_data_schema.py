"""The open data's real responses checked against its own OpenAPI document with schemathesis:
every operation, with generated ids (a public partnership, one that is not public, nonsense),
its status codes, content types and bodies as /oppna-data/openapi.json describes them."""

from decimal import Decimal

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.urls import reverse

from partnerships.models import Partnership
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)


@pytest.fixture
def open_data(db):
    """Public partnerships of every shape the record has: with and without dnr, org nr,
    compensation and a party that left; partly secret; and ones that are not public."""
    full = PartnershipFactory(pk=1, title="=Avtal med formel", target_group="Unga")
    party = ParticipationFactory(partnership=full)
    CompensationFactory(
        annex=AnnexFactory(partnership=full, participation=party), amount=Decimal("1234.50")
    )
    left = ParticipationFactory(partnership=full, organisation=OrganisationFactory(org_number=None))
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
    PartnershipFactory(pk=4, secrecy="whole", secrecy_ground="18 kap. 1 § OSL")


@pytest.fixture
def api_schema(open_data):
    return schemathesis.openapi.from_wsgi(reverse("public:openapi"), get_wsgi_application())


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_open_data_answers_as_its_openapi_document_says(case):
    case.call_and_validate()
