// wordloom's classifier model file (DESIGN.md "Models on disk"):
//   magic "WORDLOOM", u32 format version, kind "classifier",
//   parameters, words (+ hashes), labels (+ counts), n-gram bucket ids,
//   input and output matrices (little-endian f32), XXH3-64 checksum of all
//   preceding bytes.
// Written atomically (temp + fsync + rename). Reading checks magic, kind,
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

// Version 2 added minn/maxn (char n-grams); version 1 files still load.
inline constexpr uint32_t kClassifierFormatVersion = 2;

// Serializes `data` into the file format above.
std::string SerializeModel(const ModelData& data);

// Parses a serialized model. `name` appears in errors. Errors: InvalidArgument
// (not a wordloom file, or another kind of model), FailedPrecondition
// (unsupported format version), DataLoss (truncated or corrupt).
absl::StatusOr<ModelData> ParseModel(std::string_view bytes, std::string_view name);

// Writes `model` to `path` atomically.
absl::Status SaveClassifier(const ClassifierModel& model, const std::string& path);

// Loads a classifier from `path`: a wordloom model file, or a fastText
// supervised `.bin` (see fasttext_import.h), told apart by the magic number.
absl::StatusOr<std::unique_ptr<ClassifierModel>> LoadClassifier(const std::string& path);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_MODEL_IO_H_
