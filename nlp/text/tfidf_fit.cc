// FitTransformLines(): scikit-learn's TfidfVectorizer.fit_transform over
// pre-tokenized lines, in memory, on several threads.
//
// Each thread counts its share of the lines with its own term table (no
// sharing, no locks); the tables are sorted in parallel and merged once into
// the byte-ordered global vocabulary; the rows are then weighted in
// parallel. The term table keeps everything a token needs (the term's first
// 16 bytes, its id and its per-document slot) in one 32-byte record, so the
// common case -- a term of up to 16 bytes -- costs one hash, one cache line
// and no string compare. perf on 20 Newsgroups showed the previous layout
// (slot array -> entry array -> arena) spending half its time in those
// dependent cache misses.
#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <new>
#include <thread>
#include <utility>

#include "nlp/text/tfidf.h"
// GCC 12 flags xxHash's inlined AVX-512 code (_mm512_undefined_* operands) as
// using uninitialized values: a false positive (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#define XXH_INLINE_ALL
#include <xxhash.h>
#pragma GCC diagnostic pop

namespace wordloom::nlp {
namespace {

static_assert(std::endian::native == std::endian::little, "prefix loads assume little-endian");

// `x` with only its low `n` bytes kept (n <= 8).
inline uint64_t LowBytes(uint64_t x, size_t n) {
  return n >= 8 ? x : n == 0 ? 0 : x & (~uint64_t{0} >> (64 - 8 * n));
}

// The first 16 bytes of `term` as two zero-padded words. Bytes up to `limit`
// are readable, so one unaligned load per word replaces a variable copy.
inline void LoadPrefix(std::string_view term, const char* limit, uint64_t* p0, uint64_t* p1) {
  const size_t n = term.size();
  if (limit - term.data() >= 16) {
    std::memcpy(p0, term.data(), 8);
    std::memcpy(p1, term.data() + 8, 8);
  } else {
    char buf[16] = {};
    std::memcpy(buf, term.data(), std::min<size_t>(n, 16));
    std::memcpy(p0, buf, 8);
    std::memcpy(p1, buf + 8, 8);
  }
  *p0 = LowBytes(*p0, n);
  *p1 = n > 8 ? LowBytes(*p1, n - 8) : 0;
}

// A 64-bit hash of a term of up to 16 bytes from its prefix words (a
// multiply-fold as in wyhash); longer terms use XXH3.
inline uint64_t HashShort(uint64_t p0, uint64_t p1, uint64_t n) {
  const unsigned __int128 m = static_cast<unsigned __int128>(p0 ^ 0xa0761d6478bd642fULL) *
                              (p1 ^ 0xe7037ed1a0b428dbULL ^ n);
  return static_cast<uint64_t>(m) ^ static_cast<uint64_t>(m >> 64);
}

// The hot record of one distinct term (see the file comment).
// All zero is an empty slot (documents are numbered from 1).
struct alignas(32) Slot {
  uint64_t p0, p1;     // first 16 bytes, zero padded
  uint32_t length;     // 0: empty slot
  int32_t id;          // dense local id
  int32_t last_doc;    // last document of the chunk that held it (0: none)
  uint32_t row_entry;  // its entry in that document's row
};
static_assert(sizeof(Slot) == 32);

// Zero-filled slots from an anonymous mapping aligned to 2 MiB and marked
// for transparent huge pages: random probes over a table of several MiB
// then miss the TLB far less. Owns the mapping; not copyable.
class SlotArray {
 public:
  explicit SlotArray(size_t n) : n_(n) {
    constexpr size_t kHuge = size_t{2} << 20;
    bytes_ = n * sizeof(Slot) + kHuge;
    void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();  // as std::vector would
    base_ = p;
    const uintptr_t aligned = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
    slots_ = reinterpret_cast<Slot*>(aligned);
    if (n * sizeof(Slot) >= kHuge) ::madvise(slots_, n * sizeof(Slot), MADV_HUGEPAGE);
  }
  ~SlotArray() { ::munmap(base_, bytes_); }
  SlotArray(const SlotArray&) = delete;
  SlotArray& operator=(const SlotArray&) = delete;
  void swap(SlotArray& o) {
    std::swap(n_, o.n_);
    std::swap(bytes_, o.bytes_);
    std::swap(base_, o.base_);
    std::swap(slots_, o.slots_);
  }
  Slot& operator[](size_t i) { return slots_[i]; }
  const Slot& operator[](size_t i) const { return slots_[i]; }
  size_t size() const { return n_; }
  const Slot* begin() const { return slots_; }
  const Slot* end() const { return slots_ + n_; }

