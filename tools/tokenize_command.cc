// wordloom tokenize [--subword MODEL] [--format text|jsonl] [FILE...]
//
// text:  one output line per input line, normalized tokens (or subword
//        pieces) separated by single spaces.
// jsonl: one JSON object per input line with each token's text, normalized
//        form, class and UTF-8 byte offsets within the line.
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/line_reader.h"
#include "core/ordered_pipeline.h"
#include "core/progress.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/text/subword.h"
#include "nlp/text/tokenizer.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

struct TokenizeFlags {
  std::vector<std::string> files;
  std::string subword_model;
  std::string format = "text";
  std::string invalid_utf8 = "error";
  std::string stopwords;
  std::string stopwords_file;
  size_t threads = 0;
  bool no_nfkc = false;
  bool no_case_fold = false;
  bool drop_punctuation = false;
  bool no_fast_path = false;
  bool progress = false;
};

// What one batch of lines turns into: the output text for the lines before
// the first bad one, and the error for that line if any.
struct BatchOutput {
  std::string text;
  uint64_t lines = 0;
  uint64_t bytes = 0;
  absl::Status error;
};

class LineFormatter {
 public:
  LineFormatter(const TokenizeFlags& flags, const nlp::Tokenizer& tokenizer,
                const nlp::SubwordModel* subword)
      : jsonl_(flags.format == "jsonl"), tokenizer_(tokenizer), subword_(subword) {}

  // Appends the output line for `line` to `out`.
  absl::Status Format(std::string_view line, uint64_t line_number, nlp::TokenizedDoc* doc,
                      std::string* out) const {
    if (subword_ != nullptr) return FormatSubword(line, line_number, out);
    WL_RETURN_IF_ERROR(tokenizer_.TokenizeInto(line, doc));
    if (!jsonl_) {
      for (size_t i = 0; i < doc->tokens.size(); ++i) {
        if (i > 0) out->push_back(' ');
        out->append(doc->Normalized(doc->tokens[i]));
      }
      out->push_back('\n');
      return absl::OkStatus();
    }
    absl::StrAppend(out, "{\"line\":", line_number, ",\"tokens\":[");
    for (size_t i = 0; i < doc->tokens.size(); ++i) {
      const nlp::Token& t = doc->tokens[i];
      out->append(i > 0 ? ",{\"text\":" : "{\"text\":");
      AppendJsonString(out, line.substr(t.begin, t.end - t.begin));
      out->append(",\"norm\":");
      AppendJsonString(out, doc->Normalized(t));
      absl::StrAppend(out, ",\"class\":\"", ToAbsl(nlp::TokenClassName(t.kind)), "\",\"begin\":", t.begin,
                      ",\"end\":", t.end, "}");
    }
    out->append("]}\n");
    return absl::OkStatus();
  }

 private:
  absl::Status FormatSubword(std::string_view line, uint64_t line_number, std::string* out) const {
    if (!jsonl_) {
      WL_RETURN_IF_ERROR(subword_->EncodeToText(line, out));
      out->push_back('\n');
      return absl::OkStatus();
    }
    WL_ASSIGN_OR_RETURN(std::vector<nlp::SubwordPiece> pieces, subword_->Encode(line));
    absl::StrAppend(out, "{\"line\":", line_number, ",\"pieces\":[");
    for (size_t i = 0; i < pieces.size(); ++i) {
      out->append(i > 0 ? ",{\"piece\":" : "{\"piece\":");
      AppendJsonString(out, pieces[i].piece);
      absl::StrAppend(out, ",\"id\":", pieces[i].id, ",\"begin\":", pieces[i].begin,
                      ",\"end\":", pieces[i].end, "}");
    }
    out->append("]}\n");
    return absl::OkStatus();
  }

  const bool jsonl_;
  const nlp::Tokenizer& tokenizer_;
  const nlp::SubwordModel* subword_;
};

