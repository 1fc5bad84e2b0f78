"""The registers: for each kind of entity, an index of its entries and a page per entry (cut into
pages of ``listing.PAGE_TEXTS`` texts), drawn by the worker pool while this process draws the index."""

from __future__ import annotations

from collections import defaultdict

from edition.caching import digest
from edition.entities import ENTITY_KINDS, EntityKind
from edition.registers import Entry
from edition.site.collect import Collected, MentionGroup
from edition.site.names import collation_key, display_name, filter_keys, in_reading_order, initial
from edition.site.pages import listing
from edition.site.pages.build import Build, PageKind
from edition.site.pages.geometry import place_map
from edition.site.urls import entry_url, external_url

class Registers(PageKind):
    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        counts = collected.registers.counts()
        return [(f"{kind.folder}/index.html", kind.title) for kind in ENTITY_KINDS if counts[kind.name]]

    def write(self, build: Build) -> None:
        build.progress("registers", 0, 1)
        for kind in ENTITY_KINDS:
            write_register(build, kind)
        build.progress("registers", 1, 1)


def write_register(build: Build, kind: EntityKind) -> None:
    """The register's index and a page per entry. The keys come first, from the counts and digests
    of each text's mentions of each entry: the mentions themselves are unpacked, and the views
    (collated names, filter keys) gathered, only when a page of this register is drawn again."""
    entries = build.collected.registers.of_kind(kind.name)
    mentions = build.collected.mention_groups(kind.name)  # packed: nothing unpacked yet
    most = max((group.count for groups in mentions.values() for group in groups), default=1)
    keys: dict[str, list[str]] = {}
    index_key = None
    if build.cache.enabled:
        keys = {e.id: entry_keys(build, kind, e, mentions.get(e.id, []), most) for e in entries}
        index_key = digest("register", kind.name, most, build.title, [
            (e.id, build.entry_digests[e.id], sum(group.count for group in mentions.get(e.id, [])),
             len(mentions.get(e.id, []))) for e in entries])
    # (entry, page) to draw again; None: every page (no cache, so no keys)
    todo = {(e.id, number) for e in entries for number, key in enumerate(keys[e.id], 1)
            if not build.reuse(entry_url(kind.name, e.id, number), key)} if build.cache.enabled else None
    index_url = f"{kind.folder}/index.html"
    index_reused = build.reuse(index_url, index_key)
    if index_reused and not todo:
        return
    views = entries_view(build.collected, kind, mentions)

    def write_index() -> None:
        letters = sorted({v["initial"] for v in views}, key=lambda c: (c == "#", collation_key(c)))
        build.write(index_url, "register.html", kind=kind, views=views, letters=letters,
                    most=most, map=place_map(views) if kind.mapped else None)

    drawn = [(index, number) for index, view in enumerate(views)
             for number in range(1, len(listing.cut(view["groups"], listing.PAGE_TEXTS)) + 1)
             if todo is None or (view["entry"].id, number) in todo]
    build.in_pool(_draw_entry, (build, kind, views, most), drawn, chunk=16,
                  meanwhile=None if index_reused else write_index)


def entry_keys(build: Build, kind: EntityKind, entry: Entry, groups: list[MentionGroup], most: int) -> list[str]:
    """Each page of an entry: the entry, its totals, and its mentions in each text the page lists."""
    totals = sum(group.count for group in groups), len(groups)
    return [digest("entry", kind.name, entry.id, build.entry_digests[entry.id], most, totals, number,
                   [group_shown(build, group) for group in listed], build.title)
            for number, listed in enumerate(listing.cut(groups, listing.PAGE_TEXTS), 1)]


def group_shown(build: Build, group: MentionGroup) -> tuple:
    """What an entry's page shows of a text's mentions of it, for the page's key."""
    return build.shown_digest(group.doc), group.count, group.digest


def entries_view(collected: Collected, kind: EntityKind, mentions: dict[str, list[MentionGroup]]) -> list[dict]:
    views = []
    for entry in in_reading_order(collected.registers.of_kind(kind.name)):
        groups = mentions.get(entry.id, [])
        views.append({
            "entry": entry, "name": display_name(entry), "initial": initial(entry), "filter": filter_keys(entry),
            "forms": _forms_by_language(entry), "count": sum(group.count for group in groups),
            "groups": groups, "kind": getattr(entry, kind.detail),
            "born": _year(entry.birth) or _year(entry.death),
            "authority": [(kind_, url) for kind_, url in ((k, external_url(u)) for k, u in entry.idnos) if url],
            "life": _life(entry),
        })
    return views


def _draw_entry(state: tuple[Build, EntityKind, list[dict], int], page: tuple[int, int]) -> int:
    """One page of a register entry (in a worker): ``page`` is (the entry's view, the page's number)."""
    build, kind, views, most = state
    index, number = page
    view = views[index]
    listed = listing.Listed(entry_url(kind.name, view["entry"].id), number, listing.PAGE_TEXTS, len(view["groups"]),
                            "Texts", "mentions")
    build.draw(listed.url, "entry.html", kind=kind, view=view, most=most, listed=listed,
               map=place_map([view], zoom=True) if kind.mapped and view["entry"].geo else None)
    return 1


def _forms_by_language(entry: Entry) -> list[tuple[str, list]]:
    """The name forms by language (Russian, English, Italian, then the others), the regular form first."""
    grouped: dict[str, list] = defaultdict(list)
    for name in sorted(entry.names, key=lambda name: name.type != "regular"):
        grouped[name.lang].append(name)
    order = {"ru": 0, "en": 1, "it": 2}
    return sorted(grouped.items(), key=lambda item: (order.get(item[0], 3), item[0]))


def _year(date: str) -> str:
    """The year of an ISO date ("1879-11-07" -> "1879", "-0044" -> "-44"), for sorting."""
    negative = date.startswith("-")
    head = date.removeprefix("-").split("-")[0]
    return str(-int(head) if negative else int(head)) if head.isdigit() else ""


def _life(entry: Entry) -> str:
    if not (entry.birth or entry.death):
        return ""
    return f"{entry.birth or '?'}–{entry.death or '?'}"
