"""Removing a goal, a clause or a compensation row: linked from where it is shown, a confirmation
page that asks why, the reason in the history, and "Avbryt" back to where it was shown."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from partnerships.models import Clause, Compensation, Goal, Payment, PaymentPlan
from partnerships.services.agreements import clause_create, goal_create
from partnerships.services.money import payment_mark_paid, payment_plan_set
from tests.factories import CompensationFactory, UserFactory, before_signing

pytestmark = pytest.mark.django_db

CANCEL = re.compile(r'<a href="([^"]*)">Avbryt</a>')


def _cancel_href(page):
    return unescape(CANCEL.search(page).group(1))


@pytest.fixture
def partnership_a(partnership_a):
    """Still in negotiation: before signing, goals and clauses are edited and removed freely
    (once signed they change only by amendment, tests/partnerships/test_change_control.py)."""
    return before_signing(partnership_a)


@pytest.fixture
def clause(partnership_a, staff):
    return clause_create(
        partnership=partnership_a,
        order=1,
        heading="Tvister",
        body="Tvister avgörs i samråd.",
        actor=staff,
        reason="Avtalstext",
    )


@pytest.fixture
def goal(partnership_a, staff):
    return goal_create(
        partnership=partnership_a,
        order=1,
        text="Färre personer i hemlöshet",
        actor=staff,
        reason="Avtalstext",
    )


def _agreement_text(client, partnership):
    return client.get(
        reverse("partnerships:agreement_text", args=[partnership.pk])
    ).content.decode()


@pytest.mark.parametrize(
    "kind,anchor,message",
    [("goal", "mal", "Målet är borttaget."), ("clause", "avtalstext", "Avsnittet är borttaget.")],
)
def test_goal_and_clause_are_removed_from_the_agreement_text_with_a_reason(
    request, staff_client, staff, partnership_a, kind, anchor, message
):
    obj = request.getfixturevalue(kind)
    delete_url = reverse(f"partnerships:{kind}_delete", args=[obj.pk])
    text_url = reverse("partnerships:agreement_text", args=[partnership_a.pk])
    assert f'href="{delete_url}"' in _agreement_text(staff_client, partnership_a)

    confirm = staff_client.get(delete_url).content.decode()
    assert _cancel_href(confirm) == f"{text_url}#{anchor}"

    response = staff_client.post(delete_url, {"reason": "Styrgruppen 2024-05-02 § 3"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{text_url}#{anchor}"
    assert message in response.content.decode()
    model = type(obj)
    assert not model.objects.filter(pk=obj.pk).exists()
    deletion = model.history.get(id=obj.pk, history_type="-")
    assert deletion.history_change_reason == "Styrgruppen 2024-05-02 § 3"
    assert deletion.history_user == staff
    history = staff_client.get(reverse("partnerships:history", args=[partnership_a.pk]))
    assert "Styrgruppen 2024-05-02 § 3" in history.content.decode()


@pytest.mark.parametrize("kind", ["goal", "clause"])
def test_removal_without_a_reason_is_refused_in_swedish(request, staff_client, kind):
    obj = request.getfixturevalue(kind)
    response = staff_client.post(reverse(f"partnerships:{kind}_delete", args=[obj.pk]), {})
    assert response.status_code == 200
    assert "Skriv en kort anledning till ändringen." in response.content.decode()
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kind", ["goal", "clause"])
def test_representatives_cannot_remove(request, client, rep_a, rep_b, kind):
    obj = request.getfixturevalue(kind)
    url = reverse(f"partnerships:{kind}_delete", args=[obj.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    for rep in (rep_a, rep_b):
        client.force_login(rep)
        assert client.post(url, {"reason": "Försök"}).status_code == 403
    assert Goal.objects.count() + Clause.objects.count() == 1


@pytest.fixture
def compensation(partnership_a, staff):
    """A compensation row of A's bilaga, with a quarterly payment plan."""
    annex = partnership_a.annexes.get()
    row = CompensationFactory(
        annex=annex,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        amount=Decimal("400000"),
    )
    payment_plan_set(
        annex=annex, rule=PaymentPlan.Rule.QUARTERLY, actor=staff, reason="Kvartalsvis"
    )
    return row


