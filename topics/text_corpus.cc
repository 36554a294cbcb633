#include "topics/text_corpus.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "core/line_reader.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"

namespace wordloom::topics {

absl::StatusOr<std::unique_ptr<TextCorpusBuilder>> TextCorpusBuilder::Create(
    const TextCorpusOptions& options) {
  WL_ASSIGN_OR_RETURN(auto tokenizer, MakeTopicTokenizer(options.text));
  return std::unique_ptr<TextCorpusBuilder>(new TextCorpusBuilder(options, std::move(tokenizer)));
}

void TextCorpusBuilder::AddTokens(std::string name, const nlp::TokenizedDoc& doc) {
  std::vector<int32_t> ids;
  ids.reserve(doc.tokens.size());
  for (const nlp::Token& token : doc.tokens) {
    if (!KeepToken(token, options_.text) || token.norm_size < options_.min_token_bytes) continue;
    ids.push_back(corpus_.vocab.Add(doc.Normalized(token)));
  }
  corpus_.vocab.AddDocument(ids);
  corpus_.docs.push_back(std::move(ids));
  corpus_.names.push_back(std::move(name));
}

absl::Status TextCorpusBuilder::AddDocument(std::string name, std::string_view text) {
  nlp::TokenizedDoc doc;
  WL_RETURN_IF_ERROR(tokenizer_->TokenizeInto(text, &doc));
  AddTokens(std::move(name), doc);
  return absl::OkStatus();
}

absl::Status TextCorpusBuilder::AddDocuments(std::vector<std::string> names,
                                             const std::vector<std::string_view>& texts) {
  const size_t n = texts.size();
  const size_t threads = options_.threads ? options_.threads : ThreadPool::DefaultThreads();
  std::vector<nlp::TokenizedDoc> docs(n);
  std::vector<absl::Status> errors(n);
  ParallelFor(n, threads, [&](size_t begin, size_t end, size_t) {
    for (size_t i = begin; i < end; ++i) errors[i] = tokenizer_->TokenizeInto(texts[i], &docs[i]);
  });
  for (size_t i = 0; i < n; ++i) {
    if (!errors[i].ok()) {
      return absl::Status(errors[i].code(), absl::StrCat(names[i], ": ", errors[i].message()));
    }
    AddTokens(std::move(names[i]), docs[i]);
  }
  return absl::OkStatus();
}

absl::Status TextCorpusBuilder::AddFile(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto reader, LineBatchReader::Open(path));
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<LineBatch> batch, reader->Next());
    if (!batch) break;
    std::vector<std::string> names(batch->lines.size());
    for (size_t i = 0; i < names.size(); ++i) {
      names[i] = absl::StrCat(reader->name(), ":", batch->first_line + i);
    }
    WL_RETURN_IF_ERROR(AddDocuments(std::move(names), batch->lines));
  }
  return absl::OkStatus();
}

absl::StatusOr<Corpus> TextCorpusBuilder::Finish() {
  Corpus corpus = std::move(corpus_);
  corpus_ = Corpus();
  const std::vector<int32_t> remap = corpus.vocab.Prune(options_.prune);
  for (auto& doc : corpus.docs) {
    size_t kept = 0;
    for (int32_t id : doc) {
      if (remap[id] != nlp::Vocabulary::kNotFound) doc[kept++] = remap[id];
    }
    doc.resize(kept);
  }
  WL_RETURN_IF_ERROR(ValidateCorpus(corpus, "text corpus"));
  return corpus;
}

}  // namespace wordloom::topics
