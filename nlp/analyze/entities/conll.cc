#include "nlp/analyze/entities/conll.h"

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::analyze::entities {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::vector<std::string_view> SplitColumns(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    const size_t start = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    if (i > start) cols.push_back(line.substr(start, i - start));
  }
  return cols;
}

bool ValidTag(std::string_view tag) {
  if (tag == "O") return true;
  return tag.size() > 2 && tag[1] == '-' &&
         (tag[0] == 'B' || tag[0] == 'I' || tag[0] == 'L' || tag[0] == 'U' || tag[0] == 'E' ||
          tag[0] == 'S');
}

// conlleval's prefix letter and type for a tag (BILOU / IOBES mapped onto
// B and I: U, S -> B; L, E -> I).
void SplitTag(std::string_view tag, char* prefix, std::string_view* type) {
  if (tag == "O" || tag.size() < 2) {
    *prefix = 'O';
    *type = {};
    return;
  }
  char p = tag[0];
  if (p == 'U' || p == 'S') p = 'B';
  if (p == 'L' || p == 'E') p = 'I';
  *prefix = p;
  *type = tag.substr(2);
}

}  // namespace

absl::StatusOr<std::vector<ConllSentence>> ParseConll(std::string_view text,
                                                      const std::string& name) {
  std::vector<ConllSentence> sentences;
  ConllSentence current;
  int document = 0;
  bool seen_docstart = false;
  auto flush = [&] {
    if (!current.words.empty()) {
      current.document = document;
      sentences.push_back(std::move(current));
    }
    current = ConllSentence();
  };
  size_t pos = 0;
  for (int64_t line_no = 1; pos < text.size(); ++line_no) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    const std::vector<std::string_view> cols = SplitColumns(line);
    if (cols.empty()) {
      flush();
      continue;
    }
    if (cols[0] == "-DOCSTART-") {
      flush();
      if (seen_docstart) ++document;
      seen_docstart = true;
      continue;
    }
    if (cols.size() < 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ":", line_no, ": expected `token ... TAG` (at least 2 columns), got '",
          ToAbsl(line.substr(0, 80)), "'"));
    }
    if (!ValidTag(cols.back())) {
      return absl::InvalidArgumentError(absl::StrCat(name, ":", line_no, ": bad tag '",
                                                     ToAbsl(cols.back()),
                                                     "' (expected O, B-X or I-X)"));
    }
    current.words.emplace_back(cols.front());
    current.tags.emplace_back(cols.back());
  }
  flush();
  return sentences;
}

absl::StatusOr<std::vector<ConllSentence>> ReadConll(const std::string& path) {
  WL_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseConll(text, path);
}

std::vector<Chunk> ExtractChunks(const std::vector<std::string>& tags) {
  std::vector<Chunk> chunks;
  char prev = 'O';
  std::string_view prev_type;
  int start = -1;
  for (size_t i = 0; i <= tags.size(); ++i) {
    char cur = 'O';
    std::string_view type;
    if (i < tags.size()) SplitTag(tags[i], &cur, &type);
    const bool end = (prev == 'B' && (cur == 'B' || cur == 'O')) ||
                     (prev == 'I' && (cur == 'B' || cur == 'O')) ||
                     (prev != 'O' && prev_type != type);
    const bool begin = (cur == 'B') || (prev == 'O' && cur == 'I') ||
                       (cur != 'O' && prev_type != type);
    if (end && start >= 0) {
      chunks.push_back({start, static_cast<int>(i), std::string(prev_type)});
      start = -1;
    }
    if (begin) start = static_cast<int>(i);
    prev = cur;
    prev_type = type;
  }
  return chunks;
}

void AddSentence(const std::vector<std::string>& gold, const std::vector<std::string>& guess,
                 ChunkScores* scores) {
  const std::vector<Chunk> g = ExtractChunks(gold);
  const std::vector<Chunk> p = ExtractChunks(guess);
  for (const Chunk& c : g) {
    ++scores->overall.gold;
    ++scores->by_type[c.type].gold;
  }
  for (const Chunk& c : p) {
    ++scores->overall.guessed;
    ++scores->by_type[c.type].guessed;
    if (std::find(g.begin(), g.end(), c) != g.end()) {
      ++scores->overall.correct;
      ++scores->by_type[c.type].correct;
    }
  }
  const size_t n = std::min(gold.size(), guess.size());
  scores->tokens += static_cast<int64_t>(gold.size());
  for (size_t i = 0; i < n; ++i) {
    char gp, pp;
    std::string_view gt, pt;
    SplitTag(gold[i], &gp, &gt);
    SplitTag(guess[i], &pp, &pt);
    scores->correct_tags += gt == pt;
  }
}

std::string FormatScores(const ChunkScores& s) {
  std::string out = absl::StrFormat(
      "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", s.tokens,
      s.overall.gold, s.overall.guessed, s.overall.correct);
  absl::StrAppendFormat(&out,
                        "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                        s.tokens ? 100.0 * s.correct_tags / s.tokens : 0.0,
                        s.overall.Precision(), s.overall.Recall(), s.overall.F1());
  for (const auto& [type, c] : s.by_type) {
    absl::StrAppendFormat(&out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
                          type, c.Precision(), c.Recall(), c.F1(), c.guessed);
  }
  return out;
}

}  // namespace wordloom::analyze::entities
