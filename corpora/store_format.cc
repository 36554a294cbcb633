#include "corpora/store_format.h"

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/strings.h"
#include "nlohmann/json.hpp"

namespace wordloom::corpora::store_format {
namespace {

// Escapes \t, \n, \r and \\ so a field fits in a TSV cell.
void AppendEscaped(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '\t': out->append("\\t"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\\': out->append("\\\\"); break;
      default: out->push_back(c);
    }
  }
}

std::string Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
  }
  return out;
}

}  // namespace

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

bool ReadVarint(std::string_view data, size_t* pos, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && *pos < data.size(); shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(data[(*pos)++]);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

uint64_t Fnv64(std::string_view data, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string EncodeDocRow(const DocumentInfo& info, uint64_t tokens) {
  std::string row;
  AppendEscaped(info.id, &row);
  row.push_back('\t');
  AppendEscaped(info.source, &row);
  absl::StrAppend(&row, "\t", info.byte_length, "\t", tokens, "\t");
  nlohmann::json meta = nlohmann::json::object();
  for (const auto& [k, v] : info.metadata) meta[k] = v;
  row.append(meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return row;
}

absl::Status DecodeDocRow(std::string_view line, DocumentInfo* info, uint64_t* tokens) {
  std::vector<absl::string_view> f = absl::StrSplit(ToAbsl(line), '\t');
  if (f.size() != 5 || !absl::SimpleAtoi(f[2], &info->byte_length) ||
      !absl::SimpleAtoi(f[3], tokens)) {
    return absl::DataLossError("malformed document-table row");
  }
  info->id = Unescape(ToStd(f[0]));
  info->source = Unescape(ToStd(f[1]));
  info->metadata.clear();
  nlohmann::json meta = nlohmann::json::parse(f[4].begin(), f[4].end(), nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) return absl::DataLossError("malformed metadata");
  for (auto it = meta.begin(); it != meta.end(); ++it) {
    info->metadata.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
  }
  return absl::OkStatus();
}

std::string ShardName(size_t index) {
  char name[32];
  snprintf(name, sizeof(name), "shard-%06zu", index);
  return name;
}

std::string EncodeManifest(const Manifest& m) {
  std::string out = absl::StrCat(ToAbsl(kMagic), " ", kVersion, "\n");
  std::string fp;
  AppendEscaped(m.fingerprint, &fp);
  absl::StrAppend(&out, "fingerprint\t", fp, "\n");
  absl::StrAppend(&out, "input_position\t", m.input_position, "\n");
  absl::StrAppend(&out, "pipeline_skipped\t", m.pipeline_skipped, "\n");
  absl::StrAppend(&out, "reader_skipped\t", m.reader_skipped, "\n");
  absl::StrAppend(&out, "documents\t", m.documents, "\n");
  absl::StrAppend(&out, "tokens\t", m.tokens, "\n");
  absl::StrAppend(&out, "vocab\t", m.vocab_file, "\n");
  for (const ShardEntry& s : m.shards) {
    absl::StrAppend(&out, "shard\t", s.name, "\t", s.documents, "\t", s.tokens, "\t", s.tok_hash,
                    "\t", s.docs_hash, "\n");
  }
  absl::StrAppend(&out, "complete\t", m.complete ? 1 : 0, "\n");
  absl::StrAppend(&out, "pruned\t", m.pruned ? 1 : 0, "\n");
  absl::StrAppend(&out, "end\t", Fnv64(out), "\n");
  return out;
}

absl::StatusOr<Manifest> DecodeManifest(std::string_view data, const std::string& path) {
  auto corrupt = [&](std::string_view why) {
    return absl::DataLossError(absl::StrCat(path, ": corrupt corpus-store manifest: ", ToAbsl(why)));
  };
  const size_t end = data.rfind("end\t");
  if (end == std::string_view::npos) return corrupt("truncated (no end line)");
  uint64_t hash = 0;
  std::string_view tail = data.substr(end + 4);
  if (!tail.empty() && tail.back() == '\n') tail.remove_suffix(1);
  if (!absl::SimpleAtoi(ToAbsl(tail), &hash) || hash != Fnv64(data.substr(0, end))) {
    return corrupt("checksum mismatch");
  }
  Manifest m;
  bool first = true;
  for (absl::string_view line : absl::StrSplit(ToAbsl(data.substr(0, end)), '\n', absl::SkipEmpty())) {
    if (first) {
      if (line != absl::StrCat(ToAbsl(kMagic), " ", kVersion)) return corrupt("not a version 1 store");
      first = false;
      continue;
    }
    std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    bool ok = true;
    if (f[0] == "fingerprint" && f.size() == 2) m.fingerprint = Unescape(ToStd(f[1]));
    else if (f[0] == "input_position" && f.size() == 2) ok = absl::SimpleAtoi(f[1], &m.input_position);
    else if (f[0] == "pipeline_skipped" && f.size() == 2) ok = absl::SimpleAtoi(f[1], &m.pipeline_skipped);
    else if (f[0] == "reader_skipped" && f.size() == 2) ok = absl::SimpleAtoi(f[1], &m.reader_skipped);
    else if (f[0] == "documents" && f.size() == 2) ok = absl::SimpleAtoi(f[1], &m.documents);
    else if (f[0] == "tokens" && f.size() == 2) ok = absl::SimpleAtoi(f[1], &m.tokens);
    else if (f[0] == "vocab" && f.size() == 2) m.vocab_file = std::string(f[1]);
    else if (f[0] == "complete" && f.size() == 2) m.complete = f[1] == "1";
    else if (f[0] == "pruned" && f.size() == 2) m.pruned = f[1] == "1";
    else if (f[0] == "shard" && f.size() == 6) {
      ShardEntry s;
      s.name = std::string(f[1]);
      ok = absl::SimpleAtoi(f[2], &s.documents) && absl::SimpleAtoi(f[3], &s.tokens) &&
           absl::SimpleAtoi(f[4], &s.tok_hash) && absl::SimpleAtoi(f[5], &s.docs_hash);
      m.shards.push_back(std::move(s));
    } else {
      ok = false;
    }
    if (!ok) return corrupt(absl::StrCat("bad line '", line, "'"));
  }
  if (first) return corrupt("empty");
  return m;
}

}  // namespace wordloom::corpora::store_format
