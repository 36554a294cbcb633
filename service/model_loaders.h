// The loaders for every model kind this build of the server knows. Each
// model library's loader is added here once its runtime API exists; kinds
// without a loader are simply not recognized in the models directory.
#ifndef WORDLOOM_SERVICE_MODEL_LOADERS_H_
#define WORDLOOM_SERVICE_MODEL_LOADERS_H_

#include <vector>

#include "service/model.h"

namespace wordloom::service {

// SUBWORD: sentencepiece "*.model" files (nlp::SubwordModel).
ModelLoader SubwordModelLoader();

// Every loader above.
std::vector<ModelLoader> BuiltinModelLoaders();

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_MODEL_LOADERS_H_
