"""A prepared query gives what its queryset would, with each call's values."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, DateField, OuterRef, Subquery, Sum

from iop.prepared import InParam, Param, PreparedQuery, Viewer
from partnerships.models import Annex, Compensation, Partnership
from tests.factories import CommitmentFactory, CompensationFactory


def _annexes():
    day = Param("day", DateField())
    on_day = (
        Compensation.objects.filter(
            annex=OuterRef("pk"), period_start__lte=day, period_end__gte=day
        )
        .order_by()
        .values("annex")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        Annex.objects.filter(partnership_id=Param("partnership"))
        .select_related("participation__organisation")
        .annotate(commitments_n=Count("commitments", distinct=True), paid=Subquery(on_day))
        .order_by("number", "pk")
    )


ANNEXES = PreparedQuery(_annexes)


def test_prepared_query_gives_the_querysets_rows_for_each_calls_values(
    partnership_a, partnership_b, django_assert_num_queries
):
    annex_a = partnership_a.annexes.get()
    CommitmentFactory.create_batch(2, annex=annex_a)
    CompensationFactory(annex=annex_a, amount=100)
    start = partnership_a.start_date

    with django_assert_num_queries(1):
        (found,) = ANNEXES.list(partnership=partnership_a.pk, day=start)
    assert found == annex_a
    assert found.participation.organisation.name == "Förening A"
    assert (found.commitments_n, found.paid) == (2, 100)

    (before,) = ANNEXES.list(partnership=partnership_a.pk, day=start - timedelta(days=1))
    assert before.paid is None
    (other,) = ANNEXES.list(partnership=partnership_b.pk, day=start)
    assert other == partnership_b.annexes.get()
    assert other.participation.organisation.name == "Förening B"


BY_PK = PreparedQuery(lambda: Annex.objects.filter(InParam("pk", "ids")).order_by("pk"))


def test_a_prepared_list_gives_the_rows_of_each_calls_values(
    partnership_a, partnership_b, django_assert_num_queries
):
    annex_a, annex_b = partnership_a.annexes.get(), partnership_b.annexes.get()

    with django_assert_num_queries(1):
        assert BY_PK.list(ids=[annex_a.pk, annex_b.pk]) == [annex_a, annex_b]
    assert BY_PK.list(ids=[annex_b.pk]) == [annex_b]
    assert BY_PK.list(ids=[]) == []


PAID = PreparedQuery(
    lambda: (
        Compensation.objects.filter(annex__partnership_id=Param("partnership"))
        .values("annex__participation__organisation__name")
        .annotate(total=Sum("amount"))
        .order_by()
    )
)


def test_prepared_values_query_gives_its_rows_as_tuples(partnership_a, partnership_b):
    CompensationFactory.create_batch(2, annex=partnership_a.annexes.get(), amount=100)

    assert PAID.rows(partnership=partnership_a.pk) == [("Förening A", 200)]
    assert PAID.rows(partnership=partnership_b.pk) == []


NAMED = PreparedQuery(
    lambda: (
        Annex.objects.filter(partnership_id=Param("partnership"))
        .annotate(commitments_n=Count("commitments"))
        .values("title", "participation_id", "participation__organisation__name", "commitments_n")
    )
)


def test_prepared_values_query_gives_its_rows_as_named_tuples(partnership_a, partnership_b):
    annex = partnership_a.annexes.get()
    CommitmentFactory.create_batch(2, annex=annex)

    (row,) = NAMED.named(partnership=partnership_a.pk)
    assert (row.title, row.participation_id) == (annex.title, annex.participation_id)
    assert (row.participation__organisation__name, row.commitments_n) == ("Förening A", 2)
    (other,) = NAMED.named(partnership=partnership_b.pk)
    assert other.participation__organisation__name == "Förening B"


# The access rule compiled once: narrowed by the models' own visible_to, with the viewer's ids
# given at each call.
VISIBLE_PARTNERSHIPS = PreparedQuery(
    lambda: Partnership.objects.visible_to(Viewer()).order_by("pk").values_list("pk")
)
VISIBLE_ANNEXES = PreparedQuery(
    lambda: Annex.objects.visible_to(Viewer()).order_by("pk").values_list("pk")
)


def test_a_prepared_viewer_sees_what_the_representative_sees(
    partnership_a, partnership_b, rep_a, rep_b, staff
):
    for rep, partnership in ((rep_a, partnership_a), (rep_b, partnership_b)):
        visible = VISIBLE_PARTNERSHIPS.rows(**Viewer.values(rep))
        assert visible == [(partnership.pk,)]
        assert visible == list(Partnership.objects.visible_to(rep).values_list("pk"))
        annexes = VISIBLE_ANNEXES.rows(**Viewer.values(rep))
        assert annexes == [(partnership.annexes.get().pk,)]
    # Staff see everything through the model's rule: a viewer compiled for representatives
    # refuses them rather than narrow them, as it does a user who is not signed in.
    with pytest.raises(ValueError):
        Viewer.values(staff)
    with pytest.raises(ValueError):
        Viewer.values(AnonymousUser())
