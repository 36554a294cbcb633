#include "embeddings/word2vec/huffman_tree.h"

#include <algorithm>
#include <limits>

namespace wordloom::embeddings::word2vec {

HuffmanTree HuffmanTree::Build(const std::vector<int64_t>& counts) {
  const size_t n = counts.size();
  HuffmanTree tree;
  tree.offsets_.assign(n + 1, 0);
  if (n <= 1) return tree;  // one word: nothing to predict
  // Nodes 0..n-1 are leaves (sorted by descending count), n..2n-2 inner.
  std::vector<int64_t> count(2 * n - 1, std::numeric_limits<int64_t>::max());
  std::vector<int32_t> parent(2 * n - 1, -1);
  std::vector<uint8_t> binary(2 * n - 1, 0);
  std::copy(counts.begin(), counts.end(), count.begin());
  int64_t leaf = static_cast<int64_t>(n) - 1;
  size_t node = n;
  auto pop_min = [&]() -> size_t {
    if (leaf >= 0 && count[leaf] < count[node]) return static_cast<size_t>(leaf--);
    return node++;
  };
  for (size_t i = n; i < 2 * n - 1; ++i) {
    size_t a = pop_min();
    size_t b = pop_min();
    count[i] = count[a] + count[b];
    parent[a] = parent[b] = static_cast<int32_t>(i);
    binary[b] = 1;
  }
  std::vector<int32_t> path;
  std::vector<uint8_t> code;
  for (size_t w = 0; w < n; ++w) {
    path.clear();
    code.clear();
    for (int32_t c = static_cast<int32_t>(w); parent[c] != -1; c = parent[c]) {
      code.push_back(binary[c]);
      path.push_back(parent[c] - static_cast<int32_t>(n));  // inner node -> output row
    }
    // Root first.
    tree.paths_.insert(tree.paths_.end(), path.rbegin(), path.rend());
    tree.codes_.insert(tree.codes_.end(), code.rbegin(), code.rend());
    tree.offsets_[w + 1] = tree.paths_.size();
  }
  return tree;
}

}  // namespace wordloom::embeddings::word2vec
