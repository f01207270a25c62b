"""Valid consent: the rule every place that shows a private contact applies.

A key figure's contact is shown only when consent was given (``consent_on`` on or before
today) and not withdrawn (no ConsentWithdrawal dated on or before today). A key holder has
no required consent date in the register yet, so only a withdrawal hides their contact.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone


def _withdrawn(person, today: date) -> bool:
    try:
        withdrawal = person.consent_withdrawal
    except ObjectDoesNotExist:
        return False
    return withdrawal.withdrawn_on <= today


def key_figure_consents(key_figure, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    if key_figure.consent_on is None or key_figure.consent_on > today:
        return False
    return not _withdrawn(key_figure, today)


def key_holder_consents(key_holder, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    if key_holder.consent_on is not None and key_holder.consent_on > today:
        return False
    return not _withdrawn(key_holder, today)
