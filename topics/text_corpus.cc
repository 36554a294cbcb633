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

absl::Status TextCorpusBuilder::AddFile(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto reader, LineBatchReader::Open(path));
  const size_t threads = options_.threads ? options_.threads : ThreadPool::DefaultThreads();
  std::vector<nlp::TokenizedDoc> docs;
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<LineBatch> batch, reader->Next());
    if (!batch) break;
    const size_t n = batch->lines.size();
    docs.resize(std::max(docs.size(), n));
    std::vector<absl::Status> errors(threads);
    ParallelFor(n, threads, [&](size_t begin, size_t end, size_t thread) {
      for (size_t i = begin; i < end && errors[thread].ok(); ++i) {
        errors[thread] = tokenizer_->TokenizeInto(batch->lines[i], &docs[i]);
      }
    });
    for (const absl::Status& s : errors) {
      if (!s.ok()) return absl::Status(s.code(), absl::StrCat(reader->name(), ": ", s.message()));
    }
    for (size_t i = 0; i < n; ++i) {
      AddTokens(absl::StrCat(reader->name(), ":", batch->first_line + i), docs[i]);
    }
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
