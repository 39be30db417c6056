"""Names in Certificate Transparency log entries (RFC 6962 §3.4, §4.6; static CT), offline.

``get-entries`` returns, per entry, ``leaf_input`` (a MerkleTreeLeaf) and ``extra_data``::

    MerkleTreeLeaf   = version(1) leaf_type(1) TimestampedEntry
    TimestampedEntry = timestamp(8) entry_type(2) signed_entry extensions<0..2^16-1>
      x509_entry     : ASN.1Cert            (uint24 length + leaf certificate DER)
      precert_entry  : issuer_key_hash[32]  TBSCertificate (uint24 length + DER)
    extra_data, x509_entry   : certificate_chain<0..2^24-1>
    extra_data, precert_entry: PrecertChainEntry = pre_certificate (ASN.1Cert) + chain

A precert entry's names are read from the precertificate, the first item of extra_data (a
whole certificate with the CT poison extension), because cryptography parses certificates,
not bare TBSCertificates. The names are the subject common names and SAN DNS names.

A static-CT data tile (c2sp.org/static-ct-api) is a run of entries, each::

    TileLeaf = TimestampedEntry  [precert_entry: pre_certificate (uint24 length + DER)]
               certificate_chain (uint16 length, SHA-256 fingerprints)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum

from cryptography import x509
from cryptography.x509.oid import NameOID


class EntryType(IntEnum):
    X509 = 0
    PRECERT = 1


@dataclass(frozen=True, slots=True)
class LeafHeader:
    """The fixed part of a MerkleTreeLeaf."""

    timestamp_ms: int
    entry_type: EntryType
    certificate_der: bytes = b""  # x509_entry: the leaf certificate
    tbs_der: bytes = b""  # precert_entry: the TBSCertificate the log signed


class _Reader:
    """Big-endian TLS presentation-language reader over bytes."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, size: int, what: str) -> bytes:
        end = self.pos + size
        if end > len(self.data):
            raise ValueError(f"truncated {what}: needs {size} bytes, "
                             f"{len(self.data) - self.pos} left")
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk

    def uint(self, size: int, what: str) -> int:
        return int.from_bytes(self.take(size, what), "big")

    def opaque24(self, what: str) -> bytes:
        return self.take(self.uint(3, f"{what} length"), what)


def parse_leaf(leaf_input: bytes) -> LeafHeader:
    """Decode a MerkleTreeLeaf; ValueError names what is wrong with it."""
    reader = _Reader(leaf_input)
    version = reader.uint(1, "version")
    if version != 0:
        raise ValueError(f"unsupported MerkleTreeLeaf version {version}")
    leaf_type = reader.uint(1, "leaf type")
    if leaf_type != 0:
        raise ValueError(f"unsupported leaf type {leaf_type}")
    timestamp = reader.uint(8, "timestamp")
    raw_type = reader.uint(2, "entry type")
    if raw_type == EntryType.X509:
        return LeafHeader(timestamp, EntryType.X509,
                          certificate_der=reader.opaque24("certificate"))
    if raw_type == EntryType.PRECERT:
        reader.take(32, "issuer key hash")
        return LeafHeader(timestamp, EntryType.PRECERT, tbs_der=reader.opaque24("TBSCertificate"))
    raise ValueError(f"unknown entry type {raw_type}")


@dataclass(frozen=True, slots=True)
class TileLeaf:
    """One entry of a data tile: its type and the certificate whose names it certifies."""

    entry_type: EntryType
    certificate_der: bytes  # x509_entry: the certificate; precert_entry: the precertificate


def tile_leaves(tile: bytes) -> Iterator[TileLeaf]:
    """The entries of a static-CT data tile, in order. ValueError at the first entry that is
    cut short or malformed: where the entries after it begin cannot be known."""
    reader = _Reader(tile)
    while reader.pos < len(tile):
        reader.take(8, "timestamp")
        raw_type = reader.uint(2, "entry type")
        if raw_type == EntryType.X509:
            der = reader.opaque24("certificate")
            reader.take(reader.uint(2, "extensions length"), "extensions")
        elif raw_type == EntryType.PRECERT:
            reader.take(32, "issuer key hash")
            reader.opaque24("TBSCertificate")
            reader.take(reader.uint(2, "extensions length"), "extensions")
            der = reader.opaque24("precertificate")
        else:
            raise ValueError(f"unknown entry type {raw_type}")
        reader.take(reader.uint(2, "certificate chain length"), "certificate chain")
        yield TileLeaf(EntryType(raw_type), der)


def precertificate_of(extra_data: bytes) -> bytes:
    """The DER precertificate at the head of a PrecertChainEntry."""
    return _Reader(extra_data).opaque24("precertificate")


def names_in_certificate(der: bytes) -> tuple[str, ...]:
    """Subject CNs, then SAN DNS names, each once, in certificate order."""
    try:
        cert = x509.load_der_x509_certificate(der)
        names = [
            attr.value for attr in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            if isinstance(attr.value, str)
        ]
        try:
            san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        except x509.ExtensionNotFound:
            pass  # many certificates name their host in the CN only
        else:
            names.extend(san.value.get_values_for_type(x509.DNSName))
    except (ValueError, x509.DuplicateExtension, x509.UnsupportedGeneralNameType) as exc:
        raise ValueError(f"unreadable certificate: {exc}") from exc
    return tuple(dict.fromkeys(names))


def names_in_entry(leaf_input: bytes, extra_data: bytes) -> tuple[str, ...]:
    """The names certified by one log entry (x509 or precert); ValueError when unreadable."""
    header = parse_leaf(leaf_input)
    if header.entry_type == EntryType.X509:
        return names_in_certificate(header.certificate_der)
    return names_in_certificate(precertificate_of(extra_data))
