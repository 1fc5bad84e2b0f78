"""Every TEI element the toolkit knows, with its facts, declared once.

One row per element, its facts in the vocabulary of the TEI Processing Model (``model/@behaviour``),
the way docutils declares its node categories once and every writer asks the node. Whatever needs
to know "is this a block? citable? searchable? the editors' words?" reads the sets derived at the
end of this module, never a list of its own; ``tests/test_elements.py`` checks that every element
of ``schema/edition.rng`` has a row, that every row that is drawn has a rendering
(``edition.site.render``), and that each rendering draws what its row says (a block as a block).

Adding an element is one row here and, if it is drawn, one handler in ``edition/site/render/`` (a
module of that package per TEI module; CSS in the site's stylesheet if it needs a look of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

# Behaviours drawn as blocks of their own (a section, a paragraph, a table's cell...): their
# boundaries separate words even where the XML has no whitespace.
BLOCK_BEHAVIOURS = frozenset({"section", "block", "paragraph", "heading", "list", "listItem",
                              "table", "row", "cell", "figure"})
# Behaviours drawn inside a line of text.
INLINE_BEHAVIOURS = frozenset({"inline", "break", "note", "link", "alternate", "graphic"})
# Behaviours never drawn: the header and the registers (read by the build, outside the text),
# and what a reading text leaves out.
UNDRAWN_BEHAVIOURS = frozenset({"metadata", "register", "omit"})


@dataclass(frozen=True)
class Element:
    """What the toolkit knows about one TEI element."""

    name: str
    behaviour: str
    """How it is drawn (Processing Model): ``section``, ``block`` (a container of blocks),
    ``paragraph``, ``heading``, ``list``, ``listItem``, ``table``, ``row``, ``cell``, ``figure``;
    ``inline``, ``break`` (a line, page or column break: words end there), ``note``, ``link``,
    ``alternate`` (a ``choice``), ``graphic``; ``metadata`` (the header, a register's entry),
    ``register`` (a list of entities, read into the registers), ``omit``."""
    citable: bool = False
    """It receives an anchor: a citation or a deep link can land on it."""
    searchable: bool = False
    """Its reading text is a search record (unless it sits inside another searchable block)."""
    editorial: bool = False
    """Its content is the editors' words, not the source's (a note, a correction, a supplement)."""
    read: bool = True
    """Its words belong to the reading text (snippets, search); a note is read as a block of its own."""
    cited_as: str = ""
    """How a mention inside it is located for readers ("verse line"); "" = its name."""
    apart: bool = False
    """Drawn inline, but a field of its own: words end at its boundaries (a dictionary's headword
    and its pronunciation, ``<orth>Haus</orth><pron>haʊs</pron>``, are two words)."""

    @property
    def is_block(self) -> bool:
        return self.behaviour in BLOCK_BEHAVIOURS

    @property
    def separates_words(self) -> bool:
        """Its boundaries separate words even where the XML has no whitespace."""
        return self.behaviour in BLOCK_BEHAVIOURS or self.behaviour == "break" or self.apart

    @property
    def drawn(self) -> bool:
        return self.behaviour not in UNDRAWN_BEHAVIOURS


def _rows(behaviour: str, names: str, **facts) -> list[Element]:
    return [Element(name, behaviour, **facts) for name in names.split()]


_TABLE = [
    # textstructure and core: divisions and blocks
    Element("div", "section", citable=True, cited_as="section"),
    *_rows("block", "text body front back group lg address argument epigraph byline docTitle titlePage "
                    "floatingText"),
    *_rows("block", "opener closer postscript", citable=True, searchable=True),
    Element("head", "heading", citable=True, searchable=True, cited_as="heading"),
    Element("p", "paragraph", citable=True, searchable=True),
    Element("ab", "paragraph", citable=True, searchable=True, cited_as="block"),
    Element("l", "paragraph", citable=True, searchable=True, cited_as="verse line"),
    *_rows("paragraph", "salute signed dateline addrLine trailer docAuthor docDate"),
    Element("list", "list"),
    Element("item", "listItem", citable=True, searchable=True, cited_as="list item"),
    Element("table", "table"),
    Element("row", "row"),
    Element("cell", "cell"),
    Element("figure", "figure"),
    # drama: a speech, who speaks it, stage directions, the cast list, the setting
    Element("sp", "block", citable=True, cited_as="speech"),
    Element("speaker", "paragraph"),
    Element("stage", "paragraph", citable=True, searchable=True, cited_as="stage direction"),
    Element("castList", "list"),
    *_rows("listItem", "castItem castGroup"),
    *_rows("inline", "role roleDesc actor"),
    *_rows("block", "set spGrp"),
    *_rows("paragraph", "titlePart docImprint"),
    # dictionaries: an entry, its forms and grammar, its numbered senses with their definitions
    *_rows("block", "entry entryFree superEntry", citable=True, searchable=True, cited_as="dictionary entry"),
    Element("re", "block", citable=True, cited_as="related entry"),
    Element("hom", "block", citable=True, cited_as="homograph"),
    Element("sense", "listItem", citable=True, cited_as="sense"),
    *_rows("inline", "form orth pron hyph syll stress gramGrp gram pos gen number case per tns mood iType subc "
                     "colloc def usg lbl etym lang oRef xr", apart=True),
    # core: phrases, quotations, notes, links, breaks
    Element("quote", "inline", citable=True, cited_as="quotation"),  # drawn as a block quote when it holds blocks
    Element("note", "note", citable=True, editorial=True, read=False),
    Element("figDesc", "inline", editorial=True, read=False),
    *_rows("link", "ref ptr"),
    *_rows("break", "lb pb cb space"),
    *_rows("graphic", "graphic media"),
    Element("choice", "alternate"),
    *_rows("inline", "corr reg expan supplied", editorial=True),
    *_rows("inline", "sic orig abbr app q said soCalled mentioned cit label hi emph foreign term gloss distinct "
                     "num measure unit seg w pc ident code title bibl biblStruct author editor publisher pubPlace "
                     "biblScope edition extent idno desc stamp milestone handShift anchor index"),
    # textcrit: the critical apparatus; the text shows the lemma, the apparatus every reading
    *_rows("inline", "lem rdgGrp"),
    Element("rdg", "inline", read=False),
    # namesdates: names and dates
    *_rows("inline", "persName placeName orgName rs name roleName addName forename surname genName nameLink "
                     "country settlement region bloc district geogName affiliation occupation date time"),
    # transcr: the source's state and the editors' interventions
    *_rows("inline", "gap unclear damage add del subst restore surplus c g"),
    # never drawn
    Element("fw", "omit", read=False),  # running heads, catchwords: forme work, not the text
    *_rows("metadata", "TEI teiHeader fileDesc titleStmt respStmt resp publicationStmt availability licence "
                       "authority sourceDesc encodingDesc projectDesc editorialDecl profileDesc creation "
                       "langUsage language calendarDesc calendar textLang revisionDesc change standOff facsimile "
                       "person personGrp place org birth death geo location listWit witness", read=False),
    *_rows("register", "listPerson listPlace listOrg listBibl listEvent listNym listRelation", read=False),
]

ELEMENTS: dict[str, Element] = {row.name: row for row in _TABLE}


def _names(test) -> frozenset[str]:
    return frozenset(name for name, row in ELEMENTS.items() if test(row))


BLOCKS = _names(lambda row: row.is_block)
"""Elements drawn as blocks."""
WORD_BOUNDARIES = _names(lambda row: row.separates_words)
"""Elements whose boundaries separate words even where the XML has no whitespace there (not
``quote``: an inline quotation sits between its quotation marks, «<quote>…</quote>»)."""
CITABLE = _names(lambda row: row.citable)
SEARCHABLE = _names(lambda row: row.searchable)
EDITORIAL = _names(lambda row: row.editorial)
NOT_SOURCE = _names(lambda row: row.editorial or row.behaviour in ("metadata", "register"))
"""Elements whose content is not the source's text: the editors' words, the header, the registers."""
UNREAD = _names(lambda row: not row.read)
"""Elements whose words are left out of the reading text (a note is read as a block of its own)."""
REGISTERS = _names(lambda row: row.behaviour == "register")
OMITTED = _names(lambda row: row.behaviour == "omit")
CITED_AS = {name: row.cited_as for name, row in ELEMENTS.items() if row.cited_as}
