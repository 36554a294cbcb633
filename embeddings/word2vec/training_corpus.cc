#include "embeddings/word2vec/training_corpus.h"

#include <algorithm>
#include <atomic>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/progress.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::embeddings::word2vec {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

// One chunk of whole lines, tokenized on its own thread.
struct Chunk {
  std::string_view text;
  nlp::Vocabulary vocab;        // local ids
  std::vector<int32_t> ids;     // local ids and kSentenceEnd markers
  absl::Status status;
};

std::vector<Chunk> SplitChunks(std::string_view text) {
  std::vector<Chunk> chunks;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.size(), pos + kChunkBytes);
    if (end < text.size()) {
      size_t nl = text.find('\n', end);
      end = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    chunks.emplace_back().text = text.substr(pos, end - pos);
    pos = end;
  }
  return chunks;
}

absl::Status TokenizeChunk(const nlp::Tokenizer& tokenizer, Chunk& chunk,
                           nlp::TokenizedDoc& doc) {
  std::string_view text = chunk.text;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    WL_RETURN_IF_ERROR(tokenizer.TokenizeInto(text.substr(pos, end - pos), &doc));
    for (const nlp::Token& t : doc.tokens) chunk.ids.push_back(chunk.vocab.Add(doc.Normalized(t)));
    if (!doc.tokens.empty()) chunk.ids.push_back(TrainingCorpus::kSentenceEnd);
    pos = end + 1;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<TrainingCorpus>> TrainingCorpus::Build(
    const std::string& path, const CorpusOptions& options) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  file->AdviseSequential();
  return FromText(file->view(), path, options);
}

absl::StatusOr<std::unique_ptr<TrainingCorpus>> TrainingCorpus::FromText(
    std::string_view text, const std::string& name, const CorpusOptions& options) {
  nlp::TokenizerOptions tokenizer_options;
  tokenizer_options.keep_punctuation = false;
  tokenizer_options.normalizer.invalid_utf8 = nlp::InvalidUtf8Policy::kReplace;
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(tokenizer_options));
  std::vector<Chunk> chunks = SplitChunks(text);
  const size_t threads = options.threads > 0 ? options.threads : ThreadPool::DefaultThreads();
  ProgressReporter progress(
      {.label = "read " + name, .unit = "chunks", .total_bytes = text.size(),
       .mode = options.quiet ? ProgressOptions::Mode::kNever
               : options.force_progress ? ProgressOptions::Mode::kAlways
                                        : ProgressOptions::Mode::kAuto});
  std::atomic<size_t> next{0};
  ParallelFor(threads, threads, [&](size_t, size_t, size_t) {
    nlp::TokenizedDoc doc;
    for (size_t i; (i = next.fetch_add(1)) < chunks.size();) {
      chunks[i].status = TokenizeChunk(*tokenizer, chunks[i], doc);
      progress.Add(1, chunks[i].text.size());
    }
  });
  progress.Finish();
  std::unique_ptr<TrainingCorpus> corpus(new TrainingCorpus());
  corpus->name_ = name;
  for (Chunk& c : chunks) {
    if (!c.status.ok()) return absl::Status(c.status.code(), absl::StrCat(name, ": ", c.status.message()));
    corpus->vocab_.Merge(c.vocab);
  }
  const int64_t total_tokens = corpus->vocab_.total_count();
  corpus->vocab_.Prune({.min_count = options.min_count});
  if (corpus->vocab_.size() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": no word occurs at least min_count=", options.min_count, " times (", total_tokens,
        " tokens read); lower --min-count or give a larger corpus"));
  }
  int64_t sentence = 0;
  for (Chunk& c : chunks) {
    std::vector<int32_t> map(c.vocab.size());
    for (size_t i = 0; i < map.size(); ++i) map[i] = corpus->vocab_.Find(c.vocab.Term(i));
    for (int32_t id : c.ids) {
      if (id == kSentenceEnd) {
        if (sentence > 0) corpus->tokens_.push_back(kSentenceEnd);
        corpus->longest_sentence_ = std::max(corpus->longest_sentence_, sentence);
        sentence = 0;
      } else if (map[id] != nlp::Vocabulary::kNotFound) {
        corpus->tokens_.push_back(map[id]);
        ++sentence;
        ++corpus->num_words_;
      }
    }
    c = Chunk();  // free memory early
  }
  return corpus;
}

}  // namespace wordloom::embeddings::word2vec
