#!/usr/bin/env python3
"""Held-out language-ID accuracy and speed: wordloom vs CLD2 on UDHR paragraphs.

wordloom is trained K times, each time without one fold of every language's
paragraphs (paragraph i is in fold i % K, as `train-language --folds`), and
tested on that fold; CLD2 (pretrained) is tested on the same paragraphs.
Only paragraphs of at least MIN_CHARS code points count. Chinese variants
count as one language, and so do Serbian and Croatian (ANCHORS.md).
"""
import json, os, subprocess, sys, tempfile, time

WORDLOOM, CLD2, UDHR = sys.argv[1], sys.argv[2], sys.argv[3]
K, MIN_CHARS = 5, 20
ISO = {"eng": "en", "deu_1996": "de", "fra": "fr", "spa": "es", "ita": "it", "por_PT": "pt",
       "nld": "nl", "swe": "sv", "fin": "fi", "pol": "pl", "ces": "cs", "hun": "hu",
       "ron_1993": "ro", "bul": "bg", "rus": "ru", "ukr": "uk", "srp_cyrl": "sr", "hrv": "hr",
       "ell_monotonic": "el", "tur": "tr", "arb": "ar", "heb": "he", "pes_1": "fa", "urd": "ur",
       "hin": "hi", "ben": "bn", "mar": "mr", "tam": "ta", "tel": "te", "kan": "kn", "mal": "ml",
       "guj": "gu", "pan": "pa", "sin": "si", "tha": "th", "lao": "lo", "khm": "km", "mya": "my",
       "kat": "ka", "hye": "hy", "amh": "am", "swh": "sw", "ind": "id", "vie": "vi", "tgl": "tl",
       "cmn_hans": "zh", "cmn_hant": "zh-TW", "yue": "zh-TW", "jpn": "ja", "kor": "ko"}


def canon(code):
    code = {"iw": "he", "zh-Hant": "zh", "zh-TW": "zh", "fil": "tl", "in": "id", "bs": "sr",
            "hr": "sr", "ms": "id"}.get(code, code)
    return code


def folds():
    out = {f: [] for f in range(K)}
    for udhr, iso in ISO.items():
        with open(os.path.join(UDHR, udhr + ".txt"), encoding="utf-8") as fh:
            paras = [l.rstrip("\n") for l in fh if l.strip()]
        for i, p in enumerate(paras):
            if len(p) >= MIN_CHARS:
                out[i % K].append((iso, p))
    return out


def main():
    tmp = tempfile.mkdtemp()
    ours = cld = total = 0
    our_secs = cld_secs = 0.0
    nbytes = 0
    for f, items in folds().items():
        model = os.path.join(tmp, "fold%d.wlm" % f)
        subprocess.run([WORDLOOM, "train-language", "--udhr", UDHR, "--output", model,
                        "--folds", str(K), "--fold", str(f)], check=True, capture_output=True)
        text = "".join(p + "\n" for _, p in items)
        nbytes += len(text.encode())
        t = time.perf_counter()
        r = subprocess.run([WORDLOOM, "language", "--model", model, "--threads", "1"],
                           input=text.encode(), capture_output=True, check=True)
        our_secs += time.perf_counter() - t
        preds = [json.loads(l)["Languages"] for l in r.stdout.decode().splitlines()]
        t = time.perf_counter()
        c = subprocess.run([CLD2], input=text.encode(), capture_output=True, check=True)
        cld_secs += time.perf_counter() - t
        cpreds = c.stdout.decode().splitlines()
        for (gold, _), p, cp in zip(items, preds, cpreds):
            total += 1
            ours += bool(p) and canon(p[0]["LanguageCode"]) == canon(gold)
            cld += canon(cp) == canon(gold)
    print("paragraphs (>= %d chars, %d folds): %d, %.1f KB" % (MIN_CHARS, K, total, nbytes / 1e3))
    print("wordloom accuracy %.4f  (%.3f s incl. process start + model load, 1 thread)" % (ours / total, our_secs))
    print("CLD2     accuracy %.4f  (%.3f s incl. process start)" % (cld / total, cld_secs))
    print("accuracy ratio wordloom/CLD2 %.3f" % ((ours / total) / (cld / total)))


main()
