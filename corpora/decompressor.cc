#include "corpora/decompressor.h"

#include <bzlib.h>
#include <fcntl.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::corpora {
namespace {

constexpr size_t kInputBuffer = 1 << 16;

bool IsGzipStart(std::string_view b) {
  return b.size() >= 2 && static_cast<uint8_t>(b[0]) == 0x1f && static_cast<uint8_t>(b[1]) == 0x8b;
}

bool IsZstdStart(std::string_view b) {
  if (b.size() < 4) return false;
  const auto u = [&](size_t i) { return static_cast<uint8_t>(b[i]); };
  const bool frame = u(0) == 0x28 && u(1) == 0xb5 && u(2) == 0x2f && u(3) == 0xfd;
  const bool skippable = (u(0) & 0xf0) == 0x50 && u(1) == 0x2a && u(2) == 0x4d && u(3) == 0x18;
  return frame || skippable;
}

bool IsBzip2Start(std::string_view b) {
  return b.size() >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9';
}

bool IsXzStart(std::string_view b) {
  return b.size() >= 4 && static_cast<uint8_t>(b[0]) == 0xfd && b[1] == '7' && b[2] == 'z' && b[3] == 'X';
}

class GzipDecompressor : public Decompressor {
 public:
  GzipDecompressor(int fd, std::string path) : Decompressor(fd, std::move(path)) {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK;  // gzip wrapper only
  }
  ~GzipDecompressor() override {
    if (ok_) inflateEnd(&z_);
  }

 protected:
  absl::Status Decode(char* out, size_t n, size_t* produced, bool* frame_done) override {
    if (!ok_) return absl::InternalError("zlib inflateInit2 failed");
    z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    z_.avail_in = static_cast<uInt>(in_end_ - in_pos_);
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(n);
    const int r = inflate(&z_, Z_NO_FLUSH);
    in_pos_ = in_end_ - z_.avail_in;
    *produced = n - z_.avail_out;
    *frame_done = r == Z_STREAM_END;
    if (r == Z_OK || r == Z_STREAM_END || r == Z_BUF_ERROR) return absl::OkStatus();
    return absl::DataLossError(absl::StrCat("corrupt gzip data (", z_.msg ? z_.msg : "zlib error", ")"));
  }
  void Reset() override { inflateReset(&z_); }
  bool StartsFrame(std::string_view bytes) const override { return IsGzipStart(bytes); }
  std::string_view name() const override { return "gzip"; }

 private:
  z_stream z_;
  bool ok_ = false;
};

class ZstdDecompressor : public Decompressor {
 public:
  ZstdDecompressor(int fd, std::string path)
      : Decompressor(fd, std::move(path)), ctx_(ZSTD_createDCtx()) {}
  ~ZstdDecompressor() override { ZSTD_freeDCtx(ctx_); }

 protected:
  absl::Status Decode(char* out, size_t n, size_t* produced, bool* frame_done) override {
    if (ctx_ == nullptr) return absl::InternalError("ZSTD_createDCtx failed");
    ZSTD_inBuffer in{in_.data() + in_pos_, in_end_ - in_pos_, 0};
    ZSTD_outBuffer o{out, n, 0};
    const size_t r = ZSTD_decompressStream(ctx_, &o, &in);
    in_pos_ += in.pos;
    *produced = o.pos;
    if (ZSTD_isError(r)) {
      return absl::DataLossError(absl::StrCat("corrupt zstd data (", ZSTD_getErrorName(r), ")"));
    }
    *frame_done = r == 0;
    return absl::OkStatus();
  }
  void Reset() override {}  // the next call starts the next frame
  bool StartsFrame(std::string_view bytes) const override { return IsZstdStart(bytes); }
  std::string_view name() const override { return "zstd"; }

 private:
  ZSTD_DCtx* ctx_;
};

// bzip2 (any number of concatenated streams, as bzip2 -d reads them). bzip2
// emits a block's output only once the whole block (up to 900 kB of text)
// is decoded, so a truncated file keeps every complete block.
class Bzip2Decompressor : public Decompressor {
 public:
  Bzip2Decompressor(int fd, std::string path) : Decompressor(fd, std::move(path)) { Init(); }
  ~Bzip2Decompressor() override {
    if (ok_) BZ2_bzDecompressEnd(&z_);
  }

 protected:
  absl::Status Decode(char* out, size_t n, size_t* produced, bool* frame_done) override {
    if (!ok_) return absl::InternalError("BZ2_bzDecompressInit failed");
    z_.next_in = in_.data() + in_pos_;
    z_.avail_in = static_cast<unsigned>(in_end_ - in_pos_);
    z_.next_out = out;
    z_.avail_out = static_cast<unsigned>(n);
    const int r = BZ2_bzDecompress(&z_);
    in_pos_ = in_end_ - z_.avail_in;
    *produced = n - z_.avail_out;
    *frame_done = r == BZ_STREAM_END;
    if (r == BZ_OK || r == BZ_STREAM_END) return absl::OkStatus();
    return absl::DataLossError(absl::StrCat("corrupt bzip2 data (error ", r, ")"));
  }
  void Reset() override {
    if (ok_) BZ2_bzDecompressEnd(&z_);
    Init();
  }
  bool StartsFrame(std::string_view bytes) const override { return IsBzip2Start(bytes); }
  std::string_view name() const override { return "bzip2"; }

