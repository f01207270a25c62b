from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportpointsConfig(AppConfig):
    name = "weerbaar.supportpoints"
    verbose_name = _("Noodsteunpunten")
