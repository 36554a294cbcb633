// wordloom tokenize [--subword MODEL] [--format text|jsonl] [FILE...]
//
// text:  one output line per input line, normalized tokens (or subword
//        pieces) separated by single spaces.
// jsonl: one JSON object per input line with each token's text, normalized
//        form, class and UTF-8 byte offsets within the line.
#include <unistd.h>

#include <functional>
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
#include "nlp/text/utf8.h"
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

// Lines longer than this are formatted by the (single, in-order) consumer
// and written chunk by chunk, so output memory stays bounded however long
// the line (a 2 GB line makes ~30 GB of JSON).
constexpr size_t kStreamLineBytes = 16 << 20;

// What one batch of lines turns into: the output text for the lines before
// the first bad one, and the error for that line if any; or, for a batch of
// one very long line, that batch, left for the consumer to stream.
struct BatchOutput {
  std::string text;
  uint64_t lines = 0;
  uint64_t bytes = 0;
  absl::Status error;
  std::optional<LineBatch> streamed;
};

// Where a formatter appends, and whether the line has any token yet.
struct LineSink {
  std::string* out;
  bool any = false;
  // Called with `out` after each chunk when set; it writes and clears it.
  std::function<absl::Status(std::string*)> flush;
};

class LineFormatter {
 public:
  LineFormatter(const TokenizeFlags& flags, const nlp::Tokenizer& tokenizer,
                const nlp::SubwordModel* subword)
      : jsonl_(flags.format == "jsonl"), tokenizer_(tokenizer), subword_(subword) {}

  // Appends the output line for `line` to `out`. A long line is tokenized in
  // the tokenizer's own chunks (same cut points, so the same tokens as one
  // call) and formatted chunk by chunk, so memory stays proportional to the
  // line, not to its token count.
  absl::Status Format(std::string_view line, uint64_t line_number, nlp::TokenizedDoc* doc,
                      LineSink& sink) const {
    std::string* out = sink.out;
    const size_t chunk_bytes = tokenizer_.options().chunk_bytes;
    // Chunks report ill-formed UTF-8 at chunk offsets: check a multi-chunk
    // line as a whole first, so the error names the byte within the line.
    if (line.size() > chunk_bytes &&
        tokenizer_.options().normalizer.invalid_utf8 == nlp::InvalidUtf8Policy::kError) {
      WL_RETURN_IF_ERROR(nlp::ValidateUtf8(line));
    }
    if (jsonl_) {
      absl::StrAppend(out, "{\"line\":", line_number, subword_ ? ",\"pieces\":[" : ",\"tokens\":[");
    }
    size_t start = 0;
    for (size_t end : nlp::ChunkBoundaries(line, chunk_bytes)) {
      std::string_view chunk = line.substr(start, end - start);
      if (subword_ != nullptr) {
        WL_RETURN_IF_ERROR(FormatSubwordChunk(chunk, start, sink));
      } else {
        WL_RETURN_IF_ERROR(tokenizer_.TokenizeInto(chunk, doc));
        FormatTokens(line, *doc, start, sink);
      }
      if (sink.flush) WL_RETURN_IF_ERROR(sink.flush(out));
      start = end;
    }
    out->append(jsonl_ ? "]}\n" : "\n");
    return absl::OkStatus();
  }

 private:
  // Appends `doc`'s tokens (of the chunk at `base` in `line`); a separator
  // goes before every token but the line's first.
  void FormatTokens(std::string_view line, const nlp::TokenizedDoc& doc, uint64_t base,
                    LineSink& sink) const {
    std::string* out = sink.out;
    for (const nlp::Token& t : doc.tokens) {
      const bool first = !sink.any;
      sink.any = true;
      if (!jsonl_) {
        if (!first) out->push_back(' ');
        out->append(doc.Normalized(t));
        continue;
      }
      out->append(first ? "{\"text\":" : ",{\"text\":");
      AppendJsonString(out, line.substr(base + t.begin, t.end - t.begin));
      out->append(",\"norm\":");
      AppendJsonString(out, doc.Normalized(t));
      absl::StrAppend(out, ",\"class\":\"", ToAbsl(nlp::TokenClassName(t.kind)),
                      "\",\"begin\":", base + t.begin, ",\"end\":", base + t.end, "}");
    }
  }

