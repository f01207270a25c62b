"""Template check for staff links: show a link only to roles that may open its route."""

from django import template

from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import VIEW_ACCESS

register = template.Library()


@register.simple_tag(takes_context=True)
def may_open(context, route_name: str) -> bool:
    """True when the current user may open ``route_name`` (the rule of roles_required)."""
    user = getattr(context.get("request"), "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or role_of(user) in VIEW_ACCESS.get(route_name, set())