absl::Status TokenizeFile(const std::string& path, const TokenizeFlags& flags,
                          const LineFormatter& formatter) {
  WL_ASSIGN_OR_RETURN(auto reader, LineBatchReader::Open(path));
  ProgressReporter progress({.label = "tokenize " + reader->name(),
                             .unit = "lines",
                             .total_bytes = reader->total_bytes(),
                             .mode = flags.progress ? ProgressOptions::Mode::kAlways
                                                    : ProgressOptions::Mode::kAuto});
  std::vector<nlp::TokenizedDoc> docs(flags.threads ? flags.threads : ThreadPool::DefaultThreads());
  auto work = [&](LineBatch& batch, size_t thread) {
    BatchOutput result;
    result.text.reserve(batch.bytes() + batch.lines.size());
    for (size_t i = 0; i < batch.lines.size(); ++i) {
      const uint64_t line_number = batch.first_line + i;
      absl::Status s = formatter.Format(batch.lines[i], line_number, &docs[thread], &result.text);
      if (!s.ok()) {
        result.error = absl::Status(
            s.code(), absl::StrCat(reader->name(), ":", line_number, " (line starts at byte ",
                                   batch.offsets[i], "): ", s.message()));
        break;
      }
      ++result.lines;
      result.bytes += batch.lines[i].size() + 1;
    }
    return result;
  };
  auto consume = [&](BatchOutput& out) -> absl::Status {
    WL_RETURN_IF_ERROR(WriteAll(stdout, out.text));
    progress.Add(out.lines, out.bytes);
    return out.error;
  };
  absl::Status status = RunOrderedPipeline<LineBatch, BatchOutput>(
      {.threads = docs.size()}, [&] { return reader->Next(); }, work, consume);
  progress.Finish();
  return status;
}

absl::Status RunTokenize(const TokenizeFlags& flags) {
  nlp::TokenizerOptions options;
  options.normalizer.nfkc = !flags.no_nfkc;
  options.normalizer.case_fold = !flags.no_case_fold;
  options.normalizer.invalid_utf8 = flags.invalid_utf8 == "replace"
                                        ? nlp::InvalidUtf8Policy::kReplace
                                        : nlp::InvalidUtf8Policy::kError;
  options.keep_punctuation = !flags.drop_punctuation;
  options.ascii_fast_path = !flags.no_fast_path;
  if (!flags.stopwords.empty() || !flags.stopwords_file.empty()) {
    options.remove_stopwords = true;
    options.stopwords_language = flags.stopwords;
    options.stopwords_file = flags.stopwords_file;
  }
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(options));
  std::unique_ptr<nlp::SubwordModel> subword;
  if (!flags.subword_model.empty()) {
    WL_ASSIGN_OR_RETURN(subword, nlp::SubwordModel::Load(flags.subword_model));
  }
  LineFormatter formatter(flags, *tokenizer, subword.get());
  for (const std::string& path : InputsOrStdin(flags.files)) {
    WL_RETURN_IF_ERROR(TokenizeFile(path, flags, formatter));
  }
  return absl::OkStatus();
}

}  // namespace

void AddTokenizeCommand(CLI::App& app) {
  auto flags = std::make_shared<TokenizeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "tokenize", "Split text into normalized tokens (or subword pieces), one line per line");
  cmd->add_option("files", flags->files, "Input files (default: stdin; '-' is stdin)");
  cmd->add_option("--subword", flags->subword_model,
                  "sentencepiece .model: output subword pieces instead of words");
  cmd->add_option("--format", flags->format, "Output: text (space-separated) or jsonl")
      ->check(CLI::IsMember({"text", "jsonl"}));
  cmd->add_option("--invalid-utf8", flags->invalid_utf8,
                  "On ill-formed UTF-8: error (stop, naming file, line and byte) or replace (U+FFFD)")
      ->check(CLI::IsMember({"error", "replace"}));
  cmd->add_option("--stopwords", flags->stopwords, "Drop stopwords of this language (en de fr es it pt nl ru)");
  cmd->add_option("--stopwords-file", flags->stopwords_file, "Drop the stopwords listed in this file");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  cmd->add_flag("--no-nfkc", flags->no_nfkc, "Do not apply Unicode NFKC");
  cmd->add_flag("--no-case-fold", flags->no_case_fold, "Do not fold case");
  cmd->add_flag("--drop-punctuation", flags->drop_punctuation, "Drop punctuation and symbol tokens");
  cmd->add_flag("--no-fast-path", flags->no_fast_path, "Segment ASCII text with ICU too");
  cmd->add_flag("--progress", flags->progress, "Show progress on stderr even when not a terminal");
  SetAction(cmd, [flags] { return RunTokenize(*flags); });
}

}  // namespace wordloom::tools
