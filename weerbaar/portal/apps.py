from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "weerbaar.portal"
    verbose_name = _("Publieke portal")

    def ready(self) -> None:
        from weerbaar.portal.register_data import connect_signals

        connect_signals()
