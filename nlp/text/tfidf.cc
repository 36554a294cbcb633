#include "nlp/text/tfidf.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
// GCC 12 flags xxHash's inlined AVX-512 code (_mm512_undefined_* operands) as
// using uninitialized values: a false positive (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#define XXH_INLINE_ALL
#include <xxhash.h>
#pragma GCC diagnostic pop
#include "core/strings.h"

namespace wordloom::nlp {

TfidfWeights::TfidfWeights(std::vector<int64_t> document_frequencies, int64_t num_documents,
                           const TfidfOptions& options)
    : options_(options), num_documents_(num_documents) {
  idf_.resize(document_frequencies.size());
  for (size_t i = 0; i < idf_.size(); ++i) idf_[i] = IdfOf(document_frequencies[i]);
}

TfidfWeights TfidfWeights::FromVocabulary(const Vocabulary& vocab, const TfidfOptions& options) {
  std::vector<int64_t> df(vocab.size());
  for (size_t i = 0; i < df.size(); ++i) df[i] = vocab.DocumentFrequency(static_cast<int32_t>(i));
  return TfidfWeights(std::move(df), vocab.num_documents(), options);
}

double TfidfWeights::IdfOf(int64_t df) const {
  if (!options_.use_idf) return 1.0;
  const double n = static_cast<double>(num_documents_);
  const double d = static_cast<double>(df);
  // Same expressions as sklearn's TfidfTransformer.fit (float64).
  if (options_.smooth_idf) return std::log((n + 1.0) / (d + 1.0)) + 1.0;
  return d > 0 ? std::log(n / d) + 1.0 : std::log(n + 1.0) + 1.0;
}

double TfidfWeights::Idf(int32_t id) const {
  if (id >= 0 && static_cast<size_t>(id) < idf_.size()) return idf_[id];
  return IdfOf(0);
}

void TfidfWeights::Transform(std::span<const int32_t> ids, std::vector<WeightedTerm>* out) const {
  out->clear();
  std::vector<int32_t> sorted;
  sorted.reserve(ids.size());
  for (int32_t id : ids) {
    if (id >= 0) sorted.push_back(id);
  }
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    out->push_back({sorted[i], static_cast<double>(j - i)});
    i = j;
  }
  WeightCounts(out);
}

void TfidfWeights::WeightCounts(std::vector<WeightedTerm>* terms) const {
  double norm = 0;
  for (WeightedTerm& t : *terms) {
    double tf = t.weight;
    if (options_.tf == TfWeighting::kLog) tf = std::log(tf) + 1.0;
    if (options_.tf == TfWeighting::kBoolean) tf = tf > 0 ? 1.0 : 0.0;
    t.weight = tf * Idf(t.id);
    norm += options_.norm == TfidfNorm::kL1 ? std::fabs(t.weight) : t.weight * t.weight;
  }
  if (options_.norm == TfidfNorm::kNone || norm == 0) return;
  if (options_.norm == TfidfNorm::kL2) norm = std::sqrt(norm);
  for (WeightedTerm& t : *terms) t.weight /= norm;
}

}  // namespace wordloom::nlp

// ---- Pre-tokenized lines: white space and FitTransformLines() -------------

namespace wordloom::nlp {

size_t WhitespaceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) -> unsigned { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  const unsigned c = byte(i);
  if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return 1;
  if (c < 0x80) return 0;
  const unsigned c1 = byte(i + 1), c2 = byte(i + 2);
  if (c == 0xc2) return (c1 == 0x85 || c1 == 0xa0) ? 2 : 0;
  if (c == 0xe1) return (c1 == 0x9a && c2 == 0x80) ? 3 : 0;
  if (c == 0xe2 && c1 == 0x80) {
    return ((c2 >= 0x80 && c2 <= 0x8a) || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf) ? 3 : 0;
  }
  if (c == 0xe2) return (c1 == 0x81 && c2 == 0x9f) ? 3 : 0;
  if (c == 0xe3) return (c1 == 0x80 && c2 == 0x80) ? 3 : 0;
  return 0;
}

