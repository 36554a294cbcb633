// wordloom neighbors --model MODEL [--k K] [FILE...]
//   One query per input line: a word (or several words: their sentence
//   vector). One JSON object per line:
//   {"query":"king","neighbors":[{"word":"queen","score":0.81},...]}
//   Exact cosine search over the whole vocabulary (query words excluded).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "embeddings/word2vec/model_io.h"
#include "embeddings/word2vec/neighbor_index.h"
#include "embeddings/word2vec/query_normalizer.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace w2v = ::wordloom::embeddings::word2vec;

struct NeighborsFlags {
  std::string model;
  bool progress = false;
  size_t k = 10;
  std::vector<std::string> files;
};

void AppendNeighbors(const w2v::WordVectors& vectors, const std::vector<w2v::Neighbor>& found,
                     std::string* out) {
  for (size_t i = 0; i < found.size(); ++i) {
    out->append(i > 0 ? ",{\"word\":" : "{\"word\":");
    AppendJsonString(out, vectors.word(found[i].id));
    absl::StrAppend(out, ",\"score\":", found[i].score, "}");
  }
}

absl::Status RunNeighbors(const NeighborsFlags& flags) {
  WL_ASSIGN_OR_RETURN(auto vectors, w2v::LoadVectors(flags.model, flags.progress ? ProgressOptions::Mode::kAlways
                                                                  : ProgressOptions::Mode::kAuto));
  WL_ASSIGN_OR_RETURN(auto normalizer, w2v::QueryNormalizer::Create(vectors->query_normalization()));
  auto index = w2v::ExactNeighborIndex::Build(*vectors);
  std::vector<float> query(vectors->dim());
  return FormatLines(flags.files, [&](std::string_view line, std::string* out) {
    std::vector<std::string> words;
    for (absl::string_view w : absl::StrSplit(ToAbsl(line), absl::ByAnyChar(" \t\r"), absl::SkipEmpty())) {
      words.push_back(normalizer->Normalize(ToStd(w)));
    }
    if (words.empty()) return absl::OkStatus();
    std::vector<std::string_view> views(words.begin(), words.end());
    std::vector<int32_t> exclude;
    for (const std::string& w : words) exclude.push_back(vectors->Find(w));
    bool has_vector = words.size() == 1 ? vectors->WordVector(words[0], query.data())
                                        : vectors->SentenceVector(views, query.data());
    out->append("{\"query\":");
    AppendJsonString(out, line);
    out->append(",\"neighbors\":[");
    if (has_vector) AppendNeighbors(*vectors, index->Search(query.data(), flags.k, exclude), out);
    out->append("]}\n");
    return absl::OkStatus();
  });
}

}  // namespace

void AddNeighborsCommand(CLI::App& app) {
  auto flags = std::make_shared<NeighborsFlags>();
  CLI::App* cmd = app.add_subcommand("neighbors", "Nearest neighbours of words (JSON lines)");
  cmd->add_option("--model", flags->model, "Model: .wlm, fastText .bin or .vec")->required();
  cmd->add_flag("--progress", flags->progress,
                "Show model loading progress on stderr even when not a terminal");
  cmd->add_option("--k", flags->k, "Neighbours per query")->capture_default_str();
  cmd->add_option("files", flags->files, "Input files, one query per line (default: stdin)");
  SetAction(cmd, [flags] { return RunNeighbors(*flags); });
}

}  // namespace wordloom::tools