 private:
  size_t n_, bytes_;
  void* base_;
  Slot* slots_;
};

// Term -> dense local id for one thread: linear probing over Slots, terms
// copied into an arena (for the bytes past 16 and for the merge). Not
// thread-safe; one per thread.
class TermTable {
 public:
  TermTable() : slots_(1 << 15), mask_(slots_.size() - 1) {}

  // A term ready for lookup: its hash and prefix words computed, so that
  // Prefetch() can start loading its slot before Intern() needs it.
  struct Key {
    std::string_view term;
    uint64_t p0, p1, hash;
  };
  // Bytes up to `limit` may be read past the term's end.
  static Key MakeKey(std::string_view term, const char* limit) {
    Key k;
    k.term = term;
    LoadPrefix(term, limit, &k.p0, &k.p1);
    k.hash = term.size() <= 16 ? HashShort(k.p0, k.p1, term.size()) : XXH3_64bits(term.data(), term.size());
    return k;
  }
  void Prefetch(const Key& k) const { __builtin_prefetch(&slots_[k.hash & mask_]); }

  // The slot of `k.term`, added when new. The reference is valid until the
  // next Intern().
  Slot& Intern(const Key& k) {
    const uint32_t n = static_cast<uint32_t>(k.term.size());
    for (size_t i = k.hash & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.length == 0) return Add(i, k.term, k.hash, k.p0, k.p1);
      if (s.length == n && s.p0 == k.p0 && s.p1 == k.p1 && (n <= 16 || Term(s.id) == k.term)) return s;
    }
  }

  std::string_view Term(int32_t id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  size_t size() const { return hashes_.size(); }

 private:
  Slot& Add(size_t i, std::string_view term, uint64_t h, uint64_t p0, uint64_t p1) {
    if (2 * (size() + 1) > slots_.size()) {
      Grow();
      i = EmptySlot(h);
    }
    Slot& s = slots_[i];
    s.p0 = p0;
    s.p1 = p1;
    s.length = static_cast<uint32_t>(term.size());
    s.id = static_cast<int32_t>(size());
    hashes_.push_back(h);
    arena_.append(term);
    offsets_.push_back(arena_.size());
    return s;
  }

  size_t EmptySlot(uint64_t h) const {
    size_t i = h & mask_;
    while (slots_[i].length != 0) i = (i + 1) & mask_;
    return i;
  }

  void Grow() {
    SlotArray old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.length != 0) slots_[EmptySlot(hashes_[s.id])] = s;
    }
  }

  SlotArray slots_;
  size_t mask_;
  std::vector<uint64_t> hashes_;      // per id
  std::vector<uint64_t> offsets_{0};  // per id + 1: arena offsets
  std::string arena_;
};

// Mask with the high bit set in each byte of `x` that can end a run of term
// bytes: below 0x21 (space, control, '\n') or 0x80 and above (a possible
// Unicode space). Exact up to and including the lowest flagged byte.
inline uint64_t SpecialBytes(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  return ((x - kOnes * 0x21) & ~x & kHighs) | (x & kHighs);
}

