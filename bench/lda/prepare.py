#!/usr/bin/python3
"""Builds the LDA benchmark corpora as lda-c bag-of-words files, so that
gensim, scikit-learn and wordloom train on exactly the same tokens.

  prepare.py DATA_DIR OUT_DIR

OUT_DIR/ap:      AP (lda-c as shipped): full.dat (all docs), train.dat, test.dat
                 (every 10th document held out), vocab.txt.
OUT_DIR/reuters: Reuters-21578 (the TRAIN + NOT-USED stories shipped in
                 DATA_DIR): TITLE + BODY, lower-cased, [a-z]{3,} words,
                 scikit-learn's English stopwords removed, terms kept with
                 count >= 5 in <= 50% of documents; same files, plus
                 text.txt (the raw stories, one per line).
"""
import collections
import html
import json
import os
import re
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS


def write_split(out, docs_lines, vocab):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'vocab.txt'), 'w') as f:
        f.write(''.join(t + '\n' for t in vocab))
    with open(os.path.join(out, 'full.dat'), 'w') as full, \
         open(os.path.join(out, 'train.dat'), 'w') as train, \
         open(os.path.join(out, 'test.dat'), 'w') as test:
        train_tokens = 0
        for i, line in enumerate(docs_lines):
            full.write(line)
            if (i + 1) % 10 == 0:
                test.write(line)
            else:
                train.write(line)
                train_tokens += sum(int(p.split(':')[1]) for p in line.split()[1:])
    with open(os.path.join(out, 'stats.json'), 'w') as f:
        json.dump({'documents': len(docs_lines), 'train_tokens': train_tokens, 'vocabulary': len(vocab)}, f)


def prepare_ap(data, out):
    with open(os.path.join(data, 'ap_lda_c', 'ap.dat')) as f:
        lines = [l if l.endswith('\n') else l + '\n' for l in f if l.strip()]
    with open(os.path.join(data, 'ap_lda_c', 'vocab.txt')) as f:
        vocab = [l.rstrip('\r\n') for l in f]
    write_split(out, lines, vocab)


def reuters_texts(directory):
    story = re.compile(r'<REUTERS.*?</REUTERS>', re.S)
    field = lambda name, s: (re.search(r'<%s>(.*?)</%s>' % (name, name), s, re.S) or [None, ''])[1]
    for name in sorted(os.listdir(directory)):
        if not name.endswith('.sgm'):
            continue
        with open(os.path.join(directory, name), encoding='latin-1') as f:
            for m in story.finditer(f.read()):
                yield html.unescape(field('TITLE', m.group(0)) + '\n' + field('BODY', m.group(0)))


def prepare_reuters(data, out):
    word = re.compile(r'[a-z]{3,}')
    docs = []
    os.makedirs(out, exist_ok=True)
    raw = open(os.path.join(out, 'text.txt'), 'w')  # one story per line, for the latency bench
    for text in reuters_texts(os.path.join(data, 'reuters21578')):
        raw.write(' '.join(text.split()) + '\n')
        tokens = [t for t in word.findall(text.lower()) if t not in ENGLISH_STOP_WORDS]
        if tokens:
            docs.append(tokens)
    raw.close()
    count, df = collections.Counter(), collections.Counter()
    for d in docs:
        count.update(d)
        df.update(set(d))
    keep = [t for t in count if count[t] >= 5 and df[t] <= 0.5 * len(docs)]
    keep.sort(key=lambda t: (-count[t], t))
    ids = {t: i for i, t in enumerate(keep)}
    lines = []
    for d in docs:
        c = collections.Counter(ids[t] for t in d if t in ids)
        if c:
            lines.append('%d %s\n' % (len(c), ' '.join('%d:%d' % kv for kv in sorted(c.items()))))
    write_split(out, lines, keep)


if __name__ == '__main__':
    data, out = sys.argv[1], sys.argv[2]
    prepare_ap(data, os.path.join(out, 'ap'))
    prepare_reuters(data, os.path.join(out, 'reuters'))
