"""Template helpers for the registry pages."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from solidarity.links import http_url

register = template.Library()
register.filter("http_url", http_url)  # {{ address|http_url }}: "" unless http(s)


@register.simple_tag
def citations(cited: Iterable[Any]) -> SafeString | str:
    """The sources of one fact, folded away (<details> needs no script).

    A tag rather than an included template: a timeline renders it once per event.
    """
    items = list(cited or [])
    if not items:
        return ""
    rows = format_html_join(
        "",
        "<li><cite>{}</cite>{}: <q>{}</q></li>",
        (
            (
                format_html('<a href="{}" rel="noreferrer noopener">{}</a>',
                            http_url(c.source.url), c.source.title)
                if http_url(c.source.url)  # only http(s) addresses become links
                else c.source.title,
                f", {c.source.publisher}" if c.source.publisher else "",
                c.quote,
            )
            for c in items
        ),
    )  # fmt: skip
    return format_html(
        '<details class="cite"><summary>{}</summary><ul>{}</ul></details>', _("source"), rows
    )


@register.filter
def country_name(code: str) -> str:
    """{{ person.country|country_name }}: "RU" as CLDR names it in the page's language."""
    from solidarity.registry.places import country_name as name

    return name(code)


@register.filter
def place_name(name: str) -> str:
    """{{ person.region|place_name }}: a region or city in the page's language."""
    from solidarity.registry.places import place_name as translated

    return translated(name)


@register.filter
def for_reader(names: Iterable[Any]) -> list[Any]:
    """Other names of a place as a reader of the page's script reads them: on Russian and
    Belarusian pages the Cyrillic ones ("Бутырка", not also "Butyrka"), unless there are
    none; on other pages all of them."""
    from django.utils.translation import get_language

    from solidarity.registry.names import has_cyrillic

    names = list(names)
    if (get_language() or "en").split("-")[0] not in ("ru", "be"):
        return names
    cyrillic = [n for n in names if has_cyrillic(str(n))]
    return cyrillic or names