def test_compensation_row_is_removed_from_the_bilaga_page_with_its_planned_payments(
    staff_client, staff, compensation
):
    annex = compensation.annex
    annex_url = annex.get_absolute_url()
    delete_url = reverse("partnerships:compensation_delete", args=[compensation.pk])
    assert f'href="{delete_url}"' in staff_client.get(annex_url).content.decode()
    assert _cancel_href(staff_client.get(delete_url).content.decode()) == annex_url
    payment_ids = list(compensation.payments.values_list("pk", flat=True))
    assert len(payment_ids) == 4

    response = staff_client.post(delete_url, {"reason": "Dubbelregistrerad"}, follow=True)

    assert response.redirect_chain[-1][0] == annex_url
    page = response.content.decode()
    assert "Ersättningen är borttagen." in page
    assert "Ingen ersättning registrerad." in page
    assert "Inga utbetalningar planerade." in page
    deletion = Compensation.history.get(id=compensation.pk, history_type="-")
    assert (deletion.history_change_reason, deletion.history_user) == ("Dubbelregistrerad", staff)
    for row in Payment.history.filter(id__in=payment_ids, history_type="-"):
        assert row.history_change_reason == "Dubbelregistrerad"
    assert Payment.history.filter(id__in=payment_ids, history_type="-").count() == 4


def test_compensation_with_a_payment_made_is_kept_and_the_page_says_why(
    staff_client, staff, compensation
):
    payment_mark_paid(
        compensation.payments.order_by("due_on").first(),
        paid_on=date(2024, 1, 3),
        paid_amount=Decimal("100000"),
        actor=staff,
        reason="Utbetalt",
    )
    url = reverse("partnerships:compensation_delete", args=[compensation.pk])
    response = staff_client.post(url, {"reason": "Fel belopp"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ersättningen har utbetalningar som är utbetalda, stoppade eller inställda" in page
    assert 'value="Fel belopp"' in page
    assert Compensation.objects.filter(pk=compensation.pk).exists()
    assert compensation.payments.count() == 4


def test_representatives_cannot_remove_compensation(client, rep_a, rep_b, compensation):
    url = reverse("partnerships:compensation_delete", args=[compensation.pk])
    for rep in (rep_a, rep_b):
        client.force_login(rep)
        assert client.post(url, {"reason": "Försök"}).status_code == 403
    assert Compensation.objects.filter(pk=compensation.pk).exists()


@pytest.fixture
def paid_compensation(staff, compensation):
    payment_mark_paid(
        compensation.payments.order_by("due_on").first(),
        paid_on=date(2024, 1, 3),
        paid_amount=Decimal("100000"),
        actor=staff,
        reason="Utbetalt",
    )
    return compensation


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def test_bilaga_page_offers_no_removal_of_a_compensation_with_a_payment_made(
    staff_client, paid_compensation
):
    delete_url = reverse("partnerships:compensation_delete", args=[paid_compensation.pk])
    assert delete_url not in staff_client.get(paid_compensation.annex.get_absolute_url()).text
    page = staff_client.get(delete_url).content.decode()
    assert "Ersättningen har utbetalningar som är utbetalda, stoppade eller inställda" in page
    assert 'name="reason"' not in page


def test_admin_refuses_to_delete_a_compensation_with_a_payment_made(
    superuser_client, paid_compensation
):
    pk = paid_compensation.pk
    change_url = reverse("admin:partnerships_compensation_change", args=[pk])
    delete_url = reverse("admin:partnerships_compensation_delete", args=[pk])
    assert delete_url not in superuser_client.get(change_url).content.decode()
    assert superuser_client.get(delete_url).status_code == 403
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 403

    # "Ta bort markerade" in the list names the row and deletes nothing.
    changelist = reverse("admin:partnerships_compensation_changelist")
    data = {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
    page = superuser_client.post(changelist, data).content.decode()
    assert "utbetalningar som är utbetalda" in page

    # Nor does the bilaga take the row with it when the bilaga is deleted.
    annex = paid_compensation.annex
    annex_change = reverse("admin:partnerships_annex_change", args=[annex.pk])
    assert superuser_client.get(annex_change).status_code == 200
    annex_delete = reverse("admin:partnerships_annex_delete", args=[annex.pk])
    page = superuser_client.post(annex_delete, {"post": "yes"}).content.decode()
    assert "utbetalningar som är utbetalda" in page
    assert Compensation.objects.filter(pk=pk).exists()
    assert paid_compensation.payments.count() == 4


def test_admin_still_deletes_a_compensation_with_only_planned_payments(
    superuser_client, compensation
):
    delete_url = reverse("admin:partnerships_compensation_delete", args=[compensation.pk])
    superuser_client.post(delete_url, {"post": "yes"})
    assert not Compensation.objects.filter(pk=compensation.pk).exists()
