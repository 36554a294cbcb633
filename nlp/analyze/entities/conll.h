// CoNLL-2003 style named-entity data and its scoring.
//
// ReadConll() reads `token ... TAG` lines (whitespace-separated columns, the
// tag last; blank line between sentences; `-DOCSTART-` lines separate
// documents). Tags are O or B-X / I-X in IOB1 or IOB2.
//
// ScoreChunks() is conlleval's entity-level scoring: a chunk is counted
// correct when guessed and gold chunks have the same first token, last token
// and type; precision, recall and F1 overall and per type. Chunks follow
// conlleval's start/end rules for B/I/O tags (an I-X after O or after a
// different type starts a chunk), so IOB1 and IOB2 score alike; BILOU tags
// are accepted too (L and U read as I and B).
//
// Functions only; no shared state.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_CONLL_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_CONLL_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace wordloom::analyze::entities {

struct ConllSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;  // one per word, as in the file
  int document = 0;               // index of the -DOCSTART- document (0 if none)
};

// InvalidArgument naming file and line for a line without a tag column or
// with a tag that is not O, B-X or I-X; NotFound etc. from the file system.
absl::StatusOr<std::vector<ConllSentence>> ReadConll(const std::string& path);
// As ReadConll() over text already in memory (`name` is used in errors).
absl::StatusOr<std::vector<ConllSentence>> ParseConll(std::string_view text,
                                                      const std::string& name);

// A chunk: words [begin, end) of one sentence with entity type `type`.
struct Chunk {
  int begin = 0;
  int end = 0;
  std::string type;
  bool operator<(const Chunk& o) const {
    return begin != o.begin ? begin < o.begin : end != o.end ? end < o.end : type < o.type;
  }
  bool operator==(const Chunk& o) const {
    return begin == o.begin && end == o.end && type == o.type;
  }
};

// The chunks of one tag sequence under conlleval's rules.
std::vector<Chunk> ExtractChunks(const std::vector<std::string>& tags);

struct ChunkCounts {
  int64_t correct = 0;  // guessed chunks that match a gold chunk exactly
  int64_t guessed = 0;
  int64_t gold = 0;
  double Precision() const { return guessed ? 100.0 * correct / guessed : 0.0; }
  double Recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct ChunkScores {
  ChunkCounts overall;
  std::map<std::string, ChunkCounts> by_type;
  int64_t tokens = 0;
  // Tokens whose entity type (or O) matches; unlike conlleval's accuracy
  // this ignores the B-/I- prefix, so IOB1 gold and IOB2 guesses compare.
  int64_t correct_tags = 0;
};

// Adds one sentence's gold and guessed tags (same length) to `scores`.
void AddSentence(const std::vector<std::string>& gold, const std::vector<std::string>& guess,
                 ChunkScores* scores);

// conlleval-like report: overall line and one line per type.
std::string FormatScores(const ChunkScores& scores);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_CONLL_H_
