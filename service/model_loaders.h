// The loaders for every model kind this build of the server knows. Each
// model library's loader is added here once its runtime API exists; kinds
// without a loader are simply not recognized in the models directory.
#ifndef WORDLOOM_SERVICE_MODEL_LOADERS_H_
#define WORDLOOM_SERVICE_MODEL_LOADERS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "service/model.h"

namespace wordloom::service {

// SUBWORD: sentencepiece "*.model" files (nlp::SubwordModel).
ModelLoader SubwordModelLoader();

// LANGUAGE: "WLMODEL" files of kind "language-id/..."
// (analyze::language::LanguageIdentifier).
ModelLoader LanguageModelLoader();

// ENTITIES: "WLMODEL" files of kind "entities"
// (analyze::entities::EntityRecognizer).
ModelLoader EntitiesModelLoader();

// TOPICS: LDA model files ("WORDLOOM" magic, kind "lda", topics/model_file.h)
// as topics::TopicInferencer; the language is the model's stopword language.
ModelLoader TopicsModelLoader();

// KEYPHRASES: a background corpus's vocabulary ("#wordloom-vocab v1" text,
// e.g. a corpus store's vocab.tsv), whose document frequencies give the idf,
// as an English nlp::KeyphraseExtractor returning every candidate.
ModelLoader KeyphrasesModelLoader();

// The kind string and format version of a "WLMODEL" framed model file
// (nlp/analyze/language/model_file.h) from its first bytes; false when `head`
// is not such a file.
bool ParseModelFrame(std::string_view head, std::string* kind, uint32_t* version);

// SENTIMENT: "WLMODEL" files of kind "sentiment"
// (analyze::sentiment::SentimentAnalyzer).
ModelLoader SentimentModelLoader();

// CLASSIFIER: "WORDLOOM" files of kind "classifier"
// (embeddings::classifier::ClassifierModel).
ModelLoader ClassifierModelLoader();

// VECTORS: word vectors written by `wordloom train-vectors` (".wlm", a
// "WLMODEL" frame of kind "word2vec"; embeddings::word2vec::WordVectors).
ModelLoader VectorsModelLoader();

// The kind string and format version of a "WORDLOOM" model file (LDA,
// classifier) from its first bytes; false when `head` is not one.
bool ParseLdaHead(std::string_view head, std::string* kind, uint32_t* version);

// Every loader above.
std::vector<ModelLoader> BuiltinModelLoaders();

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_MODEL_LOADERS_H_
