"""Measure quote provenance: grouping speed and accuracy on a synthetic collection, and
the matching on hand-labelled pairs.

    .venv/bin/python benchmarks/provenance.py [--n 1000000] [--bands 20 --rows 3] [--seed 1]
    .venv/bin/python benchmarks/provenance.py --pairs

The collection is made of the attribution contents of PolNeAR train and dev (distinct
wordings of three words or more): each original is a content under a synthetic speaker
(N / 200 speakers drawn by Zipf's law, so the most quoted has a tenth of the quotes),
dated in 2016, and carried again by zero to ten other outlets (1.5 on average) one to
ten days later, each copy with up to two small random edits (:func:`edit`): an
ellipsis, an editor's bracket, other punctuation or case, an excerpt, or, which makes
an alteration, a word changed, dropped or added inside. A content comes back under
several speakers, which must stay apart. The collection is shuffled and run through
:class:`~saidwhat.store.provenance.QuoteGrouper`; the figures are quotes a second, the
time, the peak memory of the process (the collection included), the number of groups,
pairwise precision and recall against which original each copy came from, the share of
groups holding one original whose first appearance is that original, and, on a sample,
whether alterations are flagged.

``--pairs`` reads ``tests/data/store/quote-pairs.jsonl`` and prints, for shingle sizes 1
to 3, the precision and recall of :func:`~saidwhat.store.provenance.similarity` at
several thresholds, the share of pairs that LSH makes candidates for several
bands x rows, whether :func:`~saidwhat.store.diffs.alteration` flags what it should,
and the time a signature takes, this module's MinHash against datasketch's.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import resource
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, List, NamedTuple, Sequence, Tuple

from saidwhat.io.gold import load_compartment
from saidwhat.schema import FRAGMENT_JOINER
from saidwhat.store import provenance
from saidwhat.store.diffs import alteration
from saidwhat.store.provenance import QuoteGrouper, band_hash_array, plain_words, quote_words, shingle_hashes

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
PAIRS = ROOT / "tests" / "data" / "store" / "quote-pairs.jsonl"
LSH_CONFIGS = ((10, 6), (16, 4), (20, 3), (32, 4), (30, 3), (40, 2))
ALTERING = ("changed", "dropped", "added")
FILLERS = ("really", "very", "just", "also", "certainly", "never")


class Quote(NamedTuple):
    """One synthetic occurrence: its speaker, text, date, original and edits."""

    speaker: str
    text: str
    date: date
    original: int
    edits: Tuple[str, ...]


def load_contents() -> List[str]:
    """The distinct attribution contents of PolNeAR train and dev, three words or more."""
    seen, contents = set(), []
    for part in ("train", "dev"):
        for article in load_compartment(POLNEAR / part).values():
            for attribution in article.attributions:
                text = FRAGMENT_JOINER.join(article.text[s:e] for s, e in attribution.content)
                words = tuple(plain_words(quote_words(text)))
                if len(words) >= 3 and words not in seen:
                    seen.add(words)
                    contents.append(text)
    return contents


#: The fewest words a content needs for each edit: outlets cut long quotes, not short ones.
MIN_WORDS = {"ellipsis": 8, "excerpt": 8, "bracket": 4, "changed": 5, "dropped": 6, "added": 5, "punctuation": 1}


def _interior(rng: random.Random, words: List[str], most: int) -> Tuple[int, int]:
    """A random span of 1 to ``most`` words that leaves a word on each side."""
    length = rng.randint(1, max(1, min(most, len(words) - 2)))
    start = rng.randint(1, max(1, len(words) - length - 1))
    return start, start + length


def edit(rng: random.Random, text: str, kind: str, vocabulary: Sequence[str]) -> str:
    """Return ``text`` with one small edit of ``kind``, or unchanged when it is shorter
    than :data:`MIN_WORDS` says: an ellipsis for up to a fifth of its words, an excerpt of
    three quarters or more, one word changed or added, one word dropped (two from 12)."""
    words = text.split()
    if len(words) < MIN_WORDS[kind]:
        return text
    if kind == "punctuation":
        text = text.replace(", ", " ").translate(str.maketrans({"’": "'", "“": '"', "”": '"', ";": ","}))
        text = text[:-1] + "!" if text.endswith(".") else text + "."
        return text.upper() if rng.random() < 0.2 else text
    start, end = _interior(rng, words, max(1, len(words) // 5) if kind == "ellipsis" else 1 + (len(words) >= 12))
    if kind == "ellipsis":
        words[start:end] = [rng.choice(("…", "...", ". . ."))]
    elif kind == "bracket":
        words[start:start + (rng.random() < 0.5)] = [rng.choice(("[Trump]", "[sic]", "[Smith]", "[it]"))]
    elif kind == "excerpt":
        keep = max(3, int(len(words) * rng.uniform(0.75, 0.95)))
        words = words[:keep] if rng.random() < 0.5 else words[-keep:]
    elif kind == "changed":
        words[start] = rng.choice([v for v in rng.sample(vocabulary, 3) if v != words[start].lower()] or ["zzz"])
    elif kind == "dropped":
        del words[start:end]
    elif kind == "added":
        words.insert(start, rng.choice(FILLERS))
    return " ".join(words)


def collection(contents: Sequence[str], n: int, seed: int) -> List[Quote]:
    """``n`` synthetic occurrences of ``contents`` (see the module), shuffled."""
    rng = random.Random(seed)
    speakers = max(20, n // 200)
    weights = [1.0 / rank for rank in range(1, speakers + 1)]
    vocabulary = sorted({w for text in contents[:2000] for w in text.lower().split() if w.isalpha()})
    kinds = ("ellipsis", "bracket", "punctuation", "excerpt", "changed", "dropped", "added")
    originals: Dict[Tuple[int, int], int] = {}
    quotes: List[Quote] = []
    k = 0
    while len(quotes) < n:
        content = k % len(contents)
        speaker = rng.choices(range(speakers), weights)[0]
        original = originals.setdefault((speaker, content), len(originals))
        day = date(2016, 1, 1) + timedelta(days=rng.randrange(366))
        quotes.append(Quote(f"person:speaker {speaker}", contents[content], day, original, ()))
        for _ in range(min(int(rng.expovariate(0.5)), 10)):
            text, edits = contents[content], ()
            for kind in rng.sample(kinds, rng.choice((0, 1, 1, 2))):
                edited = edit(rng, text, kind, vocabulary)
                text, edits = edited, edits + ((kind,) if edited != text else ())
            quotes.append(Quote(quotes[-1].speaker, text, day + timedelta(days=rng.randint(1, 10)), original, edits))
        k += 1
    del quotes[n:]
    rng.shuffle(quotes)
    return quotes


def pairwise(labels: Sequence[int], truth: Sequence[int]) -> Tuple[float, float]:
    """Pairwise precision and recall of the grouping ``labels`` against ``truth``."""
    def pairs(counts):
        return sum(c * (c - 1) // 2 for c in counts.values())
    both = pairs(collections.Counter(zip(labels, truth)))
    found, true = pairs(collections.Counter(labels)), pairs(collections.Counter(truth))
    return both / max(found, 1), both / max(true, 1)


def first_appearances(grouper: QuoteGrouper, quotes: Sequence[Quote]) -> float:
    """The share of groups holding an original and none of another whose first
    appearance is that original, unedited."""
    right = pure = 0
    for group in grouper.groups:
        members = [quotes[m] for m in group.members]
        if len({q.original for q in members}) == 1 and any(not q.edits for q in members):
            pure += 1
            right += not quotes[group.first_id].edits
    return right / max(pure, 1)


def alterations(grouper: QuoteGrouper, quotes: Sequence[Quote], sample: int, seed: int) -> Tuple[float, float]:
    """Precision and recall of flagged alterations on ``sample`` copies of pure groups."""
    rng = random.Random(seed)
    tp = fp = fn = 0
    for quote_id in rng.sample(range(len(quotes)), min(sample, len(quotes))):
        group = grouper.group_of(quote_id)
        first = quotes[group.first_id]
        if first.edits or first.original != quotes[quote_id].original:
            continue
        expected = any(kind in ALTERING for kind in quotes[quote_id].edits)
        flagged = grouper.alteration(quote_id) is not None
        tp += expected and flagged
        fp += flagged and not expected
        fn += expected and not flagged
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def run_collection(args: argparse.Namespace) -> None:
    """Group a synthetic collection and print the figures."""
    started = time.perf_counter()
    contents = load_contents()
    quotes = collection(contents, args.n, args.seed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(quotes):,} quotes from {len(contents):,} PolNeAR contents, "
          f"{len({q.original for q in quotes}):,} originals, {len({q.speaker for q in quotes}):,} speakers "
          f"(built in {time.perf_counter() - started:.1f} s, peak RSS {rss_before:.0f} MiB)")
    grouper = QuoteGrouper(bands=args.bands, rows=args.rows, num_perm=args.bands * args.rows)
    started = time.perf_counter()
    labels = [grouper.add(i, q.speaker, q.text, q.date) for i, q in enumerate(quotes)]
    elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    precision, recall = pairwise(labels, [q.original for q in quotes])
    print(f"grouped in {elapsed:.1f} s: {len(quotes) / elapsed:,.0f} quotes/s, peak RSS {rss:.0f} MiB, "
          f"{len(grouper.groups):,} groups for {len({q.original for q in quotes}):,} originals")
    print(f"{args.bands} bands x {args.rows} rows: pairwise precision {precision:.4f}, recall {recall:.4f}; "
          f"first appearance is the original in {first_appearances(grouper, quotes):.4f} of pure groups")
    flagged_p, flagged_r = alterations(grouper, quotes, 20000, args.seed)
    print(f"alterations on a 20,000-quote sample: precision {flagged_p:.4f}, recall {flagged_r:.4f}")


def _pair_hashes(pairs: Sequence[dict], size: int) -> List[Tuple[set, set]]:
    return [(shingle_hashes(quote_words(p["a"]), size), shingle_hashes(quote_words(p["b"]), size)) for p in pairs]


def _precision_recall(predicted: Sequence[bool], truth: Sequence[bool]) -> Tuple[float, float]:
    tp = sum(p and t for p, t in zip(predicted, truth))
    return tp / max(sum(predicted), 1), tp / max(sum(truth), 1)


def similarity_table(pairs: Sequence[dict]) -> None:
    """Print precision/recall of the similarity at thresholds, for shingle sizes 1-3."""
    truth = [p["same"] for p in pairs]
    thresholds = (0.4, 0.5, 0.55, 0.6, 0.7, 0.8)
    print("shingle  " + "  ".join(f"t={t:<4} P/R  " for t in thresholds))
    for size in (1, 2, 3):
        scores = [provenance._similarity_of_sets(a, b) for a, b in _pair_hashes(pairs, size)]
        cells = [_precision_recall([s >= t for s in scores], truth) for t in thresholds]
        print(f"{size}        " + "  ".join(f"{p:.2f}/{r:.2f}     " for p, r in cells))
    scores = [provenance.similarity(quote_words(p["a"]), quote_words(p["b"])) for p in pairs]
    same = sorted(s for s, t in zip(scores, truth) if t)
    different = sorted(s for s, t in zip(scores, truth) if not t)
    print(f"size {provenance.SHINGLE_SIZE}: same quotes score {same[0]:.2f} at least "
          f"(median {same[len(same) // 2]:.2f}); different quotes {different[-1]:.2f} at most")
    for score, pair in zip(scores, pairs):
        if (score >= provenance.SAME_QUOTE_THRESHOLD) != pair["same"]:
            print(f"  wrong at {score:.2f} ({pair['kind']}): {pair['b']!r}")


def lsh_table(pairs: Sequence[dict]) -> None:
    """Print the share of same and different pairs that share a band, per LSH shape."""
    same = [p for p in pairs if p["same"]]
    different = [p for p in pairs if not p["same"]]
    for bands, rows in LSH_CONFIGS:
        def shares(p):
            a = band_hash_array(quote_words(p["a"]), bands * rows, bands, rows)
            b = band_hash_array(quote_words(p["b"]), bands * rows, bands, rows)
            return bool((a == b).any())
        threshold = (1 / bands) ** (1 / rows)
        print(f"{bands:2d} bands x {rows} rows (Jaccard ~{threshold:.2f}): candidates for "
              f"{sum(map(shares, same))}/{len(same)} same pairs, {sum(map(shares, different))}/{len(different)} different")
    candidates = [bool((band_hash_array(quote_words(p["a"])) == band_hash_array(quote_words(p["b"]))).any())
                  for p in pairs]
    matched = [c and provenance.similarity(quote_words(p["a"]), quote_words(p["b"])) >= provenance.SAME_QUOTE_THRESHOLD
               for c, p in zip(candidates, pairs)]
    precision, recall = _precision_recall(matched, [p["same"] for p in pairs])
    print(f"matching as configured ({provenance.SIGNATURE_SCHEME}, threshold {provenance.SAME_QUOTE_THRESHOLD}): "
          f"precision {precision:.2f}, recall {recall:.2f}")


def alteration_table(pairs: Sequence[dict]) -> None:
    """Print whether alterations are flagged as labelled, on the same pairs."""
    same = [p for p in pairs if p["same"]]
    flagged = [alteration(p["a"], p["b"]) is not None for p in same]
    precision, recall = _precision_recall(flagged, [p["altered"] for p in same])
    print(f"alterations on {len(same)} same pairs: precision {precision:.2f}, recall {recall:.2f}")
    for flag, pair in zip(flagged, same):
        if flag != pair["altered"]:
            print(f"  wrong ({pair['kind']}): {alteration(pair['a'], pair['b'])}")


def signature_speed(contents: Sequence[str]) -> None:
    """Print the time a signature takes: this module's, and datasketch's MinHash."""
    from datasketch import MinHash  # only measured here
    words = [quote_words(text) for text in contents]
    started = time.perf_counter()
    for w in words:
        band_hash_array(w)
    ours = (time.perf_counter() - started) / len(words)
    permutations = MinHash(num_perm=provenance.NUM_PERM).permutations
    started = time.perf_counter()
    for w in words:
        shingles = [" ".join(w[k:k + 2]).encode() for k in range(max(1, len(w) - 1))]
        MinHash(num_perm=provenance.NUM_PERM, permutations=permutations, scheme="affine32").update_batch(shingles)
    theirs = (time.perf_counter() - started) / len(words)
    print(f"signature of a PolNeAR content ({len(words):,}): {ours * 1e6:.0f} us here, "
          f"{theirs * 1e6:.0f} us with datasketch MinHash.update_batch ({provenance.NUM_PERM} hash functions)")


def run_pairs() -> None:
    """Print the figures of the labelled pairs."""
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{len(pairs)} labelled pairs ({sum(p['same'] for p in pairs)} same quote)")
    similarity_table(pairs)
    lsh_table(pairs)
    alteration_table(pairs)
    signature_speed(load_contents()[:5000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--bands", type=int, default=provenance.BANDS)
    parser.add_argument("--rows", type=int, default=provenance.ROWS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", action="store_true", help="measure on the labelled pairs instead")
    args = parser.parse_args()
    if args.pairs:
        run_pairs()
    else:
        run_collection(args)


if __name__ == "__main__":
    main()
