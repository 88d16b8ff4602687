"""How a due date says how urgent it is, in words as well as by colour (WCAG 1.4.1), the same on
Kommande and on the staff's list of reports: the urgency is the model's (`urgency` in
partnerships.models.deadlines), the look is app.css's "Kommande: overdue, soon, later"."""

from html import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models.deadlines import DONE, OVERDUE, SOON


class DueLabels:
    """The label written after a due date of an `urgency` level: "⚠ Försenad", "I dag" or "Om 3
    dagar" (due soon), "klar" (unless `show_done` is False: a list that shows a status), or
    nothing (later). Each text is translated once a page, not once a row. HTML, escaped."""

    def __init__(self, today=None, *, show_done=True):
        self.today = today or timezone.localdate()
        self._notes = {
            OVERDUE: (
                ' <strong class="deadline-label deadline-label-overdue">'
                f'<span aria-hidden="true">⚠</span> {escape(_("Försenad"))}</strong>'
            ),
            DONE: f' <span class="muted">{escape(_("klar"))}</span>' if show_done else "",
        }
        self._soon = {}

    def __call__(self, due, level):
        if level != SOON:
            return self._notes.get(level, "")
        days = (due - self.today).days
        if days not in self._soon:
            text = (
                _("I dag")
                if days == 0
                else ngettext("Om %(days)d dag", "Om %(days)d dagar", days) % {"days": days}
            )
            self._soon[days] = (
                ' <span class="deadline-label deadline-label-soon">'
                f'<span aria-hidden="true">◷</span> {escape(text)}</span>'
            )
        return self._soon[days]