// Calls on_term(term) for each \S+ term of `text` (as ForEachWhitespaceTerm)
// and on_line_end() after each '\n' and after a last line without one.
template <typename TermFn, typename LineFn>
void ScanLines(std::string_view text, TermFn&& on_term, LineFn&& on_line_end) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
  const auto space_at = [&](const char* q) -> size_t {
    const unsigned char b = static_cast<unsigned char>(*q);
    if (b == ' ' || (b >= 0x09 && b <= 0x0d)) return 1;
    return (b < 0x1c || (b > 0x20 && b < 0x80)) ? 0 : WhitespaceLength(text, q - begin);
  };
  while (p < end) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\n') {
      on_line_end();
      ++p;
      continue;
    }
    if (c <= 0x20 || c >= 0x80) {
      if (const size_t ws = space_at(p); ws > 0) {
        p += ws;
        continue;
      }
    }
    const char* start = p++;
    while (p < end) {
      if (end - p >= 8) {
        uint64_t x;
        std::memcpy(&x, p, 8);
        const uint64_t m = SpecialBytes(x);
        if (m == 0) {
          p += 8;
          continue;
        }
        p += std::countr_zero(m) / 8;
      } else {
        const unsigned char d = static_cast<unsigned char>(*p);
        if (d > 0x20 && d < 0x80) {
          ++p;
          continue;
        }
      }
      if (space_at(p) > 0) break;
      ++p;  // a control byte or non-space UTF-8 byte inside the term
    }
    on_term(std::string_view(start, p - start));
  }
  if (!text.empty() && text.back() != '\n') on_line_end();
}

// One thread's share of the lines: its own term ids and, per document, the
// distinct local ids with their counts.
struct Chunk {
  std::string_view text;
  const char* limit = nullptr;  // end of readable memory after text
  TermTable table;
  std::vector<uint64_t> row_begin{0};
  std::vector<int32_t> local_columns;
  std::vector<uint32_t> counts;
  std::vector<int64_t> df;       // per local id
  std::vector<int32_t> sorted;   // local ids in term byte order
  std::vector<int32_t> to_global;  // local id -> column
};

// Local ids in byte order of their terms: the big-endian first 8 bytes sort
// most pairs without touching the arena.
std::vector<int32_t> SortedIds(const TermTable& table) {
  std::vector<std::pair<uint64_t, int32_t>> keys(table.size());
  for (size_t id = 0; id < keys.size(); ++id) {
    const std::string_view t = table.Term(static_cast<int32_t>(id));
    char buf[8] = {};
    std::memcpy(buf, t.data(), std::min<size_t>(t.size(), 8));
    uint64_t k;
    std::memcpy(&k, buf, 8);
    keys[id] = {__builtin_bswap64(k), static_cast<int32_t>(id)};
  }
  std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : table.Term(a.second) < table.Term(b.second);
  });
  std::vector<int32_t> ids(keys.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = keys[i].second;
  return ids;
}

