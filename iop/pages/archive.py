"""The partnership's e-archive packages (staff): the package gathers every app, so its pages
live here, with the builder in iop/archive/. Staff ask for a package, the task queue builds it
(iop/archive/queue.py), and the Arkivpaket page lists what was asked for, by whom, and what
became of it."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iop.archive.queue import archive_package_request, get_archive_package_for_user
from iop.models import ArchivePackage
from iop.uploads import download_name
from partnerships.permissions import administration_required, get_partnership_for_user


@administration_required
@require_POST
def archive_package_create(request, pk):
    """Ask for a new package (FGS 2.0 / E-ARK SIP); it is built out of the request."""
    partnership = get_partnership_for_user(request, pk)
    archive_package_request(partnership=partnership, actor=request.user)
    messages.success(
        request,
        _(
            "Arkivpaketet byggs. Det kan ta några minuter; ladda om sidan för att se när det är klart."
        ),
    )
    return redirect("partnerships:archive_packages", pk=partnership.pk)


@administration_required
def archive_packages(request, pk):
    partnership = get_partnership_for_user(request, pk)
    packages = ArchivePackage.objects.filter(partnership=partnership).select_related("requested_by")
    return render(
        request,
        "iop/archive_packages.html",
        {"partnership": partnership, "packages": packages},
    )


@administration_required
def archive_package_download(request, pk):
    package = get_archive_package_for_user(request, pk)
    if package.status != ArchivePackage.Status.READY or not package.file:
        raise Http404
    try:
        handle = package.file.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(package.filename),
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
