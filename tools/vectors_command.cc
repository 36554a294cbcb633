// wordloom vectors --model MODEL [FILE...]
//   MODEL: .wlm, fastText .bin or .vec. Every whitespace-separated word of
//   the input -> one line `word v1 v2 ...`, exactly as `fasttext
//   print-word-vectors` prints it (out-of-vocabulary words get subword
//   vectors when the model has subwords, zeros otherwise).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "core/line_reader.h"
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
  std::vector<std::string> files;
};

absl::Status RunVectors(const VectorsFlags& flags) {
  WL_ASSIGN_OR_RETURN(auto vectors, w2v::LoadVectors(flags.model));
  WL_ASSIGN_OR_RETURN(auto normalizer, w2v::QueryNormalizer::Create(vectors->query_normalization()));
  std::vector<float> v(vectors->dim());
  std::string out;
  for (const std::string& path : InputsOrStdin(flags.files)) {
    WL_ASSIGN_OR_RETURN(auto reader, LineBatchReader::Open(path));
    while (true) {
      WL_ASSIGN_OR_RETURN(auto batch, reader->Next());
      if (!batch.has_value()) break;
      for (std::string_view line : batch->lines) {
        for (absl::string_view word :
             absl::StrSplit(ToAbsl(line), absl::ByAnyChar(" \t\v\f\r"), absl::SkipEmpty())) {
          vectors->WordVector(normalizer->Normalize(ToStd(word)), v.data());
          embeddings::fasttext::AppendWordVectorLine(ToStd(word), v.data(), v.size(), &out);
        }
      }
      WL_RETURN_IF_ERROR(WriteAll(stdout, out));
      out.clear();
    }
  }
  return absl::OkStatus();
}

}  // namespace

void AddVectorsCommand(CLI::App& app) {
  auto flags = std::make_shared<VectorsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "vectors", "Print word vectors (as `fasttext print-word-vectors`), one line per word");
  cmd->add_option("--model", flags->model, "Model: .wlm, fastText .bin or .vec")->required();
  cmd->add_option("files", flags->files, "Input files of words (default: stdin)");
  SetAction(cmd, [flags] { return RunVectors(*flags); });
}

}  // namespace wordloom::tools
