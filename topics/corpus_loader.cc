#include "topics/corpus_loader.h"

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "topics/bow_readers.h"

namespace wordloom::topics {
namespace {

std::string DefaultVocab(const std::string& format, const std::string& path) {
  const std::filesystem::path p(path);
  std::string name = p.filename().string();
  if (format == "uci" && absl::StartsWith(name, "docword")) {
    name.replace(0, 7, "vocab");
    return (p.parent_path() / name).string();
  }
  return (p.parent_path() / "vocab.txt").string();
}

}  // namespace

std::string ResolveFormat(const std::string& format, const std::string& path) {
  if (format != "auto") return format;
  if (absl::EndsWith(path, ".dat")) return "lda-c";
  if (absl::StartsWith(std::filesystem::path(path).filename().string(), "docword")) return "uci";
  return "lines";
}

absl::StatusOr<Corpus> LoadCorpus(const CorpusSource& source) {
  if (source.inputs.empty()) return absl::InvalidArgumentError("no input files");
  const std::string format = ResolveFormat(source.format, source.inputs[0]);
  if (format == "lda-c" || format == "uci") {
    if (source.inputs.size() != 1) {
      return absl::InvalidArgumentError(absl::StrCat(format, " input is one data file, got ",
                                                     source.inputs.size()));
    }
    const std::string& path = source.inputs[0];
    const std::string vocab = source.vocab.empty() ? DefaultVocab(format, path) : source.vocab;
    return format == "lda-c" ? ReadLdaC(path, vocab) : ReadUciBagOfWords(path, vocab);
  }
  if (format != "lines") {
    return absl::InvalidArgumentError(absl::StrCat("unknown corpus format '", format,
                                                   "' (auto, lda-c, uci, lines)"));
  }
  WL_ASSIGN_OR_RETURN(auto builder, TextCorpusBuilder::Create(source.text));
  for (const std::string& path : source.inputs) WL_RETURN_IF_ERROR(builder->AddFile(path));
  return builder->Finish();
}

void RemapToVocabulary(const nlp::Vocabulary& target, Corpus* corpus) {
  std::vector<int32_t> remap(corpus->vocab.size());
  for (size_t id = 0; id < remap.size(); ++id) {
    remap[id] = target.Find(corpus->vocab.Term(static_cast<int32_t>(id)));
  }
  for (auto& doc : corpus->docs) {
    size_t kept = 0;
    for (int32_t id : doc) {
      if (remap[id] != nlp::Vocabulary::kNotFound) doc[kept++] = remap[id];
    }
    doc.resize(kept);
  }
  corpus->vocab = target;
}

}  // namespace wordloom::topics
