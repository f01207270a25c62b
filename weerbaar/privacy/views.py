"""The register of processing activities (verwerkingsregister, AVG art. 30), generated from
privacy.registry and the models' field metadata."""

from django.shortcuts import render
from django.utils import timezone

from weerbaar.accounts.decorators import permission_route
from weerbaar.privacy.registry import NOT_PERSONAL, REGISTRY


@permission_route("privacy:register")
def register(request):
    activities = []
    for entry in REGISTRY.values():
        model = entry.model
        activities.append({
            "entry": entry,
            "name": str(model._meta.verbose_name_plural),
            "fields": entry.fields(),
            "count": model.objects.count(),
        })
    return render(request, "privacy/register.html", {
        "activities": activities, "today": timezone.localdate(),
        "not_personal": sorted(NOT_PERSONAL.items()),
    })
