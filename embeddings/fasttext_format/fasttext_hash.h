// fastText's word lookup rules, bit for bit: the FNV-1a hash as fastText
// 0.9.2 computes it (each byte sign-extended through int8_t before the XOR,
// so bytes >= 0x80 hash differently from textbook FNV-1a), character n-grams
// of "<word>" bounded by UTF-8 code points, and the word n-gram hashing of
// supervised models. Used by the .bin reader, by word2vec's subword training
// and by the supervised classifier, so all three agree on bucket ids.
//
// Pure functions, thread-safe.
//
//   std::vector<int32_t> ids;
//   AppendCharNgramIds(WithBoundaries("where"), 3, 6, 2000000, nwords, &ids);
#ifndef WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_FASTTEXT_HASH_H_
#define WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_FASTTEXT_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wordloom::embeddings::fasttext {

// The end-of-sentence token fastText appends to every line.
inline constexpr std::string_view kEos = "</s>";
// Word boundary markers around a word before its n-grams are taken.
inline constexpr char kBow = '<';
inline constexpr char kEow = '>';

// fastText's Dictionary::hash: 32-bit FNV-1a over the bytes of `s`, each byte
// converted to int8_t then uint32_t (sign extension) before the XOR.
uint32_t FastTextHash(std::string_view s);

// "<" + word + ">".
std::string WithBoundaries(std::string_view word);

// Appends to `out` the row ids of the character n-grams of `bounded_word`
// (already "<word>"), n in [minn, maxn] counted in UTF-8 code points, as
// fastText's computeSubwords: id = offset + FastTextHash(ngram) % bucket.
// Single-character n-grams touching a boundary marker are skipped. Nothing is
// appended when maxn <= 0 or bucket <= 0. `offset` is the number of words
// (n-gram rows follow the word rows in the input matrix).
void AppendCharNgramIds(std::string_view bounded_word, int minn, int maxn, int32_t bucket,
                        int32_t offset, std::vector<int32_t>* out);

// As AppendCharNgramIds, but appends the n-gram strings themselves (for
// tools that print subwords).
void AppendCharNgrams(std::string_view bounded_word, int minn, int maxn,
                      std::vector<std::string>* out);

// Appends the word n-gram ids of supervised fastText (Dictionary::
// addWordNgrams): for each start i and each n in [2, word_ngrams], the hash
// h = h * 116049371 + hashes[j] over the FastTextHash of the words, then id =
// offset + h % bucket. `hashes` holds FastTextHash of each word of the line
// (as int32_t, the way fastText stores them). No-op when word_ngrams <= 1.
void AppendWordNgramIds(const std::vector<int32_t>& hashes, int word_ngrams, int32_t bucket,
                        int32_t offset, std::vector<int32_t>* out);

}  // namespace wordloom::embeddings::fasttext

#endif  // WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_FASTTEXT_HASH_H_