// Counts the terms of `c`'s lines. Terms are looked up in batches: the
// slots of a whole batch are prefetched first, so their cache misses
// overlap instead of following one another.
void CountChunk(Chunk* c) {
  constexpr size_t kBatch = 16;
  TermTable::Key batch[kBatch];
  size_t pending = 0;
  int32_t doc = 1;
  const auto flush = [&] {
    for (size_t k = 0; k < pending; ++k) c->table.Prefetch(batch[k]);
    for (size_t k = 0; k < pending; ++k) {
      Slot& s = c->table.Intern(batch[k]);
      if (s.last_doc != doc) {
        s.last_doc = doc;
        s.row_entry = static_cast<uint32_t>(c->local_columns.size());
        c->local_columns.push_back(s.id);
        c->counts.push_back(1);
      } else {
        ++c->counts[s.row_entry];
      }
    }
    pending = 0;
  };
  c->local_columns.reserve(c->text.size() / 8);
  c->counts.reserve(c->text.size() / 8);
  ScanLines(
      c->text,
      [&](std::string_view term) {
        batch[pending++] = TermTable::MakeKey(term, c->limit);
        if (pending == kBatch) flush();
      },
      [&] {
        flush();
        c->row_begin.push_back(c->local_columns.size());
        ++doc;
      });
  c->df.assign(c->table.size(), 0);
  for (int32_t id : c->local_columns) ++c->df[id];
  c->sorted = SortedIds(c->table);
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

// Merges the chunks' sorted terms into the byte-ordered global vocabulary
// and each chunk's local id -> column map.
void MergeVocabularies(std::vector<Chunk>& chunks, TfidfFit* fit) {
  std::vector<size_t> pos(chunks.size(), 0);
  for (Chunk& c : chunks) c.to_global.resize(c.table.size());
  const auto head = [&](size_t k) { return chunks[k].table.Term(chunks[k].sorted[pos[k]]); };
  while (true) {
    bool any = false;
    std::string_view least;
    for (size_t k = 0; k < chunks.size(); ++k) {
      if (pos[k] == chunks[k].sorted.size()) continue;
      if (!any || head(k) < least) least = head(k);
      any = true;
    }
    if (!any) break;
    const int32_t column = static_cast<int32_t>(fit->terms.size());
    int64_t df = 0;
    for (size_t k = 0; k < chunks.size(); ++k) {
      if (pos[k] == chunks[k].sorted.size() || head(k) != least) continue;
      const int32_t id = chunks[k].sorted[pos[k]++];
      chunks[k].to_global[id] = column;
      df += chunks[k].df[id];
    }
    fit->terms.emplace_back(least);
    fit->document_frequencies.push_back(df);
  }
}

// Writes chunk `c`'s rows into the matrix from row `row0` / entry `entry0`:
// the arithmetic of TfidfWeights::WeightCounts() with the idf per column
// and 1 + ln(count) from a table for small counts.
void WeightChunk(const Chunk& c, const TfidfOptions& o, const std::vector<double>& idf,
                 size_t row0, uint64_t entry0, SparseRows* m) {
  double log_tf[256];
  for (int k = 0; k < 256; ++k) log_tf[k] = std::log(static_cast<double>(k)) + 1.0;
  for (size_t r = 0; r + 1 < c.row_begin.size(); ++r) {
    const uint64_t begin = c.row_begin[r], end = c.row_begin[r + 1];
    int32_t* cols = m->columns.data() + entry0 + begin;
    double* vals = m->values.data() + entry0 + begin;
    double norm = 0;
    for (uint64_t e = begin; e < end; ++e) {
      const int32_t col = c.to_global[c.local_columns[e]];
      const uint32_t n = c.counts[e];
      double tf = static_cast<double>(n);
      if (o.tf == TfWeighting::kLog) tf = n < 256 ? log_tf[n] : std::log(tf) + 1.0;
      if (o.tf == TfWeighting::kBoolean) tf = 1.0;
      const double w = tf * idf[col];
      cols[e - begin] = col;
      vals[e - begin] = w;
      norm += o.norm == TfidfNorm::kL1 ? std::fabs(w) : w * w;
    }
    if (o.norm != TfidfNorm::kNone && norm != 0) {
      if (o.norm == TfidfNorm::kL2) norm = std::sqrt(norm);
      for (uint64_t k = 0; k < end - begin; ++k) vals[k] /= norm;
    }
    m->row_begin[row0 + r + 1] = entry0 + end;
  }
}

}  // namespace

TfidfFit FitTransformLines(std::string_view text, const TfidfOptions& options, size_t threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string_view> parts = SplitAtLines(text, threads);
  std::vector<Chunk> chunks(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    chunks[i].text = parts[i];
    chunks[i].limit = text.data() + text.size();
  }
  RunParallel(chunks.size(), [&](size_t i) { CountChunk(&chunks[i]); });
  TfidfFit fit;
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
  // The matrix is allocated (zero-filled, page-faulted) on another thread
  // while this one merges the vocabularies: both are serial steps.
  std::thread allocate([&] {
    fit.matrix.row_begin.assign(rows + 1, 0);
    fit.matrix.columns.resize(nnz);
    fit.matrix.values.resize(nnz);
  });
  MergeVocabularies(chunks, &fit);
  const TfidfWeights weights(fit.document_frequencies, static_cast<int64_t>(rows), options);
  fit.idf.resize(fit.terms.size());
  for (size_t t = 0; t < fit.idf.size(); ++t) fit.idf[t] = weights.Idf(static_cast<int32_t>(t));
  allocate.join();
  RunParallel(chunks.size(), [&](size_t i) {
    WeightChunk(chunks[i], options, fit.idf, row0[i], entry0[i], &fit.matrix);
  });
  return fit;
}

}  // namespace wordloom::nlp
