// wordloom eval-vectors --model MODEL [--analogies questions-words.txt]
//     [--similarity wordsim353.tsv]... [--top N] [--method add|mul]
//   Prints one JSON object: Google analogy accuracy over the N most frequent
//   words (word2vec's protocol, default 30000) and Spearman's rho for each
//   word-similarity file.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/word2vec/evaluation.h"
#include "embeddings/word2vec/model_io.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace w2v = ::wordloom::embeddings::word2vec;

struct EvalVectorsFlags {
  std::string model;
  bool progress = false;
  std::string analogies;
  std::vector<std::string> similarity;
  size_t top = 30000;
  std::string method = "add";
  int threads = 0;
};

absl::Status RunEvalVectors(const EvalVectorsFlags& flags) {
  if (flags.analogies.empty() && flags.similarity.empty()) {
    return absl::InvalidArgumentError("give --analogies FILE and/or --similarity FILE");
  }
  WL_ASSIGN_OR_RETURN(auto vectors, w2v::LoadVectors(flags.model, flags.progress ? ProgressOptions::Mode::kAlways
                                                                  : ProgressOptions::Mode::kAuto));
  std::string out = "{\"model\":";
  AppendJsonString(&out, flags.model);
  absl::StrAppend(&out, ",\"words\":", vectors->size());
  if (!flags.analogies.empty()) {
    w2v::AnalogyOptions options{.top_words = flags.top, .threads = flags.threads};
    if (flags.method == "mul") options.method = w2v::AnalogyMethod::k3CosMul;
    WL_ASSIGN_OR_RETURN(w2v::AnalogyResult r, w2v::EvaluateAnalogies(*vectors, flags.analogies, options));
    absl::StrAppend(&out, ",\"analogy\":{\"top_words\":", flags.top, ",\"method\":\"",
                    flags.method, "\",\"questions\":", r.questions, ",\"seen\":", r.seen,
                    ",\"correct\":", r.correct, ",\"accuracy\":", r.accuracy(),
                    ",\"accuracy_all\":", r.accuracy_all(), "}");
  }
  if (!flags.similarity.empty()) out.append(",\"similarity\":[");
  for (size_t i = 0; i < flags.similarity.size(); ++i) {
    WL_ASSIGN_OR_RETURN(w2v::SimilarityResult r, w2v::EvaluateSimilarity(*vectors, flags.similarity[i]));
    out.append(i > 0 ? ",{\"file\":" : "{\"file\":");
    AppendJsonString(&out, flags.similarity[i]);
    absl::StrAppend(&out, ",\"pairs\":", r.pairs, ",\"found\":", r.found, ",\"spearman\":",
                    r.spearman, "}");
  }
  if (!flags.similarity.empty()) out.append("]");
  out.append("}\n");
  return WriteAll(stdout, out);
}

}  // namespace

void AddEvalVectorsCommand(CLI::App& app) {
  auto flags = std::make_shared<EvalVectorsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "eval-vectors", "Analogy accuracy and word-similarity Spearman rho of word vectors");
  cmd->add_option("--model", flags->model, "Model: .wlm, fastText .bin or .vec")->required();
  cmd->add_flag("--progress", flags->progress,
                "Show model loading progress on stderr even when not a terminal");
  cmd->add_option("--analogies", flags->analogies, "questions-words.txt");
  cmd->add_option("--similarity", flags->similarity, "word1<TAB>word2<TAB>score file (repeatable)");
  cmd->add_option("--top", flags->top, "Analogies use the N most frequent words (0: all)")
      ->capture_default_str();
  cmd->add_option("--method", flags->method, "add (3CosAdd) or mul (3CosMul)")
      ->check(CLI::IsMember({"add", "mul"}));
  cmd->add_option("--threads", flags->threads, "Threads (0: all cores)");
  SetAction(cmd, [flags] { return RunEvalVectors(*flags); });
}

}  // namespace wordloom::tools
