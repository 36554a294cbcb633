#include "service/model_loaders.h"

#include <cstring>

#include "absl/strings/match.h"
#include "core/strings.h"
#include "nlp/analyze/language/language_identifier.h"
#include "nlp/text/subword.h"

namespace wordloom::service {

ModelLoader SubwordModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kSubword;
  // sentencepiece models are bare protobuf (no magic): known by extension.
  loader.accepts = [](std::string_view name, std::string_view) {
    return absl::EndsWith(ToAbsl(name), ".model");
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    absl::StatusOr<std::unique_ptr<nlp::SubwordModel>> model = nlp::SubwordModel::Load(path);
    if (!model.ok()) {
      // sentencepiece says InvalidArgument for a file it cannot parse.
      if (absl::IsInvalidArgument(model.status())) {
        return absl::DataLossError(model.status().message());
      }
      return model.status();
    }
    ModelDetails details;
    details.vocabulary_size = (*model)->vocab_size();
    return MakeModel(*std::move(model), std::move(details));
  };
  return loader;
}

bool ParseModelFrame(std::string_view head, std::string* kind, uint32_t* version) {
  constexpr std::string_view kMagic("WLMODEL\0", 8);
  if (head.size() < 16 || head.substr(0, 8) != kMagic) return false;
  uint32_t kind_size = 0;
  std::memcpy(version, head.data() + 8, 4);
  std::memcpy(&kind_size, head.data() + 12, 4);
  if (kind_size > head.size() - 16) return false;
  kind->assign(head.substr(16, kind_size));
  return true;
}

ModelLoader LanguageModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kLanguage;
  loader.accepts = [](std::string_view, std::string_view head) {
    std::string kind;
    uint32_t version;
    return ParseModelFrame(head, &kind, &version) && absl::StartsWith(kind, "language-id/");
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    auto model = analyze::language::LanguageIdentifier::Load(path);
    if (!model.ok()) {
      // The reader says InvalidArgument for a foreign file.
      if (absl::IsInvalidArgument(model.status())) {
        return absl::FailedPreconditionError(model.status().message());
      }
      return model.status();
    }
    ModelDetails details;
    details.labels = (*model)->codes();
    details.training_parameters["languages"] = std::to_string((*model)->codes().size());
    details.format_version = 1;
    return MakeModel(*std::move(model), std::move(details));
  };
  return loader;
}

std::vector<ModelLoader> BuiltinModelLoaders() {
  return {SubwordModelLoader(), LanguageModelLoader()};
}

}  // namespace wordloom::service
