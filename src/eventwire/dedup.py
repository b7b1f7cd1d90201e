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

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.7

_WORD = re.compile(r"\w+", re.UNICODE)


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


def compute_minhash(text: str) -> MinHash | None:
    """The MinHash of ``text``'s shingles, or None when the text has no words."""
    shingles = shingle_text(text)
    if not shingles:
        return None
    minhash = _new_minhash()
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def minhash_from_bytes(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype="<u8")
    if values.size != NUM_PERM:
        raise ValueError(f"MinHash signature has {values.size} values, expected {NUM_PERM}")
    return _new_minhash(hashvalues=values.astype(np.uint64))


# datasketch >= 2.0 has several hashing schemes and must be told which one stored
# values came from; we pin the one signatures are computed with. Older
# datasketch has only this scheme and no keyword.
SCHEME = "affine32"


def _new_minhash(**kwargs: object) -> MinHash:
    # The permutations (drawn from a fixed seed) cost more to generate than
    # hashing a whole article; every MinHash shares the first one's.
    global _PERMUTATIONS
    if _PERMUTATIONS is not None:
        kwargs = {"permutations": _PERMUTATIONS, **kwargs}
    try:
        minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, **kwargs)  # type: ignore[arg-type]
    except TypeError:
        minhash = MinHash(num_perm=NUM_PERM, **kwargs)  # type: ignore[arg-type]
    if _PERMUTATIONS is None:
        _PERMUTATIONS = minhash.permutations
    return minhash


_PERMUTATIONS: object = None


class NearDuplicateIndex:
    """An LSH index from article key (content hash) to (signature, cluster id).

    Signatures are kept as their 1 KB ``bytes`` rather than as MinHash objects
    (numpy array, permutations reference and attributes): the index lives as long
    as the store and grows with it. A candidate's MinHash is rebuilt to compare.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
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
