#include "service/model_registry.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "core/strings.h"
#include "nlp/analyze/language/language_gate.h"
#include "service/limits.h"
#include "service/log.h"

namespace wordloom::service {
namespace {

struct FileStamp {
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

bool StatFile(const std::string& path, FileStamp* stamp) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  stamp->size = st.st_size;
  stamp->mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

std::string ReadHead(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char buf[64];
  in.read(buf, sizeof(buf));
  return std::string(buf, static_cast<size_t>(in.gcount()));
}

// Files in the models directory that look like model files.
bool IsCandidate(const std::string& name) {
  return !name.empty() && name[0] != '.' && !absl::EndsWith(name, ".tmp") &&
         !absl::EndsWith(name, "~");
}

}  // namespace

std::string_view ModelKindName(ModelKind kind) {
  switch (kind) {
    case ModelKind::kSentiment: return "SENTIMENT";
    case ModelKind::kEntities: return "ENTITIES";
    case ModelKind::kLanguage: return "LANGUAGE";
    case ModelKind::kTopics: return "TOPICS";
    case ModelKind::kClassifier: return "CLASSIFIER";
    case ModelKind::kVectors: return "VECTORS";
    case ModelKind::kSubword: return "SUBWORD";
    case ModelKind::kKeyphrases: return "KEYPHRASES";
    case ModelKind::kUnspecified: break;
  }
  return "MODEL_KIND_UNSPECIFIED";
}

ModelRegistry::ModelRegistry(ModelRegistryOptions options, std::vector<ModelLoader> loaders)
    : options_(std::move(options)), loaders_(std::move(loaders)) {}

absl::StatusOr<std::unique_ptr<ModelRegistry>> ModelRegistry::Create(
    ModelRegistryOptions options, std::vector<ModelLoader> loaders) {
  std::unique_ptr<ModelRegistry> registry(new ModelRegistry(std::move(options), std::move(loaders)));
  absl::Status scanned = registry->Rescan();
  if (!scanned.ok()) return scanned;
  if (registry->options_.poll_interval > absl::ZeroDuration()) {
    registry->watcher_ = std::thread([r = registry.get()] { r->WatchLoop(); });
  }
  return registry;
}

ModelRegistry::~ModelRegistry() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (watcher_.joinable()) watcher_.join();
}

void ModelRegistry::WatchLoop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.poll_interval);
      if (stopping_) return;
    }
    absl::Status s = Rescan();
    if (!s.ok()) LogEvent("models.rescan_failed", {{"error", std::string(s.message())}});
  }
}

const ModelLoader* ModelRegistry::FindLoader(const std::string& path) const {
  const std::string head = ReadHead(path);
  const std::string name = std::filesystem::path(path).filename().string();
  for (const ModelLoader& loader : loaders_) {
    if (loader.accepts && loader.accepts(name, head)) return &loader;
  }
  return nullptr;
}

// Model-looking files of `dir` by id (file name without extension). When two
// share an id, a ".wlm" file wins (train-vectors writes PREFIX.wlm next to
// PREFIX.vec), else the first in directory order.
using FoundFiles = std::map<std::string, std::pair<std::string, FileStamp>>;
static absl::StatusOr<FoundFiles> ScanDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  FoundFiles found;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return found;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read models directory ", dir, ": ", ec.message()));
  }
  for (; it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    FileStamp stamp;
    if (!IsCandidate(name) || !StatFile(it->path().string(), &stamp)) continue;
    auto [entry, added] =
        found.emplace(it->path().stem().string(), std::make_pair(it->path().string(), stamp));
    if (!added && absl::EndsWith(name, ".wlm")) entry->second = {it->path().string(), stamp};
  }
  return found;
}

