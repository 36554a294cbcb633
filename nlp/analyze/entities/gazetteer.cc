#include "nlp/analyze/entities/gazetteer.h"

#include <xxhash.h>

#include <algorithm>

namespace wordloom::analyze::entities {

Gazetteer::Gazetteer(const std::vector<uint64_t>& keys, const std::vector<uint8_t>& types) {
  entries_.reserve(keys.size());
  for (size_t i = 0; i < keys.size() && i < types.size(); ++i) entries_[keys[i]] = types[i];
}

uint64_t Gazetteer::Key(const std::vector<std::string_view>& lower, size_t begin, size_t end) {
  uint64_t h = 0x67617a;  // "gaz"
  for (size_t i = begin; i < end; ++i) {
    h = XXH3_64bits_withSeed(lower[i].data(), lower[i].size(), h);
  }
  return h;
}

void Gazetteer::Add(const std::vector<std::string_view>& lower, size_t begin, size_t end,
                    int type) {
  if (end <= begin || end - begin > kMaxLength || type < 0 || type >= 8) return;
  entries_[Key(lower, begin, end)] |= static_cast<uint8_t>(1u << type);
}

void Gazetteer::Annotate(const std::vector<std::string_view>& lower,
                         std::vector<uint32_t>* bits) const {
  const size_t n = lower.size();
  bits->assign(n, 0);
  if (entries_.empty()) return;
  for (size_t b = 0; b < n; ++b) {
    uint64_t h = 0x67617a;
    for (size_t e = b + 1; e <= n && e - b <= kMaxLength; ++e) {
      h = XXH3_64bits_withSeed(lower[e - 1].data(), lower[e - 1].size(), h);
      auto it = entries_.find(h);
      if (it == entries_.end()) continue;
      for (int type = 0; type < 8; ++type) {
        if (!(it->second & (1u << type))) continue;
        if (e - b == 1) {
          (*bits)[b] |= 1u << (4 * type + 3);
          continue;
        }
        (*bits)[b] |= 1u << (4 * type);
        for (size_t i = b + 1; i + 1 < e; ++i) (*bits)[i] |= 1u << (4 * type + 1);
        (*bits)[e - 1] |= 1u << (4 * type + 2);
      }
    }
  }
}

void Gazetteer::Export(std::vector<uint64_t>* keys, std::vector<uint8_t>* types) const {
  std::vector<std::pair<uint64_t, uint8_t>> sorted(entries_.begin(), entries_.end());
  std::sort(sorted.begin(), sorted.end());
  keys->clear();
  types->clear();
  for (const auto& [k, t] : sorted) {
    keys->push_back(k);
    types->push_back(t);
  }
}

}  // namespace wordloom::analyze::entities
