// Subword tokenization with sentencepiece (unigram or BPE models): training,
// encoding with byte offsets, decoding.
//
// sentencepiece runs inside libwordloom_spm_shim.so, loaded on first use into
// its own link-map namespace (see spm_shim/spm_shim_api.h for why). The
// shim is found through $WORDLOOM_SPM_SHIM, the build tree, or next to the
// running executable.
//
// A loaded SubwordModel is immutable and thread-safe (sentencepiece's
// encoder and decoder are const).
#ifndef WORDLOOM_NLP_TEXT_SUBWORD_H_
#define WORDLOOM_NLP_TEXT_SUBWORD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct wl_spm_model;

namespace wordloom::nlp {

struct SubwordPiece {
  int32_t id = 0;
  std::string piece;   // e.g. "▁token" (U+2581 marks a preceding space)
  uint64_t begin = 0;  // UTF-8 byte offsets into the encoded text
  uint64_t end = 0;
};

struct SubwordTrainOptions {
  // Text files, one sentence or paragraph per line.
  std::vector<std::string> inputs;
  // Writes PREFIX.model and PREFIX.vocab.
  std::string model_prefix;
  int vocab_size = 8000;
  // "unigram" or "bpe" (also "char", "word").
  std::string model_type = "unigram";
  double character_coverage = 0.9995;
  // Sentences sampled for training; 0 = all.
  int64_t input_sentence_size = 0;
  // Training threads; 0 = all cores.
  int threads = 0;
};

class SubwordModel {
 public:
  // Loads PREFIX.model. NotFound if the file is missing, InvalidArgument if
  // sentencepiece rejects it, FailedPrecondition if the shim cannot load.
  static absl::StatusOr<std::unique_ptr<SubwordModel>> Load(const std::string& path);
  ~SubwordModel();
  SubwordModel(const SubwordModel&) = delete;
  SubwordModel& operator=(const SubwordModel&) = delete;

  // Encodes `text` (valid UTF-8; InvalidArgument otherwise, naming the byte).
  // Long texts are encoded in whitespace-cut chunks.
  absl::StatusOr<std::vector<SubwordPiece>> Encode(std::string_view text) const;
  // As Encode(), but pieces only (begin = end = 0): appends each piece to
  // `out` separated by single spaces (no newline). The fast path of `tokenize --subword`.
  absl::Status EncodeToText(std::string_view text, std::string* out) const;
  // Decodes ids back to text. InvalidArgument for an id out of range.
  absl::StatusOr<std::string> Decode(const std::vector<int32_t>& ids) const;

  int32_t vocab_size() const;
  std::string IdToPiece(int32_t id) const;

  // Trains a model. InvalidArgument for bad options, Internal when
  // sentencepiece fails (its message included).
  static absl::Status Train(const SubwordTrainOptions& options);

 private:
  explicit SubwordModel(wl_spm_model* model) : model_(model) {}
  absl::Status EncodeChunk(std::string_view text, uint64_t base,
                           std::vector<SubwordPiece>* out) const;
  absl::Status EncodeChunkToText(std::string_view text, size_t line_start,
                                 std::string* out) const;

  wl_spm_model* model_;  // owned; freed through the shim
};

// The path the shim is loaded from, or an error saying where it was sought.
absl::StatusOr<std::string> FindSpmShim();

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_SUBWORD_H_
