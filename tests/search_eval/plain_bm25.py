#!/usr/bin/env python3
"""The floor the kiosk's question search must beat: a plain BM25 with no phrase book and no tuning.

Each procedure is one document: its name three times, then its field, agencies, steps,
conditions, audience and result once. Text is folded as the kiosk folds it (no diacritics,
đ -> d, lower case, letters and digits only); every syllable and every pair of adjacent
syllables is a term. k1 = 1.2, b = 0.75. Prints recall@1, recall@5 and MRR per tier, in the
layout of search_eval, for each queries file given.

  plain_bm25.py [--catalog content/sample/src/procedures.jsonl] QUERIES.tsv [...]
"""
import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", text.lower())


def terms(words):
    return words + [a + "_" + b for a, b in zip(words, words[1:])]


def document(p):
    parts = [p["name"]] * 3 + [p.get("field", "")] + p.get("agencies", []) + p.get("steps", [])
    parts += [p.get("conditions", ""), p.get("audience", ""), p.get("result", "")]
    out = []
    for part in parts:  # pairs do not cross from one part to the next
        out += terms(fold(part))
    return out


class Bm25:
    def __init__(self, docs, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.codes = [code for code, _ in docs]
        self.tf = [Counter(t) for _, t in docs]
        self.length = [len(t) for _, t in docs]
        self.avg = sum(self.length) / len(docs)
        self.postings = defaultdict(list)
        for i, tf in enumerate(self.tf):
            for t in tf:
                self.postings[t].append(i)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - len(d) + 0.5) / (len(d) + 0.5)) for t, d in self.postings.items()}

    def search(self, query, limit=10):
        score = defaultdict(float)
        for t in set(terms(fold(query))):
            for i in self.postings.get(t, ()):
                f = self.tf[i][t]
                norm = 1 - self.b + self.b * self.length[i] / self.avg
                score[i] += self.idf[t] * f * (self.k1 + 1) / (f + self.k1 * norm)
        best = sorted(score, key=lambda i: -score[i])[:limit]
        return [self.codes[i] for i in best]


def evaluate(index, path):
    tally = defaultdict(lambda: [0, 0, 0, 0.0])  # n, @1, @5, reciprocal rank
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        query, codes = cols[0], set(cols[1].split(","))
        tier = cols[2] if len(cols) > 2 else "plain"
        hits = index.search(query)
        rank = next((k + 1 for k, c in enumerate(hits) if c in codes), 0)
        for key in ("all", tier):
            t = tally[key]
            t[0] += 1
            t[1] += rank == 1
            t[2] += 1 <= rank <= 5
            t[3] += 1 / rank if rank else 0
    print(path)
    for key in ["all"] + sorted(k for k in tally if k != "all"):
        n, at1, at5, rr = tally[key]
        print(f"  {key:<16} n={n:<4} recall@1={at1 / n:.3f} recall@5={at5 / n:.3f} MRR={rr / n:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--catalog", default="content/sample/src/procedures.jsonl")
    ap.add_argument("queries", nargs="+")
    args = ap.parse_args()
    docs = []
    with open(args.catalog, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            docs.append((p["code"], document(p)))
    index = Bm25(docs)
    for path in args.queries:
        evaluate(index, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
