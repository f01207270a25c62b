from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "weerbaar.audit"
    verbose_name = _("Audittrail")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.models.signals import post_migrate

        from weerbaar.audit import officer, signals

        user_logged_in.connect(signals.logged_in, dispatch_uid="audit-login")
        user_logged_out.connect(signals.logged_out, dispatch_uid="audit-logout")
        post_migrate.connect(officer.ensure_officer_group, sender=self, dispatch_uid="audit-officer")
