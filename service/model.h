// What the model registry holds: a loaded model of some kind, immutable and
// shared between concurrent calls as std::shared_ptr<const Model>, plus the
// loader a model library plugs in for its kind.
//
// A model library needs no service types: its engineer (or the service's
// model_loaders.cc) wraps the library object in ModelOf<T>:
//
//   ModelLoader{.kind = ModelKind::kTopics,
//               .accepts = [](auto name, auto head) { return head.starts_with("WLLDA"); },
//               .load = [](const std::string& path) -> absl::StatusOr<...> {
//                 WL_ASSIGN_OR_RETURN(auto lda, topics::LdaModel::Load(path));
//                 ModelDetails d{.number_of_topics = lda->num_topics()};
//                 return MakeModel<topics::LdaModel>(std::move(lda), d);
//               }};
//
// and a handler gets it back typed with ModelRegistry::GetAs<topics::LdaModel>.
#ifndef WORDLOOM_SERVICE_MODEL_H_
#define WORDLOOM_SERVICE_MODEL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace wordloom::service {

// Model kinds; numbers match wordloom.v1.ModelKind.
enum class ModelKind : int {
  kUnspecified = 0,
  kSentiment = 1,
  kEntities = 2,
  kLanguage = 3,
  kTopics = 4,
  kClassifier = 5,
  kVectors = 6,
  kSubword = 7,
  kKeyphrases = 8,
};

// "SENTIMENT", "TOPICS", ... (the proto enum names).
std::string_view ModelKindName(ModelKind kind);

// What a loader reports about a model it loaded (ModelInfo's fields).
struct ModelDetails {
  std::string language_code;  // "" = any language
  std::map<std::string, std::string> training_parameters;
  std::vector<std::string> labels;
  int64_t vocabulary_size = 0;
  int32_t dimension = 0;
  int32_t number_of_topics = 0;
  int32_t format_version = 0;
  std::optional<absl::Time> trained_at;
};

// A loaded model. Immutable and thread-safe once loaded.
class Model {
 public:
  virtual ~Model() = default;
  virtual const ModelDetails& details() const = 0;
};

// A library model object of type T as a Model.
template <typename T>
class ModelOf final : public Model {
 public:
  ModelOf(std::unique_ptr<const T> value, ModelDetails details)
      : value_(std::move(value)), details_(std::move(details)) {}
  const T& value() const { return *value_; }
  const ModelDetails& details() const override { return details_; }

 private:
  const std::unique_ptr<const T> value_;
  const ModelDetails details_;
};

template <typename T>
std::shared_ptr<const Model> MakeModel(std::unique_ptr<T> value, ModelDetails details) {
  return std::make_shared<const ModelOf<T>>(std::unique_ptr<const T>(std::move(value)),
                                            std::move(details));
}

// How the registry recognizes and loads the files of one model kind.
struct ModelLoader {
  ModelKind kind = ModelKind::kUnspecified;
  // Whether a file is of this kind, from its name and its first (up to 64)
  // bytes. Must be cheap and must not throw.
  std::function<bool(std::string_view file_name, std::string_view head)> accepts;
  // Loads the file. Errors as Models.LoadModel documents them: DataLoss
  // (truncated or corrupt), FailedPrecondition (foreign format or version),
  // ResourceExhausted (out of memory).
  std::function<absl::StatusOr<std::shared_ptr<const Model>>(const std::string& path)> load;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_MODEL_H_
