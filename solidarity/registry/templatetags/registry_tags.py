"""Template helpers for the registry pages."""

import functools
from collections.abc import Iterable
from html import escape as html_escape
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, reverse
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


_SLOT = "slot-0f5e2a"  # a slug that no URL holds elsewhere


@functools.lru_cache(maxsize=32)
def _address_around(name: str, script_prefix: str) -> tuple[str, str]:
    """What reverse(name, args=[slug]) writes before and after the slug (it costs 15 µs;
    the list page has up to a hundred such links)."""
    before, after = reverse(name, args=[_SLOT]).split(_SLOT)
    return before, after


def address(name: str, slug: str) -> str:
    """reverse(name, args=[slug]) for a URL with one slug argument."""
    before, after = _address_around(name, get_script_prefix())
    return before + quote(slug, safe="") + after


@register.simple_tag
def options(menu: Any, selected: str) -> SafeString:
    """The <option>s of a menu of services.listing.filter_menus(), `selected` marked."""
    return SafeString("".join(
        f'<option value="{html_escape(value)}"'
        f'{" selected" if selected and selected in (value, also) else ""}>{label}</option>'
        for value, also, label in menu
    ))  # fmt: skip


@register.simple_tag
def person_row(person: Any) -> SafeString:
    """One row of the public list, as the template wrote it: a tag rather than template
    markup, as it renders fifty times a page (half the page's time went to interpreting
    the row's markup). Expects the facts of services/rows.attach()."""
    from solidarity.registry.places import country_name as country
    from solidarity.registry.places import place_name as place

    # The standard library's escape: the same five replacements as Django's, without the
    # lazy-string wrapper that cost a third of the row.
    esc = html_escape
    name = esc(person.name)
    html = [f'<a href="{esc(address("prisoner-detail", person.slug))}">{name}</a>']
    if person.name_latin and person.name_latin != person.name:
        html.append(f' <span class="latin">{esc(person.name_latin)}</span>')
    html.append(f'\n  <span class="status">{esc(str(person.status.name))}</span>')
    if person.is_demo:
        html.append(f' <span class="badge">{esc(_("demo"))}</span>')
    html.append('\n  <span class="row-facts">')
    if person.row_articles:
        html.append(f'<span class="articles">{esc(", ".join(person.row_articles))}</span>')
    if person.region:
        html.append(f'<span class="region">{esc(place(person.region))}</span>')
    elif person.country:
        html.append(f'<span class="region">{esc(country(person.country))}</span>')
    if person.row_detained:
        detained = _("detained %(date)s") % {"date": person.row_detained.display()}
        html.append(f'<span class="detained">{esc(detained)}</span>')
    if person.row_term:
        html.append(f'<span class="term">{esc(str(person.row_term))}</span>')
    if person.row_facility:
        url = address("facility-detail", person.row_facility.slug)
        facility = esc(str(person.row_facility.name))
        html.append(f'<a class="facility" href="{esc(url)}">{facility}</a>')
    html.append("</span>")
    return SafeString("".join(html))


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
