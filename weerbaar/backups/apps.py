from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    name = "weerbaar.backups"
    verbose_name = _("Back-up en herstel")
