// Where jobs read and write: Comprehend-style S3Uri strings resolved to
// local paths (a path, file://PATH, or corpus://NAME for a corpus store
// written by Ingest), and the document reader for a job's input — the
// corpora/ readers for files, directories and archives, or a corpus store.
#ifndef WORDLOOM_SERVICE_JOB_INPUT_H_
#define WORDLOOM_SERVICE_JOB_INPUT_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "corpora/reader.h"
#include "proto/wordloom/v1/jobs.pb.h"
#include "service/job_manager.h"

namespace wordloom::service {

// The local path `uri` (request field `field`) names. corpus://NAME is
// <corpora_dir>/NAME and must be a corpus store (NotFound otherwise).
// InvalidArgument for other schemes (s3://, http://), an empty value or a
// bad corpus name.
absl::StatusOr<std::string> ResolveInputUri(std::string_view field, const std::string& uri,
                                            const std::string& corpora_dir);
// The local directory an output `uri` names (a path or file://PATH),
// resolved and confined to `roots` (job_paths.h; `flag` names the option
// that adds roots). InvalidArgument for other schemes, a path outside the
// roots, or one inside that exists and is not a directory (checked only
// after confinement: no probing of paths outside).
absl::StatusOr<std::string> ResolveOutputUri(std::string_view field, const std::string& uri,
                                             const std::vector<std::string>& roots,
                                             std::string_view flag);

// NotFound (naming `field`) when nothing exists at `path`.
absl::Status CheckExists(std::string_view field, const std::string& path);

// The reader options an InputDataConfig asks for: `format` when set, else
// ONE_DOC_PER_LINE -> lines, ONE_DOC_PER_FILE -> file, unset -> auto.
// InvalidArgument for an unknown format.
absl::StatusOr<corpora::ReaderOptions> ReaderOptionsFor(const v1::InputDataConfig& config);

// Opens the documents at `path`: a corpus store as a store, anything else
// through corpora::OpenReader with ReaderOptionsFor(config).
absl::StatusOr<std::unique_ptr<corpora::DocumentReader>> OpenJobInput(
    const std::string& path, const v1::InputDataConfig& config);

// Reads `reader` to the end in batches of `batch` documents, calling
// `consume` with each batch, checking for a stop request between batches
// (then Cancelled) and reporting progress (input bytes read) and the
// "documents" / "skipped" counters to `context`.
absl::Status ForEachDocumentBatch(
    JobContext& context, corpora::DocumentReader& reader, size_t batch,
    const std::function<absl::Status(std::vector<corpora::Document>&)>& consume);

// Comprehend's "File" and "Line" of a document from its source
// ("dir/a.txt:3" under input root "dir" -> "a.txt", line 2, 0-based);
// line -1 when the source names no line.
void FileAndLine(const std::string& source, const std::string& input_root, std::string* file,
                 int64_t* line);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_JOB_INPUT_H_
