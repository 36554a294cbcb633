// wordloom quantize --model IN --out OUT [--dsub 2] [--qnorm] [--qout]
//     [--cutoff N] [--threads N] [--seed S]
//     [--retrain --input TRAIN [--format F] [--label-delimiter C] [--epoch N] [--lr X]]
//   IN: a wordloom classifier (.wlm) or fastText supervised .bin; OUT: a
//   quantised wordloom classifier, loadable wherever a classifier loads
//   (classify, test-classifier, the service's model directory). As
//   `fasttext quantize`: keep the N input rows of largest norm (--cutoff),
//   product-quantise the input matrix (--dsub values per subspace, 256
//   centroids each), optionally the row norms (--qnorm) and the output
//   matrix (--qout). --retrain (fastText's -retrain) fine-tunes the pruned
//   model on TRAIN before quantising (also when --cutoff keeps every row,
//   where fastText would skip it: see quantize.h).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "core/progress.h"
#include "core/status_macros.h"
#include "core/work_control.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/model_io.h"
#include "embeddings/classifier/quantize.h"
#include "tools/command.h"
#include "tools/labeled_data_flags.h"

namespace wordloom::tools {
namespace {

namespace cls = ::wordloom::embeddings::classifier;

struct QuantizeFlags {
  std::string model;
  std::string out;
  cls::QuantizeOptions options;
  bool retrain = false;
  std::string input;  // retraining data
  LabeledDataFlags data;  // --format, --label-delimiter
};

// Reads the retraining data with --retrain; null without.
absl::StatusOr<std::unique_ptr<cls::LabeledData>> ReadRetrainData(const QuantizeFlags& flags) {
  if (!flags.retrain) return nullptr;
  if (flags.input.empty()) return absl::InvalidArgumentError("--retrain needs --input TRAIN");
  WL_ASSIGN_OR_RETURN(cls::LabeledDataOptions data_options, ToLabeledDataOptions(flags.data));
  WL_ASSIGN_OR_RETURN(cls::LabeledData data, cls::ReadLabeledFile(flags.input, data_options));
  std::fprintf(stderr, "quantize: retraining on %s: %zu examples, %d epochs, lr %g\n",
               flags.input.c_str(), data.examples.size(), flags.options.retrain.epochs,
               flags.options.retrain.lr);
  return std::make_unique<cls::LabeledData>(std::move(data));
}

absl::Status RunQuantize(const QuantizeFlags& flags) {
  WL_ASSIGN_OR_RETURN(auto model, cls::LoadClassifier(flags.model));
  const cls::ModelData& in = model->data();
  std::fprintf(stderr, "quantize: %s: %zu x %d input rows, %zu labels; quantizing (dsub %d%s%s)\n",
               flags.model.c_str(), in.input_rows(), in.dim(), in.labels.size(),
               flags.options.dsub, flags.options.qnorm ? ", qnorm" : "",
               flags.options.qout ? ", qout" : "");
  const auto start = std::chrono::steady_clock::now();
  ProgressReporter progress({.label = "quantize", .unit = "subspaces"});
  cls::QuantizeOptions options = flags.options;
  options.progress = &progress;
  WL_ASSIGN_OR_RETURN(auto retrain_data, ReadRetrainData(flags));
  options.retrain_data = retrain_data.get();
  options.retrain.threads = options.threads;
  // Retraining reports the fraction done; drawn as per mille on one line.
  ProgressReporter retrain_progress({.label = "retrain", .unit = "permille"});
  std::atomic<uint64_t> permille{0};
  WorkControl control{.stop_requested = nullptr, .progress = [&](double fraction) {
                        const uint64_t now = static_cast<uint64_t>(fraction * 1000.0);
                        uint64_t before = permille.load();
                        while (now > before && !permille.compare_exchange_weak(before, now)) {
                        }
                        if (now > before) retrain_progress.Add(now - before, 0);
                      }};
  options.retrain.control = retrain_data ? &control : nullptr;
  WL_ASSIGN_OR_RETURN(auto quantized, cls::QuantizeClassifier(*model, options));
  if (retrain_data) retrain_progress.Finish();
  progress.Finish();
  WL_RETURN_IF_ERROR(cls::SaveClassifier(*quantized, flags.out));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::error_code ec;
  const auto in_size = std::filesystem::file_size(flags.model, ec);
  const auto out_size = std::filesystem::file_size(flags.out, ec);
  std::fprintf(stderr, "quantize: wrote %s: %zu input rows, %llu bytes (from %llu) in %.1f s\n",
               flags.out.c_str(), quantized->data().input_rows(),
               static_cast<unsigned long long>(out_size),
               static_cast<unsigned long long>(in_size), seconds);
  return absl::OkStatus();
}

}  // namespace

void AddQuantizeCommand(CLI::App& app) {
  auto flags = std::make_shared<QuantizeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "quantize", "Compress a classifier by product quantisation (as fasttext quantize)");
  cmd->add_option("--model,--input-model", flags->model,
                  "Classifier: wordloom .wlm or fastText supervised .bin")
      ->required();
  cmd->add_option("--out,--output", flags->out, "Quantised wordloom classifier to write")
      ->required();
  cmd->add_option("--dsub", flags->options.dsub, "Values per subspace")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--qnorm", flags->options.qnorm, "Quantise row norms separately");
  cmd->add_flag("--qout", flags->options.qout, "Quantise the output matrix too");
  cmd->add_option("--cutoff", flags->options.cutoff,
                  "Keep this many input rows (words and n-grams) of largest norm (0: all)")
      ->capture_default_str();
  cmd->add_option("--seed", flags->options.seed, "k-means seed")->capture_default_str();
  cmd->add_flag("--retrain", flags->retrain,
                "Fine-tune the (pruned) model on --input before quantising");
  cmd->add_option("--input", flags->input, "Labelled training data for --retrain");
  AddLabeledDataOptions(cmd, &flags->data, "--input format: fasttext, csv, tsv or comprehend");
  cmd->add_option("--epoch,--epochs", flags->options.retrain.epochs, "Retraining epochs")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--lr", flags->options.retrain.lr, "Retraining learning rate")
      ->capture_default_str();
  cmd->add_option("--threads", flags->options.threads, "Threads (0: all cores)")
      ->capture_default_str();
  SetAction(cmd, [flags] { return RunQuantize(*flags); });
}

}  // namespace wordloom::tools
