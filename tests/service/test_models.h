// Model files for the service tests: a fake model kind whose files are
// "WLFAKE <payload>" text (so registry behaviour is tested without a real
// model library), and a tiny real language model trained in memory.
#ifndef WORDLOOM_TESTS_SERVICE_TEST_MODELS_H_
#define WORDLOOM_TESTS_SERVICE_TEST_MODELS_H_

#include <string>
#include <vector>

#include "service/model.h"

namespace wordloom::service::testing {

// Loads "WLFAKE <payload>" files as ModelOf<std::string> (the payload) of
// kind TOPICS; "WLFAKE CORRUPT" fails with DataLoss.
ModelLoader FakeTopicsLoader();

// Writes a fake model file with `payload`.
void WriteFakeModel(const std::string& path, const std::string& payload);

// Trains a small en/fr/de language model and saves it at `path`.
void WriteLanguageModel(const std::string& path);

// Trains the tiny CoNLL entity model (PER, LOC, ORG, MISC; learned exactly:
// "Mary flew to Rome with John ." -> Mary PER, Rome LOC, John PER) and
// saves it at `path`.
void WriteEntitiesModel(const std::string& path);

// Writes a 2-topic LDA model: topic 0 = apple banana fruit orange, topic 1 =
// engine wheel car brake.
void WriteTopicsModel(const std::string& path);

// Writes a keyphrase background vocabulary of 1000 documents in which
// "data" occurs in every document (idf 1) and "quantum" in none.
void WriteKeyphrasesModel(const std::string& path);

// Trains a tiny sentiment model ("great", "wonderful", ... positive;
// "awful", "terrible", ... negative) and saves it at `path`.
void WriteSentimentModel(const std::string& path);

// Trains a tiny classifier (labels "sports" and "food"; one-vs-all when
// `one_vs_all`, else softmax) and saves it at `path`.
void WriteClassifierModel(const std::string& path, bool one_vs_all = false);

// The builtin loaders plus FakeTopicsLoader().
std::vector<ModelLoader> TestLoaders();

}  // namespace wordloom::service::testing

#endif  // WORDLOOM_TESTS_SERVICE_TEST_MODELS_H_
