// wordloom train-classifier --input FILE --output MODEL [--epoch N] [--lr X]
//     [--dim N] [--word-ngrams N] [--loss softmax|hs|ns|ova] [--threads N]
//     [--validation FILE] [--format fasttext|csv|tsv|comprehend] ...
//   -> MODEL (wordloom classifier file). Training examples are shuffled, so
//   label-sorted input trains as well as shuffled input.
#include <cstdio>
#include <memory>
#include <string>

#include "core/status_macros.h"
#include "embeddings/classifier/autotune.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/model_io.h"
#include "embeddings/classifier/trainer.h"
#include "tools/command.h"
#include "tools/labeled_data_flags.h"

namespace wordloom::tools {
namespace {

namespace cls = ::wordloom::embeddings::classifier;

struct TrainClassifierFlags {
  std::string input;
  std::string output;
  std::string validation;
  std::string loss = "softmax";
  std::string tokenizer = "nlp";
  LabeledDataFlags data;  // --format, --label-delimiter
  cls::TrainerOptions options;
  std::string autotune_validation;
  cls::AutotuneOptions autotune;
};

absl::StatusOr<cls::LabeledData> ReadData(const TrainClassifierFlags& flags,
                                          const std::string& path) {
  WL_ASSIGN_OR_RETURN(cls::LabeledDataOptions data_options, ToLabeledDataOptions(flags.data));
  WL_ASSIGN_OR_RETURN(cls::LabeledData data, cls::ReadLabeledFile(path, data_options));
  if (data.skipped_no_label > 0) {
    std::fprintf(stderr, "train-classifier: %s: skipped %llu records without a label\n",
                 path.c_str(), static_cast<unsigned long long>(data.skipped_no_label));
  }
  return data;
}

absl::Status RunAutotune(const TrainClassifierFlags& flags, const cls::LabeledData& train) {
  WL_ASSIGN_OR_RETURN(cls::LabeledData validation, ReadData(flags, flags.autotune_validation));
  cls::AutotuneReport report;
  WL_ASSIGN_OR_RETURN(auto model, cls::AutotuneClassifier(train, validation, flags.options,
                                                          flags.autotune, &report));
  WL_RETURN_IF_ERROR(cls::SaveClassifier(*model, flags.output));
  const cls::TrainerOptions& b = report.best;
  std::fprintf(stderr,
               "train-classifier: autotune: %d trials, best validation F1 %.4f with --lr %g "
               "--epoch %d --word-ngrams %d --dim %d\n",
               report.trials, report.best_f1, b.lr, b.epochs, b.word_ngrams, b.dim);
  return absl::OkStatus();
}

absl::Status RunTrainClassifier(TrainClassifierFlags flags) {
  cls::TrainerOptions& o = flags.options;
  WL_ASSIGN_OR_RETURN(o.loss, cls::ParseLossKind(flags.loss));
  WL_ASSIGN_OR_RETURN(o.tokenizer, cls::ParseTokenizerMode(flags.tokenizer));
  WL_ASSIGN_OR_RETURN(cls::LabeledData train, ReadData(flags, flags.input));
  cls::LabeledData validation;
  if (!flags.validation.empty()) {
    WL_ASSIGN_OR_RETURN(validation, ReadData(flags, flags.validation));
  }
  if (!flags.autotune_validation.empty()) return RunAutotune(flags, train);
  cls::TrainingReport report;
  WL_ASSIGN_OR_RETURN(auto model,
                      cls::TrainClassifier(train, flags.validation.empty() ? nullptr : &validation,
                                           o, &report));
  WL_RETURN_IF_ERROR(cls::SaveClassifier(*model, flags.output));
  std::fprintf(stderr,
               "train-classifier: %zu examples, %zu words, %zu n-gram rows, %d labels, "
               "%d epochs in %.2f s",
               report.examples, report.words, report.bucket_rows, model->num_labels(),
               report.epochs_run, report.seconds);
  if (report.best_validation_precision >= 0) {
    std::fprintf(stderr, ", best validation P@1 %.4f at epoch %d", report.best_validation_precision,
                 report.best_epoch);
  }
  std::fprintf(stderr, "\n");
  return absl::OkStatus();
}

}  // namespace

void AddTrainClassifierCommand(CLI::App& app) {
  auto flags = std::make_shared<TrainClassifierFlags>();
  cls::TrainerOptions& o = flags->options;
  CLI::App* cmd = app.add_subcommand(
      "train-classifier", "Train a supervised text classifier (fastText / BlazingText supervised)");
  cmd->add_option("--input", flags->input, "Labelled training file (`__label__X text` lines)")
      ->required();
  cmd->add_option("--output", flags->output, "Model file to write (.wlm)")->required();
  cmd->add_option("--validation", flags->validation,
                  "Labelled validation file: early stopping on P@1, keeps the best epoch");
  AddLabeledDataOptions(cmd, &flags->data, "Input format: fasttext, csv, tsv or comprehend");
  cmd->add_option("--loss", flags->loss, "softmax, hs, ns or ova (multi-label)")
      ->capture_default_str();
  cmd->add_option("--tokenizer", flags->tokenizer,
                  "nlp (NFKC, case folding, word segmentation) or whitespace (as fastText)")
      ->capture_default_str();
  cmd->add_option("--dim", o.dim, "Embedding size")->capture_default_str();
  cmd->add_option("--epoch,--epochs", o.epochs, "Passes over the data")->capture_default_str();
  cmd->add_option("--lr", o.lr, "Initial learning rate")->capture_default_str();
  cmd->add_option("--word-ngrams,--wordNgrams", o.word_ngrams, "Longest word n-gram")
      ->capture_default_str();
  cmd->add_option("--bucket", o.buckets, "Hash buckets for word n-grams")->capture_default_str();
  cmd->add_option("--min-count,--minCount", o.min_count, "Minimal word count")
      ->capture_default_str();
  cmd->add_option("--neg", o.negatives, "Negatives per example (ns loss)")->capture_default_str();
  cmd->add_option("--pretrained-vectors,--pretrainedVectors", o.pretrained_vectors,
                  "Word vectors to start from (.vec or wordloom train-vectors .wlm; dimension "
                  "--dim)");
  cmd->add_option("--autotune-validation", flags->autotune_validation,
                  "Search lr, epochs, word n-grams and dim against this labelled file");
  cmd->add_option("--autotune-duration", flags->autotune.duration_seconds,
                  "Autotune time budget in seconds")->capture_default_str();
  cmd->add_option("--patience", o.patience, "Epochs without validation gain before stopping")
      ->capture_default_str();
  cmd->add_option("--threads,--thread", o.threads, "Training threads (0: all cores)")
      ->capture_default_str();
  cmd->add_option("--seed", o.seed, "Random seed (shuffling, initialisation)")
      ->capture_default_str();
  SetAction(cmd, [flags] { return RunTrainClassifier(*flags); });
}

}  // namespace wordloom::tools
