// Archives (tar, zip, cpio, 7z... with any libarchive filter: gz, zst, bz2,
// xz) and single compressed files, read member by member without
// extracting. Each regular member is parsed by its content format; nested
// directories are just member paths. A read error (truncated archive,
// corrupt compressed data) is reported once naming the archive and member:
// libarchive cannot continue past it, so the rest of the archive is lost.
#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <string_view>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "corpora/line_input.h"
#include "corpora/parsers.h"
#include "corpora/streams.h"

namespace wordloom::corpora {
namespace {

// The data of the current archive member. Read errors mark the archive
// broken (libarchive cannot go on after them).
class MemberSource : public ByteSource {
 public:
  MemberSource(archive* a, std::string name, bool* broken)
      : archive_(a), name_(std::move(name)), broken_(broken) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    la_ssize_t got = archive_read_data(archive_, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    *broken_ = true;
    return absl::DataLossError(
        absl::StrCat(name_, ": corrupt or truncated: ", archive_error_string(archive_)));
  }

 private:
  archive* archive_;
  std::string name_;
  bool* broken_;
};

std::string StripCompressionSuffix(const std::string& path) {
  for (std::string_view ext : {".gz", ".zst", ".bz2", ".xz", ".lz4", ".Z"}) {
    if (absl::EndsWith(path, ToAbsl(ext))) return path.substr(0, path.size() - ext.size());
  }
  return path;
}

class ArchiveStream : public DocStream {
 public:
  ArchiveStream(archive* a, std::string path, bool compressed_only, const ReaderOptions& options,
                DocumentReader* reporter)
      : archive_(a), path_(std::move(path)), compressed_only_(compressed_only),
        options_(options), reporter_(reporter) {}
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
  std::string path_;
  bool compressed_only_;
  const ReaderOptions& options_;
  DocumentReader* reporter_;
  std::unique_ptr<ContentParser> parser_;
  std::string member_;
  bool broken_ = false;
  bool done_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<DocStream>> OpenArchiveStream(const std::string& path,
                                                             bool compressed_only,
                                                             const ReaderOptions& options,
                                                             DocumentReader* reporter) {
  archive* a = archive_read_new();
  archive_read_support_filter_all(a);
  if (compressed_only) {
    archive_read_support_format_raw(a);
  } else {
    archive_read_support_format_all(a);
  }
  if (archive_read_open_filename(a, path.c_str(), 1 << 16) != ARCHIVE_OK) {
    std::string message = archive_error_string(a) ? archive_error_string(a) : "cannot open";
    archive_read_free(a);
    if (access(path.c_str(), R_OK) != 0) return absl::NotFoundError(absl::StrCat(path, ": ", message));
    // Unreadable as an archive: a bad input, reported like a bad document.
    WL_RETURN_IF_ERROR(reporter->Report(
        options, path, absl::DataLossError(absl::StrCat(path, ": not a readable archive: ", message))));
    return std::unique_ptr<DocStream>();
  }
  return std::make_unique<ArchiveStream>(a, path, compressed_only, options, reporter);
}

}  // namespace wordloom::corpora
