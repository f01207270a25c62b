from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "weerbaar.reports"
    verbose_name = _("Edities en export")
