#!/usr/bin/python3
"""Trains gensim LdaMulticore or scikit-learn LatentDirichletAllocation on an
lda-c corpus made by prepare.py, and reports what bench/lda compares:

  baselines.py SYSTEM DATA_DIR K PASSES THREADS OUT_DIR

SYSTEM is gensim (LdaMulticore, workers = THREADS, chunksize 2000, passes =
PASSES) or sklearn (LatentDirichletAllocation, learning_method='online',
n_jobs = THREADS, max_iter = PASSES). Both use their default priors (1/K).
Writes OUT_DIR/topics.txt (top-10 terms per topic, one topic per line, for
`wordloom eval-topics --terms`) and prints one JSON line with the training
wall time, tokens, and document-completion perplexity on test.dat: each
held-out document's even-position tokens (in lda-c file order, as wordloom
reads them) fix theta through the system's own inference, the odd-position
tokens are scored with p(w) = sum_k theta_k phi_kw — the same method as
`wordloom eval-topics --heldout`.
"""
import json
import os
import sys
import time

import numpy as np
import scipy.sparse


def read_lda_c(path):
    docs = []
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            tokens = []
            for pair in fields[1:]:
                i, c = pair.split(':')
                tokens.extend([int(i)] * int(c))
            docs.append(tokens)
    return docs


def to_bow(tokens):
    ids, counts = np.unique(np.asarray(tokens, dtype=np.int64), return_counts=True)
    return list(zip(ids.tolist(), counts.tolist()))


def to_matrix(docs, v):
    rows, cols, vals = [], [], []
    for d, tokens in enumerate(docs):
        for i, c in to_bow(tokens):
            rows.append(d)
            cols.append(i)
            vals.append(c)
    return scipy.sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), v), dtype=np.float64)


def completion_split(docs):
    observed, scored = [], []
    for tokens in docs:
        if len(tokens) >= 2:
            observed.append(tokens[0::2])
            scored.append(tokens[1::2])
    return observed, scored


def perplexity(theta, phi, scored):
    loglik, n = 0.0, 0
    for t, tokens in zip(theta, scored):
        p = t @ phi[:, tokens]
        loglik += np.log(p).sum()
        n += len(tokens)
    return float(np.exp(-loglik / n)), n


def run_gensim(train, test_observed, v, k, passes, threads):
    from gensim.models import LdaMulticore
    corpus = [to_bow(d) for d in train]
    start = time.perf_counter()
    lda = LdaMulticore(corpus, num_topics=k, id2word=None, workers=threads, chunksize=2000,
                       passes=passes, random_state=1)
    wall = time.perf_counter() - start
    phi = lda.get_topics()  # K x V, rows sum to 1
    if phi.shape[1] < v:
        phi = np.pad(phi, ((0, 0), (0, v - phi.shape[1])), constant_values=1e-12)
    gamma, _ = lda.inference([to_bow(d) for d in test_observed])
    theta = gamma / gamma.sum(axis=1, keepdims=True)
    return wall, phi, theta


def run_sklearn(train, test_observed, v, k, passes, threads):
    from sklearn.decomposition import LatentDirichletAllocation
    x = to_matrix(train, v)
    start = time.perf_counter()
    lda = LatentDirichletAllocation(n_components=k, learning_method='online', max_iter=passes,
                                    n_jobs=threads, random_state=1)
    lda.fit(x)
    wall = time.perf_counter() - start
    phi = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
    theta = lda.transform(to_matrix(test_observed, v))
    return wall, phi, theta


def main():
    system, data, k, passes, threads, out = sys.argv[1:7]
    k, passes, threads = int(k), int(passes), int(threads)
    with open(os.path.join(data, 'vocab.txt')) as f:
        vocab = [l.rstrip('\n') for l in f]
    train = read_lda_c(os.path.join(data, 'train.dat'))
    observed, scored = completion_split(read_lda_c(os.path.join(data, 'test.dat')))
    run = run_gensim if system == 'gensim' else run_sklearn
    wall, phi, theta = run(train, observed, len(vocab), k, passes, threads)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'topics.txt'), 'w') as f:
        for row in phi:
            f.write(' '.join(vocab[i] for i in np.argsort(-row, kind='stable')[:10]) + '\n')
    ppl, scored_tokens = perplexity(theta, phi, scored)
    tokens = sum(len(d) for d in train)
    print(json.dumps({'system': system, 'k': k, 'passes': passes, 'threads': threads, 'wall': wall,
                      'tokens': tokens, 'perplexity': ppl, 'heldout_tokens': scored_tokens}))


if __name__ == '__main__':
    main()
