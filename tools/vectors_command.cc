// wordloom vectors --model MODEL [FILE...]
//   MODEL: .wlm, fastText .bin or .vec. Every whitespace-separated word of
//   the input -> one line `word v1 v2 ...`, exactly as `fasttext
//   print-word-vectors` prints it (out-of-vocabulary words get subword
//   vectors when the model has subwords, zeros otherwise).
// wordloom vectors --sentence --model MODEL [FILE...]
//   Every input line -> its sentence vector `v1 v2 ...` (the mean of the
//   unit-normalised vectors of its words), exactly as `fasttext
//   print-sentence-vectors` prints it for skipgram/cbow models.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "embeddings/fasttext_format/vec_format.h"
#include "embeddings/word2vec/model_io.h"
#include "embeddings/word2vec/query_normalizer.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace w2v = ::wordloom::embeddings::word2vec;

struct VectorsFlags {
  std::string model;
  bool progress = false;
  bool sentence = false;
  std::vector<std::string> files;
};

// Appends "v1 v2 ... \n" with fastText's 5 significant digits.
void AppendValuesLine(const float* v, size_t dim, std::string* out) {
  char number[32];
  for (size_t j = 0; j < dim; ++j) {
    int n = std::snprintf(number, sizeof(number), "%.5g ", v[j]);
    out->append(number, n);
  }
  out->push_back('\n');
}

absl::Status RunVectors(const VectorsFlags& flags) {
  WL_ASSIGN_OR_RETURN(auto vectors, w2v::LoadVectors(flags.model, flags.progress ? ProgressOptions::Mode::kAlways
                                                                  : ProgressOptions::Mode::kAuto));
  WL_ASSIGN_OR_RETURN(auto normalizer, w2v::QueryNormalizer::Create(vectors->query_normalization()));
  std::vector<float> v(vectors->dim());
  return FormatLines(flags.files, [&](std::string_view line, std::string* out) {
    std::vector<std::string> words;
    for (absl::string_view word :
         absl::StrSplit(ToAbsl(line), absl::ByAnyChar(" \t\v\f\r"), absl::SkipEmpty())) {
      if (!flags.sentence) {
        vectors->WordVector(normalizer->Normalize(ToStd(word)), v.data());
        embeddings::fasttext::AppendWordVectorLine(ToStd(word), v.data(), v.size(), out);
      } else {
        words.push_back(normalizer->Normalize(ToStd(word)));
      }
    }
    if (flags.sentence) {
      vectors->SentenceVector(std::vector<std::string_view>(words.begin(), words.end()), v.data());
      AppendValuesLine(v.data(), v.size(), out);
    }
    return absl::OkStatus();
  });
}

}  // namespace

void AddVectorsCommand(CLI::App& app) {
  auto flags = std::make_shared<VectorsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "vectors", "Print word vectors (as `fasttext print-word-vectors`), one line per word");
  cmd->add_option("--model", flags->model, "Model: .wlm, fastText .bin or .vec")->required();
  cmd->add_flag("--progress", flags->progress,
                "Show model loading progress on stderr even when not a terminal");
  cmd->add_flag("--sentence", flags->sentence,
                "One sentence vector per input line (as `fasttext print-sentence-vectors`)");
  cmd->add_option("files", flags->files, "Input files of words (default: stdin)");
  SetAction(cmd, [flags] { return RunVectors(*flags); });
}

}  // namespace wordloom::tools
