#include "topics/comprehend_output.h"

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/atomic_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "topics/model_file.h"

namespace wordloom::topics {

void AppendCsvField(std::string* out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string TopicTermsCsv(const LdaModel& model, size_t terms_per_topic) {
  std::string out = "topic,term,weight\n";
  for (int32_t k = 0; k < model.num_topics(); ++k) {
    for (const TermWeight& tw : model.TopTerms(k, terms_per_topic)) {
      absl::StrAppendFormat(&out, "%03d,", k);
      AppendCsvField(&out, model.vocab().Term(tw.term));
      absl::StrAppendFormat(&out, ",%.6g\n", tw.weight);
    }
  }
  return out;
}

std::string DocTopicsCsv(const std::vector<std::string>& names,
                         const std::function<std::vector<double>(size_t)>& theta,
                         double min_proportion) {
  std::string out = "docname,topic,proportion\n";
  std::vector<int32_t> order;
  for (size_t d = 0; d < names.size(); ++d) {
    const std::vector<double> p = theta(d);
    order.resize(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return p[a] > p[b]; });
    for (int32_t k : order) {
      if (p[k] < min_proportion) break;
      AppendCsvField(&out, names[d]);
      absl::StrAppendFormat(&out, ",%03d,%.6g\n", k, p[k]);
    }
  }
  return out;
}

absl::Status WriteTopicsDetectionOutput(const LdaTrainer& trainer, const Corpus& corpus,
                                        const TopicTextOptions& text, const std::string& dir,
                                        const TopicsOutputOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("cannot create ", dir, ": ", ec.message()));
  WL_ASSIGN_OR_RETURN(auto model, trainer.MakeModel(corpus.vocab, text));
  const std::filesystem::path path(dir);
  WL_RETURN_IF_ERROR(SaveLdaModel(*model, (path / "model.wlm").string()));
  WL_RETURN_IF_ERROR(WriteFileAtomically((path / "topic-terms.csv").string(),
                                         TopicTermsCsv(*model, options.terms_per_topic)));
  return WriteFileAtomically(
      (path / "doc-topics.csv").string(),
      DocTopicsCsv(corpus.names, [&](size_t d) { return trainer.DocTopics(d); },
                   options.min_proportion));
}

}  // namespace wordloom::topics
