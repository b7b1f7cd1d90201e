"""Near-duplicate detection: MinHash LSH over word 5-shingles.

Wire copies of one story reach us under different ids, with ad markers, a new
headline or a couple of reworded sentences. Their events must count once, so
each stored article belongs to a near-duplicate *cluster*: a new article joins
the cluster of its most similar stored article when their estimated Jaccard
similarity is at least ``threshold`` (0.7), otherwise it starts its own.

Signatures are plain ``bytes`` (128 little-endian uint64) so the store can
persist them and rebuild the index when a file is reopened.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.7
SEED = 1

_WORD = re.compile(r"\w+", re.UNICODE)
_MAX32 = np.uint32(0xFFFFFFFF)


def shingle_text(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-shingles of ``text``, lowercased with punctuation stripped.

    A text shorter than ``size`` words is one shingle, so a short text still has
    a signature; an empty text has none.
    """
    words = _WORD.findall(text.lower().replace("_", " "))
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class MinHash:
    """A MinHash signature of ``NUM_PERM`` 32-bit values.

    The scheme is datasketch 2.0's default ("affine32"), reproduced bit for bit so
    that signatures stored by earlier eventwire versions (which used datasketch)
    still compare: each shingle's SHA-1 is cut to 32 bits, mixed by the MurmurHash3
    finalizer, then permuted by h -> a*h + b mod 2^32 with odd ``a``; ``a`` and ``b``
    come from numpy's RandomState(1), as datasketch draws them.
    """

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: np.ndarray | None = None) -> None:
        if hashvalues is None:
            self.hashvalues = np.full(NUM_PERM, _MAX32, dtype=np.uint32)
        else:
            self.hashvalues = np.asarray(hashvalues).astype(np.uint32)

    def update_batch(self, items: Iterable[bytes]) -> None:
        hashes = np.array([int.from_bytes(hashlib.sha1(item).digest()[:4], "little") for item in items],
                          dtype=np.uint32)  # fmt: skip
        if not hashes.size:
            return
        a, b = _permutations()
        # uint32 arithmetic wraps, which is the intended modulo 2^32.
        permuted = np.outer(a, _fmix32(hashes)) + b[:, None]
        self.hashvalues = np.minimum(permuted.min(axis=1), self.hashvalues)

    def jaccard(self, other: MinHash) -> float:
        """The estimated Jaccard similarity: the share of equal values."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / NUM_PERM


def _fmix32(values: np.ndarray) -> np.ndarray:
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def compute_minhash(text: str) -> MinHash | None:
    """The MinHash of ``text``'s shingles, or None when the text has no words."""
    shingles = shingle_text(text)
    if not shingles:
        return None
    minhash = MinHash()
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def minhash_from_bytes(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype="<u8")
    if values.size != NUM_PERM:
        raise ValueError(f"MinHash signature has {values.size} values, expected {NUM_PERM}")
    return MinHash(values)


@lru_cache(maxsize=8)
def optimal_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising the equal-weighted sum of the false positive and false
    negative probabilities of LSH at ``threshold`` (datasketch's MinHashLSH rule)."""
    integrate = getattr(np, "trapezoid", None) or np.trapz  # numpy 2 renamed it
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=float)
    bands, rows = pairs[:, :1], pairs[:, 1:]
    grid = np.linspace(0.0, 1.0, 2001)
    below, above = grid[grid <= threshold], grid[grid >= threshold]
    false_positive = integrate(1 - (1 - below**rows) ** bands, below, axis=1)
    false_negative = integrate((1 - above**rows) ** bands, above, axis=1)
    best = int(np.argmin(false_positive + false_negative))  # the first of equals, as datasketch
    return int(pairs[best, 0]), int(pairs[best, 1])


class _BandIndex:
    """LSH over the signature: keys sharing one band of ``rows`` values are candidates."""

    def __init__(self, threshold: float) -> None:
        self.bands, self.rows = optimal_bands(threshold)
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(self.bands)]

    def _keys(self, minhash: MinHash) -> list[bytes]:
        values = minhash.hashvalues
        return [values[i * self.rows : (i + 1) * self.rows].tobytes() for i in range(self.bands)]

    def insert(self, key: str, minhash: MinHash) -> None:
        for table, band in zip(self._tables, self._keys(minhash), strict=True):
            table.setdefault(band, []).append(key)

    def query(self, minhash: MinHash) -> set[str]:
        found: set[str] = set()
        for table, band in zip(self._tables, self._keys(minhash), strict=True):
            found.update(table.get(band, ()))
        return found


class NearDuplicateIndex:
    """An LSH index from article key (content hash) to (signature, cluster id).

    Signatures are kept as their 1 KB ``bytes`` rather than as MinHash objects
    (numpy array, permutations reference and attributes): the index lives as long
    as the store and grows with it. A candidate's MinHash is rebuilt to compare.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = _BandIndex(threshold)
        self._entries: dict[str, tuple[bytes, str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def add(self, key: str, minhash: MinHash, cluster_id: str) -> None:
        if key in self._entries:
            return
        self._lsh.insert(key, minhash)
        self._entries[key] = (signature_bytes(minhash), cluster_id)

    def load(self, rows: Iterable[tuple[str, bytes | None, str | None]]) -> None:
        """Add stored ``(key, signature bytes, cluster_id)`` rows; rows without a signature are skipped."""
        for key, blob, cluster_id in rows:
            if blob:
                self.add(key, minhash_from_bytes(bytes(blob)), cluster_id or key)

    def most_similar(self, minhash: MinHash) -> tuple[str, str, float] | None:
        """``(key, cluster_id, jaccard)`` of the most similar indexed article at or above
        the threshold, or None. Ties go to the smallest key, so the answer is deterministic."""
        best: tuple[str, str, float] | None = None
        for key in self._lsh.query(minhash):
            stored, cluster_id = self._entries[key]
            similarity = float(minhash.jaccard(minhash_from_bytes(stored)))
            if similarity < self.threshold:
                continue  # LSH candidates are probable, not certain, matches
            if best is None or similarity > best[2] or (similarity == best[2] and key < best[0]):
                best = (key, cluster_id, similarity)
        return best

    def assign(self, key: str, minhash: MinHash | None) -> str:
        """Add an article and return its cluster id (its own key when nothing is similar)."""
        if minhash is None:
            return key
        if key in self._entries:
            return self._entries[key][1]
        match = self.most_similar(minhash)
        cluster_id = match[1] if match else key
        self.add(key, minhash, cluster_id)
        return cluster_id
