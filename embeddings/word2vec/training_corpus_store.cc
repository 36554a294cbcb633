// TrainingCorpus::FromStore: a word2vec corpus from the terms of a corpus
// store (`wordloom index`), without tokenizing again.
#include "absl/strings/str_cat.h"
#include "core/progress.h"
#include "core/status_macros.h"
#include "embeddings/word2vec/training_corpus.h"

namespace wordloom::embeddings::word2vec {

absl::StatusOr<std::unique_ptr<TrainingCorpus>> TrainingCorpus::FromStore(
    const corpora::StoreReader& store, const CorpusOptions& options) {
  const nlp::Vocabulary& terms = store.vocabulary();
  // One piece in the store's term ids; FromPieces recounts and prunes.
  std::vector<CorpusPiece> pieces(1);
  CorpusPiece& piece = pieces[0];
  std::vector<int64_t> counts(terms.size(), 0);
  ProgressReporter progress(
      {.label = "read " + store.dir(), .unit = "documents",
       .mode = options.quiet ? ProgressOptions::Mode::kNever
               : options.force_progress ? ProgressOptions::Mode::kAlways
                                        : ProgressOptions::Mode::kAuto});
  std::unique_ptr<corpora::StoreReader::Cursor> cursor = store.Documents();
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<corpora::StoredDocument> doc, cursor->Next());
    if (!doc.has_value()) break;
    for (int32_t id : doc->token_ids) {
      if (id < 0 || static_cast<size_t>(id) >= terms.size()) {
        return absl::DataLossError(absl::StrCat(store.dir(), ": document ", doc->info.id,
                                                " has term id ", id, " outside the vocabulary of ",
                                                terms.size(), " terms"));
      }
      ++counts[id];
      piece.ids.push_back(id);
    }
    if (!doc->token_ids.empty()) piece.ids.push_back(kSentenceEnd);
    progress.Add(1, 0);
  }
  progress.Finish();
  // Term ids stay the store's: its terms are distinct and added in id order.
  for (size_t i = 0; i < terms.size(); ++i) piece.vocab.Add(terms.Term(i), counts[i]);
  return FromPieces(pieces, store.dir(), options);
}

}  // namespace wordloom::embeddings::word2vec
