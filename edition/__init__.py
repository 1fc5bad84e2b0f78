"""tei-edition: validate, tag and publish a digital scholarly edition in TEI XML."""

__version__ = "0.1.0"
