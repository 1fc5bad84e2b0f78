"""The one place that knows namespace URIs and Clark names (python-docx's ``oxml.ns``).

Everywhere else writes ``qn("tei:persName")`` and uses the compiled XPaths below.
"""

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"

NSMAP = {"tei": TEI_NS, "xml": XML_NS, "rng": RNG_NS, "sch": SCH_NS}


def qn(prefixed: str) -> str:
    """``qn("tei:p")`` -> ``"{http://www.tei-c.org/ns/1.0}p"``."""
    prefix, _, local = prefixed.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def local_name(element) -> str:
    """The element's name without namespace (``"persName"``); ``""`` for comments and PIs."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


XML_ID = qn("xml:id")
XML_LANG = qn("xml:lang")


def xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=NSMAP)


def lang_of(element, default: str = "") -> str:
    """The nearest ``xml:lang`` in scope (an empty one too: it says "no language")."""
    node = element
    while node is not None:  # a walk up: an XPath compiled per call would cost more than parsing
        value = node.get(XML_LANG)
        if value is not None:
            return value or default
        node = node.getparent()
    return default
