// wordloom language [--model MODEL] [FILE...]
//     one JSON object per input line, as Comprehend's DetectDominantLanguage:
//     {"Languages":[{"LanguageCode":"en","Score":0.99}]}
// wordloom train-language --udhr DIR --output MODEL [--folds K --fold I]
//     trains the character n-gram model on the UDHR sample (all paragraphs,
//     or all but fold I of K for held-out evaluation).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/language/language_identifier.h"
#include "nlp/analyze/language/language_trainer.h"
#include "tools/analyze_lines.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace lang = analyze::language;

struct LanguageFlags {
  std::vector<std::string> files;
  std::string model;
  size_t threads = 0;
};

struct TrainLanguageFlags {
  std::string udhr;
  std::string output;
  int folds = 0;
  int fold = 0;
  int max_n = 5;
  double alpha = 0.5;
};

void AppendLanguages(const lang::LanguageResult& result, std::string* out) {
  out->append("{\"Languages\":[");
  for (size_t i = 0; i < result.languages.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append("{\"LanguageCode\":");
    AppendJsonString(out, result.languages[i].code);
    absl::StrAppend(out, ",\"Score\":", result.languages[i].score, "}");
  }
  out->append("]}");
}

absl::Status RunLanguage(const LanguageFlags& flags) {
  const std::string path = flags.model.empty() ? DefaultModelPath("language.wlm") : flags.model;
  WL_RETURN_IF_ERROR(CheckModelExists(path));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const lang::LanguageIdentifier> model,
                      lang::LanguageIdentifier::Load(path));
  return AnalyzeLines(flags.files, flags.threads,
                      [model](std::string_view line, std::string* out) -> absl::Status {
                        WL_ASSIGN_OR_RETURN(lang::LanguageResult r, model->Detect(line));
                        AppendLanguages(r, out);
                        return absl::OkStatus();
                      });
}

absl::Status RunTrainLanguage(const TrainLanguageFlags& flags) {
  if (flags.folds > 0 && (flags.fold < 0 || flags.fold >= flags.folds)) {
    return absl::InvalidArgumentError("--fold must be in [0, --folds)");
  }
  WL_ASSIGN_OR_RETURN(auto examples,
                      lang::ReadUdhr(flags.udhr, {.folds = flags.folds, .fold = flags.fold}));
  WL_ASSIGN_OR_RETURN(lang::LanguageModelData data,
                      lang::TrainLanguageModel(examples, {.max_n = flags.max_n, .alpha = flags.alpha}));
  WL_ASSIGN_OR_RETURN(auto model, lang::LanguageIdentifier::Create(std::move(data)));
  WL_RETURN_IF_ERROR(model->Save(flags.output));
  std::fprintf(stderr, "train-language: %zu paragraphs, %zu languages -> %s\n", examples.size(),
               model->codes().size(), flags.output.c_str());
  return absl::OkStatus();
}

}  // namespace

void AddLanguageCommand(CLI::App& app) {
  auto flags = std::make_shared<LanguageFlags>();
  CLI::App* cmd = app.add_subcommand(
      "language", "Dominant language of each input line (JSON lines, as DetectDominantLanguage)");
  cmd->add_option("files", flags->files, "Input files (default: stdin; '-' is stdin)");
  cmd->add_option("--model", flags->model, "Language model (default: models/language.wlm)");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  SetAction(cmd, [flags] { return RunLanguage(*flags); });

  auto train = std::make_shared<TrainLanguageFlags>();
  CLI::App* tcmd = app.add_subcommand(
      "train-language", "Train the language identifier on the UDHR sample");
  tcmd->add_option("--udhr", train->udhr, "Directory of UDHR texts (udhr_multilingual)")->required();
  tcmd->add_option("--output", train->output, "Model file to write")->required();
  tcmd->add_option("--folds", train->folds, "Split paragraphs into K folds (0: use all)");
  tcmd->add_option("--fold", train->fold, "Leave this fold out of training");
  tcmd->add_option("--max-n", train->max_n, "Longest character n-gram (default 5)");
  tcmd->add_option("--alpha", train->alpha, "Additive smoothing (default 0.5)");
  SetAction(tcmd, [train] { return RunTrainLanguage(*train); });
}

}  // namespace wordloom::tools
