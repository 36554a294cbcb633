#!/usr/bin/env python3
"""Quantisation cost: `fasttext quantize` vs `wordloom quantize` on the sets
built by prepare.py. Per set, one dense model per system (same
hyper-parameters, seed 1), then each quantisation setting applied to it:
test accuracy (P@1), model file size, prediction throughput (docs/s over the
test set repeated to about --predict-docs documents, model load included),
quantisation wall time; plus wordloom predicting from fastText's own .ftz.
"""
import argparse
import os

from bench import FASTTEXT, accuracy, gold_labels, repeat_file, run_timed


def predict(cmd_for, model, test, big, gold, docs):
    preds = model + ".pred"
    with open(preds, "w") as out:
        run_timed(cmd_for(model, test), stdout=out)
    acc = accuracy(gold, preds)
    os.remove(preds)
    wall, _, _ = run_timed(cmd_for(model, big))
    return acc, docs / wall, os.path.getsize(model) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordloom", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sets", default="trec6,sst2,20ng")
    ap.add_argument("--dim", type=int, default=10)
    ap.add_argument("--ngrams", type=int, default=2)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--settings", default=";-qnorm -cutoff 100000",
                    help="fastText quantize flags per setting, ';'-separated")
    ap.add_argument("--predict-docs", type=int, default=50000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    wl, t = args.wordloom, str(args.threads)
    ft_pred = lambda m, f: [FASTTEXT, "predict", m, f, "1"]
    wl_pred = lambda m, f: [wl, "classify", "--model", m, "--threads", t, f]
    print("| set | model | fastText acc | wordloom acc | diff (points) | fastText MB | wordloom MB "
          "| fastText quantize s | wordloom quantize s | fastText pred docs/s "
          "| wordloom pred docs/s | wordloom on fastText's model: acc, docs/s |")
    print("|" + " --- |" * 12)
    for name in args.sets.split(","):
        train = os.path.join(args.data, name + ".train")
        test = os.path.join(args.data, name + ".test")
        gold = gold_labels(test)
        big = os.path.join(args.work, name + ".predict")
        if not os.path.exists(big):
            repeat_file(test, big, args.predict_docs)
        with open(big, encoding="utf-8") as f:
            docs = sum(1 for _ in f)
        lr = "0.5" if name in ("20ng", "reuters") else "0.1"
        ft = os.path.join(args.work, "ft-" + name)
        wlm = os.path.join(args.work, "wl-" + name + ".wlm")
        run_timed([FASTTEXT, "supervised", "-input", train, "-output", ft, "-dim", str(args.dim),
                   "-wordNgrams", str(args.ngrams), "-epoch", str(args.epoch), "-lr", lr,
                   "-thread", t, "-seed", "1", "-verbose", "0"])
        run_timed([wl, "train-classifier", "--input", train, "--output", wlm, "--dim",
                   str(args.dim), "--word-ngrams", str(args.ngrams), "--epoch", str(args.epoch),
                   "--lr", lr, "--threads", t, "--tokenizer", "whitespace", "--seed", "1"])
        fa, fs, fm = predict(ft_pred, ft + ".bin", test, big, gold, docs)
        wa, ws, wm = predict(wl_pred, wlm, test, big, gold, docs)
        xa, xs, _ = predict(wl_pred, ft + ".bin", test, big, gold, docs)
        print(f"| {name} | dense | {fa:.4f} | {wa:.4f} | {100 * (wa - fa):+.2f} | {fm:.1f} | "
              f"{wm:.1f} | – | – | {fs:,.0f} | {ws:,.0f} | {xa:.4f}, {xs:,.0f} |", flush=True)
        for setting in args.settings.split(";"):
            flags = setting.split()
            fq_wall, _, _ = run_timed([FASTTEXT, "quantize", "-input", train, "-output", ft,
                                       "-thread", t] + flags)
            wq = os.path.join(args.work, "wl-" + name + ".q.wlm")
            wl_flags = ["--" + f.lstrip("-") if f.startswith("-") else f for f in flags]
            if "-retrain" in flags:  # fastText retrains on its -input; wordloom needs --input
                wl_flags += ["--input", train]
            wq_wall, _, _ = run_timed([wl, "quantize", "--model", wlm, "--out", wq,
                                       "--threads", t] + wl_flags)
            fa, fs, fm = predict(ft_pred, ft + ".ftz", test, big, gold, docs)
            wa, ws, wm = predict(wl_pred, wq, test, big, gold, docs)
            xa, xs, _ = predict(wl_pred, ft + ".ftz", test, big, gold, docs)
            label = f"quantize `{setting}`" if setting else "quantize (defaults: dsub 2)"
            print(f"| {name} | {label} | {fa:.4f} | {wa:.4f} | "
                  f"{100 * (wa - fa):+.2f} | {fm:.2f} | {wm:.2f} | {fq_wall:.1f} | {wq_wall:.1f} | "
                  f"{fs:,.0f} | {ws:,.0f} | {xa:.4f}, {xs:,.0f} |", flush=True)
        for path in (ft + ".bin", ft + ".vec", ft + ".ftz", wlm,
                     os.path.join(args.work, "wl-" + name + ".q.wlm")):
            if os.path.exists(path):
                os.remove(path)


if __name__ == "__main__":
    main()
