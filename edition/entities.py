"""The kinds of entity the registers hold: one row each, every other list derived from it.

A kind is known by its register entry element (``person``), which is also ``Entry.kind`` (other
entry elements may hold entries of it: a ``personGrp``, the servants of a play, is listed with
the persons); a text
names it with its name element (``persName``) or with ``rs type="person"``; the site gives it a
folder of pages, titles and a colour (the stylesheet's ``.mention.person``). The registers, the
cross-reference checks, the build and the templates read this table, never a kind spelled out.

Adding a kind (an event, a work, a bibliographic item) is a row, e.g.
``EntityKind("event", "listEvent", "eventName", "events", "event", "events")``, plus its colour
in ``static/edition.css``; the texts' names of it are then collected, checked and listed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityKind:
    name: str  # the register entry element, and ``Entry.kind``: "person"
    register: str  # the list that holds the entries: "listPerson"
    name_element: str  # how a text names one: "persName" (or rs with @type among ``rs_types``)
    folder: str  # the site's folder of its index and pages: "persons"
    singular: str  # in the interface: "person"
    plural: str  # "persons"
    rs_types: tuple[str, ...] = ()  # rs/@type values naming it, besides ``name``
    mapped: bool = False  # its entries have coordinates, drawn on a map
    detail: str = "type"  # the Entry field the register's index shows beside the names
    detail_title: str = "Kind"  # that column's heading
    other_entries: tuple[str, ...] = ()  # other elements whose entries are of this kind: "personGrp"

    @property
    def title(self) -> str:
        """The register's title: "Persons"."""
        return self.plural.capitalize()

    @property
    def css_class(self) -> str:
        """The class of its mentions and entries, which gives them their colour."""
        return self.name

    @property
    def entry_elements(self) -> tuple[str, ...]:
        """The register entry elements of this kind: "person", "personGrp"."""
        return (self.name, *self.other_entries)


ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind("person", "listPerson", "persName", "persons", "person", "persons",
               detail="occupation", detail_title="Occupation", other_entries=("personGrp",)),
    EntityKind("place", "listPlace", "placeName", "places", "place", "places", mapped=True),
    EntityKind("org", "listOrg", "orgName", "organisations", "organisation", "organisations",
               rs_types=("organisation",)),
)
"""In the order the site lists them (navigation, summaries)."""

BY_NAME: dict[str, EntityKind] = {kind.name: kind for kind in ENTITY_KINDS}
BY_NAME_ELEMENT: dict[str, EntityKind] = {kind.name_element: kind for kind in ENTITY_KINDS}
BY_RS_TYPE: dict[str, EntityKind] = {rs_type: kind for kind in ENTITY_KINDS for rs_type in (kind.name, *kind.rs_types)}
BY_ENTRY_ELEMENT: dict[str, EntityKind] = {element: kind for kind in ENTITY_KINDS for element in kind.entry_elements}
ENTRY_ELEMENTS: tuple[str, ...] = tuple(BY_ENTRY_ELEMENT)
NAME_ELEMENTS: tuple[str, ...] = tuple(kind.name_element for kind in ENTITY_KINDS)
