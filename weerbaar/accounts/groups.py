"""Django groups derived from accounts.roles, so model permissions follow the declaration."""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission

from weerbaar.accounts.roles import ACCESS, CONTACT_PERMISSIONS, Access, Role

ACTIONS_BY_ACCESS = {
    Access.NONE: (),
    Access.VIEW_OWN: ("view",),
    Access.VIEW: ("view",),
    Access.EDIT_OWN: ("view", "change"),
    Access.EDIT: ("view", "add", "change", "delete"),
}


def group_name(role: str) -> str:
    return f"rol:{role}"


def permissions_for(role: str) -> list[Permission]:
    wanted: list[tuple[str, str]] = []
    for label, row in ACCESS.items():
        app_label, model = label.split(".")
        for action in ACTIONS_BY_ACCESS[row.get(role, Access.NONE)]:
            wanted.append((app_label, f"{action}_{model}"))
    for perm in CONTACT_PERMISSIONS.get(role, []):
        wanted.append(tuple(perm.split(".")))
    found = []
    for app_label, codename in wanted:
        perm = Permission.objects.filter(content_type__app_label=app_label,
                                         codename=codename).first()
        if perm is None:
            raise LookupError(f"permission {app_label}.{codename} does not exist")
        found.append(perm)
    return found


def sync_role_groups(sender=None, apps=global_apps, **kwargs) -> None:
    """Create or correct one group per role; run after every migrate."""
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for role in Role.values:
        group, _ = Group.objects.get_or_create(name=group_name(role))
        group.permissions.set(permissions_for(role))


def assign_role_group(user, role: str) -> None:
    role_groups = Group.objects.filter(name__startswith="rol:")
    user.groups.remove(*role_groups.exclude(name=group_name(role)))
    group, _ = Group.objects.get_or_create(name=group_name(role))
    if not group.permissions.exists():
        sync_role_groups()
    user.groups.add(group)
