from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VitalConfig(AppConfig):
    name = "weerbaar.vital"
    verbose_name = _("Vitale infrastructuur")
