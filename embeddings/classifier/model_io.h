// wordloom's classifier model file (DESIGN.md "Models on disk"):
//   magic "WORDLOOM", u32 format version, kind "classifier",
//   parameters, words (+ hashes), labels (+ counts), n-gram bucket ids,
//   input and output matrices, each dense (little-endian f32) or product-
//   quantised (codes + codebooks, see quantize.h), XXH3-64 checksum of all
//   preceding bytes.
// Written atomically (temp + fsync + rename), streamed to the temp file in
// 1 MiB chunks (never a second in-memory copy of the model). Reading checks magic, kind,
// version, checksum and every length, so truncated, foreign or corrupt files
// fail with a clear error instead of a crash.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_MODEL_IO_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_MODEL_IO_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "embeddings/classifier/classifier_model.h"
#include "embeddings/classifier/model_data.h"

namespace wordloom::embeddings::classifier {

// Version 2 added minn/maxn (char n-grams); version 3 an encoding byte
// (dense or quantised) before each matrix. Versions 1 and 2 still load.
inline constexpr uint32_t kClassifierFormatVersion = 3;

// Serializes `data` into the file format above.
std::string SerializeModel(const ModelData& data);

// Parses a serialized model. `name` appears in errors. Errors: InvalidArgument
// (not a wordloom file, or another kind of model), FailedPrecondition
// (unsupported format version), DataLoss (truncated or corrupt).
absl::StatusOr<ModelData> ParseModel(std::string_view bytes, std::string_view name);

// Writes `model` to `path` atomically.
absl::Status SaveClassifier(const ClassifierModel& model, const std::string& path);

// Loads a classifier from `path`: a wordloom model file (dense or
// quantised), or a fastText supervised `.bin` / quantized `.ftz` (see
// fasttext_import.h), told apart by the magic number.
absl::StatusOr<std::unique_ptr<ClassifierModel>> LoadClassifier(const std::string& path);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_MODEL_IO_H_
