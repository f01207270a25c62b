"""Prepare the provider's database: schema, signing key, one client and test users.

`python -m tests.oidc_provider.bootstrap REDIRECT_URI` prints the client's id and secret as JSON.
Users: `medewerker` (group weerbaar-programma) and `zonderrol` (no group); password OP_PASSWORD.
"""

import json
import os
import sys

OP_PASSWORD = "provider-wachtwoord-123"


def main(redirect_uri: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
    import django

    django.setup()
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", verbosity=0, interactive=False)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption()).decode()
    RSAKey.objects.create(key=pem)
    client = Client.objects.create(
        name="Weerbaar", client_type="confidential", client_id="weerbaar-test",
        client_secret="weerbaar-test-secret", jwt_alg="RS256", require_consent=True,
        reuse_consent=False, _redirect_uris=redirect_uri,
        _scope="openid email profile groups")
    client.response_types.add(ResponseType.objects.get(value="code"))
    staff = User.objects.create_user("medewerker", email="medewerker@example.org",
                                     password=OP_PASSWORD, first_name="Mila", last_name="Meijer")
    staff.groups.add(Group.objects.create(name="weerbaar-programma"))
    User.objects.create_user("zonderrol", email="zonderrol@example.org", password=OP_PASSWORD)
    print(json.dumps({"client_id": client.client_id, "client_secret": client.client_secret}))


if __name__ == "__main__":
    main(sys.argv[1])
