"""Account management: users and their role (StaffProfile). Superusers (beheerders) only.

accounts.roles lists auth.user, auth.group and accounts.staffprofile as SUPERUSER_ONLY:
no role reaches them, whatever Django permissions a group might carry.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, User

from weerbaar.accounts.models import StaffProfile


def is_superuser(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


class SuperuserOnlyMixin:
    def has_module_permission(self, request):
        return is_superuser(request)

    def has_view_permission(self, request, obj=None):
        return is_superuser(request)

    def has_add_permission(self, request, obj=None):
        return is_superuser(request)

    def has_change_permission(self, request, obj=None):
        return is_superuser(request)

    def has_delete_permission(self, request, obj=None):
        return is_superuser(request)


class StaffProfileInline(SuperuserOnlyMixin, admin.StackedInline):
    model = StaffProfile
    fk_name = "user"
    can_delete = True
    max_num = 1
    autocomplete_fields = ("organisation", "community")


@admin.register(StaffProfile)
class StaffProfileAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "community")
    list_filter = ("role",)
    list_select_related = ("user", "organisation", "community")
    search_fields = ("user__username", "user__first_name", "user__last_name",
                     "organisation__name", "community__name")
    autocomplete_fields = ("user", "organisation", "community")


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(SuperuserOnlyMixin, DjangoUserAdmin):
    inlines = [StaffProfileInline]
    list_display = ("username", "first_name", "last_name", "role", "is_staff", "is_active",
                    "is_superuser")
    list_select_related = ("profile",)

    @admin.display(description=StaffProfile._meta.get_field("role").verbose_name)
    def role(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile is not None else "—"


@admin.register(Group)
class GroupAdmin(SuperuserOnlyMixin, DjangoGroupAdmin):
    pass
