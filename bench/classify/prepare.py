#!/usr/bin/env python3
"""Builds fastText-format train/test files for bench/classify from the shared
public corpora ($WORDLOOM_DATA). Nothing is written into the repository.

Sets with an official train/dev split use it (SST-2: train/dev). The others
keep every 10th example (1-based positions 10, 20, ... per class file or per
group, in original order) as the test set: the official test splits are not
in the shared copy. Text is lower-cased and split into words and punctuation
(the same tokens for both systems); the sentence sets are already tokenized.
Training files are shuffled (fixed seed): fastText reads its input in order,
and label-sorted input ruins its SGD (wordloom shuffles by itself).
"""
import os
import random
import re
import sys

TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]", re.UNICODE)


def tokens(text):
    return " ".join(TOKEN.findall(text.lower()))


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for labels, text in rows:
            f.write(" ".join("__label__" + l for l in labels) + " " + text + "\n")


def split_every_10th(rows):
    train, test = [], []
    for i, row in enumerate(rows, 1):
        (test if i % 10 == 0 else train).append(row)
    return train, test


def read_lines(path):
    with open(path, encoding="latin-1") as f:
        return [l.strip() for l in f if l.strip()]


def two_files(data, files):
    train, test = [], []
    for label, name in files:
        rows = [([label], tokens(l)) for l in read_lines(os.path.join(data, name))]
        a, b = split_every_10th(rows)
        train += a
        test += b
    return train, test


def trec(data):
    rows = []
    for line in read_lines(os.path.join(data, "trec_qc/TREC.train")):
        label, text = line.split(" ", 1)
        rows.append(([label.split(":")[0]], tokens(text)))
    return split_every_10th(rows)


def sst2(data):
    def load(name):
        return [([l[0]], tokens(l[2:])) for l in read_lines(os.path.join(data, "sst", name))]
    return load("stsa.binary.train"), load("stsa.binary.dev")


def newsgroups(data):
    root = os.path.join(data, "20newsgroups_bydate/20news-bydate-train")
    train, test = [], []
    for group in sorted(os.listdir(root)):
        names = sorted(os.listdir(os.path.join(root, group)), key=lambda n: int(n))
        rows = []
        for n in names:
            with open(os.path.join(root, group, n), encoding="latin-1") as f:
                rows.append(([group], tokens(f.read())))
        a, b = split_every_10th(rows)
        train += a
        test += b
    return train, test


def reuters(data):
    root = os.path.join(data, "reuters21578")
    story = re.compile(r"<REUTERS (.*?)>(.*?)</REUTERS>", re.S)
    rows = []
    for name in sorted(os.listdir(root)):
        if not name.endswith(".sgm"):
            continue
        with open(os.path.join(root, name), encoding="latin-1") as f:
            for attrs, body in story.findall(f.read()):
                if 'LEWISSPLIT="TRAIN"' not in attrs or 'TOPICS="YES"' not in attrs:
                    continue
                topics = re.search(r"<TOPICS>(.*?)</TOPICS>", body, re.S)
                labels = re.findall(r"<D>(.*?)</D>", topics.group(1)) if topics else []
                if not labels:
                    continue
                title = re.search(r"<TITLE>(.*?)</TITLE>", body, re.S)
                text = re.search(r"<BODY>(.*?)</BODY>", body, re.S)
                words = (title.group(1) if title else "") + " " + (text.group(1) if text else "")
                rows.append((labels, tokens(re.sub(r"&[#\w]+;", " ", words))))
    return split_every_10th(rows)


SETS = {
    "trec6": trec,
    "sst2": sst2,
    "mr": lambda d: two_files(d, [("pos", "mr_rt_polarity/rt-polarity.pos"),
                                  ("neg", "mr_rt_polarity/rt-polarity.neg")]),
    "subj": lambda d: two_files(d, [("subj", "subj/subj.subjective"),
                                    ("obj", "subj/subj.objective")]),
    "cr": lambda d: two_files(d, [("pos", "cr_customer_reviews/custrev.pos"),
                                  ("neg", "cr_customer_reviews/custrev.neg")]),
    "mpqa": lambda d: two_files(d, [("pos", "mpqa_polarity/mpqa.pos"),
                                    ("neg", "mpqa_polarity/mpqa.neg")]),
    "20ng": newsgroups,
    "reuters": reuters,
}


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name in (sys.argv[3:] or SETS):
        train, test = SETS[name](data)
        random.Random(1).shuffle(train)
        write(os.path.join(out, name + ".train"), train)
        write(os.path.join(out, name + ".test"), test)
        print(f"{name}: {len(train)} train, {len(test)} test", file=sys.stderr)


if __name__ == "__main__":
    main()
