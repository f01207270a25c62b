"""`check --deploy`: production without a second factor for password logins is reported."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    if settings.WEERBAAR_REQUIRE_2FA:
        return []
    return [Warning(
        "WEERBAAR_REQUIRE_2FA is off: local accounts log in with a password only.",
        hint="Remove WEERBAAR_REQUIRE_2FA=false (or set it to true) in production.",
        id="weerbaar.W001")]
