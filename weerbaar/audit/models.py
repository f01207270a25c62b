"""The audit trail: append-only, hash-chained events about personal data.

Each event stores who did what to which object, never the personal values themselves, and
``hash`` = SHA-256 over a canonical JSON of the event including ``prev_hash``. Changing or
removing a stored event breaks the chain, which ``weerbaar audit verify`` reports. The ORM
refuses updates and deletes; database triggers (see migrations) refuse them too.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events are append-only: update refused")

    def delete(self):
        raise AppendOnlyError("audit events are append-only: delete refused")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("audit events are append-only: update refused")

    def bulk_create(self, objs, *args, **kwargs):
        raise AppendOnlyError("audit events are written one by one through audit.record()")


class Action(models.TextChoices):
    VIEW = "view", _("inzien")
    LIST = "list", _("lijst inzien")
    EXPORT = "export", _("exporteren")
    PRINT = "print", _("afdrukken (PDF)")
    CREATE = "create", _("aanmaken")
    CHANGE = "change", _("wijzigen")
    DELETE = "delete", _("verwijderen")
    LOGIN = "login", _("inloggen")
    LOGOUT = "logout", _("uitloggen")
    SUBJECT_EXPORT = "subject_export", _("inzageverzoek (export persoon)")
    ERASURE = "erasure", _("verwijderverzoek (wissen persoon)")
    RETENTION = "retention", _("bewaartermijn verstreken (gewist)")
    CONSENT = "consent", _("toestemming ingetrokken")


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(_("volgnummer"), unique=True)
    timestamp = models.DateTimeField(_("tijdstip"), db_index=True)
    actor_username = models.CharField(_("wie (account)"), max_length=150, blank=True)
    actor_id = models.BigIntegerField(_("account-id"), null=True, blank=True)
    role = models.CharField(_("rol"), max_length=40, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("soort gegeven"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("id van het gegeven"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("omschrijving (zonder persoonsgegevens)"), max_length=200,
                                   blank=True)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    path = models.CharField(_("adres of opdracht"), max_length=300, blank=True)
    prev_hash = models.CharField(_("vorige hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("audittrail")
        ordering = ["-sequence"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.timestamp:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events are append-only: update refused")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events are append-only: delete refused")


class ChainHead(models.Model):
    """One row: the last sequence number and hash. Appends lock it (select_for_update), so
    concurrent writers on PostgreSQL line up, and verify compares the last event with it, so
    removing the newest events is detected too."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"head #{self.sequence}"
