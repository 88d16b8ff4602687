from datetime import date
from decimal import Decimal

import factory

from iop.accounts.models import User
from iop.history import save_with_history
from partnerships.models import (
    Annex,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
    Signature,
)
from partnerships.services.amendments import signature_create
from partnerships.validators import luhn_valid


def _org_number(n):
    """A valid organisationsnummer: nine digits from the sequence and a Luhn check digit."""
    body = f"{802000000 + n:09d}"
    for check in range(10):
        if luhn_valid(body + str(check)):
            return f"{body[:6]}-{body[6:]}{check}"
    raise AssertionError("unreachable")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.NGO
    name = factory.Sequence(lambda n: f"Förening {n}")
    org_number = factory.Sequence(_org_number)


class PublicOrganisationFactory(OrganisationFactory):
    kind = Organisation.Kind.PUBLIC
    name = factory.Sequence(lambda n: f"Socialförvaltningen {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = User.Role.ADMINISTRATION
    password = factory.PostGenerationMethodCall("set_password", "demo1234")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RepresentativeFactory(UserFactory):
    role = User.Role.REPRESENTATIVE
    organisation = factory.SubFactory(OrganisationFactory)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"Partnerskap {n}")
    registration_number = factory.Sequence(lambda n: f"SOF 2024/{n + 100}")
    status = Partnership.Status.ACTIVE
    start_date = date(2024, 1, 1)
    end_date = date(2024, 12, 31)
    purpose = "Att stödja målgruppen."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    partnership = factory.SubFactory(PartnershipFactory)
    order = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Mål {n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = factory.LazyAttribute(lambda p: p.partnership.start_date)


class AnnexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annex

    participation = factory.SubFactory(ParticipationFactory)
    partnership = factory.LazyAttribute(lambda a: a.participation.partnership)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Bilaga för verksamhet {n}")
    registration_number = factory.Sequence(lambda n: f"2.11.6-{n + 200}/2024")
    start_date = factory.LazyAttribute(lambda a: a.partnership.start_date)
    end_date = factory.LazyAttribute(lambda a: a.partnership.end_date)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    annex = factory.SubFactory(AnnexFactory)
    title = factory.Sequence(lambda n: f"Åtagande {n}")
    description = "Öppen verksamhet tre dagar i veckan."


class CompensationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compensation

    annex = factory.SubFactory(AnnexFactory)
    period_start = factory.LazyAttribute(lambda c: c.annex.start_date)
    period_end = factory.LazyAttribute(lambda c: c.annex.end_date)
    amount = Decimal("1250000")


# Bostad Först's period rule (SOF 2023/202): a year from 2023-07-01, extended automatically by six
# months up to 2026-06-30 unless notice is given by 31 December.
BOSTAD_FORST_PERIOD = {
    "title": "Bostad Först",
    "start_date": date(2023, 7, 1),
    "end_date": date(2024, 6, 30),
    "extension_kind": "automatic",
    "extension_months": 6,
    "extension_last_date": date(2026, 6, 30),
    "notice_day": 31,
    "notice_month": 12,
}


def before_signing(partnership):
    """Set-up for a test of what staff edit before signing: the factory's partnership is active
    (signed, its terms locked), so it is put back in "förhandling" as if made so."""
    partnership.status = Partnership.Status.NEGOTIATION
    partnership.save(update_fields=["status"])
    return partnership


def write_terms(obj, *, actor=None, reason="Testdata", **fields):
    """Set-up: an agreement's content written as the demo loader registers it, past the change
    control the staff services apply (a signed agreement's terms change only by amendment)."""
    for name, value in fields.items():
        setattr(obj, name, value)
    return save_with_history(obj, actor=actor, reason=reason)


def signed_agreement(actor, **fields):
    """Set-up: a partnership that the city and one NGO have signed (its terms locked), with the
    NGO's bilaga and a goal, the signatures recorded through the service."""
    partnership = PartnershipFactory(**fields)
    for organisation in (
        PublicOrganisationFactory(name="Stadens förvaltning"),
        OrganisationFactory(name="Gatans förening"),
    ):
        party = ParticipationFactory(partnership=partnership, organisation=organisation)
        signature_create(
            partnership=partnership,
            participation=party,
            document=Signature.Document.AGREEMENT,
            signatory_name=f"Firmatecknare {organisation.name}",
            signed_on=date(2024, 1, 1),
            actor=actor,
            reason="Undertecknat",
        )
    AnnexFactory(partnership=partnership, participation=party)
    GoalFactory(partnership=partnership, text="Fler i eget boende")
    return partnership


def sign_by_every_party(partnership, actor=None):
    """Set-up: every party of `partnership` has signed the agreement on paper (through the
    service), so its bilagor bind and the public register shows them."""
    from iop.history import system_user

    for party in partnership.participations.all():
        signature_create(
            partnership=partnership,
            participation=party,
            document=Signature.Document.AGREEMENT,
            signatory_name=f"Firmatecknare {party.organisation.name}",
            signed_on=partnership.start_date,
            actor=actor or system_user(),
            reason="Undertecknat",
        )
