// wordloom train-topics --input PATH... --topics K --out DIR [--format ...]
//                       [--iterations N] [--threads N] [--seed S]
//                       [--eval-every N [--eval-reference PATH] [--eval-log FILE]]
//
// Trains an LDA model and writes DIR/model.wlm, DIR/topic-terms.csv and
// DIR/doc-topics.csv (Amazon Comprehend's topic-detection job output).
// --eval-every logs the NPMI / UMass coherence of the top-10 terms every N
// iterations, with the training seconds so far (evaluation time excluded),
// as JSON lines.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "tools/command.h"
#include "tools/output.h"
#include "tools/topics_commands.h"
#include "topics/comprehend_output.h"
#include "topics/corpus_loader.h"
#include "topics/evaluation.h"
#include "topics/trainer.h"

namespace wordloom::tools {
namespace {

struct TrainTopicsFlags {
  topics::CorpusSource source;
  topics::TrainerOptions trainer;
  std::string out;
  std::string stopwords = "en";
  int64_t min_count = 5;
  double max_doc_fraction = 0.5;
  double min_proportion = 0.01;
  bool quiet = false;
  int32_t eval_every = 0;
  std::vector<std::string> eval_reference;
  std::string eval_log;
};

// Writes one coherence record per evaluation to a JSON-lines log (stderr by
// default). Owns the reference corpus and the log file; not thread-safe.
class CoherenceLog {
 public:
  static absl::StatusOr<std::unique_ptr<CoherenceLog>> Open(const TrainTopicsFlags& flags,
                                                            const topics::Corpus& corpus) {
    auto log = std::unique_ptr<CoherenceLog>(new CoherenceLog);
    if (flags.eval_reference.empty()) {
      log->reference_ = corpus.docs;
    } else {
      topics::CorpusSource source = flags.source;
      source.inputs = flags.eval_reference;
      source.text.prune = {.min_count = 1, .max_document_fraction = 1.0};
      WL_ASSIGN_OR_RETURN(topics::Corpus reference, topics::LoadCorpus(source));
      topics::RemapToVocabulary(corpus.vocab, &reference);
      log->reference_ = std::move(reference.docs);
    }
    if (!flags.eval_log.empty()) {
      log->file_ = std::fopen(flags.eval_log.c_str(), "w");
      if (log->file_ == nullptr) return absl::InvalidArgumentError(absl::StrCat("cannot write ", flags.eval_log));
    }
    return log;
  }
  ~CoherenceLog() {
    if (file_ != nullptr) std::fclose(file_);
  }
  absl::Status Record(const topics::LdaTrainer& trainer, const topics::Corpus& corpus) {
    WL_ASSIGN_OR_RETURN(auto model, trainer.MakeModel(corpus.vocab, {}));
    WL_ASSIGN_OR_RETURN(auto c, topics::TopicCoherence(topics::TopTermIds(*model, 10), reference_, {}));
    const std::string line = absl::StrFormat(
        "{\"iteration\":%d,\"seconds\":%.4f,\"npmi\":%.6f,\"umass\":%.6f}\n",
        trainer.iterations_done(), trainer.seconds(), c.npmi, c.umass);
    return WriteAll(file_ ? file_ : stderr, line, "eval log");
  }

