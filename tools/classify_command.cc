// wordloom classify --model MODEL [--k K] [--threshold P] [FILE...]
//   MODEL: a wordloom classifier (.wlm, dense or quantised) or a fastText
//   supervised .bin / quantized .ftz.
//   One output line per input line, exactly as `fasttext predict-prob`:
//   `__label__A 0.91 __label__B 0.05`. Labels in the input are ignored.
#include <memory>
#include <string>
#include <vector>

#include "core/status_macros.h"
#include "embeddings/classifier/batch_predictor.h"
#include "embeddings/classifier/model_io.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace cls = ::wordloom::embeddings::classifier;

struct ClassifyFlags {
  std::string model;
  std::vector<std::string> files;
  cls::BatchPredictorOptions options;
};

absl::Status RunClassify(const ClassifyFlags& flags) {
  WL_ASSIGN_OR_RETURN(auto model, cls::LoadClassifier(flags.model));
  cls::BatchPredictor predictor(*model, flags.options);
  return FormatLineBatches(flags.files,
                           [&](const std::vector<std::string_view>& lines, std::string* out) {
                             predictor.PredictLines(lines, out);
                             return absl::OkStatus();
                           });
}

}  // namespace

void AddClassifyCommand(CLI::App& app) {
  auto flags = std::make_shared<ClassifyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "classify", "Predict labels with probabilities, one line per input line (as fasttext "
                  "predict-prob)");
  cmd->add_option("--model", flags->model, "Model: wordloom .wlm (dense or quantised) or fastText supervised .bin / .ftz")
      ->required();
  cmd->add_option("--k", flags->options.k, "Labels per line (-1: all)")->capture_default_str();
  cmd->add_option("--threshold", flags->options.threshold, "Minimal probability")
      ->capture_default_str();
  cmd->add_option("--threads", flags->options.threads, "Prediction threads (0: all cores)")
      ->capture_default_str();
  cmd->add_option("files", flags->files, "Input files (default: stdin)");
  SetAction(cmd, [flags] { return RunClassify(*flags); });
}

}  // namespace wordloom::tools
