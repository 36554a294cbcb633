#include "tools/analyze_lines.h"

#include <atomic>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/line_reader.h"
#include "core/ordered_pipeline.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

struct BatchOutput {
  std::string text;
  std::string errors;  // stderr lines for rejected inputs
  absl::Status fatal;
};

absl::Status AnalyzeFile(const std::string& path, size_t threads, const LineAnalyzer& analyze,
                         bool* rejected) {
  WL_ASSIGN_OR_RETURN(auto reader, LineBatchReader::Open(path));
  auto work = [&](LineBatch& batch, size_t) {
    BatchOutput result;
    for (size_t i = 0; i < batch.lines.size(); ++i) {
      const size_t mark = result.text.size();
      absl::Status s = analyze(batch.lines[i], &result.text);
      if (!s.ok() && s.code() != absl::StatusCode::kInvalidArgument) {
        result.fatal = absl::Status(s.code(), absl::StrCat(reader->name(), ":",
                                                           batch.first_line + i, ": ",
                                                           s.message()));
        break;
      }
      if (!s.ok()) {
        result.text.resize(mark);
        absl::StrAppend(&result.text, "{\"Error\":{\"Code\":\"", ToAbsl(ExceptionName(s)),
                        "\",\"Message\":");
        AppendJsonString(&result.text, ToStd(s.message()));
        result.text.append("}}");
        absl::StrAppend(&result.errors, reader->name(), ":", batch.first_line + i,
                        " (line starts at byte ", batch.offsets[i], "): ", s.message(), "\n");
      }
      result.text.push_back('\n');
    }
    return result;
  };
  auto consume = [&](BatchOutput& out) -> absl::Status {
    WL_RETURN_IF_ERROR(WriteAll(stdout, out.text));
    if (!out.errors.empty()) {
      *rejected = true;
      std::fputs(out.errors.c_str(), stderr);
    }
    return out.fatal;
  };
  return RunOrderedPipeline<LineBatch, BatchOutput>(
      {.threads = threads ? threads : ThreadPool::DefaultThreads()},
      [&] { return reader->Next(); }, work, consume);
}

}  // namespace

std::string_view ExceptionName(const absl::Status& status) {
  if (absl::StrContains(status.message(), "over the limit")) {
    return "TextSizeLimitExceededException";
  }
  if (absl::StrContains(status.message(), "unsupported language")) {
    return "UnsupportedLanguageException";
  }
  return "InvalidRequestException";
}

std::string DefaultModelPath(std::string_view file) {
  const char* dir = std::getenv("WORDLOOM_MODELS");
  return absl::StrCat(dir != nullptr && *dir != 0 ? dir : "models", "/", ToAbsl(file));
}

absl::Status CheckModelExists(const std::string& path) {
  if (access(path.c_str(), R_OK) == 0) return absl::OkStatus();
  return absl::NotFoundError(absl::StrCat(
      "no model at ", path,
      ": run scripts/train-default-models.sh (needs $WORDLOOM_DATA) or pass --model"));
}

absl::Status AnalyzeLines(const std::vector<std::string>& files, size_t threads,
                          const LineAnalyzer& analyze) {
  bool rejected = false;
  for (const std::string& path : InputsOrStdin(files)) {
    WL_RETURN_IF_ERROR(AnalyzeFile(path, threads, analyze, &rejected));
  }
  if (rejected) return absl::InvalidArgumentError("some input lines were rejected (see above)");
  return absl::OkStatus();
}

}  // namespace wordloom::tools
