// RunIngest(): reader -> bounded queue -> tokenizing workers -> ordered
// store sink, on RunOrderedPipeline (core/ordered_pipeline.h), which bounds
// the documents in flight and delivers results in reader order, so the
// store is the same for any thread count.
#include "corpora/ingest.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/ordered_pipeline.h"
#include "core/progress.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "nlp/text/tfidf.h"

namespace wordloom::corpora {
namespace {

// One document after tokenization: its row and normalized terms (packed).
struct Tokenized {
  DocumentInfo info;
  std::string terms;             // terms back to back
  std::vector<uint32_t> ends;    // end offset of each term in `terms`
  absl::Status error;            // a bad document (e.g. invalid UTF-8)
  uint64_t bytes = 0;
};

struct Batch {
  std::vector<Document> docs;
  uint64_t first_position = 0;  // reader position of docs[0]
};

struct TokenizedBatch {
  std::vector<Tokenized> docs;
  uint64_t first_position = 0;
};

// Pre-tokenized text: the \S+ terms, as sklearn's token_pattern=r"\S+".
void SplitWhitespace(std::string_view text, Tokenized* out) {
  nlp::ForEachWhitespaceTerm(text, [out](std::string_view term) {
    out->terms.append(term);
    out->ends.push_back(out->terms.size());
  });
}

}  // namespace

std::string IngestFingerprint(const IngestOptions& o) {
  const auto& t = o.tokenizer;
  return absl::StrCat(
      "inputs=", absl::StrJoin(o.inputs, ","), " format=", ToAbsl(FormatName(o.reader.format)),
      " text_field=", o.reader.json_text_field, " id_field=", o.reader.json_id_field,
      " csv=", o.reader.csv_text_column, "/", o.reader.csv_id_column, "/", o.reader.csv_header,
      " max_doc=", o.reader.max_document_bytes, " pretokenized=", o.pretokenized,
      " numbers=", o.keep_numbers, " nfkc=", t.normalizer.nfkc, " fold=", t.normalizer.case_fold,
      " utf8=", static_cast<int>(t.normalizer.invalid_utf8), " punct=", t.keep_punctuation,
      " stop=", t.remove_stopwords ? t.stopwords_language + t.stopwords_file : "-");
}

bool KeepIndexedToken(const nlp::Token& token, const IngestOptions& options) {
  switch (token.kind) {
    case nlp::TokenClass::kWord:
    case nlp::TokenClass::kUrl:
    case nlp::TokenClass::kEmail:
    case nlp::TokenClass::kEmoji:
      return true;
    case nlp::TokenClass::kNumber:
      return options.keep_numbers;
    default:
      return options.tokenizer.keep_punctuation;
  }
}

absl::StatusOr<IngestSummary> RunIngest(const std::string& store_dir, const IngestOptions& options) {
  IngestSummary summary;
  StoreWriterOptions store_options = options.store;
  store_options.fingerprint = IngestFingerprint(options);
  WL_ASSIGN_OR_RETURN(auto store, StoreWriter::Create(store_dir, store_options));
  if (store->complete()) {
    summary.stats = store->stats();
    return summary;
  }
  WL_ASSIGN_OR_RETURN(auto reader, OpenReaders(options.inputs, options.reader));
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(options.tokenizer));
  // Resume: skip what the committed shards already hold.
  const uint64_t resume_at = store->input_position();
  uint64_t position = 0;
  while (position < resume_at) {
    WL_ASSIGN_OR_RETURN(std::optional<Document> doc, reader->Next());
    if (!doc) return absl::FailedPreconditionError("--resume: the inputs hold fewer documents than the store");
    ++position;
  }
  ProgressReporter progress({.label = "index", .unit = "docs", .total_bytes = reader->total_bytes(),
                             .mode = static_cast<ProgressOptions::Mode>(options.progress_mode)});
  const size_t threads = options.threads ? options.threads : ThreadPool::DefaultThreads();
  std::vector<nlp::TokenizedDoc> scratch(threads);
  auto produce = [&]() -> absl::StatusOr<std::optional<Batch>> {
    Batch batch;
    batch.first_position = position;
    while (batch.docs.size() < options.batch_docs) {
      WL_ASSIGN_OR_RETURN(std::optional<Document> doc, reader->Next());
      if (!doc) break;
      batch.docs.push_back(std::move(*doc));
      ++position;
    }
    if (batch.docs.empty()) return std::nullopt;
    return batch;
  };
  auto work = [&](Batch& batch, size_t thread) {
    TokenizedBatch out;
    out.first_position = batch.first_position;
    out.docs.resize(batch.docs.size());
    for (size_t i = 0; i < batch.docs.size(); ++i) {
      Document& doc = batch.docs[i];
      Tokenized& t = out.docs[i];
      t.bytes = doc.text.size();
      t.info = {std::move(doc.id), std::move(doc.source), doc.text.size(), std::move(doc.metadata)};
      if (options.pretokenized) {
        SplitWhitespace(doc.text, &t);
        continue;
      }
      nlp::TokenizedDoc& td = scratch[thread];
      t.error = tokenizer->TokenizeInto(doc.text, &td);
      if (!t.error.ok()) continue;
      for (const nlp::Token& token : td.tokens) {
        if (!KeepIndexedToken(token, options)) continue;
        t.terms.append(td.Normalized(token));
        t.ends.push_back(t.terms.size());
      }
    }
    return out;
  };
  uint64_t pipeline_skipped = 0;
  std::vector<std::string_view> terms;
  auto consume = [&](TokenizedBatch& batch) -> absl::Status {
    uint64_t pos = batch.first_position;
    uint64_t bytes = 0;
    for (Tokenized& t : batch.docs) {
      ++pos;
      bytes += t.bytes;
      if (!t.error.ok()) {
        absl::Status s(t.error.code(), absl::StrCat(t.info.source, ": ", t.error.message()));
        if (options.reader.on_error == ErrorPolicy::kFail) return s;
        store->AddSkipped(pos);
        ++pipeline_skipped;
        if (summary.errors.size() < options.reader.max_recorded_errors) {
          summary.errors.push_back({t.info.source, std::move(s)});
        }
        continue;
      }
      terms.clear();
      uint32_t begin = 0;
      for (uint32_t end : t.ends) {
        terms.push_back(std::string_view(t.terms).substr(begin, end - begin));
        begin = end;
      }
      WL_RETURN_IF_ERROR(store->Add(t.info, terms, pos));
    }
    progress.Add(batch.docs.size(), bytes);
    return absl::OkStatus();
  };
  absl::Status status = RunOrderedPipeline<Batch, TokenizedBatch>(
      {.threads = threads, .window = 2 * threads + 2}, produce, work, consume);
  WL_RETURN_IF_ERROR(status);
  WL_RETURN_IF_ERROR(store->Finish(options.prune, reader->skipped()));
  progress.Finish();
  summary.stats = store->stats();
  summary.input_bytes = reader->bytes_read();
  summary.seconds = progress.ElapsedSeconds();
  std::vector<ReadError> reader_errors = reader->errors();
  summary.errors.insert(summary.errors.begin(), reader_errors.begin(), reader_errors.end());
  return summary;
}

}  // namespace wordloom::corpora
