#!/usr/bin/env python3
"""fastText CLI vs `wordloom` on the labelled sets built by prepare.py: same
hyper-parameters, same threads, one process per step, side by side.

Per set and setting: mean (± std) test accuracy over --repeats runs (P@1:
top label among the gold labels); run k uses seed k and its own order of the
training file (run 1 the file as prepare.py wrote it, run k > 1 those lines
shuffled with seed k), the same file and seed for both systems. fastText
reads its input in file order, so its accuracy depends on that order (SST-2
dim 100: sd 0.5 points over 40 orders; with 1 thread nearly all of its
spread comes from the order, not -seed): one order alone can favour either
system by a point by chance. mean training wall time and peak RSS
(whole process: read, train, save), prediction throughput (docs/s over the
test set repeated to about --predict-docs documents, model load included)
and model file size. Speed-ups are given on wall time and on CPU time (user
+ sys), the latter being steadier on a machine shared with other jobs.
"""
import argparse
import os
import random
import subprocess
import sys
import time

FASTTEXT = "/usr/bin/fasttext"


def run_timed(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd under /usr/bin/time; returns (wall s, CPU s (user + sys), peak RSS MB)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + cmd, stdout=stdout,
                       stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    user, system, rss_kb = p.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss_kb) / 1024.0


def gold_labels(path):
    with open(path, encoding="utf-8") as f:
        return [{t for t in line.split() if t.startswith("__label__")} for line in f]


def accuracy(gold, predictions_path):
    with open(predictions_path, encoding="utf-8") as f:
        preds = [line.split()[:1] for line in f]
    hits = sum(1 for g, p in zip(gold, preds) if p and p[0] in g)
    return hits / len(gold)


