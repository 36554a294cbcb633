// The binary Huffman tree over labels used by hierarchical softmax, built
// exactly as fastText builds it (HierarchicalSoftmaxLoss::buildTree) so that
// fastText `-loss hs` models load with the same inner-node numbering.
//
// Immutable after construction; thread-safe.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_HUFFMAN_TREE_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_HUFFMAN_TREE_H_

#include <cstdint>
#include <vector>

namespace wordloom::embeddings::classifier {

class HuffmanTree {
 public:
  struct Node {
    int32_t parent = -1;
    int32_t left = -1;
    int32_t right = -1;
    int64_t count = 0;
    bool binary = false;  // true when this node is its parent's right child
  };

  // `counts[i]` is the frequency of label i; labels must be sorted by
  // decreasing count (as the trainer and fastText order them). Leaves are
  // nodes 0..n-1, inner nodes n..2n-2, root 2n-2; inner node i has output
  // row i - n.
  explicit HuffmanTree(const std::vector<int64_t>& counts);

  int32_t num_leaves() const { return num_leaves_; }
  const Node& node(int32_t i) const { return nodes_[i]; }
  int32_t root() const { return static_cast<int32_t>(nodes_.size()) - 1; }
  // Output rows of the inner nodes from leaf `label` up to the root, and the
  // matching branch codes (1 = right).
  const std::vector<int32_t>& path(int32_t label) const { return paths_[label]; }
  const std::vector<uint8_t>& code(int32_t label) const { return codes_[label]; }

 private:
  int32_t num_leaves_;
  std::vector<Node> nodes_;
  std::vector<std::vector<int32_t>> paths_;
  std::vector<std::vector<uint8_t>> codes_;
};

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_HUFFMAN_TREE_H_
