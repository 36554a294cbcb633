#include "service/job_input.h"

#include <filesystem>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "corpora/store_documents.h"
#include "service/job_paths.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFileScheme = "file://";
constexpr std::string_view kCorpusScheme = "corpus://";

// `uri` without file:// (and an optional "localhost" host); InvalidArgument
// for any other scheme.
absl::StatusOr<std::string> LocalPath(std::string_view field, const std::string& uri) {
  if (uri.empty()) return absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), " is required"));
  std::string_view path = uri;
  if (absl::StartsWith(ToAbsl(path), ToAbsl(kFileScheme))) {
    path.remove_prefix(kFileScheme.size());
    if (path.substr(0, 9) == "localhost") path.remove_prefix(9);
    if (path.empty() || path[0] != '/') {
      return absl::InvalidArgumentError(absl::StrCat(
          ToAbsl(field), " \"", uri, "\": a file:// URI needs an absolute path (file:///dir)"));
    }
    return std::string(path);
  }
  if (uri.find("://") != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        ToAbsl(field), " \"", uri,
        "\": only local paths, file:// URIs and (for input) corpus://NAME are served; "
        "wordloom does not read S3 or other remote storage"));
  }
  return uri;
}

}  // namespace

absl::StatusOr<std::string> ResolveInputUri(std::string_view field, const std::string& uri,
                                            const std::string& corpora_dir) {
  if (absl::StartsWith(uri, ToAbsl(kCorpusScheme))) {
    const std::string name = uri.substr(kCorpusScheme.size());
    WL_RETURN_IF_ERROR(CheckModelId(absl::StrCat(ToAbsl(field), " corpus name"), name));
    if (name.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), ": corpus:// needs a name"));
    }
    const std::string path = (fs::path(corpora_dir) / name).string();
    if (!corpora::IsCorpusStore(path)) {
      absl::Status missing = absl::NotFoundError(
          absl::StrCat(ToAbsl(field), ": no corpus named \"", name, "\" (ingest one first)"));
      missing.SetPayload(kComprehendErrorPayload, absl::Cord("InvalidRequestException"));
      return missing;
    }
    return path;
  }
  return LocalPath(field, uri);
}

absl::StatusOr<std::string> ResolveOutputUri(std::string_view field, const std::string& uri,
                                             const std::vector<std::string>& roots,
                                             std::string_view flag) {
  if (absl::StartsWith(uri, ToAbsl(kCorpusScheme))) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(field), " \"", uri, "\": output must be a local directory"));
  }
  WL_ASSIGN_OR_RETURN(std::string local, LocalPath(field, uri));
  WL_ASSIGN_OR_RETURN(std::string path, ConfinePath(field, local, roots, flag));
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(field), " \"", path, "\" exists and is not a directory"));
  }
  return path;
}

absl::Status CheckExists(std::string_view field, const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    absl::Status missing =
        absl::NotFoundError(absl::StrCat(ToAbsl(field), ": \"", path, "\" does not exist"));
    // Comprehend answers a bad input location with InvalidRequestException.
    missing.SetPayload(kComprehendErrorPayload, absl::Cord("InvalidRequestException"));
    return missing;
  }
  return absl::OkStatus();
}

absl::StatusOr<corpora::ReaderOptions> ReaderOptionsFor(const v1::InputDataConfig& config) {
  corpora::ReaderOptions options;
  if (!config.format().empty()) {
    absl::StatusOr<corpora::Format> format = corpora::ParseFormat(config.format());
    if (!format.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("input_data_config.format: ", format.status().message()));
    }
    options.format = *format;
  } else if (config.input_format() == v1::InputFormat::ONE_DOC_PER_LINE) {
    options.format = corpora::Format::kLines;
  } else if (config.input_format() == v1::InputFormat::ONE_DOC_PER_FILE) {
    options.format = corpora::Format::kFile;
  }
  return options;
}

absl::StatusOr<std::unique_ptr<corpora::DocumentReader>> OpenJobInput(
    const std::string& path, const v1::InputDataConfig& config) {
  if (corpora::IsCorpusStore(path)) return corpora::OpenStoreDocuments(path);
  WL_ASSIGN_OR_RETURN(corpora::ReaderOptions options, ReaderOptionsFor(config));
  return corpora::OpenReader(path, options);
}

absl::Status ForEachDocumentBatch(
    JobContext& context, corpora::DocumentReader& reader, size_t batch,
    const std::function<absl::Status(std::vector<corpora::Document>&)>& consume) {
  std::vector<corpora::Document> docs;
  int64_t count = 0;
  bool end = false;
  while (!end) {
    if (context.stop_requested()) {
      return StoppedError("reading the input", absl::StrCat("after ", count, " documents"));
    }
    docs.clear();
    while (docs.size() < batch) {
      WL_ASSIGN_OR_RETURN(std::optional<corpora::Document> doc, reader.Next());
      if (!doc) {
        end = true;
        break;
      }
      docs.push_back(*std::move(doc));
    }
    if (!docs.empty()) WL_RETURN_IF_ERROR(consume(docs));
    count += static_cast<int64_t>(docs.size());
    context.SetCounter("documents", count);
    if (reader.total_bytes() > 0) {
      context.Progress(static_cast<double>(reader.bytes_read()) / reader.total_bytes());
    }
  }
  context.SetCounter("skipped", static_cast<int64_t>(reader.skipped()));
  return absl::OkStatus();
}

void FileAndLine(const std::string& source, const std::string& input_root, std::string* file,
                 int64_t* line) {
  *line = -1;
  std::string path = source;
  const size_t colon = source.rfind(':');
  int64_t number = 0;
  if (colon != std::string::npos && colon + 1 < source.size() &&
      absl::SimpleAtoi(source.substr(colon + 1), &number) && number >= 1) {
    *line = number - 1;
    path = source.substr(0, colon);
  }
  std::string root = fs::path(input_root).lexically_normal().string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  std::string normal = fs::path(path).lexically_normal().string();
  if (normal == root) {
    *file = fs::path(path).filename().string();
  } else if (absl::StartsWith(normal, root + "/")) {
    *file = normal.substr(root.size() + 1);
  } else if (absl::StartsWith(normal, root + "!")) {  // archive member
    *file = normal.substr(root.size() + 1);
  } else {
    *file = path;
  }
}

}  // namespace wordloom::service
