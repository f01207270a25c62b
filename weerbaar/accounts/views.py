"""Login pages: password login (with OIDC as the first choice when configured) and TOTP."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.forms import TokenForm
from weerbaar.accounts.middleware import owes_second_factor, second_factor_url
from weerbaar.accounts.qr import qr_svg


class StaffLoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["oidc_failed"] = self.request.GET.get("oidc") == "mislukt"
        return context

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if owes_second_factor(self.request):
            return second_factor_url(self.request, url)
        return url


def safe_next(request, default: str = "workspace:dashboard") -> str:
    from django.shortcuts import resolve_url

    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return resolve_url(default)


def check_allowed(device, form: TokenForm) -> bool:
    """django-otp slows guessing down (1, 2, 4, … s after each wrong code); say so plainly."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        locked_until = (details or {}).get("locked_until")
        seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
        form.add_error("token", form.throttled_message % {"seconds": seconds})
    return allowed


@method_decorator(login_required, name="dispatch")
class TwoFactorVerifyView(View):
    """Second step of a password login: the six digits from the authenticator app."""

    template_name = "accounts/two_factor_verify.html"

    def get(self, request):
        if not user_has_device(request.user):
            return redirect(second_factor_url(request, safe_next(request)))
        return self.show(request, TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            for device in devices_for_user(request.user, confirmed=True):
                if not check_allowed(device, form):
                    break
                if device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    return redirect(safe_next(request))
            else:
                form.add_error("token", form.wrong_code_message)
        return self.show(request, form, status=400)

    def show(self, request, form, status: int = 200):
        return render(request, self.template_name, {"form": form, "next": safe_next(request)},
                      status=status)


@method_decorator(login_required, name="dispatch")
class TwoFactorSetupView(View):
    """First login with a password: link an authenticator app (QR code or typed key)."""

    template_name = "accounts/two_factor_setup.html"

    def pending_device(self, request) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=request.user, name="Weerbaar",
                                                   confirmed=False)

    def dispatch(self, request, *args, **kwargs):
        # A confirmed device can only be replaced by a beheerder, never by whoever has the password.
        if user_has_device(request.user):
            return redirect(f"{second_factor_url(request, safe_next(request))}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.show(request, TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        device = self.pending_device(request)
        if form.is_valid() and check_allowed(device, form):
            if device.verify_token(form.cleaned_data["token"]):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                return redirect(safe_next(request))
            form.add_error("token", form.wrong_code_message)
        return self.show(request, form, status=400)

    def show(self, request, form, status: int = 200):
        device = self.pending_device(request)
        key = device.config_url.split("secret=")[1].split("&")[0]
        return render(request, self.template_name, {
            "form": form, "next": safe_next(request), "qr_svg": qr_svg(device.config_url),
            "key_groups": [key[i:i + 4] for i in range(0, len(key), 4)],
        }, status=status)
