#include "core/line_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/status_macros.h"

namespace wordloom {

uint64_t LineBatch::bytes() const {
  if (lines.empty()) return 0;
  return offsets.back() + lines.back().size() - offsets.front();
}

absl::StatusOr<std::unique_ptr<LineBatchReader>> LineBatchReader::Open(const std::string& path,
                                                                       size_t batch_bytes) {
  if (path == "-") return FromFd(0, "<stdin>", batch_bytes);
  WL_ASSIGN_OR_RETURN(std::unique_ptr<MappedFile> mapped, MappedFile::Open(path));
  mapped->AdviseSequential();
  auto reader = std::unique_ptr<LineBatchReader>(new LineBatchReader(path, batch_bytes));
  reader->file_ = std::move(mapped);
  return reader;
}

std::unique_ptr<LineBatchReader> LineBatchReader::FromFd(int fd, std::string name,
                                                         size_t batch_bytes) {
  auto reader = std::unique_ptr<LineBatchReader>(new LineBatchReader(std::move(name), batch_bytes));
  reader->fd_ = fd;
  return reader;
}

absl::StatusOr<std::optional<LineBatch>> LineBatchReader::Next() {
  return file_ ? NextFromFile() : NextFromFd();
}

void LineBatchReader::SplitLines(std::string_view text, uint64_t offset, LineBatch& batch) {
  batch.first_line = next_line_;
  // `text` is the batch without its final "\n", so it holds one line more
  // than it has newlines (an empty text is one empty line; "a\n" is "a" and
  // an empty line).
  size_t start = 0;
  while (true) {
    const void* nl = std::memchr(text.data() + start, '\n', text.size() - start);
    size_t end = nl ? static_cast<const char*>(nl) - text.data() : text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    batch.lines.push_back(line);
    batch.offsets.push_back(offset + start);
    ++next_line_;
    if (nl == nullptr) break;
    start = end + 1;
  }
}

absl::StatusOr<std::optional<LineBatch>> LineBatchReader::NextFromFile() {
  const std::string_view all = file_->view();
  if (position_ >= all.size()) return std::nullopt;
  // Extend to the end of the line that crosses the batch boundary.
  size_t end = std::min<size_t>(all.size(), position_ + batch_bytes_);
  if (end < all.size()) {
    const void* nl = std::memchr(all.data() + end, '\n', all.size() - end);
    end = nl ? static_cast<const char*>(nl) - all.data() + 1 : all.size();
  }
  LineBatch batch;
  batch.file = file_;
  std::string_view text = all.substr(position_, end - position_);
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  SplitLines(text, position_, batch);
  position_ = end;
  return batch;
}

absl::StatusOr<std::optional<LineBatch>> LineBatchReader::NextFromFd() {
  auto buffer = std::make_shared<std::string>(std::move(carry_));
  carry_.clear();
  // Read until the buffer holds a full batch that ends with a newline, or EOF.
  size_t scanned = 0;  // bytes already searched for a newline
  bool has_newline = false;
  while (!eof_) {
    size_t have = buffer->size();
    if (!has_newline) {
      has_newline = buffer->find('\n', scanned) != std::string::npos;
      scanned = have;
    }
    if (have >= batch_bytes_ && has_newline) break;
    buffer->resize(have + std::max<size_t>(batch_bytes_, 1 << 16));
    ssize_t n = ::read(fd_, buffer->data() + have, buffer->size() - have);
    if (n < 0) {
      buffer->resize(have);
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot read", name_, errno);
    }
    buffer->resize(have + static_cast<size_t>(n));
    if (n == 0) eof_ = true;
  }
  if (buffer->empty()) return std::nullopt;
  size_t last_nl = buffer->rfind('\n');
  if (!eof_ && last_nl != std::string::npos && last_nl + 1 < buffer->size()) {
    carry_.assign(*buffer, last_nl + 1, std::string::npos);
    buffer->resize(last_nl + 1);
  }
  LineBatch batch;
  std::string_view text(*buffer);
  uint64_t offset = position_;
  position_ += text.size();
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  SplitLines(text, offset, batch);
  batch.owned = std::move(buffer);
  return batch;
}

}  // namespace wordloom
