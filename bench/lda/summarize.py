#!/usr/bin/python3
"""Prints the bench/lda result table (markdown) from run.sh's output dir.

  summarize.py RUN_DIR THREADS
"""
import json
import os
import sys


def load(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def main():
    run, threads = sys.argv[1], int(sys.argv[2])
    rows = []
    names = sorted(n for n in os.listdir(run) if os.path.isdir(os.path.join(run, n)))
    keys = sorted({tuple(n.split('-')[:2]) for n in names}, key=lambda x: (x[0], int(x[1])))
    k20_rate = {}
    print('| corpus | K | system | passes / iterations | train wall s | M tokens/s/core | NPMI top-10 '
          '| held-out perplexity | wordloom time to gensim NPMI | speed-up vs gensim |')
    print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    for ds, k in keys:
        base = {}
        for sys_name in ('gensim', 'sklearn'):
            r = os.path.join(run, '%s-%s-%s' % (ds, k, sys_name))
            if not os.path.exists(os.path.join(r, 'coherence.json')):
                continue  # not run, or stopped before it finished
            res = load(os.path.join(r, 'result.json'))[0]
            coh = load(os.path.join(r, 'coherence.json'))[0]
            base[sys_name] = (res, coh)
            rate = res['tokens'] * res['passes'] / res['wall'] / threads / 1e6
            print('| %s | %s | %s | %d passes | %.1f | %.3f | %.3f | %.0f | | |' % (
                ds, k, sys_name, res['passes'], res['wall'], rate, coh['npmi'], res['perplexity']))
        r = os.path.join(run, '%s-%s-wordloom' % (ds, k))
        if not os.path.exists(os.path.join(r, 'coherence.json')):
            continue
        log = load(os.path.join(r, 'eval.jsonl'))
        coh = load(os.path.join(r, 'coherence.json'))[0]
        last = log[-1]
        with open(os.path.join(run, '..', 'data', ds, 'stats.json')) as f:
            train_tokens = json.load(f)['train_tokens']
        rate = train_tokens * last['iteration'] / last['seconds'] / threads / 1e6
        if k == '20':
            k20_rate[ds] = rate
        reach, speedup = '', ''
        if 'gensim' in base:
            target = base['gensim'][1]['npmi']
            hit = next((e for e in log if e['npmi'] >= target), None)
            if hit:
                reach = '%.2f s (iter %d)' % (hit['seconds'], hit['iteration'])
                speedup = '%.1fx' % (base['gensim'][0]['wall'] / hit['seconds'])
            else:
                reach, speedup = 'not reached', '-'
        ratio = ' (%.2fx K=20)' % (k20_rate[ds] / rate) if ds in k20_rate and k != '20' else ''
        print('| %s | %s | wordloom | %d iterations | %.1f | %.3f%s | %.3f | %.0f | %s | %s |' % (
            ds, k, last['iteration'], last['seconds'], rate, ratio, coh['npmi'], coh['perplexity'],
            reach, speedup))


if __name__ == '__main__':
    main()
