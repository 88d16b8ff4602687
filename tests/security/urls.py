"""A test-only URLconf: the project's URLs plus a permission-checked download view that uses
iop.uploads.serve_file the way an app's view would."""

from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404
from django.urls import path

from iop import uploads
from iop.urls import urlpatterns as project_patterns

STORAGE = {}


def field_file(name):
    field = FileField(upload_to=uploads.upload_to("test"))
    field.storage = STORAGE["storage"]
    return FieldFile(None, field, name)


def download(request, owner, name):
    # Stand-in for get_<x>_for_user: only the owner's organisation (or staff) sees it.
    user = request.user
    if not user.is_authenticated or not (
        user.is_administration or (user.organisation and user.organisation.pk == owner)
    ):
        raise Http404
    return uploads.serve_file(field_file(name), filename="Årsrapport 2024 <final>.pdf")


def commitment_edit(request, pk):
    """partnerships' commitment_edit with the version check, as the lead will wire it."""
    from django.shortcuts import get_object_or_404

    from iop.concurrency import VersionFormMixin, save_versioned
    from iop.views_helpers import form_data, form_page
    from partnerships.forms import CommitmentForm
    from partnerships.models import Commitment

    class VersionedCommitmentForm(VersionFormMixin, CommitmentForm):
        pass

    def update(*, actor, reason, version, **fields):
        for name, value in fields.items():
            setattr(commitment, name, value)
        return save_versioned(commitment, version=version, actor=actor, reason=reason)

    commitment = get_object_or_404(Commitment, pk=pk)
    return form_page(
        request,
        VersionedCommitmentForm(form_data(request), instance=commitment, annex=commitment.annex),
        service=update,
        template="partnerships/form.html",
        context={"title": "Ändra åtagande", "partnership": commitment.annex.partnership},
        success=lambda obj: "/partnerskap/",
        message="Ändringen är sparad.",
    )


urlpatterns = [
    *project_patterns,
    path("test-fil/<int:owner>/<path:name>", download),
    path("test-atagande/<int:pk>/", commitment_edit),
]


def use_storage(location):
    STORAGE["storage"] = FileSystemStorage(location=location)
    return STORAGE["storage"]


def database_down(request):
    from django.db import OperationalError

    raise OperationalError("server closed the connection unexpectedly")


def plain_bug(request):
    raise RuntimeError("a bug")


urlpatterns += [path("test-db-nere/", database_down), path("test-fel/", plain_bug)]
handler500 = "iop.reliability.server_error"
