#!/usr/bin/python3
"""The AP sample in lda-c form (ap.dat + vocab.txt) as text, one document per
line: each term repeated by its count (the original word order is not in
lda-c; the raw ap.txt is not in the shared corpora)."""
import sys

d = sys.argv[1]
vocab = open(f"{d}/vocab.txt", encoding="utf-8").read().split()
with open(f"{d}/ap.dat", encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        parts = line.split()[1:]
        words = []
        for p in parts:
            i, c = p.split(":")
            words.extend([vocab[int(i)]] * int(c))
        out.write(" ".join(words) + "\n")
