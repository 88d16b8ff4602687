"""The e-archive package built out of the request: staff ask for one (`archive_package_request`,
a row and a queued task in one transaction), the task queue builds and stores it
(`archive_package_build`, retried when it fails, see iop/tasks.py), staff download it from the
partnership's Arkivpaket page. `manage.py archive_package` still builds one at once."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.archive.package import build_package, package_filename
from iop.models import ArchivePackage
from iop.tasks import background, enqueue
from partnerships.transitions import transition


def get_archive_package_for_user(request, pk):
    """A stored package, for staff; anyone else gets a 404 as for anything they may not see."""
    if not getattr(request.user, "is_administration", False):
        raise Http404
    return get_object_or_404(ArchivePackage.objects.select_related("partnership"), pk=pk)


def archive_package_request(*, partnership, actor):
    """Ask for a package of `partnership`: the row staff see as "Byggs…" and the task that
    builds it, together (a rolled-back request queues nothing)."""
    with transaction.atomic():
        package = ArchivePackage.objects.create(partnership=partnership, requested_by=actor)
        enqueue(archive_package_build, package.pk)
    return package


def _give_up(package_id, *, error):
    """The last try failed: staff see the package as failed, with the error."""
    package = ArchivePackage.objects.get(pk=package_id)
    if "give_up" in package.allowed_actions:
        transition(package, "give_up", actor=None, reason=_("Sista försöket misslyckades."))


@background(on_give_up=_give_up)
def archive_package_build(package_id):
    """Build one asked-for package and store it (the task the worker runs; a minute or more for
    a partnership with years of minutes, every PDF is rendered)."""
    package = ArchivePackage.objects.select_related("partnership", "requested_by").get(
        pk=package_id
    )
    if "finish" not in package.allowed_actions:
        return  # queued twice (built once), or already given up
    package.attempts += 1
    created = timezone.localtime().replace(microsecond=0)
    try:
        body = build_package(package.partnership, user=package.requested_by, created=created)
    except Exception as error:  # whatever the build raises, the try is recorded for staff
        package.error = f"{type(error).__name__}: {error}"[:2000]
        package.save(update_fields=["attempts", "error"])
        raise  # iop.tasks retries it, or gives up and marks it failed
    filename = package_filename(package.partnership, created)
    package.file.save(filename, ContentFile(body), save=False)
    transition(
        package,
        "finish",
        actor=None,
        reason=_("Arkivpaketet är byggt."),
        fields={
            "file": package.file.name,
            "filename": filename,
            "size": len(body),
            "attempts": package.attempts,
            "error": "",
        },
    )
