// A read-only memory mapping of a whole file.
//
// Immutable after Open(); safe to read from many threads. A 0-byte file maps
// to an empty view. The mapping lives as long as the object.
//
//   WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open("corpus.txt"));
//   Process(file->view());
#ifndef WORDLOOM_CORE_MAPPED_FILE_H_
#define WORDLOOM_CORE_MAPPED_FILE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wordloom {

class MappedFile {
 public:
  // Maps `path`. NotFound if it does not exist, PermissionDenied if it cannot
  // be read, FailedPrecondition if it is a directory, Internal on mmap errors.
  static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {data_, size_}; }
  const std::string& path() const { return path_; }

  // Tells the kernel the file will be read front to back.
  void AdviseSequential() const;

 private:
  MappedFile(std::string path, const char* data, size_t size)
      : path_(std::move(path)), data_(data), size_(size) {}

  std::string path_;
  const char* data_;
  size_t size_;
};

// Reads a whole file into a string (small files: configs, vocabularies).
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

// Status for a failed system call on `path`, from errno: NotFound,
// PermissionDenied, or Internal, with the path and strerror in the message.
absl::Status ErrnoStatus(const std::string& what, const std::string& path, int err);

}  // namespace wordloom

#endif  // WORDLOOM_CORE_MAPPED_FILE_H_
