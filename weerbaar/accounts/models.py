"""A staff account's role and, for scoped roles, the organisation or community it acts for."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.roles import Role


class StaffProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="profile", verbose_name=_("gebruiker"))
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="staff_profiles",
                                     verbose_name=_("organisatie"),
                                     help_text=_("Verplicht voor de rol partnerorganisatie."))
    community = models.ForeignKey("places.Community", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="staff_profiles",
                                  verbose_name=_("kern"),
                                  help_text=_("Verplicht voor de rol sleutelfiguur."))

    class Meta:
        verbose_name = _("rol van medewerker")
        verbose_name_plural = _("rollen van medewerkers")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from weerbaar.accounts.groups import assign_role_group

        assign_role_group(self.user, self.role)

    def clean(self) -> None:
        if self.role == Role.PARTNER and not self.organisation_id:
            raise ValidationError({"organisation": _("Een partner hoort bij een organisatie.")})
        if self.role == Role.KEY_FIGURE and not self.community_id:
            raise ValidationError({"community": _("Een sleutelfiguur hoort bij een kern.")})

def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.profile.role
    except StaffProfile.DoesNotExist:
        return None
