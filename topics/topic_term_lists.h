// Topics given as lists of terms rather than a model — for scoring the top
// words another system exported (gensim, scikit-learn, Comprehend) with the
// same coherence code as wordloom's own models.
//
// Pure functions; thread-safe.
#ifndef WORDLOOM_TOPICS_TOPIC_TERM_LISTS_H_
#define WORDLOOM_TOPICS_TOPIC_TERM_LISTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/text/vocabulary.h"

namespace wordloom::topics {

// Reads topics from `path`: either Comprehend's topic-terms.csv (header
// "topic,term,weight"; rows grouped by topic, best first) or one topic per
// line with its terms separated by spaces or tabs, best first. Blank lines
// are skipped. InvalidArgument naming the file and line for a malformed CSV
// row; NotFound when unreadable; InvalidArgument when there is no topic.
absl::StatusOr<std::vector<std::vector<std::string>>> ReadTopicTermLists(const std::string& path);

// Maps terms to ids of `vocab`; a term missing from `vocab` gets an id
// >= vocab.size() of its own (it then never occurs in a reference corpus).
std::vector<std::vector<int32_t>> TermListsToIds(const std::vector<std::vector<std::string>>& topics,
                                                 const nlp::Vocabulary& vocab);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_TOPIC_TERM_LISTS_H_
