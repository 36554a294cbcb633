// wordloom train-vectors --input FILE --output PREFIX --mode skipgram|cbow
//     [--dim N] [--window N] [--negative N] [--epoch N] [--min-count N]
//     [--minn N] [--maxn N] [--threads N] [--loss ns|hs] [--lr X] ...
//   -> PREFIX.vec (fastText text format) and PREFIX.wlm (wordloom model).
// Character n-gram subwords are on with --subwords (BlazingText; lengths
// --min-char..--max-char, default 3..6) or when --maxn > 0 (fastText's
// convention); --maxn 0 turns them off. Every option also has its
// BlazingText hyperparameter name (--vector_dim, --window_size,
// --negative_samples, --min_count, --epochs, --sampling_threshold,
// --learning_rate, --min_char, --max_char, --subwords, --mode).
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "embeddings/word2vec/model_io.h"
#include "embeddings/word2vec/trainer.h"
#include "tools/command.h"

namespace wordloom::tools {
namespace {

namespace w2v = ::wordloom::embeddings::word2vec;

struct TrainVectorsFlags {
  std::string input;
  std::string output;
  std::string mode = "skipgram";
  std::string loss = "ns";
  w2v::TrainOptions options;
  bool subwords = false;
  bool progress = false;
  CLI::Option* max_char = nullptr;  // to tell "--maxn 0" from "not given"
};

absl::Status RunTrainVectors(TrainVectorsFlags flags) {
  w2v::TrainOptions& o = flags.options;
  WL_ASSIGN_OR_RETURN(o.mode, w2v::ParseMode(flags.mode));
  o.loss = flags.loss == "hs" ? w2v::Loss::kHierarchicalSoftmax : w2v::Loss::kNegativeSampling;
  if (flags.subwords && flags.max_char->count() == 0) o.max_char = 6;  // BlazingText default
  o.subwords = o.max_char > 0;
  o.force_progress = flags.progress;
  WL_RETURN_IF_ERROR(w2v::ValidateOptions(o));
  WL_ASSIGN_OR_RETURN(auto corpus, w2v::TrainingCorpus::Build(
                                       flags.input, {.min_count = o.min_count,
                                                     .threads = o.threads,
                                                     .force_progress = flags.progress}));
  w2v::TrainStats stats;
  WL_ASSIGN_OR_RETURN(auto vectors, w2v::Train(*corpus, o, &stats));
  WL_RETURN_IF_ERROR(w2v::SaveVec(*vectors, flags.output + ".vec"));
  WL_RETURN_IF_ERROR(w2v::SaveModel(*vectors, flags.output + ".wlm"));
  std::fprintf(stderr,
               "train-vectors: %zu words in vocabulary, %lld corpus words, %.2f s training, "
               "%.0f words/s/thread (%d threads), final epoch loss %.4f\n",
               vectors->size(), static_cast<long long>(corpus->num_words()), stats.seconds,
               stats.words_per_second_per_thread, stats.threads,
               stats.epoch_loss.empty() ? 0.0 : stats.epoch_loss.back());
  return absl::OkStatus();
}

}  // namespace

void AddTrainVectorsCommand(CLI::App& app) {
  auto flags = std::make_shared<TrainVectorsFlags>();
  w2v::TrainOptions& o = flags->options;
  o.max_char = 0;  // plain word2vec unless --maxn is given
  CLI::App* cmd = app.add_subcommand(
      "train-vectors", "Train word vectors (word2vec skip-gram / CBOW, optional subwords)");
  cmd->add_option("--input", flags->input, "Training text, one sentence or document per line")
      ->required();
  cmd->add_option("--output", flags->output, "Output prefix: writes PREFIX.vec and PREFIX.wlm")
      ->required();
  cmd->add_option("--mode", flags->mode, "skipgram or cbow")
      ->check(CLI::IsMember({"skipgram", "cbow"}));
  cmd->add_option("--loss", flags->loss, "ns (negative sampling) or hs (hierarchical softmax)")
      ->check(CLI::IsMember({"ns", "hs"}));
  cmd->add_option("--dim,--vector-dim,--vector_dim", o.vector_dim, "Vector dimension")
      ->capture_default_str();
  cmd->add_option("--window,--window-size,--window_size", o.window_size, "Context window")
      ->capture_default_str();
  cmd->add_option("--negative,--negative-samples,--negative_samples", o.negative_samples,
                  "Negative samples")->capture_default_str();
  cmd->add_option("--epoch,--epochs", o.epochs, "Passes over the corpus")->capture_default_str();
  cmd->add_option("--min-count,--min_count", o.min_count, "Drop words seen fewer times")
      ->capture_default_str();
  cmd->add_flag("--subwords", flags->subwords,
                "Learn character n-gram subwords (lengths --minn..--maxn, default 3..6)");
  cmd->add_option("--minn,--min-char,--min_char", o.min_char, "Shortest char n-gram")
      ->capture_default_str();
  flags->max_char = cmd->add_option("--maxn,--max-char,--max_char", o.max_char,
                                    "Longest char n-gram (0: no subwords)")
                        ->capture_default_str();
  cmd->add_option("--bucket,--buckets", o.buckets, "Hash buckets for char n-grams")
      ->capture_default_str();
  cmd->add_option("--lr,--learning-rate,--learning_rate", o.learning_rate,
                  "Initial learning rate (decays linearly to 0)")->capture_default_str();
  cmd->add_option("--sample,--sampling-threshold,--sampling_threshold", o.sampling_threshold,
                  "Subsampling threshold (0: off)")->capture_default_str();
  cmd->add_option("--threads", o.threads, "Training threads (0: all cores)")->capture_default_str();
  cmd->add_option("--seed", o.seed, "Random seed")->capture_default_str();
  cmd->add_flag("--progress", flags->progress, "Show progress on stderr even when not a terminal");
  SetAction(cmd, [flags] { return RunTrainVectors(*flags); });
}

}  // namespace wordloom::tools
