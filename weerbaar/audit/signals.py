"""Logins and logouts of staff accounts go into the audit trail."""

from weerbaar.audit.models import Action
from weerbaar.audit.services import record


def logged_in(sender, request, user, **kwargs) -> None:
    record(Action.LOGIN, request=request, user=user, object_type="auth.user",
           object_id=str(user.pk), object_repr=f"account #{user.pk}")


def logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(Action.LOGOUT, request=request, user=user, object_type="auth.user",
               object_id=str(user.pk), object_repr=f"account #{user.pk}")
