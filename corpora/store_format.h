// Encoding pieces of the corpus store shared by its writer and reader:
// varints, document-table rows, the MANIFEST text and a stable 64-bit hash.
// Internal to corpora/.
#ifndef WORDLOOM_CORPORA_STORE_FORMAT_H_
#define WORDLOOM_CORPORA_STORE_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "corpora/store.h"

namespace wordloom::corpora::store_format {

inline constexpr std::string_view kMagic = "wordloom-corpus-store";
inline constexpr int kVersion = 1;

void AppendVarint(uint64_t value, std::string* out);
// Decodes a varint at `*pos` in `data`; false when truncated or too long.
bool ReadVarint(std::string_view data, size_t* pos, uint64_t* value);

// FNV-1a 64: stable across runs and machines (not absl::Hash, which is
// seeded per process).
uint64_t Fnv64(std::string_view data, uint64_t seed = 14695981039346656037ull);

// One document-table line (without "\n") and its parser.
std::string EncodeDocRow(const DocumentInfo& info, uint64_t tokens);
absl::Status DecodeDocRow(std::string_view line, DocumentInfo* info, uint64_t* tokens);

using ShardEntry = ShardInfo;

struct Manifest {
  std::string fingerprint;
  uint64_t input_position = 0;
  uint64_t pipeline_skipped = 0;
  uint64_t reader_skipped = 0;
  uint64_t documents = 0;
  uint64_t tokens = 0;
  std::string vocab_file;  // "" before the first commit
  std::vector<ShardEntry> shards;
  bool complete = false;
  bool pruned = false;
};

std::string EncodeManifest(const Manifest& manifest);
// DataLoss naming `path` for a corrupt or truncated manifest.
absl::StatusOr<Manifest> DecodeManifest(std::string_view data, const std::string& path);

std::string ShardName(size_t index);

}  // namespace wordloom::corpora::store_format

#endif  // WORDLOOM_CORPORA_STORE_FORMAT_H_
