"""The agreement year: the years and half-years of a partnership, from where its agreement year
begins (the 2017 EU-citizens agreement: 1 May 2017 – 30 April 2019)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships import agreement_year
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, before_signing

D = date
EU_2017 = {"start_date": D(2017, 5, 1), "end_date": D(2019, 4, 30)}


def test_an_agreement_year_from_1_may_has_half_years_may_october_and_november_april():
    assert agreement_year.spans(D(2017, 5, 1), D(2019, 4, 30), 5, 1, months=6) == [
        (D(2017, 5, 1), D(2017, 10, 31)),
        (D(2017, 11, 1), D(2018, 4, 30)),
        (D(2018, 5, 1), D(2018, 10, 31)),
        (D(2018, 11, 1), D(2019, 4, 30)),
    ]
    assert agreement_year.spans(D(2017, 5, 1), D(2019, 4, 30), 5, 1) == [
        (D(2017, 5, 1), D(2018, 4, 30)),
        (D(2018, 5, 1), D(2019, 4, 30)),
    ]


def test_calendar_spans_are_what_varje_halvar_always_made():
    assert agreement_year.calendar_spans(D(2017, 5, 1), D(2018, 3, 31), months=6) == [
        (D(2017, 5, 1), D(2017, 6, 30)),
        (D(2017, 7, 1), D(2017, 12, 31)),
        (D(2018, 1, 1), D(2018, 3, 31)),
    ]


def test_a_year_that_begins_on_29_february_begins_on_the_28th_in_other_years():
    years = agreement_year.spans(D(2024, 2, 29), D(2028, 3, 31), 2, 29)
    assert years == [
        (D(2024, 2, 29), D(2025, 2, 27)),
        (D(2025, 2, 28), D(2026, 2, 27)),
        (D(2026, 2, 28), D(2027, 2, 27)),
        (D(2027, 2, 28), D(2028, 2, 28)),
        (D(2028, 2, 29), D(2028, 3, 31)),
    ]
    halves = agreement_year.spans(D(2024, 2, 29), D(2025, 8, 31), 2, 29, months=6)
    assert halves == [
        (D(2024, 2, 29), D(2024, 8, 28)),
        (D(2024, 8, 29), D(2025, 2, 27)),
        (D(2025, 2, 28), D(2025, 8, 28)),
        (D(2025, 8, 29), D(2025, 8, 31)),
    ]
    # Every day of the period is in exactly one span.
    days = sum((last - first).days + 1 for first, last in years)
    assert days == (D(2028, 3, 31) - D(2024, 2, 29)).days + 1


def test_a_start_between_two_agreement_years_cuts_the_first_and_is_numbered_by_its_year():
    partnership = Partnership(
        start_date=D(2017, 3, 15),
        end_date=D(2018, 6, 30),
        agreement_year_day=1,
        agreement_year_month=5,
        year_basis=Partnership.YearBasis.AGREEMENT,
    )
    assert partnership.reporting_years() == [
        (2016, D(2017, 3, 15), D(2017, 4, 30)),
        (2017, D(2017, 5, 1), D(2018, 4, 30)),
        (2018, D(2018, 5, 1), D(2018, 6, 30)),
    ]


@pytest.mark.django_db
def test_the_agreement_year_is_taken_from_the_start_date_unless_set():
    partnership = PartnershipFactory(**EU_2017)
    assert partnership.agreement_year_start == (5, 1)
    assert partnership.agreement_years() == [
        (D(2017, 5, 1), D(2018, 4, 30)),
        (D(2018, 5, 1), D(2019, 4, 30)),
    ]
    # Existing partnerships follow the calendar year, as they did before.
    assert not partnership.follows_agreement_year
    assert partnership.year_spans(6)[0] == (D(2017, 5, 1), D(2017, 6, 30))
    partnership.agreement_year_day, partnership.agreement_year_month = 1, 7
    assert partnership.agreement_years()[0] == (D(2017, 5, 1), D(2017, 6, 30))
    assert "1 juli" in partnership.agreement_year_sentence()


@pytest.mark.django_db
def test_a_day_that_is_not_in_the_month_or_half_a_start_is_refused():
    partnership = PartnershipFactory.build(**EU_2017, agreement_year_day=31)
    with pytest.raises(ValidationError) as error:
        partnership.clean()
    assert "Ange både dag och månad" in str(error.value)
    partnership.agreement_year_month = 4
    with pytest.raises(ValidationError) as error:
        partnership.clean()
    assert "Den dagen finns inte i den månaden." in str(error.value)
    partnership.agreement_year_day = 30
    partnership.clean()


@pytest.mark.django_db
def test_staff_set_the_agreement_year_on_the_form_and_the_overview_says_it(staff_client):
    # Being registered, not yet signed: its terms are still edited on the form.
    partnership = before_signing(PartnershipFactory(**EU_2017))
    response = staff_client.get(reverse("partnerships:edit", args=[partnership.pk]))
    assert 'name="agreement_year_day"' in response.content.decode()
    version = response.context["form"]["version"].value()
    data = {
        "title": partnership.title,
        "registration_number": partnership.registration_number,
        "start_date": "2017-05-01",
        "end_date": "2019-04-30",
        "extension_kind": "none",
        "party_notice_months": "4",
        "termination_notice_months": "3",
        "agreement_year_day": "31",
        "agreement_year_month": "6",
        "year_basis": "agreement",
        "reason": "Avtalsåret enligt överenskommelsen",
        "version": version,
    }
    response = staff_client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Den dagen finns inte i den månaden." in html and 'value="31"' in html
    data["agreement_year_day"], data["agreement_year_month"] = "1", "5"
    response = staff_client.post(reverse("partnerships:edit", args=[partnership.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    partnership.refresh_from_db()
    assert partnership.follows_agreement_year
    assert partnership.history.first().history_change_reason == "Avtalsåret enligt överenskommelsen"
    page = staff_client.get(partnership.get_absolute_url()).content.decode()
    assert "Avtalsåret börjar 1 maj. Rapportering och redovisning följer avtalsåret." in page


@pytest.mark.django_db
def test_a_new_partnership_proposes_the_agreement_year(staff_client):
    form = staff_client.get(reverse("partnerships:create")).context["form"]
    assert form["year_basis"].value() == "agreement"
    assert PartnershipFactory().year_basis == "calendar"  # as every partnership had
