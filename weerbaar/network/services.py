"""Domain services of the social fabric that the doors (portal, editions) share."""

from dataclasses import dataclass

from weerbaar.core.models import Confidence
from weerbaar.network.models import KeyFigure


@dataclass(frozen=True)
class PublicChannel:
    """How residents reach a kern's key figure without learning who that person is."""

    channel: str
    is_fictitious: bool
    is_estimate: bool


def public_channels(community) -> list[PublicChannel]:
    """The distinct public channels of a kern's active key figures.

    The one place public doors read key figures: only `public_channel` and its provenance
    leave the database, never a name, phone, email or address. A channel shared by several
    key figures is listed once, flagged fictitious or estimated if any of them is.
    """
    if community is None:
        return []
    rows = (KeyFigure.objects.filter(community=community, is_active=True)
            .exclude(public_channel="").order_by("public_channel", "pk")
            .values_list("public_channel", "is_fictitious", "confidence"))
    merged: dict[str, list[bool]] = {}
    for channel, fictitious, confidence in rows:
        channel = channel.strip()
        if not channel:
            continue
        flags = merged.setdefault(channel, [False, False])
        flags[0] |= fictitious
        flags[1] |= confidence == Confidence.ESTIMATE
    return [PublicChannel(channel, fictitious, estimate)
            for channel, (fictitious, estimate) in merged.items()]
