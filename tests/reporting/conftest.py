"""Reporting objects for NGO A (on partnership_a) and NGO B (on partnership_b), created through
the services so the object permissions are granted as in production."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from iop.history import system_user
from reporting.models import ReportingPeriod
from reporting.services.compilations import annual_for_year, halfyear_for_period
from reporting.services.feedback import feedback_create
from reporting.services.periods import periods_generate, template_create
from reporting.services.reports import report_start
from reporting.services.statements import attachment_add, budget_line_create, statement_start
from tests.factories import CompensationFactory, GoalFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_template(partnership, **overrides):
    fields = {
        "require_gender": True,
        "age_bands": ["0–17", "18–64", "65+"],
        "ask_country": True,
        "custom_counts": ["Antal aktiviteter"],
        "questions": ["Vilka insatser har genomförts?"],
    }
    fields.update(overrides)
    return template_create(
        partnership=partnership, actor=system_user(), reason="Styrgruppens beslut", **fields
    )


def valid_raw(template, total=12, women=5, men=6, other=1):
    raw = {"total": str(total), "gender_women": str(women), "gender_men": str(men)}
    raw["gender_other"] = str(other)
    if template.age_bands:
        raw["age_0"] = str(total)
        for index in range(1, len(template.age_bands)):
            raw[f"age_{index}"] = "0"
    raw["country"] = "Sverige: 8\nSyrien: 4" if total >= 12 else ""
    for index in range(len(template.custom_counts)):
        raw[f"custom_{index}"] = "3"
    for key, _label, _required in template.question_items():
        raw[key] = f"Svar på {key}."
    return raw


class Side:
    """Everything one organisation has in reporting. `alongside`: the Side of another party
    of the same partnership, whose template, periods and compilations (the partnership's,
    shared by its parties) this one uses too."""

    def __init__(self, partnership, organisation, user, alongside=None, handling=None):
        self.partnership, self.organisation, self.user = partnership, organisation, user
        actor = system_user()
        if alongside is None:
            GoalFactory(partnership=partnership, text="Fler ska nås av verksamheten.")
            self.template = make_template(partnership)
            self.periods = periods_generate(
                partnership=partnership,
                rule=ReportingPeriod.Kind.HALF_YEAR,
                actor=actor,
                reason="Regel",
            )
        else:
            self.template, self.periods = alongside.template, alongside.periods
        self.period = self.periods[0]
        self.report = report_start(period=self.period, organisation=organisation, actor=user)
        self.annex = partnership.annexes.get(participation__organisation=organisation)
        CompensationFactory(annex=self.annex, amount=Decimal("500000"))
        self.budget_line = budget_line_create(
            annex=self.annex,
            label="Personal",
            amount=Decimal("400000"),
            actor=actor,
            reason="Budget",
        )
        self.statement = statement_start(
            annex=self.annex,
            year_start=self.annex.start_date,
            year_end=self.annex.end_date,
            actor=user,
        )
        self.attachment = attachment_add(
            statement=self.statement,
            upload=SimpleUploadedFile("kvitton.pdf", PDF_BYTES, "application/pdf"),
            actor=user,
        )
        self.feedback = feedback_create(
            period=self.period,
            organisation=organisation,
            category="complaint",
            count=2,
            handling=handling or "Besvarade vid nästa möte.",
            actor=user,
        )
        if alongside is not None:
            self.halfyear, self.annual = alongside.halfyear, alongside.annual
            return
        self.halfyear = halfyear_for_period(period=self.period, actor=actor)
        self.annual = annual_for_year(
            partnership=partnership, year=self.period.start.year, actor=actor
        )


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def side_a(partnership_a, org_a, rep_a):
    return Side(partnership_a, org_a, rep_a)


@pytest.fixture
def side_b(partnership_b, org_b, rep_b):
    return Side(partnership_b, org_b, rep_b)
