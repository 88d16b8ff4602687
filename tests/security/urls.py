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
    """partnerships' own commitment_edit, which now carries the version check."""
    from partnerships.views.annexes import commitment_edit as view

    return view(request, pk=pk)


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
