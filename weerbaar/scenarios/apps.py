from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScenariosConfig(AppConfig):
    name = "weerbaar.scenarios"
    verbose_name = _("Scenario's en oefeningen")
