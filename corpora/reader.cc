// OpenReader(): container detection (directory, archive, compressed, plain
// file) and the top-level reader that chains inputs and counts bad
// documents.
#include "corpora/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "corpora/line_input.h"
#include "corpora/parsers.h"
#include "corpora/streams.h"

namespace wordloom::corpora {
namespace {

constexpr std::pair<std::string_view, Format> kFormats[] = {
    {"auto", Format::kAuto},   {"dir", Format::kDir},         {"archive", Format::kArchive},
    {"tar", Format::kArchive}, {"zip", Format::kArchive},     {"file", Format::kFile},
    {"lines", Format::kLines}, {"jsonl", Format::kJsonl},     {"csv", Format::kCsv},
    {"tsv", Format::kTsv},     {"reuters", Format::kReuters}, {"ap", Format::kAp},
};

bool HasSuffix(const std::string& path, std::string_view suffix) {
  return absl::EndsWithIgnoreCase(path, ToAbsl(suffix));
}

// A plain file read by one content parser.
class PlainStream : public DocStream {
 public:
  PlainStream(std::unique_ptr<ContentParser> parser, const FdSource* source)
      : parser_(std::move(parser)), source_(source) {}
  absl::StatusOr<std::optional<Document>> Next() override { return parser_->Next(); }
  uint64_t bytes_read() const override { return source_->bytes_read(); }

 private:
  std::unique_ptr<ContentParser> parser_;
  const FdSource* source_;  // owned by the parser's LineInput
};

// Streams opened one after another by an opener, as one stream: what a
// directory (its files) and OpenReaders() (its inputs) both are.
class StreamSequence {
 public:
  using Opener = std::function<absl::StatusOr<std::unique_ptr<DocStream>>(size_t index)>;
  StreamSequence(size_t count, Opener open) : count_(count), open_(std::move(open)) {}

  absl::StatusOr<std::optional<Document>> Next() {
    while (true) {
      if (current_ != nullptr) {
        WL_ASSIGN_OR_RETURN(std::optional<Document> doc, current_->Next());
        if (doc.has_value()) return doc;
        done_bytes_ += current_->bytes_read();
        current_.reset();
      }
      if (next_ >= count_) return std::nullopt;
      WL_ASSIGN_OR_RETURN(current_, open_(next_++));
    }
  }
  uint64_t bytes_read() const { return done_bytes_ + (current_ ? current_->bytes_read() : 0); }

 private:
  const size_t count_;
  const Opener open_;
  std::unique_ptr<DocStream> current_;
  size_t next_ = 0;
  uint64_t done_bytes_ = 0;
};

// Every regular file under a directory, in sorted order.
class DirStream : public DocStream {
 public:
  DirStream(std::vector<std::string> files, const ReaderOptions& options, DocumentReader* reporter)
      : files_(std::move(files)),
        sequence_(files_.size(), [this, &options, reporter](size_t i) {
          return OpenFileStream(files_[i], false, options, reporter);
        }) {}

  absl::StatusOr<std::optional<Document>> Next() override { return sequence_.Next(); }
  uint64_t bytes_read() const override { return sequence_.bytes_read(); }

