// FitTransformLines(): scikit-learn's TfidfVectorizer.fit_transform over
// pre-tokenized lines, in memory, on several threads.
//
// The text is cut into blocks of whole lines; each thread counts the blocks
// of its own share with its own term table (tfidf_term_table.h; no sharing,
// no locks) and, when its share is done, takes blocks still waiting in the
// other shares, so no thread idles while another has a slow share. Each
// table is sorted by term bytes on its own thread; the sorted tables are
// merged into the byte-ordered global vocabulary in parallel (the key range
// is cut at splitter terms, one piece per thread), and the rows are weighted
// in parallel. Every step runs on all threads: the only serial work left is
// bookkeeping over blocks and merge pieces.
#include <algorithm>
#include <atomic>
#include <barrier>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>
#include <thread>
#include <utility>

#include "nlp/text/tfidf.h"
#include "nlp/text/tfidf_scan.h"
#include "nlp/text/tfidf_term_table.h"

namespace wordloom::nlp {
namespace {

using tfidf_internal::LoadPrefix;
using tfidf_internal::ScanLines;
using tfidf_internal::Slot;
using tfidf_internal::TermTable;

// Some lines of the text and their counts: per document (row), the distinct
// local ids of the worker that counted the block, with their counts.
struct Block {
  template <typename T>
  using Array = std::vector<T, HugePageAllocator<T>>;  // resize() leaves numbers unwritten
  std::string_view text;
  size_t worker = 0;
  std::vector<uint64_t> row_begin{0};  // into local_columns
  Array<int32_t> local_columns;
  Array<uint32_t> counts;
};

// A term's position in byte order without its bytes: the first 16 bytes
// big-endian (zero padded), the length and the local id.
struct TermKey {
  uint64_t hi, lo;
  uint32_t length;
  int32_t id;
};

// One thread's term table and what is learned from it. Only its thread
// writes it until the merge.
struct Worker {
  std::optional<TermTable> table{std::in_place};  // released once merged
  std::vector<int32_t> df;         // per local id
  std::vector<TermKey> sorted;     // local ids in term byte order
  std::vector<int32_t> to_global;  // local id -> column
  int32_t doc = 0;                 // documents counted (Slot::last_doc)
};

// Term a vs term b in byte order (<0, 0, >0), from their keys and tables.
// Equal keys up to 16 bytes mean one term is a prefix of the other.
int CompareTerms(const TermKey& a, const TermTable& ta, const TermKey& b, const TermTable& tb) {
  if (a.hi != b.hi) return a.hi < b.hi ? -1 : 1;
  if (a.lo != b.lo) return a.lo < b.lo ? -1 : 1;
  if (a.length <= 16 || b.length <= 16) {
    return a.length < b.length ? -1 : (a.length > b.length ? 1 : 0);
  }
  return ta.Term(a.id).substr(16).compare(tb.Term(b.id).substr(16));
}

// Sorts `w`'s local ids by term bytes into w->sorted: distributed by their
// first two bytes (a counting pass), then each bucket sorted on its own,
// which takes about half the compares of one sort of the whole.
void SortTerms(Worker* w) {
  const TermTable& t = *w->table;
  const auto term = [&](size_t id) { return t.Term(static_cast<int32_t>(id)); };
  const auto bucket = [](std::string_view s) {  // the first two bytes, zero padded
    return (s.empty() ? 0u : static_cast<unsigned char>(s[0]) << 8) |
           (s.size() < 2 ? 0u : static_cast<unsigned char>(s[1]));
  };
  std::vector<uint32_t> bucket_begin((1 << 16) + 1, 0);
  for (size_t id = 0; id < t.size(); ++id) ++bucket_begin[bucket(term(id)) + 1];
  for (size_t k = 1; k < bucket_begin.size(); ++k) bucket_begin[k] += bucket_begin[k - 1];
  std::vector<uint32_t> next(bucket_begin.begin(), bucket_begin.end() - 1);
  w->sorted.resize(t.size());
  for (size_t id = 0; id < t.size(); ++id) {
    const std::string_view s = term(id);
    uint64_t p0, p1;
    LoadPrefix(s, t.ArenaEnd(), &p0, &p1);
    w->sorted[next[bucket(s)]++] = {__builtin_bswap64(p0), __builtin_bswap64(p1),
                                    static_cast<uint32_t>(s.size()), static_cast<int32_t>(id)};
  }
  const auto less = [&](const TermKey& a, const TermKey& b) {
    return CompareTerms(a, t, b, t) < 0;
  };
  for (size_t k = 0; k + 1 < bucket_begin.size(); ++k) {
    if (bucket_begin[k + 1] - bucket_begin[k] > 1) {
      std::sort(w->sorted.begin() + bucket_begin[k], w->sorted.begin() + bucket_begin[k + 1], less);
    }
  }
  w->to_global.resize(t.size());
}

// Counts the terms of block `b` into worker `w`. Each term's slot is
// prefetched when the term is scanned and looked up kLag terms later, so a
// slot's cache miss overlaps the work on the terms in between instead of
// stalling the loop. The entries are written through raw pointers into
// arrays sized for the most a block can hold (a term and a separator per
// entry), so the loop keeps them in registers.
void CountBlock(Worker* w, Block* b, const char* limit) {
  constexpr size_t kLag = 16;  // a power of two
  TermTable::Key ring[kLag];
  size_t head = 0, tail = 0;  // keys in ring[tail .. head) (mod kLag) wait for lookup
  TermTable& table = *w->table;
  b->local_columns.resize(b->text.size() / 2 + 1);  // not written: pages untouched
  b->counts.resize(b->text.size() / 2 + 1);
  int32_t* const columns = b->local_columns.data();
  uint32_t* const counts = b->counts.data();
  uint32_t entries = 0;
  int32_t doc = ++w->doc;
  const auto intern = [&](const TermTable::Key& key) {
    Slot& s = table.Intern(key);
    if (s.last_doc != doc) {
      s.last_doc = doc;
      s.row_entry = entries;
      columns[entries] = s.id;
      counts[entries++] = 1;
    } else {
      ++counts[s.row_entry];
    }
  };
  ScanLines(
      b->text,
      [&](std::string_view term) {
        TermTable::Key& key = ring[head++ % kLag];
        key = TermTable::MakeKey(term, limit);
        table.Prefetch(key);
        if (head - tail == kLag) intern(ring[tail++ % kLag]);
      },
      [&] {
        while (tail != head) intern(ring[tail++ % kLag]);
        b->row_begin.push_back(entries);
        doc = ++w->doc;
      });
  --w->doc;  // the number taken after the block's last line is unused
  b->local_columns.resize(entries);
  b->counts.resize(entries);
}

// Cuts `text` into blocks of about `size` bytes ending at line ends.
std::vector<Block> CutBlocks(std::string_view text, size_t size) {
  std::vector<Block> blocks;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = std::min(text.size(), begin + size);
    if (end < text.size()) {
      const size_t nl = text.find('\n', end - 1);
      end = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    blocks.emplace_back().text = text.substr(begin, end - begin);
    begin = end;
  }
  return blocks;
}

template <typename Fn>
void RunParallel(size_t n, Fn&& fn) {
  std::vector<std::thread> threads;
  for (size_t i = 1; i < n; ++i) threads.emplace_back([&fn, i] { fn(i); });
  if (n > 0) fn(0);
  for (std::thread& t : threads) t.join();
}

// Counts all blocks on workers.size() threads. Worker w owns the w-th
// contiguous share of the blocks (neighbouring lines share terms, so its
// table stays small) and then helps with the shares not yet done; each
// block is claimed once through its share's counter. Each worker sorts its
// table at the end.
void CountBlocks(std::vector<Block>& blocks, std::vector<Worker>& workers, const char* limit) {
  const size_t n = workers.size();
  std::vector<std::atomic<size_t>> next(n);
  std::vector<size_t> end(n);
  size_t share_bytes = 0;  // a guess at the distinct terms a worker meets
  for (const Block& b : blocks) share_bytes += b.text.size();
  share_bytes /= n;
  for (size_t w = 0; w < n; ++w) {
    next[w] = blocks.size() * w / n;
    end[w] = blocks.size() * (w + 1) / n;
  }
  RunParallel(n, [&](size_t w) {
    Worker& worker = workers[w];
    worker.table->Reserve(std::min<size_t>(share_bytes / 100, size_t{1} << 17));
    std::vector<size_t> mine;  // other workers may still count theirs
    for (size_t k = 0; k < n; ++k) {
      const size_t share = (w + k) % n;
      for (size_t b; (b = next[share].fetch_add(1)) < end[share];) {
        blocks[b].worker = w;
        CountBlock(&worker, &blocks[b], limit);
        mine.push_back(b);
      }
    }
    // Document frequencies from the entries (one per document and term):
    // a pass over them costs less than a random increment per new entry.
    worker.df.assign(worker.table->size(), 0);
    for (const size_t b : mine) {
      for (const int32_t id : blocks[b].local_columns) ++worker.df[id];
    }
    SortTerms(&worker);
  });
}

// One column of the vocabulary as the merge finds it: a worker and local id
// holding its term, and its document frequency summed over workers.
struct MergedTerm {
  uint32_t worker;
  int32_t id;
  int64_t df;
};

// A piece of the merge: per worker, the range [begin, end) of its sorted
// keys; the pieces cover consecutive key ranges.
struct MergePiece {
  std::vector<size_t> begin, end;
  std::vector<MergedTerm> terms;  // in byte order
  int32_t column0 = 0;            // first column of the piece
};

// Cuts the merge into `n` pieces at terms of the largest worker.
std::vector<MergePiece> CutMerge(const std::vector<Worker>& workers, size_t n) {
  size_t largest = 0;
  for (size_t k = 0; k < workers.size(); ++k) {
    if (workers[k].sorted.size() > workers[largest].sorted.size()) largest = k;
  }
  const Worker& big = workers[largest];
  std::vector<MergePiece> pieces(n);
  for (size_t k = 0; k < workers.size(); ++k) {
    const Worker& w = workers[k];
    size_t prev = 0;
    for (size_t j = 0; j < n; ++j) {
      size_t cut = w.sorted.size();
      if (j + 1 < n && !big.sorted.empty()) {
        const TermKey& splitter = big.sorted[big.sorted.size() * (j + 1) / n];
        cut = std::partition_point(w.sorted.begin(), w.sorted.end(), [&](const TermKey& key) {
                return CompareTerms(key, *w.table, splitter, *big.table) < 0;
              }) - w.sorted.begin();
      }
      pieces[j].begin.push_back(prev);
      pieces[j].end.push_back(std::max(prev, cut));
      prev = std::max(prev, cut);
    }
  }
  return pieces;
}

// Merges one piece: the distinct terms of its key range in byte order, with
// their summed document frequencies; each worker's to_global gets the
// column numbered from the piece's start.
void MergePieceTerms(std::vector<Worker>& workers, MergePiece* piece) {
  std::vector<size_t> pos = piece->begin;
  const auto key = [&](size_t k) -> const TermKey& { return workers[k].sorted[pos[k]]; };
  while (true) {
    size_t least = workers.size();
    for (size_t k = 0; k < workers.size(); ++k) {
      if (pos[k] == piece->end[k]) continue;
      if (least == workers.size() ||
          CompareTerms(key(k), *workers[k].table, key(least), *workers[least].table) < 0) {
        least = k;
      }
    }
    if (least == workers.size()) break;
    MergedTerm merged{static_cast<uint32_t>(least), key(least).id, 0};
    const TermKey& lk = key(least);
    const auto column = static_cast<int32_t>(piece->terms.size());
    for (size_t k = 0; k < workers.size(); ++k) {
      if (pos[k] == piece->end[k]) continue;
      if (k != least && CompareTerms(key(k), *workers[k].table, lk, *workers[least].table) != 0) {
        continue;
      }
      const int32_t id = key(k).id;
      workers[k].to_global[id] = column;
      merged.df += workers[k].df[id];
      ++pos[k];
    }
    piece->terms.push_back(merged);
  }
}

// Writes one merged piece into `fit` from its first column on: terms,
// document frequencies, idf, and the final columns in to_global.
void WritePiece(std::vector<Worker>& workers, const MergePiece& piece, int64_t documents,
                const TfidfOptions& options, TfidfFit* fit) {
  // Most terms are in few documents: their idf (the same expression) comes
  // from a table instead of a log each.
  double small_df_idf[64];
  for (int df = 0; df < 64; ++df) small_df_idf[df] = IdfValue(df, documents, options);
  for (size_t c = 0; c < piece.terms.size(); ++c) {
    const MergedTerm& m = piece.terms[c];
    const size_t column = piece.column0 + c;
    fit->terms[column] = workers[m.worker].table->Term(m.id);
    fit->document_frequencies[column] = m.df;
    fit->idf[column] = m.df < 64 ? small_df_idf[m.df] : IdfValue(m.df, documents, options);
  }
  for (size_t k = 0; k < workers.size(); ++k) {
    for (size_t p = piece.begin[k]; p < piece.end[k]; ++p) {
      workers[k].to_global[workers[k].sorted[p].id] += piece.column0;
    }
  }
}

// Merges the workers' sorted terms into the byte-ordered vocabulary of
// `fit` (terms, document frequencies, idf) and each worker's local id ->
// column map, on workers.size() threads.
void MergeVocabularies(std::vector<Worker>& workers, int64_t documents, const TfidfOptions& options,
                       TfidfFit* fit) {
  const size_t n = workers.size();
  std::vector<MergePiece> pieces = CutMerge(workers, n);
  RunParallel(n, [&](size_t j) { MergePieceTerms(workers, &pieces[j]); });
  size_t columns = 0;
  for (MergePiece& piece : pieces) {
    piece.column0 = static_cast<int32_t>(columns);
    columns += piece.terms.size();
  }
  // The three arrays are allocated (zero-filled, page-faulted) on two
  // threads at once, then every thread writes its piece.
  std::barrier allocated(static_cast<std::ptrdiff_t>(n));
  RunParallel(n, [&](size_t j) {
    if (j == 0) fit->terms.resize(columns);
    if (j == n - 1) {
      fit->document_frequencies.resize(columns);
      fit->idf.resize(columns);
    }
    allocated.arrive_and_wait();
    WritePiece(workers, pieces[j], documents, options, fit);
  });
}

// Writes block `b`'s rows into the matrix from row `row0` / entry `entry0`:
// the arithmetic of TfidfWeights::WeightCounts() with the idf per column
// and 1 + ln(count) from a table for small counts.
void WeightBlock(const Block& b, const std::vector<int32_t>& to_global, const TfidfOptions& o,
                 const std::vector<double>& idf, const double* log_tf, size_t row0, uint64_t entry0,
                 SparseRows* m) {
  for (size_t r = 0; r + 1 < b.row_begin.size(); ++r) {
    const uint64_t begin = b.row_begin[r], end = b.row_begin[r + 1];
    int32_t* cols = m->columns.data() + entry0 + begin;
    double* vals = m->values.data() + entry0 + begin;
    double norm = 0;
    for (uint64_t e = begin; e < end; ++e) {
      const int32_t col = to_global[b.local_columns[e]];
      const uint32_t n = b.counts[e];
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

// Weights all blocks into fit->matrix on workers.size() threads, releasing
// the memory of the term tables and of each block once done with them (in
// parallel, rather than all at the end on one thread).
void WeightBlocks(std::vector<Block>& blocks, std::vector<Worker>& workers,
                  const TfidfOptions& options, TfidfFit* fit) {
  std::vector<size_t> row0(blocks.size());
  std::vector<uint64_t> entry0(blocks.size());
  size_t rows = 0;
  uint64_t nnz = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    row0[i] = rows;
    entry0[i] = nnz;
    rows += blocks[i].row_begin.size() - 1;
    nnz += blocks[i].local_columns.size();
  }
  fit->matrix.row_begin.resize(rows + 1);  // [0] is 0; WeightBlock writes the rest
  fit->matrix.columns.resize(nnz);
  fit->matrix.values.resize(nnz);
  double log_tf[256];
  for (int k = 0; k < 256; ++k) log_tf[k] = std::log(static_cast<double>(k)) + 1.0;
  std::atomic<size_t> next{0};
  RunParallel(workers.size(), [&](size_t w) {
    workers[w].table.reset();
    std::vector<TermKey>().swap(workers[w].sorted);
    for (size_t i; (i = next.fetch_add(1)) < blocks.size();) {
      Block& b = blocks[i];
      WeightBlock(b, workers[b.worker].to_global, options, fit->idf, log_tf, row0[i], entry0[i],
                  &fit->matrix);
      Block::Array<int32_t>().swap(b.local_columns);
      Block::Array<uint32_t>().swap(b.counts);
    }
  });
}

}  // namespace

TfidfFit FitTransformLines(std::string_view text, const TfidfOptions& options, size_t threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Blocks small enough that the last ones balance the threads' work, large
  // enough that their bookkeeping stays negligible.
  const size_t block =
      std::clamp<size_t>(text.size() / (16 * threads), size_t{16} << 10, size_t{512} << 10);
  std::vector<Block> blocks = CutBlocks(text, block);
  std::vector<Worker> workers(std::max<size_t>(1, std::min(threads, blocks.size())));
  CountBlocks(blocks, workers, text.data() + text.size());
  int64_t documents = 0;
  for (const Block& b : blocks) documents += static_cast<int64_t>(b.row_begin.size() - 1);
  TfidfFit fit;
  MergeVocabularies(workers, documents, options, &fit);
  WeightBlocks(blocks, workers, options, &fit);
  return fit;
}

}  // namespace wordloom::nlp
