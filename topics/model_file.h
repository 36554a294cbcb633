// The LDA model file (DESIGN.md "Models on disk"): one file, written
// atomically, little-endian:
//
//   "WORDLOOM"  u32 format version (1)  u32 len + kind ("lda")
//   u32 K  u32 V  f64 alpha[K]  f64 beta[V]
//   text options: u32 len + stopword language, u8 words_only
//   stats: i32 iterations, i32 threads, u64 seed, i64 documents, i64 tokens, f64 seconds
//   u32 len + vocabulary (nlp::Vocabulary::Serialize)
//   per word: u32 n, then n x (u32 topic, i32 count)
//   u64 XXH64 of every byte before it
//
// Functions are thread-safe (no shared state).
#ifndef WORDLOOM_TOPICS_MODEL_FILE_H_
#define WORDLOOM_TOPICS_MODEL_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "topics/lda_model.h"

namespace wordloom::topics {

inline constexpr std::string_view kModelMagic = "WORDLOOM";
inline constexpr uint32_t kLdaFormatVersion = 1;
inline constexpr std::string_view kLdaKind = "lda";

// Serializes `model` (the bytes SaveLdaModel writes).
std::string SerializeLdaModel(const LdaModel& model);
// Writes `model` to `path` atomically. Errors from AtomicFileWriter.
absl::Status SaveLdaModel(const LdaModel& model, const std::string& path);

// Parses a model file's bytes; `source` names it in errors:
// InvalidArgument (not a wordloom model file), FailedPrecondition (another
// model kind or format version), DataLoss (truncated or corrupt).
absl::StatusOr<std::unique_ptr<LdaModel>> ParseLdaModel(std::string_view bytes,
                                                        std::string_view source);
// Reads and parses `path`; NotFound / PermissionDenied when unreadable.
absl::StatusOr<std::unique_ptr<LdaModel>> LoadLdaModel(const std::string& path);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_MODEL_FILE_H_
