// A bounds-checked little-endian reader over an in-memory byte view, for
// binary model files (fastText .bin, wordloom .wlm). Every read that would
// run past the end returns DataLoss naming the file, the byte offset and
// what was being read, so a truncated file never crashes a loader.
//
// Not thread-safe; one reader per parse. Does not own the bytes.
//
//   ByteReader in(file->view(), file->path());
//   WL_ASSIGN_OR_RETURN(int32_t magic, in.Read<int32_t>("magic"));
#ifndef WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_BYTE_READER_H_
#define WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_BYTE_READER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace wordloom::embeddings {

class ByteReader {
 public:
  ByteReader(std::string_view data, std::string name) : data_(data), name_(std::move(name)) {}

  // Reads one trivially copyable value (host byte order = little-endian on
  // every platform wordloom supports, as fastText assumes too).
  template <typename T>
  absl::StatusOr<T> Read(std::string_view what) {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    if (absl::Status s = Need(sizeof(T), what); !s.ok()) return s;
    std::memcpy(&value, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }

  // Reads bytes up to (not including) a '\0' terminator and skips it.
  absl::StatusOr<std::string_view> ReadCString(std::string_view what) {
    size_t end = data_.find('\0', pos_);
    if (end == std::string_view::npos) return Truncated(what);
    std::string_view s = data_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return s;
  }

  // Returns a view of the next `n` bytes and skips them.
  absl::StatusOr<std::string_view> ReadBytes(uint64_t n, std::string_view what) {
    if (absl::Status s = Need(n, what); !s.ok()) return s;
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }

  // DataLoss when fewer than `n` bytes remain.
  absl::Status Need(uint64_t n, std::string_view what) const {
    if (n > data_.size() - pos_) return Truncated(what);
    return absl::OkStatus();
  }

  // A DataLoss error at the current offset: "<file>: byte <pos>: <message>".
  absl::Status Corrupt(std::string_view message) const {
    return absl::DataLossError(absl::StrCat(name_, ": byte ", pos_, ": ", ToAbsl(message)));
  }

  void Skip(uint64_t n) { pos_ += n; }
  uint64_t position() const { return pos_; }
  uint64_t remaining() const { return data_.size() - pos_; }
  const std::string& name() const { return name_; }

 private:
  absl::Status Truncated(std::string_view what) const {
    return absl::DataLossError(absl::StrCat(name_, ": truncated or corrupt file: reading ",
                                            ToAbsl(what), " at byte ", pos_, " of ",
                                            data_.size()));
  }

  std::string_view data_;
  std::string name_;
  uint64_t pos_ = 0;
};

}  // namespace wordloom::embeddings

#endif  // WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_BYTE_READER_H_
