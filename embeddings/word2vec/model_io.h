// Reading and writing word vectors: wordloom's own `.wlm` model file and,
// through LoadVectors(), fastText's `.bin` and `.vec`.
//
// `.wlm` layout (little-endian), following DESIGN.md "Models on disk":
//   "WLMODEL\0" | u32 format version (1) | u32 len + kind ("word2vec")
//   | u32 count + (u32 len + key, u32 len + value)* training parameters
//   | i32 minn, i32 maxn, i32 bucket, u8 query normalization
//   | u64 words + (u32 len + bytes, i64 count)*
//   | input matrix, output matrix: u64 rows, u64 cols, zero padding to a
//     64-byte file offset (so the floats can be mmapped), rows*cols f32
//   | u64 XXH64 of every byte before it.
// Written atomically (temp file + fsync + rename). Loading checks the magic,
// version, kind, every size against the file and the checksum, and returns
// DataLoss naming the file and byte for a truncated or corrupt file and
// InvalidArgument for a foreign one.
//
// Free functions, thread-safe on distinct arguments.
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_MODEL_IO_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_MODEL_IO_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/progress.h"
#include "embeddings/word2vec/word_vectors.h"

namespace wordloom::embeddings::word2vec {

inline constexpr std::string_view kModelMagic{"WLMODEL\0", 8};
inline constexpr uint32_t kModelFormatVersion = 1;
inline constexpr std::string_view kWord2VecKind = "word2vec";

// Writes `vectors` as a .wlm file.
absl::Status SaveModel(const WordVectors& vectors, const std::string& path);

// Reads a .wlm file written by SaveModel(). `progress`, when given, is told
// the bytes checked as they go.
absl::StatusOr<std::unique_ptr<WordVectors>> LoadModel(const std::string& path,
                                                       ProgressReporter* progress = nullptr);
absl::StatusOr<std::unique_ptr<WordVectors>> ParseModel(std::string_view data,
                                                        const std::string& name,
                                                        ProgressReporter* progress = nullptr);

// Writes the vocabulary words' vectors as a fastText .vec file.
absl::Status SaveVec(const WordVectors& vectors, const std::string& path);

// Loads any supported file by its extension: ".wlm" (wordloom), ".bin"
// (fastText model, subwords included) or ".vec" (text vectors, no
// subwords). InvalidArgument for another extension. Shows progress on
// stderr under `progress` (kAuto: when stderr is a terminal): a 2M-bucket
// model is ~800 MB and a large .vec takes seconds to parse.
absl::StatusOr<std::unique_ptr<WordVectors>> LoadVectors(
    const std::string& path, ProgressOptions::Mode progress = ProgressOptions::Mode::kNever);

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_MODEL_IO_H_
