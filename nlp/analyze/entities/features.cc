#include "nlp/analyze/entities/features.h"

#include <xxhash.h>

#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace wordloom::analyze::entities {
namespace {

// Feature templates (the hash seed of each value).
enum Template : uint64_t {
  kBias = 1, kWord, kLower, kLowerM1, kLowerP1, kLowerM2, kLowerP2, kBigramM1, kBigramP1,
  kShape, kShapeM1, kShapeP1, kShort3, kPrefix, kSuffix, kInitial,
  kHeadline, kDigits, kGaz, kGazM1, kGazP1, kCluster, kClusterM1, kClusterP1, kLowerShapeM1,
  kLowerShapeP1,
};

uint64_t H(uint64_t tmpl, std::string_view v) { return XXH3_64bits_withSeed(v.data(), v.size(), tmpl); }
uint64_t H2(uint64_t tmpl, std::string_view a, std::string_view b) {
  return XXH3_64bits_withSeed(b.data(), b.size(), H(tmpl, a) ^ 0x9e3779b97f4a7c15ull);
}
uint64_t HInt(uint64_t tmpl, uint64_t v) { return XXH3_64bits_withSeed(&v, sizeof(v), tmpl); }

char CharClass(UChar32 c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return 'X';
    if (c >= 'a' && c <= 'z') return 'x';
    if (c >= '0' && c <= '9') return 'd';
    return static_cast<char>(c);
  }
  if (u_isupper(c) || u_istitle(c)) return 'X';
  if (u_isalpha(c)) return 'x';
  if (u_isdigit(c)) return 'd';
  return '*';
}

// Byte length of the first `n` code points of `s` (or all of it).
size_t PrefixBytes(std::string_view s, int n) {
  int32_t i = 0;
  const int32_t len = static_cast<int32_t>(s.size());
  for (int k = 0; k < n && i < len; ++k) U8_FWD_1(s.data(), i, len);
  return static_cast<size_t>(i);
}
size_t SuffixBytes(std::string_view s, int n) {
  int32_t i = static_cast<int32_t>(s.size());
  for (int k = 0; k < n && i > 0; ++k) U8_BACK_1(reinterpret_cast<const uint8_t*>(s.data()), 0, i);
  return s.size() - static_cast<size_t>(i);
}

bool HasLower(std::string_view w) {
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}
bool HasLetter(std::string_view w) {
  for (unsigned char c : w) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    if (c >= 0x80) return true;
  }
  return false;
}

// True when the sentence looks like an all-caps headline.
bool IsHeadline(const TokenView& t) {
  int letters = 0;
  for (std::string_view w : t.words) {
    if (!HasLetter(w)) continue;
    if (HasLower(w)) return false;
    ++letters;
  }
  return letters >= 2;
}

bool IsSentenceEnd(std::string_view w) { return w == "." || w == "!" || w == "?"; }

}  // namespace

uint64_t ClusterKey(std::string_view lower) { return H(0xc1u, lower); }

std::string WordShape(std::string_view word, int max_run) {
  std::string shape;
  char last = 0;
  int run = 0;
  int32_t i = 0;
  const int32_t len = static_cast<int32_t>(word.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(word.data(), i, len, c);
    const char cls = c < 0 ? '?' : CharClass(c);
    run = cls == last ? run + 1 : 1;
    last = cls;
    if (run <= max_run) shape.push_back(cls);
  }
  return shape;
}

namespace {

// Per-sentence values the feature templates read.
struct Context {
  const TokenView& t;
  size_t n = 0;
  std::vector<std::string> shape, shortshape;
  std::vector<uint32_t> gaz;      // empty without a gazetteer
  std::vector<uint32_t> cluster;  // empty without clusters
  bool headline = false;

