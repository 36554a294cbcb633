#!/usr/bin/python3
"""Writes an uncompressed tar of JSON Lines members to stdout, about SIZE_MB
megabytes of text: the 20 Newsgroups train messages (latin-1 decoded) again
and again with fresh ids, 1,000 documents per member, in nested folders.

usage: make_archive.py NEWSGROUPS_TRAIN_DIR SIZE_MB | zstd -1 > out.tar.zst"""
import io
import json
import os
import sys
import tarfile

root, size_mb = sys.argv[1], int(sys.argv[2])
texts = []
for group in sorted(os.listdir(root)):
    for name in sorted(os.listdir(os.path.join(root, group))):
        with open(os.path.join(root, group, name), "rb") as f:
            texts.append(f.read().decode("latin-1"))
target = size_mb * 1000 * 1000
written = 0
member = 0
with tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
    while written < target:
        buf = io.StringIO()
        for i in range(1000):
            k = member * 1000 + i
            buf.write(json.dumps({"id": f"d{k}", "text": texts[k % len(texts)]}) + "\n")
        data = buf.getvalue().encode("utf-8")
        info = tarfile.TarInfo(f"part{member // 100:03d}/m{member:05d}.jsonl")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        written += len(data)
        member += 1
