#include "topics/topic_term_lists.h"

#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::topics {
namespace {

constexpr absl::string_view kCsvHeader = "topic,term,weight";

// Splits a topic-terms.csv row "topic,term,weight" (term possibly quoted).
bool SplitCsvRow(absl::string_view line, std::string* topic, std::string* term) {
  const size_t first = line.find(',');
  const size_t last = line.rfind(',');
  if (first == absl::string_view::npos || first == last) return false;
  *topic = std::string(line.substr(0, first));
  absl::string_view field = line.substr(first + 1, last - first - 1);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
    field = field.substr(1, field.size() - 2);
    *term = absl::StrReplaceAll(field, {{"\"\"", "\""}});
  } else {
    *term = std::string(field);
  }
  return !term->empty();
}

}  // namespace

absl::StatusOr<std::vector<std::vector<std::string>>> ReadTopicTermLists(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  std::vector<absl::string_view> lines = absl::StrSplit(ToAbsl(file->view()), '\n');
  std::vector<std::vector<std::string>> topics;
  const bool csv = !lines.empty() && absl::StripTrailingAsciiWhitespace(lines[0]) == kCsvHeader;
  std::map<std::string, size_t> csv_topic;  // topic label -> index, in order of appearance
  for (size_t i = csv ? 1 : 0; i < lines.size(); ++i) {
    const absl::string_view line = absl::StripTrailingAsciiWhitespace(lines[i]);
    if (line.empty()) continue;
    if (!csv) {
      std::vector<std::string> terms = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
      topics.push_back(std::move(terms));
      continue;
    }
    std::string topic, term;
    if (!SplitCsvRow(line, &topic, &term)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", i + 1, ": expected 'topic,term,weight'"));
    }
    auto [it, added] = csv_topic.try_emplace(topic, topics.size());
    if (added) topics.emplace_back();
    topics[it->second].push_back(std::move(term));
  }
  if (topics.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ": no topics"));
  return topics;
}

std::vector<std::vector<int32_t>> TermListsToIds(const std::vector<std::vector<std::string>>& topics,
                                                 const nlp::Vocabulary& vocab) {
  absl::flat_hash_map<std::string, int32_t> unknown;
  std::vector<std::vector<int32_t>> ids(topics.size());
  for (size_t k = 0; k < topics.size(); ++k) {
    for (const std::string& term : topics[k]) {
      int32_t id = vocab.Find(term);
      if (id == nlp::Vocabulary::kNotFound) {
        id = unknown.try_emplace(term, static_cast<int32_t>(vocab.size() + unknown.size())).first->second;
      }
      ids[k].push_back(id);
    }
  }
  return ids;
}

}  // namespace wordloom::topics
