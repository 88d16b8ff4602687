"""The partnership's e-archive package as a download (staff): the package gathers every app,
so its view lives here, with the builder in iop/archive/."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from iop.archive.package import build_package, package_filename
from partnerships.permissions import administration_required, get_partnership_for_user


@administration_required
def archive_package(request, pk):
    """A ZIP of the partnership (FGS 2.0 / E-ARK SIP). Built in the request for now: seconds
    for a partnership with years of minutes (every PDF is rendered)."""
    partnership = get_partnership_for_user(request, pk)
    created = timezone.localtime().replace(microsecond=0)
    body = build_package(partnership, user=request.user, created=created)
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, package_filename(partnership, created)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
