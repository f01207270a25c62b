"""`check --deploy` is clean when the production variables of .env.example are set."""

import os
import subprocess
import sys


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "weerbaar.settings",
        "DJANGO_SECRET_KEY": "x" * 20 + "productie-sleutel-met-genoeg-variatie-9f8e7d6c5b4a",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "weerbaar.example.org",
        "SECURE_SSL_REDIRECT": "true",
        "SESSION_COOKIE_SECURE": "true",
        "CSRF_COOKIE_SECURE": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "WEERBAAR_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_with_demo_defaults(tmp_path):
    """The same check must fail when the demo key and insecure cookies are used."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SECRET_KEY", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DJANGO_SETTINGS_MODULE="weerbaar.settings", WEERBAAR_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode != 0
