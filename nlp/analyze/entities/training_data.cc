#include "nlp/analyze/entities/training_data.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/entities/tag_set.h"
#include "nlp/analyze/entities/tokens.h"

namespace wordloom::analyze::entities {
namespace {

struct NameSpan {
  size_t first = 0, last = 0;  // token range
  int type = 0;
};

// Gold BILOU tags of `s`'s tokens from the word chunks; `names` gets the
// token range of each chunk.
void LabelTokens(const ConllSentence& c, const std::vector<nlp::Span>& word_spans,
                 const TagSet& tags, TrainingSentence* s, std::vector<NameSpan>* names) {
  const size_t n = s->doc.tokens.size();
  s->gold.assign(n, 0);
  names->clear();
  size_t tok = 0;
  for (const Chunk& chunk : ExtractChunks(c.tags)) {
    const uint64_t begin = word_spans[chunk.begin].begin, end = word_spans[chunk.end - 1].end;
    while (tok < n && s->doc.tokens[tok].end <= begin) ++tok;
    size_t last = tok;
    while (last < n && s->doc.tokens[last].begin < end) ++last;
    if (last == tok) continue;
    const int type = tags.TypeIndex(chunk.type);
    if (last - tok == 1) {
      s->gold[tok] = TagSet::Tag(type, TagPart::kU);
    } else {
      s->gold[tok] = TagSet::Tag(type, TagPart::kB);
      for (size_t i = tok + 1; i + 1 < last; ++i) s->gold[i] = TagSet::Tag(type, TagPart::kI);
      s->gold[last - 1] = TagSet::Tag(type, TagPart::kL);
    }
    names->push_back({tok, last - 1, type});
    tok = last;
  }
}

}  // namespace

absl::StatusOr<TrainingSet> PrepareTrainingSet(const std::vector<ConllSentence>& sentences,
                                               int folds) {
  std::set<std::string> type_set;
  for (const ConllSentence& c : sentences) {
    for (const Chunk& chunk : ExtractChunks(c.tags)) type_set.insert(chunk.type);
  }
  if (type_set.empty() || type_set.size() > 8) {
    return absl::InvalidArgumentError(absl::StrCat(
        "training data has ", type_set.size(), " entity types (expected 1..8)"));
  }
  TrainingSet set;
  set.types.assign(type_set.begin(), type_set.end());
  const TagSet tags(set.types);
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(TaggingTokenizerOptions()));
  if (folds > 0) set.folds.resize(folds);
  std::vector<nlp::Span> word_spans;
  std::vector<NameSpan> names;
  int max_document = 0;
  for (const ConllSentence& c : sentences) max_document = std::max(max_document, c.document);
  for (size_t k = 0; k < sentences.size(); ++k) {
    const ConllSentence& c = sentences[k];
    auto s = std::make_unique<TrainingSentence>();
    s->text = JoinWords(c.words, &word_spans);
    if (absl::Status st = TokenizeForTagging(*tokenizer, s->text, &s->doc, &s->view); !st.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("training sentence ", k + 1, ": ", st.message()));
    }
    LabelTokens(c, word_spans, tags, s.get(), &names);
    // Folds of whole documents when there are several, else of sentences.
    const int unit = max_document > 0 ? c.document : static_cast<int>(k);
    s->fold = folds > 0 ? unit % folds : 0;
    for (const NameSpan& name : names) {
      set.full.Add(s->view.lower, name.first, name.last + 1, name.type);
      for (int f = 0; f < folds; ++f) {
        if (f != s->fold) set.folds[f].Add(s->view.lower, name.first, name.last + 1, name.type);
      }
    }
    set.sentences.push_back(std::move(s));
  }
  return set;
}

}  // namespace wordloom::analyze::entities
