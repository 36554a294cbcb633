// Amazon Comprehend topic-detection job output (StartTopicsDetectionJob):
//   topic-terms.csv: "topic,term,weight", the top terms of each topic;
//   doc-topics.csv:  "docname,topic,proportion", each document's topics.
// Topics are written as three-digit zero-padded numbers ("000") as
// Comprehend does; fields are quoted per RFC 4180 when needed. Files are
// written atomically. Thread-compatible.
#ifndef WORDLOOM_TOPICS_COMPREHEND_OUTPUT_H_
#define WORDLOOM_TOPICS_COMPREHEND_OUTPUT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "topics/corpus.h"
#include "topics/lda_model.h"
#include "topics/topic_text.h"
#include "topics/trainer.h"

namespace wordloom::topics {

// The CSV text of topic-terms.csv with `terms_per_topic` rows per topic.
std::string TopicTermsCsv(const LdaModel& model, size_t terms_per_topic = 10);

// The CSV text of doc-topics.csv: for each document (names[d], theta(d)),
// its topics with proportion >= min_proportion, largest first.
std::string DocTopicsCsv(const std::vector<std::string>& names,
                         const std::function<std::vector<double>(size_t)>& theta,
                         double min_proportion = 0.01);

// What WriteTopicsDetectionOutput writes.
struct TopicsOutputOptions {
  // doc-topics.csv leaves out topics below this proportion of a document.
  double min_proportion = 0.01;
  // topic-terms.csv rows per topic.
  size_t terms_per_topic = 10;
};

// Writes a topic-detection job's outputs from `trainer`'s current state into
// `dir` (created if missing): model.wlm (the LDA model, with `text`'s
// tokenizer settings), topic-terms.csv and doc-topics.csv (document names from
// `corpus`, the corpus the trainer was created with), each atomically.
// InvalidArgument when `dir` cannot be created; I/O errors name the file.
absl::Status WriteTopicsDetectionOutput(const LdaTrainer& trainer, const Corpus& corpus,
                                        const TopicTextOptions& text, const std::string& dir,
                                        const TopicsOutputOptions& options = {});

// Appends `field` to `out`, quoted when it holds a comma, quote or newline.
void AppendCsvField(std::string* out, std::string_view field);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_COMPREHEND_OUTPUT_H_
