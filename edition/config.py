"""An edition's configuration, ``edition.toml``, found the way git finds its repository: in the
working folder or the nearest folder above it.

Every command reads it; a command's options override it. Each effective value remembers where it
came from (the file, an option, an environment variable, the default), which ``tei-edition config``
prints. A key the toolkit does not know is an error, never ignored: a misspelt ``licence`` must not
leave the site without one. Paths in the file are relative to the file's folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAME = "edition.toml"
TEI_ALL_VARIABLE = "TEI_ALL"
TEI_ALL_SOURCE = ("the TEI Consortium's release of P5: "
                  "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng "
                  "(or tei_all.rng in the P5 release on https://github.com/TEIC/TEI/releases)")


@dataclass(frozen=True)
class Key:
    name: str  # "section.key" as written in edition.toml
    kind: type | tuple[type, ...]
    default: Any
    help: str
    is_path: bool = False


KEYS = {key.name: key for key in (
    Key("edition.title", str, None, "the site's title (else the first text's series title)"),
    Key("edition.editors", list, [], "the editors' names (init writes them into the sample's header; the site names those the TEI headers state; the CMIF file's contacts)"),
    Key("edition.licence", str, None, "the licence of the edition (never invented when absent; the CMIF file's, which correspSearch requires)"),
    Key("edition.languages", list, [], "the languages of the texts, ISO 639 codes (init: the sample's language)"),
    Key("edition.base_url", str, "", "where the site will be published: the address in the texts' citations and in the CMIF file (the site's own links stay relative)"),
    Key("sources.folder", str, "tei", "the folder of the TEI files (texts and registers)", is_path=True),
    Key("sources.registers", str, "tei/registers", "the folder of the registers the tagger reads", is_path=True),
    Key("sources.extensions", list, [".xml"], "the endings of TEI files (e.g. [\".xml\", \".tei\"])"),
    Key("validation.schema", str, None,
        "the grammar of a file that names none with <?xml-model?>: edition, tei_all or a .rng path "
        "(default: tei_all)"),
    Key("validation.house_rules", bool, False,
        "also apply the house rules (schema/edition.sch: id-required, id-prefix, dates...; "
        "ids unique across the edition, @ref of the right kind)"),
    Key("validation.tei_all", str, None, "where tei_all.rng is (else $TEI_ALL)", is_path=True),
    Key("site.out", str, "_site", "the folder the site is built into", is_path=True),
    Key("facsimile.iiif_base", str, None,
        "an IIIF Image API service (https://images.example.org/iiif): page images that are its identifiers "
        "are shown beside the text, loaded from its host (unset: no image from another host)"),
)}


class ConfigError(Exception):
    """edition.toml cannot be used (unreadable, not TOML, an unknown key, a wrong type)."""


@dataclass(frozen=True)
class Setting:
    value: Any
    origin: str  # "default", "edition.toml", "--schema", "$TEI_ALL"


@dataclass
class Config:
    """The effective settings of one run; ``path`` is None outside any edition."""

    path: Path | None
    settings: dict[str, Setting] = field(default_factory=dict)

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def __getitem__(self, name: str) -> Any:
        return self.settings[name].value

    def origin(self, name: str) -> str:
        return self.settings[name].origin

    def override(self, name: str, value: Any, option: str) -> None:
        """An option given on the command line wins over the file (None: the option was not given)."""
        if value is not None:
            self.settings[name] = Setting(value, option)

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(self["sources.extensions"])

    def holds(self, path: Path) -> bool:
        """Whether ``path`` is in the edition (the folder of its edition.toml or below)."""
        if self.root is None:
            return False
        absolute = Path(path).resolve()
        return absolute == self.root or self.root in absolute.parents

    def without_edition(self) -> "Config":
        """The settings for files outside the edition: the defaults, but where tei_all is and which
        endings TEI files have."""
        kept = {name: self.settings[name] for name in ("validation.tei_all", "sources.extensions")}
        return Config(None, {**_defaults(), **kept})

    def tei_all(self) -> Path | None:
        """Where tei_all.rng is: edition.toml, else $TEI_ALL; None when neither names a file."""
        if self["validation.tei_all"] is not None:
            return Path(self["validation.tei_all"])
        variable = os.environ.get(TEI_ALL_VARIABLE)
        return Path(variable).expanduser().resolve() if variable else None


def find(start: Path | None = None) -> Path | None:
    """The nearest edition.toml in ``start`` (default: the working folder; a file: its folder) or a
    folder above it."""
    here = Path(start or Path.cwd()).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _defaults() -> dict[str, Setting]:
    """Every key at its default, as outside any edition."""
    return {name: Setting(key.default, "default") for name, key in KEYS.items()}


def load(start: Path | None = None) -> Config:
    """The configuration of the edition around ``start``; only defaults outside any edition."""
    path = find(start)
    config = Config(path, _defaults())
    if path is None:
        return config
    for name, key in KEYS.items():  # a default folder is the edition's, wherever the command runs
        if key.is_path and key.default is not None:
            config.settings[name] = Setting(str(path.parent / key.default), "default")
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    for name, value in _flatten(data):
        key = KEYS.get(name)
        if key is None:
            raise ConfigError(f"{path}: unknown key {name!r}" + _suggestion(name)
                              + f"; the keys are: {', '.join(KEYS)}")
        if not isinstance(value, key.kind) or (key.kind is list and not all(isinstance(v, str) for v in value)):
            expected = "a list of strings" if key.kind is list else {str: "a string", bool: "true or false"}[key.kind]
            raise ConfigError(f"{path}: {name} = {value!r} should be {expected}")
        if key.is_path or (name == "validation.schema" and value not in ("edition", "tei_all")):
            value = str((path.parent / value).resolve())
        if name == "sources.extensions":
            value = ["." + v.lstrip(".") for v in value]
        config.settings[name] = Setting(value, str(path))
    return config


def _flatten(data: dict, prefix: str = ""):
    for name, value in data.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def _suggestion(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, KEYS, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def describe(config: Config) -> list[str]:
    """Each effective value and where it came from, one line each (``tei-edition config``)."""
    lines = [f"# edition: {config.path}" if config.path else "# not inside an edition (no edition.toml here or above)"]
    for name in KEYS:
        setting = config.settings[name]
        lines.append(f"{name} = {_toml_value(setting.value)}  # {setting.origin}")
    tei_all = config.tei_all()
    lines.append(f"# tei_all: {tei_all if tei_all else 'not found; get it from ' + TEI_ALL_SOURCE}"
                 + (" (missing)" if tei_all and not tei_all.is_file() else ""))
    return lines


def _toml_value(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
