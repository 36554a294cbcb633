#include "embeddings/fasttext_format/fasttext_hash.h"

namespace wordloom::embeddings::fasttext {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Calls emit(begin, end) for every n-gram fastText's computeSubwords takes.
template <typename Emit>
void ForEachCharNgram(std::string_view word, int minn, int maxn, Emit emit) {
  if (maxn <= 0) return;
  const size_t size = word.size();
  for (size_t i = 0; i < size; ++i) {
    if (IsContinuationByte(word[i])) continue;
    size_t j = i;
    for (int n = 1; j < size && n <= maxn; ++n) {
      ++j;
      while (j < size && IsContinuationByte(word[j])) ++j;
      if (n >= minn && !(n == 1 && (i == 0 || j == size))) emit(i, j);
    }
  }
}

}  // namespace

uint32_t FastTextHash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<uint32_t>(static_cast<int8_t>(c));
    h *= 16777619u;
  }
  return h;
}

std::string WithBoundaries(std::string_view word) {
  std::string out;
  out.reserve(word.size() + 2);
  out.push_back(kBow);
  out.append(word);
  out.push_back(kEow);
  return out;
}

void AppendCharNgramIds(std::string_view bounded_word, int minn, int maxn, int32_t bucket,
                        int32_t offset, std::vector<int32_t>* out) {
  if (bucket <= 0) return;
  ForEachCharNgram(bounded_word, minn, maxn, [&](size_t begin, size_t end) {
    uint32_t h = FastTextHash(bounded_word.substr(begin, end - begin));
    out->push_back(offset + static_cast<int32_t>(h % static_cast<uint32_t>(bucket)));
  });
}

void AppendCharNgrams(std::string_view bounded_word, int minn, int maxn,
                      std::vector<std::string>* out) {
  ForEachCharNgram(bounded_word, minn, maxn, [&](size_t begin, size_t end) {
    out->emplace_back(bounded_word.substr(begin, end - begin));
  });
}

void AppendWordNgramIds(const std::vector<int32_t>& hashes, int word_ngrams, int32_t bucket,
                        int32_t offset, std::vector<int32_t>* out) {
  if (word_ngrams <= 1 || bucket <= 0) return;
  const int32_t count = static_cast<int32_t>(hashes.size());
  for (int32_t i = 0; i < count; ++i) {
    // fastText widens the int32_t hash to uint64_t (sign extension) here.
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
    for (int32_t j = i + 1; j < count && j < i + word_ngrams; ++j) {
      h = h * 116049371u + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
      out->push_back(offset + static_cast<int32_t>(h % static_cast<uint64_t>(bucket)));
    }
  }
}

}  // namespace wordloom::embeddings::fasttext
