"""The portfolio's cards, one a partnership of the page (iop/pages/portfolio.py builds the rows).

Written here as strings rather than in the template, as the register's and the overview's rows
are: through the template language, a card's dozen `blocktranslate`s, filters and lookups made
the page some 15 times the floor's time. Each sentence is translated once a page (its plural
once a count), every value escaped, and the messages are those the template had, so the
catalogue's translations apply unchanged.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from iop.prepared import url_for_each
from iop.templatetags.iop import kr


class _Plurals:
    """`ngettext(singular, plural, n) % {"counter": n}`, escaped, looked up once a count."""

    def __init__(self, singular, plural):
        self.singular, self.plural, self.known = singular, plural, {}

    def __call__(self, n):
        if n not in self.known:
            self.known[n] = escape(ngettext(self.singular, self.plural, n) % {"counter": n})
        return self.known[n]


def _phrase(message, **values):
    return escape(message % values)


def portfolio_cards_html(rows, year):
    """The cards of `rows` (PortfolioRow) for the year `year`, as one safe string."""
    detail_url = url_for_each("partnerships:detail")
    labels = {
        key: escape(text)
        for key, text in {
            "dnr": _("Diarienummer"),
            "period": _("Period"),
            "decision": _("Nästa beslutsdag"),
            "none": _("Ingen"),
            "parties": _("Parter"),
            "left": _("utträdd"),
            "money": _("Pengar %(year)s") % {"year": year},
            "reporting": _("Rapportering"),
            "governance": _("Styrning"),
            "plans": _("Åtgärdsplaner och uppsägningar"),
            "not_assessed": _("ingen bedömning än"),
        }.items()
    }
    money = _("planerat %(planned)s, utbetalt %(paid)s")
    stopped, reclaimed = _("stoppat %(stopped)s"), _("återkrävt %(reclaimed)s")
    own = _("egna medel %(own)s, %(hours)s ideella timmar")
    reports = _("%(due)s att lämna, %(handed_in)s inlämnade, %(accepted)s godkända")
    meetings = _("%(held)s möten hållna av %(expected)s enligt kadensen")
    plans = _("%(plans)s öppna åtgärdsplaner, %(notices)s löpande uppsägningar")
    assessed = _("bedömda %(year)s")
    late_reports = _Plurals("%(counter)s försenad", "%(counter)s försenade")
    late_meetings = _Plurals("%(counter)s försenat möte", "%(counter)s försenade möten")
    without_chair = _Plurals(
        "%(counter)s grupp utan ordförande i dag", "%(counter)s grupper utan ordförande i dag"
    )
    late_chairs = _Plurals(
        "%(counter)s ordförandemandat har löpt ut", "%(counter)s ordförandemandat har löpt ut"
    )
    goal_count = _Plurals("%(counter)s mål", "%(counter)s mål")

    cards = []
    for row in rows:
        p = row.partnership
        decisions = "<br>".join(
            f"{escape(str(label))}: {day.isoformat()}" for label, day in row.decision_list
        )
        parties = ", ".join(
            escape(name)
            + (f" ({escape(unit)})" if unit else "")
            + (f' <span class="muted">({labels["left"]})</span>' if left else "")
            for name, unit, left in row.parties
        )
        m = row.money
        money_text = _phrase(money, planned=kr(m["planned"]), paid=kr(m["paid"]))
        if m["stopped"]:
            money_text += ", " + _phrase(stopped, stopped=kr(m["stopped"]))
        if m["reclaimed"]:
            money_text += ", " + _phrase(reclaimed, reclaimed=kr(m["reclaimed"]))
        money_text += "; " + _phrase(own, own=kr(m["own_money"]), hours=m["volunteer_hours"])
        r = row.reports
        reports_text = _phrase(
            reports, due=r["due"], handed_in=r["handed_in"], accepted=r["accepted"]
        )
        if r["late"]:
            reports_text += f', <strong class="status-overdue">{late_reports(r["late"])}</strong>'
        g = row.governance
        governance_text = _phrase(meetings, held=g["held"], expected=g["expected"])
        if g["late_meetings"]:
            governance_text += (
                f', <strong class="status-overdue">{late_meetings(g["late_meetings"])}</strong>'
            )
        if g["without_chair"]:
            governance_text += ", " + without_chair(g["without_chair"])
        if g["late_chairs"]:
            governance_text += ", " + late_chairs(g["late_chairs"])
        goals = ""
        if row.goals:
            when = (
                _phrase(assessed, year=row.assessed_in)
                if row.assessed_in
                else labels["not_assessed"]
            )
            items = "".join(
                f"<li>{escape(text)}"
                + (f'<br><span class="muted">{escape(assessment)}</span>' if assessment else "")
                + "</li>"
                for text, assessment in row.goals
            )
            goals = (
                f"<details><summary>{goal_count(len(row.goals))} · {when}</summary>"
                f"<ul>{items}</ul></details>"
            )
        end = p.current_end.isoformat() if p.current_end else ""
        cards.append(
            f'<article class="card portfolio-card" aria-labelledby="portfolio-{p.pk}">'
            f'<h3 id="portfolio-{p.pk}"><a href="{detail_url(p.pk)}">{escape(p.title)}</a> '
            f'<span class="status status-{escape(row.status)}">{escape(str(row.status.label))}'
            f"</span></h3>"
            f'<dl class="facts">'
            f"<dt>{labels['dnr']}</dt><dd>{escape(p.registration_number_shown)}</dd>"
            f"<dt>{labels['period']}</dt><dd>{p.start_date.isoformat()} – {end}</dd>"
            f"<dt>{labels['decision']}</dt><dd>{decisions or labels['none']}</dd>"
            f"<dt>{labels['parties']}</dt><dd>{parties}</dd>"
            f"<dt>{labels['money']}</dt><dd>{money_text}</dd>"
            f"<dt>{labels['reporting']}</dt><dd>{reports_text}</dd>"
            f"<dt>{labels['governance']}</dt><dd>{governance_text}</dd>"
            f"<dt>{labels['plans']}</dt><dd>"
            f"{_phrase(plans, plans=row.remediation_plans, notices=row.notices)}</dd>"
            f"</dl>{goals}</article>"
        )
    return mark_safe("\n".join(cards))
