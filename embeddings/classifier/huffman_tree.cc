#include "embeddings/classifier/huffman_tree.h"

namespace wordloom::embeddings::classifier {

HuffmanTree::HuffmanTree(const std::vector<int64_t>& counts)
    : num_leaves_(static_cast<int32_t>(counts.size())) {
  const int32_t n = num_leaves_;
  if (n == 0) return;
  nodes_.assign(2 * n - 1, Node{});
  for (auto& node : nodes_) node.count = static_cast<int64_t>(1e15);
  for (int32_t i = 0; i < n; ++i) nodes_[i].count = counts[i];
  int32_t leaf = n - 1;
  int32_t inner = n;
  for (int32_t i = n; i < 2 * n - 1; ++i) {
    int32_t mini[2] = {0, 0};
    for (int32_t& m : mini) {
      if (leaf >= 0 && nodes_[leaf].count < nodes_[inner].count) {
        m = leaf--;
      } else {
        m = inner++;
      }
    }
    nodes_[i].left = mini[0];
    nodes_[i].right = mini[1];
    nodes_[i].count = nodes_[mini[0]].count + nodes_[mini[1]].count;
    nodes_[mini[0]].parent = i;
    nodes_[mini[1]].parent = i;
    nodes_[mini[1]].binary = true;
  }
  paths_.resize(n);
  codes_.resize(n);
  for (int32_t i = 0; i < n; ++i) {
    for (int32_t j = i; nodes_[j].parent != -1; j = nodes_[j].parent) {
      paths_[i].push_back(nodes_[j].parent - n);
      codes_[i].push_back(nodes_[j].binary ? 1 : 0);
    }
  }
}

}  // namespace wordloom::embeddings::classifier
