"""Deny by default for staff pages: a view opens only for the roles accounts.roles names."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import PERMISSION_ROUTES, VIEW_ACCESS


def roles_required(route_name: str):
    """Guard a view with the roles declared for route_name in VIEW_ACCESS."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = VIEW_ACCESS.get(route_name, set())
            if not (request.user.is_superuser or role_of(request.user) in allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.route_name = route_name
        return wrapped

    return decorator


def permission_route(route_name: str):
    """Guard a view with the permission declared for route_name in PERMISSION_ROUTES."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            permission = PERMISSION_ROUTES.get(route_name)
            if not (request.user.is_active and permission and request.user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.route_name = route_name
        return wrapped

    return decorator
