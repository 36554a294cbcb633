// Atomic file replacement: write to a temporary file beside the target,
// fsync it, rename it over the target and fsync the directory. A reader sees
// either the old file or the complete new one, never a torn write, even if
// the process is killed at any point.
//
// Not thread-safe; one writer per object. If Commit() is never called, the
// destructor removes the temporary file and the target is untouched.
//
//   WL_ASSIGN_OR_RETURN(auto out, AtomicFileWriter::Create("model.wlm"));
//   WL_RETURN_IF_ERROR(out->Append(header));
//   WL_RETURN_IF_ERROR(out->Commit());
#ifndef WORDLOOM_CORE_ATOMIC_FILE_H_
#define WORDLOOM_CORE_ATOMIC_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wordloom {

class AtomicFileWriter {
 public:
  // Opens a temporary file next to `path`. Errors: NotFound (no such
  // directory), PermissionDenied, Internal.
  static absl::StatusOr<std::unique_ptr<AtomicFileWriter>> Create(const std::string& path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Appends bytes (buffered). ResourceExhausted when the disk is full.
  absl::Status Append(std::string_view data);

  // Flushes, fsyncs, renames over the target and fsyncs the directory.
  // After Commit() (successful or not) the writer accepts no more data.
  absl::Status Commit();

  const std::string& path() const { return path_; }

 private:
  AtomicFileWriter(std::string path, std::string temp_path, int fd)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd) {}
  absl::Status FlushBuffer();

  std::string path_;
  std::string temp_path_;
  int fd_;
  std::string buffer_;
  bool done_ = false;
};

// Writes `contents` to `path` atomically.
absl::Status WriteFileAtomically(const std::string& path, std::string_view contents);

// fsyncs the directory holding `path` so a rename or create in it is durable.
absl::Status SyncParentDirectory(const std::string& path);

}  // namespace wordloom

#endif  // WORDLOOM_CORE_ATOMIC_FILE_H_
