"""Consent withdrawals: a key figure or key holder who no longer agrees to be listed.

Kept apart from the register models (their tables are not this app's to migrate). From the
withdrawal date on, no private contact of that person is shown anywhere, and the next
``weerbaar apply-retention`` run erases their personal data.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ConsentWithdrawal(models.Model):
    key_figure = models.OneToOneField(
        "network.KeyFigure", on_delete=models.CASCADE, null=True, blank=True,
        related_name="consent_withdrawal", verbose_name=_("sleutelfiguur"))
    key_holder = models.OneToOneField(
        "supportpoints.KeyHolder", on_delete=models.CASCADE, null=True, blank=True,
        related_name="consent_withdrawal", verbose_name=_("sleutelhouder"))
    withdrawn_on = models.DateField(_("toestemming ingetrokken op"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("intrekking van toestemming")
        verbose_name_plural = _("intrekkingen van toestemming")
        constraints = [
            models.CheckConstraint(
                name="withdrawal_exactly_one_person",
                condition=(Q(key_figure__isnull=False, key_holder__isnull=True)
                           | Q(key_figure__isnull=True, key_holder__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        subject = (f"sleutelfiguur #{self.key_figure_id}" if self.key_figure_id
                   else f"sleutelhouder #{self.key_holder_id}")
        return f"{subject}: ingetrokken op {self.withdrawn_on}"
