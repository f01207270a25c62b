"""Staff pages."""

from django.shortcuts import render

from weerbaar.accounts.decorators import roles_required


@roles_required("workspace:dashboard")
def dashboard(request):
    return render(request, "workspace/dashboard.html", {})
