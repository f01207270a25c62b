"""Row-level scoping: partners see their own organisation's records, key figures their kern."""

from django.db.models import Model, QuerySet

from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import SCOPE_PATHS, Access, Role, access_for


def model_label(model: type[Model]) -> str:
    return model._meta.label_lower


def is_scoped(user, model: type[Model]) -> bool:
    if user.is_superuser:
        return False
    return access_for(role_of(user), model_label(model)) in (Access.VIEW_OWN, Access.EDIT_OWN)


def scope_anchor(user, model: type[Model]) -> str | None:
    """The field that ties a record to the user's organisation or community."""
    if not is_scoped(user, model):
        return None
    path = SCOPE_PATHS.get(model_label(model), {}).get(role_of(user))
    return path.split("__")[0] if path else None


def scope_queryset(user, queryset: QuerySet) -> QuerySet:
    """Return only what the user may see of this queryset; nothing when unsure."""
    model = queryset.model
    if user.is_superuser:
        return queryset
    role = role_of(user)
    access = access_for(role, model_label(model))
    if access == Access.NONE:
        return queryset.none()
    if access in (Access.VIEW, Access.EDIT):
        return queryset
    path = SCOPE_PATHS.get(model_label(model), {}).get(role)
    profile = getattr(user, "profile", None)
    if not path or profile is None:
        return queryset.none()
    if role == Role.PARTNER and profile.organisation_id:
        return queryset.filter(**{path: profile.organisation_id})
    if role == Role.KEY_FIGURE and profile.community_id:
        return queryset.filter(**{path: profile.community_id})
    return queryset.none()
