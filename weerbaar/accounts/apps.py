from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "weerbaar.accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from weerbaar.accounts import checks  # noqa: F401  (registers the deploy check)
        from weerbaar.accounts.groups import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)