 private:
  void Init() {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = BZ2_bzDecompressInit(&z_, 0, 0) == BZ_OK;
  }
  bz_stream z_;
  bool ok_ = false;
};

// xz (one stream after another; stream padding ends the input). LZMA2
// output comes out as it is decoded, so a truncated file keeps every byte
// before the cut.
class XzDecompressor : public Decompressor {
 public:
  XzDecompressor(int fd, std::string path) : Decompressor(fd, std::move(path)) { Init(); }
  ~XzDecompressor() override { lzma_end(&z_); }

 protected:
  absl::Status Decode(char* out, size_t n, size_t* produced, bool* frame_done) override {
    if (!ok_) return absl::InternalError("lzma_stream_decoder failed");
    z_.next_in = reinterpret_cast<const uint8_t*>(in_.data() + in_pos_);
    z_.avail_in = in_end_ - in_pos_;
    z_.next_out = reinterpret_cast<uint8_t*>(out);
    z_.avail_out = n;
    const lzma_ret r = lzma_code(&z_, LZMA_RUN);
    in_pos_ = in_end_ - z_.avail_in;
    *produced = n - z_.avail_out;
    *frame_done = r == LZMA_STREAM_END;
    if (r == LZMA_OK || r == LZMA_STREAM_END || r == LZMA_BUF_ERROR) return absl::OkStatus();
    return absl::DataLossError(absl::StrCat("corrupt xz data (lzma error ", static_cast<int>(r), ")"));
  }
  void Reset() override {
    lzma_end(&z_);
    Init();
  }
  bool StartsFrame(std::string_view bytes) const override { return IsXzStart(bytes); }
  std::string_view name() const override { return "xz"; }

 private:
  void Init() {
    z_ = LZMA_STREAM_INIT;
    ok_ = lzma_stream_decoder(&z_, UINT64_MAX, 0) == LZMA_OK;
  }
  lzma_stream z_ = LZMA_STREAM_INIT;
  bool ok_ = false;
};

}  // namespace

Decompressor::Kind Decompressor::Detect(std::string_view first_bytes) {
  if (IsGzipStart(first_bytes)) return Kind::kGzip;
  if (IsZstdStart(first_bytes)) return Kind::kZstd;
  if (IsBzip2Start(first_bytes)) return Kind::kBzip2;
  if (IsXzStart(first_bytes)) return Kind::kXz;
  return Kind::kNone;
}

absl::StatusOr<std::unique_ptr<Decompressor>> Decompressor::Open(const std::string& path, Kind kind) {
  if (kind == Kind::kNone) return absl::InvalidArgumentError(absl::StrCat(path, ": not compressed"));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open", path, errno);
  std::unique_ptr<Decompressor> d;
  switch (kind) {
    case Kind::kGzip: d = std::make_unique<GzipDecompressor>(fd, path); break;
    case Kind::kZstd: d = std::make_unique<ZstdDecompressor>(fd, path); break;
    case Kind::kBzip2: d = std::make_unique<Bzip2Decompressor>(fd, path); break;
    case Kind::kXz: d = std::make_unique<XzDecompressor>(fd, path); break;
    case Kind::kNone: break;
  }
  d->in_.resize(kInputBuffer);
  return d;
}

Decompressor::~Decompressor() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status Decompressor::Fill() {
  if (in_pos_ > 0) {
    std::memmove(in_.data(), in_.data() + in_pos_, in_end_ - in_pos_);
    in_end_ -= in_pos_;
    in_pos_ = 0;
  }
  while (in_end_ < in_.size()) {
    const ssize_t got = ::read(fd_, in_.data() + in_end_, in_.size() - in_end_);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return ErrnoStatus("cannot read", path_, errno);
    if (got == 0) {
      eof_ = true;
      break;
    }
    in_end_ += static_cast<size_t>(got);
    if (in_end_ >= 4) break;
  }
  return absl::OkStatus();
}

absl::Status Decompressor::Damage(std::string_view what) {
  error_ = absl::DataLossError(
      absl::StrCat(ToAbsl(what), " at compressed byte ", consumed_));
  return error_;
}

absl::StatusOr<size_t> Decompressor::Read(char* buf, size_t n) {
  if (!error_.ok()) return error_;
  while (!done_ && n > 0) {
    if (in_end_ - in_pos_ < 4 && !eof_) WL_RETURN_IF_ERROR(Fill());
    const bool input_left = in_pos_ < in_end_;
    if (!input_left && !pending_) {
      if (!eof_) continue;
      if (mid_frame_) return Damage(absl::StrCat("truncated ", ToAbsl(name()), " input"));
      done_ = true;
      break;
    }
    if (!mid_frame_ && !pending_ &&
        !StartsFrame(std::string_view(in_.data() + in_pos_, in_end_ - in_pos_))) {
      done_ = true;  // trailing bytes after the last member: ignored, as gzip does
      break;
    }
    const size_t before = in_pos_;
    size_t produced = 0;
    bool frame_done = false;
    const absl::Status s = Decode(buf, n, &produced, &frame_done);
    consumed_ += in_pos_ - before;
    if (!s.ok()) {
      // Damage() records the error in error_, returned below once the
      // good bytes are out.
      Damage(ToStd(s.message())).IgnoreError();
      if (produced > 0) return produced;  // the good bytes first
      return error_;
    }
    if (produced == 0 && in_pos_ == before && input_left && !frame_done) {
      return Damage(absl::StrCat(ToAbsl(name()), " decoder made no progress"));
    }
    pending_ = produced == n;
    mid_frame_ = !frame_done;
    if (frame_done) {
      Reset();
      pending_ = false;
    }
    if (produced > 0) return produced;
  }
  return 0;
}

}  // namespace wordloom::corpora