 private:
  CoherenceLog() = default;
  std::vector<std::vector<int32_t>> reference_;
  FILE* file_ = nullptr;
};

absl::Status RunTrainTopics(TrainTopicsFlags flags) {
  flags.source.text.text.stopwords_language = flags.stopwords == "none" ? "" : flags.stopwords;
  flags.source.text.prune.min_count = flags.min_count;
  flags.source.text.prune.max_document_fraction = flags.max_doc_fraction;
  flags.source.text.threads = flags.trainer.threads;
  WL_ASSIGN_OR_RETURN(topics::Corpus corpus, topics::LoadCorpus(flags.source));
  std::error_code ec;  // fail before training, not after, on a bad --out
  std::filesystem::create_directories(flags.out, ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("cannot create ", flags.out, ": ", ec.message()));
  WL_ASSIGN_OR_RETURN(auto trainer, topics::LdaTrainer::Create(corpus, flags.trainer));
  if (!flags.quiet) {
    std::fprintf(stderr, "train-topics: %zu documents, %lld tokens, %zu terms, K=%d\n", corpus.size(),
                 static_cast<long long>(corpus.NumTokens()), corpus.vocab.size(),
                 flags.trainer.num_topics);
  }
  std::unique_ptr<CoherenceLog> log;
  if (flags.eval_every > 0) {
    WL_ASSIGN_OR_RETURN(log, CoherenceLog::Open(flags, corpus));
  }
  absl::Status log_status;
  WL_RETURN_IF_ERROR(trainer->Train([&](int32_t done) {
    if (log != nullptr && log_status.ok() && (done % flags.eval_every == 0 || done == flags.trainer.iterations)) {
      log_status = log->Record(*trainer, corpus);
    }
    if (flags.quiet || (done % 10 != 0 && done != flags.trainer.iterations)) return;
    std::fprintf(stderr, "\rtrain-topics: iteration %d/%d  %.1f s  %.2f M tokens/s", done,
                 flags.trainer.iterations, trainer->seconds(),
                 done * trainer->num_tokens() / trainer->seconds() / 1e6);
    if (done == flags.trainer.iterations) std::fputc('\n', stderr);
  }));
  WL_RETURN_IF_ERROR(log_status);
  return topics::WriteTopicsDetectionOutput(*trainer, corpus, flags.source.text.text, flags.out,
                                            {.min_proportion = flags.min_proportion});
}

}  // namespace

void AddTrainTopicsCommand(CLI::App& app) {
  auto flags = std::make_shared<TrainTopicsFlags>();
  CLI::App* cmd = app.add_subcommand("train-topics", "Train an LDA topic model (Comprehend job output)");
  cmd->add_option("--input", flags->source.inputs, "Corpus files: lda-c .dat, UCI docword, or text lines")
      ->required();
  cmd->add_option("--format", flags->source.format, "auto, lda-c, uci or lines (one document per line)")
      ->check(CLI::IsMember({"auto", "lda-c", "uci", "lines"}));
  cmd->add_option("--vocab", flags->source.vocab, "Vocabulary file for lda-c / uci input");
  cmd->add_option("--topics", flags->trainer.num_topics, "Number of topics K")->required();
  cmd->add_option("--out", flags->out, "Output directory")->required();
  cmd->add_option("--iterations", flags->trainer.iterations, "Gibbs iterations (default 200)");
  cmd->add_option("--threads", flags->trainer.threads, "Worker threads (default: all cores)");
  cmd->add_option("--seed", flags->trainer.seed, "Random seed");
  cmd->add_option("--alpha", flags->trainer.alpha, "Symmetric document-topic prior (default 0.1)");
  cmd->add_option("--beta", flags->trainer.beta, "Symmetric topic-word prior (default 0.01)");
  cmd->add_flag("--optimize-alpha", flags->trainer.optimize_alpha,
                "Learn an asymmetric alpha (Minka fixed point)");
  cmd->add_option("--mh-steps", flags->trainer.mh_steps, "MH steps per token in each phase and iteration (default 4)");
  cmd->add_option("--stopwords", flags->stopwords, "Stopword language for text input, or 'none'");
  cmd->add_option("--min-count", flags->min_count, "Text input: drop terms seen fewer times (default 5)");
  cmd->add_option("--max-doc-fraction", flags->max_doc_fraction,
                  "Text input: drop terms in more than this fraction of documents (default 0.5)");
  cmd->add_option("--min-proportion", flags->min_proportion,
                  "doc-topics.csv: omit topics below this proportion (default 0.01)");
  cmd->add_flag("--quiet", flags->quiet, "No progress on stderr");
  cmd->add_option("--eval-every", flags->eval_every,
                  "Log top-10 NPMI/UMass coherence every N iterations (JSON lines)");
  cmd->add_option("--eval-reference", flags->eval_reference,
                  "Reference corpus for --eval-every (default: the training corpus)");
  cmd->add_option("--eval-log", flags->eval_log, "File for the --eval-every log (default: stderr)");
  SetAction(cmd, [flags] { return RunTrainTopics(*flags); });
}

void AddTopicsCommands(CLI::App& app) {
  AddTrainTopicsCommand(app);
  AddTopicsCommand(app);
  AddEvalTopicsCommand(app);
}

}  // namespace wordloom::tools
