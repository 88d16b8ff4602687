"""The NGO representative's home page and the account pages they use from outside."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.enrolment import grant_enrolment
from iop.pagecache import cached_page
from partnerships.deadlines import DeadlineScope, deadlines_between
from partnerships.deadlines_lifecycle import known_period_events
from partnerships.models import Annex, Compensation, Participation, Partnership
from partnerships.period_ends import set_current_ends
from partnerships.permissions import is_administration, visible_annexes, visible_partnerships
from reporting.hooks import organisation_compensations, organisation_periods
from reporting.models import ActivityReport, FinancialStatement, Status
from reporting.permissions import visible_statements
from reporting.portal import PortalPage, sections_for

DEADLINE_DAYS = 120
AGREEMENT_TEXTS = (
    "background",
    "purpose",
    "target_group",
    "basis",
    "values",
    "gender_perspective",
    "information_dissemination",
    "confidentiality",
)


@login_required
@cached_page
def portal_home(request):
    """The representative's home: reports to write, statements, the sections of other apps,
    upcoming dates and the organisation's partnerships with its bilagor.

    Twelve queries however many partnerships: the organisation's participations are read once
    (with their partnerships, and whether the organisation may see each, so that the guardian
    lookup runs once) and serve as the deadline scope; its periods with its reports and its
    compensations are read once for the lists here and for its deadlines; the governance
    section shares its remediation plans with the governance deadlines.
    """
    if is_administration(request.user):
        return redirect("partnerships:list")
    user = request.user
    today = timezone.localdate()
    visible = visible_partnerships(user, Partnership.objects.all()).filter(
        pk=OuterRef("partnership_id")
    )
    annexes = visible_annexes(user, Annex.objects.all()).prefetch_related("commitments")
    participations = list(
        Participation.objects.filter(organisation_id=user.organisation_id)
        .select_related("partnership", "organisation")
        # The partnership's dates and rules, not its agreement texts.
        .defer(*(f"partnership__{name}" for name in AGREEMENT_TEXTS))
        .annotate(partnership_visible=Exists(visible))
        .prefetch_related(Prefetch("annexes", queryset=annexes))
        .order_by("-partnership__start_date")
    )
    if participations:
        # The header shows the organisation: the one read with the participations.
        user.organisation = participations[0].organisation
    seen = {}
    for participation in participations:
        if participation.partnership_visible:
            seen.setdefault(participation.partnership_id, participation.partnership)
    scope = DeadlineScope(list(seen.values()), user=user)
    start, end = today, today + timedelta(days=DEADLINE_DAYS)
    page = PortalPage(
        organisation=user.organisation,
        participations=participations,
        scope=scope,
        today=today,
        deadline_start=start,
        deadline_end=end,
    )

    compensations = {}
    for compensation in organisation_compensations(scope):
        compensations.setdefault(compensation.annex_id, []).append(compensation)
    for participation in participations:
        for annex in participation.annexes.all():
            annex.portal_compensations = compensations.get(annex.pk, [])

    # The periods of the partnerships the organisation is a party to now, ended by the end of
    # the window, whose report is not accepted yet (read with the organisation's deadlines).
    current = {
        p.partnership_id for p in participations if p.partnership_visible and p.is_current(today)
    }
    to_write = []
    for period in organisation_periods(scope, start, end):
        if period.partnership_id not in current or period.end > end:
            continue
        report = None
        if period.report_pk is not None and period.report_visible:
            # The report's id and state, read with its period: all the list shows of it.
            report = ActivityReport(
                pk=period.report_pk,
                status=period.report_status,
                period=period,
                organisation_id=user.organisation_id,
            )
        if report is None or report.status != Status.ACCEPTED:
            to_write.append({"period": period, "report": report})
    statements = list(
        visible_statements(user, FinancialStatement.objects.select_related("annex"))
        .exclude(status=Status.ACCEPTED)
        .order_by("year_start")
    )
    deadlines = deadlines_between(start, end, partnerships=scope, user=user)
    # The end dates as the partnership page computes them, from the notices and extensions the
    # lifecycle deadlines have just read (a query only for a partnership they do not cover).
    set_current_ends(
        [p.partnership for p in participations],
        known=known_period_events(scope, start, end),
    )
    return render(
        request,
        "portal/home.html",
        {
            "participations": participations,
            "to_write": to_write,
            "statements": statements,
            "deadlines": deadlines,
            "today": today,
            "sections": sections_for(request, page),
        },
    )


class ActivateView(auth_views.PasswordResetConfirmView):
    """The invitation link: the same signed token as a password reset, a welcoming page.

    It opens only an account that has never had a password (an invitation), so a password reset
    link cannot be used here to log in. Choosing the password logs the person in and, since the
    link came by e-mail to them alone, lets this session connect their authenticator app at once:
    the link is the second proof the first app needs (iop.mfa)."""

    template_name = "registration/activate.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or user.has_usable_password() or not user.is_active:
            return None
        return user

    def form_valid(self, form):
        super().form_valid(form)
        grant_enrolment(self.request)
        if settings.IOP_REQUIRE_MFA:
            messages.success(
                self.request,
                _("Lösenordet är sparat. Koppla nu en autentiseringsapp, så är kontot klart."),
            )
            return redirect("mfa:setup")
        messages.success(self.request, _("Lösenordet är sparat. Välkommen till IOP!"))
        return redirect("home")


@login_required
def portal_partnership(request, pk):
    """What a partnership shares with all its parties (agreement text, goals, parties), and of
    the bilagor only the representative's own."""
    from partnerships.models import Goal, Participation, Partnership
    from partnerships.permissions import get_partnership_for_user

    partnership = get_partnership_for_user(
        request,
        pk,
        Partnership.objects.prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "-organisation__kind", "organisation__name"
                ),
            ),
            "clauses",
        ),
    )
    set_current_ends([partnership])
    annexes = visible_annexes(
        request.user, Annex.objects.filter(partnership=partnership)
    ).prefetch_related(
        "commitments",
        Prefetch("compensations", queryset=Compensation.objects.order_by("period_start")),
    )
    return render(
        request,
        "portal/partnership.html",
        {"partnership": partnership, "annexes": annexes},
    )
