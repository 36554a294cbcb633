// wordloom analogy --model MODEL [--k K] [--method add|mul] [FILE...]
//   One analogy per input line, "a b c" meaning a : b :: c : ?. One JSON
//   object per line:
//   {"query":"man king woman","answers":[{"word":"queen","score":0.7},...]}
//   or {"query":...,"error":"..."} when a word has no vector.
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

struct AnalogyFlags {
  std::string model;
  bool progress = false;
  size_t k = 10;
  std::string method = "add";
  std::vector<std::string> files;
};

// Appends the JSON body after {"query":...  for one line.
void AnswerLine(const w2v::WordVectors& vectors, const w2v::QueryNormalizer& normalizer,
                const w2v::ExactNeighborIndex& index, const AnalogyFlags& flags,
                std::string_view line, std::string* out) {
  std::vector<std::string> words;
  for (absl::string_view w : absl::StrSplit(ToAbsl(line), absl::ByAnyChar(" \t\r"), absl::SkipEmpty())) {
    words.push_back(normalizer.Normalize(ToStd(w)));
  }
  if (words.size() != 3) {
    absl::StrAppend(out, ",\"error\":\"expected three words a b c (a : b :: c : ?)\"}\n");
    return;
  }
  const size_t dim = vectors.dim();
  std::vector<float> v(3 * dim);
  std::vector<int32_t> exclude;
  for (int i = 0; i < 3; ++i) {
    if (!vectors.WordVector(words[i], v.data() + i * dim)) {
      out->append(",\"error\":");
      AppendJsonString(out, absl::StrCat("no vector for \"", words[i], "\""));
      out->append("}\n");
      return;
    }
    exclude.push_back(vectors.Find(words[i]));
  }
  auto method = flags.method == "mul" ? w2v::AnalogyMethod::k3CosMul : w2v::AnalogyMethod::k3CosAdd;
  std::vector<w2v::Neighbor> found =
      w2v::Analogy(index, v.data(), v.data() + dim, v.data() + 2 * dim, flags.k, method, exclude);
  out->append(",\"answers\":[");
  for (size_t i = 0; i < found.size(); ++i) {
    out->append(i > 0 ? ",{\"word\":" : "{\"word\":");
    AppendJsonString(out, vectors.word(found[i].id));
    absl::StrAppend(out, ",\"score\":", found[i].score, "}");
  }
  out->append("]}\n");
}

absl::Status RunAnalogy(const AnalogyFlags& flags) {
  WL_ASSIGN_OR_RETURN(auto vectors, w2v::LoadVectors(flags.model, flags.progress ? ProgressOptions::Mode::kAlways
                                                                  : ProgressOptions::Mode::kAuto));
  WL_ASSIGN_OR_RETURN(auto normalizer, w2v::QueryNormalizer::Create(vectors->query_normalization()));
  auto index = w2v::ExactNeighborIndex::Build(*vectors);
  return FormatLines(flags.files, [&](std::string_view line, std::string* out) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return absl::OkStatus();
    out->append("{\"query\":");
    AppendJsonString(out, line);
    AnswerLine(*vectors, *normalizer, *index, flags, line, out);
    return absl::OkStatus();
  });
}

}  // namespace

void AddAnalogyCommand(CLI::App& app) {
  auto flags = std::make_shared<AnalogyFlags>();
  CLI::App* cmd = app.add_subcommand("analogy", "Word analogies a : b :: c : ? (JSON lines)");
  cmd->add_option("--model", flags->model, "Model: .wlm, fastText .bin or .vec")->required();
  cmd->add_flag("--progress", flags->progress,
                "Show model loading progress on stderr even when not a terminal");
  cmd->add_option("--k", flags->k, "Answers per query")->capture_default_str();
  cmd->add_option("--method", flags->method, "add (3CosAdd) or mul (3CosMul)")
      ->check(CLI::IsMember({"add", "mul"}));
  cmd->add_option("files", flags->files, "Input files, one \"a b c\" per line (default: stdin)");
  SetAction(cmd, [flags] { return RunAnalogy(*flags); });
}

}  // namespace wordloom::tools