  absl::Status FormatSubwordChunk(std::string_view chunk, uint64_t base, LineSink& sink) const {
    std::string* out = sink.out;
    if (!jsonl_) {
      // EncodeToText separates the pieces it appends; the separator from
      // the previous chunk's pieces is ours (taken back if none come).
      const size_t before = out->size();
      if (sink.any) out->push_back(' ');
      const size_t start = out->size();
      WL_RETURN_IF_ERROR(subword_->EncodeToText(chunk, out));
      if (out->size() == start) {
        out->resize(before);
      } else {
        sink.any = true;
      }
      return absl::OkStatus();
    }
    WL_ASSIGN_OR_RETURN(std::vector<nlp::SubwordPiece> pieces, subword_->Encode(chunk));
    for (const nlp::SubwordPiece& p : pieces) {
      out->append(sink.any ? ",{\"piece\":" : "{\"piece\":");
      sink.any = true;
      AppendJsonString(out, p.piece);
      absl::StrAppend(out, ",\"id\":", p.id, ",\"begin\":", base + p.begin, ",\"end\":",
                      base + p.end, "}");
    }
    return absl::OkStatus();
  }

  const bool jsonl_;
  const nlp::Tokenizer& tokenizer_;
  const nlp::SubwordModel* subword_;
};

// "FILE:LINE (line starts at byte B): message", keeping the status code.
absl::Status AtLine(const absl::Status& s, const std::string& name, uint64_t line_number,
                    uint64_t offset) {
  return absl::Status(s.code(), absl::StrCat(name, ":", line_number, " (line starts at byte ",
                                             offset, "): ", s.message()));
}

// Formats the lines of `batch` into `result` (worker side). A batch of one
// very long line is handed to the consumer instead.
BatchOutput FormatBatch(const LineFormatter& formatter, const std::string& name, LineBatch& batch,
                        nlp::TokenizedDoc* doc) {
  BatchOutput result;
  if (batch.lines.size() == 1 && batch.lines[0].size() > kStreamLineBytes) {
    result.streamed = std::move(batch);
    return result;
  }
  result.text.reserve(batch.bytes() + batch.lines.size());
  LineSink sink{.out = &result.text, .any = false, .flush = nullptr};
  for (size_t i = 0; i < batch.lines.size(); ++i) {
    const uint64_t line_number = batch.first_line + i;
    sink.any = false;
    absl::Status s = formatter.Format(batch.lines[i], line_number, doc, sink);
    if (!s.ok()) {
      result.error = AtLine(s, name, line_number, batch.offsets[i]);
      break;
    }
    ++result.lines;
    result.bytes += batch.lines[i].size() + 1;
  }
  return result;
}

// Formats and writes one very long line chunk by chunk (consumer side).
absl::Status StreamLongLine(const LineFormatter& formatter, const std::string& name,
                            const LineBatch& batch, ProgressReporter& progress) {
  std::string text;
  nlp::TokenizedDoc doc;
  LineSink sink{.out = &text, .flush = [&](std::string* out) {
                  WL_RETURN_IF_ERROR(WriteAll(stdout, *out));
                  out->clear();
                  return absl::OkStatus();
                }};
  absl::Status s = formatter.Format(batch.lines[0], batch.first_line, &doc, sink);
  if (!s.ok()) return AtLine(s, name, batch.first_line, batch.offsets[0]);
  WL_RETURN_IF_ERROR(WriteAll(stdout, text));
  progress.Add(1, batch.lines[0].size() + 1);
  return absl::OkStatus();
}

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
    return FormatBatch(formatter, reader->name(), batch, &docs[thread]);
  };
  auto consume = [&](BatchOutput& out) -> absl::Status {
    if (out.streamed) return StreamLongLine(formatter, reader->name(), *out.streamed, progress);
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
