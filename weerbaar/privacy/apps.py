from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "weerbaar.privacy"
    verbose_name = _("Privacy (AVG)")

    def ready(self) -> None:
        from weerbaar.privacy import signals

        signals.connect()
