// Archives (tar, zip, cpio, 7z... with any libarchive filter: gz, zst, bz2,
// xz) and single compressed files, read member by member without
// extracting. Each regular member is parsed by its content format; nested
// directories are just member paths. A read error (truncated archive,
// corrupt compressed data) is reported once naming the archive and member:
// libarchive cannot continue past it, so the rest of the archive is lost.
// gzip, zstd, bzip2 and xz are decoded by our Decompressor (not libarchive's filters)
// so that everything before the damage is kept (see decompressor.h).
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <string_view>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "corpora/decompressor.h"
#include "corpora/line_input.h"
#include "corpora/parsers.h"
#include "corpora/streams.h"

namespace wordloom::corpora {
namespace {

// The data of the current archive member, block by block (zero-copy).
// archive_read_data() would drop the bytes it had already copied when an
// error follows them within one call; blocks keep every good byte. Read
// errors mark the archive broken (libarchive cannot go on after them).
class MemberSource : public ByteSource {
 public:
  MemberSource(archive* a, std::string name, bool* broken)
      : archive_(a), name_(std::move(name)), broken_(broken) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    if (block_pos_ == block_size_) {
      if (end_) return 0;
      const void* block = nullptr;
      la_int64_t offset = 0;
      const int r = archive_read_data_block(archive_, &block, &block_size_, &offset);
      block_pos_ = 0;
      if (r == ARCHIVE_EOF) {
        end_ = true;
        block_size_ = 0;
        return 0;
      }
      if (r < ARCHIVE_WARN) {
        block_size_ = 0;
        *broken_ = true;
        return absl::DataLossError(
            absl::StrCat(name_, ": corrupt or truncated: ", archive_error_string(archive_)));
      }
      block_ = static_cast<const char*>(block);
      const uint64_t at = offset > 0 ? static_cast<uint64_t>(offset) : 0;
      hole_ = at > position_ ? at - position_ : 0;
    }
    if (hole_ > 0) {  // a sparse member's hole reads as zeros
      const size_t z = std::min<uint64_t>(hole_, n);
      std::memset(buf, 0, z);
      hole_ -= z;
      position_ += z;
      return z;
    }
    const size_t take = std::min(n, block_size_ - block_pos_);
    std::memcpy(buf, block_ + block_pos_, take);
    block_pos_ += take;
    position_ += take;
    return take;
  }

 private:
  archive* archive_;
  std::string name_;
  bool* broken_;
  const char* block_ = nullptr;
  size_t block_size_ = 0, block_pos_ = 0;
  uint64_t position_ = 0, hole_ = 0;
  bool end_ = false;
};

// Feeds libarchive the output of a Decompressor through its read callback.
struct CallbackSource {
  std::unique_ptr<Decompressor> decompressor;
  std::string buffer = std::string(1 << 16, '\0');

  static la_ssize_t Read(archive* a, void* data, const void** out) {
    auto* self = static_cast<CallbackSource*>(data);
    absl::StatusOr<size_t> n = self->decompressor->Read(self->buffer.data(), self->buffer.size());
    if (!n.ok()) {
      archive_set_error(a, EIO, "%s", std::string(n.status().message()).c_str());
      return ARCHIVE_FATAL;
    }
    *out = self->buffer.data();
    return static_cast<la_ssize_t>(*n);
  }
};

std::string StripCompressionSuffix(const std::string& path) {
  for (std::string_view ext : {".gz", ".zst", ".bz2", ".xz", ".lz4", ".Z"}) {
    if (absl::EndsWith(path, ToAbsl(ext))) return path.substr(0, path.size() - ext.size());
  }
  return path;
}

class ArchiveStream : public DocStream {
 public:
  // `source` (may be null) is what `a` reads through its callback.
  ArchiveStream(archive* a, std::unique_ptr<CallbackSource> source, std::string path,
                bool compressed_only, const ReaderOptions& options, DocumentReader* reporter)
      : archive_(a), source_(std::move(source)), path_(std::move(path)),
        compressed_only_(compressed_only), options_(options), reporter_(reporter) {}
  ~ArchiveStream() override { archive_read_free(archive_); }

  absl::StatusOr<std::optional<Document>> Next() override {
    while (!done_) {
      if (parser_ == nullptr) {
        WL_RETURN_IF_ERROR(NextMember());
        continue;
      }
      absl::StatusOr<std::optional<Document>> doc = parser_->Next();
      if (broken_) return Broken(doc.ok() ? absl::DataLossError(member_) : doc.status());
      if (!doc.ok()) return doc.status();
      if (doc->has_value()) return doc;
      parser_.reset();
    }
    return std::nullopt;
  }

