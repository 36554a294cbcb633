// A tiny separable sentiment corpus shared by the sentiment tests.
#ifndef WORDLOOM_TESTS_NLP_ANALYZE_SENTIMENT_SENTIMENT_TEST_CORPUS_H_
#define WORDLOOM_TESTS_NLP_ANALYZE_SENTIMENT_SENTIMENT_TEST_CORPUS_H_

#include <string>
#include <vector>

#include "nlp/analyze/sentiment/sentiment_trainer.h"

namespace wordloom::analyze::sentiment {

// Positive texts use {great, wonderful, lovely, superb}, negative ones
// {awful, terrible, dreadful, boring}, both around shared neutral nouns.
inline std::vector<SentimentExample> TinyCorpus() {
  const std::vector<std::string> good = {"great", "wonderful", "lovely", "superb"};
  const std::vector<std::string> bad = {"awful", "terrible", "dreadful", "boring"};
  const std::vector<std::string> nouns = {"film", "food", "service", "story", "music", "hotel"};
  std::vector<SentimentExample> out;
  for (size_t i = 0; i < good.size(); ++i) {
    for (size_t j = 0; j < nouns.size(); ++j) {
      out.push_back({true, "the " + nouns[j] + " was " + good[i]});
      out.push_back({false, "the " + nouns[j] + " was " + bad[i]});
      out.push_back({true, "a " + good[(i + 1) % good.size()] + " " + nouns[j]});
      out.push_back({false, "a " + bad[(i + 1) % bad.size()] + " " + nouns[j]});
    }
  }
  return out;
}

}  // namespace wordloom::analyze::sentiment

#endif  // WORDLOOM_TESTS_NLP_ANALYZE_SENTIMENT_SENTIMENT_TEST_CORPUS_H_
