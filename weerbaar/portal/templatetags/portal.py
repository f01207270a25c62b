"""Template helpers for the public portal."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.inclusion_tag("portal/_language_links.html", takes_context=True)
def language_links(context):
    """Links to this same page in the other languages (by URL prefix, no cookie)."""
    request = context["request"]
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code)})
    return {"links": links}
