"""Template helpers for the public portal."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.inclusion_tag("portal/_language_links.html", takes_context=True)
def language_links(context):
    """Links to this same page in the other languages (by URL prefix, no cookie), each named
    in its own language ("English", "Nederlands") to match its lang attribute."""
    request = context["request"]
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            pass
        links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code)})
    return {"links": links}


@register.simple_tag(takes_context=True)
def portal_link(context, name, **kwargs):
    """The URL of portal route `name` for this page's municipality, or "" when that route
    does not exist (yet), so a template can skip the link:

        {% portal_link "kit" as kit_url %}{% if kit_url %}<a href="{{ kit_url }}">…</a>{% endif %}

    Extra keyword arguments (e.g. community=community.slug) are passed to reverse().
    """
    municipality = context.get("municipality")
    if municipality is None:
        return ""
    try:
        return reverse(f"portal:{name}", kwargs={"municipality": municipality.slug, **kwargs})
    except NoReverseMatch:
        return ""
