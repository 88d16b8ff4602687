"""A choice of several rows: an id no row can have is refused like one that names no row,
not a server error (SQLite cannot even look such a number up)."""

import pytest
from django.core.exceptions import ValidationError

from iop.form_fields import RowsChoiceField
from partnerships.models import Goal
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_an_id_no_row_can_have_is_refused_as_no_such_choice():
    goal = GoalFactory()
    field = RowsChoiceField(queryset=Goal.objects.all(), required=False)
    for hand_made in ("-1000000000000000000000000000000", str(2**63), "999999"):
        with pytest.raises(ValidationError) as refused:
            field.clean([str(goal.pk), hand_made])
        assert refused.value.code == "invalid_choice", hand_made
    assert list(field.clean([str(goal.pk)])) == [goal]
