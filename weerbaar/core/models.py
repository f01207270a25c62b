"""Building blocks shared by every register: provenance and change history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How sure we are of a fact; the codes of shared/data/bernheze-facts.md."""

    VERIFIED = "V", _("Geverifieerd (officiële of meerdere bronnen)")
    SECONDARY = "M", _("Betrouwbare secundaire bron")
    WEAK = "L", _("Zwakke of ongedateerde bron")
    ESTIMATE = "EST", _("Schatting (afgeleid, geen bronfeit)")


class Provenance(models.Model):
    """Every register record says where it comes from and how sure we are.

    A demo must never present an estimate or an invented person as fact: the
    confidence and the fictitious flag travel with the record into every view.
    """

    source = models.CharField(_("bron"), max_length=300, blank=True)
    source_url = models.URLField(_("bron (link)"), max_length=500, blank=True)
    confidence = models.CharField(
        _("betrouwbaarheid"), max_length=3, choices=Confidence.choices,
        default=Confidence.VERIFIED,
    )
    is_fictitious = models.BooleanField(
        _("fictief"), default=False,
        help_text=_("Verzonnen voorbeeldgegevens (demo); nooit als feit tonen."),
    )

    class Meta:
        abstract = True

    @property
    def is_estimate(self) -> bool:
        return self.confidence == Confidence.ESTIMATE


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True
