#include "service/model_loaders.h"

#include "absl/strings/match.h"
#include "core/strings.h"
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

std::vector<ModelLoader> BuiltinModelLoaders() { return {SubwordModelLoader()}; }

}  // namespace wordloom::service
