// wordloom keyphrases [--store STORE] [FILE...]
//     one JSON object per input line, as Comprehend's DetectKeyPhrases:
//     {"KeyPhrases":[{"Text":"...","Score":0.93,"BeginOffset":0,"EndOffset":12}]}
//     (UTF-8 byte offsets; idf from the store's document frequencies)
// wordloom eval-keyphrases --data DIR [--background DIR | --store STORE]
//     F1@5 / F1@10 on a Hulth-2003 directory (N.abstr + N.uncontr), exact
//     match after Porter stemming; the background corpus gives the idf.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "corpora/store.h"
#include "nlp/analyze/keyphrases/keyphrase_eval.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "tools/analyze_lines.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

struct KeyphraseFlags {
  std::vector<std::string> files;
  std::string store;
  std::string data;        // eval only
  std::string background;  // eval only: a Hulth directory
  size_t max_phrases = 10;
  size_t max_words = 4;
  double first_sentence_bonus = 1.0;
  double length_weight = 1.0;
  bool keep_contained = false;
  bool all_occurrences = false;
  size_t threads = 0;
};

absl::StatusOr<std::unique_ptr<nlp::KeyphraseExtractor>> MakeExtractor(
    const KeyphraseFlags& f, std::shared_ptr<const nlp::Vocabulary> background) {
  if (!f.store.empty()) {
    WL_ASSIGN_OR_RETURN(auto store, corpora::StoreReader::Open(f.store));
    background = std::make_shared<nlp::Vocabulary>(store->vocabulary());
  }
  nlp::KeyphraseOptions o;
  o.max_phrases = f.max_phrases;
  o.max_words = f.max_words;
  o.first_sentence_bonus = f.first_sentence_bonus;
  o.length_weight = f.length_weight;
  o.drop_contained = !f.keep_contained;
  return nlp::KeyphraseExtractor::Create(o, std::move(background));
}

void AppendPhrase(const nlp::KeyPhrase& p, nlp::Span span, std::string_view line, std::string* out) {
  out->append("{\"Text\":");
  AppendJsonString(out, line.substr(span.begin, span.end - span.begin));
  absl::StrAppend(out, ",\"Score\":", p.score, ",\"BeginOffset\":", span.begin,
                  ",\"EndOffset\":", span.end, "}");
}

absl::Status RunKeyphrases(const KeyphraseFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const nlp::KeyphraseExtractor> extractor,
                      MakeExtractor(flags, nullptr));
  const bool all = flags.all_occurrences;
  return AnalyzeLines(flags.files, flags.threads,
                      [extractor, all](std::string_view line, std::string* out) -> absl::Status {
                        WL_ASSIGN_OR_RETURN(std::vector<nlp::KeyPhrase> phrases, extractor->Extract(line));
                        out->append("{\"KeyPhrases\":[");
                        bool first = true;
                        for (const nlp::KeyPhrase& p : phrases) {
                          for (const nlp::Span& s : all ? p.occurrences : std::vector<nlp::Span>{p.first}) {
                            if (!first) out->push_back(',');
                            first = false;
                            AppendPhrase(p, s, line, out);
                          }
                        }
                        out->append("]}");
                        return absl::OkStatus();
                      });
}

absl::Status RunEval(const KeyphraseFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::vector<nlp::LabeledAbstract> data, nlp::ReadHulthDirectory(flags.data));
  std::shared_ptr<const nlp::Vocabulary> background;
  if (!flags.background.empty()) {
    WL_ASSIGN_OR_RETURN(std::vector<nlp::LabeledAbstract> bg, nlp::ReadHulthDirectory(flags.background));
    std::vector<std::string> texts;
    for (auto& a : bg) texts.push_back(std::move(a.text));
    WL_ASSIGN_OR_RETURN(background, nlp::BackgroundFromTexts(texts));
  }
  WL_ASSIGN_OR_RETURN(auto extractor, MakeExtractor(flags, background));
  WL_ASSIGN_OR_RETURN(nlp::KeyphraseEvaluation e, nlp::EvaluateKeyphrases(*extractor, data));
  return WriteAll(stdout, absl::StrCat(
      "{\"documents\":", e.documents, ",\"f1_at_5\":", e.at5.f1, ",\"f1_at_10\":", e.at10.f1,
      ",\"p_at_5\":", e.at5.precision, ",\"r_at_5\":", e.at5.recall, ",\"p_at_10\":", e.at10.precision,
      ",\"r_at_10\":", e.at10.recall, ",\"micro_f1_at_5\":", e.at5.micro_f1,
      ",\"micro_f1_at_10\":", e.at10.micro_f1, "}\n"));
}

void AddScoringFlags(CLI::App* cmd, KeyphraseFlags* f) {
  cmd->add_option("--store", f->store, "Corpus store whose document frequencies give the idf");
  cmd->add_option("--max-phrases", f->max_phrases, "Phrases per document (0 = all)");
  cmd->add_option("--max-words", f->max_words, "Words per phrase (1..N)");
  cmd->add_option("--first-sentence-bonus", f->first_sentence_bonus, "Score x (1 + this) in the first sentence");
  cmd->add_option("--length-weight", f->length_weight, "Score x this^(words - 1)");
  cmd->add_flag("--keep-contained", f->keep_contained, "Keep phrases inside a better phrase (dropped by default)");
}

}  // namespace

void AddKeyphrasesCommands(CLI::App& app) {
  auto flags = std::make_shared<KeyphraseFlags>();
  CLI::App* cmd = app.add_subcommand("keyphrases", "Key phrases per input line (Comprehend DetectKeyPhrases)");
  cmd->add_option("files", flags->files, "Input files (default: stdin)");
  AddScoringFlags(cmd, flags.get());
  cmd->add_flag("--all-occurrences", flags->all_occurrences, "One entry per occurrence (Comprehend lists repeats)");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  SetAction(cmd, [flags] { return RunKeyphrases(*flags); });

  auto eval = std::make_shared<KeyphraseFlags>();
  CLI::App* ecmd = app.add_subcommand("eval-keyphrases", "F1@5/F1@10 on a Hulth-2003 directory");
  ecmd->add_option("--data", eval->data, "Directory of N.abstr + N.uncontr")->required();
  ecmd->add_option("--background", eval->background, "Hulth directory whose abstracts give the idf");
  AddScoringFlags(ecmd, eval.get());
  SetAction(ecmd, [eval] { return RunEval(*eval); });
}

}  // namespace wordloom::tools
