"""Standard claims from the user, and a `groups` scope carrying the user's Django groups."""

from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims: dict, user) -> dict:
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    return claims


class GroupsScopeClaims(ScopeClaims):
    info_groups = ("Groepen", "De groepen waar u lid van bent.")

    def scope_groups(self) -> dict:
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}
