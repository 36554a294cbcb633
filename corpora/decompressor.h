// Streaming decompression of a whole .gz (any number of members), .zst (any
// number of frames), .bz2 or .xz (any number of streams) file with zlib /
// libzstd / libbz2 / liblzma, for the archive reader.
//
// libarchive's own filters decode in 64 KiB output blocks and throw
// away a block it cannot finish, so a truncated .tar.gz (.bz2, .xz) lost every
// document of its last block (all of them for a small archive). Decoding ourselves
// and handing libarchive the bytes through a read callback keeps every byte
// that was decodable before the damage, and names the compressed offset of
// the damage in the error. Internal to corpora/. Not thread-safe.
#ifndef WORDLOOM_CORPORA_DECOMPRESSOR_H_
#define WORDLOOM_CORPORA_DECOMPRESSOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wordloom::corpora {

class Decompressor {
 public:
  enum class Kind { kNone, kGzip, kZstd, kBzip2, kXz };
  // The compression of a file from its first bytes (kNone: neither).
  static Kind Detect(std::string_view first_bytes);

  // Opens `path` for decompression. NotFound / PermissionDenied.
  static absl::StatusOr<std::unique_ptr<Decompressor>> Open(const std::string& path, Kind kind);
  virtual ~Decompressor();

  // Reads up to `n` decompressed bytes into `buf`; 0 at the end. Every
  // byte decodable before damage is returned first; the damage (truncated
  // input, corrupt data) is then a DataLoss naming the compressed byte
  // offset, returned by this and every later call. Bytes after the last
  // complete member/frame that do not start another one are ignored.
  absl::StatusOr<size_t> Read(char* buf, size_t n);

  // Compressed bytes consumed so far.
  uint64_t compressed_bytes() const { return consumed_; }

 protected:
  Decompressor(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  // Decodes from in_[in_pos_, in_end_) into out; sets *produced. Returns a
  // non-OK status for corrupt data. `*frame_done`: a member/frame ended.
  virtual absl::Status Decode(char* out, size_t n, size_t* produced, bool* frame_done) = 0;
  // Starts the next gzip member / zstd frame / bzip2 or xz stream.
  virtual void Reset() = 0;
  // True when `bytes` (at least 4, fewer only at the end) begin a member/frame.
  virtual bool StartsFrame(std::string_view bytes) const = 0;
  virtual std::string_view name() const = 0;  // "gzip", "zstd", "bzip2", "xz"

  std::string in_;
  size_t in_pos_ = 0, in_end_ = 0;

 private:
  absl::Status Fill();
  absl::Status Damage(std::string_view what);

  int fd_;
  std::string path_;
  uint64_t consumed_ = 0;  // compressed bytes handed to the decoder
  bool eof_ = false;
  bool mid_frame_ = false;  // inside a member/frame (end of input = truncation)
  bool pending_ = false;    // the last Decode filled its output: more may be held
  bool done_ = false;
  absl::Status error_;
};

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_DECOMPRESSOR_H_
