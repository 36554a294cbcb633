// wordloom train-vectors (--input PATH... [--format F] | --store STORE)
//     --output PREFIX --mode skipgram|cbow
//     [--dim N] [--window N] [--negative N] [--epoch N] [--min-count N]
//     [--minn N] [--maxn N] [--threads N] [--loss ns|hs] [--lr X] ...
//   -> PREFIX.vec (fastText text format) and PREFIX.wlm (wordloom model).
// --input takes what every corpora reader takes (files, directories,
// archives, compressed files, '-' for stdin; --format auto|dir|tar|zip|
// file|lines|jsonl|csv|tsv|reuters|ap, default auto: a plain file is one
// sentence per line); each line of each document is a sentence. --store
// trains on a corpus store written by `wordloom index` (each document a
// sentence, its terms as indexed).
// Character n-gram subwords are on with --subwords (BlazingText; lengths
// --min-char..--max-char, default 3..6) or when --maxn > 0 (fastText's
// convention); --maxn 0 turns them off. Every option also has its
// BlazingText hyperparameter name (--vector_dim, --window_size,
// --negative_samples, --min_count, --epochs, --sampling_threshold,
// --learning_rate, --min_char, --max_char, --subwords, --mode).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "corpora/reader.h"
#include "corpora/store.h"
#include "core/status_macros.h"
#include "embeddings/word2vec/model_io.h"
#include "embeddings/word2vec/trainer.h"
#include "tools/command.h"

namespace wordloom::tools {
namespace {

namespace w2v = ::wordloom::embeddings::word2vec;

struct TrainVectorsFlags {
  std::vector<std::string> inputs;
  std::string store;
  std::string format = "auto";
  std::string on_error = "skip";
  std::string text_field = "text";
  std::string text_column = "text";
  bool no_header = false;
  std::string output;
  std::string mode = "skipgram";
  std::string loss = "ns";
  w2v::TrainOptions options;
  bool subwords = false;
  bool progress = false;
  CLI::Option* max_char = nullptr;  // to tell "--maxn 0" from "not given"
};

// The training corpus from --store or from --input through corpora's readers.
absl::StatusOr<std::unique_ptr<w2v::TrainingCorpus>> LoadCorpus(const TrainVectorsFlags& flags) {
  const w2v::CorpusOptions options = {.min_count = flags.options.min_count,
                                      .threads = flags.options.threads,
                                      .force_progress = flags.progress};
  if (flags.inputs.empty() == flags.store.empty()) {
    return absl::InvalidArgumentError("train-vectors: give either --input or --store");
  }
  if (!flags.store.empty()) {
    WL_ASSIGN_OR_RETURN(auto store, corpora::StoreReader::Open(flags.store));
    return w2v::TrainingCorpus::FromStore(*store, options);
  }
  corpora::ReaderOptions reader_options;
  WL_ASSIGN_OR_RETURN(reader_options.format, corpora::ParseFormat(flags.format));
  reader_options.on_error =
      flags.on_error == "fail" ? corpora::ErrorPolicy::kFail : corpora::ErrorPolicy::kSkip;
  reader_options.json_text_field = flags.text_field;
  reader_options.csv_text_column = flags.text_column;
  reader_options.csv_header = !flags.no_header;
  WL_ASSIGN_OR_RETURN(auto reader, corpora::OpenReaders(flags.inputs, reader_options));
  const std::string name = absl::StrJoin(flags.inputs, ",");
  WL_ASSIGN_OR_RETURN(auto corpus, w2v::TrainingCorpus::FromReader(*reader, name, options));
  for (const corpora::ReadError& e : reader->errors()) {
    std::fprintf(stderr, "train-vectors: skipped %s: %s\n", e.source.c_str(),
                 std::string(e.status.message()).c_str());
  }
  if (reader->skipped() > 0) {
    std::fprintf(stderr, "train-vectors: %llu bad documents skipped\n",
                 static_cast<unsigned long long>(reader->skipped()));
  }
  return corpus;
}

absl::Status RunTrainVectors(TrainVectorsFlags flags) {
  w2v::TrainOptions& o = flags.options;
  WL_ASSIGN_OR_RETURN(o.mode, w2v::ParseMode(flags.mode));
  o.loss = flags.loss == "hs" ? w2v::Loss::kHierarchicalSoftmax : w2v::Loss::kNegativeSampling;
  if (flags.subwords && flags.max_char->count() == 0) o.max_char = 6;  // BlazingText default
  o.subwords = o.max_char > 0;
  o.force_progress = flags.progress;
  WL_RETURN_IF_ERROR(w2v::ValidateOptions(o));
  WL_ASSIGN_OR_RETURN(auto corpus, LoadCorpus(flags));
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
  cmd->add_option("--input", flags->inputs,
                  "Training text: files, directories, archives ('-' = stdin); each line a sentence");
  cmd->add_option("--store", flags->store, "Train on a corpus store written by `wordloom index`");
  cmd->add_option("--format", flags->format,
                  "auto|dir|tar|zip|file|lines|jsonl|csv|tsv|reuters|ap (content format; auto by name)");
  cmd->add_option("--on-error", flags->on_error, "Bad documents: skip (report and count) or fail")
      ->check(CLI::IsMember({"skip", "fail"}));
  cmd->add_option("--text-field", flags->text_field, "JSONL field holding the text");
  cmd->add_option("--text-column", flags->text_column, "CSV/TSV text column (name or 0-based index)");
  cmd->add_flag("--no-header", flags->no_header, "CSV/TSV files have no header row");
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
  cmd->add_option("--ns-exponent,--ns_exponent", o.ns_exponent,
                  "Noise distribution exponent (default: 0.5 for skipgram with subwords, else 0.75)");
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
