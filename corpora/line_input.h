// Byte sources and a buffered line reader over them: the bottom layer of the
// corpora readers. A ByteSource is a file descriptor or an archive member; a
// LineInput reads it line by line (or whole) with a size limit, keeping at
// most one line plus a fixed buffer in memory.
//
// Not thread-safe.
#ifndef WORDLOOM_CORPORA_LINE_INPUT_H_
#define WORDLOOM_CORPORA_LINE_INPUT_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"

namespace wordloom::corpora {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes; 0 at the end. DataLoss/Internal on read errors.
  virtual absl::StatusOr<size_t> Read(char* buf, size_t n) = 0;
};

// Reads an open file descriptor; closes it when `owned`.
class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdSource() override;
  absl::StatusOr<size_t> Read(char* buf, size_t n) override;
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  int fd_;
  bool owned_;
  std::string name_;
  uint64_t bytes_read_ = 0;
};

// Opens `path` for reading as an FdSource. NotFound / PermissionDenied.
absl::StatusOr<std::unique_ptr<FdSource>> OpenFileSource(const std::string& path);

class LineInput {
 public:
  explicit LineInput(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}

  // Reads the next line (without "\n" or "\r\n") into `line`; false at the
  // end. A line longer than `max_bytes` is consumed whole but `line` keeps
  // only its first `max_bytes` bytes and `*too_long` is set.
  absl::StatusOr<bool> ReadLine(std::string* line, size_t max_bytes, bool* too_long);
  // Reads everything left into `out` (up to `max_bytes`, rest consumed and
  // `*too_long` set).
  absl::Status ReadAll(std::string* out, size_t max_bytes, bool* too_long);
  // Makes `lines` (numbered from `first_line`) the next lines to read again.
  void PushBack(std::deque<std::string> lines, uint64_t first_line);

  // 1-based number of the line ReadLine() returned last.
  uint64_t line_number() const { return line_number_; }

 private:
  absl::StatusOr<bool> Fill();

  std::unique_ptr<ByteSource> source_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t line_number_ = 0;
  std::deque<std::string> pushed_;
};

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_LINE_INPUT_H_
