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
  std::string owned;       // the text, when it is not a view of a mapped file
  std::string_view text;
  CorpusPiece piece;
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
  CorpusPiece& piece = chunk.piece;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    WL_RETURN_IF_ERROR(tokenizer.TokenizeInto(text.substr(pos, end - pos), &doc));
    for (const nlp::Token& t : doc.tokens) piece.ids.push_back(piece.vocab.Add(doc.Normalized(t)));
    if (!doc.tokens.empty()) piece.ids.push_back(TrainingCorpus::kSentenceEnd);
    pos = end + 1;
  }
  return absl::OkStatus();
}

ProgressOptions::Mode ProgressMode(const CorpusOptions& options) {
  return options.quiet ? ProgressOptions::Mode::kNever
         : options.force_progress ? ProgressOptions::Mode::kAlways
                                  : ProgressOptions::Mode::kAuto;
}

size_t Threads(const CorpusOptions& options) {
  return options.threads > 0 ? options.threads : ThreadPool::DefaultThreads();
}

absl::StatusOr<std::unique_ptr<nlp::Tokenizer>> MakeTokenizer() {
  nlp::TokenizerOptions tokenizer_options;
  tokenizer_options.keep_punctuation = false;
  tokenizer_options.normalizer.invalid_utf8 = nlp::InvalidUtf8Policy::kReplace;
  return nlp::Tokenizer::Create(tokenizer_options);
}

// Tokenizes `chunks` in parallel, moves their pieces to `pieces` and frees
// their text. Errors name `name`.
absl::Status TokenizeInto(const nlp::Tokenizer& tokenizer, std::vector<Chunk>& chunks,
                          size_t threads, const std::string& name, ProgressReporter* progress,
                          std::vector<CorpusPiece>* pieces) {
  std::atomic<size_t> next{0};
  ParallelFor(threads, threads, [&](size_t, size_t, size_t) {
    nlp::TokenizedDoc doc;
    for (size_t i; (i = next.fetch_add(1)) < chunks.size();) {
      chunks[i].status = TokenizeChunk(tokenizer, chunks[i], doc);
      if (progress != nullptr) progress->Add(1, chunks[i].text.size());
    }
  });
  for (Chunk& c : chunks) {
    if (!c.status.ok()) return absl::Status(c.status.code(), absl::StrCat(name, ": ", c.status.message()));
    pieces->push_back(std::move(c.piece));
  }
  chunks.clear();
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
  WL_ASSIGN_OR_RETURN(auto tokenizer, MakeTokenizer());
  std::vector<Chunk> chunks = SplitChunks(text);
  ProgressReporter progress({.label = "read " + name, .unit = "chunks",
                             .total_bytes = text.size(), .mode = ProgressMode(options)});
  std::vector<CorpusPiece> pieces;
  WL_RETURN_IF_ERROR(TokenizeInto(*tokenizer, chunks, Threads(options), name, &progress, &pieces));
  progress.Finish();
  return FromPieces(pieces, name, options);
}

absl::StatusOr<std::unique_ptr<TrainingCorpus>> TrainingCorpus::FromReader(
    corpora::DocumentReader& reader, const std::string& name, const CorpusOptions& options) {
  WL_ASSIGN_OR_RETURN(auto tokenizer, MakeTokenizer());
  const size_t threads = Threads(options);
  ProgressReporter progress({.label = "read " + name, .unit = "documents",
                             .total_bytes = reader.total_bytes(), .mode = ProgressMode(options)});
  std::vector<CorpusPiece> pieces;
  std::vector<Chunk> batch;
  uint64_t reported_bytes = 0;
  // Documents are gathered into ~1 MB chunks, `threads` x 2 chunks at a
  // time, so the text held in memory stays bounded.
  for (bool more = true; more;) {
    WL_ASSIGN_OR_RETURN(std::optional<corpora::Document> doc, reader.Next());
    more = doc.has_value();
    if (more) {
      if (batch.empty() || batch.back().owned.size() >= kChunkBytes) batch.emplace_back();
      std::string& text = batch.back().owned;
      text.append(doc->text);
      text.push_back('\n');
      progress.Add(1, reader.bytes_read() - reported_bytes);
      reported_bytes = reader.bytes_read();
    }
    const bool full = batch.size() >= 2 * threads && batch.back().owned.size() >= kChunkBytes;
    if (full || (!more && !batch.empty())) {
      for (Chunk& c : batch) c.text = c.owned;
      WL_RETURN_IF_ERROR(TokenizeInto(*tokenizer, batch, threads, name, nullptr, &pieces));
    }
  }
  progress.Finish();
  return FromPieces(pieces, name, options);
}

absl::StatusOr<std::unique_ptr<TrainingCorpus>> TrainingCorpus::FromPieces(
    std::vector<CorpusPiece>& pieces, const std::string& name, const CorpusOptions& options) {
  std::unique_ptr<TrainingCorpus> corpus(new TrainingCorpus());
  corpus->name_ = name;
  for (const CorpusPiece& p : pieces) corpus->vocab_.Merge(p.vocab);
  const int64_t total_tokens = corpus->vocab_.total_count();
  corpus->vocab_.Prune({.min_count = options.min_count});
  if (corpus->vocab_.size() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": no word occurs at least min_count=", options.min_count, " times (", total_tokens,
        " tokens read); lower --min-count or give a larger corpus"));
  }
  std::vector<int32_t> sentence;
  for (CorpusPiece& p : pieces) {
    std::vector<int32_t> map(p.vocab.size());
    for (size_t i = 0; i < map.size(); ++i) map[i] = corpus->vocab_.Find(p.vocab.Term(i));
    for (int32_t id : p.ids) {
      if (id == kSentenceEnd) {
        corpus->AppendSentence(sentence.data(), sentence.size());
        sentence.clear();
      } else if (map[id] != nlp::Vocabulary::kNotFound) {
        sentence.push_back(map[id]);
      }
    }
    p = CorpusPiece();  // free memory early
  }
  return corpus;
}

void TrainingCorpus::AppendSentence(const int32_t* ids, size_t count) {
  if (count == 0) return;
  tokens_.insert(tokens_.end(), ids, ids + count);
  tokens_.push_back(kSentenceEnd);
  num_words_ += static_cast<int64_t>(count);
  longest_sentence_ = std::max(longest_sentence_, static_cast<int64_t>(count));
}

}  // namespace wordloom::embeddings::word2vec