def repeat_file(src, dst, docs):
    with open(src, encoding="utf-8") as f:
        lines = f.readlines()
    times = max(1, docs // len(lines))
    with open(dst, "w", encoding="utf-8") as f:
        for _ in range(times):
            f.writelines(lines)
    return times * len(lines)


def shuffled_copy(train, work, name, run):
    """The training file for run `run`: as prepared for run 1, else its lines
    shuffled with seed `run` (written once under `work`)."""
    if run == 1:
        return train
    path = os.path.join(work, f"{name}.train.{run}")
    if not os.path.exists(path):
        with open(train, encoding="utf-8") as f:
            lines = f.readlines()
        random.Random(run).shuffle(lines)
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
    return path


def fasttext_cmds(train, model, s):
    train_cmd = [FASTTEXT, "supervised", "-input", train, "-output", model, "-seed", str(s["seed"]),
                 "-dim", str(s["dim"]),
                 "-wordNgrams", str(s["ngrams"]), "-epoch", str(s["epoch"]), "-lr", str(s["lr"]),
                 "-loss", s["loss"], "-thread", str(s["threads"]), "-verbose", "0"]
    return train_cmd, model + ".bin", lambda m, f: [FASTTEXT, "predict", m, f, "1"]


def wordloom_cmds(wordloom, tokenizer):
    def make(train, model, s):
        train_cmd = [wordloom, "train-classifier", "--input", train, "--output", model + ".wlm",
                     "--dim", str(s["dim"]), "--word-ngrams", str(s["ngrams"]), "--epoch",
                     str(s["epoch"]), "--lr", str(s["lr"]), "--loss", s["loss"], "--threads",
                     str(s["threads"]), "--tokenizer", tokenizer, "--seed", str(s["seed"])]
        return train_cmd, model + ".wlm", lambda m, f: [
            wordloom, "classify", "--model", m, "--threads", str(s["threads"]), f]
    return make


def measure(system, make, name, data, work, s, predict_docs, repeats):
    """Trains `repeats` times (runs 1..repeats, see shuffled_copy): mean
    accuracy and training time; prediction throughput and size of the last
    model."""
    train, test = os.path.join(data, name + ".train"), os.path.join(data, name + ".test")
    gold = gold_labels(test)
    model = os.path.join(work, f"{system}-{name}")
    accs, walls, cpus, rss = [], [], [], 0.0
    for seed in range(1, repeats + 1):
        run_train = shuffled_copy(train, work, name, seed)
        train_cmd, model_file, predict_cmd = make(run_train, model, dict(s, seed=seed))
        train_wall, train_cpu, train_rss = run_timed(train_cmd)
        walls.append(train_wall)
        cpus.append(train_cpu)
        rss = max(rss, train_rss)
        preds = model + ".pred"
        with open(preds, "w") as out:
            run_timed(predict_cmd(model_file, test), stdout=out)
        accs.append(accuracy(gold, preds))
    big = os.path.join(work, name + ".predict")
    if not os.path.exists(big):
        repeat_file(test, big, predict_docs)
    with open(big, encoding="utf-8") as f:
        docs = sum(1 for _ in f)
    pred_wall, pred_cpu, _ = run_timed(predict_cmd(model_file, big))
    size = os.path.getsize(model_file) / 1e6
    for path in (model_file, model + ".bin", model + ".vec", preds):
        if os.path.exists(path):
            os.remove(path)
    mean = lambda xs: sum(xs) / len(xs)
    return dict(acc=mean(accs), sd=(mean([(a - mean(accs)) ** 2 for a in accs])) ** 0.5,
                train=mean(walls), train_cpu=mean(cpus), rss=rss, pred=docs / pred_wall,
                pred_cpu=docs / max(pred_cpu, 1e-3), size=size)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wordloom", required=True)
    ap.add_argument("--data", required=True, help="directory written by prepare.py")
    ap.add_argument("--work", required=True)
    ap.add_argument("--sets", default="trec6,sst2,mr,subj,cr,mpqa,20ng,reuters")
    ap.add_argument("--dims", default="10,100")
    ap.add_argument("--ngrams", default="1,2")
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--tokenizer", default="whitespace")
    ap.add_argument("--predict-docs", type=int, default=100000)
    ap.add_argument("--repeats", type=int, default=3, help="training runs (seeds) per setting")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    doc_lr = {"20ng": 0.5, "reuters": 0.5}
    print("| set | dim | n-grams | fastText acc | wordloom acc | diff (points) | fastText train s "
          "| wordloom train s | train speed-up (wall / CPU) | fastText pred docs/s "
          "| wordloom pred docs/s | pred speed-up (wall / CPU) | fastText MB | wordloom MB "
          "| fastText RSS MB | wordloom RSS MB |")
    print("|" + " --- |" * 16)
    for name in args.sets.split(","):
        for dim in map(int, args.dims.split(",")):
            for ngrams in map(int, args.ngrams.split(",")):
                s = dict(dim=dim, ngrams=ngrams, epoch=args.epoch, lr=doc_lr.get(name, 0.1),
                         loss="ova" if name == "reuters" else "softmax", threads=args.threads)
                ft = measure("ft", fasttext_cmds, name, args.data, args.work, s, args.predict_docs,
                             args.repeats)
                wl = measure("wl", wordloom_cmds(args.wordloom, args.tokenizer), name, args.data,
                             args.work, s, args.predict_docs, args.repeats)
                print(f"| {name} | {dim} | {ngrams} | {ft['acc']:.4f} ±{ft['sd']:.3f} | "
                      f"{wl['acc']:.4f} ±{wl['sd']:.3f} | {100 * (wl['acc'] - ft['acc']):+.2f} | "
                      f"{ft['train']:.2f} | {wl['train']:.2f} | {ft['train'] / wl['train']:.1f}x / "
                      f"{ft['train_cpu'] / max(wl['train_cpu'], 1e-3):.1f}x | {ft['pred']:,.0f} | "
                      f"{wl['pred']:,.0f} | {wl['pred'] / ft['pred']:.1f}x / "
                      f"{wl['pred_cpu'] / ft['pred_cpu']:.1f}x | {ft['size']:.1f} | {wl['size']:.1f} | "
                      f"{ft['rss']:.0f} | {wl['rss']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
