"""Row-level scoping: partners see their own organisation's records, key figures their kern."""

from django.db.models import Model, Q, QuerySet

from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import SCOPE_PATHS, Access, Role, access_for


def model_label(model: type[Model]) -> str:
    return model._meta.label_lower


def is_scoped(user, model: type[Model]) -> bool:
    if user.is_superuser:
        return False
    return access_for(role_of(user), model_label(model)) in (Access.VIEW_OWN, Access.EDIT_OWN)


def scope_paths(user, model: type[Model]) -> tuple[str, ...]:
    path = SCOPE_PATHS.get(model_label(model), {}).get(role_of(user))
    if not path:
        return ()
    return (path,) if isinstance(path, str) else tuple(path)


def scope_anchors(user, model: type[Model]) -> list[str]:
    """The fields that tie a record to the user's organisation or community."""
    if not is_scoped(user, model):
        return []
    return [path.split("__")[0] for path in scope_paths(user, model)]


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
    paths = scope_paths(user, model)
    profile = getattr(user, "profile", None)
    if not paths or profile is None:
        return queryset.none()
    if role == Role.PARTNER:
        anchor_id = profile.organisation_id
    elif role == Role.KEY_FIGURE:
        anchor_id = profile.community_id
    else:
        anchor_id = None
    if anchor_id is None:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{path: anchor_id})
    return queryset.filter(condition)