  uint64_t bytes_read() const override {
    if (source_ != nullptr) return source_->decompressor->compressed_bytes();
    la_int64_t n = archive_filter_bytes(archive_, -1);
    return n > 0 ? static_cast<uint64_t>(n) : 0;
  }

 private:
  // Reports the broken archive (skip: end it; fail: return the error).
  absl::StatusOr<std::optional<Document>> Broken(absl::Status status) {
    done_ = true;
    parser_.reset();
    WL_RETURN_IF_ERROR(reporter_->Report(options_, member_, std::move(status)));
    return std::nullopt;
  }

  absl::Status NextMember() {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(archive_, &entry);
    if (r == ARCHIVE_EOF) {
      done_ = true;
      return absl::OkStatus();
    }
    if (r < ARCHIVE_WARN) {
      member_ = absl::StrCat(path_, member_.empty() ? "" : " after ", member_);
      absl::StatusOr<std::optional<Document>> s = Broken(absl::DataLossError(absl::StrCat(
          member_, ": corrupt or truncated archive: ", archive_error_string(archive_))));
      return s.status();
    }
    if (archive_entry_filetype(entry) != AE_IFREG && !compressed_only_) return absl::OkStatus();
    const char* name = archive_entry_pathname(entry);
    std::string member = name ? name : "";
    Format format;
    if (compressed_only_) {
      member_ = path_;
      format = ContentFormatFor(StripCompressionSuffix(path_), options_.format, true);
    } else {
      member_ = absl::StrCat(path_, "!", member);
      format = ContentFormatFor(member, options_.format, false);
    }
    auto input = std::make_unique<LineInput>(std::make_unique<MemberSource>(archive_, member_, &broken_));
    parser_ = MakeParser(format, std::move(input), member_, options_, reporter_);
    return absl::OkStatus();
  }

  archive* archive_;
  std::unique_ptr<CallbackSource> source_;  // read by archive_, which ~ArchiveStream frees first
  std::string path_;
  bool compressed_only_;
  const ReaderOptions& options_;
  DocumentReader* reporter_;
  std::unique_ptr<ContentParser> parser_;
  std::string member_;
  bool broken_ = false;
  bool done_ = false;
};

// A CallbackSource when `path` is gzip, zstd, bzip2 or xz compressed, else null.
absl::StatusOr<std::unique_ptr<CallbackSource>> OpenDecompressed(const std::string& path) {
  char magic[4] = {0};
  ssize_t got = 0;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open", path, errno);
  got = ::pread(fd, magic, sizeof(magic), 0);
  ::close(fd);
  const Decompressor::Kind kind = Decompressor::Detect(std::string_view(magic, got > 0 ? got : 0));
  if (kind == Decompressor::Kind::kNone) return std::unique_ptr<CallbackSource>();
  auto source = std::make_unique<CallbackSource>();
  WL_ASSIGN_OR_RETURN(source->decompressor, Decompressor::Open(path, kind));
  return source;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DocStream>> OpenArchiveStream(const std::string& path,
                                                             bool compressed_only,
                                                             const ReaderOptions& options,
                                                             DocumentReader* reporter) {
  WL_ASSIGN_OR_RETURN(std::unique_ptr<CallbackSource> source, OpenDecompressed(path));
  archive* a = archive_read_new();
  if (source == nullptr) archive_read_support_filter_all(a);
  if (compressed_only) {
    archive_read_support_format_raw(a);
  } else if (source != nullptr) {
    // Only formats that come compressed whole, whose bidders
    // need no long read-ahead (which would hit the damage of a truncated
    // file before its first member).
    archive_read_support_format_tar(a);
    archive_read_support_format_cpio(a);
  } else {
    archive_read_support_format_all(a);
  }
  const int opened = source != nullptr
                         ? archive_read_open(a, source.get(), nullptr, &CallbackSource::Read, nullptr)
                         : archive_read_open_filename(a, path.c_str(), 1 << 16);
  if (opened != ARCHIVE_OK) {
    std::string message = archive_error_string(a) ? archive_error_string(a) : "cannot open";
    archive_read_free(a);
    if (access(path.c_str(), R_OK) != 0) return absl::NotFoundError(absl::StrCat(path, ": ", message));
    // Unreadable as an archive: a bad input, reported like a bad document.
    WL_RETURN_IF_ERROR(reporter->Report(
        options, path, absl::DataLossError(absl::StrCat(path, ": not a readable archive: ", message))));
    return std::unique_ptr<DocStream>();
  }
  return std::make_unique<ArchiveStream>(a, std::move(source), path, compressed_only, options,
                                         reporter);
}

}  // namespace wordloom::corpora
