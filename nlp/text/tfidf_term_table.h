// The term table of FitTransformLines() (tfidf_fit.cc): term -> dense
// local id for one thread, keeping everything a token needs -- the term's
// first 16 bytes, its id and its per-document slot -- in one 32-byte record,
// so the common case (a term of up to 16 bytes) costs one hash, one cache
// line and no string compare. Internal to nlp/text.
#ifndef WORDLOOM_NLP_TEXT_TFIDF_TERM_TABLE_H_
#define WORDLOOM_NLP_TEXT_TFIDF_TERM_TABLE_H_

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// GCC 12 flags xxHash's inlined AVX-512 code (_mm512_undefined_* operands) as
// using uninitialized values: a false positive (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#define XXH_INLINE_ALL
#include <xxhash.h>
#pragma GCC diagnostic pop

#include "core/huge_pages.h"

namespace wordloom::nlp::tfidf_internal {

static_assert(std::endian::native == std::endian::little, "prefix loads assume little-endian");

// `x` with only its low `n` bytes kept (n <= 8).
inline uint64_t LowBytes(uint64_t x, size_t n) {
  return n >= 8 ? x : n == 0 ? 0 : x & (~uint64_t{0} >> (64 - 8 * n));
}

// The first 16 bytes of `term` as two zero-padded words. Bytes up to `limit`
// are readable, so one unaligned load per word replaces a variable copy.
[[gnu::always_inline]] inline void LoadPrefix(std::string_view term, const char* limit,
                                              uint64_t* p0, uint64_t* p1) {
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
[[gnu::always_inline]] inline uint64_t HashShort(uint64_t p0, uint64_t p1, uint64_t n) {
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

// Zero-filled slots in huge pages (core/huge_pages.h): random probes over a
// table of several MiB then miss the TLB far less. Owns the mapping; not
// copyable.
class SlotArray {
 public:
  explicit SlotArray(size_t n)
      : n_(n), slots_(static_cast<Slot*>(MapHugePages(n * sizeof(Slot)))) {}
  ~SlotArray() { UnmapHugePages(slots_, n_ * sizeof(Slot)); }
  SlotArray(const SlotArray&) = delete;
  SlotArray& operator=(const SlotArray&) = delete;
  void swap(SlotArray& o) {
    std::swap(n_, o.n_);
    std::swap(slots_, o.slots_);
  }
  Slot& operator[](size_t i) { return slots_[i]; }
  const Slot& operator[](size_t i) const { return slots_[i]; }
  size_t size() const { return n_; }
  const Slot* begin() const { return slots_; }
  const Slot* end() const { return slots_ + n_; }

 private:
  size_t n_;
  Slot* slots_;
};

// Term -> dense local id for one thread: linear probing over Slots, terms
// copied into an arena (for the bytes past 16 and for the merge). Not
// thread-safe; one per thread.
class TermTable {
 public:
  TermTable() : slots_(kMinSlots), mask_(slots_.size() - 1) {}

  // Sizes the table for about `terms` distinct terms at once (instead of
  // growing to it, copying on the way); call before the first Intern().
  void Reserve(size_t terms) {
    offsets_.reserve(terms + 1);
    arena_.reserve(terms * 10);
    const size_t n = std::bit_ceil(std::max(2 * terms, kMinSlots));
    if (n <= slots_.size()) return;
    SlotArray bigger(n);
    bigger.swap(slots_);
    mask_ = n - 1;
  }

  // A term ready for lookup: its hash and prefix words computed, so that
  // Prefetch() can start loading its slot before Intern() needs it.
  struct Key {
    std::string_view term;
    uint64_t p0, p1, hash;
  };
  // Bytes up to `limit` may be read past the term's end.
  [[gnu::always_inline]] static Key MakeKey(std::string_view term, const char* limit) {
    Key k;
    k.term = term;
    LoadPrefix(term, limit, &k.p0, &k.p1);
    k.hash = term.size() <= 16 ? HashShort(k.p0, k.p1, term.size())
                               : XXH3_64bits(term.data(), term.size());
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
      if (s.length == n && s.p0 == k.p0 && s.p1 == k.p1 && (n <= 16 || Term(s.id) == k.term)) {
        return s;
      }
    }
  }

  std::string_view Term(int32_t id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  size_t size() const { return offsets_.size() - 1; }
  // Terms may be read up to here (LoadPrefix's `limit` for Term()).
  const char* ArenaEnd() const { return arena_.data() + arena_.size(); }

 private:
  static constexpr size_t kMinSlots = size_t{1} << 15;

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
      if (s.length != 0) slots_[EmptySlot(MakeKey(Term(s.id), ArenaEnd()).hash)] = s;
    }
  }

  SlotArray slots_;
  size_t mask_;
  std::vector<uint64_t> offsets_{0};  // per id + 1: arena offsets
  std::string arena_;
};

}  // namespace wordloom::nlp::tfidf_internal

#endif  // WORDLOOM_NLP_TEXT_TFIDF_TERM_TABLE_H_
