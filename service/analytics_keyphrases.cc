// Analytics::DetectKeyPhrases over nlp/analyze/keyphrases: with a KEYPHRASES
// model (a background corpus's vocabulary, whose document frequencies give
// the idf) when model_id names one or one is registered for the language;
// otherwise with idf 1 and the stopwords of the text's language.
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

// "en" for "", else the primary subtag ("pt-BR" -> "pt").
std::string PrimaryLanguage(const std::string& code) {
  return code.empty() ? "en" : code.substr(0, code.find('-'));
}

absl::Status CheckKeyPhraseOptions(const v1::KeyPhraseOptions& o) {
  if (o.top_k() < 0) {
    return absl::InvalidArgumentError(absl::StrCat("options.top_k is ", o.top_k(),
                                                   "; it must be 0 (all) or more"));
  }
  if (!(o.min_score() >= 0 && o.min_score() <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.min_score is ", o.min_score(), "; it must be in [0, 1]"));
  }
  return absl::OkStatus();
}

}  // namespace

namespace internal {

absl::StatusOr<std::unique_ptr<nlp::KeyphraseExtractor>> MakePlainKeyphraseExtractor(
    const std::string& language) {
  nlp::KeyphraseOptions options;
  options.max_phrases = 0;  // every candidate; the call's options select
  options.stopwords_language = language;
  absl::StatusOr<std::unique_ptr<nlp::KeyphraseExtractor>> extractor =
      nlp::KeyphraseExtractor::Create(options, nullptr);
  if (absl::IsNotFound(extractor.status())) {
    return UnsupportedLanguage(language, ToStd(extractor.status().message()));
  }
  return extractor;
}

}  // namespace internal

absl::StatusOr<const nlp::KeyphraseExtractor*> Analytics::PlainKeyphrases(
    const std::string& language) const {
  const std::string lang = PrimaryLanguage(language);
  {
    absl::MutexLock lock(&mu_);
    auto it = plain_keyphrases_.find(lang);
    if (it != plain_keyphrases_.end()) return it->second.get();
  }
  // Built outside the lock (ICU and stopword setup); a racing duplicate is
  // dropped.
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const nlp::KeyphraseExtractor> made,
                      internal::MakePlainKeyphraseExtractor(lang));
  absl::MutexLock lock(&mu_);
  return plain_keyphrases_.emplace(lang, std::move(made)).first->second.get();
}

absl::Status Analytics::DetectKeyPhrases(const v1::DetectKeyPhrasesRequest& request,
                                         v1::DetectKeyPhrasesResponse* response) const {
  return DetectKeyPhrasesOf(request, nullptr, response);
}

absl::Status Analytics::DetectKeyPhrasesOf(const v1::DetectKeyPhrasesRequest& request,
                                           const internal::TextTokens* tokens,
                                           v1::DetectKeyPhrasesResponse* response) const {
  WL_RETURN_IF_ERROR(internal::CheckRequest(request.text(), kMaxTextBytes,
                                            request.language_code(), request.model_id()));
  WL_RETURN_IF_ERROR(CheckKeyPhraseOptions(request.options()));
  std::shared_ptr<const nlp::KeyphraseExtractor> model;  // keeps a registry model alive
  const nlp::KeyphraseExtractor* extractor = nullptr;
  auto registered = registry_->GetAs<nlp::KeyphraseExtractor>(
      request.model_id(), ModelKind::kKeyphrases, PrimaryLanguage(request.language_code()));
  if (registered.ok()) {
    model = *std::move(registered);
    extractor = model.get();
  } else if (!request.model_id().empty()) {
    return registered.status();
  } else {
    WL_ASSIGN_OR_RETURN(extractor, PlainKeyphrases(request.language_code()));
  }
  // The shared tokens are the extractor's: default options, punctuation kept.
  std::vector<nlp::KeyPhrase> phrases;
  if (tokens == nullptr) {
    WL_ASSIGN_OR_RETURN(phrases, extractor->Extract(request.text()));
  } else {
    phrases = extractor->ExtractTokens(request.text(), tokens->doc);
  }
  const size_t top_k = request.options().top_k();
  for (const nlp::KeyPhrase& p : phrases) {
    if (top_k > 0 && static_cast<size_t>(response->key_phrases_size()) >= top_k) break;
    if (p.score < request.options().min_score()) break;  // best first
    v1::KeyPhrase* out = response->add_key_phrases();
    out->set_text(p.text);
    out->set_score(static_cast<float>(p.score));
    out->set_begin_offset(static_cast<int32_t>(p.first.begin));
    out->set_end_offset(static_cast<int32_t>(p.first.end));
  }
  return absl::OkStatus();
}

}  // namespace wordloom::service