  std::string_view Lower(long j) const {
    if (j < 0) return "<s>";
    if (j >= static_cast<long>(n)) return "</s>";
    return t.lower[j];
  }
  std::string_view Short(long j) const {
    if (j < 0 || j >= static_cast<long>(n)) return "<b>";
    return shortshape[j];
  }
};

// Words, window, shapes, affixes and flags of token `idx`.
void AddLexical(const Context& c, size_t idx, std::vector<uint64_t>* out) {
  auto& f = *out;
  const long i = static_cast<long>(idx);
  const std::string_view w = c.t.words[idx], lw = c.t.lower[idx];
  f.push_back(kBias);
  f.push_back(H(kWord, w));
  f.push_back(H(kLower, lw));
  f.push_back(H(kLowerM1, c.Lower(i - 1)));
  f.push_back(H(kLowerP1, c.Lower(i + 1)));
  f.push_back(H(kLowerM2, c.Lower(i - 2)));
  f.push_back(H(kLowerP2, c.Lower(i + 2)));
  f.push_back(H2(kBigramM1, c.Lower(i - 1), lw));
  f.push_back(H2(kBigramP1, lw, c.Lower(i + 1)));
  f.push_back(H(kShape, c.shape[idx]));
  f.push_back(H2(kShapeM1, c.Short(i - 1), c.shape[idx]));
  f.push_back(H2(kShapeP1, c.shape[idx], c.Short(i + 1)));
  f.push_back(HInt(H2(kShort3, c.Short(i - 1), c.Short(i)), H(kShort3, c.Short(i + 1))));
  f.push_back(H2(kLowerShapeM1, c.Lower(i - 1), c.Short(i)));
  f.push_back(H2(kLowerShapeP1, c.Short(i), c.Lower(i + 1)));
  for (int k = 1; k <= 4; ++k) {
    const size_t pb = PrefixBytes(w, k), sb = SuffixBytes(lw, k);
    if (pb < w.size() || k == 1) f.push_back(HInt(H(kPrefix, w.substr(0, pb)), k));
    if (sb < lw.size() || k == 1) f.push_back(HInt(H(kSuffix, lw.substr(lw.size() - sb)), k));
  }
  const bool initial = idx == 0 || IsSentenceEnd(c.t.words[idx - 1]);
  if (initial) f.push_back(H(kInitial, c.shortshape[idx]));
  if (c.headline) f.push_back(H(kHeadline, lw));
  if (c.shortshape[idx].find('d') != std::string::npos) f.push_back(H(kDigits, c.shape[idx]));
}

// Gazetteer matches at token `idx` (type and B/I/L/U bit, alone and with
// case and headline flags) and at its neighbours.
void AddGazetteer(const Context& c, size_t idx, std::vector<uint64_t>* f) {
  const uint64_t cap = c.shortshape[idx].empty() ? 0 : c.shortshape[idx][0] == 'X';
  for (int b = 0; b < 32; ++b) {
    if (c.gaz[idx] & (1u << b)) {
      f->push_back(HInt(kGaz, b));
      f->push_back(HInt(kGaz, 64 + b + 32 * cap + 64 * c.headline));
    }
  }
  const uint32_t gm = idx > 0 ? c.gaz[idx - 1] : 0, gp = idx + 1 < c.n ? c.gaz[idx + 1] : 0;
  for (int b = 0; b < 32; ++b) {
    if (gm & (1u << b)) f->push_back(HInt(kGazM1, b));
    if (gp & (1u << b)) f->push_back(HInt(kGazP1, b));
  }
}

// Fine and coarse clusters of tokens idx - 1, idx, idx + 1.
void AddClusters(const Context& c, size_t idx, std::vector<uint64_t>* f) {
  auto add = [&](uint64_t tmpl, long j) {
    const uint32_t id = j < 0 || j >= static_cast<long>(c.n) ? 0xfffffffeu : c.cluster[j];
    f->push_back(HInt(tmpl, id));
    if (id < 0xfffffffeu) f->push_back(HInt(tmpl + 100, id >> 16));
  };
  const long i = static_cast<long>(idx);
  add(kCluster, i);
  add(kClusterM1, i - 1);
  add(kClusterP1, i + 1);
}

}  // namespace

void FeatureExtractor::Extract(const TokenView& t, SentenceFeatures* out) const {
  out->Clear();
  Context c{t};
  c.n = t.size();
  c.shape.resize(c.n);
  c.shortshape.resize(c.n);
  for (size_t i = 0; i < c.n; ++i) {
    c.shape[i] = WordShape(t.words[i], 4);
    c.shortshape[i] = WordShape(t.words[i], 1);
  }
  if (gazetteer_ != nullptr) gazetteer_->Annotate(t.lower, &c.gaz);
  if (clusters_ != nullptr) {
    c.cluster.assign(c.n, 0xffffffffu);
    for (size_t i = 0; i < c.n; ++i) {
      auto it = clusters_->find(ClusterKey(t.lower[i]));
      if (it != clusters_->end()) c.cluster[i] = it->second;
    }
  }
  c.headline = IsHeadline(t);
  for (size_t idx = 0; idx < c.n; ++idx) {
    out->offsets.push_back(static_cast<uint32_t>(out->features.size()));
    AddLexical(c, idx, &out->features);
    if (!c.gaz.empty()) AddGazetteer(c, idx, &out->features);
    if (clusters_ != nullptr) AddClusters(c, idx, &out->features);
  }
  out->offsets.push_back(static_cast<uint32_t>(out->features.size()));
}

}  // namespace wordloom::analyze::entities
