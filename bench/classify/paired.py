#!/usr/bin/env python3
"""Paired accuracy check of one setting over many training-file orders:
fastText CLI vs one or more wordloom binaries (--wl), run k = seed k and
order k exactly as in bench.py (order 1 the prepared file, order k > 1 its
lines shuffled with seed k). Prints the mean P@1 of each system and the mean
per-order difference with its standard error: per-order differences cancel
most of the order-to-order spread (fastText's result depends on the file
order), so a gap of 0.1 point can be told from noise with 100+ orders where
bench.py's 10 cannot. fastText results are cached in WORK/ft-cache.json.

  python3 bench/classify/paired.py --data /tmp/wordloom-bench-classify/data \
      --work /tmp/paired --set trec6 --dim 10 --orders 150 --wl build/bin/wordloom
"""
import json, os, random, subprocess, sys, argparse
ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--set"); ap.add_argument("--dim", type=int); ap.add_argument("--ngrams", type=int, default=1)
ap.add_argument("--orders", type=int, default=20); ap.add_argument("--first", type=int, default=1)
ap.add_argument("--lr", default="0.1"); ap.add_argument("--loss", default="softmax")
ap.add_argument("--threads", type=int, default=2); ap.add_argument("--wl", nargs="+", default=[])
ap.add_argument("--extra", default="", help="extra train-classifier flags")
ap.add_argument("--data", required=True, help="directory written by prepare.py")
ap.add_argument("--work", required=True)
a = ap.parse_args()
D = a.data; W = a.work; os.makedirs(W, exist_ok=True)
cache_path = os.path.join(W, "ft-cache.json")
cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}
train = f"{D}/{a.set}.train"; test = f"{D}/{a.set}.test"
gold = [{t for t in l.split() if t.startswith("__label__")} for l in open(test)]
def acc(pred):
    ps = [l.split()[:1] for l in pred.splitlines()]
    return sum(1 for g, p in zip(gold, ps) if p and p[0] in g) / len(gold)
def order_file(k):
    if k == 1: return train
    p = f"{W}/{a.set}.train.{k}"
    if not os.path.exists(p):
        lines = open(train).readlines(); random.Random(k).shuffle(lines); open(p, "w").writelines(lines)
    return p
def ft(k):
    key = f"{a.set}/{a.dim}/{a.ngrams}/{a.lr}/{a.loss}/{a.threads}/{k}"
    if key in cache: return cache[key]
    m = f"{W}/ft-{a.set}-{k}-{os.getpid()}"
    subprocess.run(["/usr/bin/fasttext","supervised","-input",order_file(k),"-output",m,"-seed",str(k),"-dim",str(a.dim),
      "-wordNgrams",str(a.ngrams),"-epoch","5","-lr",a.lr,"-loss",a.loss,"-thread",str(a.threads),"-verbose","0"],check=True)
    out = subprocess.run(["/usr/bin/fasttext","predict",m+".bin",test,"1"],capture_output=True,text=True,check=True).stdout
    for e in (".bin",".vec"):
        if os.path.exists(m+e): os.remove(m+e)
    cache[key] = acc(out); return cache[key]
def wl(binary, k):
    m = f"{W}/wl-{a.set}-{k}-{os.getpid()}-{os.path.basename(binary)}.wlm"
    subprocess.run([binary,"train-classifier","--input",order_file(k),"--output",m,"--dim",str(a.dim),"--word-ngrams",str(a.ngrams),
      "--epoch","5","--lr",a.lr,"--loss",a.loss,"--threads",str(a.threads),"--tokenizer","whitespace","--seed",str(k)] + a.extra.split(),
      check=True, stderr=subprocess.DEVNULL)
    out = subprocess.run([binary,"classify","--model",m,"--threads","1",test],capture_output=True,text=True,check=True).stdout
    os.remove(m); return acc(out)
ks = range(a.first, a.first + a.orders)
f = [ft(k) for k in ks]
json.dump(cache, open(cache_path, "w"))
mean = lambda x: sum(x)/len(x)
sd = lambda x: (sum((v-mean(x))**2 for v in x)/(len(x)-1))**.5
print(f"{a.set} dim{a.dim} ng{a.ngrams} orders {a.first}..{a.first+a.orders-1}: fastText {mean(f):.4f}")
for b in a.wl:
    w = [wl(b, k) for k in ks]
    d = [x - y for x, y in zip(w, f)]
    print(f"  {b:30s} {mean(w):.4f}  diff {100*mean(d):+.2f} ± {100*sd(d)/len(d)**.5:.2f} (s.e.) points")
