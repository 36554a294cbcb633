// wordloom index --input PATH... --out STORE [--format auto|dir|lines|jsonl|csv|tar|zip|reuters]
//                [--threads N] [--resume] [--on-error skip|fail]
//
// Streams documents from files, directories and archives into a corpus
// store (corpora/store.h); prints a one-line JSON summary on stdout and the
// skipped documents on stderr.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "corpora/ingest.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

struct IndexFlags {
  std::vector<std::string> inputs;
  std::string out;
  std::string format = "auto";
  std::string on_error = "skip";
  std::string text_field = "text";
  std::string id_field = "id";
  std::string text_column = "text";
  std::string id_column = "id";
  bool no_header = false;
  size_t max_document_bytes = 64 << 20;
  size_t threads = 0;
  bool resume = false;
  bool pretokenized = false;
  bool keep_punctuation = false;
  bool drop_numbers = false;
  std::string stopwords;
  std::string invalid_utf8 = "error";
  int64_t min_count = 1;
  double max_df = 1.0;
  size_t max_vocab = 0;
  size_t shard_docs = 100000;
  size_t kill_after_commits = 0;
  bool progress = false;
};

absl::Status RunIndex(const IndexFlags& flags) {
  corpora::IngestOptions options;
  options.inputs = flags.inputs;
  WL_ASSIGN_OR_RETURN(options.reader.format, corpora::ParseFormat(flags.format));
  options.reader.on_error =
      flags.on_error == "fail" ? corpora::ErrorPolicy::kFail : corpora::ErrorPolicy::kSkip;
  options.reader.json_text_field = flags.text_field;
  options.reader.json_id_field = flags.id_field;
  options.reader.csv_text_column = flags.text_column;
  options.reader.csv_id_column = flags.id_column;
  options.reader.csv_header = !flags.no_header;
  options.reader.max_document_bytes = flags.max_document_bytes;
  options.tokenizer.keep_punctuation = flags.keep_punctuation;
  options.tokenizer.normalizer.invalid_utf8 = flags.invalid_utf8 == "replace"
                                                  ? nlp::InvalidUtf8Policy::kReplace
                                                  : nlp::InvalidUtf8Policy::kError;
  if (!flags.stopwords.empty()) {
    options.tokenizer.remove_stopwords = true;
    options.tokenizer.stopwords_language = flags.stopwords;
  }
  options.pretokenized = flags.pretokenized;
  options.keep_numbers = !flags.drop_numbers;
  options.store.resume = flags.resume;
  options.store.shard_max_docs = flags.shard_docs;
  options.store.kill_after_commits = flags.kill_after_commits;
  options.prune = {.min_count = flags.min_count,
                   .max_document_fraction = flags.max_df,
                   .max_size = flags.max_vocab};
  options.threads = flags.threads;
  options.progress_mode = flags.progress ? 1 : 0;
  WL_ASSIGN_OR_RETURN(corpora::IngestSummary summary, corpora::RunIngest(flags.out, options));
  for (const corpora::ReadError& e : summary.errors) {
    std::fprintf(stderr, "wordloom index: skipped %s\n", std::string(e.status.message()).c_str());
  }
  const double secs = summary.seconds > 0 ? summary.seconds : 1e-9;
  std::string line = absl::StrCat(
      "{\"documents\":", summary.stats.documents, ",\"tokens\":", summary.stats.tokens,
      ",\"skipped\":", summary.stats.skipped, ",\"shards\":", summary.stats.shards,
      ",\"vocabulary\":", summary.stats.vocabulary_size, ",\"input_bytes\":", summary.input_bytes,
      ",\"seconds\":", summary.seconds, ",\"docs_per_s\":", summary.stats.documents / secs,
      ",\"mb_per_s\":", summary.input_bytes / secs / 1e6, "}\n");
  return WriteAll(stdout, line);
}

}  // namespace

void AddIndexCommand(CLI::App& app) {
  auto flags = std::make_shared<IndexFlags>();
  CLI::App* cmd = app.add_subcommand(
      "index", "Tokenize documents from files, directories or archives into a corpus store");
  cmd->add_option("--input", flags->inputs, "Files, directories or archives ('-' = stdin)")
      ->required();
  cmd->add_option("--out", flags->out, "Corpus store directory")->required();
  cmd->add_option("--format", flags->format,
                  "auto|dir|tar|zip|file|lines|jsonl|csv|tsv|reuters|ap (content format; auto by name)");
  cmd->add_option("--threads", flags->threads, "Tokenizer threads (default: all cores)");
  cmd->add_flag("--resume", flags->resume, "Continue an interrupted run into the same store");
  cmd->add_option("--on-error", flags->on_error, "Bad documents: skip (report and count) or fail")
      ->check(CLI::IsMember({"skip", "fail"}));
  cmd->add_option("--text-field", flags->text_field, "JSONL field holding the text");
  cmd->add_option("--id-field", flags->id_field, "JSONL field holding the document id");
  cmd->add_option("--text-column", flags->text_column, "CSV/TSV text column (name or 0-based index)");
  cmd->add_option("--id-column", flags->id_column, "CSV/TSV id column (name or index; '' = none)");
  cmd->add_flag("--no-header", flags->no_header, "CSV/TSV files have no header row");
  cmd->add_option("--max-document-bytes", flags->max_document_bytes, "Larger documents are bad documents");
  cmd->add_flag("--pretokenized", flags->pretokenized,
                "Input is already tokenized: terms are whitespace-separated, taken as they are");
  cmd->add_flag("--keep-punctuation", flags->keep_punctuation, "Index punctuation and symbol tokens too");
  cmd->add_flag("--drop-numbers", flags->drop_numbers, "Do not index number tokens");
  cmd->add_option("--stopwords", flags->stopwords, "Drop the stopwords of this language");
  cmd->add_option("--invalid-utf8", flags->invalid_utf8,
                  "Document with ill-formed UTF-8: error (a bad document) or replace (U+FFFD)")
      ->check(CLI::IsMember({"error", "replace"}));
  cmd->add_option("--min-count", flags->min_count, "Prune terms seen fewer times");
  cmd->add_option("--max-df", flags->max_df, "Prune terms in more than this fraction of documents");
  cmd->add_option("--max-vocab", flags->max_vocab, "Keep at most this many terms (0 = all)");
  cmd->add_option("--shard-docs", flags->shard_docs, "Documents per committed shard");
  cmd->add_option("--testing-kill-after-commits", flags->kill_after_commits,
                  "Testing: SIGKILL self after N shard commits")
      ->group("");
  cmd->add_flag("--progress", flags->progress, "Show progress on stderr even when not a terminal");
  SetAction(cmd, [flags] { return RunIndex(*flags); });
}

}  // namespace wordloom::tools
