#!/usr/bin/python3
"""scikit-learn side of bench/tfidf: times TfidfVectorizer.fit_transform on a
pre-tokenized file (one document per line; token_pattern=r"\\S+",
lowercase=False), best of --repeat, and optionally compares the values with
a wordloom Matrix Market export (same column order: sorted terms).

usage: sklearn_tfidf.py FILE [--sublinear] [--repeat N] [--compare W.mtx]"""
import argparse
import json
import time

import numpy as np
from scipy.io import mmread
from sklearn.feature_extraction.text import TfidfVectorizer

p = argparse.ArgumentParser()
p.add_argument("file")
p.add_argument("--sublinear", action="store_true")
p.add_argument("--repeat", type=int, default=3)
p.add_argument("--compare")
a = p.parse_args()
with open(a.file, encoding="utf-8", newline="\n") as f:
    docs = f.read().split("\n")
if docs and docs[-1] == "":
    docs.pop()
best = best_cpu = None
for _ in range(a.repeat):
    vec = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=a.sublinear)
    t0, c0 = time.perf_counter(), time.process_time()
    m = vec.fit_transform(docs)
    t, c = time.perf_counter() - t0, time.process_time() - c0
    best = t if best is None else min(best, t)
    best_cpu = c if best_cpu is None else min(best_cpu, c)
out = {"documents": m.shape[0], "terms": m.shape[1], "nonzeros": int(m.nnz), "fit_transform_seconds": best,
       "fit_transform_cpu_seconds": best_cpu}
if a.compare:
    w = mmread(a.compare).tocsr()
    with open(a.compare + ".cols", encoding="utf-8", newline="\n") as f:
        cols = f.read().split("\n")[:-1]
    out["same_terms"] = list(vec.get_feature_names_out()) == cols
    out["same_shape"] = w.shape == m.shape
    if out["same_terms"] and out["same_shape"]:
        d = (w - m.tocsr())
        out["max_abs_diff"] = float(np.abs(d.data).max()) if d.nnz else 0.0
        out["same_nonzeros"] = int(w.nnz) == int(m.nnz)
print(json.dumps(out))
