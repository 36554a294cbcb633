// Accuracy of the npm lexicon peers on `label<TAB>text` lines (label 1/0):
// `sentiment` (AFINN-165; score >= 0 counts as positive) and
// `vader-sentiment` (compound >= 0 positive, as in ANCHORS.md).
// Usage: node peers.mjs NODE_MODULES_DIR FILE NAME
import { createRequire } from 'module';
import { readFileSync } from 'fs';
const [modules, file, name] = process.argv.slice(2);
const require = createRequire(modules + '/');
const Sentiment = require('sentiment');
const vader = require('vader-sentiment');
const afinn = new Sentiment();
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
let a = 0, v = 0;
const t0 = process.hrtime.bigint();
for (const line of lines) {
  const tab = line.indexOf('\t');
  const positive = line.slice(0, tab) === '1';
  const text = line.slice(tab + 1);
  if ((afinn.analyze(text).score >= 0) === positive) a++;
  if ((vader.SentimentIntensityAnalyzer.polarity_scores(text).compound >= 0) === positive) v++;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`${name}\tafinn=${(a / lines.length).toFixed(4)}\tvader=${(v / lines.length).toFixed(4)}\tn=${lines.length}\tms=${ms.toFixed(0)}`);