namespace {

using TermIds = absl::flat_hash_map<std::string_view, int32_t, StringHash, StringEq>;

// One distinct term of a chunk and its per-document bookkeeping, kept in
// one place so a token touches one cache line.
struct TermEntry {
  uint64_t hash = 0;
  uint64_t prefix = 0;  // the first 8 bytes (zero padded)
  uint32_t offset = 0, length = 0;  // bytes in the arena
  int32_t last_doc = -1;  // last document of the chunk that held it
  uint32_t slot = 0;      // its entry in that document's row
  int64_t df = 0;
};

// The first 8 bytes of `term`, zero padded. `limit` is the end of readable
// memory after term.data(): when 8 bytes are readable, one unaligned load
// and a mask replace a variable-length copy.
uint64_t Prefix(std::string_view term, const char* limit) {
  static_assert(std::endian::native == std::endian::little, "Prefix() masks little-endian loads");
  uint64_t p = 0;
  if (limit - term.data() >= 8) {
    std::memcpy(&p, term.data(), 8);
    if (term.size() < 8) p &= (uint64_t{1} << (8 * term.size())) - 1;  // little-endian
    return p;
  }
  for (size_t i = 0; i < term.size() && i < 8; ++i) p |= uint64_t{static_cast<unsigned char>(term[i])} << (8 * i);
  return p;
}

// Term -> dense id for one thread: open addressing over XXH3 hashes, keys
// copied into a compact arena (comparing against the first occurrence in
// the input would touch a random place of a large text on every lookup);
// terms of up to 8 bytes compare in the entry alone.
class TermTable {
 public:
  TermTable() : slots_(1 << 16, kEmpty) {}

  // The entry of `term`, added when new (id = its index). Bytes up to
  // `limit` may be read past the term's end.
  int32_t Intern(std::string_view term, const char* limit) {
    const uint64_t h = XXH3_64bits(term.data(), term.size());
    const uint64_t prefix = Prefix(term, limit);
    size_t i = h & (slots_.size() - 1);
    while (true) {
      const int32_t id = slots_[i];
      if (id == kEmpty) break;
      const TermEntry& e = entries_[id];
      if (e.hash == h && e.prefix == prefix && e.length == term.size() &&
          (term.size() <= 8 || Term(id) == term)) {
        return id;
      }
      i = (i + 1) & (slots_.size() - 1);
    }
    const int32_t id = static_cast<int32_t>(entries_.size());
    slots_[i] = id;
    entries_.push_back({.hash = h, .prefix = prefix, .offset = static_cast<uint32_t>(arena_.size()),
                        .length = static_cast<uint32_t>(term.size())});
    arena_.append(term);
    if (2 * entries_.size() > slots_.size()) Grow();
    return id;
  }

  TermEntry& entry(int32_t id) { return entries_[id]; }
  const TermEntry& entry(int32_t id) const { return entries_[id]; }
  std::string_view Term(int32_t id) const {
    return std::string_view(arena_).substr(entries_[id].offset, entries_[id].length);
  }
  size_t size() const { return entries_.size(); }

 private:
  static constexpr int32_t kEmpty = -1;

  void Grow() {
    std::vector<int32_t> slots(slots_.size() * 2, kEmpty);
    for (size_t id = 0; id < entries_.size(); ++id) {
      size_t i = entries_[id].hash & (slots.size() - 1);
      while (slots[i] != kEmpty) i = (i + 1) & (slots.size() - 1);
      slots[i] = static_cast<int32_t>(id);
    }
    slots_.swap(slots);
  }

  std::vector<int32_t> slots_;
  std::vector<TermEntry> entries_;
  std::string arena_;  // may exceed 4 GiB only for > 4 GiB of distinct terms
};

// One thread's share of the lines: its own term ids and, per document, the
// distinct local term ids with their counts.
struct Chunk {
  std::string_view text;
  TermTable table;
  std::vector<uint64_t> row_begin{0};
  std::vector<int32_t> local_columns;
  std::vector<uint32_t> counts;
  std::vector<int32_t> to_global;  // local id -> column
};

void CountChunk(Chunk* c) {
  std::string_view text = c->text;
  int32_t doc = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    ForEachWhitespaceTerm(text.substr(pos, nl - pos), [&](std::string_view term) {
      TermEntry& e = c->table.entry(c->table.Intern(term, text.data() + text.size()));
      if (e.last_doc != doc) {
        e.last_doc = doc;
        e.slot = static_cast<uint32_t>(c->local_columns.size());
        c->local_columns.push_back(static_cast<int32_t>(&e - &c->table.entry(0)));
        c->counts.push_back(1);
        ++e.df;
      } else {
        ++c->counts[e.slot];
      }
    });
    c->row_begin.push_back(c->local_columns.size());
    ++doc;
    pos = nl + 1;
  }
}

