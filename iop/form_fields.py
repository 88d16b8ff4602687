"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

# The ids a row can have (BigAutoField). Django turns an id outside it into "no such row" for a
# single choice, but looks a list of ids up as given, and SQLite refuses a number that large
# (OverflowError: a 500 for a hand-made POST).
_IDS = range(-(2**63), 2**63)


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several rows that refuses an id no row can have, as it refuses one that
    names no row."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # Django's own check says what is wrong with it
            if number not in _IDS:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
