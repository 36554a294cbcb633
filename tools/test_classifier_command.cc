// wordloom test-classifier --model MODEL [--k K] [--threshold P] FILE
//   Prints fastText's `test` lines (N, P@k, R@k), then accuracy, Hamming
//   loss, macro/micro precision, recall and F1, per-label precision / recall
//   / F1 and the confusion matrix (gold rows, predicted columns).
#include <memory>
#include <string>

#include "core/status_macros.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/metrics.h"
#include "embeddings/classifier/model_io.h"
#include "tools/command.h"
#include "tools/labeled_data_flags.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace cls = ::wordloom::embeddings::classifier;

struct TestClassifierFlags {
  std::string model;
  std::string file;
  LabeledDataFlags data;  // --format, --label-delimiter
  cls::EvaluationOptions options;
};

absl::Status RunTestClassifier(const TestClassifierFlags& flags) {
  WL_ASSIGN_OR_RETURN(cls::LabeledDataOptions data_options, ToLabeledDataOptions(flags.data));
  WL_ASSIGN_OR_RETURN(auto model, cls::LoadClassifier(flags.model));
  WL_ASSIGN_OR_RETURN(cls::LabeledData data, cls::ReadLabeledFile(flags.file, data_options));
  cls::Evaluation evaluation = cls::Evaluate(*model, data, flags.options);
  return WriteAll(stdout, cls::FormatEvaluation(*model, evaluation));
}

}  // namespace

void AddTestClassifierCommand(CLI::App& app) {
  auto flags = std::make_shared<TestClassifierFlags>();
  CLI::App* cmd = app.add_subcommand(
      "test-classifier", "Evaluate a classifier on labelled data: P@k, R@k, per-label and "
                         "macro/micro F1, confusion matrix");
  cmd->add_option("--model", flags->model, "Model: wordloom .wlm or fastText supervised .bin")
      ->required();
  cmd->add_option("file", flags->file, "Labelled test file")->required();
  AddLabeledDataOptions(cmd, &flags->data, "Input format: fasttext, csv, tsv or comprehend");
  cmd->add_option("--k", flags->options.k, "Labels predicted per example (-1: all)")
      ->capture_default_str();
  cmd->add_option("--threshold", flags->options.threshold, "Minimal probability")
      ->capture_default_str();
  cmd->add_option("--threads", flags->options.threads, "Threads (0: all cores)")
      ->capture_default_str();
  SetAction(cmd, [flags] { return RunTestClassifier(*flags); });
}

}  // namespace wordloom::tools
