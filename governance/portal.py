"""Governance on the NGO representative's portal home: remediation plans asked of their
organisation and the next meetings of the groups it sits in. Two queries each."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Meeting, RemediationPlan
from governance.permissions import visible_groups
from reporting.portal import PortalSection

UPCOMING_MEETINGS = 10


def remediation_section(request):
    user = request.user
    if user.is_administration or not user.organisation_id:
        return None
    plans = list(
        RemediationPlan.objects.filter(
            organisation_id=user.organisation_id,
            status__in=[RemediationPlan.Status.REQUESTED, RemediationPlan.Status.REJECTED],
            group__in=visible_groups(user),
        )
        .select_related("group__partnership")
        .order_by("due_on", "pk")
    )
    return PortalSection(
        anchor="atgardsplaner",
        title=_("Begärda åtgärdsplaner"),
        template="governance/portal_remediation.html",
        context={"plans": plans, "today": timezone.localdate()},
        order=20,
    )


def meetings_section(request):
    user = request.user
    if user.is_administration or not user.organisation_id:
        return None
    meetings = list(
        Meeting.objects.filter(
            group__in=visible_groups(user),
            status=Meeting.Status.SCHEDULED,
            date__gte=timezone.localdate(),
        )
        .select_related("group__partnership")
        .order_by("date", "start_time")[:UPCOMING_MEETINGS]
    )
    return PortalSection(
        anchor="moten",
        title=_("Kommande möten i mina grupper"),
        template="governance/portal_meetings.html",
        context={"meetings": meetings},
        order=30,
    )
