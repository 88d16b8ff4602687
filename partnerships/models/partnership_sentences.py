"""How a partnership's terms read in plain Swedish, as its page and the agreement's PDF show
them: its period, its extension rule and its agreement year."""

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

MONTH_NAMES = {
    1: _("januari"),
    2: _("februari"),
    3: _("mars"),
    4: _("april"),
    5: _("maj"),
    6: _("juni"),
    7: _("juli"),
    8: _("augusti"),
    9: _("september"),
    10: _("oktober"),
    11: _("november"),
    12: _("december"),
}


class PartnershipSentences:
    """Mixed into Partnership: the sentences, from its fields and `ExtensionKind`."""

    def agreement_year_sentence(self):
        """E.g. "Avtalsåret börjar 1 maj. Rapportering och redovisning följer avtalsåret."""
        month, day = self.agreement_year_start
        sentence = _("Avtalsåret börjar %(day)s %(month)s.") % {
            "day": day,
            "month": MONTH_NAMES[month],
        }
        if self.follows_agreement_year:
            return sentence + " " + _("Rapportering och redovisning följer avtalsåret.")
        return sentence + " " + _("Rapportering och redovisning följer kalenderåret.")

    def period_sentence(self):
        """The period in plain Swedish, as the agreement page and PDF show it."""
        start = formats.date_format(self.start_date, "DATE_FORMAT")
        end = formats.date_format(self.end_date, "DATE_FORMAT")
        return _("Från %(start)s till och med %(end)s.") % {"start": start, "end": end}

    def extension_sentence(self):
        """The extension rule as one sentence, e.g. "förlängs automatiskt med 6 månader i taget,
        längst till 2026-06-30, om den inte sägs upp senast 31 december"."""
        if self.extension_kind == self.ExtensionKind.NONE:
            return _("Partnerskapet förlängs inte.")
        months = ngettext("%(count)d månad", "%(count)d månader", self.extension_months or 0) % {
            "count": self.extension_months or 0
        }
        last = (
            formats.date_format(self.extension_last_date, "DATE_FORMAT")
            if self.extension_last_date
            else "–"
        )
        if self.extension_kind == self.ExtensionKind.AUTOMATIC:
            sentence = _(
                "Partnerskapet förlängs automatiskt med %(months)s i taget, längst till %(last)s, "
                "om det inte sägs upp senast %(day)s %(month)s"
            ) % {
                "months": months,
                "last": last,
                "day": self.notice_day,
                "month": MONTH_NAMES.get(self.notice_month, ""),
            }
        else:
            before = ngettext(
                "%(count)d månad", "%(count)d månader", self.agreement_months_before_end or 0
            ) % {"count": self.agreement_months_before_end or 0}
            sentence = _(
                "Partnerskapet kan förlängas med %(months)s i taget, längst till %(last)s, om parterna "
                "skriftligen kommer överens senast %(before)s före avtalstidens utgång"
            ) % {"months": months, "last": last, "before": before}
        if self.funds_condition:
            sentence += _(", förutsatt att medel för partnerskapet finns")
        return sentence + "."
