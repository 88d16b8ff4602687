"""Signing in the app: the exact PDF each party's signatory was shown and signed, and, once the
last party has signed, that PDF sealed with the municipality's certificate (PAdES)."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.amendments import Amendment
from partnerships.models.partnerships import Partnership


def signed_pdf_path(instance, filename):
    """Server-generated name; the document's own name is given when it is downloaded."""
    return f"signed/{instance.partnership_id}/{uuid.uuid4().hex}.pdf"


class SignedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The agreement and its amendments are signed by every party: the partnership's."""
        return self.filter(partnership__in=Partnership.objects.visible_to(user))

    def sealed(self):
        """Those every party has signed and the municipality has sealed, named in one query."""
        return (
            self.exclude(sealed_pdf="")
            .select_related("partnership", "amendment")
            .order_by("amendment__number", "pk")
        )


class SignedDocument(models.Model):
    """The agreement (no amendment) or one amendment as the PDF that is signed in the app.

    The PDF is frozen the first time a signatory opens the signing page and kept byte for byte:
    every signature records its SHA-256, so what each party saw is the file that is sealed."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="signed_documents",
        verbose_name=_("partnerskap"),
    )
    amendment = models.ForeignKey(
        Amendment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signed_documents",
        verbose_name=_("ändring"),
    )
    pdf = models.FileField(_("handlingen som undertecknas (PDF)"), upload_to=signed_pdf_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("skapad"))
    sealed_pdf = models.FileField(
        _("förseglad handling (PDF)"), upload_to=signed_pdf_path, blank=True
    )
    sealed_at = models.DateTimeField(_("förseglad"), null=True, blank=True)

    history = HistoricalRecords()
    objects = SignedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("handling att underteckna")
        verbose_name_plural = _("handlingar att underteckna")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(amendment__isnull=True),
                name="one_signed_agreement_per_partnership",
            ),
            models.UniqueConstraint(
                fields=["amendment"],
                condition=Q(amendment__isnull=False),
                name="one_signed_document_per_amendment",
            ),
        ]

    def __str__(self):
        if self.amendment_id:
            return str(self.amendment)
        return str(_("Överenskommelsen %(title)s") % {"title": self.partnership.title})

    def get_absolute_url(self):
        return reverse("partnerships:esign_verify", args=[self.pk])

    @property
    def download_name(self):
        number = self.partnership.registration_number or self.partnership_id
        which = f"andring-{self.amendment.number}" if self.amendment_id else "avtal"
        suffix = "forseglad" if self.sealed_pdf else "att-underteckna"
        return f"iop-{number}-{which}-{suffix}.pdf".replace(" ", "-").replace("/", "-")
