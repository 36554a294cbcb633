// Document streams over one input (a plain file, an archive, a directory),
// used by OpenReader(). Internal to corpora/. Not thread-safe.
#ifndef WORDLOOM_CORPORA_STREAMS_H_
#define WORDLOOM_CORPORA_STREAMS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "corpora/document.h"
#include "corpora/reader.h"

namespace wordloom::corpora {

class DocStream {
 public:
  virtual ~DocStream() = default;
  // The next document of this input, std::nullopt at its end.
  virtual absl::StatusOr<std::optional<Document>> Next() = 0;
  // Input bytes consumed (compressed bytes for compressed inputs).
  virtual uint64_t bytes_read() const = 0;
};

// How `path` is to be read, from its name and first bytes.
enum class Container { kPlain, kArchive, kCompressed };
Container DetectContainer(const std::string& path, Format requested);

// A stream over one file: plain (by content format), archive or compressed.
// `top_level`: the file was named on the command line (plain files default
// to one document per line) rather than found in a directory.
absl::StatusOr<std::unique_ptr<DocStream>> OpenFileStream(const std::string& path, bool top_level,
                                                          const ReaderOptions& options,
                                                          DocumentReader* reporter);

// Archives and compressed files through libarchive (archive_stream.cc).
absl::StatusOr<std::unique_ptr<DocStream>> OpenArchiveStream(const std::string& path,
                                                             bool compressed_only,
                                                             const ReaderOptions& options,
                                                             DocumentReader* reporter);

// Every regular file under `dir`, in sorted path order (dir_stream in reader.cc).
absl::StatusOr<std::unique_ptr<DocStream>> OpenDirStream(const std::string& dir,
                                                         const ReaderOptions& options,
                                                         DocumentReader* reporter);

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_STREAMS_H_
