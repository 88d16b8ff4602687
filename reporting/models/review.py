"""The review flow activity reports and financial statements share, and its statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.grants import GrantedQuerySet
from partnerships.transitions import Lifecycle, Transition


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    RETURNED = "returned", _("Återsänd för komplettering")
    ACCEPTED = "accepted", _("Godkänd")


# Handed in: the report's or statement's deadline is met (not late, whatever the review says).
HANDED_IN = (Status.SUBMITTED, Status.ACCEPTED)


# Activity reports and financial statements share one flow: draft → submitted → accepted, or
# returned → submitted again.
REVIEW_FLOW = Lifecycle(
    Transition("submit", {Status.DRAFT, Status.RETURNED}, Status.SUBMITTED, stamp="submitted_at"),
    Transition("return", {Status.SUBMITTED}, Status.RETURNED, stamp="decided_at"),
    Transition("accept", {Status.SUBMITTED}, Status.ACCEPTED, stamp="decided_at"),
)


class ReviewedQuerySet(GrantedQuerySet):
    """What the reports and the statements that go through `REVIEW_FLOW` share."""

    def awaiting_review(self):
        """Handed in, neither accepted nor returned yet: förvaltningen's turn."""
        return self.filter(status=Status.SUBMITTED)
