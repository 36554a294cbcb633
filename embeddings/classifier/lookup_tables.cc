#include "embeddings/classifier/lookup_tables.h"

namespace wordloom::embeddings::classifier {
namespace {

// Power of two >= 2 * n (load factor <= 0.5), at least 16.
uint32_t TableSize(size_t n) {
  uint32_t size = 16;
  while (size < 2 * n) size <<= 1;
  return size;
}

}  // namespace

void WordTable::Build(const std::vector<std::string>& words, const std::vector<uint32_t>& hashes) {
  const uint32_t size = TableSize(words.size());
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  chars_.clear();
  for (size_t id = 0; id < words.size(); ++id) {
    const auto offset = static_cast<uint32_t>(chars_.size());
    chars_ += words[id];
    uint32_t i = Mix(hashes[id]) & mask_;
    while (slots_[i].id >= 0) i = (i + 1) & mask_;
    slots_[i] = Slot{hashes[id], static_cast<int32_t>(id), offset,
                     static_cast<uint32_t>(words[id].size())};
  }
}

void BucketTable::Build(const std::vector<uint32_t>& ids, int32_t base, uint64_t num_buckets) {
  const uint32_t size = TableSize(ids.size());
  slots_.clear();
  dense_.clear();
  if (!ids.empty() && num_buckets * sizeof(int32_t) <= size * sizeof(Slot)) {
    dense_.assign(num_buckets, -1);
    for (size_t k = 0; k < ids.size(); ++k) {
      // An id out of range could never be looked up (buckets < num_buckets).
      if (ids[k] < num_buckets) dense_[ids[k]] = base + static_cast<int32_t>(k);
    }
    return;
  }
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  for (size_t k = 0; k < ids.size(); ++k) {
    uint32_t i = Mix(ids[k]) & mask_;
    while (slots_[i].row >= 0) i = (i + 1) & mask_;
    slots_[i] = Slot{ids[k], base + static_cast<int32_t>(k)};
  }
}

}  // namespace wordloom::embeddings::classifier