// Splits `text` into `n` pieces at line ends.
std::vector<std::string_view> SplitAtLines(std::string_view text, size_t n) {
  std::vector<std::string_view> parts;
  size_t begin = 0;
  for (size_t k = 1; k <= n && begin < text.size(); ++k) {
    size_t end = k == n ? text.size() : std::max(begin, text.size() * k / n);
    if (end < text.size()) {
      const size_t nl = text.find('\n', end);
      end = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    if (end > begin) parts.push_back(text.substr(begin, end - begin));
    begin = end;
  }
  return parts;
}

template <typename Fn>
void RunParallel(size_t n, Fn&& fn) {
  std::vector<std::thread> threads;
  for (size_t i = 1; i < n; ++i) threads.emplace_back([&fn, i] { fn(i); });
  if (n > 0) fn(0);
  for (std::thread& t : threads) t.join();
}

// Builds the sorted global vocabulary and each chunk's local -> column map.
void MergeVocabularies(std::vector<Chunk>& chunks, TfidfFit* fit) {
  TermIds global;
  std::vector<std::string_view> terms;
  std::vector<int64_t> df;
  for (Chunk& c : chunks) {
    c.to_global.resize(c.table.size());
    for (size_t l = 0; l < c.table.size(); ++l) {
      const std::string_view term = c.table.Term(static_cast<int32_t>(l));
      auto [it, inserted] = global.try_emplace(term, static_cast<int32_t>(terms.size()));
      if (inserted) {
        terms.push_back(term);
        df.push_back(0);
      }
      df[it->second] += c.table.entry(static_cast<int32_t>(l)).df;
      c.to_global[l] = it->second;
    }
  }
  std::vector<int32_t> order(terms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return terms[a] < terms[b]; });
  std::vector<int32_t> rank(order.size());
  fit->terms.resize(order.size());
  fit->document_frequencies.resize(order.size());
  for (size_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = static_cast<int32_t>(r);
    fit->terms[r] = std::string(terms[order[r]]);
    fit->document_frequencies[r] = df[order[r]];
  }
  for (Chunk& c : chunks) {
    for (int32_t& g : c.to_global) g = rank[g];
  }
}

// Writes chunk `c`'s rows into the matrix from row `row0` / entry `entry0`.
void WeightChunk(const Chunk& c, const TfidfWeights& weights, size_t row0, uint64_t entry0,
                 SparseRows* m) {
  std::vector<WeightedTerm> row;
  for (size_t r = 0; r + 1 < c.row_begin.size(); ++r) {
    row.clear();
    for (uint64_t e = c.row_begin[r]; e < c.row_begin[r + 1]; ++e) {
      row.push_back({c.to_global[c.local_columns[e]], static_cast<double>(c.counts[e])});
    }
    weights.WeightCounts(&row);
    const uint64_t base = entry0 + c.row_begin[r];
    for (size_t k = 0; k < row.size(); ++k) {
      m->columns[base + k] = row[k].id;
      m->values[base + k] = row[k].weight;
    }
    m->row_begin[row0 + r + 1] = entry0 + c.row_begin[r + 1];
  }
}

}  // namespace

TfidfFit FitTransformLines(std::string_view text, const TfidfOptions& options, size_t threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string_view> parts = SplitAtLines(text, threads);
  std::vector<Chunk> chunks(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) chunks[i].text = parts[i];
  RunParallel(chunks.size(), [&](size_t i) { CountChunk(&chunks[i]); });
  TfidfFit fit;
  MergeVocabularies(chunks, &fit);
  size_t rows = 0;
  uint64_t nnz = 0;
  std::vector<size_t> row0(chunks.size());
  std::vector<uint64_t> entry0(chunks.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    row0[i] = rows;
    entry0[i] = nnz;
    rows += chunks[i].row_begin.size() - 1;
    nnz += chunks[i].local_columns.size();
  }
  int64_t docs = static_cast<int64_t>(rows);
  TfidfWeights weights(fit.document_frequencies, docs, options);
  fit.idf.resize(fit.terms.size());
  for (size_t t = 0; t < fit.idf.size(); ++t) fit.idf[t] = weights.Idf(static_cast<int32_t>(t));
  fit.matrix.row_begin.assign(rows + 1, 0);
  fit.matrix.columns.resize(nnz);
  fit.matrix.values.resize(nnz);
  RunParallel(chunks.size(), [&](size_t i) {
    WeightChunk(chunks[i], weights, row0[i], entry0[i], &fit.matrix);
  });
  return fit;
}

}  // namespace wordloom::nlp
