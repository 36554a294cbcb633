// The Huffman tree of hierarchical softmax (word2vec's CreateBinaryTree):
// frequent words get short codes. For word w, path(w) lists the inner nodes
// from the root (output-matrix rows in [0, n-1)) and code(w) the branch
// taken at each (0 or 1).
//
// Immutable after Build(); thread-safe to read.
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_HUFFMAN_TREE_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_HUFFMAN_TREE_H_

#include <cstdint>
#include <span>
#include <vector>

namespace wordloom::embeddings::word2vec {

class HuffmanTree {
 public:
  // `counts` in descending order (vocabulary order); at least one word.
  static HuffmanTree Build(const std::vector<int64_t>& counts);

  std::span<const int32_t> Path(int32_t word) const {
    return {paths_.data() + offsets_[word], offsets_[word + 1] - offsets_[word]};
  }
  std::span<const uint8_t> Code(int32_t word) const {
    return {codes_.data() + offsets_[word], offsets_[word + 1] - offsets_[word]};
  }

 private:
  std::vector<size_t> offsets_;  // per word, into paths_/codes_; size n + 1
  std::vector<int32_t> paths_;
  std::vector<uint8_t> codes_;
};

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_HUFFMAN_TREE_H_
