#include "corpora/line_input.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"

namespace wordloom::corpora {
namespace {
constexpr size_t kBufferBytes = 256 << 10;
}  // namespace

FdSource::~FdSource() {
  if (owned_ && fd_ >= 0) close(fd_);
}

absl::StatusOr<size_t> FdSource::Read(char* buf, size_t n) {
  while (true) {
    ssize_t got = read(fd_, buf, n);
    if (got >= 0) {
      bytes_read_ += got;
      return static_cast<size_t>(got);
    }
    if (errno != EINTR) return ErrnoStatus("read", name_, errno);
  }
}

absl::StatusOr<std::unique_ptr<FdSource>> OpenFileSource(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open", path, errno);
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::make_unique<FdSource>(fd, true, path);
}

absl::StatusOr<bool> LineInput::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const size_t old = buffer_.size();
  buffer_.resize(old + kBufferBytes);
  absl::StatusOr<size_t> got = source_->Read(buffer_.data() + old, kBufferBytes);
  if (!got.ok()) {
    buffer_.resize(old);
    eof_ = true;
    return got.status();
  }
  buffer_.resize(old + *got);
  if (*got == 0) eof_ = true;
  return *got > 0;
}

absl::StatusOr<bool> LineInput::ReadLine(std::string* line, size_t max_bytes, bool* too_long) {
  *too_long = false;
  line->clear();
  if (!pushed_.empty()) {
    *line = std::move(pushed_.front());
    pushed_.pop_front();
    ++line_number_;
    return true;
  }
  bool any = false;
  uint64_t length = 0;
  while (true) {
    const char* begin = buffer_.data() + pos_;
    const size_t avail = buffer_.size() - pos_;
    const void* nl = avail ? memchr(begin, '\n', avail) : nullptr;
    const size_t take = nl ? static_cast<const char*>(nl) - begin : avail;
    any = any || take > 0 || nl != nullptr;
    length += take;
    if (line->size() < max_bytes) line->append(begin, std::min(take, max_bytes - line->size()));
    if (nl != nullptr) {
      pos_ += take + 1;
      break;
    }
    pos_ += take;
    WL_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) {
      if (!any) return false;
      break;
    }
  }
  if (!line->empty() && line->back() == '\r') {
    line->pop_back();
    --length;
  }
  *too_long = length > max_bytes;
  ++line_number_;
  return true;
}

absl::Status LineInput::ReadAll(std::string* out, size_t max_bytes, bool* too_long) {
  *too_long = false;
  out->clear();
  for (auto& l : pushed_) absl::StrAppend(out, l, "\n");
  pushed_.clear();
  uint64_t total = out->size();
  while (true) {
    const size_t avail = buffer_.size() - pos_;
    total += avail;
    if (out->size() < max_bytes) {
      out->append(buffer_.data() + pos_, std::min(avail, max_bytes - out->size()));
    }
    pos_ = buffer_.size();
    WL_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) break;
  }
  *too_long = total > max_bytes;
  return absl::OkStatus();
}

void LineInput::PushBack(std::deque<std::string> lines, uint64_t first_line) {
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) pushed_.push_front(std::move(*it));
  line_number_ = first_line - 1;
}

}  // namespace wordloom::corpora
