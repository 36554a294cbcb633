#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"

namespace wordloom {
namespace {

constexpr size_t kBufferSize = 1 << 20;

absl::Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write", path, errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SyncParentDirectory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) parent = ".";
  int dir_fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return ErrnoStatus("cannot open directory", parent.string(), errno);
  int rc = ::fsync(dir_fd);
  int err = errno;
  ::close(dir_fd);
  if (rc != 0) return ErrnoStatus("cannot fsync directory", parent.string(), err);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<AtomicFileWriter>> AtomicFileWriter::Create(
    const std::string& path) {
  std::string temp_path = absl::StrCat(path, ".tmp.", ::getpid());
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("cannot create", temp_path, errno);
  auto writer = std::unique_ptr<AtomicFileWriter>(new AtomicFileWriter(path, temp_path, fd));
  writer->buffer_.reserve(kBufferSize);
  return writer;
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!done_) ::unlink(temp_path_.c_str());
}

absl::Status AtomicFileWriter::FlushBuffer() {
  absl::Status status = WriteAll(fd_, buffer_, temp_path_);
  buffer_.clear();
  return status;
}

absl::Status AtomicFileWriter::Append(std::string_view data) {
  if (done_ || fd_ < 0) {
    return absl::FailedPreconditionError(absl::StrCat("append after commit to ", path_));
  }
  if (buffer_.size() + data.size() > kBufferSize) {
    WL_RETURN_IF_ERROR(FlushBuffer());
    if (data.size() >= kBufferSize) return WriteAll(fd_, data, temp_path_);
  }
  buffer_.append(data);
  return absl::OkStatus();
}

absl::Status AtomicFileWriter::Commit() {
  if (done_ || fd_ < 0) {
    return absl::FailedPreconditionError(absl::StrCat("second commit of ", path_));
  }
  absl::Status status = FlushBuffer();
  if (status.ok() && ::fsync(fd_) != 0) status = ErrnoStatus("cannot fsync", temp_path_, errno);
  if (::close(fd_) != 0 && status.ok()) status = ErrnoStatus("cannot close", temp_path_, errno);
  fd_ = -1;
  if (!status.ok()) return status;  // destructor removes the temporary file
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return ErrnoStatus(absl::StrCat("cannot rename ", temp_path_, " to"), path_, errno);
  }
  done_ = true;
  return SyncParentDirectory(path_);
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  WL_ASSIGN_OR_RETURN(auto writer, AtomicFileWriter::Create(path));
  WL_RETURN_IF_ERROR(writer->Append(contents));
  return writer->Commit();
}

}  // namespace wordloom
