"""Who is the privacy officer (functionaris gegevensbescherming, FG).

Not a role: the four roles decide what a person does in the programme, and the privacy
officer may hold any of them (or none). Whoever has the permission ``audit.view_auditevent``
is privacy officer: the beheerder grants it by adding the account to the group below.
"""

from django.contrib.auth.models import Group, Permission

OFFICER_PERMISSION = "audit.view_auditevent"
OFFICER_GROUP = "Functionaris gegevensbescherming"


def is_privacy_officer(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and user.has_perm(OFFICER_PERMISSION))


def ensure_officer_group(sender=None, **kwargs) -> None:
    """Create the group with its permission after every migrate (idempotent)."""
    app_label, codename = OFFICER_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label,
                                           codename=codename).first()
    if permission is None:
        from django.apps import apps
        from django.contrib.auth.management import create_permissions

        create_permissions(apps.get_app_config(app_label), verbosity=0)
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    group, _ = Group.objects.get_or_create(name=OFFICER_GROUP)
    group.permissions.add(permission)
