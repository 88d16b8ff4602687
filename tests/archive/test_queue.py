"""The e-archive package is built by the task queue (iop/archive/queue.py): staff ask for one,
the request only queues it, the queue builds and stores it, staff download it from the
partnership's Arkivpaket page; a build that fails is tried again and finally shown as failed."""

import os
import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iop.models import ArchivePackage
from iop.tasks import ATTEMPT
from tests.archive.conftest import unpack

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _asked(world):
    """The packages asked for in the test (the world has one built already)."""
    return ArchivePackage.objects.exclude(pk=world.archive_package.pk)


def test_staff_ask_for_a_package_and_download_it_once_built(
    client, world, staff, rep_a, django_capture_on_commit_callbacks
):
    create = reverse("partnerships:archive_package_create", args=[world.partnership.pk])
    assert client.post(create).status_code == 302  # to the login page
    client.force_login(rep_a)
    assert client.post(create).status_code == 403
    client.force_login(staff)
    assert client.get(create).status_code == 405  # asking builds something: a POST
    with django_capture_on_commit_callbacks(execute=True):  # built after the commit
        response = client.post(create)
    listing = reverse("partnerships:archive_packages", args=[world.partnership.pk])
    assert response.status_code == 302 and response["Location"] == listing
    package = _asked(world).get()
    assert package.status == ArchivePackage.Status.READY and package.requested_by == staff
    assert package.size == package.file.size > 0
    page = client.get(listing).content.decode()
    assert "Arkivpaketet byggs" in page and "Hanna Handläggare" in page
    download = reverse("partnerships:archive_package_download", args=[package.pk])
    assert f'href="{download}"' in page and f"Ladda ned {package.filename}" in page

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert re.search(r'attachment; filename="iop-.+\.zip"', response["Content-Disposition"])
    unpacked = unpack(b"".join(response.streaming_content))
    assert unpacked.files["METS.xml"].startswith(b"<?xml")
    assert b"Hanna Handl" in unpacked.files["metadata/preservation/premis.xml"]

    client.force_login(rep_a)  # not staff: refused, the package is not theirs to fetch
    assert client.get(download).status_code == 403
    assert client.get(listing).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302


def test_in_the_database_queue_the_request_only_queues_the_build(
    settings, client, world, staff, run_queue
):
    settings.TASKS = DB_QUEUE
    client.force_login(staff)
    client.post(reverse("partnerships:archive_package_create", args=[world.partnership.pk]))
    package = _asked(world).get()
    task = DBTaskResult.objects.get()
    assert task.task_path == "iop.archive.queue.archive_package_build"
    assert task.args_kwargs["args"] == [package.pk]
    listing = reverse("partnerships:archive_packages", args=[world.partnership.pk])
    page = client.get(listing).content.decode()
    assert "Byggs…" in page and "Ladda ned" not in page.split(world.archive_package.filename)[-1]
    assert not package.file

    run_queue()
    package.refresh_from_db()
    assert package.status == ArchivePackage.Status.READY and package.attempts == 1
    assert unpack(package.file.read()).root == package.filename.removesuffix(".zip")


def test_a_failing_build_is_tried_again_then_shown_as_failed(
    settings, client, world, staff, run_queue
):
    """A file the package needs is gone from the disk: the build fails, is tried again after
    the backoff, and after the last try staff see the package failed, with the error."""
    settings.TASKS = DB_QUEUE
    settings.IOP_TASK_RETRIES = 1
    os.remove(world.signature.scan.path)
    client.force_login(staff)
    client.post(reverse("partnerships:archive_package_create", args=[world.partnership.pk]))
    listing = reverse("partnerships:archive_packages", args=[world.partnership.pk])

    run_queue()
    package = _asked(world).get()
    assert package.status == ArchivePackage.Status.BUILDING and package.attempts == 1
    assert "FileNotFoundError" in package.error
    page = client.get(listing).content.decode()
    assert "Försöker igen efter felet:" in page and "FileNotFoundError" in page

    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {ATTEMPT: 2}
    assert retry.run_after - timezone.now() > timedelta(seconds=20)
    retry.run_after = timezone.now()  # the clock moves on
    retry.save()
    run_queue()
    package.refresh_from_db()
    assert package.status == ArchivePackage.Status.FAILED and package.attempts == 2
    assert not package.file
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    page = client.get(listing).content.decode()
    assert "Misslyckades" in page and "Fel:" in page and "FileNotFoundError" in page
    failed_download = reverse("partnerships:archive_package_download", args=[package.pk])
    assert client.get(failed_download).status_code == 404
