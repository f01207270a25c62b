"""Staff login through the municipality's identity provider (OpenID Connect).

The role comes from one claim (OIDC_ROLE_CLAIM, e.g. "groups") and the ordered
OIDC_ROLE_MAP ("group=role" pairs; the first pair whose group the user has wins). A user
without a mapped role gets no account and no access (deny by default); a user whose group was
removed at the provider loses the role at the next login.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from weerbaar.accounts.models import StaffProfile
from weerbaar.accounts.roles import Role

logger = logging.getLogger("weerbaar.accounts.oidc")
USERNAME_PREFIX = "oidc-"


@dataclass(frozen=True)
class RoleGrant:
    role: str
    organisation_id: int | None = None
    community_slug: str | None = None


def parse_role_map(pairs: list[str]) -> list[tuple[str, RoleGrant]]:
    """'group=role' or 'group=partner:<organisation id>' / 'group=keyfigure:<kern slug>'."""
    parsed = []
    for pair in pairs:
        group, _, target = pair.partition("=")
        role, _, scope = target.strip().partition(":")
        if not group.strip() or role not in Role.values:
            raise ValueError(f"OIDC_ROLE_MAP: '{pair}' is not 'groep=rol' with rol in {Role.values}")
        if role == Role.PARTNER:
            if not scope.isdigit():
                raise ValueError(f"OIDC_ROLE_MAP: '{pair}' needs an organisation id (partner:12)")
            grant = RoleGrant(role, organisation_id=int(scope))
        elif role == Role.KEY_FIGURE:
            if not scope:
                raise ValueError(f"OIDC_ROLE_MAP: '{pair}' needs a kern slug (keyfigure:heesch)")
            grant = RoleGrant(role, community_slug=scope)
        else:
            grant = RoleGrant(role)
        parsed.append((group.strip(), grant))
    return parsed


def role_for_claims(claims: dict) -> RoleGrant | None:
    value = claims.get(settings.OIDC_ROLE_CLAIM) or []
    groups = {value} if isinstance(value, str) else {str(item) for item in value}
    for group, grant in parse_role_map(settings.OIDC_ROLE_MAP):
        if group in groups:
            return grant
    return None


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Users are keyed by the provider's stable `sub`, never by a changeable e-mail address."""

    def verify_claims(self, claims: dict) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict):
        return self.UserModel.objects.filter(username=self.get_username(claims))

    def get_username(self, claims: dict) -> str:
        return (USERNAME_PREFIX + str(claims["sub"]))[:150]

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            return None
        grant = role_for_claims(claims)
        if grant is None:
            logger.warning("OIDC login refused: no mapped role for subject %s", claims.get("sub"))
            StaffProfile.objects.filter(user__username=self.get_username(claims)).delete()
            return None
        with transaction.atomic():
            user, _ = get_user_model().objects.get_or_create(username=self.get_username(claims))
            if user.is_superuser:  # a beheerder never signs in through the provider
                return None
            user.email = claims.get("email", "") or ""
            user.first_name = (claims.get("given_name") or "")[:150]
            user.last_name = (claims.get("family_name") or "")[:150]
            user.is_staff = True
            user.set_unusable_password()
            user.save()
            if not apply_grant(user, grant):
                return None
        return user


def apply_grant(user, grant: RoleGrant) -> bool:
    from weerbaar.places.models import Community

    community = None
    if grant.community_slug:
        community = Community.objects.filter(slug=grant.community_slug).first()
        if community is None:
            logger.error("OIDC_ROLE_MAP names kern %s, which does not exist", grant.community_slug)
            return False
    profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
    profile.role = grant.role
    profile.organisation_id = grant.organisation_id
    profile.community = community
    profile.save()
    return True


class OIDCStartView(OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """A forged or replayed callback (unknown state) is a failed login, not an error page."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            logger.warning("OIDC callback refused: %s", exc)
            return HttpResponseRedirect(self.failure_url)