absl::Status ModelRegistry::Rescan() {
  absl::StatusOr<FoundFiles> scanned = ScanDirectory(options_.models_dir);
  if (!scanned.ok()) return scanned.status();
  const FoundFiles& found = *scanned;
  std::vector<std::string> to_load;
  {
    absl::MutexLock lock(&mu_);
    for (auto it = entries_.begin(); it != entries_.end();) {
      const bool gone = !it->second.external && !found.count(it->first);
      it = gone ? entries_.erase(it) : std::next(it);
    }
    for (auto& [id, file] : found) {
      auto it = entries_.find(id);
      if (it != entries_.end() && it->second.external) continue;
      if (it != entries_.end() && it->second.mtime_ns == file.second.mtime_ns &&
          it->second.info.size_bytes == file.second.size && it->second.info.path == file.first) {
        continue;  // unchanged
      }
      const ModelLoader* loader = FindLoader(file.first);
      if (loader == nullptr) continue;  // not a model file we know
      const bool is_new = it == entries_.end();
      if (is_new) it = entries_.emplace(id, Entry{}).first;
      Entry& e = it->second;
      const bool was_loaded = e.model != nullptr;
      e.info.model_id = id;
      e.info.kind = loader->kind;
      e.info.path = file.first;
      e.info.size_bytes = file.second.size;
      e.mtime_ns = file.second.mtime_ns;
      e.loader = loader;
      if (e.info.state == ModelState::kFailed) {
        e.info.state = ModelState::kAvailable;
        e.info.status_message.clear();
      }
      if (was_loaded || (is_new && options_.eager_load)) to_load.push_back(id);
    }
  }
  for (const std::string& id : to_load) {
    absl::StatusOr<ModelEntryInfo> loaded = LoadEntry(id, /*force=*/true);
    LogEvent(loaded.ok() ? "models.loaded" : "models.load_failed",
             {{"model_id", id},
              {"error", loaded.ok() ? std::string() : std::string(loaded.status().message())}});
  }
  return absl::OkStatus();
}

absl::StatusOr<ModelEntryInfo> ModelRegistry::LoadEntry(const std::string& model_id, bool force) {
  std::string path;
  const ModelLoader* loader;
  {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find(model_id);
    if (it == entries_.end()) {
      return absl::NotFoundError(absl::StrCat("unknown model_id \"", model_id, "\""));
    }
    if (it->second.model != nullptr && !force) return it->second.info;
    path = it->second.info.path;
    loader = it->second.loader;
  }
  absl::StatusOr<std::shared_ptr<const Model>> model = loader->load(path);  // unlocked
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(model_id);
  if (it == entries_.end() || it->second.info.path != path) {
    return absl::AbortedError(absl::StrCat("model \"", model_id, "\" changed while loading"));
  }
  Entry& e = it->second;
  if (!model.ok()) {
    if (e.model != nullptr) {  // failed reload: the old model keeps serving
      return absl::Status(model.status().code(),
                          absl::StrCat("reloading ", path, " failed (previous version still "
                                       "serving): ", model.status().message()));
    }
    e.info.state = ModelState::kFailed;
    e.info.status_message = std::string(model.status().message());
    return absl::Status(model.status().code(),
                        absl::StrCat("loading ", path, ": ", model.status().message()));
  }
  e.model = *std::move(model);
  e.info.state = ModelState::kLoaded;
  e.info.status_message.clear();
  e.info.loaded_at = absl::Now();
  e.info.details = e.model->details();
  return e.info;
}

std::vector<ModelEntryInfo> ModelRegistry::List() const {
  absl::MutexLock lock(&mu_);
  std::vector<ModelEntryInfo> out;
  out.reserve(entries_.size());
  for (const auto& [id, e] : entries_) out.push_back(e.info);
  return out;
}

absl::StatusOr<ModelEntryInfo> ModelRegistry::Describe(const std::string& model_id) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(model_id);
  if (it == entries_.end()) {
    return absl::NotFoundError(absl::StrCat("unknown model_id \"", model_id,
                                            "\"; ListModels shows the known models"));
  }
  return it->second.info;
}

absl::StatusOr<ModelEntryInfo> ModelRegistry::Load(const std::string& model_id,
                                                   const std::string& path) {
  if (path.empty()) return LoadEntry(model_id, /*force=*/false);
  FileStamp stamp;
  if (!StatFile(path, &stamp)) {
    return absl::NotFoundError(absl::StrCat("model file ", path, " does not exist or is not a file"));
  }
  const ModelLoader* loader = FindLoader(path);
  if (loader == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a model file of any kind this server loads"));
  }
  {
    absl::MutexLock lock(&mu_);
    Entry& e = entries_[model_id];
    e.model.reset();
    e.info = ModelEntryInfo{};
    e.info.model_id = model_id;
    e.info.kind = loader->kind;
    e.info.path = path;
    e.info.size_bytes = stamp.size;
    e.loader = loader;
    e.mtime_ns = stamp.mtime_ns;
    e.external = true;
  }
  return LoadEntry(model_id, /*force=*/true);
}

