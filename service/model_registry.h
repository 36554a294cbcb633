// The model registry: every model file in the models directory, which are
// loaded, and loading / unloading / hot-reloading them. Models are addressed
// by id (file name without extension), so several models of one kind can be
// served side by side, as Comprehend's endpoint ARNs.
//
// Hot reload: Rescan() (called every `poll_interval` by a watcher thread, or
// by hand) reloads a loaded model whose file changed and swaps the new one in;
// calls that already hold the old std::shared_ptr<const Model> finish with it.
// If the reload fails the old model keeps serving.
//
// Thread-safe. Loading runs outside the registry lock, so a slow load does
// not block calls using other models.
#ifndef WORDLOOM_SERVICE_MODEL_REGISTRY_H_
#define WORDLOOM_SERVICE_MODEL_REGISTRY_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/model.h"

namespace wordloom::service {

enum class ModelState { kLoaded = 1, kAvailable = 2, kFailed = 3 };  // = ModelStatus

// A snapshot of one registry entry.
struct ModelEntryInfo {
  std::string model_id;
  ModelKind kind = ModelKind::kUnspecified;
  std::string path;
  ModelState state = ModelState::kAvailable;
  std::string status_message;  // why the last load failed (kFailed)
  int64_t size_bytes = 0;
  std::optional<absl::Time> loaded_at;
  ModelDetails details;  // filled while loaded
};

struct ModelRegistryOptions {
  // Directory scanned for model files (not recursive).
  std::string models_dir = "models";
  // Load every model found, at startup and when new files appear (else each
  // loads on first use).
  bool eager_load = true;
  // How often the watcher rescans the directory; zero = no watcher.
  absl::Duration poll_interval = absl::Seconds(2);
};

class ModelRegistry {
 public:
  // Scans the directory with `loaders` (one per kind). A missing directory is
  // an empty registry (models can still be loaded by path); a directory that
  // cannot be read is an error. Load failures at startup mark the model
  // FAILED, they do not fail Create.
  static absl::StatusOr<std::unique_ptr<ModelRegistry>> Create(ModelRegistryOptions options,
                                                               std::vector<ModelLoader> loaders);
  ~ModelRegistry();

  // Picks up new, changed and removed files (see the class comment).
  absl::Status Rescan();

  // All entries ordered by id.
  std::vector<ModelEntryInfo> List() const;
  // NotFound for an unknown id.
  absl::StatusOr<ModelEntryInfo> Describe(const std::string& model_id) const;
  // Loads `model_id` (no-op if loaded). With `path`, registers that file
  // under the id first. NotFound (id or file), FailedPrecondition (no loader
  // accepts the file), and the loader's errors.
  absl::StatusOr<ModelEntryInfo> Load(const std::string& model_id, const std::string& path = "");
  // Drops the model from memory; in-flight calls keep their reference.
  absl::StatusOr<ModelEntryInfo> Unload(const std::string& model_id);

  // The loaded model `model_id`, loading it on first use. NotFound (unknown
  // id), FailedPrecondition (other kind, or it failed to load).
  absl::StatusOr<std::shared_ptr<const Model>> Get(const std::string& model_id,
                                                   ModelKind kind);
  // Get() for an empty id: the first model (by id) of `kind` for `language`
  // (or for any language; "en-US" matches a model for "en"). InvalidArgument
  // with Comprehend's UnsupportedLanguageException when models of `kind`
  // exist but none for `language`; FailedPrecondition when there is none.
  absl::StatusOr<std::shared_ptr<const Model>> GetDefault(ModelKind kind,
                                                          const std::string& language);
  // Get(), or GetDefault() when `model_id` is empty, typed as the library's T.
  // A model named by id must also be for `language` (when both say one).
  template <typename T>
  absl::StatusOr<std::shared_ptr<const T>> GetAs(const std::string& model_id, ModelKind kind,
                                                 const std::string& language = "");

  size_t loaded_count() const;
  // Sum of the file sizes of loaded models (a proxy for their memory).
  int64_t loaded_bytes() const;

 private:
  struct Entry {
    ModelEntryInfo info;
    const ModelLoader* loader = nullptr;
    std::shared_ptr<const Model> model;
    int64_t mtime_ns = 0;
    bool external = false;  // registered by LoadModel(path), not in models_dir
  };
  ModelRegistry(ModelRegistryOptions options, std::vector<ModelLoader> loaders);
  absl::StatusOr<ModelEntryInfo> LoadEntry(const std::string& model_id, bool force);
  const ModelLoader* FindLoader(const std::string& path) const;
  void WatchLoop();

  const ModelRegistryOptions options_;
  const std::vector<ModelLoader> loaders_;
  mutable absl::Mutex mu_;
  std::map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread watcher_;
};

// InvalidArgument carrying Comprehend's UnsupportedLanguageException.
absl::Status UnsupportedLanguageError(std::string_view message);
// OK when `model` is for `language` (or either says none).
absl::Status CheckModelLanguage(const Model& model, std::string_view model_id,
                                std::string_view language);

template <typename T>
absl::StatusOr<std::shared_ptr<const T>> ModelRegistry::GetAs(const std::string& model_id,
                                                              ModelKind kind,
                                                              const std::string& language) {
  absl::StatusOr<std::shared_ptr<const Model>> model =
      model_id.empty() ? GetDefault(kind, language) : Get(model_id, kind);
  if (!model.ok()) return model.status();
  if (!model_id.empty()) {
    if (absl::Status s = CheckModelLanguage(**model, model_id, language); !s.ok()) return s;
  }
  auto typed = std::dynamic_pointer_cast<const ModelOf<T>>(*model);
  if (typed == nullptr) {
    return absl::FailedPreconditionError("model \"" + model_id + "\" has an unexpected type");
  }
  // Aliasing constructor: shares ownership of the whole ModelOf<T>.
  return std::shared_ptr<const T>(typed, &typed->value());
}

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_MODEL_REGISTRY_H_
