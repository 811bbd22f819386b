"""Type stubs for the compiled module ``labourlink._native``."""

from typing import Union

__version__: str

def canonicalize(data: Union[str, bytes, bytearray]) -> bytes:
    """Return the RFC 8785 (JCS) canonical form of a JSON text.

    A ``str`` is taken as its UTF-8 encoding. Raises ``labourlink.errors.JsonError``
    (e.g. code ``json.duplicate_key``, ``json.invalid_utf8``) when the input is not
    acceptable JSON, and ``TypeError`` for other argument types.
    """
