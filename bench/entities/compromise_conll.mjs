// Anchor for bench/entities: compromise (npm) people / places /
// organizations on CoNLL sentences (words joined by spaces), scored with
// conlleval semantics (exact span and type; strict word boundaries: an
// entity must start and end on word boundaries to count). compromise has
// no MISC type, so MISC entities count as missed. Prints F1 and speed.
// Usage: node compromise_conll.mjs NODE_MODULES_DIR FILE.conll
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const [modules, file] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), 'x.js'));
const nlp = require('compromise');

const sentences = [];
let words = [], tags = [];
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  const cols = line.trim().split(/\s+/);
  if (cols[0] === '' || cols[0] === '-DOCSTART-') {
    if (words.length) sentences.push({ words, tags });
    words = []; tags = [];
    continue;
  }
  words.push(cols[0]); tags.push(cols[cols.length - 1]);
}
if (words.length) sentences.push({ words, tags });

function chunks(tags) {  // conlleval chunks of IOB1/IOB2 tags: "begin,end,type"
  const out = []; let start = -1, prevType = '', prevP = 'O';
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i] : 'O';
    const p = t === 'O' ? 'O' : t[0], type = t === 'O' ? '' : t.slice(2);
    const end = (prevP !== 'O' && (p === 'B' || p === 'O')) || (prevP !== 'O' && prevType !== type);
    const begin = p === 'B' || (prevP === 'O' && p === 'I') || (p !== 'O' && prevType !== type);
    if (end && start >= 0) { out.push(`${start},${i},${prevType}`); start = -1; }
    if (begin) start = i;
    prevP = p; prevType = type;
  }
  return out;
}

const kinds = [['people', 'PER'], ['places', 'LOC'], ['organizations', 'ORG']];
const guesses = [];
let tokens = 0;
const t0 = process.hrtime.bigint();
for (const s of sentences) {
  const text = s.words.join(' ');
  const doc = nlp(text);
  const found = [];
  for (const [method, type] of kinds) {
    for (const m of doc[method]().json({ offset: true })) found.push([m.offset.start, m.offset.length, type]);
  }
  guesses.push(found);
  tokens += s.words.length;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

const count = {};
const get = (t) => (count[t] ??= { correct: 0, guessed: 0, gold: 0 });
sentences.forEach((s, k) => {
  const starts = new Map(), ends = new Map();
  let pos = 0;
  s.words.forEach((w, i) => { starts.set(pos, i); ends.set(pos + w.length, i + 1); pos += w.length + 1; });
  const gold = new Set(chunks(s.tags));
  for (const g of gold) { get(g.split(',')[2]).gold++; get('ALL').gold++; }
  const seen = new Set();
  for (const [start, length, type] of guesses[k]) {
    const b = starts.get(start), e = ends.get(start + length);
    const key = b === undefined || e === undefined ? `x${start},${length},${type}` : `${b},${e},${type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    get(type).guessed++; get('ALL').guessed++;
    if (gold.has(key)) { get(type).correct++; get('ALL').correct++; }
  }
});
const f1 = (c) => { const p = c.guessed ? c.correct / c.guessed : 0, r = c.gold ? c.correct / c.gold : 0;
  return p + r ? (200 * p * r) / (p + r) : 0; };
for (const t of ['ALL', 'PER', 'LOC', 'ORG', 'MISC']) {
  const c = get(t);
  console.log(`compromise ${t.padEnd(4)} F1 ${f1(c).toFixed(2)}  (correct ${c.correct}, guessed ${c.guessed}, gold ${c.gold})`);
}
console.log(`compromise speed: ${tokens} words in ${seconds.toFixed(3)} s = ${Math.round(tokens / seconds)} words/s (1 thread)`);
