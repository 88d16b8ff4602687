from datetime import timedelta

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models.organisations import Organisation
from partnerships.models.partnerships import Partnership


def title_text(msgid, params, translated=None):
    """A deadline's title in the active language: `msgid` translated, with `params` put in. A
    param given as [msgid, params] is a title of its own, translated too (a bilaga's label in a
    financial statement's title). What Kommande, the portal, the calendar feed and the
    reminders show, so that an English-speaking user reads English titles.

    A page that shows many titles passes a dict of its own as `translated`: the few messages
    are then looked up once per page, not once per row (a fifth of Kommande's rows' time)."""
    if translated is None:
        text = gettext(msgid)
    elif (text := translated.get(msgid)) is None:
        text = translated[msgid] = gettext(msgid)
    return text % {
        name: title_text(*value, translated) if isinstance(value, list) else value
        for name, value in (params or {}).items()
    }


# Open and due from today to this many days ahead: due soon.
SOON_DAYS = 14
OVERDUE, SOON, LATER, DONE = "overdue", "soon", "later", "done"


def is_late(due, today, *, done=False):
    """The one rule for "late" (försenad) wherever a due date is shown: not done, due before
    today. Kommande's rows and counts, the partnership page's groups and the staff's list of
    reports use it; `late_q` is its SQL twin."""
    return not done and due is not None and due < today


def urgency(due, today, *, done=False):
    """How a due date is shown: `DONE`, `OVERDUE` (`is_late`), `SOON` (open, due within
    SOON_DAYS) or `LATER`. `soon_q` is the SQL twin of `SOON`."""
    if done:
        return DONE
    if is_late(due, today):
        return OVERDUE
    return SOON if due <= today + timedelta(days=SOON_DAYS) else LATER


def late_q(today):
    return models.Q(due__lt=today, done=False)


def soon_q(today):
    return models.Q(due__range=(today, today + timedelta(days=SOON_DAYS)), done=False)


class StoredDeadlineQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(due__range=(start, end))

    def concerning(self, organisation_id):
        """The deadlines that concern `organisation_id`: every party's and its own (none for no
        organisation: only the deadlines that concern every party)."""
        own = StoredDeadline.organisations.through.objects.filter(
            storeddeadline_id=models.OuterRef("pk"), organisation_id=organisation_id
        )
        return self.filter(models.Q(every_party=True) | models.Exists(own))

    def overdue(self, today):
        return self.filter(late_q(today))

    def listed(self, start, end, today):
        """Kommande's rows: those due from `start` to `end`, and every overdue one whatever the
        dates (what is late must not hide behind a window)."""
        return self.filter(models.Q(due__range=(start, end)) | late_q(today))

    def counts(self, start, end, today):
        """{"total", "overdue", "soon", "in_window"}: one query, for the counts Kommande shows
        (and its paginator)."""
        return self.aggregate(
            total=models.Count("pk"),
            overdue=models.Count("pk", filter=late_q(today)),
            soon=models.Count("pk", filter=soon_q(today)),
            in_window=models.Count("pk", filter=models.Q(due__range=(start, end))),
        )

    def in_list_order(self):
        """The oldest first."""
        return self.order_by("due", "partnership_title", "title", "party_name", "pk")

    def overdue_first(self, today):
        """Kommande's order: every overdue deadline first (the oldest first), then the others,
        the oldest first."""
        late = models.ExpressionWrapper(late_q(today), output_field=models.BooleanField())
        return self.alias(late=late).order_by(
            "-late", "due", "partnership_title", "title", "party_name", "pk"
        )


class StoredDeadline(models.Model):
    """A deadline (`partnerships.deadlines.Deadline`) as iop/deadlines.py computed it, kept in
    step in the transaction of every write that changes it, so that Kommande, the portal, the
    calendar feeds and the reminders read a window of rows instead of computing every
    partnership's deadlines per request. Not historical: it is derived data, rebuilt at will
    (`manage.py rebuild_deadlines`)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stored_deadlines"
    )
    # Which of iop/deadlines.py's SOURCES computed it: a write resyncs that source's rows only.
    source = models.CharField(max_length=20)
    due = models.DateField()
    kind = models.CharField(max_length=40)
    # The title in the site's language, as computed: what the list is ordered by, the calendar
    # UID is made of and `rebuild_deadlines --check` compares. Shown is `shown_title`: the
    # msgid and params below, translated into the reader's language when shown.
    title = models.CharField(max_length=1000)
    title_msgid = models.CharField(max_length=200, blank=True)
    title_params = models.JSONField(default=dict, blank=True)
    partnership_title = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    done = models.BooleanField(default=False)
    party_name = models.CharField(max_length=300, blank=True)
    # Whom it concerns: every party of the partnership, or the `organisations` (none of them:
    # förvaltningen's own).
    every_party = models.BooleanField()
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")

    objects = StoredDeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("lagrat datum")
        verbose_name_plural = _("lagrade datum")
        indexes = [
            # Kommande: a window of days in list order, a page at a time; the feeds and the
            # reminders: a window of days.
            models.Index(fields=["due", "partnership_title", "title"], name="deadline_list_order"),
            # Kommande filtered by kind.
            models.Index(fields=["kind", "due"], name="deadline_kind_due"),
            # A partnership's rows, for the portal (its partnerships' window) and for the resync.
            models.Index(fields=["partnership", "due"], name="deadline_partnership_due"),
        ]

    def __str__(self):
        return f"{self.due.isoformat()} {self.title}"

    @property
    def shown_title(self):
        """The title in the active language (`title_text`)."""
        return title_text(self.title_msgid, self.title_params) if self.title_msgid else self.title

    def is_overdue(self, today):
        return is_late(self.due, today, done=self.done)

    def urgency(self, today):
        return urgency(self.due, today, done=self.done)
