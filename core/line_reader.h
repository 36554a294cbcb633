// Reads a file or a stream as batches of lines, for parallel line-by-line
// tools (`wordloom tokenize`, `classify`, ...).
//
// Files are memory-mapped and batches are views into the mapping; streams
// (stdin) are read in blocks into owned buffers. A batch holds about
// `batch_bytes` of text, but never splits a line, so a 2 GB line is one batch
// of one line. Each line keeps its 1-based number and byte offset so errors
// can name where they are. Not thread-safe; batches are independent values.
#ifndef WORDLOOM_CORE_LINE_READER_H_
#define WORDLOOM_CORE_LINE_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/mapped_file.h"

namespace wordloom {

struct LineBatch {
  // Lines without their "\n" (a "\r" before it is also removed).
  std::vector<std::string_view> lines;
  // Byte offset of each line's first byte in the source.
  std::vector<uint64_t> offsets;
  // 1-based line number of lines[0].
  uint64_t first_line = 1;
  // Keeps the bytes the views point into alive.
  std::shared_ptr<const std::string> owned;
  std::shared_ptr<const MappedFile> file;

  uint64_t bytes() const;
};

class LineBatchReader {
 public:
  // Opens a file (mmap). "-" means standard input.
  static absl::StatusOr<std::unique_ptr<LineBatchReader>> Open(const std::string& path,
                                                               size_t batch_bytes = 1 << 20);
  // Reads from an open file descriptor (not owned), named `name` in errors.
  static std::unique_ptr<LineBatchReader> FromFd(int fd, std::string name,
                                                 size_t batch_bytes = 1 << 20);

  // The next batch; std::nullopt at the end; Internal on a read error.
  absl::StatusOr<std::optional<LineBatch>> Next();

  const std::string& name() const { return name_; }
  // Total size when known (files), 0 for streams.
  uint64_t total_bytes() const { return file_ ? file_->size() : 0; }

 private:
  LineBatchReader(std::string name, size_t batch_bytes) : name_(std::move(name)), batch_bytes_(batch_bytes) {}
  absl::StatusOr<std::optional<LineBatch>> NextFromFile();
  absl::StatusOr<std::optional<LineBatch>> NextFromFd();
  // Splits `text` (starting at source offset `offset`) into batch.lines.
  void SplitLines(std::string_view text, uint64_t offset, LineBatch& batch);

  std::string name_;
  size_t batch_bytes_;
  std::shared_ptr<const MappedFile> file_;
  uint64_t position_ = 0;   // bytes consumed from the source
  uint64_t next_line_ = 1;  // number of the next line to emit
  int fd_ = -1;
  bool eof_ = false;
  std::string carry_;  // partial line read from a stream
};

}  // namespace wordloom

#endif  // WORDLOOM_CORE_LINE_READER_H_
