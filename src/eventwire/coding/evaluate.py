"""One evaluation harness for the gold formats users have.

- ``pentaclass``: TSV ``sentence<TAB>label`` (0 = CAMEO 01-02, 1 = 03-05, 2 = 06-08,
  3 = 09-13, 4 = 14-20). A sentence is scored by its first event's root.
- ``spans``: BIO tokens (``token TAG``, blank line between sentences) with Source (S),
  Target (T) and relation (R) tags; scores how often the first event's source and
  target overlap the gold spans.
- ``petrarch``: validation XML (``<Sentence date id><EventCoding sourcecode targetcode
  eventcode/><Text>..</Text></Sentence>``), read tolerantly; scored per CAMEO root on
  (root, source country, target country).
- ``plover``: JSON records (``text``, ``event``, ``source``/``target`` lists of
  ``{actorText, code}``), scored per PLOVER event type.

Each prints precision, recall and F1 per class and overall, a confusion matrix,
and writes every miss to a JSONL file for study.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..cameo import pentaclass_of
from ..config import Settings
from ..errors import InputError
from ..models import Article, Event
from .coder import get_coder

NONE = "none"


@dataclass
class GoldItem:
    text: str
    labels: list[str]  # gold class labels (one per expected event; empty = no event expected)
    meta: dict = field(default_factory=dict)


@dataclass
class Report:
    title: str
    lines: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)

    def render(self) -> str:
        return "\n".join([self.title, *self.lines])


def _events_for(texts: list[str], dates: list[str | None], include_unasserted: bool) -> Iterator[list[Event]]:
    # Every sentence of these sets holds an event: they measure how a match is coded, not
    # whether it is an event, so the verifier's threshold (a detection filter) is off here.
    coder = get_coder(Settings(min_confidence=0.0))
    docs = coder.parse_many(texts, batch_size=64)
    for i, doc in enumerate(docs):
        art = Article(doc_id=f"eval-{i}", text=texts[i], published=dates[i])
        coded = coder.code_doc(art, doc)
        yield [e for e in coded.events if include_unasserted or e.modality == "asserted"]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _confusion(pairs: list[tuple[str, str]], classes: list[str]) -> list[str]:
    counts = Counter(pairs)
    width = max(6, *(len(c) for c in classes)) + 1
    lines = ["confusion (rows gold, columns predicted):", " " * width + "".join(f"{c:>{width}}" for c in classes)]
    for g in classes:
        lines.append(f"{g:>{width}}" + "".join(f"{counts[(g, p)]:>{width}}" for p in classes))
    return lines


def _per_class(pairs: list[tuple[str, str]], classes: list[str]) -> tuple[list[str], float]:
    lines = [f"{'class':>8} {'prec':>6} {'recall':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    f1s = []
    for c in classes:
        if c == NONE:
            continue
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        p, r, f = _prf(tp, fp, fn)
        f1s.append(f)
        lines.append(f"{c:>8} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:6d} {tp + fp:6d}")
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    return lines, macro


# ---- readers ----

def read_pentaclass(path: Path) -> Iterator[GoldItem]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, sep, label = line.rpartition("\t")
            if not sep or label.strip() not in {"0", "1", "2", "3", "4"}:
                raise InputError(f"{path}:{n}: expected 'sentence<TAB>label 0-4', got {line[:60]!r}")
            yield GoldItem(text, [label.strip()], {"line": n})


_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "'s", "n't", ")", "'", "%", "''"}


def read_spans(path: Path) -> Iterator[GoldItem]:
    tokens: list[tuple[str, str]] = []
    start_line = 1

    def flush(n: int) -> GoldItem | None:
        if not tokens:
            return None
        text = ""
        spans: dict[str, list[list[int]]] = {"S": [], "T": [], "R": []}
        prev_tag = "O"
        for tok, tag in tokens:
            if text and tok not in _NO_SPACE_BEFORE and not text.endswith(("(", "$")):
                text += " "
            start = len(text)
            text += tok
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("B-") or (tag.startswith("I-") and prev_tag[2:] != kind):
                spans.setdefault(kind, []).append([start, len(text)])
            elif tag.startswith("I-"):
                spans[kind][-1][1] = len(text)
            prev_tag = tag
        return GoldItem(text, [], {"line": start_line, "spans": spans})

    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                item = flush(n)
                if item:
                    yield item
                tokens = []
                start_line = n + 1
                continue
            tok, _, tag = line.rpartition(" ")
            if not tok:
                tok, tag = tag, "O"
            tokens.append((tok, tag or "O"))
        item = flush(0)
        if item:
            yield item


_SENT_RE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S | re.I)
_ATTR_RE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING_RE = re.compile(r"<EventCoding\b([^>]*)/?>", re.I)
_TEXT_RE = re.compile(r"<Text>(.*?)</Text>", re.S | re.I)


def read_petrarch(path: Path) -> Iterator[GoldItem]:
    raw = path.read_text(encoding="utf-8", errors="replace")
    # Tolerate self-closed <Sentence .../> tags that are followed by a body.
    raw = re.sub(r"<Sentence\b([^>]*?)/>", r"<Sentence\1>", raw, flags=re.I)
    for m in _SENT_RE.finditer(raw):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        body = re.sub(r"<Parse>.*?</Parse>", "", m.group(2), flags=re.S | re.I)
        tm = _TEXT_RE.search(body)
        if not tm:
            continue
        labels = []
        for cm in _CODING_RE.finditer(body):
            ca = dict(_ATTR_RE.findall(cm.group(1)))
            code = ca.get("eventcode", "")
            labels.append(f"{code[:2]}|{ca.get('sourcecode', '')[:3]}|{ca.get('targetcode', '')[:3]}")
        date = attrs.get("date")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if date and len(date) == 8 and date.isdigit() else None
        yield GoldItem(html.unescape(" ".join(tm.group(1).split())), labels, {"id": attrs.get("id"), "date": iso})


def read_plover(path: Path) -> Iterator[GoldItem]:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict) or "text" not in rec:
            raise InputError(f"{path}: record {n} is not an object with a 'text' field")
        event = (rec.get("event") or "").upper()
        yield GoldItem(rec["text"], [event] if event else [], {"record": n, "date": rec.get("date")})


# ---- evaluators ----

def evaluate(fmt: str, path: str | Path, *, misses_path: str | Path | None = None,
             include_unasserted: bool = False, limit: int | None = None) -> Report:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    readers = {"pentaclass": read_pentaclass, "spans": read_spans, "petrarch": read_petrarch, "plover": read_plover}
    if fmt not in readers:
        raise InputError(f"unknown gold format {fmt!r}; use one of {', '.join(readers)}")
    items = list(readers[fmt](path))
    if limit:
        items = items[:limit]
    misses_path = Path(misses_path) if misses_path else Path(f"{path.name}.misses.jsonl")
    dates = [it.meta.get("date") for it in items]
    predicted = list(_events_for([it.text for it in items], dates, include_unasserted))
    if fmt == "pentaclass":
        report = _eval_pentaclass(items, predicted, misses_path)
    elif fmt == "spans":
        report = _eval_spans(items, predicted, misses_path)
    elif fmt == "petrarch":
        report = _eval_labels(items, predicted, misses_path, "petrarch",
                              lambda e: f"{e.cameo_root}|{(e.source.country or e.source.code[:3]) if e.source else ''}|"
                                        f"{(e.target.country or e.target.code[:3]) if e.target else ''}")
    else:
        # PLOVER records one event per story sentence: a paired meeting (A->B and B->A) is one CONSULT.
        report = _eval_labels(items, predicted, misses_path, "plover", lambda e: e.plover_type, unique=True)
    report.lines.append(f"misses written to {misses_path}")
    return report


def _eval_pentaclass(items: list[GoldItem], predicted: list[list[Event]], misses_path: Path) -> Report:
    pairs = []
    covered = 0
    with misses_path.open("w", encoding="utf-8") as fh:
        for item, events in zip(items, predicted, strict=True):
            gold = item.labels[0]
            pred = str(pentaclass_of(events[0].cameo)) if events else NONE
            covered += bool(events)
            pairs.append((gold, pred))
            if pred != gold:
                fh.write(json.dumps({"line": item.meta.get("line"), "text": item.text, "gold": gold, "pred": pred,
                                     "events": [{"cameo": e.cameo, "rule": e.rule, "trigger": e.trigger.text}
                                                for e in events[:3]]}) + "\n")
    n = len(items)
    acc = sum(1 for g, p in pairs if g == p) / n if n else 0.0
    classes = ["0", "1", "2", "3", "4", NONE]
    per, macro = _per_class(pairs, classes)
    cov = covered / n if n else 0.0
    acc_cov = sum(1 for g, p in pairs if g == p) / covered if covered else 0.0
    r = Report(f"pentaclass: {n} sentences")
    r.lines += [f"accuracy {acc:.3f}   macro-F1 {macro:.3f}   coverage {cov:.3f}   "
                f"accuracy on covered {acc_cov:.3f}", ""]
    r.lines += per + [""] + _confusion(pairs, classes)
    r.figures = {"accuracy": acc, "macro_f1": macro, "coverage": cov, "accuracy_covered": acc_cov}
    return r


def _overlaps(a: tuple[int, int], spans: list[list[int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _eval_spans(items: list[GoldItem], predicted: list[list[Event]], misses_path: Path) -> Report:
    src_gold = tgt_gold = src_hit = tgt_hit = src_pred = tgt_pred = with_event = 0
    conf_bins: dict[float, list[int]] = {}
    role_confusion = {r: {"overlaps": 0, "elsewhere": 0, "none": 0, "spurious": 0, "absent": 0}
                      for r in ("source", "target")}
    with misses_path.open("w", encoding="utf-8") as fh:
        for item, events in zip(items, predicted, strict=True):
            spans = item.meta["spans"]
            has_s, has_t = bool(spans.get("S")), bool(spans.get("T"))
            src_gold += has_s
            tgt_gold += has_t
            if not events:
                if has_s or has_t:
                    fh.write(json.dumps({"line": item.meta["line"], "text": item.text, "why": "no event"}) + "\n")
                continue
            with_event += 1
            e = events[0]
            s_ok = bool(e.source and has_s and _overlaps((e.source.start, e.source.end), spans["S"]))
            t_ok = bool(e.target and has_t and _overlaps((e.target.start, e.target.end), spans["T"]))
            src_pred += e.source is not None
            tgt_pred += e.target is not None
            src_hit += s_ok
            tgt_hit += t_ok
            for role, actor, has, ok in (("source", e.source, has_s, s_ok), ("target", e.target, has_t, t_ok)):
                cell = role_confusion[role]
                if has:
                    cell["overlaps" if ok else ("elsewhere" if actor else "none")] += 1
                else:
                    cell["spurious" if actor else "absent"] += 1
            bucket = round(min(e.confidence, 0.99) // 0.1 / 10, 1)
            # correct = every actor the event names overlaps the gold span of its role
            named_ok = ([s_ok] if e.source else []) + ([t_ok] if e.target else [])
            conf_bins.setdefault(bucket, []).append(int(all(named_ok)))
            if (has_s and not s_ok) or (has_t and not t_ok):
                gold_s = [item.text[a:b] for a, b in spans.get("S", [])]
                gold_t = [item.text[a:b] for a, b in spans.get("T", [])]
                fh.write(json.dumps({"line": item.meta["line"], "text": item.text, "gold_source": gold_s,
                                     "gold_target": gold_t, "source": e.source.text if e.source else None,
                                     "target": e.target.text if e.target else None, "cameo": e.cameo,
                                     "rule": e.rule}) + "\n")
    n = len(items)
    s_acc = src_hit / src_gold if src_gold else 0.0
    t_acc = tgt_hit / tgt_gold if tgt_gold else 0.0
    r = Report(f"spans: {n} sentences, {with_event} with an event")
    r.lines += [
        f"source overlap {s_acc:.3f} ({src_hit}/{src_gold} gold sources)   "
        f"precision {src_hit / src_pred if src_pred else 0:.3f}",
        f"target overlap {t_acc:.3f} ({tgt_hit}/{tgt_gold} gold targets)   "
        f"precision {tgt_hit / tgt_pred if tgt_pred else 0:.3f}",
        "", "first-event actor precision by confidence (every named actor overlaps its gold span):",
    ]
    for b in sorted(conf_bins):
        vals = conf_bins[b]
        r.lines.append(f"  confidence {b:.1f}-{b + 0.1:.1f}: {sum(vals) / len(vals):.3f} of {len(vals)}")
    r.lines += ["", "confusion (rows: gold role present; columns: first event's actor for that role):",
                f"{'':>14}{'overlaps':>10}{'elsewhere':>10}{'none':>8}"]
    for role in ("source", "target"):
        c = role_confusion[role]
        r.lines.append(f"{role + ' gold':>14}{c['overlaps']:>10}{c['elsewhere']:>10}{c['none']:>8}")
        r.lines.append(f"{role + ' no gold':>14}{'':>10}{c['spurious']:>10}{c['absent']:>8}")
    r.figures = {"source": s_acc, "target": t_acc, "coverage": with_event / n if n else 0.0}
    return r


def _eval_labels(items: list[GoldItem], predicted: list[list[Event]], misses_path: Path, name: str,
                 key, unique: bool = False) -> Report:
    tp = fp = fn = 0
    per: dict[str, list[int]] = {}
    pairs: list[tuple[str, str]] = []
    with misses_path.open("w", encoding="utf-8") as fh:
        for item, events in zip(items, predicted, strict=True):
            pred = Counter(key(e) for e in events if key(e))
            gold = Counter(item.labels)
            if unique:
                pred, gold = Counter(set(pred)), Counter(set(gold))
            for lab in set(pred) | set(gold):
                cls = lab.split("|")[0]
                hit = min(pred[lab], gold[lab])
                stats = per.setdefault(cls, [0, 0, 0])
                stats[0] += hit
                stats[1] += pred[lab] - hit
                stats[2] += gold[lab] - hit
                tp += hit
                fp += pred[lab] - hit
                fn += gold[lab] - hit
            g0 = item.labels[0].split("|")[0] if item.labels else NONE
            p0 = key(events[0]).split("|")[0] if events else NONE
            pairs.append((g0, p0))
            if pred != gold:
                fh.write(json.dumps({"text": item.text, "gold": item.labels, "pred": list(pred.elements()),
                                     **{k: v for k, v in item.meta.items() if k != "spans"}}) + "\n")
    p, rc, f = _prf(tp, fp, fn)
    r = Report(f"{name}: {len(items)} records")
    r.lines += [f"overall precision {p:.3f} recall {rc:.3f} F1 {f:.3f}", "",
                f"{'class':>10} {'prec':>6} {'recall':>6} {'F1':>6}"]
    for cls in sorted(per):
        a, b, c = per[cls]
        pp, rr, ff = _prf(a, b, c)
        r.lines.append(f"{cls:>10} {pp:6.3f} {rr:6.3f} {ff:6.3f}")
    classes = sorted({g for g, _ in pairs} | {p_ for _, p_ in pairs})
    r.lines += [""] + _confusion(pairs, classes)
    r.figures = {"precision": p, "recall": rc, "f1": f}
    return r
