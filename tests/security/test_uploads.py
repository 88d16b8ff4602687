"""iop.uploads: size limit, content sniffing, server-made names, permission-checked serving."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from iop import uploads
from tests.security import urls as test_urls

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OLE_BYTES = uploads.OLE_MAGIC + b"\x00" * 504


def xlsx_bytes():
    import openpyxl

    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Antal deltagare"
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("rapport.pdf", PDF_BYTES, "pdf"),
        ("RAPPORT.PDF", PDF_BYTES, "pdf"),
        ("budget.xlsx", None, "xlsx"),
        ("budget.xls", OLE_BYTES, "xls"),
    ],
)
def test_accepted_files(name, content, kind):
    content = content if content is not None else xlsx_bytes()
    assert uploads.validate_upload(upload(name, content)).key == kind


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("tom.pdf", b"", "empty"),
        ("rapport.pdf", b"<html><script>alert(1)</script></html>", "bad_type"),
        ("rapport.pdf", b"MZ\x90\x00 windows executable", "bad_type"),
        ("budget.xlsx", zip_bytes(["evil.sh"]), "bad_type"),  # a zip, not a spreadsheet
        ("brev.docx", zip_bytes(["[Content_Types].xml", "word/document.xml"]), "bad_type"),
        ("rapport.xlsx", PDF_BYTES, "bad_extension"),  # PDF content under another name
        ("rapport.html", PDF_BYTES, "bad_extension"),
    ],
)
def test_refused_files(name, content, code):
    with pytest.raises(ValidationError) as exc:
        uploads.validate_upload(upload(name, content))
    assert exc.value.code == code
    assert exc.value.messages[0]  # a Swedish sentence for the form


def test_size_limit(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    big = PDF_BYTES + b"0" * 2000
    with pytest.raises(ValidationError) as exc:
        uploads.validate_upload(upload("stor.pdf", big))
    assert exc.value.code == "too_large"
    assert "Största tillåtna storlek" in exc.value.messages[0]
    assert uploads.validate_upload(upload("liten.pdf", PDF_BYTES)).key == "pdf"


def test_allowed_kinds_can_be_narrowed():
    with pytest.raises(ValidationError):
        uploads.validate_upload(upload("budget.xls", OLE_BYTES), allowed=("pdf",))


def test_form_field_runs_the_checks():
    from django import forms

    class Form(forms.Form):
        file = uploads.UploadField(label="Bilaga")

    bad = Form(files={"file": upload("x.pdf", b"GIF89a")})
    assert not bad.is_valid()
    assert "inte av en tillåten typ" in bad.errors["file"][0]
    assert Form(files={"file": upload("x.pdf", PDF_BYTES)}).is_valid()
    assert 'accept=".pdf,.xlsx,.xls"' in str(Form()["file"])


def test_server_generated_names():
    make = uploads.upload_to("rapporter")
    first = make(None, "../../etc/passwd.pdf")
    second = make(None, "Min rapport (slutlig).pdf")
    assert first.startswith("rapporter/") and first.endswith(".pdf")
    assert ".." not in first and "passwd" not in first
    assert "rapport" not in second.split("/", 1)[1]
    assert first != second
    assert make(None, "skript.php").rsplit("/", 1)[1].count(".") == 0


@pytest.fixture
def stored(tmp_path):
    storage = test_urls.use_storage(tmp_path)
    return storage.save("test/2026/abc.pdf", io.BytesIO(PDF_BYTES))


@pytest.mark.urls("tests.security.urls")
@pytest.mark.django_db
def test_serving_sets_safe_headers(client_a, org_a, stored):
    response = client_a.get(f"/test-fil/{org_a.pk}/{stored}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "<" not in disposition and "/" not in disposition.split("filename", 1)[1]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.urls("tests.security.urls")
@pytest.mark.django_db
def test_serving_respects_the_permission_check(client, client_b, org_a, stored, rep_a, staff):
    assert client_b.get(f"/test-fil/{org_a.pk}/{stored}").status_code == 404
    client.logout()
    assert client.get(f"/test-fil/{org_a.pk}/{stored}").status_code == 404
    client.force_login(staff)
    assert client.get(f"/test-fil/{org_a.pk}/{stored}").status_code == 200
    assert client.get(f"/test-fil/{org_a.pk}/test/2026/missing.pdf").status_code == 404


@pytest.mark.django_db
def test_media_is_not_routed(staff_client, settings):
    assert staff_client.get("/media/test/2026/abc.pdf").status_code == 404
