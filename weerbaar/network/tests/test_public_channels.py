from datetime import date

from weerbaar.network.models import KeyFigure
from weerbaar.network.services import public_channels


def figure(community, name, channel, **extra):
    return KeyFigure.objects.create(
        community=community, name=name, role="Dorpsraad", reach_without_phone="Dorpshuis",
        public_channel=channel, phone="06-12345678", purpose="Schakel",
        consent_on=date(2026, 1, 1), source="test", **extra)


def test_only_distinct_channels_of_active_key_figures_leave_the_database(communities):
    home, other = communities
    figure(home, "Anna", "Via de dorpsraad", is_fictitious=True)
    figure(home, "Bert", "Via de dorpsraad ", confidence="EST")
    figure(home, "Cor", "Via het dorpshuis", is_active=False)
    figure(home, "Dirk", "   ")
    figure(other, "Eva", "Via de andere kern")
    channels = public_channels(home)
    assert [(c.channel, c.is_fictitious, c.is_estimate) for c in channels] == [
        ("Via de dorpsraad", True, True)]
    assert not any(hasattr(c, "name") or hasattr(c, "phone") for c in channels)
    assert public_channels(None) == []
