#include "nlp/analyze/language/model_file.h"

#include <xxhash.h>

#include "absl/strings/str_cat.h"
#include "core/atomic_file.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::analyze {
namespace {

constexpr char kMagic[8] = {'W', 'L', 'M', 'O', 'D', 'E', 'L', '\0'};

template <typename T>
void Append(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
T Load(const std::string& s, size_t pos) {
  T v;
  std::memcpy(&v, s.data() + pos, sizeof(T));
  return v;
}

}  // namespace

absl::Status ModelWriter::WriteFile(const std::string& path, std::string_view kind,
                                    uint32_t version) const {
  std::string header(kMagic, sizeof(kMagic));
  Append<uint32_t>(&header, version);
  Append<uint32_t>(&header, static_cast<uint32_t>(kind.size()));
  header.append(kind);
  Append<uint64_t>(&header, payload_.size());
  XXH64_state_t* state = XXH64_createState();
  XXH64_reset(state, 0);
  XXH64_update(state, header.data(), header.size());
  XXH64_update(state, payload_.data(), payload_.size());
  std::string trailer;
  Append<uint64_t>(&trailer, XXH64_digest(state));
  XXH64_freeState(state);
  WL_ASSIGN_OR_RETURN(auto out, AtomicFileWriter::Create(path));
  WL_RETURN_IF_ERROR(out->Append(header));
  WL_RETURN_IF_ERROR(out->Append(payload_));
  WL_RETURN_IF_ERROR(out->Append(trailer));
  return out->Commit();
}

absl::StatusOr<ModelReader> ModelReader::Open(const std::string& path, std::string_view kind,
                                              uint32_t version) {
  return Open(path, kind, version, version);
}

absl::StatusOr<ModelReader> ModelReader::Open(const std::string& path, std::string_view kind,
                                              uint32_t min_version, uint32_t max_version) {
  WL_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
  return FromBytes(std::move(bytes), path, kind, min_version, max_version);
}

absl::StatusOr<ModelReader> ModelReader::FromBytes(std::string bytes, const std::string& name,
                                                   std::string_view kind, uint32_t version) {
  return FromBytes(std::move(bytes), name, kind, version, version);
}

absl::StatusOr<ModelReader> ModelReader::FromBytes(std::string bytes, const std::string& name,
                                                   std::string_view kind, uint32_t min_version,
                                                   uint32_t max_version) {
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": not a wordloom model file (bad magic)"));
  }
  size_t pos = sizeof(kMagic);
  if (bytes.size() < pos + 8) return absl::DataLossError(absl::StrCat(name, ": truncated header"));
  const uint32_t file_version = Load<uint32_t>(bytes, pos);
  const uint32_t kind_size = Load<uint32_t>(bytes, pos + 4);
  pos += 8;
  if (bytes.size() < pos + kind_size + 8) {
    return absl::DataLossError(absl::StrCat(name, ": truncated header"));
  }
  const std::string_view file_kind(bytes.data() + pos, kind_size);
  if (file_kind != kind) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": is a '", ToAbsl(file_kind),
                                                   "' model, expected '", ToAbsl(kind), "'"));
  }
  if (file_version < min_version || file_version > max_version) {
    const std::string expected = min_version == max_version
                                     ? absl::StrCat(max_version)
                                     : absl::StrCat(min_version, "..", max_version);
    return absl::FailedPreconditionError(absl::StrCat(
        name, ": format version ", file_version, " is not supported (expected ", expected, ")"));
  }
  pos += kind_size;
  const uint64_t payload_size = Load<uint64_t>(bytes, pos);
  pos += 8;
  if (bytes.size() - pos < 8 || bytes.size() - pos - 8 != payload_size) {
    return absl::DataLossError(absl::StrCat(name, ": truncated or oversized (payload says ",
                                            payload_size, " bytes, file has ",
                                            bytes.size() - pos, " after the header)"));
  }
  const size_t end = pos + payload_size;
  if (XXH64(bytes.data(), end, 0) != Load<uint64_t>(bytes, end)) {
    return absl::DataLossError(absl::StrCat(name, ": checksum mismatch (corrupt file)"));
  }
  return ModelReader(std::move(bytes), name, file_version, pos, end);
}

absl::Status ModelReader::GetString(std::string* s) {
  uint64_t n = 0;
  WL_RETURN_IF_ERROR(Get(&n));
  if (!Need(n)) return Truncated();
  s->assign(bytes_.data() + pos_, n);
  pos_ += n;
  return absl::OkStatus();
}

absl::Status ModelReader::ExpectEnd() const {
  if (pos_ == end_) return absl::OkStatus();
  return Corrupt(absl::StrCat(end_ - pos_, " unread payload bytes"));
}

absl::Status ModelReader::Corrupt(std::string_view what) const {
  return absl::DataLossError(absl::StrCat(name_, ": corrupt model: ", ToAbsl(what)));
}

absl::Status ModelReader::Truncated() const {
  return absl::DataLossError(absl::StrCat(name_, ": payload ends early at byte ", pos_));
}

}  // namespace wordloom::analyze
