// The on-disk frame shared by the Detect* analyzers' model files (DESIGN.md
// "Models on disk"): magic, format version, kind, payload, checksum.
//
//   "WLMODEL\0" | u32 format version | u32 kind size | kind | u64 payload size
//   | payload | u64 XXH64 of everything before it
//
// ModelWriter builds a payload of little-endian scalars, strings and arrays
// and writes the framed file atomically (core/atomic_file.h). ModelReader
// reads one back, checking magic, kind, version, size and checksum, so a
// truncated, foreign or corrupt file gives a DataLoss / InvalidArgument
// naming the path, and every Get* is bounds-checked.
//
// Neither class is thread-safe; each is used by one loader or trainer.
#ifndef WORDLOOM_NLP_ANALYZE_LANGUAGE_MODEL_FILE_H_
#define WORDLOOM_NLP_ANALYZE_LANGUAGE_MODEL_FILE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wordloom::analyze {

class ModelWriter {
 public:
  template <typename T>
  void Put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    payload_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<uint64_t>(s.size());
    payload_.append(s);
  }
  template <typename T>
  void PutArray(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<uint64_t>(values.size());
    payload_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  // Frames the payload and writes it to `path` atomically.
  absl::Status WriteFile(const std::string& path, std::string_view kind, uint32_t version) const;

 private:
  std::string payload_;
};

class ModelReader {
 public:
  // Reads and checks `path`. NotFound / PermissionDenied from the file
  // system; InvalidArgument when it is not a wordloom model or is a model of
  // another kind; FailedPrecondition for an unsupported format version;
  // DataLoss when truncated or the checksum does not match.
  static absl::StatusOr<ModelReader> Open(const std::string& path, std::string_view kind,
                                          uint32_t version);
  // As Open() for a reader of several format versions: any version in
  // [min_version, max_version] is accepted; version() says which one it is.
  static absl::StatusOr<ModelReader> Open(const std::string& path, std::string_view kind,
                                          uint32_t min_version, uint32_t max_version);
  // As Open() over bytes already in memory (`name` is used in errors).
  static absl::StatusOr<ModelReader> FromBytes(std::string bytes, const std::string& name,
                                               std::string_view kind, uint32_t version);
  static absl::StatusOr<ModelReader> FromBytes(std::string bytes, const std::string& name,
                                               std::string_view kind, uint32_t min_version,
                                               uint32_t max_version);

  template <typename T>
  absl::Status Get(T* value) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!Need(sizeof(T))) return Truncated();
    std::memcpy(value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return absl::OkStatus();
  }
  absl::Status GetString(std::string* s);
  template <typename T>
  absl::Status GetArray(std::vector<T>* values) {
    uint64_t n = 0;
    if (absl::Status s = Get(&n); !s.ok()) return s;
    if (n > (end_ - pos_) / sizeof(T)) return Truncated();
    values->resize(n);
    if (n == 0) return absl::OkStatus();  // data() may be null: no memcpy
    std::memcpy(values->data(), bytes_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return absl::OkStatus();
  }
  // OK when the whole payload was consumed; DataLoss otherwise.
  absl::Status ExpectEnd() const;
  const std::string& name() const { return name_; }
  // The file's format version.
  uint32_t version() const { return version_; }
  // DataLoss naming the file: for a payload whose values are inconsistent.
  absl::Status Corrupt(std::string_view what) const;

 private:
  ModelReader(std::string bytes, std::string name, uint32_t version, size_t pos, size_t end)
      : bytes_(std::move(bytes)), name_(std::move(name)), version_(version), pos_(pos),
        end_(end) {}
  bool Need(size_t n) const { return end_ - pos_ >= n; }
  absl::Status Truncated() const;

  std::string bytes_;
  std::string name_;
  uint32_t version_;
  size_t pos_;
  size_t end_;
};

}  // namespace wordloom::analyze

#endif  // WORDLOOM_NLP_ANALYZE_LANGUAGE_MODEL_FILE_H_
