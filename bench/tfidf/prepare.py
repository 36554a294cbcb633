#!/usr/bin/python3
"""Writes 20 Newsgroups train as one document per line (latin-1 decoded,
white space runs -> one space, no blank lines) for `wordloom tokenize`."""
import os
import re
import sys

root = sys.argv[1]
out = open(sys.argv[2], "w", encoding="utf-8", newline="\n")
for group in sorted(os.listdir(root)):
    for name in sorted(os.listdir(os.path.join(root, group)), key=lambda n: (len(n), n)):
        with open(os.path.join(root, group, name), "rb") as f:
            text = f.read().decode("latin-1")
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            out.write(text + "\n")
