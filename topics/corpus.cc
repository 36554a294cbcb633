#include "topics/corpus.h"

#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace wordloom::topics {

int64_t Corpus::NumTokens() const {
  int64_t n = 0;
  for (const auto& doc : docs) n += static_cast<int64_t>(doc.size());
  return n;
}

absl::Status ValidateCorpus(const Corpus& corpus, std::string_view source) {
  if (corpus.docs.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(source), ": empty corpus (no documents)"));
  }
  const int32_t v = static_cast<int32_t>(corpus.vocab.size());
  int64_t tokens = 0;
  for (size_t d = 0; d < corpus.docs.size(); ++d) {
    for (int32_t id : corpus.docs[d]) {
      if (id < 0 || id >= v) {
        return absl::InvalidArgumentError(absl::StrCat(ToAbsl(source), ": document ", d,
                                                       " has term id ", id,
                                                       " outside the vocabulary of ", v));
      }
    }
    tokens += static_cast<int64_t>(corpus.docs[d].size());
  }
  if (tokens == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        ToAbsl(source), ": corpus has ", corpus.docs.size(),
        " documents but no in-vocabulary tokens"));
  }
  return absl::OkStatus();
}

void SplitHeldOut(Corpus* corpus, int every, Corpus* heldout) {
  Corpus keep;
  heldout->vocab = corpus->vocab;
  keep.vocab = std::move(corpus->vocab);
  for (size_t d = 0; d < corpus->docs.size(); ++d) {
    Corpus* to = (every >= 2 && (d + 1) % every == 0) ? heldout : &keep;
    to->docs.push_back(std::move(corpus->docs[d]));
    to->names.push_back(d < corpus->names.size() ? std::move(corpus->names[d]) : std::string());
  }
  *corpus = std::move(keep);
}

}  // namespace wordloom::topics