absl::StatusOr<ModelEntryInfo> ModelRegistry::Unload(const std::string& model_id) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(model_id);
  if (it == entries_.end()) {
    return absl::NotFoundError(absl::StrCat("unknown model_id \"", model_id, "\""));
  }
  Entry& e = it->second;
  e.model.reset();  // in-flight calls keep their own reference
  if (e.info.state == ModelState::kLoaded) e.info.state = ModelState::kAvailable;
  e.info.loaded_at.reset();
  e.info.details = ModelDetails{};
  return e.info;
}

absl::StatusOr<std::shared_ptr<const Model>> ModelRegistry::Get(const std::string& model_id,
                                                                ModelKind kind) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    {
      absl::MutexLock lock(&mu_);
      auto it = entries_.find(model_id);
      if (it == entries_.end()) {
        return absl::NotFoundError(absl::StrCat("unknown model_id \"", model_id,
                                                "\"; ListModels shows the known models"));
      }
      const Entry& e = it->second;
      if (kind != ModelKind::kUnspecified && e.info.kind != kind) {
        return absl::FailedPreconditionError(
            absl::StrCat("model \"", model_id, "\" is a ", ToAbsl(ModelKindName(e.info.kind)),
                         " model; this call needs a ", ToAbsl(ModelKindName(kind)), " model"));
      }
      if (e.model != nullptr) return e.model;
      if (e.info.state == ModelState::kFailed) {
        return absl::FailedPreconditionError(absl::StrCat(
            "model \"", model_id, "\" failed to load: ", e.info.status_message));
      }
    }
    absl::StatusOr<ModelEntryInfo> loaded = LoadEntry(model_id, /*force=*/false);
    if (!loaded.ok()) return absl::FailedPreconditionError(loaded.status().message());
  }
  return absl::UnavailableError(absl::StrCat("model \"", model_id, "\" was unloaded meanwhile"));
}

absl::StatusOr<std::shared_ptr<const Model>> ModelRegistry::GetDefault(
    ModelKind kind, const std::string& language) {
  std::vector<std::string> ids;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [id, e] : entries_) {
      if (e.info.kind == kind && e.info.state != ModelState::kFailed) ids.push_back(id);
    }
  }
  std::vector<std::string> other_languages;
  for (const std::string& id : ids) {
    absl::StatusOr<std::shared_ptr<const Model>> model = Get(id, kind);
    if (!model.ok()) continue;
    const std::string& lang = (*model)->details().language_code;
    if (analyze::language::SameLanguage(lang, language)) return model;
    other_languages.push_back(absl::StrCat("\"", lang, "\""));
  }
  if (!other_languages.empty()) {
    return UnsupportedLanguageError(absl::StrCat(
        "unsupported language \"", language, "\": the ", ToAbsl(ModelKindName(kind)),
        " models in ", options_.models_dir, " are for ", absl::StrJoin(other_languages, ", ")));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "no ", ToAbsl(ModelKindName(kind)), " model", language.empty() ? "" : " for language \"",
      language, language.empty() ? "" : "\"", " is available in ", options_.models_dir));
}

absl::Status UnsupportedLanguageError(std::string_view message) {
  absl::Status status = absl::InvalidArgumentError(ToAbsl(message));
  status.SetPayload(kComprehendErrorPayload, absl::Cord("UnsupportedLanguageException"));
  return status;
}

absl::Status CheckModelLanguage(const Model& model, std::string_view model_id,
                                std::string_view language) {
  const std::string& lang = model.details().language_code;
  if (analyze::language::SameLanguage(lang, language)) return absl::OkStatus();
  return UnsupportedLanguageError(absl::StrCat("unsupported language \"", ToAbsl(language),
                                               "\": model \"", ToAbsl(model_id), "\" is for \"",
                                               lang, "\""));
}

size_t ModelRegistry::loaded_count() const {
  absl::MutexLock lock(&mu_);
  size_t n = 0;
  for (const auto& [id, e] : entries_) n += e.model != nullptr;
  return n;
}

int64_t ModelRegistry::loaded_bytes() const {
  absl::MutexLock lock(&mu_);
  int64_t n = 0;
  for (const auto& [id, e] : entries_) n += e.model != nullptr ? e.info.size_bytes : 0;
  return n;
}

}  // namespace wordloom::service
