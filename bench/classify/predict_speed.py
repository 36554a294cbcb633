#!/usr/bin/env python3
"""Prediction throughput only, for a few settings: one model per system
(seed 1, the training file as prepare.py wrote it), then `fasttext predict
MODEL FILE 1` (it has no thread option) and `wordloom classify --threads T`
alternately, --rounds times each, over the test set repeated to about
--predict-docs documents (model load included). Prints docs/s of the median
round, wall and CPU (user + sys), and the wordloom/fastText ratios: the same
protocol as bench.py's prediction columns, without its training repeats.
"""
import argparse
import os
import statistics

from bench import FASTTEXT, repeat_file, run_timed

# The settings whose wall-time ratio was below 2x in the shared-machine run.
DEFAULT = "sst2:100:1,sst2:10:2,reuters:100:1"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordloom", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--settings", default=DEFAULT, help="set:dim:ngrams,...")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--predict-docs", type=int, default=100000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    t = str(args.threads)
    print("| set | dim | n-grams | docs | fastText docs/s (wall / CPU) | wordloom docs/s (wall / CPU) "
          "| speed-up (wall / CPU) |")
    print("|" + " --- |" * 7)
    for setting in args.settings.split(","):
        name, dim, ngrams = setting.split(":")
        train = os.path.join(args.data, name + ".train")
        test = os.path.join(args.data, name + ".test")
        lr = "0.5" if name in ("20ng", "reuters") else "0.1"
        loss = "ova" if name == "reuters" else "softmax"
        ft = os.path.join(args.work, f"ft-{name}")
        wl = os.path.join(args.work, f"wl-{name}.wlm")
        run_timed([FASTTEXT, "supervised", "-input", train, "-output", ft, "-dim", dim,
                   "-wordNgrams", ngrams, "-epoch", "5", "-lr", lr, "-loss", loss, "-thread", t,
                   "-seed", "1", "-verbose", "0"])
        run_timed([args.wordloom, "train-classifier", "--input", train, "--output", wl, "--dim",
                   dim, "--word-ngrams", ngrams, "--epoch", "5", "--lr", lr, "--loss", loss,
                   "--threads", t, "--tokenizer", "whitespace", "--seed", "1"])
        big = os.path.join(args.work, name + ".predict")
        if not os.path.exists(big):
            repeat_file(test, big, args.predict_docs)
        with open(big, encoding="utf-8") as f:
            docs = sum(1 for _ in f)
        ft_runs, wl_runs = [], []
        for _ in range(args.rounds):
            ft_runs.append(run_timed([FASTTEXT, "predict", ft + ".bin", big, "1"])[:2])
            wl_runs.append(run_timed([args.wordloom, "classify", "--model", wl, "--threads", t,
                                      big])[:2])
        fw, fc = (statistics.median(r[i] for r in ft_runs) for i in (0, 1))
        ww, wc = (statistics.median(r[i] for r in wl_runs) for i in (0, 1))
        print(f"| {name} | {dim} | {ngrams} | {docs:,} | {docs / fw:,.0f} / {docs / fc:,.0f} | "
              f"{docs / ww:,.0f} / {docs / wc:,.0f} | {fw / ww:.1f}x / {fc / wc:.1f}x |",
              flush=True)
        for path in (ft + ".bin", ft + ".vec", wl):
            if os.path.exists(path):
                os.remove(path)


if __name__ == "__main__":
    main()