 private:
  const std::vector<std::string> files_;
  StreamSequence sequence_;
};

uint64_t SizeOf(const std::string& path) {
  struct stat st;
  if (path == "-" || stat(path.c_str(), &st) != 0) return 0;
  if (S_ISREG(st.st_mode)) return st.st_size;
  if (!S_ISDIR(st.st_mode)) return 0;
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// The reader OpenReaders() returns: inputs one after another.
class ChainReader : public DocumentReader {
 public:
  ChainReader(std::vector<std::string> paths, ReaderOptions options)
      : paths_(std::move(paths)),
        options_(std::move(options)),
        sequence_(paths_.size(), [this](size_t i) { return Open(paths_[i]); }) {
    for (const auto& p : paths_) total_ += SizeOf(p);
  }

  absl::StatusOr<std::optional<Document>> Next() override { return sequence_.Next(); }
  uint64_t bytes_read() const override { return sequence_.bytes_read(); }
  uint64_t total_bytes() const override { return total_; }

 private:
  absl::StatusOr<std::unique_ptr<DocStream>> Open(const std::string& path) {
    if (path == "-") {
      auto source = std::make_unique<FdSource>(0, false, "-");
      const FdSource* raw = source.get();
      Format format = ContentFormatFor("-", options_.format, true);
      auto parser = MakeParser(format, std::make_unique<LineInput>(std::move(source)), "-",
                               options_, this);
      return std::make_unique<PlainStream>(std::move(parser), raw);
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return OpenDirStream(path, options_, this);
    if (!std::filesystem::exists(path, ec)) {
      return absl::NotFoundError(absl::StrCat(path, ": no such file or directory"));
    }
    return OpenFileStream(path, true, options_, this);
  }

  std::vector<std::string> paths_;
  ReaderOptions options_;
  StreamSequence sequence_;
  uint64_t total_ = 0;
};

}  // namespace

absl::StatusOr<Format> ParseFormat(std::string_view name) {
  for (const auto& [n, f] : kFormats) {
    if (n == name) return f;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown format \"", ToAbsl(name),
      "\" (expected auto, dir, tar, zip, file, lines, jsonl, csv, tsv, reuters or ap)"));
}

std::string_view FormatName(Format format) {
  for (const auto& [n, f] : kFormats) {
    if (f == format) return n;
  }
  return "auto";
}

absl::Status DocumentReader::Report(const ReaderOptions& options, std::string source,
                                    absl::Status status) {
  if (options.on_error == ErrorPolicy::kFail) return status;
  ++skipped_;
  if (errors_.size() < options.max_recorded_errors) {
    errors_.push_back({std::move(source), std::move(status)});
  }
  return absl::OkStatus();
}

Container DetectContainer(const std::string& path, Format requested) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.zst", ".tzst", ".tar.bz2", ".tbz2",
                               ".tar.xz", ".txz", ".zip", ".7z", ".cpio", ".iso"}) {
    if (HasSuffix(path, ext)) return Container::kArchive;
  }
  unsigned char magic[512] = {0};
  ssize_t got = 0;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    got = pread(fd, magic, sizeof(magic), 0);
    close(fd);
  }
  if (got >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
    return Container::kArchive;
  }
  if (got >= 262 && std::string_view(reinterpret_cast<char*>(magic) + 257, 5) == "ustar") {
    return Container::kArchive;
  }
  const bool gz = got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  const bool zst = got >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd;
  const bool bz2 = got >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h';
  const bool xz = got >= 6 && magic[0] == 0xfd && magic[1] == '7' && magic[2] == 'z';
  if (gz || zst || bz2 || xz) return requested == Format::kArchive ? Container::kArchive : Container::kCompressed;
  for (std::string_view ext : {".gz", ".zst", ".bz2", ".xz"}) {
    if (HasSuffix(path, ext)) return Container::kCompressed;
  }
  return requested == Format::kArchive ? Container::kArchive : Container::kPlain;
}

absl::StatusOr<std::unique_ptr<DocStream>> OpenFileStream(const std::string& path, bool top_level,
                                                          const ReaderOptions& options,
                                                          DocumentReader* reporter) {
  switch (DetectContainer(path, options.format)) {
    case Container::kArchive:
      return OpenArchiveStream(path, false, options, reporter);
    case Container::kCompressed:
      return OpenArchiveStream(path, true, options, reporter);
    case Container::kPlain:
      break;
  }
  WL_ASSIGN_OR_RETURN(std::unique_ptr<FdSource> source, OpenFileSource(path));
  const FdSource* raw = source.get();
  Format format = ContentFormatFor(path, options.format, top_level);
  auto parser = MakeParser(format, std::make_unique<LineInput>(std::move(source)), path, options, reporter);
  return std::make_unique<PlainStream>(std::move(parser), raw);
}

absl::StatusOr<std::unique_ptr<DocStream>> OpenDirStream(const std::string& dir,
                                                         const ReaderOptions& options,
                                                         DocumentReader* reporter) {
  std::vector<std::string> files;
  std::error_code ec;
  auto it = std::filesystem::recursive_directory_iterator(dir, ec);
  if (ec) return ErrnoStatus("open directory", dir, ec.value());
  for (; it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return ErrnoStatus("read directory", dir, ec.value());
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return std::make_unique<DirStream>(std::move(files), options, reporter);
}

absl::StatusOr<std::unique_ptr<DocumentReader>> OpenReaders(const std::vector<std::string>& paths,
                                                            const ReaderOptions& options) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p != "-" && !std::filesystem::exists(p, ec)) {
      return absl::NotFoundError(absl::StrCat(p, ": no such file or directory"));
    }
  }
  return std::unique_ptr<DocumentReader>(std::make_unique<ChainReader>(paths, options));
}

absl::StatusOr<std::unique_ptr<DocumentReader>> OpenReader(const std::string& path,
                                                           const ReaderOptions& options) {
  return OpenReaders({path}, options);
}

}  // namespace wordloom::corpora
